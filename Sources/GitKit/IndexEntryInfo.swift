/// An entry of the index.
public struct IndexEntryInfo: Sendable, Hashable {
    public var path: String
    public var id: ObjectID
    public var mode: FileMode
    /// 0 for a normal entry; 1 (ancestor), 2 (ours), 3 (theirs) for a conflict.
    public var stage: Int

    public init(path: String, id: ObjectID, mode: FileMode, stage: Int) {
        self.path = path
        self.id = id
        self.mode = mode
        self.stage = stage
    }
}
