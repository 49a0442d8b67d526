import ArgumentParser
import RoadmapKit

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "What changed in the roadmap over a period.",
        discussion: """
        The commits of the base branch (first parents) that landed between --since and --until \
        (whole days, any date form of SPEC §5: 2026-10, 2026-Q4 …): items added and removed, \
        dates moved (±days, by whom, and the commit subject as the reason), status changes, \
        findings introduced and resolved. Formats: text, markdown, html (fit for an e-mail), \
        json (schemaVersion 1: the commits with their item changes and findings, and a summary).
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The first day of the period.", valueName: "DATE")) var since: String
    @Option(help: ArgumentHelp("The last day of the period (default: now).", valueName: "DATE")) var until: String?
    @Option(help: "text, markdown, html or json.") var format: DigestFormat = .text

    func run() throws {
        guard let from = RoadmapDate(since) else {
            throw RoadmapError("invalid --since '\(since)': expected a date such as 2026-06-15, 2026-06 or 2026-Q2")
        }
        let to = try until.map { text -> RoadmapDate in
            guard let date = RoadmapDate(text) else {
                throw RoadmapError("invalid --until '\(text)': expected a date such as 2026-06-30, 2026-06 or 2026-Q2")
            }
            return date
        }
        if let to, to.lastDay < from.firstDay {
            throw RoadmapError("--until \(to.text) is before --since \(from.text)")
        }
        let digest = try global.workspace().digest(since: from, until: to, today: try global.todayDate())
        Output.write(DigestRenderer.render(digest, format: format))
    }
}

extension DigestFormat: ExpressibleByArgument {}
