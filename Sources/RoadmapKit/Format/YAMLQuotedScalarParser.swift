// Single- and double-quoted scalars: line folding and escape sequences.

extension Parser {
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

}
