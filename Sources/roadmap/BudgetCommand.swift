import ArgumentParser
import RoadmapKit

extension BudgetReport.Grouping: ExpressibleByArgument {}

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Planned, spent and remaining money, with results against their targets, cost per result and return.",
        discussion: """
        Reads the working tree (HEAD in a bare repository): every campaign that is not cancelled \
        and has a budget or results. Amounts are exact decimals; money in different currencies \
        is never summed: a group has one row per currency. Return is revenue ÷ spent where a \
        campaign reports revenue. See docs/marketing.md.
        """
    )

    enum Format: String, ExpressibleByArgument { case table, json, csv }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @Option(help: "program, campaign, quarter (of the launch) or channel.") var by: BudgetReport.Grouping = .campaign
    @Option(help: "table, json or csv.") var format: Format = .table

    func run() throws {
        let workspace = try global.workspace()
        let view = workspace.audienceView(audienceOption.audience).filter(try workspace.view(at: .current, today: try global.todayDate()))
        let report = BudgetReport(view.snapshot, by: by)
        switch format {
        case .table: Output.writeSanitized(BudgetRenderer.table(report))
        case .json: Output.write(BudgetRenderer.json(report))
        case .csv: Output.write(BudgetRenderer.csv(report))
        }
    }
}
