/// `results-missing` (warning): fires on a `done` campaign whose `end` (else `launch`) is more
/// than `results-grace-days` (roadmap.yaml, default 14) days before today — counted from the
/// date's last day, so a coarse date never fires early — and that has a result with a `target`
/// but no `actual`. One finding per campaign, naming every such metric; points at the first.
public struct ResultsMissingRule: Rule {
    public let id = "results-missing"
    public let defaultSeverity = Severity.warning
    public let summary = "A finished campaign has targets without actual results."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let grace = context.config.resultsGraceDays
        for campaign in context.snapshot.items where campaign.kind == .campaign && campaign.status == "done" {
            guard let finished = campaign.end ?? campaign.launch else { continue }
            let elapsed = context.today.firstDay - finished.lastDay
            guard elapsed > grace else { continue }
            let missing = campaign.results.filter { $0.target != nil && $0.actual == nil }
            guard let first = missing.first else { continue }
            let field = campaign.end != nil ? "ended" : "launched"
            findings.add(self, item: campaign, at: first.keyNode.location,
                         "campaign \(named(campaign)) is done and \(field) \(finished), \(days(elapsed)) ago, but has no actual for \(missing.map(\.metric).joined(separator: ", ")) (more than \(days(grace)) of grace): record the results, e.g. roadmap set \(campaign.id) results.\(first.metric).actual=…")
        }
    }
}
