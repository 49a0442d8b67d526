import ArgumentParser
import Foundation
import RoadmapKit

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The content calendar: every campaign's assets by week, with day, channel, type, campaign, owner and status.",
        discussion: """
        Reads the working tree (HEAD in a bare repository). A publish day relative to the launch \
        (launch-7d) is resolved; assets of cancelled campaigns are left out. html is a month grid \
        (templates/calendar.html.mustache), ics one all-day event per asset. See docs/marketing.md.
        """
    )

    enum Format: String, ExpressibleByArgument { case text, html, ics, json }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @OptionGroup var dates: DateRangeOptions
    @Option(help: ArgumentHelp("Only assets of this channel.", valueName: "C")) var channel: String?
    @Option(help: "text, html, ics or json.") var format: Format = .text

    func run() throws {
        let (start, end) = try dates.range()
        let workspace = try global.workspace()
        let today = try global.todayDate()
        let view = workspace.audienceView(audienceOption.audience).filter(try workspace.view(at: .current, today: today))
        let calendar = ContentCalendar(view.snapshot, from: start, to: end, channel: channel)
        switch format {
        case .text: Output.writeSanitized(ContentCalendarRenderer.text(calendar))
        case .json: Output.write(ContentCalendarRenderer.json(calendar))
        case .ics:
            Output.write(ContentCalendarRenderer.ics(calendar, stamp: Date(timeIntervalSince1970: Double(today.firstDay) * 86_400)))
        case .html:
            Output.write(try ContentCalendarRenderer.html(calendar, template: try workspace.exportTemplate("calendar.html.mustache")))
        }
    }
}
