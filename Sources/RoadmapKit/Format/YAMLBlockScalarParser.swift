// Literal (`|`) and folded (`>`) block scalars, with chomping and indentation indicators.

extension Parser {
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

}
