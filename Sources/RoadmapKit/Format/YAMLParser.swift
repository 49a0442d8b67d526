// A byte-level parser for the YAML subset of SPEC §3.
//
// The document keeps its bytes; the parser builds a syntax tree of byte ranges (`SyntaxNode`,
// YAMLSyntaxTree.swift) over them, so printing an unedited document returns the input exactly, and
// edits splice bytes into the ranges of the fields they change (see YAMLDocument.swift).
//
// The parser is split by construct, as toml_edit splits its own:
//   YAMLParser.swift             entry point, parser state, the document (this file)
//   YAMLScanner.swift            bytes, encoding check, positions, lines, indentation, comments
//   YAMLBlockParser.swift        block mappings and sequences, the node after `-` or `key:`
//   YAMLDuplicateKeys.swift      the duplicate-key check of every mapping
//   YAMLFlowParser.swift         flow sequences and mappings
//   YAMLPlainScalarParser.swift  plain scalars and their typing by the core schema
//   YAMLQuotedScalarParser.swift single- and double-quoted scalars, escapes
//   YAMLBlockScalarParser.swift  literal and folded block scalars

/// The largest accepted file (1 MiB).
public let yamlMaximumFileSize = 1_048_576
/// The deepest accepted nesting of collections.
public let yamlMaximumDepth = 32

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

}

extension Parser {
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

}
