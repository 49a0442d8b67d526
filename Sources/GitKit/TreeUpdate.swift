/// A change to apply to a tree with `Repository.buildTree(base:updates:)`.
public enum TreeUpdate: Sendable, Hashable {
    /// Add or replace the entry at `path` (full path from the root; folders are created).
    case upsert(path: String, blob: ObjectID, mode: FileMode = .blob)
    /// Remove the entry at `path` (a missing entry is not an error).
    case remove(path: String)

    public var path: String {
        switch self {
        case .upsert(let path, _, _), .remove(let path): path
        }
    }
}
