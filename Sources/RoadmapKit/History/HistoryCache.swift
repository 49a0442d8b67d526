import Foundation
import GitKit

/// A per-repository cache of the commit graph and of what every commit changed, so a
/// path's history is a walk over memory instead of a tree comparison per commit.
///
/// For each commit (keyed by its id, which never changes meaning) it keeps the committer
/// time, the tree and the parents, and — once the commit is *summarized* — the 64-bit keys
/// of the paths that differ from the first parent (root commits: from the empty tree):
/// changed files, and every folder above them. A summary need not be complete: a folder
/// that was not looked into is kept as *unexpanded* (something inside it changed), so a
/// walk summarizes each commit with the tree reads it does anyway (the folders above the
/// path it follows) and a later query for a path inside an unexpanded folder compares
/// trees again, and completes the summary. A key only *suggests* a change: callers
/// confirm with the trees, so a collision costs time, never correctness; an absent key
/// under looked-into folders is a certain "unchanged".
///
/// The file lives at `<git common dir>/roadmap/history-cache-v1`. It may be deleted at any
/// time (it is rebuilt on demand), it cannot go stale (new or rewritten commits have new
/// ids, found missing and added), it is written atomically (temporary file, then rename),
/// and a file of another version or a damaged one is ignored and replaced. Commits at the
/// boundary of a shallow clone are never stored: their parents may arrive later.
public final class HistoryCache {
    struct Record {
        var treeID: ObjectID
        var parents: [ObjectID]
        var commitTime: Int64
        /// Sorted path keys changed against the first parent (`unexpanded` bit set for a
        /// folder not looked into); nil until summarized.
        var changed: [UInt64]?

        /// Whether the path (its `pathKeys`) changed against the first parent: nil when the
        /// summary cannot tell (none yet, or a folder above the path was not looked into).
        func changes(_ keys: [UInt64]) -> Bool? {
            guard let changed, !keys.isEmpty else { return nil }
            for (level, key) in keys.enumerated() {
                guard let unexpanded = Self.find(key, in: changed) else { return false }
                if level == keys.count - 1 { return true }
                if unexpanded { return nil }
            }
            return nil
        }

        /// nil when absent; else whether the entry is an unexpanded folder.
        private static func find(_ key: UInt64, in sorted: [UInt64]) -> Bool? {
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] < key { low = mid + 1 } else { high = mid }
            }
            guard low < sorted.count, sorted[low] & ~unexpanded == key else { return nil }
            // Both forms sort next to each other: the plain one (expanded or a file) first.
            return sorted[low] & unexpanded != 0
        }
    }

    /// The low bit of a stored key: a folder that was not looked into.
    static let unexpanded: UInt64 = 1

    static let magic: [UInt8] = Array("RMHC".utf8)
    static let version: UInt32 = 2
    /// The hash count of a commit whose changes are not indexed yet.
    static let notIndexed = UInt32.max

    public let repository: Repository
    /// Reads commits and trees for the cache and the walks that use it.
    public let reader: HistoryReader
    /// Where the cache is read from and saved to; nil for a cache kept in memory only.
    public let fileURL: URL?
    let shallow: Set<ObjectID>
    private var records: [ObjectID: Record] = [:]
    private var transient: [ObjectID: Record] = [:]
    private var dirty = false

    /// The cache file of a repository: `<common git dir>/roadmap/history-cache-v1`.
    public static func defaultURL(for repository: Repository) -> URL {
        URL(fileURLWithPath: repository.commonDirectory)
            .appendingPathComponent("roadmap")
            .appendingPathComponent("history-cache-v1")
    }

    /// Loads the cache of `repository` (`persistent`: from and to `defaultURL`; else in
    /// memory only). A missing, damaged or foreign file counts as empty.
    public init(repository: Repository, persistent: Bool = true) throws {
        self.repository = repository
        self.reader = try HistoryReader(repository)
        self.fileURL = persistent ? Self.defaultURL(for: repository) : nil
        self.shallow = try repository.shallowCommitIDs()
        if let fileURL, let data = FileManager.default.contents(atPath: fileURL.path) {
            records = data.withUnsafeBytes { Self.decode($0) } ?? [:]
        }
    }

    /// How many commits the cache knows.
    public var count: Int { records.count }

    /// How many of them are summarized (their changed paths known, perhaps in part).
    public var indexedCount: Int { records.values.reduce(0) { $0 + ($1.changed == nil ? 0 : 1) } }

    /// True when the commit is at a shallow clone's boundary (its parents are missing).
    public func isShallowBoundary(_ id: ObjectID) -> Bool { shallow.contains(id) }

    /// The record of a commit (its place in the graph), read and remembered when missing.
    func record(_ id: ObjectID) throws -> Record {
        if let record = records[id] ?? transient[id] { return record }
        let link = try reader.link(id)
        let record = Record(treeID: link.treeID, parents: link.parents, commitTime: link.commitTime, changed: nil)
        store(record, for: id)
        return record
    }

    /// Remembers a record; one at a shallow boundary only for this session (its parents may arrive later).
    private func store(_ record: Record, for id: ObjectID) {
        if shallow.contains(id) {
            transient[id] = record
        } else {
            records[id] = record
            dirty = true
        }
    }

    /// True when the commit's changed paths are known, at least in part.
    func isIndexed(_ id: ObjectID) -> Bool { (records[id] ?? transient[id])?.changed != nil }

    /// Summarizes what a commit changed against its first parent, looking into the folders
    /// `expanding` names (all of them: a complete summary), and merges that with what was
    /// known: a folder looked into by either summary counts as looked into.
    @discardableResult
    func summarize(_ id: ObjectID, expanding: (String) -> Bool) throws -> Record {
        var record = try record(id)
        var parentTree: ObjectID?
        if !shallow.contains(id), let first = record.parents.first {
            parentTree = try self.record(first).treeID
        }
        var keys = Set(record.changed ?? [])
        for change in try reader.changes(from: parentTree, to: record.treeID, expanding: expanding) {
            let key = Self.pathKey(change.path)
            keys.insert(change.kind == .unexpandedFolder ? key | Self.unexpanded : key)
        }
        for key in keys where key & Self.unexpanded != 0 && keys.contains(key & ~Self.unexpanded) {
            keys.remove(key)
        }
        record.changed = keys.sorted()
        store(record, for: id)
        return record
    }

    /// A complete summary of a commit's changes.
    @discardableResult
    func index(_ id: ObjectID) throws -> Record {
        if let record = records[id] ?? transient[id], let changed = record.changed,
           !changed.contains(where: { $0 & Self.unexpanded != 0 }) {
            return record
        }
        return try summarize(id, expanding: { _ in true })
    }

    /// Completes the summary of every commit reachable from `tips` (looking into every
    /// folder that differs), then saves. Queries do not need this — they summarize as they
    /// walk — but it makes every later query a walk over memory. Returns how many commits
    /// it summarized or completed.
    @discardableResult
    public func index(reachableFrom tips: [ObjectID]) throws -> Int {
        var stack = tips
        var seen = Set(tips)
        var count = 0
        while let id = stack.popLast() {
            let before = (records[id] ?? transient[id])?.changed
            if try index(id).changed != before {
                count += 1
            }
            if shallow.contains(id) { continue }
            for parent in try record(id).parents where seen.insert(parent).inserted { stack.append(parent) }
        }
        try save()
        return count
    }

    /// Writes the cache when it learned something (temporary file, then rename). Does
    /// nothing for an in-memory cache.
    public func save() throws {
        guard dirty, let fileURL else { return }
        let folder = fileURL.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(fileURL.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let bytes = encode()
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, fileURL.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: fileURL.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        dirty = false
    }

    // MARK: Path keys

    /// FNV-1a, 64 bits, over the path's UTF-8 bytes, with the low bit clear (it marks an
    /// unexpanded folder in a summary).
    static func pathKey(_ path: String) -> UInt64 {
        pathKeys(path).last ?? 0
    }

    /// The keys of every folder above the path, then of the path itself, top-down.
    static func pathKeys(_ path: String) -> [UInt64] {
        var keys: [UInt64] = []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") { keys.append(hash & ~unexpanded) }
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        keys.append(hash & ~unexpanded)
        return keys
    }

    // MARK: File format (little-endian)
    //
    // "RMHC" u32:version u32:count, then per commit:
    // id[20] tree[20] i64:commitTime u16:parentCount parent[20]… u32:hashCount u64:hash…
    // (hashCount 0xFFFFFFFF: changes not summarized yet, no keys follow; a key with its
    // low bit set is a folder not looked into)

    func encode() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + records.count * 80)
        out += Self.magic
        Self.append(Self.version, to: &out)
        Self.append(UInt32(records.count), to: &out)
        for (id, record) in records.sorted(by: { $0.key < $1.key }) {
            out += id.rawBytes
            out += record.treeID.rawBytes
            Self.append(UInt64(bitPattern: record.commitTime), to: &out)
            Self.append(UInt16(record.parents.count), to: &out)
            for parent in record.parents { out += parent.rawBytes }
            if let changed = record.changed {
                Self.append(UInt32(changed.count), to: &out)
                for hash in changed { Self.append(hash, to: &out) }
            } else {
                Self.append(Self.notIndexed, to: &out)
            }
        }
        return out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> [ObjectID: Record]? {
        var reader = ByteReader(bytes: bytes)
        guard reader.take(4).map(Array.init) == magic, reader.u32() == version, let count = reader.u32() else { return nil }
        var result: [ObjectID: Record] = [:]
        result.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let id = reader.objectID(), let tree = reader.objectID(), let time = reader.u64(),
                  let parentCount = reader.u16() else { return nil }
            var parents: [ObjectID] = []
            parents.reserveCapacity(Int(parentCount))
            for _ in 0..<parentCount {
                guard let parent = reader.objectID() else { return nil }
                parents.append(parent)
            }
            guard let hashCount = reader.u32() else { return nil }
            if hashCount == notIndexed {
                result[id] = Record(treeID: tree, parents: parents, commitTime: Int64(bitPattern: time), changed: nil)
                continue
            }
            guard reader.remaining >= Int(hashCount) * 8 else { return nil }
            var hashes: [UInt64] = []
            hashes.reserveCapacity(Int(hashCount))
            for _ in 0..<hashCount {
                guard let hash = reader.u64() else { return nil }
                hashes.append(hash)
            }
            result[id] = Record(treeID: tree, parents: parents, commitTime: Int64(bitPattern: time), changed: hashes)
        }
        return reader.remaining == 0 ? result : nil
    }

    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }
}

/// Reads the little-endian cache file.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var remaining: Int { bytes.count - offset }

    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
        guard remaining >= count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    private mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard remaining >= MemoryLayout<T>.size, let base = bytes.baseAddress else { return nil }
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    mutating func u16() -> UInt16? { integer(UInt16.self) }
    mutating func u32() -> UInt32? { integer(UInt32.self) }
    mutating func u64() -> UInt64? { integer(UInt64.self) }

    mutating func objectID() -> ObjectID? {
        guard let slice = take(20) else { return nil }
        return ObjectID(rawBytes: Array(slice))
    }
}
