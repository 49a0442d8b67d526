import ArgumentParser
import Foundation
import RoadmapKit

extension TimelineFormat: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "The product lane (releases, epics) and the marketing lane (campaigns) over time, mismatches marked.",
        discussion: """
        Reads the working tree (HEAD in a bare repository). The axis spans every dated item, or \
        --from … --to, by month (by quarter beyond two years). Each campaign is drawn against the \
        ship dates of the releases it promotes (┆), and the findings about an item are listed \
        under it; a launch before its release stands out. text fits COLUMNS and uses color on a \
        terminal only; mermaid is a fenced gantt chart that GitHub renders in Markdown; html is \
        the page of 'roadmap export --format html'.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @OptionGroup var dates: DateRangeOptions
    @Option(help: "text, mermaid or html.") var format: TimelineFormat = .text
    @Flag(help: "html: draw the P50–P95 forecast of each release and campaign not yet done (reads the whole history).") var forecast = false

    func validate() throws {
        if forecast && format != .html { throw ValidationError("--forecast draws on the HTML timeline: use it with --format html") }
        // The forecast reads exact dates and every move: it is for the team only.
        if forecast && audienceOption.audience != .team { throw ValidationError("--forecast is for the team audience only") }
    }

    func run() throws {
        let (start, end) = try dates.range()
        let workspace = try global.workspace()
        let view = workspace.audienceView(audienceOption.audience).filter(try workspace.view(at: .current, today: try global.todayDate()))
        switch format {
        case .text:
            Output.write(TimelineTextRenderer(width: Output.textWidth(), color: global.color).render(Timeline(view, from: start, to: end)))
        case .mermaid:
            Output.write(MermaidRenderer.render(Timeline(view, from: start, to: end)))
        case .html:
            let template = try workspace.exportTemplate("export.html.mustache")
            let forecasts = forecast
                ? try workspace.forecast(ids: [], at: nil, today: try global.todayDate(), samples: 1_000, seed: 1).items : []
            Output.write(try HTMLExporter.render(view, template: template, from: start, to: end, forecasts: forecasts))
        }
    }
}
