import GitKit

/// One reference a push updates, as git hands it to a `pre-receive` hook: `OLD NEW REFNAME`,
/// the all-zero id standing for "none".
public struct RefUpdate: Sendable, Hashable {
    public var name: String
    /// nil: the push creates the reference.
    public var old: ObjectID?
    /// nil: the push deletes the reference.
    public var new: ObjectID?

    public init(name: String, old: ObjectID?, new: ObjectID?) {
        self.name = name
        self.old = old
        self.new = new
    }

    /// The lines git writes on the hook's standard input. A line that is not three fields
    /// of two ids and a name is an error naming it (git never sends one).
    public static func parse(_ text: String) throws -> [RefUpdate] {
        var updates: [RefUpdate] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard fields.count == 3, let old = ObjectID(hex: String(fields[0])), let new = ObjectID(hex: String(fields[1])) else {
                throw RoadmapError("pre-receive: line \(index + 1) of the input is not 'OLD NEW REFNAME': \(sanitizeForTerminal(String(line.prefix(200))))")
            }
            updates.append(RefUpdate(name: String(fields[2]), old: old.isZero ? nil : old, new: new.isZero ? nil : new))
        }
        return updates
    }
}

extension ObjectID {
    /// The all-zero id git uses for "no object".
    var isZero: Bool { hex.allSatisfy { $0 == "0" } }
}
