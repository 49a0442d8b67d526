import Foundation

/// A commit's data, copied out of libgit2.
public struct CommitInfo: Sendable, Hashable {
    public var id: ObjectID
    public var treeID: ObjectID
    /// In order: the first parent first.
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    /// The full raw message.
    public var message: String

    public init(id: ObjectID, treeID: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String) {
        self.id = id
        self.treeID = treeID
        self.parents = parents
        self.author = author
        self.committer = committer
        self.message = message
    }

    /// The first non-blank line of the message, trimmed.
    public var summary: String {
        for line in message.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { return trimmed }
        }
        return ""
    }
}

