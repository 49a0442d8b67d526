import Foundation
import GitKit

/// What changed in the roadmap over a period (SPEC §15 `digest`): for each commit of the base
/// branch's first-parent line that landed in the period and touched the roadmap, the items
/// it added, removed and changed, and the findings it introduced and resolved.
public struct Digest: Sendable {
    public struct Entry: Sendable {
        public var commit: ObjectID
        public var author: String
        public var email: String
        /// When the commit landed (its committer date), and that date's UTC offset.
        public var date: Date
        public var offsetMinutes: Int
        public var subject: String
        public var items: [SemanticDiff.ItemChange]
        public var introduced: [Finding]
        public var resolved: [Finding]
    }

    /// A date moved: an item's date field (§5) changed from one date to another.
    public struct DateMove: Sendable {
        public var entry: Entry
        public var item: String
        public var field: String
        public var old: String
        public var new: String
        public var days: Int
    }

    public var branch: String
    public var since: RoadmapDate
    public var until: RoadmapDate?
    /// Newest first.
    public var entries: [Entry]
    /// The walk met a shallow clone's boundary inside the period: older commits of the
    /// period are not in this clone, and are missing from `entries`.
    public var truncated = false

    public var added: [(Entry, SemanticDiff.ItemChange)] { pick { $0.change == .added } }
    public var removed: [(Entry, SemanticDiff.ItemChange)] { pick { $0.change == .removed } }

    private func pick(_ keep: (SemanticDiff.ItemChange) -> Bool) -> [(Entry, SemanticDiff.ItemChange)] {
        entries.flatMap { e in e.items.filter(keep).map { (e, $0) } }
    }

    public var dateMoves: [DateMove] {
        entries.flatMap { e in
            e.items.filter { $0.change == .modified || $0.change == .moved }.flatMap { item in
                item.fields.compactMap { f -> DateMove? in
                    guard let days = f.days, let old = f.old?.shortText, let new = f.new?.shortText else { return nil }
                    return DateMove(entry: e, item: item.id, field: f.field, old: old, new: new, days: days)
                }
            }
        }
    }

    public var statusChanges: [(entry: Entry, item: String, old: String, new: String)] {
        entries.flatMap { e in
            e.items.filter { $0.change == .modified || $0.change == .moved }.compactMap { item in
                item.fields.first { $0.field == "status" }.map { (e, item.id, $0.old?.shortText ?? "(none)", $0.new?.shortText ?? "(none)") }
            }
        }
    }
}

extension Workspace {
    /// The digest of the base branch (else HEAD) between `since` and `until` (inclusive days,
    /// each commit's day taken in its own time zone). The first-parent line is walked from the
    /// tip and stops at the first commit older than `since`; a merge counts as one change
    /// against its first parent (what it brought into the base), by whoever made it.
    ///
    /// Built on the history cache: the line's commits (parents, trees) and whether each
    /// touched the roadmap come from its records and changed-path summaries, so a warm digest
    /// compares no trees to find the commits. The findings are chained oldest first: the
    /// review entry of the state before the period (from the review cache, else computed once
    /// and stored) is derived commit by commit, each from the one before, in memory, as
    /// `cachedReview` derives a head from its base.
    public func digest(since: RoadmapDate, until: RoadmapDate?, today: RoadmapDate) throws -> Digest {
        let repository = self.repository
        let branchRef = "refs/heads/" + config.base
        let branchTip = try git("reading \(branchRef)") { try repository.referenceTarget(branchRef) }
        let tip = try branchTip ?? headCommit()
        let branch = branchTip == nil ? "HEAD" : config.base
        let history = try git("reading the history cache") { try HistoryCache(repository: repository) }
        defer { try? history.save() }

        // The line, newest first: the commits of the period that touched the roadmap.
        var line: [(info: CommitInfo, parent: ObjectID?)] = []
        var truncated = false
        var next = tip
        while let id = next {
            let record = try git("reading commit \(id.short)") { try history.record(id) }
            let info = try git("reading commit \(id.short)") { try repository.commit(id) }
            let day = Self.day(of: info.committer.date, offsetMinutes: info.committer.timeZoneOffsetMinutes)
            if day < since.firstDay { break }
            // A shallow clone's boundary commit has no parent here: what it changed, and
            // everything before it, cannot be told.
            if history.isShallowBoundary(id) && !record.parents.isEmpty {
                truncated = true
                break
            }
            next = record.parents.first
            if let until, day > until.lastDay { continue }
            if record.parents.first != nil, !(try touchesRoadmap(id, record, history)) { continue }
            line.append((info, record.parents.first))
        }

        // Oldest first, each commit against its first parent; findings computed once a day
        // (the review cache's key without its tree: today, the rules, the build).
        let tipTree = try git("reading commit \(tip?.short ?? "HEAD")") { try tip.map { try history.record($0).treeID } }
        let key = tipTree.map { ReviewCache.key(tree: $0, config: config, today: today) }?
            .split(separator: "\n", maxSplits: 1).last.map(String.init) ?? ""
        var cache = DigestCache(repository: repository, key: key)
        defer { cache.save() }
        var entries: [Digest.Entry] = []
        var previous: ReviewBase?
        for (info, parent) in line.reversed() {
            // Warm, the cache holds the item files the commit changed besides its findings:
            // no tree of the period is read, only those files.
            let known = cache[info.id]
            let deltas = try known == nil ? itemDeltas(from: parent, to: info.id) : []
            let files = known?.files ?? Self.changedItemFiles(deltas, root: root)
            let items = try itemChanges(files, from: parent, to: info.id)
            var introduced: [Finding] = [], resolved: [Finding] = []
            if let known {
                (introduced, resolved) = (known.introduced, known.resolved)
                // The chain is broken: the next commit not in the cache starts from its parent.
                previous = nil
            } else if let parent {
                // The commits between two of the line did not touch the roadmap: the state
                // after the previous one has the parent's item files.
                let base = try previous ?? reviewBase(parent, today: today, headFiles: [], head: .commit(parent))
                let headFiles = Self.patch(base.entry.files, with: deltas, root: root)
                let result: ReviewResult
                if let derived = try derive(from: base.prepared, at: .tree(base.tree), to: headFiles, at: .tree(info.treeID),
                                            today: today, withBase: true) {
                    result = Reviewer.compare(base: base.entry.findings, head: derived.headFindings, items: headFiles.count)
                    previous = ReviewBase(commit: info.id, tree: info.treeID, prepared: DerivationBase(derived.entry))
                } else {
                    // What the derivation does not do exactly (dangling references): in full.
                    result = try cachedReview(against: base, headFiles: headFiles, head: .tree(info.treeID), today: today, storeHead: false)
                    previous = nil
                }
                introduced = result.findings.filter { $0.change == .new }.map(\.finding)
                resolved = result.findings.filter { $0.change == .resolved }.map(\.finding)
                cache.remember(DigestCache.Answer(introduced: introduced, resolved: resolved, files: files), for: info.id)
            }
            if items.isEmpty && introduced.isEmpty && resolved.isEmpty { continue }
            entries.append(Digest.Entry(commit: info.id, author: info.author.name, email: info.author.email, date: info.committer.date,
                                        offsetMinutes: info.committer.timeZoneOffsetMinutes, subject: info.summary,
                                        items: items, introduced: introduced, resolved: resolved))
        }
        return Digest(branch: branch, since: since, until: until, entries: entries.reversed(), truncated: truncated)
    }

    /// Whether a commit changed the items root or `roadmap.yaml` against its first parent, as
    /// its summary in the history cache says (made now, looking only into the folders above
    /// the root, when it cannot tell yet). A summary's "changed" may be a key collision:
    /// harmless here, the commit then shows no change and is left out.
    private func touchesRoadmap(_ id: ObjectID, _ record: HistoryCache.Record, _ history: HistoryCache) throws -> Bool {
        if root.isEmpty { return true }
        let paths = [HistoryCache.pathKeys(root), HistoryCache.pathKeys(RoadmapConfig.fileName)]
        func answer(_ record: HistoryCache.Record) -> Bool? {
            var unknown = false
            for keys in paths {
                switch history.changes(record, keys) {
                case true?: return true
                case nil: unknown = true
                case false?: break
                }
            }
            return unknown ? nil : false
        }
        if let known = answer(record) { return known }
        let names = root.split(separator: "/").map(String.init)
        let above = Set(names.indices.dropLast().map { names[...$0].joined(separator: "/") })
        let summarized = try git("comparing commit \(id.short) with its parent") {
            try history.summarize(id, expanding: above.contains)
        }
        return answer(summarized) ?? true
    }

    /// The files under the items root that differ between two commits.
    private func itemDeltas(from old: ObjectID?, to new: ObjectID) throws -> [DiffDelta] {
        let repository = self.repository
        let newTree = try git("reading commit \(new.short)") { try repository.commit(new).treeID }
        let oldTree = try old.map { o in try git("reading commit \(o.short)") { try repository.commit(o).treeID } }
        return try git("comparing \(old?.short ?? "nothing") with \(new.short)") {
            try repository.diff(oldTree: oldTree, newTree: newTree, paths: root.isEmpty ? [] : [root])
        }
    }

    /// The item files of a state from those of the state before it (sorted by path) and the
    /// deltas between them: a digest never lists a whole tree per commit.
    static func patch(_ files: [StateFile], with deltas: [DiffDelta], root: String) -> [StateFile] {
        var removed = Set<String>()
        var added: [StateFile] = []
        for delta in deltas {
            if let path = delta.oldPath, delta.oldID.map({ !$0.isZero }) == true { removed.insert(path) }
            if let path = delta.newPath, let blob = delta.newID, !blob.isZero, let mode = delta.newMode, mode.isBlob,
               Snapshot.isItemPath(path, root: root) {
                removed.insert(path)
                added.append(StateFile(path: path, blob: blob, mode: mode))
            }
        }
        var out = removed.isEmpty ? files : files.filter { !removed.contains($0.path) }
        for file in added {
            var low = 0, high = out.count
            while low < high {
                let mid = (low + high) / 2
                if out[mid].path < file.path { low = mid + 1 } else { high = mid }
            }
            out.insert(file, at: low)
        }
        return out
    }

    /// The item files on each side of the deltas: what a commit changed under the root.
    static func changedItemFiles(_ deltas: [DiffDelta], root: String) -> DigestCache.ChangedFiles {
        var files = DigestCache.ChangedFiles(before: [], after: [])
        for delta in deltas {
            if let path = delta.oldPath, let blob = delta.oldID, !blob.isZero, Snapshot.isItemPath(path, root: root) {
                files.before.append(DigestCache.File(path: path, blob: blob, mode: delta.oldMode ?? .blob))
            }
            if let path = delta.newPath, let blob = delta.newID, !blob.isZero, Snapshot.isItemPath(path, root: root) {
                files.after.append(DigestCache.File(path: path, blob: blob, mode: delta.newMode ?? .blob))
            }
        }
        return files
    }

    /// The item changes between two commits, reading only the item files that differ.
    private func itemChanges(_ files: DigestCache.ChangedFiles, from old: ObjectID?, to new: ObjectID) throws -> [SemanticDiff.ItemChange] {
        let before = try files.before.map { ItemParsing.parse(try blobFile(path: $0.path, id: $0.blob, mode: $0.mode, at: old?.short ?? "")) }
        let after = try files.after.map { ItemParsing.parse(try blobFile(path: $0.path, id: $0.blob, mode: $0.mode, at: new.short)) }
        return SemanticDiff.itemChanges(old: Snapshot(files: before, config: config), new: Snapshot(files: after, config: config))
    }

    /// The day number (§5) of an instant in a time zone.
    static func day(of date: Date, offsetMinutes: Int) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return RoadmapDate.dayNumber(year: 1970, month: 1, day: 1) + days
    }
}
