import GitKit

/// The three-way merge of two commits' trees (SPEC §8 `accept`): files changed on one side
/// are taken from it; items changed on both sides merge field by field (`ItemMerge`), and an
/// item is followed by its id, so a move on one side and an edit on the other both survive.
public struct TreeMergeResult: Sendable {
    /// The merged tree (written to the object database); nil when there are conflicts.
    public var tree: ObjectID?
    public var conflicts: [MergeConflict]
    /// Item ids merged field by field (changed on both sides).
    public var mergedItems: [String]
}

public enum TreeMerge {
    struct Entry: Equatable {
        var path: String
        var blob: ObjectID
        var mode: FileMode
    }

    /// Merges `theirs` into `ours` from their merge base `base` (nil: no common history).
    public static func merge(_ repository: Repository, root: String, base: ObjectID?, ours: ObjectID, theirs: ObjectID,
                             sides: (ours: String, theirs: String) = ("on one side", "on the other")) throws -> TreeMergeResult {
        let oursTree = try repository.commit(ours).treeID
        let baseEntries = try base.map { try keyed(repository.treeEntries(ofCommit: $0), root: root) } ?? [:]
        let oursEntries = try keyed(repository.treeEntries(ofCommit: ours), root: root)
        let theirsEntries = try keyed(repository.treeEntries(ofCommit: theirs), root: root)

        var keys = Set(oursEntries.keys)
        keys.formUnion(theirsEntries.keys)
        keys.formUnion(baseEntries.keys)
        var updates: [TreeUpdate] = []
        var conflicts: [MergeConflict] = []
        var merged: [String] = []

        for key in keys.sorted() {
            let b = baseEntries[key], o = oursEntries[key], t = theirsEntries[key]
            if o == t || t == b { continue }
            let isItem = key.hasPrefix("id:")
            let name = isItem ? String(key.dropFirst(3)) : (o ?? t ?? b)!.path
            if o == b {
                if let o, o.path != t?.path { updates.append(.remove(path: o.path)) }
                if let t { updates.append(.upsert(path: t.path, blob: t.blob, mode: t.mode)) }
                continue
            }
            // Changed on both sides.
            guard let o, let t else {
                let path = (o ?? t ?? b)!.path
                conflicts.append(MergeConflict(item: name, path: path, field: nil,
                                               reason: o == nil ? "deleted \(sides.ours) and changed \(sides.theirs)" : "changed \(sides.ours) and deleted \(sides.theirs)"))
                continue
            }
            let path: String
            if o.path == t.path || t.path == b?.path { path = o.path }
            else if o.path == b?.path { path = t.path }
            else {
                let reason = b == nil ? "added on both sides, at '\(o.path)' and at '\(t.path)'"
                    : "moved to '\(o.path)' on one side and to '\(t.path)' on the other"
                conflicts.append(MergeConflict(item: name, path: o.path, field: nil, reason: reason))
                continue
            }
            let mode = (o.mode == b?.mode) ? t.mode : o.mode
            var blob: ObjectID
            if o.blob == t.blob || t.blob == b?.blob { blob = o.blob }
            else if o.blob == b?.blob { blob = t.blob }
            else if isItem {
                let result = ItemMerge.merge(base: try b.map { try repository.blobData($0.blob) },
                                             ours: try repository.blobData(o.blob), theirs: try repository.blobData(t.blob),
                                             id: name, path: path, sides: sides)
                guard let bytes = result.bytes else {
                    conflicts += result.conflicts
                    continue
                }
                blob = try repository.writeBlob(bytes)
                merged.append(name)
            } else {
                conflicts.append(MergeConflict(item: name, path: path, field: nil,
                                               reason: b == nil ? "added on both sides with different content" : "changed on both sides (not an item, so it cannot be merged field by field)"))
                continue
            }
            if o.path != path { updates.append(.remove(path: o.path)) }
            updates.append(.upsert(path: path, blob: blob, mode: mode))
        }
        guard conflicts.isEmpty else { return TreeMergeResult(tree: nil, conflicts: conflicts, mergedItems: merged) }
        let tree = updates.isEmpty ? oursTree : try repository.buildTree(base: oursTree, updates: updates)
        return TreeMergeResult(tree: tree, conflicts: [], mergedItems: merged)
    }

    /// Blob entries by key: `id:ID` for an item whose id is unique in the tree, else `path:PATH`.
    static func keyed(_ entries: [TreeEntryInfo], root: String) -> [String: Entry] {
        let blobs = entries.filter(\.mode.isBlob)
        var idCount: [String: Int] = [:]
        for entry in blobs where Snapshot.isItemPath(entry.path, root: root) {
            idCount[ItemID.fromPath(entry.path), default: 0] += 1
        }
        var out: [String: Entry] = [:]
        for entry in blobs {
            let value = Entry(path: entry.path, blob: entry.id, mode: entry.mode)
            if Snapshot.isItemPath(entry.path, root: root) {
                let id = ItemID.fromPath(entry.path)
                if idCount[id] == 1 { out["id:" + id] = value; continue }
            }
            out["path:" + entry.path] = value
        }
        return out
    }
}
