/// An entry of a tree, with its full path from the repository's root.
public struct TreeEntryInfo: Sendable, Hashable {
    /// Full path from the repository root, `/`-separated.
    public var path: String
    public var id: ObjectID
    public var mode: FileMode

    public init(path: String, id: ObjectID, mode: FileMode) {
        self.path = path
        self.id = id
        self.mode = mode
    }
}
