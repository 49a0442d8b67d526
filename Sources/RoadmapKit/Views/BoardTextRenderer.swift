/// Draws a board as text for a terminal `width` characters wide.
///
/// Side by side when every column gets at least `minimumColumnWidth` characters: a header per
/// column with its status and count (`IN-PROGRESS (3)`), a rule, then the cards — the title
/// wrapped within the column, the id (with the kind when the board mixes kinds), the owner.
/// When the columns do not fit, the empty ones are left out and named under the board; when
/// they still do not fit, the columns are stacked one under another. Columns are at most
/// `maximumColumnWidth` wide, so a wide terminal does not stretch cards into long lines.
/// Item text is stripped of control characters; widths count characters (as the timeline does).
public struct BoardTextRenderer: Sendable {
    public var width: Int
    public var color: Bool

    /// The narrowest column drawn side by side: room for a status (`IN-PROGRESS` is 11) and
    /// short words of a title.
    public static let minimumColumnWidth = 12
    public static let maximumColumnWidth = 40
    static let gap = 2

    public init(width: Int = 80, color: Bool = false) {
        self.width = max(width, 20)
        self.color = color
    }

    private func paint(_ s: String, _ code: String) -> String { color && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public func render(_ board: Board) -> String {
        guard !board.columns.isEmpty else { return "no items\n" }
        if fits(board.columns.count) { return sideBySide(board.columns, board: board, left: []) }
        let shown = board.columns.filter { !$0.cards.isEmpty }
        if !shown.isEmpty && shown.count < board.columns.count && fits(shown.count) {
            return sideBySide(shown, board: board, left: board.columns.filter(\.cards.isEmpty))
        }
        return stacked(board)
    }

    /// The width of each of `n` columns side by side (before the maximum applies).
    func columnWidth(_ n: Int) -> Int { (width - Self.gap * (n - 1)) / n }
    func fits(_ n: Int) -> Bool { columnWidth(n) >= Self.minimumColumnWidth }

    /// The header, card and owner lines of one column, each with its color.
    func cells(_ column: Board.Column, board: Board, width w: Int, headerHeight: Int) -> [(String, String)] {
        var cells = Self.header(column, width: w).map { ($0, "1") }
        while cells.count < headerHeight { cells.append(("", "")) }
        cells.append((String(repeating: "─", count: w), "2"))
        for (i, card) in column.cards.enumerated() {
            if i > 0 { cells.append(("", "")) }
            cells += Self.wrap(sanitizeForTerminal(card.title), w).map { ($0, "1") }
            let id = board.kind == nil ? "\(card.id) (\(card.kind.rawValue))" : card.id
            cells += Self.wrap(sanitizeForTerminal(id), w).map { ($0, "2") }
            cells.append((TimelineTextRenderer.fit(sanitizeForTerminal(card.owner ?? "no owner"), w), card.owner == nil ? "2" : "36"))
        }
        return cells
    }

    static func header(_ column: Board.Column, width: Int) -> [String] {
        wrap("\(sanitizeForTerminal(column.status).uppercased()) (\(column.cards.count))", width)
    }

    func sideBySide(_ columns: [Board.Column], board: Board, left empty: [Board.Column]) -> String {
        let w = min(columnWidth(columns.count), Self.maximumColumnWidth)
        let headerHeight = columns.map { Self.header($0, width: w).count }.max() ?? 1
        var grid = columns.map { cells($0, board: board, width: w, headerHeight: headerHeight) }
        let height = grid.map(\.count).max() ?? 0
        for i in grid.indices { while grid[i].count < height { grid[i].append(("", "")) } }
        var out: [String] = []
        for r in 0..<height {
            var line = ""
            for (c, column) in grid.enumerated() {
                let (text, code) = column[r]
                let padded = c == grid.count - 1 ? text : TimelineTextRenderer.pad(text, w + Self.gap)
                line += paint(text, code) + String(padded.dropFirst(text.count))
            }
            out.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        if !empty.isEmpty {
            out.append("")
            let names = empty.map { sanitizeForTerminal($0.status).uppercased() + " (0)" }.joined(separator: ", ")
            out += Self.wrap("Empty: " + names, width).map { paint($0, "2") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Too narrow for columns: one under another, each card's title and details wrapped under a bullet.
    func stacked(_ board: Board) -> String {
        var out: [String] = []
        for (i, column) in board.columns.enumerated() {
            if i > 0 { out.append("") }
            out.append(paint(TimelineTextRenderer.fit("\(sanitizeForTerminal(column.status).uppercased()) (\(column.cards.count))", width), "1"))
            for card in column.cards {
                for (k, line) in Self.wrap(sanitizeForTerminal(card.title), width - 4).enumerated() {
                    out.append((k == 0 ? "  • " : "    ") + line)
                }
                let detail = "\(card.owner ?? "no owner") · \(card.id) (\(card.kind.rawValue))"
                out += Self.wrap(sanitizeForTerminal(detail), width - 4).map { paint("    " + $0, "2") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `text` in lines of at most `width` characters, broken between words; a word longer than
    /// the width is broken after its last hyphen that fits (ids and titles such as
    /// `usage-based-pricing`), else cut. Never empty: an empty text is one empty line.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        for piece in text.split(separator: " ") {
            var word = Substring(piece)
            while word.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                let head = word.prefix(width)
                var cut = width
                if let dash = head.lastIndex(of: "-"), dash != head.startIndex {
                    cut = head.distance(from: head.startIndex, to: dash) + 1
                }
                lines.append(String(word.prefix(cut)))
                word = word.dropFirst(cut)
            }
            if word.isEmpty { continue }
            if line.isEmpty { line = String(word) }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
