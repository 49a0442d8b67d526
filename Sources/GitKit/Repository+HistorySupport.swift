internal import CLibGit2
import Foundation

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
/// two trees top-down — straight from the object database, as git does: commit headers and
/// tree entries are read from the raw objects without building libgit2 objects, and the
/// trees read recently are kept by id, so the trees a commit shares with the next one in
/// the walk (its parent's) are read once.
public final class HistoryReader {
    public let repository: Repository
    private let database: ObjectDatabase
    /// git's commit-graph, where git itself would use one: commit links come from it, and
    /// its changed-path filters tell a walk which commits cannot have changed a path.
    public let commitGraph: CommitGraph?
    private let generation: Int
    private var recent: [ObjectID: RawObject] = [:]
    private var older: [ObjectID: RawObject] = [:]

    /// `cachedTrees`: about how many trees to keep (between this and twice as many).
    /// `verifiedGraphs`: a file where the commit-graph files whose checksum was verified are
    /// remembered, so later processes skip the check (see `VerifiedGraphFiles`); nil checks
    /// every file in every process.
    public init(_ repository: Repository, cachedTrees: Int = 64, verifiedGraphs: String? = nil) throws {
        _ = Self.readLikeGit
        self.repository = repository
        self.database = try ObjectDatabase(repository)
        self.generation = max(1, cachedTrees)
        self.commitGraph = Self.usableCommitGraph(repository, verifiedGraphs: verifiedGraphs)
    }

    /// The repository's commit-graph, unless git would not use one either: in a shallow
    /// clone (the graph may name parents the clone cuts off) or with grafts.
    public static func usableCommitGraph(_ repository: Repository, verifiedGraphs: String?) -> CommitGraph? {
        let common = repository.commonDirectory
        if FileManager.default.fileExists(atPath: common + "/shallow") || FileManager.default.fileExists(atPath: common + "/info/grafts") {
            return nil
        }
        return CommitGraph.shared(objectsDirectory: common + "/objects", verifiedRecord: verifiedGraphs)
    }

    /// libgit2 re-hashes every object it reads to check its id (measured: 43 % of a cold
    /// history walk on a 20,000-commit repository); git does not on reads (only `fsck`
    /// does), and a walk reads tens of thousands of objects. It also keeps every small
    /// object it reads in a process-wide cache (a hash-table insert per read, and freeing
    /// them all at exit: 5 % of a walk), while a walk reads each commit once and keeps the
    /// trees it reuses itself. Both are turned off for the process, once, by the first
    /// history reader: `git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0)` and
    /// `(GIT_OPT_ENABLE_CACHING, 0)`, through `Library.setOption`.
    private static let readLikeGit: Void = {
        Library.ensureInitialized()
        _ = Library.setOption(Int32(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION.rawValue), 0)
        _ = Library.setOption(Int32(GIT_OPT_ENABLE_CACHING.rawValue), 0)
        git_error_clear()
    }()

    /// Keeps at most `bytes` of the delta bases the pack reader keeps (16 MiB by default):
    /// for a walk that will read a few dozen trees, less memory to touch.
    public func limitDeltaBaseCache(to bytes: Int) { database.limitDeltaBaseCache(to: bytes) }

    /// The delta bases a reader keeps unless limited (`limitDeltaBaseCache`).
    public static let defaultDeltaBaseBudget = PackedObjects.defaultBaseBudget

    /// Where trees read ahead on another thread come from (see `takeTrees(from:)`).
    private var supplier: CommitLinkPrefetcher?

    /// Takes the trees `prefetcher` reads ahead (the commits' root trees) before reading
    /// any itself; nil stops.
    public func takeTrees(from prefetcher: CommitLinkPrefetcher?) {
        supplier = prefetcher
    }

    /// A tree's raw object, read now and not remembered (for a thread reading ahead).
    func readTree(_ id: ObjectID) throws -> RawObject {
        try database.read(id, GIT_OBJECT_TREE, "tree")
    }

    private func tree(_ id: ObjectID) throws -> RawObject {
        if let tree = recent[id] { return tree }
        let tree = try older.removeValue(forKey: id) ?? supplier?.takeTree(id) ?? database.read(id, GIT_OBJECT_TREE, "tree")
        if recent.count >= generation {
            older = recent
            recent = [:]
        }
        recent[id] = tree
        return tree
    }

    /// The tree, parents and committer time of a commit, from the commit's header.
    public func link(_ id: ObjectID) throws -> CommitLink {
        if let link = commitGraph?.link(id) { return link }
        let object = try database.read(id, GIT_OBJECT_COMMIT, "commit")
        let bytes = object.bytes
        var treeID: ObjectID?
        var parents: [ObjectID] = []
        var time: Int64 = 0
        var start = 0
        while start < bytes.count, bytes[start] != UInt8(ascii: "\n") {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            if let hex = Self.value(of: "tree ", in: line) {
                treeID = Self.objectID(hex: hex)
            } else if let hex = Self.value(of: "parent ", in: line), let parent = Self.objectID(hex: hex) {
                parents.append(parent)
            } else if let value = Self.value(of: "committer ", in: line) {
                time = Self.signatureTime(value)
            }
            start = end + 1
        }
        guard let treeID else { throw GitError.own("commit \(id) has no tree", operation: "reading a commit header") }
        return CommitLink(id: id, treeID: treeID, parents: parents, commitTime: time)
    }

    private static func value(of key: StaticString, in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let count = key.utf8CodeUnitCount
        guard line.count >= count, memcmp(line.baseAddress!, key.utf8Start, count) == 0 else { return nil }
        return UnsafeRawBufferPointer(rebasing: line[count...])
    }

    private static func objectID(hex: UnsafeRawBufferPointer) -> ObjectID? {
        guard hex.count >= 40 else { return nil }
        var raw: (UInt64, UInt64, UInt32) = (0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &raw) { out -> Bool in
            for index in 0..<20 {
                guard let high = nibble(hex[2 * index]), let low = nibble(hex[2 * index + 1]) else { return false }
                out[index] = high << 4 | low
            }
            return true
        }
        guard parsed else { return nil }
        return withUnsafeBytes(of: &raw) { ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: $0.prefix(20))) }
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    /// The seconds of `Name <email> 1700000000 +0100`: the number after the last `>`.
    private static func signatureTime(_ value: UnsafeRawBufferPointer) -> Int64 {
        guard let close = value.lastIndex(of: UInt8(ascii: ">")) else { return 0 }
        var index = close + 1
        while index < value.count, value[index] == UInt8(ascii: " ") { index += 1 }
        var negative = false
        if index < value.count, value[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        var seconds: Int64 = 0
        while index < value.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(value[index]) {
            seconds = seconds &* 10 &+ Int64(value[index] - UInt8(ascii: "0"))
            index += 1
        }
        return negative ? -seconds : seconds
    }

    /// The entry at the path (given as its names) in a tree; nil when absent. An empty path
    /// is the tree itself.
    public func entry(at names: [String], inTree root: ObjectID) throws -> TreeEntryInfo? {
        guard let last = names.last else { return TreeEntryInfo(path: "", id: root, mode: .tree) }
        var tree = root
        for (level, name) in names.enumerated() {
            let object = try self.tree(tree)
            var cursor = RawTreeCursor(object.bytes)
            let entry = withExtendedLifetime(object) { cursor.find(Array(name.utf8)) }
            guard let found = entry, let mode = FileMode(rawMode: found.mode) else { return nil }
            if level == names.count - 1 { return TreeEntryInfo(path: last, id: found.id, mode: mode) }
            guard mode == .tree else { return nil }
            tree = found.id
        }
        return nil
    }

    /// The paths of the files (`FileMode.isBlob`) named one of `names` anywhere under the folder
    /// `folder` (its names; empty: the whole tree) of a tree, in git's tree order. Only
    /// folders are read; other entries are passed over undecoded.
    public func files(named names: Set<String>, under folder: [String], inTree root: ObjectID) throws -> [String] {
        guard let start = try entry(at: folder, inTree: root), start.mode == .tree else { return [] }
        let wanted = Set(names.map { Array($0.utf8) })
        var result: [String] = []
        try collectFiles(named: wanted, in: start.id, prefix: folder.isEmpty ? [] : Array(folder.joined(separator: "/").utf8) + [UInt8(ascii: "/")],
                         into: &result)
        return result
    }

    private func collectFiles(named wanted: Set<[UInt8]>, in id: ObjectID, prefix: [UInt8], into result: inout [String]) throws {
        let object = try tree(id)
        var cursor = RawTreeCursor(object.bytes)
        var subtrees: [(name: [UInt8], id: ObjectID, position: Int)] = []
        var found: [(name: [UInt8], position: Int)] = []
        withExtendedLifetime(object) {
            while let entry = cursor.peekHeader() {
                if entry.isTree, let full = cursor.peek() {
                    subtrees.append((Array(entry.name), full.id, found.count + subtrees.count))
                } else if wanted.contains(Array(entry.name)), let full = cursor.peek(),
                          FileMode(rawMode: full.mode)?.isBlob == true {
                    found.append((Array(entry.name), found.count + subtrees.count))
                }
                cursor.skip(entry.end - cursor.position)
            }
        }
        // Git's tree order: the entries in the order they stand, folders expanded in place.
        var s = 0, f = 0
        while s < subtrees.count || f < found.count {
            if f < found.count, s >= subtrees.count || found[f].position < subtrees[s].position {
                result.append(String(decoding: prefix + found[f].name, as: UTF8.self))
                f += 1
            } else {
                try collectFiles(named: wanted, in: subtrees[s].id, prefix: prefix + subtrees[s].name + [UInt8(ascii: "/")], into: &result)
                s += 1
            }
        }
    }

    /// The entries that differ between two trees (nil: the empty tree), top-down in git's
    /// tree order, as git's tree comparison finds them: entries with equal ids are skipped
    /// unread (and runs of identical bytes without parsing them). A folder that differs is
    /// looked into only when `expanding(folderPath)` says so (listed as `.folder`, followed
    /// by what differs inside it); otherwise it is listed as `.unexpandedFolder` and not
    /// read. The cost follows the folders looked into.
    public func changes(from oldTree: ObjectID?, to newTree: ObjectID?,
                        expanding: (String) -> Bool) throws -> [TreeChange] {
        var result: [TreeChange] = []
        if let oldTree, let newTree, oldTree == newTree { return [] }
        try compare(old: oldTree, new: newTree, prefix: [], expanding: expanding, into: &result)
        return result
    }

    private func compare(old oldID: ObjectID?, new newID: ObjectID?, prefix: [UInt8],
                         expanding: (String) -> Bool, into result: inout [TreeChange]) throws {
        let oldObject = try oldID.map { try tree($0) }
        let newObject = try newID.map { try tree($0) }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        var a = RawTreeCursor(oldObject?.bytes ?? empty)
        var b = RawTreeCursor(newObject?.bytes ?? empty)
        // Both objects stay alive (and their bytes valid) until the end of this call.
        defer { withExtendedLifetime((oldObject, newObject)) {} }
        while true {
            // Entries that are the same bytes on both sides are skipped without decoding.
            let common = RawTreeCursor.commonPrefixLength(a.rest, b.rest)
            if common == a.rest.count && common == b.rest.count { return }
            let skipped = a.skipEntries(within: common)
            b.skip(skipped)
            let x = a.peek(), y = b.peek()
            let order: Int
            switch (x, y) {
            case let (ex?, ey?): order = RawTreeEntry.order(ex, ey)
            case (_?, nil): order = -1
            case (nil, _?): order = 1
            case (nil, nil): return
            }
            if order == 0, let ex = x, let ey = y {
                if !(ex.mode == ey.mode && ex.id == ey.id) {
                    let path = prefix + ex.name
                    if ex.isTree && ey.isTree {
                        try folder(path, old: ex.id, new: ey.id, expanding: expanding, into: &result)
                    } else {
                        result.append(TreeChange(path: String(decoding: path, as: UTF8.self), kind: .leaf))
                    }
                }
                a.advance(past: ex)
                b.advance(past: ey)
            } else if order < 0, let ex = x {
                try oneSide(ex, prefix: prefix, isOld: true, expanding: expanding, into: &result)
                a.advance(past: ex)
            } else if let ey = y {
                try oneSide(ey, prefix: prefix, isOld: false, expanding: expanding, into: &result)
                b.advance(past: ey)
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
        try compare(old: old, new: new, prefix: path + [UInt8(ascii: "/")], expanding: expanding, into: &result)
    }

    /// An entry present on one side only.
    private func oneSide(_ entry: RawTreeEntry, prefix: [UInt8], isOld: Bool, expanding: (String) -> Bool,
                         into result: inout [TreeChange]) throws {
        let path = prefix + entry.name
        if entry.isTree {
            try folder(path, old: isOld ? entry.id : nil, new: isOld ? nil : entry.id, expanding: expanding, into: &result)
        } else {
            result.append(TreeChange(path: String(decoding: path, as: UTF8.self), kind: .leaf))
        }
    }
}

/// An owned `git_odb`, with the repository's packs read directly where they can be.
private final class ObjectDatabase {
    let pointer: OpaquePointer
    private let packed: PackedObjects

    init(_ repository: Repository) throws {
        var out: OpaquePointer?
        try check(git_repository_odb(&out, repository.pointer), "git_repository_odb")
        guard let out else { throw GitError.own("no object database", operation: "git_repository_odb") }
        pointer = out
        packed = PackedObjects(objectsDirectory: repository.commonDirectory + "/objects")
    }

    deinit { git_odb_free(pointer) }

    func limitDeltaBaseCache(to bytes: Int) { packed.limitBaseCache(to: bytes) }

    /// The object's raw content; throws when it is missing or of another type.
    func read(_ id: ObjectID, _ type: git_object_t, _ what: String) throws -> RawObject {
        if let found = packed.read(id) {
            guard found.type == Int32(type.rawValue) else {
                throw GitError.own("\(id) is not a \(what)", operation: "git_odb_read")
            }
            return found.object
        }
        var out: OpaquePointer?
        var oid = id.oid
        try check(git_odb_read(&out, pointer, &oid), "git_odb_read")
        guard let out else { throw GitError.own("no object \(id)", operation: "git_odb_read") }
        let object = RawObject(out)
        guard git_odb_object_type(out) == type else {
            throw GitError.own("\(id) is not a \(what)", operation: "git_odb_read")
        }
        return object
    }
}

/// One entry of a raw tree: `<octal mode> <name>\0<20-byte id>`.
private struct RawTreeEntry {
    /// Where the entry ends in the tree's bytes.
    var end: Int
    var name: UnsafeRawBufferPointer
    /// As git compares modes: regular files 100644 or 100755, symlinks, trees, submodules.
    var mode: UInt32
    var id: ObjectID

    var isTree: Bool { mode == GIT_FILEMODE_TREE.rawValue }

    /// Git's tree order: names compared as bytes, a subtree's name as if it ended with `/`.
    static func order(_ a: RawTreeEntry, _ b: RawTreeEntry) -> Int {
        let common = min(a.name.count, b.name.count)
        if common > 0 {
            let head = memcmp(a.name.baseAddress!, b.name.baseAddress!, common)
            if head != 0 { return Int(head) }
        }
        let nextA: UInt8 = a.name.count > common ? a.name[common] : (a.isTree ? UInt8(ascii: "/") : 0)
        let nextB: UInt8 = b.name.count > common ? b.name[common] : (b.isTree ? UInt8(ascii: "/") : 0)
        return nextA == nextB ? 0 : (nextA < nextB ? -1 : 1)
    }
}

/// Walks the entries of a raw tree. A damaged entry ends the walk.
private struct RawTreeCursor {
    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var rest: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[position...]) }

    /// Where the entry starting at `start` ends (after its id); nil when damaged.
    private func end(from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        // The NUL after the name, eight bytes at a time: entries are short, and a call to
        // memchr per entry cost more than the search (trees of thousands of entries are
        // walked once per version).
        let count = bytes.count
        var index = start
        while index + 8 <= count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // The lowest byte flagged is the first zero byte (higher flags may be false).
            let zeros = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if zeros != 0 {
                let end = index + zeros.trailingZeroBitCount / 8 + 21
                return end <= count ? end : nil
            }
            index += 8
        }
        while index < count {
            if base.load(fromByteOffset: index, as: UInt8.self) == 0 { return index + 21 <= count ? index + 21 : nil }
            index += 1
        }
        return nil
    }

    /// Skips the whole entries that lie within the next `count` bytes; returns how many
    /// bytes that was.
    mutating func skipEntries(within count: Int) -> Int {
        let start = position
        while let end = end(from: position), end - start <= count { position = end }
        return position - start
    }

    mutating func skip(_ count: Int) { position += count }

    mutating func advance(past entry: RawTreeEntry) { position = entry.end }

    /// The name, mode and end of the entry at the position, its id not decoded.
    func peekHeader() -> (name: UnsafeRawBufferPointer, isTree: Bool, end: Int)? {
        guard let end = end(from: position) else { return nil }
        var index = position
        while index < end - 21, bytes[index] != UInt8(ascii: " ") { index += 1 }
        guard index < end - 21 else { return nil }
        // Trees are written `40000`; git's canon_mode counts anything of type 04 as a tree.
        let isTree = index - position == 5 && bytes[position] == UInt8(ascii: "4")
            || index - position == 6 && bytes[position] == UInt8(ascii: "0") && bytes[position + 1] == UInt8(ascii: "4")
        return (UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<(end - 21)]), isTree, end)
    }

    /// The entry at the position, decoded; nil at the end or when damaged.
    func peek() -> RawTreeEntry? {
        guard let end = end(from: position) else { return nil }
        var index = position
        var mode: UInt32 = 0
        while index < end - 21, bytes[index] != UInt8(ascii: " ") {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 8 else { return nil }
            mode = mode << 3 | UInt32(digit)
            index += 1
        }
        guard index < end - 21 else { return nil }
        return RawTreeEntry(end: end, name: UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<(end - 21)]),
                            mode: Self.canonical(mode), id: ObjectID(raw: UnsafeRawBufferPointer(rebasing: bytes[(end - 20)..<end])))
    }

    /// The entry called `name`; ids are decoded only for it.
    mutating func find(_ name: [UInt8]) -> RawTreeEntry? {
        while let end = end(from: position) {
            var nameStart = position
            while nameStart < end, bytes[nameStart] != UInt8(ascii: " ") { nameStart += 1 }
            let candidate = UnsafeRawBufferPointer(rebasing: bytes[min(nameStart + 1, end - 21)..<(end - 21)])
            if candidate.elementsEqual(name) { return peek() }
            position = end
        }
        return nil
    }

    /// How many leading bytes two buffers share.
    static func commonPrefixLength(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let count = min(a.count, b.count)
        guard count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        var index = 0
        // Large equal runs (big trees where one entry changed) go by in libc's vectorized
        // memcmp, a block at a time, before the narrowing down.
        for block in [4096, 256] {
            while index + block <= count, memcmp(pa + index, pb + index, block) == 0 { index += block }
        }
        while index + 8 <= count,
              pa.loadUnaligned(fromByteOffset: index, as: UInt64.self) == pb.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
            index += 8
        }
        while index < count, pa.load(fromByteOffset: index, as: UInt8.self) == pb.load(fromByteOffset: index, as: UInt8.self) {
            index += 1
        }
        return index
    }

    /// Git's `canon_mode`.
    private static func canonical(_ mode: UInt32) -> UInt32 {
        switch mode & 0o170000 {
        case 0o100000: return mode & 0o100 != 0 ? 0o100755 : 0o100644
        case 0o120000: return 0o120000
        case 0o040000: return 0o040000
        default: return 0o160000
        }
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

    /// An id from its 20 raw bytes; nil for any other length.
    public init?(rawBytes: UnsafeRawBufferPointer) {
        guard rawBytes.count == 20 else { return nil }
        self.init(raw: rawBytes)
    }

    /// Calls `body` with the 20 raw bytes, without making an array of them.
    public func withRawBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let oid = self.oid
        return try withUnsafeBytes(of: oid.id) { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(20))) }
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
