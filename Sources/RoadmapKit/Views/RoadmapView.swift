import Foundation
import GitKit

/// What every view and export is drawn from: one state of the roadmap, the findings of the
/// rules on it, and the commit it came from.
public struct RoadmapView: Sendable {
    public var snapshot: Snapshot
    /// The findings of that state alone (no base: the view shows what is, not what changed).
    public var findings: [Finding]
    /// The commit the state came from; nil for the working tree or an unborn branch.
    public var commit: ObjectID?
    /// That commit's committer date.
    public var commitDate: Date?
    public var today: RoadmapDate
    /// Who the view is for (`AudienceView.filter` sets it); views show findings only to key and team.
    public var audience: Audience = .team

    public init(snapshot: Snapshot, findings: [Finding], commit: ObjectID? = nil, commitDate: Date? = nil, today: RoadmapDate) {
        self.snapshot = snapshot
        self.findings = findings
        self.commit = commit
        self.commitDate = commitDate
        self.today = today
    }

    /// Runs the rules on a snapshot.
    public init(snapshot: Snapshot, config: RoadmapConfig, commit: ObjectID? = nil, commitDate: Date? = nil, today: RoadmapDate) {
        let result = Reviewer.review(base: nil, head: snapshot, config: config, today: today)
        self.init(snapshot: snapshot, findings: result.headFindings.map(\.finding), commit: commit, commitDate: commitDate, today: today)
    }

    /// The findings about an item (where it is the item a finding names), in report order.
    public func findings(of id: String) -> [Finding] {
        findings.filter { $0.item == id }
    }

    /// The items of known kind, in path order.
    public var items: [Item] { snapshot.items.filter { $0.kind != nil } }

    /// The commit date as ISO 8601 in UTC (`2026-11-10T15:30:00Z`), nil without a commit.
    public var commitDateText: String? {
        commitDate.map(RoadmapView.iso8601)
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// "commit 1a2b3c4 of 2026-11-10T15:30:00Z", or "the working tree".
    public var stampText: String {
        guard let commit else { return "the working tree" }
        return "commit \(commit.hex) of \(commitDateText ?? "?")"
    }
}

extension Workspace {
    /// The roadmap of a read point with its findings: `.current` is the working tree (no
    /// commit stamp), `.at(REV)` a commit. `committed: true` reads HEAD instead of the working
    /// tree, so that the view can be stamped with the commit it came from (exports).
    public func view(at point: ReadPoint, committed: Bool = false, today: RoadmapDate) throws -> RoadmapView {
        var (state, commit) = try state(of: point)
        if committed, point == .current {
            commit = try headCommit()
            state = commit.map(TreeState.commit) ?? .head
        }
        let snapshot = try snapshot(state)
        var date: Date?
        if let commit {
            let repository = self.repository
            date = try git("reading commit \(commit.short)") { try repository.commit(commit) }.committer.date
        }
        return RoadmapView(snapshot: snapshot, config: config, commit: commit, commitDate: date, today: today)
    }

    /// The export template: the repository's own `templates/<name>` when it has one (so a team
    /// can restyle its exports), else the one shipped with the tool.
    public func exportTemplate(_ name: String) throws -> String? {
        let path = "templates/\(name)"
        if repository.workingDirectory != nil, try git("reading \(path)", { try repository.workdirFileMode(path) }) == .blob,
           let bytes = try git("reading \(path)", { try repository.workdirFileData(path) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        return Resources.text(path)
    }
}
