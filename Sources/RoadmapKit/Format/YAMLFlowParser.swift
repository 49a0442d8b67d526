// Flow collections: `[a, b]` and `{k: v}`, nested, possibly over several lines.

extension Parser {
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
                // After a quoted key the value may follow the ':' at once, as in JSON (`{"a":1}`,
                // suite case 5T43); after a plain key the ':' would be part of the key.
                let quotedKey = key.style == .singleQuoted || key.style == .doubleQuoted
                if !(quotedKey || d == cSP || d == cTAB || d == cLF || d == cCR || d == 0 || isFlowIndicator(d)) {
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
        // A plain value may start with '-' only when a character that can continue it follows
        // (YAML 1.2 ns-plain-first): `[-]`, `[a, -]` and `{a: -}` hold no value (suite case G5U8).
        if c == UInt8(ascii: "-") && isFlowIndicator(at(p + 1)) {
            throw fail(.parse, "a lone '-' in a flow collection is not a value; quote it ('-') or remove it", p)
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
