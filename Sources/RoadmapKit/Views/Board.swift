/// `roadmap board`: Kanban columns by status, in workflow order, each card with its owner.
/// With a kind, every status of that kind is a column (empty ones too); without, the columns
/// are the statuses in use, in the order of the kinds' workflows.
public struct Board: Sendable {
    public struct Card: Sendable, Equatable {
        public var id: String
        public var kind: Kind
        public var title: String
        public var owner: String?
    }

    public struct Column: Sendable {
        public var status: String
        public var cards: [Card]
    }

    public var columns: [Column]

    /// Statuses of every kind in one workflow order.
    static let workflow = ["proposed", "planned", "active", "in-progress", "live", "shipped", "done", "cancelled"]

    public init(_ snapshot: Snapshot, kind: Kind? = nil) {
        let items = snapshot.items.filter { $0.kind != nil && (kind == nil || $0.kind == kind) }
        var order = kind?.statuses ?? Board.workflow.filter { status in items.contains { $0.status == status } }
        for item in items where !order.contains(item.status) { order.append(item.status) }
        columns = order.map { status in
            Column(status: status, cards: items.filter { $0.status == status }
                .sorted { ($0.kind!, $0.id) < ($1.kind!, $1.id) }
                .map { Card(id: $0.id, kind: $0.kind!, title: $0.title ?? $0.id, owner: $0.owner) })
        }
    }
}

/// Draws a board as text: side by side when the columns fit the width (at least 16
/// characters each), else one column under another. Item text is stripped of control characters.
public struct BoardTextRenderer: Sendable {
    public var width: Int
    public var color: Bool

    public init(width: Int = 80, color: Bool = false) {
        self.width = max(width, 20)
        self.color = color
    }

    private func paint(_ s: String, _ code: String) -> String { color && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// A card's lines: `id (kind)`, the title, the owner.
    func lines(_ card: Board.Card, width: Int) -> [(String, String)] {
        [(TimelineTextRenderer.fit(sanitizeForTerminal("\(card.id) (\(card.kind.rawValue))"), width), "2"),
         (TimelineTextRenderer.fit(sanitizeForTerminal(card.title), width), "1"),
         (TimelineTextRenderer.fit(sanitizeForTerminal(card.owner ?? "no owner"), width), card.owner == nil ? "2" : "36")]
    }

    public func render(_ board: Board) -> String {
        guard !board.columns.isEmpty else { return "no items\n" }
        let gap = 2
        let columnWidth = (width - gap * (board.columns.count - 1)) / board.columns.count
        var out: [String] = []
        if columnWidth >= 16 {
            // Side by side: a header row, then card rows; each cell padded to the column width.
            var grid: [[(String, String)]] = board.columns.map { column in
                var cells: [(String, String)] = [
                    (TimelineTextRenderer.fit("\(sanitizeForTerminal(column.status).uppercased()) (\(column.cards.count))", columnWidth), "1"),
                    (String(repeating: "─", count: columnWidth), "2"),
                ]
                for (i, card) in column.cards.enumerated() {
                    if i > 0 { cells.append(("", "")) }
                    cells += lines(card, width: columnWidth)
                }
                return cells
            }
            let height = grid.map(\.count).max() ?? 0
            for i in grid.indices { while grid[i].count < height { grid[i].append(("", "")) } }
            for r in 0..<height {
                var line = ""
                for (c, column) in grid.enumerated() {
                    let (text, code) = column[r]
                    let padded = c == grid.count - 1 ? text : TimelineTextRenderer.pad(text, columnWidth + gap)
                    line += paint(text, code) + String(padded.dropFirst(text.count))
                }
                out.append(String(line.reversed().drop { $0 == " " }.reversed()))
            }
        } else {
            // Too narrow: one column under another.
            for (i, column) in board.columns.enumerated() {
                if i > 0 { out.append("") }
                out.append(paint("\(sanitizeForTerminal(column.status).uppercased()) (\(column.cards.count))", "1"))
                for card in column.cards {
                    out.append(TimelineTextRenderer.fit("  • " + sanitizeForTerminal(card.title), width))
                    let detail = "\(card.owner ?? "no owner") · \(card.id) (\(card.kind.rawValue))"
                    out.append(paint(TimelineTextRenderer.fit("    " + sanitizeForTerminal(detail), width), "2"))
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
