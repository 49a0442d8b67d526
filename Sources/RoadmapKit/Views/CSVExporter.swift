/// `export --format csv`: RFC 4180, one row an item, every row stamped with the commit and its
/// date. Control characters are dropped from item text; values a spreadsheet would run as
/// formulas are neutralised by `CSV.field`. The §13 columns (goals, program, budget, a goal's
/// metric, target and due day, a campaign's asset ids) come before the stamp columns; amounts
/// are written from their decimal value, never through a binary float.
public enum CSVExporter {
    public static let header = [
        "id", "kind", "title", "status", "owner", "date", "launch", "start", "end", "release",
        "promotes", "depends_on", "version", "tier", "tags", "goals", "program", "budget_planned", "budget_spent", "budget_currency",
        "metric", "target", "due", "assets", "errors", "warnings", "findings", "path", "commit", "commit_date",
    ]

    public static func rows(_ view: RoadmapView) -> [[String]] {
        let commit = view.commit?.hex ?? "", date = view.commitDateText ?? ""
        return view.snapshot.items.map { item in
            let findings = view.findings(of: item.id)
            let release = item.kind == .release ? "" : (view.snapshot.effectiveRelease(of: item) ?? "")
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            var row: [String] = [
                item.id, item.kind?.rawValue ?? "", item.title ?? "", item.status, item.owner ?? "",
                item.date?.text ?? "", item.launch?.text ?? "", item.start?.text ?? "", item.end?.text ?? "", release,
                item.promotes.map(\.id).joined(separator: " "),
                item.dependsOn.map { $0.lag == 0 ? $0.id : "\($0.id)\($0.lag > 0 ? "+" : "")\($0.lag)d" }.joined(separator: " "),
                item.version ?? "",
                item.kind == .release ? item.tier.rawValue : "", item.tags.joined(separator: " "),
            ]
            row += marketingColumns(item)
            row += [String(errors), String(warnings), findings.map(\.rule).joined(separator: " "), item.path, commit, date]
            return row.map(sanitizeForTerminal)
        }
    }

    /// goals, program, budget_planned, budget_spent, budget_currency, metric, target, due, assets.
    static func marketingColumns(_ item: Item) -> [String] {
        let goals: String = item.goals.map(\.id).joined(separator: " ")
        let planned: String = item.budget?.planned.map(Money.text) ?? ""
        let spent: String = item.budget?.spent.map(Money.text) ?? ""
        let target: String = item.target.map(Money.text) ?? ""
        let assets: String = item.assets.compactMap(\.id).joined(separator: " ")
        return [goals, item.program ?? "", planned, spent, item.budget?.currency ?? "",
                item.metric ?? "", target, item.due?.text ?? "", assets]
    }

    public static func render(_ view: RoadmapView) -> String {
        CSV.document(header: header, rows: rows(view))
    }
}
