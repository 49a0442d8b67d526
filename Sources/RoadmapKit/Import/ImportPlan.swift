/// What an import does to the roadmap: every item it adds or changes (field by field), the
/// items it leaves as they are, and the items the source no longer has (reported, never
/// deleted). `--dry-run` prints it; otherwise its writes go in one commit.
public struct ImportPlan: Sendable {
    public enum Change: String, Sendable { case added, changed, unchanged }

    public struct FieldChange: Sendable {
        public var field: String
        public var old: YAMLValue?
        public var new: YAMLValue?
    }

    public struct Entry: Sendable {
        public var key: String
        public var id: String
        public var kind: Kind
        public var path: String
        public var change: Change
        public var fields: [FieldChange]
    }

    public struct Vanished: Sendable {
        public var key: String
        public var id: String
        public var path: String
    }

    public var entries: [Entry] = []
    public var vanished: [Vanished] = []
    /// Things the user should know that are not errors: a parent outside the export, a second fix version.
    public var notes: [String] = []
    /// The files to write, in path order.
    public var writes: [(path: String, bytes: [UInt8])] = []

    public func count(_ change: Change) -> Int { entries.filter { $0.change == change }.count }
}
