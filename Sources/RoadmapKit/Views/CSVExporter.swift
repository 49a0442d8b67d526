/// `export --format csv`: RFC 4180, one row an item, every row stamped with the commit and its
/// date. Control characters are dropped from item text; values a spreadsheet would run as
/// formulas are neutralised by `CSV.field`.
public enum CSVExporter {
    public static let header = [
        "id", "kind", "title", "status", "owner", "date", "launch", "start", "end", "release",
        "promotes", "depends_on", "version", "tier", "tags", "errors", "warnings", "findings", "path", "commit", "commit_date",
    ]

    public static func rows(_ view: RoadmapView) -> [[String]] {
        let commit = view.commit?.hex ?? "", date = view.commitDateText ?? ""
        return view.snapshot.items.map { item in
            let findings = view.findings(of: item.id)
            let release = item.kind == .release ? "" : (view.snapshot.effectiveRelease(of: item) ?? "")
            return [
                item.id, item.kind?.rawValue ?? "", item.title ?? "", item.status, item.owner ?? "",
                item.date?.text ?? "", item.launch?.text ?? "", item.start?.text ?? "", item.end?.text ?? "", release,
                item.promotes.map(\.id).joined(separator: " "),
                item.dependsOn.map { $0.lag == 0 ? $0.id : "\($0.id)\($0.lag > 0 ? "+" : "")\($0.lag)d" }.joined(separator: " "),
                item.version ?? "",
                item.kind == .release ? item.tier.rawValue : "", item.tags.joined(separator: " "),
                String(findings.filter { $0.severity == .error }.count),
                String(findings.filter { $0.severity == .warning }.count),
                findings.map(\.rule).joined(separator: " "),
                item.path, commit, date,
            ].map(sanitizeForTerminal)
        }
    }

    public static func render(_ view: RoadmapView) -> String {
        CSV.document(header: header, rows: rows(view))
    }
}
