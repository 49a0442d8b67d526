/// One path of `Repository.status`: how the index differs from HEAD (staged) and the
/// working tree from the index (unstaged).
public struct StatusEntry: Sendable, Hashable {
    public var path: String
    /// Index vs HEAD (nil: unchanged).
    public var staged: DeltaStatus?
    /// Working tree vs index (nil: unchanged). Untracked files have `untracked` set instead.
    public var unstaged: DeltaStatus?
    public var untracked: Bool
    public var conflicted: Bool
    /// For a staged rename, the path in HEAD.
    public var oldPath: String?

    public init(path: String, staged: DeltaStatus?, unstaged: DeltaStatus?, untracked: Bool, conflicted: Bool, oldPath: String? = nil) {
        self.path = path
        self.staged = staged
        self.unstaged = unstaged
        self.untracked = untracked
        self.conflicted = conflicted
        self.oldPath = oldPath
    }
}
