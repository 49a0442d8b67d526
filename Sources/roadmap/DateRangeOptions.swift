import ArgumentParser
import RoadmapKit

/// `--from DATE --to DATE` of the views (`timeline`, `calendar`): each a date of any precision,
/// `--to` not before `--from`.
struct DateRangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Start at this date (YYYY-MM-DD, YYYY-MM, YYYY-Qn …).", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("End at this date.", valueName: "DATE")) var to: String?

    func range() throws -> (from: RoadmapDate?, to: RoadmapDate?) {
        func date(_ text: String?, _ option: String) throws -> RoadmapDate? {
            guard let text else { return nil }
            guard let date = RoadmapDate(text) else {
                throw RoadmapError("invalid --\(option) '\(text)': expected a date such as 2026-06-15, 2026-06, 2026-Q2, 2026-H1 or 2026")
            }
            return date
        }
        let (start, end) = (try date(from, "from"), try date(to, "to"))
        if let start, let end, end.lastDay < start.firstDay {
            throw RoadmapError("--to \(end.text) is before --from \(start.text)")
        }
        return (start, end)
    }
}
