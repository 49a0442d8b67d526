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
        try HistoryReader(self, cachedTrees: 8).changes(from: oldTree, to: newTree, expanding: { _ in true })
            .filter { $0.kind == .leaf }.map(\.path)
    }
}

/// One entry that differs between two trees.
public struct TreeChange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A file, symlink or submodule: added, deleted, or with another id or mode.
        case leaf
        /// A folder that was looked into: what differs inside it is listed too.
        case folder
        /// A folder that was not looked into: something inside it differs.
        case unexpandedFolder
    }

    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}

/// Reads what a history walk needs — commit links, entries at a path, the changes between
/// two trees top-down — remembering the trees it read recently by id, so the trees a commit
/// shares with the next one in the walk (its parent's) are parsed once.
public final class HistoryReader {
    public let repository: Repository
    private let generation: Int
    private var recent: [ObjectID: Tree] = [:]
    private var older: [ObjectID: Tree] = [:]

    /// `cachedTrees`: about how many trees to keep (between this and twice as many).
    public init(_ repository: Repository, cachedTrees: Int = 64) {
        self.repository = repository
        self.generation = max(1, cachedTrees)
    }

    func tree(_ id: ObjectID) throws -> Tree {
        if let tree = recent[id] { return tree }
        let tree = try older.removeValue(forKey: id) ?? Tree(repository, id)
        if recent.count >= generation {
            older = recent
            recent = [:]
        }
        recent[id] = tree
        return tree
    }

    /// The tree, parents and committer time of a commit.
    public func link(_ id: ObjectID) throws -> CommitLink {
        try repository.commitLink(id)
    }

    /// The entry at the path (given as its names) in a tree; nil when absent. An empty path
    /// is the tree itself.
    public func entry(at names: [String], inTree root: ObjectID) throws -> TreeEntryInfo? {
        guard let last = names.last else { return TreeEntryInfo(path: "", id: root, mode: .tree) }
        var tree = root
        for (level, name) in names.enumerated() {
            let object = try self.tree(tree)
            // Borrowed from the tree: copied at once.
            guard let entry = git_tree_entry_byname(object.pointer, name),
                  let id = git_tree_entry_id(entry).map({ ObjectID($0) }),
                  let mode = FileMode(rawMode: git_tree_entry_filemode(entry).rawValue) else { return nil }
            if level == names.count - 1 { return TreeEntryInfo(path: last, id: id, mode: mode) }
            guard mode == .tree else { return nil }
            tree = id
        }
        return nil
    }

    /// The entries that differ between two trees (nil: the empty tree), top-down in git's
    /// tree order, as git's tree comparison finds them: entries with equal ids are skipped
    /// unread. A folder that differs is looked into only when `expanding(folderPath)` says
    /// so (listed as `.folder`, followed by what differs inside it); otherwise it is listed
    /// as `.unexpandedFolder` and not read. The cost follows the folders looked into.
    public func changes(from oldTree: ObjectID?, to newTree: ObjectID?,
                        expanding: (String) -> Bool) throws -> [TreeChange] {
        var result: [TreeChange] = []
        if let oldTree, let newTree, oldTree == newTree { return [] }
        let old = try oldTree.map { try tree($0) }
        let new = try newTree.map { try tree($0) }
        try collectChanges(old: old, new: new, prefix: [], expanding: expanding, into: &result)
        return result
    }

    private func collectChanges(old: Tree?, new: Tree?, prefix: [UInt8], expanding: (String) -> Bool,
                                into result: inout [TreeChange]) throws {
        let oldCount = old.map { git_tree_entrycount($0.pointer) } ?? 0
        let newCount = new.map { git_tree_entrycount($0.pointer) } ?? 0
        var i = 0, j = 0
        while i < oldCount || j < newCount {
            let a = i < oldCount ? old.flatMap { git_tree_entry_byindex($0.pointer, i) } : nil
            let b = j < newCount ? new.flatMap { git_tree_entry_byindex($0.pointer, j) } : nil
            let order: Int32
            switch (a, b) {
            case let (a?, b?): order = Self.compareEntries(a, b)
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
                let path = prefix + Self.nameBytes(a)
                if modeA == GIT_FILEMODE_TREE.rawValue {
                    try folder(path, old: ObjectID(idA), new: ObjectID(idB), expanding: expanding, into: &result)
                } else {
                    result.append(TreeChange(path: String(decoding: path, as: UTF8.self), kind: .leaf))
                }
            } else if order < 0, let a {
                i += 1
                try oneSide(a, prefix: prefix, isOld: true, expanding: expanding, into: &result)
            } else if let b {
                j += 1
                try oneSide(b, prefix: prefix, isOld: false, expanding: expanding, into: &result)
            } else {
                return
            }
        }
    }

    private func folder(_ path: [UInt8], old: ObjectID?, new: ObjectID?, expanding: (String) -> Bool,
                        into result: inout [TreeChange]) throws {
        let text = String(decoding: path, as: UTF8.self)
        guard expanding(text) else {
            result.append(TreeChange(path: text, kind: .unexpandedFolder))
            return
        }
        result.append(TreeChange(path: text, kind: .folder))
        try collectChanges(old: old.map { try tree($0) }, new: new.map { try tree($0) },
                           prefix: path + [UInt8(ascii: "/")], expanding: expanding, into: &result)
    }

    /// An entry present on one side only.
    private func oneSide(_ entry: OpaquePointer, prefix: [UInt8], isOld: Bool, expanding: (String) -> Bool,
                         into result: inout [TreeChange]) throws {
        let path = prefix + Self.nameBytes(entry)
        if git_tree_entry_filemode(entry).rawValue == GIT_FILEMODE_TREE.rawValue {
            guard let id = git_tree_entry_id(entry).map({ ObjectID($0) }) else { return }
            try folder(path, old: isOld ? id : nil, new: isOld ? nil : id, expanding: expanding, into: &result)
        } else {
            result.append(TreeChange(path: String(decoding: path, as: UTF8.self), kind: .leaf))
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
