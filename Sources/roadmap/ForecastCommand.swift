import ArgumentParser
import RoadmapKit

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "P50 / P80 / P95 dates of the releases and campaigns not yet done, from this repository's own slips.",
        discussion: """
        Every move of every release date and campaign launch in the history is the record; the \
        dates that held give the slips a Monte Carlo draws from (by theme or owner where they have \
        10 moves, else by kind), propagated through promotes and depends-on. A campaign and a \
        release it promotes: the probability that the launch comes before the ship day. When the \
        history is too thin, a stated fallback prior is used and the output says so. \
        --backtest forecasts on the first day of every past month and prints how often the date \
        that held fell under each percentile. See docs/forecast.md. JSON: {"schemaVersion": 1, \
        "asOf", "commit", "samples", "seed", "fallback", "record": {"datedItems", "heldItems", \
        "observations", "moves": [{"item", "kind", "day", "from", "to", "days", "daysUntilHeld"}]}, \
        "items": [{"id", "kind", "owner", "planned", "p50", "p80", "p95", "source": {"group", \
        "moves", "observations"}}], "launchBeforeShip": [{"campaign", "release", "probability"}]}; \
        with --backtest: {"schemaVersion": 1, "samples", "seed", "cases", "underP50", "underP80", \
        "underP95", "months": [{"day", "cases", "underP50", "underP80", "underP95", "fallback"}]}.
        """
    )

    enum Format: String, ExpressibleByArgument { case table, json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Only these releases and campaigns (default: all not yet done).", valueName: "ID")) var ids: [String] = []
    @Option(help: ArgumentHelp("Forecast as the history knew it at the end of this day: the roadmap then, and the moves committed by then.", valueName: "DATE")) var at: String?
    @Flag(help: "Forecast on the first day of every past month and print how often the date that held fell under P50, P80 and P95.") var backtest = false
    @Option(parsing: .unconditional, help: "Monte Carlo samples per forecast (1 to 100000).") var samples = 1000
    @Option(help: "The random seed: the same seed gives the same forecast.") var seed: UInt64 = 1
    @Option(help: "table or json.") var format: Format = .table

    func validate() throws {
        guard (1...100_000).contains(samples) else { throw ValidationError("--samples must be 1 to 100000, got \(samples)") }
        if backtest && (at != nil || !ids.isEmpty) {
            throw ValidationError("--backtest forecasts every past month of the whole roadmap: it takes no --at and no ids")
        }
    }

    func run() throws {
        let workspace = try global.workspace()
        let today = try global.todayDate()
        if backtest {
            let report = try workspace.backtest(today: today, samples: samples, seed: seed)
            switch format {
            case .table: Output.writeSanitized(ForecastRenderer.table(report))
            case .json: Output.write(ForecastRenderer.json(report).encoded() + "\n")
            }
            return
        }
        let report = try workspace.forecast(ids: ids, at: at, today: today, samples: samples, seed: seed)
        switch format {
        case .table: Output.writeSanitized(ForecastRenderer.table(report))
        case .json: Output.write(ForecastRenderer.json(report).encoded() + "\n")
        }
    }
}
