internal import CLibGit2
import Foundation

extension Repository {
    // MARK: HEAD

    /// The commit HEAD points at; nil when HEAD is unborn.
    public func headCommitID() throws -> ObjectID? {
        guard let head = try Reference.lookup(self, "HEAD") else { return nil }
        return try head.resolvedTarget()
    }

    /// HEAD's branch, short name (also when unborn, e.g. "main"); nil when detached.
    public func currentBranch() throws -> String? {
        guard let head = try Reference.lookup(self, "HEAD"), let target = head.symbolicTarget else { return nil }
        let prefix = "refs/heads/"
        return target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : target
    }

    // MARK: Reading objects

    /// Resolves a revision (`main~3`, `v1.0` peeled to its commit, a short or full id,
    /// `HEAD^2`, …) to a commit id.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        do {
            return try GitObject(self, revision: revision).peel(to: GIT_OBJECT_COMMIT).id
        } catch let error as GitError {
            if error.isAmbiguous {
                throw error.rephrased("the revision '\(revision)' is ambiguous; give more digits")
            }
            throw error.rephrased("unknown revision '\(revision)'")
        }
    }

    /// Resolves a revision to a tree id (a commit's tree, or a tree given directly).
    public func resolveTree(_ revision: String) throws -> ObjectID {
        try GitObject(self, revision: revision).peel(to: GIT_OBJECT_TREE).id
    }

    public func commit(_ id: ObjectID) throws -> CommitInfo {
        try Commit(self, id).info
    }

    public func blobData(_ id: ObjectID) throws -> [UInt8] {
        try Blob(self, id).bytes
    }

    public func blobSize(_ id: ObjectID) throws -> Int {
        try Blob(self, id).size
    }

    /// The entry at `path` in the commit's tree; nil when absent.
    public func entry(at path: String, inCommit commit: ObjectID) throws -> TreeEntryInfo? {
        let path = Self.normalized(path)
        if path.isEmpty {
            return TreeEntryInfo(path: "", id: try Commit(self, commit).treeID, mode: .tree)
        }
        return try Commit(self, commit).tree().entry(at: path)
    }

    /// The content of the file (or the target of the symlink) at `path` in the commit;
    /// nil when absent or not a blob (a folder, a submodule).
    public func fileData(at path: String, inCommit commit: ObjectID) throws -> [UInt8]? {
        guard let entry = try entry(at: path, inCommit: commit), entry.mode.isBlob else { return nil }
        return try blobData(entry.id)
    }

    /// Every non-tree entry (files, executables, symlinks, submodules) under `folder` in the
    /// commit's tree, recursively, with full paths; `""` is the whole tree; an absent folder
    /// gives `[]`.
    public func treeEntries(ofCommit commit: ObjectID, under folder: String = "") throws -> [TreeEntryInfo] {
        try treeEntries(ofTree: Commit(self, commit).treeID, under: folder)
    }

    public func treeEntries(ofTree tree: ObjectID, under folder: String = "") throws -> [TreeEntryInfo] {
        let folder = Self.normalized(folder)
        let root = try Tree(self, tree)
        if folder.isEmpty { return try root.recursiveEntries(prefix: "") }
        guard let entry = try root.entry(at: folder) else { return [] }
        switch entry.mode {
        case .tree: return try Tree(self, entry.id).recursiveEntries(prefix: folder + "/")
        default: return []
        }
    }

    // MARK: Writing objects

    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        _ = try bytes.withUnsafeBytes { raw in
            try check(git_blob_create_from_buffer(&oid, pointer, raw.baseAddress, raw.count), "git_blob_create_from_buffer")
        }
        return ObjectID(oid)
    }

    /// The id of the empty tree (written to the object database).
    public func emptyTreeID() throws -> ObjectID {
        try TreeBuilder(self).write()
    }

    /// Builds a tree from `base` (nil: the empty tree) with `updates` applied
    /// (`git_tree_create_updated`); folders are created and emptied folders dropped.
    public func buildTree(base: ObjectID?, updates: [TreeUpdate]) throws -> ObjectID {
        let baseTree = try Tree(self, base ?? emptyTreeID())
        let paths = updates.map { Self.normalized($0.path) }
        if let bad = paths.first(where: { !Self.isSafeRelativePath($0) }) {
            throw GitError.own("invalid path in tree update: '\(bad)'", code: GitError.invalidCode, operation: "buildTree")
        }
        let cPaths: [UnsafeMutablePointer<CChar>?] = paths.map { strdup($0) }
        defer { cPaths.forEach { free($0) } }
        var raw: [git_tree_update] = []
        for (update, cPath) in zip(updates, cPaths) {
            var item = git_tree_update()
            item.path = UnsafePointer(cPath)
            switch update {
            case .upsert(_, let blob, let mode):
                item.action = GIT_TREE_UPDATE_UPSERT
                item.id = blob.oid
                item.filemode = mode.raw
            case .remove:
                item.action = GIT_TREE_UPDATE_REMOVE
            }
            raw.append(item)
        }
        var out = git_oid()
        _ = try raw.withUnsafeBufferPointer { buffer in
            try check(git_tree_create_updated(&out, pointer, baseTree.pointer, buffer.count, buffer.baseAddress), "git_tree_create_updated")
        }
        return ObjectID(out)
    }

    /// Creates a commit of `tree` with `parents`.
    ///
    /// With `ref` (e.g. `"HEAD"` or `"refs/heads/main"`), the reference is moved to the new
    /// commit only if its current tip is still `parents.first` (for an unborn branch:
    /// `parents` empty, and the branch must not exist); otherwise nothing is written and a
    /// `GitError` with `isRefMoved` is thrown. Missing signatures come from
    /// `authorSignature()` / `committerSignature()`. A message without a final newline gets one.
    public func createCommit(tree: ObjectID, parents: [ObjectID], message: String,
                             author: Signature? = nil, committer: Signature? = nil,
                             updating ref: String?) throws -> ObjectID {
        let author = try SignatureHandle(author ?? authorSignature())
        let committer = try SignatureHandle(committer ?? committerSignature())
        let treeObject = try Tree(self, tree)
        let parentCommits = try parents.map { try Commit(self, $0) }
        var message = message
        if !message.hasSuffix("\n") { message += "\n" }

        if let ref {
            // libgit2 refuses a tip other than parents[0] itself, but would create a missing
            // branch for any parents: refuse that too, a deleted branch is a moved one.
            let current = try Reference.lookup(self, ref).flatMap { try $0.resolvedTarget() }
            if current == nil && !parents.isEmpty {
                throw GitError.own("cannot commit on '\(ref)': it no longer exists (expected it at \(parents[0].short))",
                                   code: GitError.modifiedCode, operation: "git_commit_create")
            }
        }

        var out = git_oid()
        var parentPointers: [OpaquePointer?] = parentCommits.map { $0.pointer }
        let rc = parentPointers.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&out, pointer, ref, author.pointer, committer.pointer, nil, message,
                              treeObject.pointer, buffer.count, buffer.baseAddress)
        }
        if rc == GIT_EMODIFIED.rawValue, let ref {
            let error = GitError.last(code: rc, operation: "git_commit_create")
            let expected = parents.first.map { "still at \($0.short)" } ?? "unborn"
            throw error.rephrased("'\(ref)' was moved by someone else (expected it \(expected)); nothing was committed")
        }
        try check(rc, "git_commit_create")
        withExtendedLifetime((parentCommits, treeObject)) {}
        return ObjectID(out)
    }

    // MARK: Paths

    /// Drops leading/trailing slashes and `./` prefixes.
    static func normalized(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.hasPrefix("/") { path.removeFirst() }
        while path.hasSuffix("/") { path.removeLast() }
        return path == "." ? "" : path
    }

    /// A relative path without empty, `.`, `..` or `.git` components.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty || component == "." || component == ".." || component.lowercased() == ".git" { return false }
        }
        return true
    }
}

/// An owned `git_treebuilder` (only used for the empty tree).
final class TreeBuilder {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository) throws {
        var out: OpaquePointer?
        try check(git_treebuilder_new(&out, repository.pointer, nil), "git_treebuilder_new")
        guard let out else { throw GitError.own("no tree builder", operation: "git_treebuilder_new") }
        pointer = out
        self.repository = repository
    }

    deinit { git_treebuilder_free(pointer) }

    func write() throws -> ObjectID {
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, pointer), "git_treebuilder_write")
        return ObjectID(oid)
    }
}
