/// A parsed document: its exact bytes, the positions of every node, and format-preserving edits.
///
/// Printing is `bytes`: an unedited document prints as the input, byte for byte. An edit splices
/// new text into the byte range of the field it changes, then re-parses the result and checks
/// that it loads to the expected data, so `root` is always accurate and an edit never leaves a
/// document that means something else.
public struct YAMLDocument: Sendable {
    public private(set) var bytes: [UInt8]
    public private(set) var root: YAMLNode
    /// The lossless tree: the top-level node and the entries of every collection.
    var rawRoot: RawNode
    var arena: [SyntaxEntry]
    var values: [YAMLValue]
    var lineStarts: [Int]

    /// The lossless tree's top-level node.
    var tree: SyntaxNode { SyntaxNode(rawRoot, arena, values) }

    init(bytes: [UInt8], root: RawNode, arena: [SyntaxEntry], values: [YAMLValue], lineStarts: [Int]) {
        self.bytes = bytes
        self.rawRoot = root
        self.arena = arena
        self.values = values
        self.lineStarts = lineStarts
        let table = LineTable(lineStarts: lineStarts)
        self.root = bytes.withUnsafeBufferPointer { b in
            arena.withUnsafeBufferPointer { a in
                values.withUnsafeBufferPointer { v in
                    var cursor = LineCursor(table, b)
                    return YAMLDocument.publicNode(root, a, v, &cursor)
                }
            }
        }
    }

    /// Parses `bytes` (same as `YAMLParser.parse`).
    public init(parsing bytes: [UInt8]) throws(YAMLSyntaxError) {
        self = try YAMLParser.parse(bytes)
    }

    /// The document's data.
    public var data: YAMLValue { tree.data }

    /// The document's line ending: CRLF when its first line ends with one, else LF.
    public var lineEnding: [UInt8] {
        guard let lf = bytes.firstIndex(of: cLF) else { return [cLF] }
        return lf > 0 && bytes[lf - 1] == cCR ? [cCR, cLF] : [cLF]
    }

    @inline(__always)
    static func publicScalar(_ s: RawNode, _ v: UnsafeBufferPointer<YAMLValue>, _ c: inout LineCursor) -> YAMLNode {
        let loc = c.location(s.start)
        return YAMLNode(.scalar(value: s.valueIndex < 0 ? .null : v[Int(s.valueIndex)], style: s.style), at: loc)
    }

    /// The public tree of `s`, built directly from the arena (scalars without a call of their own).
    static func publicNode(_ s: RawNode, _ a: UnsafeBufferPointer<SyntaxEntry>, _ v: UnsafeBufferPointer<YAMLValue>,
                           _ c: inout LineCursor) -> YAMLNode {
        if s.kind == .scalar { return publicScalar(s, v, &c) }
        let loc = c.location(s.start)
        if s.kind == .blockSequence || s.kind == .flowSequence {
            var items: [YAMLNode] = []
            items.reserveCapacity(Int(s.entryCount))
            for i in s.entries {
                let child = a[i].child
                items.append(child.kind == .scalar ? publicScalar(child, v, &c) : publicNode(child, a, v, &c))
            }
            return YAMLNode(.sequence(items), at: loc)
        }
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(Int(s.entryCount))
        for i in s.entries {
            let e = a[i]
            let key = e.key.kind == .scalar ? publicScalar(e.key, v, &c) : publicNode(e.key, a, v, &c)
            let value = e.child.kind == .scalar ? publicScalar(e.child, v, &c) : publicNode(e.child, a, v, &c)
            pairs.append(YAMLPair(key: key, value: value))
        }
        return YAMLNode(.mapping(pairs), at: loc)
    }
}

// MARK: - Editing

extension YAMLDocument {
    /// Sets the scalar at `path` (creating the key, and missing parent mappings, when absent).
    /// A string keeps the old value's quoting when that still reads back as the same string.
    public mutating func setScalar(_ path: [String], _ value: YAMLValue) throws {
        switch value {
        case .sequence, .mapping: try setValue(path, value, RenderPreference())
        default: try setValue(path, value, RenderPreference())
        }
    }

    /// Sets any value at `path`; collections are written in block style unless they replace a
    /// flow collection.
    public mutating func setValue(_ path: [String], _ value: YAMLValue) throws {
        try setValue(path, value, RenderPreference())
    }

    /// Sets a list. `flow`: force `[a, b]` (true) or block (false); nil keeps the existing style
    /// (block for a new key).
    public mutating func setSequence(_ path: [String], _ values: [YAMLValue], flow: Bool? = nil) throws {
        var pref = RenderPreference()
        pref.flow = flow
        try setValue(path, .sequence(values), pref)
    }

    /// Sets a text, written as a literal block scalar (`|`) when it can be.
    public mutating func setText(_ path: [String], _ text: String) throws {
        var pref = RenderPreference()
        pref.literal = true
        try setValue(path, .string(text), pref)
    }

    /// Removes the key (or sequence item, by index) at `path`.
    public mutating func remove(_ path: [String]) throws {
        do { try removeEntry(path) } catch let e as InvalidEdit { throw e.named(path) }
    }

    mutating func removeEntry(_ path: [String]) throws {
        guard let last = path.last else { throw YAMLEditError("cannot remove the whole document") }
        let parentPath = Array(path.dropLast())
        let expected = try Self.applying(data, path[...], .remove)
        guard let container = node(at: parentPath[...], tree) else {
            throw YAMLEditError("no key '\(path.joined(separator: "."))'")
        }
        guard let i = Self.index(of: last, in: container) else {
            throw YAMLEditError("no key '\(path.joined(separator: "."))'")
        }
        if container.children.count == 1 {
            try setValue(parentPath, container.isMapping ? .mapping([]) : .sequence([]), RenderPreference())
            return
        }
        var range: Range<Int>
        if container.kind == .flowMapping || container.kind == .flowSequence {
            let startI = container.isMapping ? container.keys[i].start : container.children[i].start
            if i + 1 < container.children.count {
                let nextStart = container.isMapping ? container.keys[i + 1].start : container.children[i + 1].start
                range = startI..<nextStart
            } else {
                range = container.children[i - 1].end..<container.children[i].end
            }
        } else {
            let startI = container.isMapping ? container.keys[i].start : container.indicators[i]
            let endI = max(container.children[i].end, container.indicators[i] + 1)
            let ls = lineStartOf(startI)
            if bytes[ls..<startI].allSatisfy({ $0 == cSP }) {
                let le = lineEndOf(endI)
                if le < bytes.count {
                    range = ls..<(le + (bytes[le] == cCR ? 2 : 1))
                } else {
                    var s = ls
                    if s > 0 { s -= 1; if s > 0 && bytes[s - 1] == cCR { s -= 1 } }
                    range = s..<bytes.count
                }
            } else {
                // First entry on a `- ` line: pull the next entry up.
                let nextStart = container.isMapping ? container.keys[i + 1].start : container.indicators[i + 1]
                range = startI..<nextStart
            }
        }
        try commit(range, [], expected: expected)
    }

    /// Appends a value to the list at `path` (creating the list when absent or empty).
    public mutating func append(_ path: [String], _ value: YAMLValue) throws {
        do { try appendItem(path, value) } catch let e as InvalidEdit { throw e.named(path) }
    }

    mutating func appendItem(_ path: [String], _ value: YAMLValue) throws {
        let expected = try Self.applying(data, path[...], .append(value))
        guard let seq = node(at: path[...], tree), !(seq.kind == .scalar && seq.value == .null) else {
            try setValue(path, .sequence([value]), RenderPreference())
            return
        }
        let eol = lineEnding
        switch seq.kind {
        case .flowSequence:
            let text = Render.inline(value, flow: true, prefer: nil)
            if let last = seq.children.last {
                try commit(last.end..<last.end, Array(", ".utf8) + text, expected: expected)
            } else {
                try commit((seq.end - 1)..<(seq.end - 1), text, expected: expected)
            }
        case .blockSequence:
            let d = seq.start - lineStartOf(seq.start)
            var text = Array(repeating: cSP, count: d) + [UInt8(ascii: "-")]
            text += renderAfterIndicator(value, entryIndent: d, isSeqItem: true, prefer: RenderPreference(), eol: eol)
            try insertLine(after: seq.end, text, expected: expected)
        default:
            throw YAMLEditError("'\(path.joined(separator: "."))' is not a list")
        }
    }

    // MARK: Internals

    enum Op { case set(YAMLValue), remove, append(YAMLValue) }

    struct RenderPreference {
        var flow: Bool?
        var literal = false
        var style: ScalarStyle?
    }

    static func keyMatches(_ key: YAMLValue, _ segment: String) -> Bool {
        switch key {
        case let .string(s): return s == segment
        case let .int(i): return String(i) == segment
        case let .bool(b): return String(b) == segment
        default: return false
        }
    }

    static func index(of segment: String, in node: SyntaxNode) -> Int? {
        if node.isMapping {
            if let i = node.keys.firstIndex(where: { if case .string(segment) = $0.value { return true }; return false }) {
                return i
            }
            return node.keys.firstIndex { keyMatches($0.value, segment) }
        }
        if node.isSequence, let i = Int(segment), i >= 0, i < node.children.count { return i }
        return nil
    }

    func node(at path: ArraySlice<String>, _ n: SyntaxNode) -> SyntaxNode? {
        guard let first = path.first else { return n }
        guard let i = Self.index(of: first, in: n) else { return nil }
        return node(at: path.dropFirst(), n.children[i])
    }

    static func applying(_ v: YAMLValue, _ path: ArraySlice<String>, _ op: Op) throws -> YAMLValue {
        guard let seg = path.first else {
            switch op {
            case let .set(x): return x
            case let .append(x):
                if case let .sequence(items) = v { return .sequence(items + [x]) }
                if v == .null { return .sequence([x]) }
                throw YAMLEditError("not a list")
            case .remove: throw YAMLEditError("cannot remove the whole document")
            }
        }
        switch v {
        case let .mapping(pairs):
            let i = pairs.firstIndex { if case .string(seg) = $0.key { return true }; return false }
                ?? pairs.firstIndex { keyMatches($0.key, seg) }
            var p = pairs
            if let i {
                if path.count == 1, case .remove = op { p.remove(at: i); return .mapping(p) }
                p[i].value = try applying(p[i].value, path.dropFirst(), op)
                return .mapping(p)
            }
            if case .remove = op { throw YAMLEditError("no key '\(seg)'") }
            p.append((key: .string(seg), value: try applying(.null, path.dropFirst(), op)))
            return .mapping(p)
        case let .sequence(items):
            guard let i = Int(seg), i >= 0, i < items.count else { throw YAMLEditError("no item \(seg) in the list") }
            var s = items
            if path.count == 1, case .remove = op { s.remove(at: i); return .sequence(s) }
            s[i] = try applying(s[i], path.dropFirst(), op)
            return .sequence(s)
        case .null:
            if case .remove = op { throw YAMLEditError("no key '\(seg)'") }
            return .mapping([(key: .string(seg), value: try applying(.null, path.dropFirst(), op))])
        default:
            throw YAMLEditError("'\(seg)' is inside a scalar value")
        }
    }

    func lineStartOf(_ i: Int) -> Int {
        var p = min(i, bytes.count)
        while p > 0 && bytes[p - 1] != cLF { p -= 1 }
        if p == 0 && i >= 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return 3 }
        return p
    }

    func lineEndOf(_ i: Int) -> Int {
        var p = i
        while p < bytes.count && bytes[p] != cLF && bytes[p] != cCR { p += 1 }
        return p
    }

    /// An edit whose result does not parse (a bug in the editor). Thrown by `commit` and turned
    /// into a one-line `YAMLEditError` naming the field by the public editing methods.
    struct InvalidEdit: Error {
        var error: YAMLSyntaxError
        func named(_ path: [String]) -> YAMLEditError {
            let field = path.isEmpty ? "the document" : "'\(path.joined(separator: "."))'"
            return YAMLEditError("internal error: editing \(field) produced invalid YAML (\(error.location): \(error.message))")
        }
    }

    mutating func commit(_ range: Range<Int>, _ text: [UInt8], expected: YAMLValue) throws {
        var nb = bytes
        nb.replaceSubrange(range, with: text)
        let doc: YAMLDocument
        do {
            doc = try YAMLParser.parse(nb)
        } catch {
            throw InvalidEdit(error: error)
        }
        guard doc.data == expected else {
            throw YAMLEditError("internal error: the edit did not produce the expected data")
        }
        self = doc
    }

    /// Inserts `text` (one or more lines, without the final line break) as new lines after the
    /// line containing `offset`.
    mutating func insertLine(after offset: Int, _ text: [UInt8], expected: YAMLValue, terminate: Bool = false) throws {
        let eol = lineEnding
        let le = lineEndOf(offset)
        if le < bytes.count {
            let at = le + (bytes[le] == cCR ? 2 : 1)
            try commit(at..<at, text + eol, expected: expected)
        } else {
            do {
                try commit(le..<le, eol + text + (terminate ? eol : []), expected: expected)
            } catch let error as YAMLEditError where error.message.hasPrefix("internal error: the edit did not produce") {
                // The last line has no line break. Only a block scalar (`|`, `>`) ending there
                // reads that break: with clip or keep chomping its text would gain a line feed
                // (docs/format.md). Say so instead of changing the text.
                throw YAMLEditError(Self.unterminatedBlockScalar)
            }
        }
    }

    static let unterminatedBlockScalar = "cannot add a line after the last one: the file ends inside a block text ('|' or '>') without a final line break, and adding one would add a line feed to that text; end the file with a line break first"

    /// Text after a `-` or `key:` indicator: ` value`, or a block on the following lines.
    func renderAfterIndicator(_ value: YAMLValue, entryIndent: Int, isSeqItem: Bool,
                              prefer: RenderPreference, eol: [UInt8]) -> [UInt8] {
        let child = entryIndent + 2
        switch Render.block(value, prefer: prefer) {
        case let .inline(t):
            return [cSP] + t
        case let .blockScalar(header, lines):
            var out = [cSP] + header
            for l in lines {
                out += eol
                if !l.isEmpty { out += Array(repeating: cSP, count: child) + l }
            }
            return out
        case let .lines(lines):
            var out: [UInt8] = []
            for (k, l) in lines.enumerated() {
                if isSeqItem && k == 0 { out += [cSP] + l; continue }
                out += eol + Array(repeating: cSP, count: child) + l
            }
            return out
        }
    }

    mutating func setValue(_ path: [String], _ value: YAMLValue, _ pref: RenderPreference) throws {
        do { try setValueUnnamed(path, value, pref) } catch let e as InvalidEdit { throw e.named(path) }
    }

    mutating func setValueUnnamed(_ path: [String], _ value: YAMLValue, _ pref: RenderPreference) throws {
        let expected = try Self.applying(data, path[...], .set(value))
        let eol = lineEnding
        // Root.
        if path.isEmpty && !(tree.kind == .scalar && tree.value == .null && tree.start == tree.end) {
            // The whole top-level node.
            let col = tree.start - lineStartOf(tree.start)
            var text: [UInt8] = []
            switch Render.block(value, prefer: pref) {
            case let .inline(t): text = t
            case let .lines(lines):
                for (k, l) in lines.enumerated() {
                    if k > 0 { text += eol + Array(repeating: cSP, count: col) }
                    text += l
                }
            case .blockScalar: throw YAMLEditError("cannot write a text as the whole document")
            }
            try commit(tree.start..<tree.end, text, expected: expected)
            return
        }
        if path.isEmpty || (tree.kind == .scalar && tree.value == .null && tree.start == tree.end) {
            var whole: YAMLValue = value
            for seg in path.reversed() { whole = .mapping([(key: .string(seg), value: whole)]) }
            var lines: [[UInt8]]
            switch Render.block(whole, prefer: pref) {
            case let .lines(l): lines = l
            case let .inline(t): lines = [t]
            case .blockScalar: throw YAMLEditError("cannot write a text as the whole document")
            }
            var text: [UInt8] = []
            for l in lines { text += l + eol }
            var nb = bytes
            if let last = nb.last, last != cLF { nb += eol }
            nb += text
            let r = bytes.count..<bytes.count
            let prefix = Array(nb[bytes.count...])
            try commit(r, prefix, expected: expected)
            return
        }
        // Walk down to the deepest existing node.
        var container = tree
        var depth = 0
        while depth < path.count - 1 {
            guard let i = Self.index(of: path[depth], in: container) else { break }
            let child = container.children[i]
            if child.kind == .scalar {
                if child.value == .null { break }
                throw YAMLEditError("'\(path[...depth].joined(separator: "."))' is a scalar, not a mapping")
            }
            container = child
            depth += 1
        }
        // The value to write under path[depth] in `container`.
        var written = value
        for seg in path[(depth + 1)...].reversed() { written = .mapping([(key: .string(seg), value: written)]) }
        let seg = path[depth]
        if let i = Self.index(of: seg, in: container) {
            try replace(container, i, written, pref, expected: expected, eol: eol)
            return
        }
        guard container.isMapping else {
            throw YAMLEditError("'\(path[..<depth].joined(separator: "."))' is not a mapping")
        }
        // A new key.
        let keyText = Render.key(seg)
        if container.kind == .flowMapping {
            let entry = keyText + Array(": ".utf8) + Render.inline(written, flow: true, prefer: pref.style)
            if let last = container.children.last {
                try commit(last.end..<last.end, Array(", ".utf8) + entry, expected: expected)
            } else {
                try commit((container.end - 1)..<(container.end - 1), entry, expected: expected)
            }
            return
        }
        let k = container.start - lineStartOf(container.start)
        var text = Array(repeating: cSP, count: k) + keyText + [UInt8(ascii: ":")]
        text += renderAfterIndicator(written, entryIndent: k, isSeqItem: false, prefer: pref, eol: eol)
        var terminate = false
        if case .blockScalar = Render.block(written, prefer: pref) { terminate = true }
        try insertLine(after: container.end, text, expected: expected, terminate: terminate)
    }

    mutating func replace(_ container: SyntaxNode, _ i: Int, _ value: YAMLValue, _ prefIn: RenderPreference,
                          expected: YAMLValue, eol: [UInt8]) throws {
        let old = container.children[i]
        var pref = prefIn
        if pref.style == nil, old.kind == .scalar { pref.style = old.style }
        if pref.flow == nil {
            if old.kind == .flowSequence || old.kind == .flowMapping { pref.flow = true }
            if old.isBlockCollection { pref.flow = false }
        }
        if container.kind == .flowMapping || container.kind == .flowSequence {
            var text = Render.inline(value, flow: true, prefer: pref.style)
            if old.start == old.end && old.start > 0 && bytes[old.start - 1] != cSP { text = [cSP] + text }
            try commit(old.start..<old.end, text, expected: expected)
            return
        }
        let ind = container.indicators[i]
        let isSeqItem = container.kind == .blockSequence
        let entryIndent: Int
        if isSeqItem { entryIndent = ind - lineStartOf(ind) }
        else { entryIndent = container.keys[i].start - lineStartOf(container.keys[i].start) }
        let sameLine = old.start == old.end || lineStartOf(old.start) == lineStartOf(ind)
        let isBlockScalar = old.kind == .scalar && (old.style == .literal || old.style == .folded)
        let rendered = Render.block(value, prefer: pref)
        // Replacing one block collection by another keeps its place and indentation.
        if old.isBlockCollection, case let .lines(lines) = rendered, !sameLine || isSeqItem {
            let col = old.start - lineStartOf(old.start)
            var text: [UInt8] = []
            for (k, l) in lines.enumerated() {
                if k > 0 { text += eol + Array(repeating: cSP, count: col) }
                text += l
            }
            try commit(old.start..<old.end, text, expected: expected)
            return
        }
        if case let .inline(t) = rendered, sameLine, !isBlockScalar, old.start != old.end {
            try commit(old.start..<old.end, t, expected: expected)
            return
        }
        var after = renderAfterIndicator(value, entryIndent: entryIndent, isSeqItem: isSeqItem, prefer: pref, eol: eol)
        var range = (ind + 1)..<max(old.end, ind + 1)
        if case .blockScalar = rendered, !(sameLine && !isBlockScalar) {
            // Text after the old value on its last line would become part of the block scalar:
            // move a trailing comment to the header line.
            let le = lineEndOf(range.upperBound)
            var tail = Array(bytes[range.upperBound..<le])
            while let f = tail.first, f == cSP || f == cTAB { tail.removeFirst() }
            range = range.lowerBound..<le
            if !tail.isEmpty {
                let firstBreak = after.firstIndex(of: cLF).map { $0 - (eol.count - 1) } ?? after.count
                after.insert(contentsOf: [cSP] + tail, at: firstBreak)
            }
        }
        if sameLine && !isBlockScalar {
            // Keep a trailing comment on the indicator's line.
            let le = lineEndOf(range.upperBound)
            var tail = Array(bytes[range.upperBound..<le])
            while let f = tail.first, f == cSP || f == cTAB { tail.removeFirst() }
            range = range.lowerBound..<le
            if !tail.isEmpty {
                if case .inline = rendered {
                    after += [cSP] + tail
                } else {
                    // ` | # comment` or `key: # comment` then the block.
                    let firstBreak = after.firstIndex(of: cLF).map { $0 - (eol.count - 1) } ?? after.count
                    after.insert(contentsOf: [cSP] + tail, at: firstBreak)
                }
            }
        }
        if case .blockScalar = rendered, range.upperBound == bytes.count {
            after += eol   // a block scalar's last line break is part of its value
        }
        try commit(range, after, expected: expected)
    }
}
