import ArgumentParser
import Foundation
import RoadmapKit

enum ProposalsFormat: String, ExpressibleByArgument { case table, json }
enum DiffFormat: String, ExpressibleByArgument { case text, json }

struct ProposalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposals",
        abstract: "List open proposals and what each would change.",
        discussion: """
        For each open proposal (local branches <proposal-prefix>*, and with --remote R the
        remote-tracking branches refs/remotes/R/<proposal-prefix>* as last fetched): title,
        author, last update, commits ahead/behind the base, items added/changed/removed, the
        findings it introduces and resolves (reviewed against its merge base), and whether it
        merges cleanly into today's base. Then the pairs of proposals that set the same field
        of the same item to different values, or create the same id.

        JSON (schemaVersion 1): {"schemaVersion": 1, "base": "main", "baseCommit": "SHA",
          "proposals": [{"name", "remote": "R or null", "ref", "commit", "title", "reasoning",
            "author": {"name", "email"} or null, "updated": "ISO 8601", "ahead", "behind",
            "items": {"added", "changed", "removed"}, "findings": {"introduced", "resolved"},
            "mergesCleanly": bool, "conflicts": ["…"]}],
          "overlaps": [{"proposals": [a, b], "item", "field" (null: both create it), "values": [x, y]}]}
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Also list this remote's proposals (as last fetched).", valueName: "R")) var remote: String?
    @Option(help: "table or json.") var format: ProposalsFormat = .table

    func run() throws {
        let report = try global.workspace().proposalsReport(remote: remote, today: try global.todayDate())
        switch format {
        case .json:
            Output.write(report.json().encoded() + "\n")
        case .table:
            if report.proposals.isEmpty {
                Output.write("no open proposals\n")
                return
            }
            let day = DateFormatter()
            day.dateFormat = "yyyy-MM-dd"
            day.timeZone = TimeZone(identifier: "UTC")
            var rows: [[String]] = [["NAME", "TITLE", "AUTHOR", "UPDATED", "AHEAD/BEHIND", "ITEMS +/~/-", "FINDINGS new/resolved", "MERGES"]]
            for p in report.proposals {
                rows.append([
                    (p.proposal.remote.map { "\($0)/" } ?? "") + p.proposal.name,
                    p.title,
                    p.author?.name ?? "",
                    day.string(from: p.updated),
                    "\(p.ahead)/\(p.behind)",
                    "\(p.diff.added)/\(p.diff.changed)/\(p.diff.removed)",
                    "\(p.diff.introduced.count)/\(p.diff.resolved.count)",
                    p.mergesCleanly ? "clean" : "conflict",
                ])
            }
            var text = Self.table(rows.map { $0.map(sanitizeForTerminal) })
            for p in report.proposals where !p.mergesCleanly {
                text += "\(p.proposal.name): conflicts with \(report.base): " + p.conflicts.map(\.description).joined(separator: "; ") + "\n"
            }
            for o in report.overlaps { text += "overlap: " + o.description + "\n" }
            Output.write(text)
        }
    }

    static func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = first.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
