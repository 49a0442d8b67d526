/// `export --format json`: `{"schemaVersion": 1, "commit": SHA|null, "date": ISO 8601|null,
/// "items": [the item objects of `list --format json`], "findings": [the finding objects of
/// `review --format json`]}`.
public enum JSONExporter {
    public static func document(_ view: RoadmapView) -> JSONValue {
        let review = Reviewer.compare(base: nil, head: view.findings, items: view.snapshot.count)
        var findings: JSONValue = .array([])
        if case let .object(members) = JSONReviewRenderer.document(review, base: nil, head: view.commit?.hex ?? "worktree"),
           let list = members.first(where: { $0.0 == "findings" })?.1 {
            findings = list
        }
        return .object([
            ("schemaVersion", .int(1)),
            ("commit", .string(view.commit?.hex)),
            ("date", .string(view.commitDateText)),
            ("items", .array(view.snapshot.items.map(ItemListRenderer.itemJSON))),
            ("findings", findings),
        ])
    }

    public static func render(_ view: RoadmapView) -> String {
        document(view).encoded() + "\n"
    }
}
