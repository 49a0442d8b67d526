// Characters and positions: the encoding check that runs before parsing, checked reads of the
// input, byte offsets to line:column, and the line-level helpers every construct uses (line
// ends, indentation, comments, document markers).

let cLF: UInt8 = 0x0A
let cCR: UInt8 = 0x0D
let cSP: UInt8 = 0x20
let cTAB: UInt8 = 0x09

extension YAMLParser {
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

extension Parser {
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

}
