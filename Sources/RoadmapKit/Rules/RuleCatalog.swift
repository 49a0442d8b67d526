/// Every rule of SPEC §7, §12 and §13, in the order of their tables.
public enum RuleCatalog {
    public static let all: [any Rule] = [
        ParseErrorRule(), UnsupportedYAMLRule(), InvalidIDRule(), DuplicateIDRule(),
        UnknownKindRule(), MissingFieldRule(), InvalidValueRule(), UnknownFieldRule(),
        DanglingReferenceRule(), WrongReferenceKindRule(), DateOrderRule(),
        ChildAfterReleaseRule(), ShippedWithOpenWorkRule(), PastDueRule(),
        LaunchBeforeReleaseRule(), LaunchLagRule(), TimingUnconfirmedRule(),
        PromotesUnscheduledRule(), PromotesCancelledRule(), LiveBeforeShipRule(),
        UnmarketedReleaseRule(), WaiverExpiredRule(), ReleaseMovedRule(),
        VisibilityLeakRule(), VisibilityMismatchRule(),
        AssetOutsideCampaignRule(), AssetBeforeReleaseRule(), AssetPublishedUnshippedRule(),
        AssetAnnouncesCancelledRule(), OverBudgetRule(), ResultsMissingRule(), GoalOneSidedRule(), UnalignedRule(),
    ]

    public static let ids: Set<String> = Set(all.map(\.id))

    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.id == id } }

    /// The rule id nearest to a misspelt one, for suggestions.
    public static func nearest(to name: String) -> String? {
        EditDistance.nearest(to: name, in: all.map(\.id))
    }
}

/// Runs every rule over a snapshot and applies `roadmap.yaml` severities (`off` drops a rule)
/// and the items' waivers (an unexpired waiver drops its rule's findings on that item; an
/// expired one does not, and is itself a `waiver-expired` finding, which cannot be waived).
public enum RuleEngine {
    public static func findings(head: Snapshot, base: Snapshot? = nil, config: RoadmapConfig,
                                today: RoadmapDate, rules: [any Rule] = RuleCatalog.all) -> [Finding] {
        let context = RuleContext(snapshot: head, base: base, config: config, today: today)
        var itemsByPath: [String: Item] = [:]
        itemsByPath.reserveCapacity(head.items.count)
        for item in head.items { itemsByPath[item.path] = item }
        var out: [Finding] = []
        for rule in rules {
            guard let severity = config.severity(of: rule.id, default: rule.defaultSeverity) else { continue }
            var collector = FindingCollector()
            rule.check(context, into: &collector)
            for var finding in collector.findings {
                if rule.id != WaiverExpiredRule().id, let item = itemsByPath[finding.path],
                   item.waivers.contains(where: { $0.rule == rule.id && !$0.isExpired(today: today) }) {
                    continue
                }
                finding.severity = severity
                out.append(finding)
            }
        }
        out.sort(by: Finding.reportOrder)
        return out
    }
}
