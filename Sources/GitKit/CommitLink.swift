/// What a history walk needs of a commit: its tree, its parents and its committer time,
/// without decoding the signatures or the message.
public struct CommitLink: Sendable, Hashable {
    public var id: ObjectID
    public var treeID: ObjectID
    /// In order: the first parent first (as recorded in the commit object, even when the
    /// repository is shallow and the parents are missing).
    public var parents: [ObjectID]
    /// The committer time, seconds since 1970 (what `git log` orders by).
    public var commitTime: Int64

    public init(id: ObjectID, treeID: ObjectID, parents: [ObjectID], commitTime: Int64) {
        self.id = id
        self.treeID = treeID
        self.parents = parents
        self.commitTime = commitTime
    }
}
