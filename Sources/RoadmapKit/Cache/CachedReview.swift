import Foundation
import GitKit

extension Workspace {
    /// The review of `head` against the commit `base`, as `Reviewer.review` computes it over the
    /// two full snapshots, with the work on the base state cut down to what changed:
    ///
    /// - the base's own findings come from `ReviewCache` (by tree id) when present, else from
    ///   the rules, and are stored for the next run;
    /// - on a cache hit, the base snapshot the diff-aware rules see holds only the files that
    ///   differ between the states (by path and blob id), plus every file of an id that has
    ///   a changed or a duplicated file, so that `base[id]` is what the full snapshot gives for
    ///   every id whose files differ, and nil only for ids whose files are identical on both
    ///   sides. That is exact for `release-moved`, the one rule that reads `context.base`
    ///   (it compares a release's date per id); a new diff-aware rule must be checked against
    ///   this, and `CachedReviewTests` compares both paths on real repositories.
    func cachedReview(base: ObjectID?, head: TreeState, today: RoadmapDate) throws -> ReviewResult {
        let headFiles = try itemFiles(head)
        let headSnapshot = Snapshot(files: ItemParsing.parseAll(headFiles), config: config)
        guard let base else { return Reviewer.review(base: nil, head: headSnapshot, config: config, today: today) }
        let repository = self.repository
        let tree = try git("reading commit \(base.short)") { try repository.commit(base) }.treeID
        let entries = try git("listing \(root.isEmpty ? "the tree" : root) at \(base.short)") {
            try repository.treeEntries(ofTree: tree, under: root)
        }.filter { $0.mode.isBlob && Snapshot.isItemPath($0.path, root: root) }

        let cache = ReviewCache(repository: repository)
        let key = ReviewCache.key(tree: tree, config: config, today: today)
        let baseFindings: [Finding]
        let baseForRules: Snapshot
        let changes = Self.differing(entries, headFiles, headSnapshot)
        if let cached = cache.findings(tree: tree, key: key) {
            baseFindings = cached
            baseForRules = try baseSnapshot(entries, keeping: changes.keep, at: base)
        } else if changes.identical {
            // The head holds exactly the base's files (same paths, same blobs): the base's
            // findings are the head's, and no diff-aware rule fires between equal states.
            let empty = Snapshot(files: [], config: config)
            let findings = RuleEngine.findings(head: headSnapshot, base: empty, config: config, today: today)
            cache.store(findings, tree: tree, key: key)
            return Reviewer.compare(base: findings, head: findings, items: headSnapshot.count)
        } else {
            baseForRules = try baseSnapshot(entries, keeping: nil, at: base)
            baseFindings = RuleEngine.findings(head: baseForRules, base: nil, config: config, today: today)
            cache.store(baseFindings, tree: tree, key: key)
        }
        let headFindings = RuleEngine.findings(head: headSnapshot, base: baseForRules, config: config, today: today)
        return Reviewer.compare(base: baseFindings, head: headFindings, items: headSnapshot.count)
    }

    /// The base entries to read (by index into `entries`): every file of an id that has a file
    /// differing between the states or more than one file; `identical`: both states hold the
    /// same files with the same blobs.
    static func differing(_ entries: [TreeEntryInfo], _ headFiles: [SourceFile], _ head: Snapshot) -> (keep: Set<Int>, identical: Bool) {
        // A file without a blob id (changed in the working tree) matches no base file, so its
        // id counts as changed: reading more base files than needed is always safe.
        func headKey(_ file: SourceFile) -> FileKey { FileKey(path: file.path, blob: file.blob, isSymlink: file.isSymlink) }
        let headKeys = Set(headFiles.map(headKey))
        var baseKeys = Set<FileKey>()
        baseKeys.reserveCapacity(entries.count)
        var ids: [String: Int] = [:]
        var wanted = Set(head.duplicates.keys)
        for entry in entries {
            let key = FileKey(path: entry.path, blob: entry.id, isSymlink: entry.mode == .symlink)
            baseKeys.insert(key)
            let id = ItemID.fromPath(entry.path)
            ids[id, default: 0] += 1
            if ids[id]! > 1 { wanted.insert(id) }
            if !headKeys.contains(key) { wanted.insert(id) }
        }
        for file in headFiles where !baseKeys.contains(headKey(file)) {
            wanted.insert(ItemID.fromPath(file.path))
        }
        let keep = Set(entries.indices.filter { wanted.contains(ItemID.fromPath(entries[$0].path)) })
        return (keep, headKeys == baseKeys)
    }

    /// A file as both states can name it; a nil blob (changed on disk) equals no base file.
    struct FileKey: Hashable {
        var path: String
        var blob: ObjectID?
        var isSymlink: Bool
    }

    private func baseSnapshot(_ entries: [TreeEntryInfo], keeping: Set<Int>?, at commit: ObjectID) throws -> Snapshot {
        let repository = self.repository
        let files = try entries.indices.filter { keeping?.contains($0) ?? true }.map { index in
            let entry = entries[index]
            return SourceFile(path: entry.path,
                              bytes: try git("reading \(entry.path) at \(commit.short)") { try repository.blobData(entry.id) },
                              blob: entry.id, isSymlink: entry.mode == .symlink)
        }
        return Snapshot(files: ItemParsing.parseAll(files), config: config)
    }
}

extension ItemParsing {
    /// Parses files on every core when there are enough of them to pay for the threads;
    /// the result is in the order of `files`, as a serial `map(parse)` gives.
    static func parseAll(_ files: [SourceFile]) -> [ParsedFile] {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        guard files.count >= 512, workers > 1 else { return files.map(parse) }
        let chunks = workers * 4
        let size = (files.count + chunks - 1) / chunks
        let results = ResultSlots<[ParsedFile]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = min(chunk * size, files.count) ..< min((chunk + 1) * size, files.count)
            results.set(chunk, files[range].map(parse))
        }
        return results.values.flatMap { $0 ?? [] }
    }
}

/// One slot per concurrent task, each written once by its own task.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }
    var values: [T?] { lock.withLock { slots } }
}
