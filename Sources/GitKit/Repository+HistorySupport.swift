internal import CLibGit2
import Foundation

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

extension Repository {
    /// The tree, parents and committer time of a commit.
    public func commitLink(_ id: ObjectID) throws -> CommitLink {
        let commit = try Commit(self, id)
        return CommitLink(id: id, treeID: commit.treeID, parents: commit.parentIDs,
                          commitTime: Int64(git_commit_time(commit.pointer)))
    }

    /// The entry at `path` in a tree (nil when absent).
    public func entry(at path: String, inTree tree: ObjectID) throws -> TreeEntryInfo? {
        let path = Self.normalized(path)
        if path.isEmpty { return TreeEntryInfo(path: "", id: tree, mode: .tree) }
        return try Tree(self, tree).entry(at: path)
    }

    /// The commits at the boundary of a shallow clone (git's `shallow` file): their parents
    /// are recorded but missing, and git treats them as root commits. Empty when the
    /// repository is complete.
    public func shallowCommitIDs() throws -> Set<ObjectID> {
        let url = URL(fileURLWithPath: commonDirectory).appendingPathComponent("shallow")
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        var result = Set<ObjectID>()
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if let id = ObjectID(hex: line.trimmingCharacters(in: .whitespaces)) { result.insert(id) }
        }
        return result
    }

    /// The paths of every non-tree entry (file, executable, symlink, submodule) that differs
    /// between two trees — added, deleted, or with another id or mode — in git's tree order.
    /// A nil tree is the empty tree. Subtrees with equal ids are skipped without being read,
    /// so the cost follows the size of the change, not of the trees. No rename detection.
    public func changedPaths(from oldTree: ObjectID?, to newTree: ObjectID?) throws -> [String] {
        var result: [String] = []
        let old = try oldTree.map { try Tree(self, $0) }
        let new = try newTree.map { try Tree(self, $0) }
        if let oldTree, let newTree, oldTree == newTree { return [] }
        try Self.collectChanges(old: old, new: new, prefix: [], into: &result)
        return result
    }

    private static func collectChanges(old: Tree?, new: Tree?, prefix: [UInt8], into result: inout [String]) throws {
        let oldCount = old.map { git_tree_entrycount($0.pointer) } ?? 0
        let newCount = new.map { git_tree_entrycount($0.pointer) } ?? 0
        var i = 0, j = 0
        while i < oldCount || j < newCount {
            let a = i < oldCount ? old.flatMap { git_tree_entry_byindex($0.pointer, i) } : nil
            let b = j < newCount ? new.flatMap { git_tree_entry_byindex($0.pointer, j) } : nil
            let order: Int32
            switch (a, b) {
            case let (a?, b?): order = compareEntries(a, b)
            case (_?, nil): order = -1
            case (nil, _?): order = 1
            case (nil, nil): return
            }
            if order == 0, let a, let b {
                i += 1
                j += 1
                let modeA = git_tree_entry_filemode(a).rawValue, modeB = git_tree_entry_filemode(b).rawValue
                guard let idA = git_tree_entry_id(a), let idB = git_tree_entry_id(b) else { continue }
                if modeA == modeB && git_oid_cmp(idA, idB) == 0 { continue }
                let path = prefix + nameBytes(a)
                if modeA == GIT_FILEMODE_TREE.rawValue {
                    let repository = (old ?? new)!.repository
                    try collectChanges(old: Tree(repository, ObjectID(idA)), new: Tree(repository, ObjectID(idB)),
                                       prefix: path + [UInt8(ascii: "/")], into: &result)
                } else {
                    result.append(String(decoding: path, as: UTF8.self))
                }
            } else if order < 0, let a, let old {
                i += 1
                try collectOneSide(a, tree: old, prefix: prefix, into: &result)
            } else if let b, let new {
                j += 1
                try collectOneSide(b, tree: new, prefix: prefix, into: &result)
            } else {
                return
            }
        }
    }

    /// Every file under an entry present on one side only.
    private static func collectOneSide(_ entry: OpaquePointer, tree: Tree, prefix: [UInt8], into result: inout [String]) throws {
        let path = prefix + nameBytes(entry)
        if git_tree_entry_filemode(entry).rawValue == GIT_FILEMODE_TREE.rawValue {
            guard let id = git_tree_entry_id(entry) else { return }
            try collectChanges(old: nil, new: Tree(tree.repository, ObjectID(id)), prefix: path + [UInt8(ascii: "/")], into: &result)
        } else {
            result.append(String(decoding: path, as: UTF8.self))
        }
    }

    private static func nameBytes(_ entry: OpaquePointer) -> [UInt8] {
        guard let name = git_tree_entry_name(entry) else { return [] }
        return Array(UnsafeRawBufferPointer(start: name, count: strlen(name)))
    }

    /// Git's tree order: names compared as bytes, a subtree's name as if it ended with `/`.
    private static func compareEntries(_ a: OpaquePointer, _ b: OpaquePointer) -> Int32 {
        guard let nameA = git_tree_entry_name(a), let nameB = git_tree_entry_name(b) else { return 0 }
        let lengthA = strlen(nameA), lengthB = strlen(nameB)
        let common = min(lengthA, lengthB)
        let head = memcmp(nameA, nameB, common)
        if head != 0 { return head }
        let isTreeA = git_tree_entry_filemode(a).rawValue == GIT_FILEMODE_TREE.rawValue
        let isTreeB = git_tree_entry_filemode(b).rawValue == GIT_FILEMODE_TREE.rawValue
        let nextA: UInt8 = lengthA > common ? UInt8(bitPattern: nameA[common]) : (isTreeA ? UInt8(ascii: "/") : 0)
        let nextB: UInt8 = lengthB > common ? UInt8(bitPattern: nameB[common]) : (isTreeB ? UInt8(ascii: "/") : 0)
        return nextA == nextB ? 0 : (nextA < nextB ? -1 : 1)
    }
}

extension ObjectID {
    /// The 20 raw bytes, for compact storage.
    public var rawBytes: [UInt8] { bytes }

    /// An id from its 20 raw bytes; nil for any other length.
    public init?(rawBytes: [UInt8]) {
        guard rawBytes.count == 20 else { return nil }
        self.init(bytes: rawBytes)
    }
}

extension Repository {
    /// The entry called `name` directly in a tree (one level, no `/`); nil when absent.
    public func treeEntry(named name: String, inTree tree: ObjectID) throws -> TreeEntryInfo? {
        let object = try Tree(self, tree)
        // Borrowed from the tree: copied at once.
        guard let entry = git_tree_entry_byname(object.pointer, name),
              let id = git_tree_entry_id(entry).map({ ObjectID($0) }),
              let mode = FileMode(rawMode: git_tree_entry_filemode(entry).rawValue) else { return nil }
        return TreeEntryInfo(path: name, id: id, mode: mode)
    }
}
