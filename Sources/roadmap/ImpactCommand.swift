import ArgumentParser
import Foundation
import RoadmapKit

extension ImpactFormat: ExpressibleByArgument {}

struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "What if an item moved: everything that would have to move with it, and whose it is.",
        discussion: """
        Reads the roadmap as HEAD holds it. Moves ID by --by (+30d, -2w, 10) or --to DATE (its end: \
        a release's date, a campaign's launch), then lists, transitively, every item that would \
        have to move: its dependents through depends-on (each keeps the slack it had), the \
        campaigns promoting a moved release (by as many days), and their dependents; old → new \
        dates, the move, why, and the owner. Then the critical path to each moved release (the \
        chain of moves that decides its date), and the children that would end after their \
        release. Nothing is written unless --propose NAME: then the moves are committed on a new \
        proposal branch started from HEAD, and only if its review adds no new error (exit 1 \
        otherwise). The current branch, the index and the working tree are never touched. \
        json: {"schemaVersion": 1, "item", "days", "commit", "moves", "criticalPaths", \
        "childrenAfterRelease", "newErrors", "proposal"}.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The epic, story, release or campaign to move.") var id: String
    @Option(help: ArgumentHelp("Move every date of the item by this many days (+30d, -5d, +2w, 10).", valueName: "±Nd")) var by: String?
    @Option(help: ArgumentHelp("Move the item's end (release date, campaign launch) to this date.", valueName: "DATE")) var to: String?
    @Option(help: ArgumentHelp("Write the moves on a new proposal branch.", valueName: "NAME")) var propose: String?
    @Option(help: "text or json.") var format: ImpactFormat = .text

    func validate() throws {
        if (by == nil) == (to == nil) { throw ValidationError("give exactly one of --by ±Nd and --to DATE") }
        if let by, Self.days(by) == nil { throw ValidationError("invalid --by '\(by)': expected days such as +30d, -5d or +2w") }
        if let to, RoadmapDate(to) == nil { throw ValidationError("invalid --to '\(to)': expected a date such as 2026-06-15 or 2026-Q3") }
    }

    /// "+30d", "-5d", "+2w", "10" as days.
    static func days(_ text: String) -> Int? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var factor = 1
        if body.hasSuffix("d") { body = body.dropLast() } else if body.hasSuffix("w") { body = body.dropLast(); factor = 7 }
        guard let n = Int(body), abs(n) <= 100_000 else { return nil }
        return n * factor
    }

    func run() throws {
        let change: ImpactChange
        if let by, let n = Self.days(by) {
            change = .by(days: n)
        } else if let to, let date = RoadmapDate(to) {
            change = .to(date)
        } else {
            throw ValidationError("give exactly one of --by ±Nd and --to DATE")
        }
        let workspace = try global.workspace()
        let report = try workspace.impact(id: id, change: change, propose: propose, today: try global.todayDate())
        Output.write(ImpactRenderer.render(report, format: format))
    }
}
