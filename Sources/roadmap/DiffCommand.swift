import ArgumentParser
import RoadmapKit

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Semantic diff: items added, removed, moved and changed field by field, then the findings.",
        discussion: """
        No argument: the working tree against HEAD. NAME (an open proposal): its tip against
        its merge base with the base branch. A..B: B against A. REV: that commit against its
        first parent. Dates show the shift in days, lists the entries added (+) and removed (-).

        JSON (schemaVersion 1): {"schemaVersion": 1, "from": "SHA or null", "to": "SHA | worktree",
          "items": [{"id", "change": "added | removed | modified | moved", "path",
            "oldPath" (moved only), "fields": [{"field", "old", "new" (JSON values, null when
            absent), "days" (two dates only), "added", "removed" (lists only)}]}],
          "findings": {"introduced": [finding], "resolved": [finding]},
          "summary": {"added", "removed", "changed", "introduced", "resolved"}}
        where a finding is {"rule", "severity", "item", "path", "line", "column", "related", "message"}.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("A proposal name, a revision, or A..B.", valueName: "NAME|REV|A..B")) var spec: String?
    @Option(help: "text or json.") var format: DiffFormat = .text

    func run() throws {
        let report = try global.workspace().semanticDiff(spec, today: try global.todayDate())
        switch format {
        case .json: Output.write(SemanticDiffRenderer.json(report.diff, from: report.from?.hex, to: report.to))
        case .text: Output.write(SemanticDiffRenderer.text(report.diff, from: report.from?.short ?? "(empty)", to: report.to.count == 40 ? String(report.to.prefix(7)) : report.to))
        }
    }
}
