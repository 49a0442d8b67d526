// The lossless syntax tree the parser builds: byte ranges over the document, with the data of
// every scalar in a value table and the entries of every collection in one flat arena.

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
