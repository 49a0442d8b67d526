import GitKit

/// One state of the roadmap that a command reads: a commit, or what is staged, or the
/// working tree as it is on disk.
public enum TreeState: Sendable, Hashable {
    /// The commit HEAD points at (an empty roadmap on an unborn branch).
    case head
    /// What the index holds: what `git commit` would record.
    case index
    /// The files on disk, untracked ones included.
    case worktree
    /// A given commit.
    case commit(ObjectID)
    /// A tree not yet committed (what `roadmap commit` is about to record).
    case tree(ObjectID)

    /// How review JSON names this state (`head` field of SPEC §9).
    public func label(resolvedHead: ObjectID?) -> String {
        switch self {
        case .head: resolvedHead?.hex ?? "null"
        case .index: "index"
        case .worktree: "worktree"
        case let .commit(id), let .tree(id): id.hex
        }
    }
}

/// A YAML file of one state: its repository-relative path, bytes and (when known) blob id.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
    /// The blob id when the file comes from git; nil for a working-tree file.
    public var blob: ObjectID?
    /// Set when the entry is not a regular file (a symlink is never followed).
    public var isSymlink: Bool
    /// The size of a file too large to be an item; its bytes are then never read.
    public var oversize: Int?

    public init(path: String, bytes: [UInt8], blob: ObjectID? = nil, isSymlink: Bool = false, oversize: Int? = nil) {
        self.path = path
        self.bytes = bytes
        self.blob = blob
        self.isSymlink = isSymlink
        self.oversize = oversize
    }
}
