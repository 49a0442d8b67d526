/// An entry of the index.
public struct IndexEntryInfo: Sendable, Hashable {
    public var path: String
    public var id: ObjectID
    public var mode: FileMode
    /// 0 for a normal entry; 1 (ancestor), 2 (ours), 3 (theirs) for a conflict.
    public var stage: Int
    /// Outside a sparse checkout (git's skip-worktree bit): the file is absent from the working
    /// tree on purpose, and git takes the index's version as the working tree's.
    public var skipWorktree = false

    public init(path: String, id: ObjectID, mode: FileMode, stage: Int) {
        self.path = path
        self.id = id
        self.mode = mode
        self.stage = stage
    }
}
