/// A semantic diff between two states of the roadmap (SPEC §8 `diff`): items added, removed,
/// moved, and changed field by field, then the findings the change introduces and resolves.
public struct SemanticDiff: Sendable {
    public enum Change: String, Sendable {
        case added, removed, modified, moved
    }

    /// One top-level field that differs.
    public struct FieldChange: Sendable {
        public var field: String
        /// nil: absent on that side.
        public var old: YAMLValue?
        public var new: YAMLValue?
        /// For two dates: new minus old, in days (first days compared).
        public var days: Int?
        /// For two lists: entries added and removed, by value.
        public var added: [YAMLValue]?
        public var removed: [YAMLValue]?
    }

    public struct ItemChange: Sendable {
        public var id: String
        public var change: Change
        /// The item's path in the new state (the old one for a removed item).
        public var path: String
        /// The old path when the item moved.
        public var oldPath: String?
        public var fields: [FieldChange]
    }

    public var items: [ItemChange]
    /// The review of the new state against the old one.
    public var review: ReviewResult

    public var introduced: [Finding] { review.findings.filter { $0.change == .new }.map(\.finding) }
    public var resolved: [Finding] { review.findings.filter { $0.change == .resolved }.map(\.finding) }

    public var added: Int { items.filter { $0.change == .added }.count }
    public var removed: Int { items.filter { $0.change == .removed }.count }
    /// Items modified or moved.
    public var changed: Int { items.filter { $0.change == .modified || $0.change == .moved }.count }

    /// Compares two snapshots; `old` nil means an empty roadmap.
    public static func compute(old: Snapshot?, new: Snapshot, config: RoadmapConfig, today: RoadmapDate) -> SemanticDiff {
        let review = Reviewer.review(base: old ?? Snapshot(files: [], root: new.root), head: new, config: config, today: today)
        return SemanticDiff(items: itemChanges(old: old, new: new), review: review)
    }

    /// The item changes only, sorted by id.
    public static func itemChanges(old: Snapshot?, new: Snapshot) -> [ItemChange] {
        let before = old?.byID ?? [:]
        let after = new.byID
        var out: [ItemChange] = []
        for id in Set(before.keys).union(after.keys).sorted() {
            switch (before[id], after[id]) {
            case let (nil, n?):
                out.append(ItemChange(id: id, change: .added, path: n.path, oldPath: nil, fields: fieldChanges(old: nil, new: n)))
            case let (o?, nil):
                out.append(ItemChange(id: id, change: .removed, path: o.path, oldPath: nil, fields: []))
            case let (o?, n?):
                let fields = fieldChanges(old: o, new: n)
                if o.path != n.path {
                    out.append(ItemChange(id: id, change: .moved, path: n.path, oldPath: o.path, fields: fields))
                } else if !fields.isEmpty {
                    out.append(ItemChange(id: id, change: .modified, path: n.path, oldPath: nil, fields: fields))
                }
            default:
                break
            }
        }
        return out
    }

    /// Top-level fields that differ, in the new item's order, then removed ones.
    public static func fieldChanges(old: Item?, new: Item) -> [FieldChange] {
        var oldFields: [String: YAMLValue] = [:]
        for f in old?.fields ?? [] where oldFields[f.key] == nil { oldFields[f.key] = f.value }
        var seen = Set<String>()
        var out: [FieldChange] = []
        for f in new.fields where seen.insert(f.key).inserted {
            let before = oldFields[f.key]
            if before == f.value { continue }
            out.append(change(f.key, old: before, new: f.value, kind: new.kind ?? old?.kind))
        }
        for f in old?.fields ?? [] where !seen.contains(f.key) && seen.insert(f.key).inserted {
            out.append(change(f.key, old: f.value, new: nil, kind: new.kind ?? old?.kind))
        }
        return out
    }

    /// ±days only for a field that holds a date for the item's kind, between two date strings
    /// (SPEC §11, as `history` does).
    static func change(_ field: String, old: YAMLValue?, new: YAMLValue?, kind: Kind?) -> FieldChange {
        var change = FieldChange(field: field, old: old, new: new)
        if RoadmapKit.FieldChange.isDateField(field, of: kind) { change.days = RoadmapKit.FieldChange.dateDays(from: old, to: new) }
        if case let .sequence(a) = old ?? .sequence([]), case let .sequence(b) = new ?? .sequence([]),
           old != nil || new != nil {
            change.added = b.filter { !a.contains($0) }
            change.removed = a.filter { !b.contains($0) }
        }
        return change
    }
}
