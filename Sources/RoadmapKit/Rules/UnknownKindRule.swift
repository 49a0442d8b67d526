/// `unknown-kind` (error): fires when an item's `kind` is present (not null) but is not one of
/// theme, epic, story, release, campaign; points at the `kind` value.
public struct UnknownKindRule: Rule {
    public let id = "unknown-kind"
    public let defaultSeverity = Severity.error
    public let summary = "The item's kind is not theme, epic, story, release or campaign."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let names = Kind.allCases.map(\.rawValue)
        for item in context.snapshot.items where item.kind == nil {
            guard let node = item.value("kind") else { continue }
            let written = node.string ?? describe(node)
            let hint = node.string.flatMap { EditDistance.nearest(to: $0, in: names) }.map { "did you mean '\($0)'? " } ?? ""
            findings.add(self, item: item, at: node.location,
                         "unknown kind '\(written)': \(hint)use one of \(names.joined(separator: ", "))")
        }
    }
}

/// A short rendering of a node's data for messages.
func describe(_ node: YAMLNode) -> String {
    switch node.content {
    case let .scalar(value, _):
        switch value {
        case .null: return "null"
        case let .bool(b): return String(b)
        case let .int(i): return String(i)
        case let .float(f): return String(f)
        case let .string(s): return s
        default: return "a value"
        }
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    }
}
