import GitKit

/// How `roadmap impact` is asked to move an item.
public enum ImpactChange: Sendable, Equatable {
    /// `--by ±Nd`: every date of the item moves by N days.
    case by(days: Int)
    /// `--to DATE`: the item's end (a release's date, a campaign's launch) moves to DATE.
    case to(RoadmapDate)
}

/// What `roadmap impact` found, and the proposal it wrote (if asked).
public struct ImpactReport: Sendable {
    public let id: String
    public let days: Int
    /// The commit the analysis read (HEAD).
    public let commit: ObjectID
    public let analysis: ImpactAnalysis
    /// `child-after-release` findings the moves would add.
    public let childrenAfterRelease: [Finding]
    /// Errors the moves would add (impact never writes a proposal that has them).
    public let newErrors: [Finding]
    /// The files the moves edit, in path order.
    public let paths: [String]
    public var proposal: (name: String, branch: String, commit: ObjectID)?
}

extension Workspace {
    /// `roadmap impact`: the moves of `id` and of everything that must move with it, as HEAD
    /// holds the roadmap. Never writes to the current branch, the index or the working tree;
    /// with `propose`, commits the moves (one-field edits, as `roadmap set` makes them) on a new
    /// proposal branch started from HEAD, only when their review adds no new error.
    public func impact(id: String, change: ImpactChange, propose name: String?, today: RoadmapDate) throws -> ImpactReport {
        let repository = self.repository
        guard let head = try headCommit() else { throw RoadmapError("impact reads the committed roadmap, and HEAD has no commit yet") }
        if let name { try checkProposalName(name) }
        let files = try itemFiles(.commit(head))
        let before = Snapshot(files: ItemParsing.parseAll(files), config: config)
        guard let item = before[id] else { throw RoadmapError("no item '\(id)' under \(root)/ at HEAD; 'roadmap list' shows the ids") }
        let days: Int
        switch change {
        case let .by(n): days = n
        case let .to(date):
            guard let end = item.scheduleEnd ?? item.scheduleStart else {
                throw RoadmapError("\(item.path) has no date to move; give \(id) a date first")
            }
            days = date.lastDay - end.lastDay
        }
        let analysis = try ImpactAnalysis(snapshot: before, id: id, days: days)

        // The edits, as `roadmap set` would make them: the items' date fields and the dated
        // assets' publish days (a relative one follows its launch), one edit per file.
        var assignments: [String: [FieldAssignment]] = [:]
        for move in analysis.moves where !move.fields.isEmpty {
            assignments[move.item.path, default: []] += move.fields.map { FieldAssignment(path: [$0.field], value: .string($0.new.text)) }
        }
        for asset in analysis.assets where asset.field != nil {
            assignments[asset.campaign.path, default: []].append(FieldAssignment(path: ["assets", asset.id, "publish"], value: .string(asset.new.text)))
        }
        var edited: [String: [UInt8]] = [:]
        for (path, list) in assignments {
            guard let file = files.first(where: { $0.path == path }) else { continue }
            edited[file.path] = try Self.edited(file, list, editor: "roadmap impact").bytes
        }
        let afterFiles = files.map { file in edited[file.path].map { SourceFile(path: file.path, bytes: $0) } ?? file }
        let after = Snapshot(files: ItemParsing.parseAll(afterFiles), config: config)
        let review = Reviewer.review(base: before, head: after, config: config, today: today)
        let added = review.findings.filter { $0.change == .new }.map(\.finding)
        var report = ImpactReport(id: id, days: days, commit: head, analysis: analysis,
                                  childrenAfterRelease: added.filter { $0.rule == ChildAfterReleaseRule().id },
                                  newErrors: added.filter { $0.severity == .error }, paths: edited.keys.sorted(), proposal: nil)
        guard let name else { return report }

        if let first = report.newErrors.first {
            throw RoadmapError("refused: the moves would add \(report.newErrors.count) new error\(report.newErrors.count == 1 ? "" : "s") (\(first.item): \(first.message) [\(first.rule)]); no proposal was written", exitCode: 1)
        }
        guard !edited.isEmpty else { throw RoadmapError("nothing would move, so there is no proposal to write", exitCode: 1) }
        var updates: [TreeUpdate] = []
        for path in report.paths {
            let mode = try git("reading \(path)") { try repository.entry(at: path, inCommit: head) }?.mode ?? .blob
            guard let bytes = edited[path] else { continue }
            let blob = try git("storing \(path)") { try repository.writeBlob(bytes) }
            updates.append(.upsert(path: path, blob: blob, mode: mode))
        }
        let baseTree = try git("reading commit \(head.short)") { try repository.commit(head).treeID }
        let tree = try git("building the proposal's tree") { try repository.buildTree(base: baseTree, updates: updates) }
        let title = "Move \(id) by \(Self.signedDays(days)) and what depends on it"
        let started = try propose(name: name, why: title + "\nWritten by roadmap impact.", from: head.hex, switchTo: false)
        var message = title + "\n\n"
        for move in analysis.moves where !move.fields.isEmpty {
            message += "- \(move.item.id): " + move.fields.map { "\($0.field) \($0.old.text) → \($0.new.text)" }.joined(separator: ", ") + "\n"
        }
        for asset in analysis.assets where asset.field != nil {
            message += "- \(asset.campaign.id)/\(asset.id): publish \(asset.old.text) → \(asset.new.text)\n"
        }
        let finalMessage = message
        let commit = try git("committing the moves") {
            try repository.createCommit(tree: tree, parents: [started.commit], message: finalMessage, updating: nil)
        }
        let reference = proposalReference(name)
        try git("updating \(started.branch)") {
            try repository.setReference(reference, to: commit, expected: started.commit, message: "roadmap impact \(id)")
        }
        report.proposal = (name, started.branch, commit)
        return report
    }

    /// "+30 days" / "-1 day".
    static func signedDays(_ n: Int) -> String { (n > 0 ? "+" : "") + days(n) }
}
