/// `wrong-reference-kind` (error): fires on a reference that names an existing item of a kind
/// the field does not accept: `theme` → theme, `epic` → epic, `release` → release, `promotes` →
/// release, epic or story, `depends-on` → epic, story, release or campaign. `related` holds the named item. Points at the reference.
public struct WrongReferenceKindRule: Rule {
    public let id = "wrong-reference-kind"
    public let defaultSeverity = Severity.error
    public let summary = "A reference names an item of the wrong kind."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for item in context.snapshot.items {
            for ref in Reference.of(item) {
                guard let target = context.snapshot[ref.target], let kind = target.kind, !ref.allowed.contains(kind) else { continue }
                findings.add(self, item: item, at: ref.node.location, related: [ref.target],
                             "'\(ref.field)' names \(ref.target), which is a \(kind.rawValue); it must name \(ref.allowedText)")
            }
        }
    }
}
