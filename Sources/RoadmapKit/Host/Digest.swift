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
    public func digest(since: RoadmapDate, until: RoadmapDate?, today: RoadmapDate) throws -> Digest {
        let repository = self.repository
        let branchRef = "refs/heads/" + config.base
        let tip = try git("reading \(branchRef)") { try repository.referenceTarget(branchRef) } ?? headCommit()
        let branch = try git("reading \(branchRef)") { try repository.referenceTarget(branchRef) } == nil ? "HEAD" : config.base
        var entries: [Digest.Entry] = []
        var next = tip
        let boundary = try git("reading .git/shallow") { try repository.shallowBoundary() }
        while let id = next {
            let info = try git("reading commit \(id.short)") { try repository.commit(id) }
            // A shallow clone's boundary commit has no parent here: what it changed cannot be told.
            if boundary.visibleParents(of: info).isEmpty && !info.parents.isEmpty { break }
            next = info.parents.first
            let day = Self.day(of: info.committer.date, offsetMinutes: info.committer.timeZoneOffsetMinutes)
            if day < since.firstDay { break }
            if let until, day > until.lastDay { continue }
            let parent = info.parents.first
            if let parent, !(try changesRoadmap(from: parent, to: id)) { continue }
            let items = try itemChanges(from: parent, to: id)
            let review = try cachedReview(base: parent, head: .commit(id), today: today)
            let introduced = parent == nil ? [] : review.findings.filter { $0.change == .new }.map(\.finding)
            let resolved = review.findings.filter { $0.change == .resolved }.map(\.finding)
            if items.isEmpty && introduced.isEmpty && resolved.isEmpty { continue }
            entries.append(Digest.Entry(commit: id, author: info.author.name, email: info.author.email, date: info.committer.date,
                                        offsetMinutes: info.committer.timeZoneOffsetMinutes, subject: info.summary,
                                        items: items, introduced: introduced, resolved: resolved))
        }
        return Digest(branch: branch, since: since, until: until, entries: entries)
    }

    /// The day number (§5) of an instant in a time zone.
    static func day(of date: Date, offsetMinutes: Int) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return RoadmapDate.dayNumber(year: 1970, month: 1, day: 1) + days
    }

    /// The item changes between two commits, reading only the item files that differ.
    func itemChanges(from old: ObjectID?, to new: ObjectID) throws -> [SemanticDiff.ItemChange] {
        let repository = self.repository
        let newTree = try git("reading commit \(new.short)") { try repository.commit(new).treeID }
        let oldTree = try old.map { o in try git("reading commit \(o.short)") { try repository.commit(o).treeID } }
        let deltas = try git("comparing \(old?.short ?? "nothing") with \(new.short)") {
            try repository.diff(oldTree: oldTree, newTree: newTree, paths: root.isEmpty ? [] : [root])
        }
        var before: [ParsedFile] = [], after: [ParsedFile] = []
        for delta in deltas {
            if let path = delta.oldPath, let blob = delta.oldID, !blob.isZero, Snapshot.isItemPath(path, root: root) {
                before.append(ItemParsing.parse(try blobFile(path: path, id: blob, mode: delta.oldMode ?? .blob, at: old?.short ?? "")))
            }
            if let path = delta.newPath, let blob = delta.newID, !blob.isZero, Snapshot.isItemPath(path, root: root) {
                after.append(ItemParsing.parse(try blobFile(path: path, id: blob, mode: delta.newMode ?? .blob, at: new.short)))
            }
        }
        return SemanticDiff.itemChanges(old: Snapshot(files: before, config: config), new: Snapshot(files: after, config: config))
    }
}
