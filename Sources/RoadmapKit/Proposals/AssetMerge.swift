/// The three-way merge of a campaign's `assets` (SPEC §13): entry by entry, by asset id, so
/// that two proposals editing different assets of one campaign merge cleanly, and one asset's
/// field set to two values is a conflict named `assets.ID.FIELD`. The result is written as
/// edits of our document: untouched assets keep their bytes.
enum AssetMerge {
    /// The entries of a list of assets by id, in order; nil when an entry is not a mapping with
    /// a string id, or an id repeats (then the list merges by value, as before).
    static func keyed(_ value: YAMLValue?) -> [(id: String, value: YAMLValue)]? {
        guard let value else { return [] }
        if value == .null { return [] }
        guard case let .sequence(items) = value else { return nil }
        var out: [(id: String, value: YAMLValue)] = []
        var seen = Set<String>()
        for item in items {
            guard case let .string(id)? = item.stringPairs?.first(where: { $0.key == "id" })?.value, seen.insert(id).inserted else { return nil }
            out.append((id, item))
        }
        return out
    }

    /// Merges `assets` changed on both sides into `document` (ours). Returns false when the
    /// lists are not keyed by id, so the caller merges them by value instead.
    static func merge(base: YAMLValue?, ours: YAMLValue?, theirs: YAMLValue?, into document: inout YAMLDocument,
                      id: String, path: String, sides: (ours: String, theirs: String),
                      conflicts: inout [MergeConflict]) throws -> Bool {
        guard let b = keyed(base), let o = keyed(ours), let t = keyed(theirs) else { return false }
        func find(_ list: [(id: String, value: YAMLValue)], _ key: String) -> YAMLValue? { list.first { $0.id == key }?.value }
        var ids = o.map(\.id)
        for entry in t where !ids.contains(entry.id) { ids.append(entry.id) }
        var merged: [(id: String, value: YAMLValue?)] = []
        for assetID in ids {
            let value = ItemMerge.mergeValues(find(b, assetID), find(o, assetID), find(t, assetID), field: "assets.\(assetID)",
                                              id: id, path: path, sides: sides, conflicts: &conflicts)
            merged.append((assetID, value))
        }
        guard conflicts.isEmpty else { return true }
        // Edit our entries in place, then drop the removed ones (last first), then append theirs.
        for (index, entry) in o.enumerated() {
            guard let new = merged.first(where: { $0.id == entry.id })?.value, new != entry.value,
                  let oldPairs = entry.value.stringPairs, let newPairs = new.stringPairs else { continue }
            for pair in newPairs where oldPairs.first(where: { $0.key == pair.key })?.value != pair.value {
                try document.setValue(["assets", String(index), pair.key], pair.value)
            }
            for pair in oldPairs where !newPairs.contains(where: { $0.key == pair.key }) {
                try document.remove(["assets", String(index), pair.key])
            }
        }
        for (index, entry) in o.enumerated().reversed() where merged.first(where: { $0.id == entry.id })?.value == nil {
            try document.remove(["assets", String(index)])
        }
        for entry in merged where !o.contains(where: { $0.id == entry.id }) {
            if let value = entry.value { try document.append(["assets"], value) }
        }
        return true
    }
}
