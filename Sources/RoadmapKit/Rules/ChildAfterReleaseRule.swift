/// `child-after-release` (warning): fires when an epic or story that is not cancelled has an
/// `end` definitely after the `date` of its effective release (its own `release`, else its
/// epic's), that release not being cancelled. Points at `end`; `related` is the release.
public struct ChildAfterReleaseRule: Rule {
    public let id = "child-after-release"
    public let defaultSeverity = Severity.warning
    public let summary = "An epic or story ends after its release ships."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let snapshot = context.snapshot
        for item in snapshot.items where (item.kind == .epic || item.kind == .story) && item.status != "cancelled" {
            guard let end = item.end, let releaseID = snapshot.effectiveRelease(of: item),
                  let release = snapshot[releaseID], release.kind == .release, release.status != "cancelled",
                  let date = release.date, end.definitelyAfter(date) else { continue }
            let inherited = item.release == nil ? " (inherited from epic \(item.epic ?? ""))" : ""
            findings.add(self, item: item, at: item.location(of: "end"), related: [releaseID],
                         "\(item.kind!.rawValue) \(named(item)) ends \(end), after its release \(releaseID)\(inherited) ships \(date)\(release.owner.map { " (release owner \($0))" } ?? ""): finish earlier, or move it to a later release")
        }
    }
}
