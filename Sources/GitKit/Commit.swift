internal import CLibGit2

/// An owned `git_commit`.
final class Commit {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository, _ id: ObjectID) throws {
        var out: OpaquePointer?
        var oid = id.oid
        try check(git_commit_lookup(&out, repository.pointer, &oid), "git_commit_lookup")
        guard let out else { throw GitError.own("no commit \(id)", operation: "git_commit_lookup") }
        pointer = out
        self.repository = repository
    }

    deinit { git_commit_free(pointer) }

    var id: ObjectID { ObjectID(git_commit_id(pointer)) }
    var treeID: ObjectID { ObjectID(git_commit_tree_id(pointer)) }

    var parentIDs: [ObjectID] {
        (0..<git_commit_parentcount(pointer)).compactMap { index in
            git_commit_parent_id(pointer, index).map { ObjectID($0) }
        }
    }

    func tree() throws -> Tree {
        try Tree(repository, treeID)
    }

    var info: CommitInfo {
        let fallback = Signature(name: "", email: "", date: .init(timeIntervalSince1970: 0), timeZoneOffsetMinutes: 0)
        return CommitInfo(
            id: id,
            treeID: treeID,
            parents: parentIDs,
            author: git_commit_author(pointer).map { Signature($0) } ?? fallback,
            committer: git_commit_committer(pointer).map { Signature($0) } ?? fallback,
            message: decode(git_commit_message_raw(pointer))
        )
    }
}
