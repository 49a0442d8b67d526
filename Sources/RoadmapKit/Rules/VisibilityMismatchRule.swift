/// `visibility-mismatch` (warning): fires when an item is visible to a wider audience than an
/// item it depends on for meaning (SPEC §12): an epic and its `theme` or `release`, a story and
/// its `epic` or `release`, a campaign and each item it `promotes`. A public campaign promoting
/// a release hidden from the public, or a public story of a key-only epic. Points at the
/// reference; `related` is the narrower item. Reads only the items referenced.
public struct VisibilityMismatchRule: Rule {
    public let id = "visibility-mismatch"
    public let defaultSeverity = Severity.warning
    public let summary = "An item is visible more widely than an item it depends on for meaning."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let snapshot = context.snapshot
        let team = AudienceView(.team, config: context.config)
        for item in snapshot.items {
            guard let kind = item.kind else { continue }
            let visibility = team.visibility(of: item)
            guard visibility != .team else { continue }
            var references: [(field: String, id: String, node: YAMLNode)] = []
            switch kind {
            case .epic: references = ["theme", "release"].compactMap { f in item.value(f).flatMap { n in n.string.map { (f, $0, n) } } }
            case .story: references = ["epic", "release"].compactMap { f in item.value(f).flatMap { n in n.string.map { (f, $0, n) } } }
            case .campaign: references = item.promotes.map { ("promotes", $0.id, $0.node) }
            case .theme, .release, .program, .goal: break
            }
            for reference in references {
                guard let other = snapshot[reference.id], other.kind != nil else { continue }
                let narrower = team.visibility(of: other)
                guard visibility < narrower else { continue }
                findings.add(self, item: item, at: reference.node.location, related: [reference.id],
                             "\(named(item)) is visible to \(visibility.rawValue), but its \(reference.field) \(reference.id) only to \(narrower.rawValue): \(visibility.rawValue) would see it without what it belongs to; narrow its visibility or widen \(reference.id)'s")
            }
        }
    }
}
