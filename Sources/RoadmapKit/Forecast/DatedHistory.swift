import Foundation
import GitKit

/// Every dated item's date over the base branch's history, in one walk: the forecast's
/// record. `Slips.compute` answers one history query per item (each a walk over every
/// commit), which on 2,000 releases and campaigns and 20,000 commits is 40 million steps;
/// this walks the first-parent chain once, through the history cache's commit records (in
/// memory once cached), and compares each commit's tree with its parent's only in the
/// folders that hold releases or campaigns, with the history reader's tree cache. What the
/// walk found is kept per tip (`DatedHistoryCache`), so a forecast at the same tip walks
/// nothing and one at a later tip walks only the new commits.
///
/// What it follows differs from `slips` on purpose: a move counts when it reached the
/// branch (a merge brings a side branch's moves at the merge's time, as `--at` sees them),
/// an item is its id (its file name: moves between folders are followed, a rename starts a
/// new item), and an item deleted from the branch ends with no date (it never held one).
enum DatedHistory {
    typealias Series = DatedHistoryCache.Series

    /// The reports, through `DatedHistoryCache` when the history cache is kept on disk: read
    /// as they are when the cached tip is `tip`, extended over the new commits when it is an
    /// ancestor on the first-parent chain, walked in full otherwise.
    static func collect(_ history: ItemHistory, from tip: ObjectID) throws -> [SlipReport] {
        let cache = history.paths.cache
        let cacheURL = cache.fileURL != nil && cache.shallow.isEmpty ? DatedHistoryCache.url(for: history.repository) : nil
        let key = DatedHistoryCache.key(root: history.root)
        let stored = cacheURL.flatMap { DatedHistoryCache.load(from: $0, key: key) }
        if let stored, stored.tip == tip { return reports(series: stored.series, current: stored.current, boundary: nil) }

        let (skipped, current) = try tipState(history, tip)
        let skippedSet = Set(skipped)
        let rootNames = Set(history.root.split(separator: "/").indices.map { history.root.split(separator: "/")[...$0].joined(separator: "/") })
        func expanding(_ folder: String) -> Bool {
            if rootNames.contains(folder) { return true }
            guard history.root.isEmpty || folder.hasPrefix(history.root + "/") else { return false }
            return !skippedSet.contains(folder)
        }
        // The first-parent chain from the tip, down to the cached tip when it can be extended.
        let resume = stored.flatMap { $0.skipped == skipped ? $0 : nil }
        var chain: [ObjectID] = []
        var next: ObjectID? = tip
        var resumed: DatedHistoryCache?
        while let id = next {
            if let resume, id == resume.tip {
                resumed = resume
                break
            }
            chain.append(id)
            next = cache.isShallowBoundary(id) ? nil : try cache.record(id).parents.first
        }
        var series = resumed?.series ?? [:]
        try walk(history, chain.reversed(), after: try resumed.map { try cache.record($0.tip).treeID }, expanding: expanding, into: &series)
        // In a shallow clone the walk starts at the boundary commit: an item already dated there
        // may have moved before it, which this clone cannot tell (`slips` says the same).
        let boundary = chain.last.flatMap { cache.isShallowBoundary($0) ? $0 : nil }
        if let cacheURL, boundary == nil {
            DatedHistoryCache(tip: tip, skipped: skipped, current: current, series: series).save(to: cacheURL, key: key)
        }
        return reports(series: series, current: current, boundary: boundary)
    }

    static func dated(_ data: YAMLValue) -> (kind: String, field: String)? {
        guard case let .string(kind)? = Slips.value(data, "kind"), let field = Slips.datedFields[kind] else { return nil }
        return (kind, field)
    }

    /// What the walk needs of the tip: the folders under the root that hold no release or
    /// campaign there (not compared: stories are most of a roadmap; folders the tip does not
    /// have are compared), sorted, and each dated item's value.
    static func tipState(_ history: ItemHistory, _ tip: ObjectID) throws -> (skipped: [String], current: [String: YAMLValue?]) {
        let repository = history.repository
        var folders: [String: Bool] = [:]
        var current: [String: YAMLValue?] = [:]
        for entry in try repository.treeEntries(ofCommit: tip, under: history.root) where entry.mode.isBlob {
            guard let id = history.itemID(of: entry.path) else { continue }
            let folder = entry.path.split(separator: "/").dropLast().joined(separator: "/")
            var holds = false
            if case let .success(data) = history.decoder(try repository.blobData(entry.id)), let (_, field) = dated(data) {
                holds = true
                current[id] = Slips.value(data, field)
            }
            var path = folder
            while true {
                folders[path] = (folders[path] ?? false) || holds
                guard let slash = path.lastIndex(of: "/") else { break }
                path = String(path[..<slash])
            }
        }
        return (folders.filter { !$0.value }.keys.sorted(), current)
    }

    /// Compares each commit of `commits` (oldest first) with the one before (the first with
    /// the tree `parentTree`; nil: the empty tree) in the folders `expanding` accepts, and
    /// records every dated item's value changes in `series`.
    static func walk(_ history: ItemHistory, _ commits: ReversedCollection<[ObjectID]>, after parentTree: ObjectID?,
                     expanding: (String) -> Bool, into series: inout [String: Series]) throws {
        let cache = history.paths.cache
        let reader = cache.reader
        let repository = history.repository
        var parentTree = parentTree
        for id in commits {
            let record = try cache.record(id)
            defer { parentTree = record.treeID }
            let date = Date(timeIntervalSince1970: TimeInterval(record.commitTime))
            for change in try reader.changes(from: parentTree, to: record.treeID, expanding: expanding) where change.kind == .leaf {
                guard let itemID = history.itemID(of: change.path) else { continue }
                let names = change.path.split(separator: "/").map(String.init)
                guard let entry = try reader.entry(at: names, inTree: record.treeID), entry.mode.isBlob else {
                    // Deleted (or moved: the new path's change records it, at the same commit).
                    if var known = series[itemID], known.path == change.path, known.points.last?.value != nil {
                        known.points.append(SlipPoint(commit: id, date: date, offsetMinutes: 0, value: nil))
                        series[itemID] = known
                    }
                    continue
                }
                guard case let .success(data) = history.decoder(try repository.blobData(entry.id)),
                      let (kind, field) = dated(data) else { continue }
                let value = Slips.value(data, field)
                var known = series[itemID] ?? Series(kind: kind, field: field, path: change.path, points: [])
                known.path = change.path
                if known.points.last.map({ $0.value != value }) ?? true {
                    // A move between folders reads as a deletion then an addition: the deletion's
                    // "no date" is undone when the same value comes back at once.
                    if let last = known.points.last, last.commit == id, last.value == nil { known.points.removeLast() }
                    if known.points.last?.value != value {
                        known.points.append(SlipPoint(commit: id, date: date, offsetMinutes: 0, value: value))
                    }
                }
                series[itemID] = known
            }
        }
    }

    static func reports(series: [String: Series], current: [String: YAMLValue?], boundary: ObjectID?) -> [SlipReport] {
        series.keys.sorted().compactMap { id in
            guard let known = series[id] else { return nil }
            var report = Slips.report(id: id, kind: known.kind, path: known.path, field: known.field,
                                      current: current[id] ?? nil, points: known.points, entries: [])
            if let boundary, known.points.first?.commit == boundary { report.truncated = true }
            return report
        }
    }
}
