/// `visibility-leak` (error): fires when text an audience sees — `title`, `public-title`,
/// `description`, `public-description`, asset titles, each as far as the field is not hidden
/// from that audience — names, as a whole word, the id of an item hidden from that audience
/// (SPEC §12). The widest such audience is named. Points at the text; `related` is the hidden item.
///
/// Reads the items its texts name: the review cache's graph records those names
/// (`GraphEntry.mentions`), so a change to a named item re-reviews the texts that name it.
public struct VisibilityLeakRule: Rule {
    public let id = "visibility-leak"
    public let defaultSeverity = Severity.error
    public let summary = "Text an audience sees names the id of an item hidden from that audience."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let snapshot = context.snapshot
        let team = AudienceView(.team, config: context.config)
        for item in snapshot.items where item.kind != nil {
            let visibility = team.visibility(of: item)
            guard visibility != .team else { continue }
            var reported = Set<String>()
            for (field, node) in IDMentions.shownTexts(of: item) {
                for mentioned in IDMentions.candidates(in: node.string ?? "") where mentioned != item.id && !reported.contains(mentioned) {
                    guard let other = snapshot[mentioned], other.kind != nil else { continue }
                    let hiddenFrom = team.visibility(of: other)
                    // The widest audience that reads this text but may not see the named item.
                    guard let audience = Audience.allCases.first(where: { a in
                        a >= visibility && a < hiddenFrom && a != .team && AudienceView(a, config: context.config).maySee(field: field)
                            && !(a == .public && shadowed(field, in: item))
                    }) else { continue }
                    reported.insert(mentioned)
                    findings.add(self, item: item, at: node.location, related: [mentioned],
                                 "'\(field)' of \(named(item)) is shown to \(audience.rawValue) and names \(mentioned), which is visible to \(hiddenFrom.rawValue) only: reword it, or widen the visibility of \(mentioned)")
                }
            }
        }
    }

    /// The public reads `public-title` instead of `title` (and likewise for the description).
    private func shadowed(_ field: String, in item: Item) -> Bool {
        (field == "title" && item.value("public-title")?.string != nil)
            || (field == "description" && item.value("public-description")?.string != nil)
    }
}
