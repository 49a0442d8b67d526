/// The canonical layout of item files (`roadmap fmt`).
public enum YAMLFormatter {
    /// Rewrites a document whose top-level node is a block mapping: top-level keys in `keyOrder`
    /// (unknown keys after, in their original order), two-space indentation for nested block
    /// collections, sequences indented under their key, one blank line before each top-level key
    /// in `blankLineBefore`, no other blank lines (a file header comment separated by a blank line
    /// keeps it), comments kept with the key or item below them, the file's line ending, and a
    /// trailing line break. Scalars keep their text and quoting. Other documents are returned as
    /// they are.
    public static func canonical(_ doc: YAMLDocument, keyOrder: [String], blankLineBefore: Set<String>) -> [UInt8] {
        guard doc.tree.kind == .blockMapping else { return doc.bytes }
        var f = Formatter(b: doc.bytes, eol: doc.lineEnding)
        return f.format(doc.tree, keyOrder: keyOrder, blankLineBefore: blankLineBefore)
    }
}

private struct Formatter {
    let b: [UInt8]
    let eol: [UInt8]
    var out: [UInt8] = []

    init(b: [UInt8], eol: [UInt8]) {
        self.b = b
        self.eol = eol
        out.reserveCapacity(b.count + 64)
    }

    var bomLength: Int { b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0 }

    func lineStart(_ i: Int) -> Int {
        var p = min(i, b.count)
        while p > 0 && b[p - 1] != cLF { p -= 1 }
        return max(p, p == 0 ? bomLength : p)
    }
    func lineEnd(_ i: Int) -> Int {
        var p = i
        while p < b.count && b[p] != cLF && b[p] != cCR { p += 1 }
        return p
    }
    func nextLine(_ i: Int) -> Int {
        let e = lineEnd(i)
        if e >= b.count { return b.count }
        return b[e] == cCR ? e + 2 : e + 1
    }
    func trimmed(_ s: Int, _ e: Int) -> ArraySlice<UInt8> {
        var s = s, e = e
        while s < e && (b[s] == cSP || b[s] == cTAB) { s += 1 }
        while e > s && (b[e - 1] == cSP || b[e - 1] == cTAB) { e -= 1 }
        return b[s..<e]
    }
    func column(_ i: Int) -> Int { i - lineStart(i) }

    mutating func pad(_ n: Int) { out.append(contentsOf: repeatElement(cSP, count: n)) }
    mutating func newline() { out.append(contentsOf: eol) }

    /// Full-line comments in the lines from `from` (a line start) up to the line containing `to`.
    func commentLines(from: Int, to: Int) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var p = from
        let stop = lineStart(to)
        while p < stop && p < b.count {
            let t = trimmed(p, lineEnd(p))
            if t.first == UInt8(ascii: "#") { result.append(t) }
            p = nextLine(p)
        }
        return result
    }

    /// A comment after `i` on its line, as " # …", else empty.
    func tailComment(_ i: Int) -> ArraySlice<UInt8> {
        let t = trimmed(i, lineEnd(i))
        return t.first == UInt8(ascii: "#") ? t : []
    }

    mutating func emitComments(_ lines: [ArraySlice<UInt8>], indent: Int) {
        for l in lines { pad(indent); out.append(contentsOf: l); newline() }
    }

    mutating func emitTail(_ i: Int) {
        let t = tailComment(i)
        if !t.isEmpty { out.append(cSP); out.append(contentsOf: t) }
    }

    mutating func format(_ root: SyntaxNode, keyOrder: [String], blankLineBefore: Set<String>) -> [UInt8] {
        out.append(contentsOf: b[0..<bomLength])
        // Header: lines before the first key up to the last blank line or '---'.
        let firstLine = lineStart(root.start)
        var headerEnd = bomLength
        var p = bomLength
        var sawBlank = false
        while p < firstLine {
            let t = trimmed(p, lineEnd(p))
            let next = nextLine(p)
            if t.isEmpty { headerEnd = next; sawBlank = true }
            if t.starts(with: Array("---".utf8)) { headerEnd = next; sawBlank = false }
            p = next
        }
        var q = bomLength
        var headerLines = 0
        while q < headerEnd {
            let t = trimmed(q, lineEnd(q))
            if !t.isEmpty { out.append(contentsOf: t); newline(); headerLines += 1 }
            q = nextLine(q)
        }
        if headerLines > 0 && sawBlank { newline() }
        // Top-level entries with their leading comments.
        struct Entry { var index: Int; var comments: [ArraySlice<UInt8>] }
        var entries: [Entry] = []
        var prevEnd = headerEnd
        for i in 0..<root.keyCount {
            let from = i == 0 ? headerEnd : nextLine(entryEnd(root, i - 1))
            entries.append(Entry(index: i, comments: commentLines(from: from, to: root.key(i).start)))
            prevEnd = entryEnd(root, i)
        }
        func name(_ i: Int) -> String? { if case let .string(s) = root.key(i).value { return s }; return nil }
        var ordered: [Entry] = []
        for k in keyOrder { ordered += entries.filter { name($0.index) == k } }
        ordered += entries.filter { e in !(name(e.index).map(keyOrder.contains) ?? false) }
        for (n, e) in ordered.enumerated() {
            // A blank line after a keep-chomped block scalar would become part of its value.
            if n > 0, let k = name(e.index), blankLineBefore.contains(k),
               !endsWithKeepScalar(root.child(ordered[n - 1].index)) {
                newline()
            }
            emitComments(e.comments, indent: 0)
            emitEntry(root, e.index, indent: 0)
        }
        // Trailing comments and '...'.
        var t = nextLine(prevEnd)
        while t < b.count {
            let line = trimmed(t, lineEnd(t))
            if !line.isEmpty { out.append(contentsOf: line); newline() }
            t = nextLine(t)
        }
        return out
    }

    func endsWithKeepScalar(_ v: SyntaxNode) -> Bool {
        if v.isBlockCollection, v.childCount > 0 { return endsWithKeepScalar(v.child(v.childCount - 1)) }
        guard v.kind == .scalar, v.style == .literal || v.style == .folded else { return false }
        return b[v.start..<lineEnd(v.start)].prefix { $0 != cSP && $0 != cTAB }.contains(UInt8(ascii: "+"))
    }

    func entryEnd(_ node: SyntaxNode, _ i: Int) -> Int {
        max(node.child(i).end, node.indicator(i) + 1)
    }

    /// `key: value` of a block mapping at `indent`, ending with a line break.
    mutating func emitEntry(_ map: SyntaxNode, _ i: Int, indent: Int) {
        pad(indent)
        let key = map.key(i)
        out.append(contentsOf: b[key.start..<key.end])
        out.append(UInt8(ascii: ":"))
        emitValue(map.child(i), indicator: map.indicator(i), indent: indent)
    }

    /// The value after a `:` or `-` indicator at `indent`, ending with a line break.
    mutating func emitValue(_ v: SyntaxNode, indicator: Int, indent: Int) {
        let sameLine = v.start == v.end || lineStart(v.start) == lineStart(indicator)
        if v.kind == .blockMapping || v.kind == .blockSequence {
            if !sameLine { emitTail(indicator + 1) }
            newline()
            let comments = sameLine ? [] : commentLines(from: nextLine(indicator), to: v.start)
            if v.kind == .blockMapping { emitMapping(v, indent: indent + 2, firstComments: comments) }
            else { emitSequence(v, indent: indent + 2, firstComments: comments) }
            return
        }
        if v.start == v.end {
            emitTail(indicator + 1)
            newline()
            return
        }
        out.append(cSP)
        if v.kind == .scalar && (v.style == .literal || v.style == .folded) {
            emitBlockScalar(v, ownerColumn: ownerColumn(indicator), indent: indent)
            return
        }
        // An inline scalar or flow collection, possibly over several lines.
        var p = v.start
        var first = true
        while p < v.end {
            let e = min(lineEnd(p), v.end)
            if first { out.append(contentsOf: b[p..<e]) } else {
                newline()
                var s = p
                while s < e && (b[s] == cSP || b[s] == cTAB) { s += 1 }
                if s < e { pad(indent + 2); out.append(contentsOf: b[s..<e]) }
            }
            first = false
            if e >= v.end { break }
            p = nextLine(e)
        }
        emitTail(v.end)
        newline()
    }

    /// The column of the key (for `:`) or dash (for `-`) that owns an indicator.
    func ownerColumn(_ indicator: Int) -> Int {
        if b[indicator] == UInt8(ascii: "-") { return column(indicator) }
        // The key starts after the indentation or a "- " prefix on the indicator's line.
        var p = lineStart(indicator)
        while p < indicator {
            if b[p] == cSP { p += 1; continue }
            if b[p] == UInt8(ascii: "-") && (b[p + 1] == cSP) { p += 2; continue }
            break
        }
        return column(p)
    }

    mutating func emitBlockScalar(_ v: SyntaxNode, ownerColumn: Int, indent: Int) {
        // Header: indicator characters up to the line end (with its comment).
        let headerEnd = lineEnd(v.start)
        var digit = 0
        var h = v.start + 1
        while h < headerEnd && b[h] != cSP && b[h] != cTAB {
            if b[h] >= UInt8(ascii: "1") && b[h] <= UInt8(ascii: "9") { digit = Int(b[h] - UInt8(ascii: "0")) }
            h += 1
        }
        if lineEnd(v.end) == b.count && v.end > headerEnd {
            // The value's last line has no line break, so the value has no final newline; the
            // canonical layout adds one, so the chomping becomes strip ('-') to keep the data.
            out.append(b[v.start])
            if digit > 0 { out.append(UInt8(ascii: "0") + UInt8(digit)) }
            out.append(UInt8(ascii: "-"))
            out.append(contentsOf: trimmed(h, headerEnd).isEmpty ? [] : [cSP] + trimmed(h, headerEnd))
        } else {
            out.append(contentsOf: trimmed(v.start, headerEnd))
        }
        // Old content indentation.
        var oldIndent: Int
        if digit > 0 { oldIndent = ownerColumn + digit } else {
            oldIndent = 0
            var p = nextLine(headerEnd)
            while p < v.end {
                var q = p
                while q < b.count && b[q] == cSP { q += 1 }
                if q < b.count && b[q] != cLF && b[q] != cCR { oldIndent = q - p; break }
                p = nextLine(p)
            }
        }
        let newIndent = indent + (digit > 0 ? digit : 2)
        var p = nextLine(headerEnd)
        while p <= v.end && p < b.count {
            let e = lineEnd(p)
            newline()
            var q = p
            while q < e && q - p < oldIndent && b[q] == cSP { q += 1 }
            if q < e {
                pad(newIndent)
                out.append(contentsOf: b[q..<e])
            }
            p = nextLine(e)
        }
        newline()
    }

    mutating func emitMapping(_ m: SyntaxNode, indent: Int, firstComments: [ArraySlice<UInt8>]) {
        for i in 0..<m.keyCount {
            let comments = i == 0 ? firstComments : commentLines(from: nextLine(entryEnd(m, i - 1)), to: m.key(i).start)
            emitComments(comments, indent: indent)
            emitEntry(m, i, indent: indent)
        }
    }

    mutating func emitSequence(_ s: SyntaxNode, indent: Int, firstComments: [ArraySlice<UInt8>]) {
        for i in 0..<s.childCount {
            let comments = i == 0 ? firstComments : commentLines(from: nextLine(entryEnd(s, i - 1)), to: s.indicator(i))
            emitComments(comments, indent: indent)
            pad(indent)
            out.append(UInt8(ascii: "-"))
            let item = s.child(i)
            let dash = s.indicator(i)
            let compact = item.isBlockCollection && lineStart(item.start) == lineStart(dash)
            let movable = item.isBlockCollection && !compact && tailComment(dash + 1).isEmpty
                && commentLines(from: nextLine(dash), to: item.start).isEmpty
            if compact || movable {
                out.append(cSP)
                if item.kind == .blockMapping {
                    for k in 0..<item.keyCount {
                        if k > 0 {
                            emitComments(commentLines(from: nextLine(entryEnd(item, k - 1)), to: item.key(k).start),
                                         indent: indent + 2)
                            pad(indent + 2)
                        }
                        out.append(contentsOf: b[item.key(k).start..<item.key(k).end])
                        out.append(UInt8(ascii: ":"))
                        emitValue(item.child(k), indicator: item.indicator(k), indent: indent + 2)
                    }
                } else {
                    // A sequence in a sequence: "- - a" then "  - b".
                    var sub = Formatter(b: b, eol: eol)
                    sub.emitSequence(item, indent: indent + 2, firstComments: [])
                    // Drop the first line's indentation: it follows "- ".
                    out.append(contentsOf: sub.out.dropFirst(indent + 2))
                }
                continue
            }
            emitValue(item, indicator: dash, indent: indent)
        }
    }
}
