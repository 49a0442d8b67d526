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
    /// A commit's place in the graph, and where its summary lies in `keys`.
    struct Record {
        var treeID: ObjectID
        var parents: Parents
        var commitTime: Int64
        /// The summary: `keys[changedStart ..< changedStart + changedCount]`, sorted path keys
        /// changed against the first parent (`unexpanded` bit set for a folder not looked
        /// into); `changedStart` is -1 until summarized.
        var changedStart: Int32 = -1
        var changedCount: Int32 = 0

        var isSummarized: Bool { changedStart >= 0 }
    }

    /// A commit's parents, the first two kept inline: a history walk makes tens of thousands
    /// of records, and an array each would be an allocation each.
    struct Parents: RandomAccessCollection, ExpressibleByArrayLiteral {
        private var one: ObjectID?
        private var two: ObjectID?
        private var more: [ObjectID]

        init(_ ids: [ObjectID]) {
            one = ids.first
            two = ids.count > 1 ? ids[1] : nil
            more = ids.count > 2 ? Array(ids[2...]) : []
        }

        init(arrayLiteral ids: ObjectID...) { self.init(ids) }

        var startIndex: Int { 0 }
        var endIndex: Int { one == nil ? 0 : two == nil ? 1 : 2 + more.count }

        subscript(position: Int) -> ObjectID {
            switch (position, one, two) {
            case let (0, first?, _): return first
            case let (1, _, second?): return second
            case (2..., _?, _?): return more[position - 2]
            default: preconditionFailure("parent \(position) of \(count)")
            }
        }
    }

    /// The low bit of a stored key: a folder that was not looked into.
    static let unexpanded: UInt64 = 1

    static let magic: [UInt8] = Array("RMHC".utf8)
    static let version: UInt32 = 3
    /// The hash count of a commit whose changes are not indexed yet.
    static let notIndexed = UInt32.max
    /// How many id-to-path answers the cache keeps (the most recent ones).
    static let resolutionLimit = 64

    public let repository: Repository
    /// Reads commits and trees for the cache and the walks that use it.
    public let reader: HistoryReader
    /// Where the cache is read from and saved to; nil for a cache kept in memory only.
    public let fileURL: URL?
    let shallow: Set<ObjectID>
    private var records = CommitTable<Record>()
    private var transient: [ObjectID: Record] = [:]
    /// Records read from git's commit-graph when it has changed-path filters, kept out of
    /// the file: the graph holds them already, and with filters a walk summarizes few
    /// commits, so saving twenty thousand records after a cold query and decoding them all
    /// on every warm one cost more than the walk itself. Only summarized records are saved.
    private var graphRecords = CommitTable<Record>()
    /// Whether records come from the graph into `graphRecords` (see there).
    private let recordsFromGraph: Bool
    /// Every summary's keys, end to end (a summary that grows is written again at the end;
    /// the old run is left behind until the next save).
    private var keys: [UInt64] = []
    /// Files found by name under a folder (`ItemHistory.resolve`), by the folder's tree id:
    /// looking through thousands of items' folders costs more than the rest of a warm query.
    private var resolutions: [Resolution] = []
    private var dirty = false

    struct Resolution: Equatable {
        var folderTree: ObjectID
        var name: String
        var paths: [String]
    }

    /// The cache file of a repository: `<common git dir>/roadmap/history-cache-v1`.
    public static func defaultURL(for repository: Repository) -> URL {
        URL(fileURLWithPath: repository.commonDirectory)
            .appendingPathComponent("roadmap")
            .appendingPathComponent("history-cache-v1")
    }

    /// The complete changed-path index of the commit-graph (`ChangedPathIndex`), beside the cache.
    public static func pathIndexPath(for repository: Repository) -> String {
        repository.commonDirectory + "/roadmap/path-index-v1"
    }

    /// Where the commit-graph files verified by earlier processes are remembered.
    static func verifiedGraphsPath(for repository: Repository) -> String {
        repository.commonDirectory + "/roadmap/commit-graph-verified"
    }

    /// The complete changed-path index of the commit-graph in use, when one was made for
    /// it (see `PathIndexJob`); a walk then reads no tree for the commits the graph holds,
    /// but to confirm a change.
    public let pathIndex: ChangedPathIndex?

    /// Loads the cache of `repository` (`persistent`: from and to `defaultURL`; else in
    /// memory only). A missing, damaged or foreign file counts as empty.
    /// `pathIndex`: the index file to read (default: the repository's, when persistent).
    public init(repository: Repository, persistent: Bool = true, pathIndex: String? = nil) throws {
        self.repository = repository
        let reader = try HistoryReader(repository, verifiedGraphs: persistent ? Self.verifiedGraphsPath(for: repository) : nil)
        self.reader = reader
        self.fileURL = persistent ? Self.defaultURL(for: repository) : nil
        self.shallow = try repository.shallowCommitIDs()
        self.recordsFromGraph = reader.commitGraph?.hasChangedPathFilters == true
        let indexPath = pathIndex ?? (persistent ? Self.pathIndexPath(for: repository) : nil)
        self.pathIndex = indexPath.flatMap { path in
            reader.commitGraph.flatMap { graph in ChangedPathIndex(path: path).flatMap { $0.matches(graph) ? $0 : nil } }
        }
        if let fileURL, let data = FileManager.default.contents(atPath: fileURL.path),
           let decoded = data.withUnsafeBytes({ Self.decode($0) }) {
            (records, keys, resolutions) = decoded
        }
    }

    /// How many commits the cache knows.
    public var count: Int { records.count }

    /// How many of them are summarized (their changed paths known, perhaps in part).
    public var indexedCount: Int { records.values.reduce(0) { $0 + ($1.isSummarized ? 1 : 0) } }

    /// True when the commit is at a shallow clone's boundary (its parents are missing).
    public func isShallowBoundary(_ id: ObjectID) -> Bool { shallow.contains(id) }

    /// The record of a commit (its place in the graph), read and remembered when missing.
    func record(_ id: ObjectID) throws -> Record {
        if let record = records[id] ?? transient[id] ?? graphRecords[id] { return record }
        if recordsFromGraph, let link = reader.commitGraph?.link(id) {
            let record = Record(treeID: link.treeID, parents: Parents(link.parents), commitTime: link.commitTime)
            graphRecords.set(record, for: id)
            return record
        }
        let link = try prefetcher?.take(id) ?? reader.link(id)
        let record = Record(treeID: link.treeID, parents: Parents(link.parents), commitTime: link.commitTime)
        store(record, for: id)
        return record
    }

    /// Remembers a record; one at a shallow boundary only for this session (its parents may arrive later).
    private func store(_ record: Record, for id: ObjectID) {
        if shallow.contains(id) {
            transient[id] = record
        } else {
            records.set(record, for: id)
            dirty = true
        }
    }

    private var prefetcher: CommitLinkPrefetcher?

    /// Has a second thread read the commits reachable from `tip` that the cache does not
    /// know yet, ahead of a walk that is about to ask for them (nothing to do when one is
    /// already reading, when the cache knows the tip and its parents — it then holds the
    /// history, but for the newest few commits at most — or on a single core). True when it
    /// started one: the caller then ends it with `stopPrefetching`.
    @discardableResult
    func startPrefetching(from tip: ObjectID) -> Bool {
        // With changed-path filters or the complete index the walk reads few trees and the
        // graph gives the commits: reading every commit's root tree ahead would be work thrown away.
        guard prefetcher == nil, ProcessInfo.processInfo.activeProcessorCount > 1, pathIndex == nil,
              reader.commitGraph?.hasChangedPathFilters != true else { return false }
        if let known = records[tip] ?? transient[tip],
           !known.parents.contains(where: { records[$0] == nil && transient[$0] == nil }) { return false }
        let prefetcher = CommitLinkPrefetcher(repository: repository, tip: tip, known: Set(records.ids), boundary: shallow)
        self.prefetcher = prefetcher
        reader.takeTrees(from: prefetcher)
        return true
    }

    func stopPrefetching() {
        reader.takeTrees(from: nil)
        prefetcher?.stop()
        prefetcher = nil
    }

    /// The summary of a record: its sorted keys.
    private func summary(_ record: Record) -> ArraySlice<UInt64>? {
        guard record.isSummarized else { return nil }
        let start = Int(record.changedStart)
        return keys[start..<start + Int(record.changedCount)]
    }

    /// Whether the path (its `pathKeys`) changed in a commit against its first parent, as
    /// far as the commit's summary tells: nil when it cannot (none yet, or a folder above
    /// the path was not looked into).
    func changes(_ record: Record, _ pathKeys: [UInt64]) -> Bool? {
        guard let changed = summary(record), !pathKeys.isEmpty else { return nil }
        for (level, key) in pathKeys.enumerated() {
            guard let unexpanded = Self.find(key, in: changed) else { return false }
            if level == pathKeys.count - 1 { return true }
            if unexpanded { return nil }
        }
        return nil
    }

    /// nil when absent; else whether the entry is an unexpanded folder.
    private static func find(_ key: UInt64, in sorted: ArraySlice<UInt64>) -> Bool? {
        var low = sorted.startIndex, high = sorted.endIndex
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < key { low = mid + 1 } else { high = mid }
        }
        guard low < sorted.endIndex, sorted[low] & ~unexpanded == key else { return nil }
        // Both forms sort next to each other: the plain one (expanded or a file) first.
        return sorted[low] & unexpanded != 0
    }

    /// Whether the path (its `ChangedPathIndex.key`) may have changed in the commit against
    /// its first parent, as the complete changed-path index tells (false is certain); nil
    /// without an index or for a commit the graph does not hold.
    func indexedChange(_ id: ObjectID, key: UInt64) -> Bool? {
        guard let pathIndex, let position = reader.commitGraph?.position(of: id) else { return nil }
        return pathIndex.mayHaveChanged(key: key, atPosition: position)
    }

    /// Whether the path may have changed in the commit against its first parent, as git's
    /// changed-path filter for the commit says (false is certain); nil without one.
    func mayHaveChanged(_ id: ObjectID, _ query: ChangedPathQuery) -> Bool? {
        reader.commitGraph?.mayHaveChanged(query, in: id)
    }

    /// True when the commit's changed paths are known, at least in part.
    func isIndexed(_ id: ObjectID) -> Bool { (records[id] ?? transient[id])?.isSummarized == true }

    /// Summarizes what a commit changed against its first parent, looking into the folders
    /// `expanding` names (all of them: a complete summary), and merges that with what was
    /// known: a folder looked into by either summary counts as looked into.
    @discardableResult
    func summarize(_ id: ObjectID, expanding: (String) -> Bool) throws -> Record {
        let record = try record(id)
        var parentTree: ObjectID?
        if !shallow.contains(id), let first = record.parents.first {
            parentTree = try self.record(first).treeID
        }
        return try merge(reader.changes(from: parentTree, to: record.treeID, expanding: expanding), into: id)
    }

    /// Merges what a comparison with the first parent found into the commit's summary.
    private func merge(_ changes: [TreeChange], into id: ObjectID) throws -> Record {
        var record = try record(id)
        var found = Array(summary(record) ?? [])
        found.reserveCapacity(found.count + changes.count)
        for change in changes {
            let key = Self.pathKey(change.path)
            found.append(change.kind == .unexpandedFolder ? key | Self.unexpanded : key)
        }
        // Sorted, a folder's looked-into form comes right before its unexpanded form: keep
        // the first of each key, and drop an unexpanded folder the other summary looked into.
        found.sort()
        let start = keys.count
        for key in found {
            if keys.count > start, let last = keys.last, last == key & ~Self.unexpanded || last == key { continue }
            keys.append(key)
        }
        record.changedStart = Int32(start)
        record.changedCount = Int32(keys.count - start)
        store(record, for: id)
        return record
    }

    /// A complete summary of a commit's changes.
    @discardableResult
    func index(_ id: ObjectID) throws -> Record {
        if let record = records[id] ?? transient[id], let changed = summary(record),
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
            let before = (records[id] ?? transient[id]).flatMap { summary($0).map(Array.init) }
            let after = try index(id)
            if summary(after).map(Array.init) != before {
                count += 1
            }
            if shallow.contains(id) { continue }
            for parent in after.parents where seen.insert(parent).inserted { stack.append(parent) }
        }
        try save()
        return count
    }

    // MARK: Resolutions

    /// The files called `name` found under the folder whose tree is `folderTree`, when
    /// that was asked before.
    func resolution(of name: String, inFolder folderTree: ObjectID) -> [String]? {
        resolutions.last(where: { $0.folderTree == folderTree && $0.name == name })?.paths
    }

    /// Remembers an answer of `resolution(of:inFolder:)` (the oldest go first).
    func remember(_ paths: [String], for name: String, inFolder folderTree: ObjectID) {
        resolutions.removeAll { $0.folderTree == folderTree && $0.name == name }
        resolutions.append(Resolution(folderTree: folderTree, name: name, paths: paths))
        if resolutions.count > Self.resolutionLimit { resolutions.removeFirst(resolutions.count - Self.resolutionLimit) }
        dirty = true
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
    // low bit set is a folder not looked into), then u32:resolutionCount and per
    // resolution: folderTree[20] u16:nameLength name u16:pathCount (u16:length path)…

    func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: 16 + records.count * 72 + keys.count * 8)
        writer.bytes(Self.magic)
        writer.integer(Self.version)
        writer.integer(UInt32(records.count))
        for (id, record) in zip(records.ids, records.values) {
            writer.objectID(id)
            writer.objectID(record.treeID)
            writer.integer(UInt64(bitPattern: record.commitTime))
            writer.integer(UInt16(record.parents.count))
            for parent in record.parents { writer.objectID(parent) }
            if let changed = summary(record) {
                writer.integer(UInt32(changed.count))
                for hash in changed { writer.integer(hash) }
            } else {
                writer.integer(Self.notIndexed)
            }
        }
        writer.integer(UInt32(resolutions.count))
        for resolution in resolutions {
            writer.objectID(resolution.folderTree)
            writer.string(resolution.name)
            writer.integer(UInt16(resolution.paths.count))
            for path in resolution.paths { writer.string(path) }
        }
        return writer.finish()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> (records: CommitTable<Record>, keys: [UInt64], resolutions: [Resolution])? {
        var reader = ByteReader(bytes: bytes)
        guard reader.take(4).map(Array.init) == magic, reader.u32() == version, let count = reader.u32(),
              Int(count) <= reader.remaining / 54 else { return nil }
        var records = CommitTable<Record>(minimumCapacity: Int(count))
        var keys: [UInt64] = []
        keys.reserveCapacity(reader.remaining / 16)
        var parents: [ObjectID] = []
        for _ in 0..<count {
            guard let id = reader.objectID(), let tree = reader.objectID(), let time = reader.u64(),
                  let parentCount = reader.u16() else { return nil }
            parents.removeAll(keepingCapacity: true)
            for _ in 0..<parentCount {
                guard let parent = reader.objectID() else { return nil }
                parents.append(parent)
            }
            guard let hashCount = reader.u32() else { return nil }
            var record = Record(treeID: tree, parents: Parents(parents), commitTime: Int64(bitPattern: time))
            if hashCount != notIndexed {
                guard reader.remaining >= Int(hashCount) * 8, keys.count + Int(hashCount) <= Int(Int32.max) else { return nil }
                record.changedStart = Int32(keys.count)
                record.changedCount = Int32(hashCount)
                for _ in 0..<hashCount {
                    guard let hash = reader.u64() else { return nil }
                    keys.append(hash)
                }
            }
            records.set(record, for: id)
        }
        guard let resolutionCount = reader.u32(), Int(resolutionCount) <= resolutionLimit else { return nil }
        var resolutions: [Resolution] = []
        for _ in 0..<resolutionCount {
            guard let folder = reader.objectID(), let name = reader.string(), let pathCount = reader.u16() else { return nil }
            var paths: [String] = []
            for _ in 0..<pathCount {
                guard let path = reader.string() else { return nil }
                paths.append(path)
            }
            resolutions.append(Resolution(folderTree: folder, name: name, paths: paths))
        }
        return reader.remaining == 0 ? (records, keys, resolutions) : nil
    }
}

/// Writes the little-endian cache file.
struct ByteWriter {
    private var out: [UInt8] = []

    init(capacity: Int) { out.reserveCapacity(capacity) }

    mutating func bytes(_ bytes: [UInt8]) { out += bytes }

    mutating func integer<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    mutating func objectID(_ id: ObjectID) {
        id.withRawBytes { out.append(contentsOf: $0) }
    }

    /// u16 length, then the UTF-8 bytes (at most 65,535 of them: longer is cut).
    mutating func string(_ text: String) {
        let utf8 = Array(text.utf8.prefix(Int(UInt16.max)))
        integer(UInt16(utf8.count))
        out += utf8
    }

    consuming func finish() -> [UInt8] { out }
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
        take(20).flatMap { ObjectID(rawBytes: $0) }
    }

    mutating func string() -> String? {
        guard let length = u16(), let bytes = take(Int(length)) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
