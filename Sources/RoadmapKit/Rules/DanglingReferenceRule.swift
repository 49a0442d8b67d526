/// `dangling-reference` (error): fires on a `theme`, `epic`, `release`, `promotes` or `depends-on` entry that
/// names no file under the root. `related` holds the missing id. Points at the reference.
public struct DanglingReferenceRule: Rule {
    public let id = "dangling-reference"
    public let defaultSeverity = Severity.error
    public let summary = "A reference names no item."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let snapshot = context.snapshot
        let unparsed = Set(snapshot.failures.map(\.id))
        var idsByKind: [Kind: [String]] = [:]
        for (id, item) in snapshot.byID { if let kind = item.kind { idsByKind[kind, default: []].append(id) } }
        for kind in idsByKind.keys { idsByKind[kind]!.sort() }
        // Suggestions cost a scan of the ids; offer them for the first few dangling references only.
        var suggestionsLeft = 50
        for item in snapshot.items {
            for ref in Reference.of(item) where snapshot[ref.target] == nil && !unparsed.contains(ref.target) {
                var hint = ""
                if suggestionsLeft > 0 {
                    suggestionsLeft -= 1
                    let candidates = ref.allowed.flatMap { idsByKind[$0] ?? [] }
                        .filter { abs($0.count - ref.target.count) <= 3 }
                    hint = EditDistance.nearest(to: ref.target, in: candidates).map { "did you mean '\($0)'? " } ?? ""
                }
                findings.add(self, item: item, at: ref.node.location, related: [ref.target],
                             "'\(ref.field)' names '\(ref.target)', but no item has that id: \(hint)fix the id or create \(ref.allowedText)")
            }
        }
    }
}
