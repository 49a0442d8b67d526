/// `missing-field` (error): fires when a required field is absent or null: `kind` and `title`
/// on every item; a release's `date` unless the release is `proposed` (or cancelled); a
/// campaign's `promotes` and `launch`. Points at the top of the item (its `kind:` key). An asset
/// of a campaign (SPEC §13) needs an `id` and a `title`; that finding points at the asset's line.
public struct MissingFieldRule: Rule {
    public let id = "missing-field"
    public let defaultSeverity = Severity.error
    public let summary = "A required field is missing."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for item in context.snapshot.items {
            // A top level that is not a mapping is an invalid-value; an empty file counts as `{}`.
            if item.node.pairs == nil, item.node.scalar != .null { continue }
            var required = ["kind", "title"]
            switch item.kind {
            case .release? where !item.isStatus("proposed", "cancelled"): required.append("date")
            case .campaign?: required += ["promotes", "launch"]
            default: break
            }
            for key in required where item.value(key) == nil {
                findings.add(self, item: item, at: item.location(of: key), message(for: key, in: item))
            }
            guard item.kind == .campaign else { continue }
            for asset in item.assets {
                for key in ["id", "title"] where asset.node[key] == nil || asset.node[key]?.scalar == .null {
                    findings.add(self, item: item, at: asset.location,
                                 "asset \(asset.name(in: item)) has no '\(key)': give each asset an id (unique in the campaign) and a title")
                }
            }
        }
    }

    private func message(for key: String, in item: Item) -> String {
        switch key {
        case "kind": return "missing 'kind': add one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"
        case "title": return "missing 'title': give the \(item.kind?.rawValue ?? "item") a title"
        case "date": return "release \(item.id) has no 'date': add its ship date (YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY), or set status: proposed"
        case "promotes": return "campaign \(item.id) has no 'promotes': list the releases, epics or stories it promotes"
        case "launch": return "campaign \(item.id) has no 'launch': add its launch date"
        default: return "missing '\(key)'"
        }
    }
}
