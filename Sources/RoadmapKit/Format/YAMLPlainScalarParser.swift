// Plain (unquoted) scalars: where their text ends, continuation lines, and typing by the core schema.

extension Parser {
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
        case let .value(.float(d)) where !d.isFinite:
            // JSON has no infinity or NaN, and every read command can print an item as JSON:
            // refuse rather than print null or a string in its place.
            let text = String(decoding: slice, as: UTF8.self)
            if d.isNaN || text.lowercased().contains("inf") {
                throw fail(.unsupported, "\(text) (\(d.isNaN ? "not a number" : "infinity")) cannot be represented in JSON; quote it to keep it as text", s)
            }
            throw fail(.unsupported, "float \(text) is out of range (it reads as infinity, which JSON cannot represent); quote it to keep it as text", s)
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

}
