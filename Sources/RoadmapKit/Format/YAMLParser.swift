// A byte-level parser for the YAML subset of SPEC §3.
//
// The document keeps its bytes; the parser builds a syntax tree of byte ranges (`SyntaxNode`)
// over them, so printing an unedited document returns the input exactly, and edits splice
// bytes into the ranges of the fields they change (see YAMLDocument.swift).

let cLF: UInt8 = 0x0A
let cCR: UInt8 = 0x0D
let cSP: UInt8 = 0x20
let cTAB: UInt8 = 0x09

/// The largest accepted file (1 MiB).
public let yamlMaximumFileSize = 1_048_576
/// The deepest accepted nesting of collections.
public let yamlMaximumDepth = 32

/// A node as the parser builds it: byte ranges, the index of a scalar's data in the document's
/// value table, and for a collection the range of its entries in the document's entry arena (one
/// flat array per document, so a collection costs no allocation of its own). Plain data without
/// references, so the parser copies nodes and entries without reference counting.
struct RawNode: Sendable {
    var kind: SyntaxNode.Kind
    var style: ScalarStyle = .plain
    /// Scalars: whether the value is a string (duplicate keys that are plain strings are found
    /// by comparing bytes).
    var isStringValue = false
    /// Scalars: the index of the value in the document's value table; -1 for null without one.
    var valueIndex: Int32 = -1
    /// Collections: their entries are `arena[firstEntry ..< firstEntry + entryCount]`.
    var firstEntry: Int32 = 0
    var entryCount: Int32 = 0
    /// Keys: 0 unless a plain string; then its length and three of its bytes, set by the duplicate
    /// check (equal keys have equal prints, so most unequal keys are told apart by the print).
    var keyPrint: UInt32 = 0
    /// First byte of the node (for an empty scalar: where it would be), and the byte after its last
    /// content character (never trailing spaces, comments or the line break).
    var start: Int
    var end: Int

    init(kind: SyntaxNode.Kind, style: ScalarStyle = .plain, start: Int, end: Int) {
        self.kind = kind
        self.style = style
        self.start = start
        self.end = end
    }

    var isBlockCollection: Bool { kind == .blockMapping || kind == .blockSequence }
    var isMapping: Bool { kind == .blockMapping || kind == .flowMapping }
    @inline(__always) var entries: Range<Int> { Int(firstEntry)..<(Int(firstEntry) + Int(entryCount)) }

    /// The scalar's data, from the document's value table.
    @inline(__always) func value(_ values: UnsafeBufferPointer<YAMLValue>) -> YAMLValue {
        valueIndex < 0 ? .null : values[Int(valueIndex)]
    }
}

/// One entry of a collection: a mapping's key and value (a sequence's item is `child`; its key is
/// unused), and for block collections the offset of the entry's `-` or `:` (else -1).
struct SyntaxEntry: Sendable {
    var key: RawNode
    var child: RawNode
    var indicator: Int
}

/// A node of the lossless tree with access to its entries: byte ranges into the document's bytes.
/// A read-only view of the document's arena; `keys`, `children` and `indicators` build arrays on
/// demand (the editor and formatter use them; the parser and the public tree do not).
struct SyntaxNode: Sendable {
    enum Kind: UInt8, Sendable { case scalar, blockMapping, blockSequence, flowMapping, flowSequence }
    let raw: RawNode
    let arena: [SyntaxEntry]
    let values: [YAMLValue]

    init(_ raw: RawNode, _ arena: [SyntaxEntry], _ values: [YAMLValue]) {
        self.raw = raw
        self.arena = arena
        self.values = values
    }

    var kind: Kind { raw.kind }
    var style: ScalarStyle { raw.style }
    var value: YAMLValue { raw.valueIndex < 0 ? .null : values[Int(raw.valueIndex)] }
    var start: Int { raw.start }
    var end: Int { raw.end }

    var keyCount: Int { isMapping ? Int(raw.entryCount) : 0 }
    var childCount: Int { kind == .scalar ? 0 : Int(raw.entryCount) }
    /// The key of entry `i` (0 ≤ i < keyCount).
    func key(_ i: Int) -> SyntaxNode { SyntaxNode(arena[Int(raw.firstEntry) + i].key, arena, values) }
    /// The item or value of entry `i` (0 ≤ i < childCount).
    func child(_ i: Int) -> SyntaxNode { SyntaxNode(arena[Int(raw.firstEntry) + i].child, arena, values) }
    /// Block collections: the offset of entry `i`'s `-` or `:`.
    func indicator(_ i: Int) -> Int { arena[Int(raw.firstEntry) + i].indicator }

    /// Mapping keys (mappings only).
    var keys: [SyntaxNode] { (0..<keyCount).map(key) }
    /// Sequence items or mapping values.
    var children: [SyntaxNode] { (0..<childCount).map(child) }
    /// Block collections: the offset of each entry's `-` or `:`.
    var indicators: [Int] { isBlockCollection ? (0..<childCount).map(indicator) : [] }

    var isBlockCollection: Bool { kind == .blockMapping || kind == .blockSequence }
    var isMapping: Bool { kind == .blockMapping || kind == .flowMapping }
    var isSequence: Bool { kind == .blockSequence || kind == .flowSequence }

    var data: YAMLValue {
        arena.withUnsafeBufferPointer { a in values.withUnsafeBufferPointer { SyntaxNode.data(raw, a, $0) } }
    }

    static func data(_ n: RawNode, _ a: UnsafeBufferPointer<SyntaxEntry>, _ v: UnsafeBufferPointer<YAMLValue>) -> YAMLValue {
        switch n.kind {
        case .scalar: return n.value(v)
        case .blockSequence, .flowSequence:
            var items: [YAMLValue] = []
            items.reserveCapacity(Int(n.entryCount))
            for i in n.entries { items.append(data(a[i].child, a, v)) }
            return .sequence(items)
        case .blockMapping, .flowMapping:
            var pairs: [(key: YAMLValue, value: YAMLValue)] = []
            pairs.reserveCapacity(Int(n.entryCount))
            for i in n.entries { pairs.append((key: a[i].key.value(v), value: data(a[i].child, a, v))) }
            return .mapping(pairs)
        }
    }
}

/// A hashable identity of a scalar key's data, for duplicate detection.
enum KeyIdentity: Hashable {
    case null, bool(Bool), int(Int), float(UInt64), string(String)
    init(_ v: YAMLValue) {
        switch v {
        case .null: self = .null
        case let .bool(b): self = .bool(b)
        case let .int(i): self = .int(i)
        case let .float(d): self = .float(d.isNaN ? Double.nan.bitPattern : (d == 0 ? 0 : d.bitPattern))
        case let .string(s): self = .string(s)
        default: self = .null
        }
    }
}

public enum YAMLParser {
    /// Parses one document of the accepted subset. Never traps, never recurses deeper than the
    /// nesting limit, and refuses what the subset does not accept with a line and column.
    public static func parse(_ bytes: [UInt8]) throws(YAMLSyntaxError) -> YAMLDocument {
        let (root, arena, values, lineStarts) = try parseTree(bytes)
        return YAMLDocument(bytes: bytes, root: root, arena: arena, values: values, lineStarts: lineStarts)
    }

    static func parseTree(_ bytes: [UInt8]) throws(YAMLSyntaxError) -> (RawNode, [SyntaxEntry], [YAMLValue], [Int]) {
        if bytes.count > yamlMaximumFileSize {
            throw YAMLSyntaxError(
                kind: .unsupported,
                message: "file is \(bytes.count) bytes; the limit is \(yamlMaximumFileSize) (1 MiB)",
                location: SourceLocation(line: 1, column: 1))
        }
        let result: Result<(RawNode, [SyntaxEntry], [YAMLValue], [Int]), YAMLSyntaxError> = bytes.withUnsafeBufferPointer { buf in
            let lineStarts: [Int]
            do throws(YAMLSyntaxError) {
                lineStarts = try validate(buf)
            } catch {
                return .failure(error)
            }
            let p = Parser(buf, lineStarts: lineStarts)
            do throws(YAMLSyntaxError) {
                let root = try p.parseDocument()
                return .success((root, p.arena, p.values, lineStarts))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Checks encoding and characters; returns the offset of the start of every line.
    static func validate(_ buf: UnsafeBufferPointer<UInt8>) throws(YAMLSyntaxError) -> [Int] {
        let b = Bytes(buf)
        var lineStarts: [Int] = []
        lineStarts.reserveCapacity(b.count / 16 + 2)
        lineStarts.append(0)
        let n = b.count
        var i = 0
        var line = 1
        var lineStart = 0
        func fail(_ kind: YAMLSyntaxError.Kind, _ msg: String, _ at: Int) -> YAMLSyntaxError {
            var col = 1
            var j = lineStart
            while j < at { if b[j] & 0xC0 != 0x80 { col += 1 }; j += 1 }
            return YAMLSyntaxError(kind: kind, message: msg, location: SourceLocation(line: line, column: col))
        }
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        while i < n {
            // Fast path: eight ASCII bytes at a time, printable or LF.
            if i + 8 <= n {
                let w = UnsafeRawPointer(buf.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
                let atLeast7F = (w | (w &+ 0x0101_0101_0101_0101)) & high  // some byte >= 0x7F
                // Exact per-byte masks (no borrows between bytes): bytes < 0x20, bytes == LF.
                let below20 = ~(((w & low7) &+ 0x6060_6060_6060_6060) | w) & high
                let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
                let isLF = ~(((x & low7) &+ low7) | x) & high
                if atLeast7F == 0 && below20 & ~isLF == 0 {
                    var m = isLF
                    while m != 0 {
                        let k = m.trailingZeroBitCount >> 3
                        line += 1
                        lineStart = i + k + 1
                        lineStarts.append(lineStart)
                        m &= m &- 1
                    }
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c >= 0x20 && c < 0x7F { i += 1; continue }
            if c == cLF {
                i += 1; line += 1; lineStart = i; lineStarts.append(i); continue
            }
            if c == cTAB { i += 1; continue }
            if c == cCR {
                if i + 1 < n && b[i + 1] == cLF { i += 1; continue }
                throw fail(.unsupported, "a carriage return not followed by a line feed; use LF or CRLF line endings", i)
            }
            if c < 0x80 {
                if c == 0 { throw fail(.unsupported, "NUL byte; the file is not text", i) }
                throw fail(.unsupported, "control character U+\(hex4(UInt32(c))) is not allowed", i)
            }
            // Multi-byte UTF-8.
            var scalar: UInt32
            var len: Int
            if c & 0xE0 == 0xC0 { scalar = UInt32(c & 0x1F); len = 2 }
            else if c & 0xF0 == 0xE0 { scalar = UInt32(c & 0x0F); len = 3 }
            else if c & 0xF8 == 0xF0 { scalar = UInt32(c & 0x07); len = 4 }
            else { throw fail(.unsupported, "invalid UTF-8", i) }
            if i + len > n { throw fail(.unsupported, "invalid UTF-8 (truncated sequence)", i) }
            for k in 1..<len {
                let cc = b[i + k]
                if cc & 0xC0 != 0x80 { throw fail(.unsupported, "invalid UTF-8", i) }
                scalar = (scalar << 6) | UInt32(cc & 0x3F)
            }
            let minimum: UInt32 = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000
            if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) {
                throw fail(.unsupported, "invalid UTF-8", i)
            }
            if scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029 {
                throw fail(.unsupported, "U+\(hex4(scalar)) is a line break in YAML 1.1 but not in 1.2; remove it", i)
            }
            if (scalar >= 0x80 && scalar <= 0x9F) || scalar == 0xFFFE || scalar == 0xFFFF {
                throw fail(.unsupported, "character U+\(hex4(scalar)) is not allowed", i)
            }
            if scalar == 0xFEFF { throw fail(.unsupported, "a byte order mark is only allowed at the start of the file", i) }
            i += len
        }
        return lineStarts
    }
}

func hex4(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

/// Read-only access to the input bytes where every read is checked: an offset outside the
/// input (past the end, or negative) reads as NUL, which `validate` refuses inside a document,
/// so NUL means "end of input" to the parser. All parser reads go through this type; there is
/// no unchecked subscript, so no code path can read outside the buffer.
struct Bytes {
    let base: UnsafeBufferPointer<UInt8>
    let count: Int

    init(_ base: UnsafeBufferPointer<UInt8>) {
        self.base = base
        self.count = base.count
    }

    @inline(__always) subscript(i: Int) -> UInt8 {
        // One unsigned comparison covers both i < 0 and i >= count.
        UInt(bitPattern: i) < UInt(bitPattern: count) ? base[unchecked: i] : 0
    }

    /// The eight bytes at `i..<i + 8` as one word (in memory order), or nil unless all are inside
    /// the input.
    @inline(__always) func word(_ i: Int) -> UInt64? {
        guard i >= 0 && i <= count - 8 else { return nil }
        return UnsafeRawPointer(base.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)
    }

    /// The bytes in `s..<e`, clamped to the input (empty when the range is empty or outside it).
    @inline(__always) func slice(_ s: Int, _ e: Int) -> UnsafeBufferPointer<UInt8> {
        let lo = max(0, min(s, count))
        let hi = max(lo, min(e, count))
        return UnsafeBufferPointer(rebasing: base[unchecked: lo..<hi])
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    @inline(__always) subscript(unchecked i: Int) -> UInt8 { baseAddress.unsafelyUnwrapped[i] }
    @inline(__always) subscript(unchecked r: Range<Int>) -> Slice<UnsafeBufferPointer<UInt8>> {
        Slice(base: self, bounds: r)
    }
}

/// Converts byte offsets into line:column.
struct LineTable {
    let lineStarts: [Int]
    func location(_ offset: Int, in buf: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let b = Bytes(buf)
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var col = 1
        var j = lineStarts[lo]
        if lo == 0 && b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { j = 3 }
        let stop = min(offset, b.count)
        while j < stop { if b[j] & 0xC0 != 0x80 { col += 1 }; j += 1 }
        return SourceLocation(line: lo + 1, column: col)
    }
}

/// Converts a non-decreasing series of offsets into line:column, moving forward from the previous
/// answer instead of searching (any offset works; going backwards restarts from a search).
struct LineCursor {
    let table: LineTable
    let b: Bytes
    var line = 0          // index into lineStarts
    var offset = 0        // the last offset answered, on `line`
    var column = 1        // its column

    /// No byte of the input is ≥ 0x80: every byte is a column.
    let asciiOnly: Bool

    init(_ table: LineTable, _ buf: UnsafeBufferPointer<UInt8>) {
        self.table = table
        self.b = Bytes(buf)
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { offset = 3 }
        var any: UInt64 = 0
        var i = 0
        if let base = buf.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= buf.count { any |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self); i += 8 }
        }
        while i < buf.count { any |= UInt64(buf[unchecked: i]); i += 1 }
        asciiOnly = any & 0x8080_8080_8080_8080 == 0
    }

    mutating func location(_ target: Int) -> SourceLocation {
        let starts = table.lineStarts
        if target < offset {
            let loc = table.location(target, in: b.base)
            return loc
        }
        if line + 1 < starts.count && starts[line + 1] <= target {
            line += 1
            while line + 1 < starts.count && starts[line + 1] <= target { line += 1 }
            offset = starts[line]
            column = 1
        }
        let stop = min(target, b.count)
        var j = offset
        var col = column
        if asciiOnly { col += max(0, stop - j); j = stop }
        while j < stop { if b[j] & 0xC0 != 0x80 { col += 1 }; j += 1 }
        offset = max(offset, stop)
        column = col
        return SourceLocation(line: line + 1, column: col)
    }
}

final class Parser {
    let b: Bytes
    let n: Int
    let table: LineTable
    // Class properties are checked for exclusive access at run time unless told otherwise; the
    // parser is used by one call at a time and never overlaps accesses to these.
    @exclusivity(unchecked) var scratch: [UInt8] = []
    /// Entries of the collections being parsed (innermost last); a finished collection moves its
    /// entries off the top into `arena`, where they stay contiguous.
    @exclusivity(unchecked) var entryStack: [SyntaxEntry] = []
    /// The entries of every finished collection of the document.
    @exclusivity(unchecked) var arena: [SyntaxEntry] = []
    /// The data of every scalar of the document (`RawNode.valueIndex`).
    @exclusivity(unchecked) var values: [YAMLValue] = []

    func beginEntries() -> Int { entryStack.count }

    func finishEntries(_ node: inout RawNode, _ f: Int) {
        node.firstEntry = Int32(truncatingIfNeeded: arena.count)
        node.entryCount = Int32(truncatingIfNeeded: entryStack.count - f)
        arena.append(contentsOf: entryStack[f...])
        // removeLast keeps the stack's storage (removeSubrange of everything reallocates).
        entryStack.removeLast(entryStack.count - f)
    }

    enum Context { case root, mapValue, seqItem }

    init(_ b: UnsafeBufferPointer<UInt8>, lineStarts: [Int]) {
        self.b = Bytes(b)
        self.n = b.count
        self.table = LineTable(lineStarts: lineStarts)
        entryStack.reserveCapacity(min(lineStarts.count, 56) + 8)
        arena.reserveCapacity(lineStarts.count + 8)
        values.reserveCapacity(2 * lineStarts.count + 8)
    }

    // MARK: - Helpers

    func fail(_ kind: YAMLSyntaxError.Kind, _ message: String, _ at: Int) -> YAMLSyntaxError {
        YAMLSyntaxError(kind: kind, message: message, location: table.location(at, in: b.base))
    }

    @inline(__always) func at(_ i: Int) -> UInt8 { b[i] }
    @inline(__always) func isBlankOrEnd(_ i: Int) -> Bool {
        let c = at(i)
        return c == cSP || c == cTAB || c == cLF || c == cCR || c == 0
    }
    @inline(__always) func isBreakOrEnd(_ i: Int) -> Bool {
        let c = at(i)
        return c == cLF || c == cCR || c == 0
    }
    @inline(__always) func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
    }
    func lineEnd(_ i: Int) -> Int {
        // Most calls start at the line break itself.
        let c = b[i]
        if c == cLF || c == cCR { return i }
        var p = i
        // Eight bytes at a time while none is a CR or LF.
        while let w = b.word(p) {
            let x = w ^ 0x0A0A_0A0A_0A0A_0A0A, y = w ^ 0x0D0D_0D0D_0D0D_0D0D
            let ones: UInt64 = 0x0101_0101_0101_0101
            if ((x &- ones) & ~x | (y &- ones) & ~y) & 0x8080_8080_8080_8080 != 0 { break }
            p += 8
        }
        while p < n && b[p] != cLF && b[p] != cCR { p += 1 }
        return p
    }
    func lineStart(_ i: Int) -> Int {
        var p = i
        while p > 0 && b[p - 1] != cLF { p -= 1 }
        return p
    }
    /// Offset after the line break at `i` (which is at a CR or LF), or n.
    @inline(__always) func afterBreak(_ i: Int) -> Int {
        if i >= n { return n }
        return b[i] == cCR ? i + 2 : i + 1
    }
    func skipInline(_ i: Int) -> Int {
        var p = i
        while p < n && (b[p] == cSP || b[p] == cTAB) { p += 1 }
        return p
    }
    func charName(_ i: Int) -> String {
        if i >= n { return "end of file" }
        let c = b[i]
        if c == cLF || c == cCR { return "end of line" }
        if c < 0x80 { return "'\(Character(Unicode.Scalar(c)))'" }
        return "a character"
    }

    struct Line { var start: Int; var content: Int; var indent: Int }

    /// The next line (after the one containing `i`) that has content other than a comment.
    /// The rest of the line containing `i` must be blank or a comment.
    func nextContentLine(_ i: Int) throws(YAMLSyntaxError) -> Line? {
        var p = lineEnd(i)
        while p < n {
            p = afterBreak(p)
            let ls = p
            var q = p
            while q < n && b[q] == cSP { q += 1 }
            if q < n && b[q] == cTAB { throw fail(.unsupported, "tab used as indentation; indent with spaces", q) }
            if q >= n { return nil }
            let c = b[q]
            if c == cLF || c == cCR { p = q; continue }
            if c == UInt8(ascii: "#") { p = lineEnd(q); continue }
            return Line(start: ls, content: q, indent: q - ls)
        }
        return nil
    }

    func isDocumentMarker(_ line: Line) -> Bool {
        guard line.indent == 0, line.content + 2 < n else { return false }
        let c = b[line.content]
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
        return b[line.content + 1] == c && b[line.content + 2] == c && isBlankOrEnd(line.content + 3)
    }

    /// Only blanks and a comment may follow on this line.
    func expectLineEnd(_ i: Int, after what: String) throws(YAMLSyntaxError) {
        let p = skipInline(i)
        if isBreakOrEnd(p) { return }
        if b[p] == UInt8(ascii: "#") && p > i { return }
        if b[p] == UInt8(ascii: ":") {
            throw fail(.parse, "unexpected ':' after \(what) (a key must be a single-line scalar)", p)
        }
        throw fail(.parse, "unexpected \(charName(p)) after \(what)", p)
    }

    /// Stores a scalar's data in the value table.
    @inline(__always) func setValue(_ node: inout RawNode, _ v: YAMLValue) {
        if case .string = v { node.isStringValue = true } else { node.isStringValue = false }
        node.valueIndex = Int32(truncatingIfNeeded: values.count)
        values.append(v)
    }

    /// A scalar's data.
    @inline(__always) func value(_ n: RawNode) -> YAMLValue {
        n.valueIndex < 0 ? .null : values[Int(n.valueIndex)]
    }

    /// A plain `<<` (the only text that reads as the string "<<" in a plain scalar).
    @inline(__always) func isMergeKey(_ key: RawNode) -> Bool {
        key.style == .plain && key.end - key.start == 2
            && b[key.start] == UInt8(ascii: "<") && b[key.start + 1] == UInt8(ascii: "<")
    }

    /// The unused key of a sequence entry.
    let emptyKey = RawNode(kind: .scalar, start: 0, end: 0)

    func emptyScalar(_ at: Int) -> RawNode {
        RawNode(kind: .scalar, style: .plain, start: at, end: at)
    }

    // MARK: - Document

    func parseDocument() throws(YAMLSyntaxError) -> RawNode {
        let bom = (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0
        // The first line with content (the line at `bom` counts).
        var first: Line?
        do {
            var q = bom
            while q < n && b[q] == cSP { q += 1 }
            if q < n && b[q] == cTAB { throw fail(.unsupported, "tab used as indentation; indent with spaces", q) }
            if q < n && b[q] != cLF && b[q] != cCR && b[q] != UInt8(ascii: "#") {
                first = Line(start: bom, content: q, indent: q - bom)
            } else {
                first = try nextContentLine(q)
            }
        }
        guard var line = first else { return emptyScalar(bom) }
        if line.indent == 0 && b[line.content] == UInt8(ascii: "%") {
            throw fail(.unsupported, "directives ('%') are not supported", line.content)
        }
        if isDocumentMarker(line) && b[line.content] == UInt8(ascii: "-") {
            let after = line.content + 3
            let p = skipInline(after)
            if !isBreakOrEnd(p) && !(b[p] == UInt8(ascii: "#") && p > after) {
                throw fail(.unsupported, "content on the '---' line is not supported; start it on the next line", p)
            }
            guard let next = try nextContentLine(after) else { return emptyScalar(bom) }
            line = next
        }
        if isDocumentMarker(line) {
            if b[line.content] == UInt8(ascii: "-") {
                throw fail(.unsupported, "more than one document is not supported", line.content)
            }
            try expectLineEnd(line.content + 3, after: "'...'")
            if let more = try nextContentLine(line.content) {
                throw fail(.unsupported, "more than one document is not supported", more.content)
            }
            return emptyScalar(bom)
        }
        let root = try parseBlockNode(at: line.content, column: line.indent, parent: -1,
                                      context: .root, sameLine: false, depth: 0)
        if let next = try nextContentLine(root.end) {
            if isDocumentMarker(next) {
                if b[next.content] == UInt8(ascii: "-") {
                    throw fail(.unsupported, "more than one document is not supported", next.content)
                }
                try expectLineEnd(next.content + 3, after: "'...'")
                if let more = try nextContentLine(next.content) {
                    throw fail(.unsupported, "more than one document is not supported", more.content)
                }
            } else if next.indent > 0 && root.isBlockCollection {
                throw fail(.parse, "bad indentation", next.content)
            } else {
                throw fail(.parse, "unexpected content after the end of the document's top-level node", next.content)
            }
        }
        return root
    }

    // MARK: - Block structure

    /// A node whose first character is at `i`. `sameLine`: it follows its `-` or `key:` on the same line.
    func parseBlockNode(at i: Int, column: Int, parent: Int, context: Context, sameLine: Bool,
                        depth: Int) throws(YAMLSyntaxError) -> RawNode {
        let c = b[i]
        switch c {
        case UInt8(ascii: "-") where isBlankOrEnd(i + 1):
            if sameLine && context == .mapValue {
                throw fail(.parse, "a block sequence cannot start on the same line as its key", i)
            }
            if sameLine && context == .seqItem && b[i - 1] == cTAB {
                throw fail(.unsupported, "tab after '-'; use spaces", i - 1)
            }
            return try parseBlockSequence(at: i, column: column, depth: depth + 1)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return try parseBlockScalar(at: i, parent: parent)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let f = try parseFlow(at: i, parent: parent, depth: depth + 1)
            let r = skipInline(f.end)
            if at(r) == UInt8(ascii: ":") && isBlankOrEnd(r + 1) {
                throw fail(.unsupported, "a flow collection used as a key is not supported", i)
            }
            try expectLineEnd(f.end, after: "the flow collection")
            return f
        default:
            break
        }
        let lead = try parseLead(at: i, parent: parent)
        switch lead {
        case let .key(key, colon):
            if sameLine && context == .mapValue {
                throw fail(.parse, "a mapping cannot start on the same line as its key", i)
            }
            if sameLine && context == .seqItem && b[i - 1] == cTAB {
                throw fail(.unsupported, "tab after '-'; use spaces", i - 1)
            }
            return try parseBlockMapping(firstKey: key, colon: colon, column: column, depth: depth + 1)
        case let .scalar(node):
            try expectLineEnd(node.end, after: "the value")
            return node
        }
    }

    enum Lead {
        case key(RawNode, Int)
        case scalar(RawNode)
    }

    func refuseIndicator(_ i: Int) throws(YAMLSyntaxError) {
        let c = b[i]
        switch c {
        case UInt8(ascii: "&"): throw fail(.unsupported, "anchors ('&') are not supported", i)
        case UInt8(ascii: "*"): throw fail(.unsupported, "aliases ('*') are not supported", i)
        case UInt8(ascii: "!"): throw fail(.unsupported, "tags ('!') are not supported", i)
        case UInt8(ascii: "?") where isBlankOrEnd(i + 1):
            throw fail(.unsupported, "complex keys ('?') are not supported", i)
        case UInt8(ascii: "%"):
            throw fail(.unsupported, "'%' cannot start a plain value (directives are not supported); quote the value", i)
        case UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw fail(.parse, "\(charName(i)) is reserved and cannot start a plain value; quote the value", i)
        case UInt8(ascii: ":") where isBlankOrEnd(i + 1):
            throw fail(.parse, "missing key before ':'", i)
        case UInt8(ascii: "-") where isBlankOrEnd(i + 1):
            throw fail(.parse, "unexpected sequence item '-'", i)
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"):
            throw fail(.parse, "unexpected \(charName(i))", i)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            throw fail(.parse, "a block scalar ('\(Character(Unicode.Scalar(c)))') is not allowed here", i)
        default: return
        }
    }

    /// A key (`key:`) or a single scalar value at `i` in block context.
    func parseLead(at i: Int, parent: Int) throws(YAMLSyntaxError) -> Lead {
        let c = b[i]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            let q = try parseQuoted(at: i, parent: parent)
            let r = skipInline(q.end)
            if at(r) == UInt8(ascii: ":") && isBlankOrEnd(r + 1) {
                if lineEnd(i) < q.end { throw fail(.parse, "a key must fit on one line", i) }
                if q.end - i > 1024 { throw fail(.parse, "a key is longer than 1024 characters", i) }
                return .key(q, r)
            }
            return .scalar(q)
        }
        try refuseIndicator(i)
        let line = scanPlainLine(i, flow: false)
        switch line.stop {
        case .colon:
            if line.textEnd - i > 1024 { throw fail(.parse, "a key is longer than 1024 characters", i) }
            var key = RawNode(kind: .scalar, style: .plain, start: i, end: line.textEnd)
            setValue(&key, try resolvePlain(i, line.textEnd))
            if isMergeKey(key) {
                throw fail(.unsupported, "merge keys ('<<') are not supported", i)
            }
            return .key(key, line.stopAt)
        case .comment:
            var node = RawNode(kind: .scalar, style: .plain, start: i, end: line.textEnd)
            setValue(&node, try resolvePlain(i, line.textEnd))
            return .scalar(node)
        default:
            return .scalar(try parsePlainContinuation(start: i, firstEnd: line.textEnd, parent: parent))
        }
    }

    func parseBlockMapping(firstKey: RawNode, colon firstColon: Int, column m: Int,
                           depth: Int) throws(YAMLSyntaxError) -> RawNode {
        if depth > yamlMaximumDepth {
            throw fail(.unsupported, "nesting deeper than \(yamlMaximumDepth) levels is not supported", firstKey.start)
        }
        var node = RawNode(kind: .blockMapping, start: firstKey.start, end: firstKey.start)
        var key = firstKey
        var colon = firstColon
        var ids: Set<KeyIdentity> = []
        var filter = KeyFilter()
        let frame = beginEntries()
        while true {
            try checkDuplicate(&key, from: frame, ids: &ids, filter: &filter)
            let value = try parseValue(after: colon + 1, parent: m, context: .mapValue, depth: depth)
            node.end = max(value.end, colon + 1)
            entryStack.append(SyntaxEntry(key: key, child: value, indicator: colon))
            guard let line = try nextContentLine(node.end) else { break }
            if line.indent < m || isDocumentMarker(line) { break }
            if line.indent > m { throw fail(.parse, "bad indentation of a mapping entry", line.content) }
            let i = line.content
            if b[i] == UInt8(ascii: "-") && isBlankOrEnd(i + 1) {
                throw fail(.parse, "a sequence item '-' where a mapping key was expected", i)
            }
            if b[i] == UInt8(ascii: "[") || b[i] == UInt8(ascii: "{") {
                throw fail(.unsupported, "a flow collection used as a key is not supported", i)
            }
            guard case let .key(k, c) = try parseLead(at: i, parent: m) else {
                throw fail(.parse, "expected 'key: value'; could not find the ':'", i)
            }
            key = k
            colon = c
        }
        finishEntries(&node, frame)
        return node
    }

    /// Refuses a key equal (as data) to one already in `node`. Mappings of up to 32 keys are
    /// scanned linearly, comparing values directly (no hashing, no allocation); larger ones
    /// switch to a set of key identities.
    /// What the duplicate check knows about a mapping's keys so far: a 64-bit filter of the
    /// prints of its plain string keys, and whether any key is something else.
    struct KeyFilter { var bits: UInt64 = 0; var mixed = false }

    func checkDuplicate(_ key: inout RawNode, from base: Int, ids: inout Set<KeyIdentity>,
                        filter: inout KeyFilter) throws(YAMLSyntaxError) {
        let top = entryStack.count
        let count = top - base
        if count < 32 {
            // Two plain keys that read as strings are equal exactly when their text is (keys are
            // one line): compare prints, lengths, then bytes, without touching the strings. A
            // plain string's print is never 0 (its last byte is not NUL).
            let len = key.end - key.start
            let ks = key.start
            key.keyPrint = 0
            if key.style == .plain && key.isStringValue {
                key.keyPrint = UInt32(truncatingIfNeeded: len) << 24 | UInt32(b[ks]) << 16
                    | UInt32(b[ks + len / 2]) << 8 | UInt32(b[key.end - 1])
            }
            let kp = key.keyPrint
            let probe = key
            // Equal plain strings have equal prints, so equal filter bits: a plain string key whose
            // bit is clear, in a mapping of plain string keys only, has no equal.
            let bit: UInt64 = 1 << UInt64((kp &* 0x9E37_79B1) >> 26)
            let skip = kp != 0 && !filter.mixed && filter.bits & bit == 0
            if kp == 0 { filter.mixed = true } else { filter.bits |= bit }
            let found: Int? = skip ? nil : entryStack.withUnsafeBufferPointer { st in
                for k in base..<top {
                    let op = st[k].key.keyPrint
                    if kp != 0 && op != 0 {
                        if op == kp && st[k].key.end - st[k].key.start == len
                            && memcmp(b.slice(st[k].key.start, st[k].key.end), b.slice(ks, ks + len)) {
                            return k
                        }
                    } else if sameKey(value(st[k].key), value(probe)) {
                        return k
                    }
                }
                return nil
            }
            if let k = found { throw duplicate(key, first: entryStack[k].key) }
            if count == 31 {
                for k in base..<top { ids.insert(KeyIdentity(value(entryStack[k].key))) }
                ids.insert(KeyIdentity(value(key)))
            }
        } else if !ids.insert(KeyIdentity(value(key))).inserted {
            for k in base..<top where sameKey(value(entryStack[k].key), value(key)) {
                throw duplicate(key, first: entryStack[k].key)
            }
            throw duplicate(key, first: key)
        }
    }

    @inline(__always) func isString(_ v: YAMLValue) -> Bool {
        if case .string = v { return true }
        return false
    }

    @inline(__always) func memcmp(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        for i in 0..<x.count where x[unchecked: i] != y[unchecked: i] { return false }
        return true
    }

    /// Whether two scalar keys are the same data (the equality of `KeyIdentity`).
    @inline(__always) func sameKey(_ a: YAMLValue, _ b: YAMLValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.float(x), .float(y)): return x == y || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    func duplicate(_ key: RawNode, first: RawNode) -> YAMLSyntaxError {
        let text = String(decoding: b.slice(key.start, key.end), as: UTF8.self)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return fail(.unsupported, "duplicate key \(shown.first == "'" || shown.first == "\"" ? shown : "'\(shown)'") (first at \(table.location(first.start, in: b.base)))", key.start)
    }

    func parseBlockSequence(at first: Int, column m: Int, depth: Int) throws(YAMLSyntaxError) -> RawNode {
        if depth > yamlMaximumDepth {
            throw fail(.unsupported, "nesting deeper than \(yamlMaximumDepth) levels is not supported", first)
        }
        var node = RawNode(kind: .blockSequence, start: first, end: first + 1)
        var dash = first
        let frame = beginEntries()
        while true {
            if at(dash + 1) == cTAB { throw fail(.unsupported, "tab after '-'; use a space", dash + 1) }
            let value = try parseValue(after: dash + 1, parent: m, context: .seqItem, depth: depth)
            node.end = max(value.end, dash + 1)
            entryStack.append(SyntaxEntry(key: emptyKey, child: value, indicator: dash))
            guard let line = try nextContentLine(node.end) else { break }
            if line.indent < m || isDocumentMarker(line) { break }
            if line.indent > m { throw fail(.parse, "bad indentation of a sequence item", line.content) }
            if b[line.content] == UInt8(ascii: "-") && isBlankOrEnd(line.content + 1) {
                dash = line.content
                continue
            }
            break
        }
        finishEntries(&node, frame)
        return node
    }

    /// The node after a `-` or `key:` indicator: on the same line, on the following lines, or empty.
    func parseValue(after p: Int, parent m: Int, context: Context, depth: Int) throws(YAMLSyntaxError) -> RawNode {
        let i = skipInline(p)
        if isBreakOrEnd(i) || b[i] == UInt8(ascii: "#") {
            guard let line = try nextContentLine(i) else { return emptyScalar(p) }
            let isDash = b[line.content] == UInt8(ascii: "-") && isBlankOrEnd(line.content + 1)
            if isDocumentMarker(line) { return emptyScalar(p) }
            if line.indent > m || (context == .mapValue && line.indent == m && isDash) {
                return try parseBlockNode(at: line.content, column: line.indent, parent: m,
                                          context: context, sameLine: false, depth: depth)
            }
            return emptyScalar(p)
        }
        return try parseBlockNode(at: i, column: i - lineStart(i), parent: m, context: context,
                                  sameLine: true, depth: depth)
    }

    // MARK: - Plain scalars

    enum PlainStop { case eol, comment, colon, flowIndicator, badColon }
    struct PlainLine { var textEnd: Int; var stop: PlainStop; var stopAt: Int }

    /// Scans one line of a plain scalar from `i`: its text ends before trailing blanks and at
    /// ` #`, `: `, the end of the line, or (in flow context) a flow indicator.
    @inline(__always)
    func scanPlainLine(_ i: Int, flow: Bool) -> PlainLine {
        var p = i
        while true {
            let c = b[p]   // NUL at the end of the input
            if c > UInt8(ascii: ":") {
                // Letters and most punctuation: text, except the flow indicators [ ] { } in flow
                // context ('{' and '}' are '[' and ']' with bit 5 set).
                if !flow { p += 1; continue }
                let u = c & 0xDF
                if u != UInt8(ascii: "[") && u != UInt8(ascii: "]") { p += 1; continue }
                return PlainLine(textEnd: textEnd(i, p), stop: .flowIndicator, stopAt: p)
            }
            if p >= n { return PlainLine(textEnd: textEnd(i, n), stop: .eol, stopAt: n) }
            if c == cLF || c == cCR { return PlainLine(textEnd: textEnd(i, p), stop: .eol, stopAt: p) }
            if c == UInt8(ascii: "#") && p > i && (b[p - 1] == cSP || b[p - 1] == cTAB) {
                return PlainLine(textEnd: textEnd(i, p), stop: .comment, stopAt: p)
            }
            if c == UInt8(ascii: ":") {
                let d = at(p + 1)
                if d == cSP || d == cTAB || d == cLF || d == cCR || d == 0 {
                    return PlainLine(textEnd: textEnd(i, p), stop: .colon, stopAt: p)
                }
                if flow {
                    if isFlowIndicator(d) { return PlainLine(textEnd: textEnd(i, p), stop: .colon, stopAt: p) }
                    return PlainLine(textEnd: textEnd(i, p), stop: .badColon, stopAt: p)
                }
            } else if flow && c == UInt8(ascii: ",") {
                return PlainLine(textEnd: textEnd(i, p), stop: .flowIndicator, stopAt: p)
            }
            p += 1
        }
    }

    /// The end of a plain line's text that stops at `p`: before trailing blanks, never before `i`.
    @inline(__always) func textEnd(_ i: Int, _ p: Int) -> Int {
        var e = p
        while e > i && (b[e - 1] == cSP || b[e - 1] == cTAB) { e -= 1 }
        return e
    }

    /// A plain scalar in block context whose first line ended at a line break: continuation
    /// lines are those indented more than `parent`.
    func parsePlainContinuation(start: Int, firstEnd: Int, parent: Int) throws(YAMLSyntaxError) -> RawNode {
        var node = RawNode(kind: .scalar, style: .plain, start: start, end: firstEnd)
        var segments: [(Int, Int, Int)] = []   // (start, end, blank lines before)
        var p = lineEnd(firstEnd)
        var blanks = 0
        scan: while p < n {
            p = afterBreak(p)
            let ls = p
            var q = p
            while q < n && b[q] == cSP { q += 1 }
            if q >= n { break }
            let c = b[q]
            if c == cLF || c == cCR { blanks += 1; p = q; continue }
            if c == cTAB { throw fail(.unsupported, "tab used as indentation; indent with spaces", q) }
            let indent = q - ls
            if indent <= parent || c == UInt8(ascii: "#") { break }
            if isDocumentMarker(Line(start: ls, content: q, indent: indent)) { break }
            let line = scanPlainLine(q, flow: false)
            if line.stop == .colon {
                throw fail(.parse, "mapping values are not allowed here (a multi-line value cannot contain ': '; quote it)", line.stopAt)
            }
            segments.append((q, line.textEnd, blanks))
            blanks = 0
            node.end = line.textEnd
            if line.stop == .comment { break scan }
            p = line.stopAt
        }
        if segments.isEmpty {
            setValue(&node, try resolvePlain(start, firstEnd))
            return node
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: b.slice(start, firstEnd))
        for (s, e, k) in segments {
            if k == 0 { scratch.append(cSP) } else { for _ in 0..<k { scratch.append(cLF) } }
            scratch.append(contentsOf: b.slice(s, e))
        }
        setValue(&node, resolveScalarText(scratch, at: start))
        if !node.isStringValue {
            throw fail(.unsupported, "a multi-line plain value that reads as a number, bool or null; write it on one line", start)
        }
        return node
    }

    func resolvePlain(_ s: Int, _ e: Int) throws(YAMLSyntaxError) -> YAMLValue {
        let slice = b.slice(s, e)
        switch CoreSchema.resolve(slice) {
        case let .value(v): return v
        case .outOfRange:
            throw fail(.unsupported, "integer \(String(decoding: slice, as: UTF8.self)) does not fit in 64 bits; quote it to keep it as text", s)
        }
    }

    func resolveScalarText(_ bytes: [UInt8], at: Int) -> YAMLValue {
        bytes.withUnsafeBufferPointer { buf in
            if case let .value(v) = CoreSchema.resolve(buf) { return v }
            return .string(String(decoding: buf, as: UTF8.self))
        }
    }

    // MARK: - Quoted scalars

    /// A single- or double-quoted scalar at `i`; continuation lines must be indented more than `parent`.
    func parseQuoted(at i: Int, parent: Int) throws(YAMLSyntaxError) -> RawNode {
        let q = b[i]
        let double = q == UInt8(ascii: "\"")
        var node = RawNode(kind: .scalar, style: double ? .doubleQuoted : .singleQuoted, start: i, end: i)
        // Fast path: one line, no escapes.
        var p = i + 1
        while p < n {
            let c = b[p]
            if c == q || c == cLF || c == cCR || (double && c == UInt8(ascii: "\\")) { break }
            p += 1
        }
        if p < n && b[p] == q && !(!double && at(p + 1) == q) {
            node.end = p + 1
            setValue(&node, .string(String(decoding: b.slice((i + 1), p), as: UTF8.self)))
            return node
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: b.slice((i + 1), p))
        var pendingWhite = 0   // count of bytes at the end of scratch that are unescaped blanks
        while pendingWhite < scratch.count
            && (scratch[scratch.count - 1 - pendingWhite] == cSP || scratch[scratch.count - 1 - pendingWhite] == cTAB) {
            pendingWhite += 1
        }
        while true {
            if p >= n { throw fail(.parse, "unterminated quoted scalar", i) }
            let c = b[p]
            if c == q {
                if !double && at(p + 1) == q { scratch.append(q); pendingWhite = 0; p += 2; continue }
                node.end = p + 1
                break
            }
            if c == cLF || c == cCR {
                // Line folding: drop trailing blanks, count empty lines, skip leading blanks.
                scratch.removeLast(pendingWhite)
                pendingWhite = 0
                var breaks = 0
                p = try skipFoldedBreaks(p, parent: parent, quoteStart: i, breaks: &breaks)
                if breaks == 1 { scratch.append(cSP) } else { for _ in 1..<breaks { scratch.append(cLF) } }
                continue
            }
            if c == cSP || c == cTAB { scratch.append(c); pendingWhite += 1; p += 1; continue }
            pendingWhite = 0
            if double && c == UInt8(ascii: "\\") {
                p = try parseEscape(p, quoteStart: i)
                continue
            }
            scratch.append(c)
            p += 1
        }
        setValue(&node, .string(String(decoding: scratch, as: UTF8.self)))
        return node
    }

    /// From a line break at `p` inside a quoted scalar: skips it, any empty lines and the next
    /// line's indentation; returns the position of the next content byte.
    func skipFoldedBreaks(_ start: Int, parent: Int, quoteStart: Int, breaks: inout Int) throws(YAMLSyntaxError) -> Int {
        var p = start
        while true {
            p = afterBreak(p)
            breaks += 1
            let ls = p
            while p < n && b[p] == cSP { p += 1 }
            if p < n && b[p] == cTAB {
                throw fail(.unsupported, "tab used as indentation inside a quoted value; use spaces", p)
            }
            if p >= n { throw fail(.parse, "unterminated quoted scalar", quoteStart) }
            if b[p] == cLF || b[p] == cCR { continue }
            if p - ls <= parent {
                throw fail(.unsupported, "the continuation line of a quoted value must be indented more than its key", p)
            }
            if isDocumentMarker(Line(start: ls, content: p, indent: p - ls)) {
                throw fail(.parse, "document marker inside a quoted value", p)
            }
            return p
        }
    }

    func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    func appendScalar(_ v: UInt32) {
        if v < 0x80 { scratch.append(UInt8(v)) }
        else if v < 0x800 { scratch.append(UInt8(0xC0 | (v >> 6))); scratch.append(UInt8(0x80 | (v & 0x3F))) }
        else if v < 0x10000 {
            scratch.append(UInt8(0xE0 | (v >> 12))); scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            scratch.append(UInt8(0xF0 | (v >> 18))); scratch.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F))); scratch.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// An escape sequence at `p` (the backslash); appends its text, returns the position after it.
    func parseEscape(_ p: Int, quoteStart: Int) throws(YAMLSyntaxError) -> Int {
        if p + 1 >= n { throw fail(.parse, "unterminated quoted scalar", quoteStart) }
        let e = at(p + 1)
        var digits = 0
        switch e {
        case UInt8(ascii: "0"): scratch.append(0)
        case UInt8(ascii: "a"): scratch.append(7)
        case UInt8(ascii: "b"): scratch.append(8)
        case UInt8(ascii: "t"), cTAB: scratch.append(9)
        case UInt8(ascii: "n"): scratch.append(10)
        case UInt8(ascii: "v"): scratch.append(11)
        case UInt8(ascii: "f"): scratch.append(12)
        case UInt8(ascii: "r"): scratch.append(13)
        case UInt8(ascii: "e"): scratch.append(27)
        case cSP: scratch.append(cSP)
        case UInt8(ascii: "\""): scratch.append(e)
        case UInt8(ascii: "/"): scratch.append(e)
        case UInt8(ascii: "\\"): scratch.append(e)
        case UInt8(ascii: "N"): appendScalar(0x85)
        case UInt8(ascii: "_"): appendScalar(0xA0)
        case UInt8(ascii: "L"): appendScalar(0x2028)
        case UInt8(ascii: "P"): appendScalar(0x2029)
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        case cLF, cCR:
            // Escaped line break: joins the lines without a space; empty lines still count.
            var q = afterBreak(p + 1)
            while true {
                let ls = q
                while q < n && b[q] == cSP { q += 1 }
                if q < n && b[q] == cTAB {
                    throw fail(.unsupported, "tab used as indentation inside a quoted value; use spaces", q)
                }
                if q >= n { throw fail(.parse, "unterminated quoted scalar", p) }
                if b[q] == cLF || b[q] == cCR { scratch.append(cLF); q = afterBreak(q); continue }
                if isDocumentMarker(Line(start: ls, content: q, indent: q - ls)) {
                    throw fail(.parse, "document marker inside a quoted value", q)
                }
                return q
            }
        default:
            throw fail(.parse, "invalid escape '\\\(String(decoding: [e], as: UTF8.self))' in a double-quoted value", p)
        }
        if digits == 0 { return p + 2 }
        var v: UInt32 = 0
        for k in 0..<digits {
            guard let h = hexValue(at(p + 2 + k)) else {
                throw fail(.parse, "invalid escape: expected \(digits) hexadecimal digits", p)
            }
            v = v << 4 | h
        }
        if v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) {
            throw fail(.unsupported, "escape \\\(Character(Unicode.Scalar(e))) for U+\(hex4(v)) is not a valid character", p)
        }
        appendScalar(v)
        return p + 2 + digits
    }

    // MARK: - Block scalars

    func parseBlockScalar(at i: Int, parent: Int) throws(YAMLSyntaxError) -> RawNode {
        let literal = b[i] == UInt8(ascii: "|")
        var node = RawNode(kind: .scalar, style: literal ? .literal : .folded, start: i, end: i + 1)
        var p = i + 1
        var chomp: UInt8 = 0   // 0 clip, '-' strip, '+' keep
        var indicator = 0
        for _ in 0..<2 {
            let c = at(p)
            if (c == UInt8(ascii: "-") || c == UInt8(ascii: "+")) && chomp == 0 { chomp = c; p += 1 }
            else if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") && indicator == 0 {
                indicator = Int(c - UInt8(ascii: "0")); p += 1
            } else if c == UInt8(ascii: "0") {
                throw fail(.parse, "the indentation indicator of a block scalar must be 1 to 9", p)
            }
        }
        node.end = p
        if !isBlankOrEnd(p) { throw fail(.parse, "unexpected \(charName(p)) in a block scalar header", p) }
        try expectLineEnd(p, after: "the block scalar header")
        var contentIndent: Int
        var q = lineEnd(p)
        if indicator > 0 {
            if parent < 0 {
                throw fail(.unsupported, "an indentation indicator on a top-level block scalar is not supported", i)
            }
            contentIndent = parent + indicator
        } else {
            // Auto-detect from the first non-empty line.
            contentIndent = -1
            var maxEmpty = 0
            var r = q
            while r < n {
                r = afterBreak(r)
                let ls = r
                while r < n && b[r] == cSP { r += 1 }
                if r < n && (b[r] == cLF || b[r] == cCR) { maxEmpty = max(maxEmpty, r - ls); continue }
                if r >= n { maxEmpty = max(maxEmpty, r - ls); break }
                if b[r] == cTAB {
                    throw fail(.unsupported, "a tab where a block scalar's indentation is expected; use spaces", r)
                }
                contentIndent = r - ls
                if maxEmpty > contentIndent && contentIndent > max(parent, 0) {
                    throw fail(.parse, "a leading empty line of the block scalar has more spaces than its first line", i)
                }
                break
            }
            if contentIndent <= max(parent, 0) {
                // No content lines: the value is empty (trailing breaks are not supported here).
                if chomp == UInt8(ascii: "+") {
                    throw fail(.unsupported, "an empty block scalar with keep chomping ('+') is not supported", i)
                }
                setValue(&node, .string(""))
                return node
            }
        }
        // Collect the lines.
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(256)   // one allocation for typical texts instead of several
        var pendingBreaks = 0       // breaks not yet emitted (after the last content line)
        var sawContent = false
        var lastSpaced = false
        var keepEnd = node.end
        while q < n {
            let ls = afterBreak(q)
            if ls >= n { break }
            var r = ls
            while r < n && b[r] == cSP && r - ls < contentIndent { r += 1 }
            if r >= n { break }
            let c = at(r)
            if c == cLF || c == cCR {
                // Empty line (fewer or exactly contentIndent spaces).
                pendingBreaks += 1
                q = r
                keepEnd = q
                continue
            }
            if r - ls < contentIndent {
                // Less indented: maybe blank with spaces only?
                var t = r
                while t < n && b[t] == cSP { t += 1 }
                if t >= n { break }
                if b[t] == cLF || b[t] == cCR {
                    pendingBreaks += 1
                    q = t
                    keepEnd = t
                    continue
                }
                break
            }
            // A content line.
            let e = lineEnd(r)
            let spaced = c == cSP || c == cTAB
            if sawContent {
                // The break after the previous content line, plus empty lines.
                if !literal && !lastSpaced && !spaced {
                    if pendingBreaks == 0 { scratch.append(cSP) }
                    else { for _ in 0..<pendingBreaks { scratch.append(cLF) } }
                } else {
                    for _ in 0...pendingBreaks { scratch.append(cLF) }
                }
            } else {
                for _ in 0..<pendingBreaks { scratch.append(cLF) }
            }
            pendingBreaks = 0
            scratch.append(contentsOf: b.slice(r, e))
            sawContent = true
            lastSpaced = spaced
            node.end = e
            keepEnd = e
            q = e
        }
        // q is at the break after the last line examined, or n.
        // Count breaks after the last content line: the content line's own break + empty lines.
        var trailing = pendingBreaks
        if sawContent {
            // Did the last content line end with a break?
            if node.end < n { trailing += 1 }
        }
        if chomp == UInt8(ascii: "+") {
            for _ in 0..<trailing { scratch.append(cLF) }
            node.end = keepEnd
        } else if chomp == 0 {
            if sawContent && node.end < n { scratch.append(cLF) }
        }
        setValue(&node, .string(String(decoding: scratch, as: UTF8.self)))
        return node
    }

    // MARK: - Flow collections

    /// Skips blanks, comments and line breaks inside a flow collection.
    func skipFlowSpace(_ start: Int, parent: Int, crossed: inout Bool) throws(YAMLSyntaxError) -> Int {
        var p = start
        while p < n {
            let c = b[p]
            if c == cSP || c == cTAB { p += 1; continue }
            if c == UInt8(ascii: "#") && p > 0 && (b[p - 1] == cSP || b[p - 1] == cTAB || b[p - 1] == cLF) {
                p = lineEnd(p); continue
            }
            if c == cLF || c == cCR {
                crossed = true
                p = afterBreak(p)
                let ls = p
                while p < n && b[p] == cSP { p += 1 }
                if p < n && b[p] == cTAB {
                    throw fail(.unsupported, "tab used as indentation inside a flow collection; use spaces", p)
                }
                if p < n && b[p] != cLF && b[p] != cCR {
                    if p - ls <= parent && b[p] != UInt8(ascii: "]") && b[p] != UInt8(ascii: "}") {
                        throw fail(.unsupported, "a flow collection's continuation line must be indented more than its key", p)
                    }
                    if isDocumentMarker(Line(start: ls, content: p, indent: p - ls)) {
                        throw fail(.parse, "document marker inside a flow collection", p)
                    }
                }
                continue
            }
            return p
        }
        return p
    }

    func parseFlow(at i: Int, parent: Int, depth: Int) throws(YAMLSyntaxError) -> RawNode {
        if depth > yamlMaximumDepth {
            throw fail(.unsupported, "nesting deeper than \(yamlMaximumDepth) levels is not supported", i)
        }
        let isSeq = b[i] == UInt8(ascii: "[")
        let close = isSeq ? UInt8(ascii: "]") : UInt8(ascii: "}")
        var node = RawNode(kind: isSeq ? .flowSequence : .flowMapping, start: i, end: i)
        var ids: Set<KeyIdentity> = []
        var filter = KeyFilter()
        let frame = beginEntries()
        var crossed = false
        var p = try skipFlowSpace(i + 1, parent: parent, crossed: &crossed)
        while true {
            if p >= n { throw fail(.parse, "unterminated flow collection (missing '\(Character(Unicode.Scalar(close)))')", i) }
            let c = b[p]
            if c == close {
                node.end = p + 1
                finishEntries(&node, frame)
                return node
            }
            if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: ",") {
                throw fail(.parse, "unexpected \(charName(p)) in a flow collection", p)
            }
            if isSeq {
                if c == UInt8(ascii: "?") && isBlankOrEnd(p + 1) {
                    throw fail(.unsupported, "complex keys ('?') are not supported", p)
                }
                let item = try parseFlowNode(at: p, parent: parent, depth: depth, open: i)
                let itemEnd = item.end
                entryStack.append(SyntaxEntry(key: emptyKey, child: item, indicator: -1))
                crossed = false
                p = try skipFlowSpace(itemEnd, parent: parent, crossed: &crossed)
                if at(p) == UInt8(ascii: ":") {
                    throw fail(.unsupported, "a 'key: value' pair inside a flow sequence is not supported; write {key: value}", p)
                }
            } else {
                if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                    throw fail(.unsupported, "a flow collection used as a key is not supported", p)
                }
                if c == UInt8(ascii: "?") && isBlankOrEnd(p + 1) {
                    throw fail(.unsupported, "complex keys ('?') are not supported", p)
                }
                var key = try parseFlowNode(at: p, parent: parent, depth: depth, open: i)
                if isMergeKey(key) {
                    throw fail(.unsupported, "merge keys ('<<') are not supported", p)
                }
                crossed = false
                p = try skipFlowSpace(key.end, parent: parent, crossed: &crossed)
                guard at(p) == UInt8(ascii: ":") else {
                    throw fail(.unsupported, "a flow mapping entry needs 'key: value'", p)
                }
                if crossed || lineEnd(key.start) < key.end {
                    throw fail(.parse, "a key and its ':' must be on one line", p)
                }
                let d = at(p + 1)
                if !(d == cSP || d == cTAB || d == cLF || d == cCR || d == 0 || isFlowIndicator(d)) {
                    throw fail(.parse, "put a space after ':' in a flow mapping", p)
                }
                try checkDuplicate(&key, from: frame, ids: &ids, filter: &filter)
                crossed = false
                p = try skipFlowSpace(p + 1, parent: parent, crossed: &crossed)
                let value: RawNode
                if at(p) == UInt8(ascii: ",") || at(p) == close {
                    value = emptyScalar(p)
                } else {
                    value = try parseFlowNode(at: p, parent: parent, depth: depth, open: i)
                }
                let valueEnd = value.end
                entryStack.append(SyntaxEntry(key: key, child: value, indicator: -1))
                crossed = false
                p = try skipFlowSpace(valueEnd, parent: parent, crossed: &crossed)
            }
            let d = at(p)
            if d == UInt8(ascii: ",") {
                crossed = false
                p = try skipFlowSpace(p + 1, parent: parent, crossed: &crossed)
                continue
            }
            if d == close { continue }
            if p >= n { throw fail(.parse, "unterminated flow collection (missing '\(Character(Unicode.Scalar(close)))')", i) }
            if crossed {
                throw fail(.unsupported, "an unquoted value in a flow collection must fit on one line; quote it", p)
            }
            throw fail(.parse, "expected ',' or '\(Character(Unicode.Scalar(close)))' in a flow collection, found \(charName(p))", p)
        }
    }

    func parseFlowNode(at p: Int, parent: Int, depth: Int, open: Int) throws(YAMLSyntaxError) -> RawNode {
        if p >= n {
            throw fail(.parse, "unterminated flow collection (missing '\(b[open] == UInt8(ascii: "[") ? "]" : "}")')", open)
        }
        let c = b[p]
        if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
            return try parseFlow(at: p, parent: parent, depth: depth + 1)
        }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            return try parseQuoted(at: p, parent: parent)
        }
        if c == UInt8(ascii: ":") {
            throw fail(.unsupported, "an empty key or ':' at the start of a value in a flow collection is not supported", p)
        }
        if c == UInt8(ascii: "-") && isBlankOrEnd(p + 1) {
            throw fail(.parse, "a block sequence item '-' inside a flow collection", p)
        }
        if c == UInt8(ascii: "?") {
            throw fail(.unsupported, "'?' at the start of a value in a flow collection; quote the value", p)
        }
        try refuseIndicator(p)
        let line = scanPlainLine(p, flow: true)
        if line.stop == .badColon {
            throw fail(.unsupported, "':' inside an unquoted value in a flow collection; quote the value", line.stopAt)
        }
        var node = RawNode(kind: .scalar, style: .plain, start: p, end: line.textEnd)
        setValue(&node, try resolvePlain(p, line.textEnd))
        return node
    }
}
