import GitKit

/// The history cache's records by commit id: open addressing with linear probing on the
/// id's first eight bytes. A warm history query loads twenty thousand records and looks
/// them up a few times per commit it walks; a `Dictionary` spent more time hashing and
/// growing than the walk spent walking. SHA-1 ids are uniform, so their leading word needs
/// no further hashing.
struct CommitTable<Value> {
    private(set) var ids: [ObjectID] = []
    private(set) var values: [Value] = []
    /// Index into `ids`/`values`, or -1 for an empty slot; the count is a power of two.
    private var slots: [Int32]

    init(minimumCapacity: Int = 0) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        ids.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    var count: Int { ids.count }

    /// The slot holding `id`, or the empty slot where it would go.
    private func slot(of id: ObjectID) -> Int {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: id.leadingWord) & mask
        while true {
            let entry = slots[index]
            if entry < 0 || ids[Int(entry)] == id { return index }
            index = (index + 1) & mask
        }
    }

    subscript(id: ObjectID) -> Value? {
        let entry = slots[slot(of: id)]
        return entry < 0 ? nil : values[Int(entry)]
    }

    /// Adds or replaces the value of `id`.
    mutating func set(_ value: Value, for id: ObjectID) {
        let index = slot(of: id)
        let entry = slots[index]
        if entry >= 0 {
            values[Int(entry)] = value
            return
        }
        slots[index] = Int32(ids.count)
        ids.append(id)
        values.append(value)
        if ids.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (position, id) in ids.enumerated() {
            var index = Int(truncatingIfNeeded: id.leadingWord) & mask
            while slots[index] >= 0 { index = (index + 1) & mask }
            slots[index] = Int32(position)
        }
    }
}
