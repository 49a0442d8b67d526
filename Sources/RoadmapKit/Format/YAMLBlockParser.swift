// Block structure: the node that follows a `-` or `key:`, block mappings and block sequences.

extension Parser {
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

}
