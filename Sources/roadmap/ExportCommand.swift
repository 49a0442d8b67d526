import ArgumentParser
import Foundation
import RoadmapKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the whole roadmap, stamped with the commit it came from.",
        discussion: """
        Exports what HEAD holds (commit it first to export a change), with the findings of the \
        rules as of --today.

        json: {"schemaVersion": 1, "commit": "SHA" | null, "date": "ISO 8601" | null, \
        "items": [the item objects of 'list --format json': {"id", "kind", "title", "status", \
        "path", …the item's other fields}], "findings": [the finding objects of 'review \
        --format json': {"rule", "severity", "change", "item", "path", "line", "column", \
        "related", "message"}]}. commit and date are null on a branch with no commit.

        csv: RFC 4180 (CRLF), a header row, then one row an item with its findings, each row \
        stamped with commit and commit_date; values starting with =, +, - or @ are prefixed \
        with ' so that a spreadsheet keeps them as text.

        ics: iCalendar (RFC 5545), an all-day event per release date and campaign launch, with \
        a stable UID per item (<kind>-<id>@roadmap); X-ROADMAP-COMMIT names the commit.

        html: one self-contained page (no scripts, no network) with the timeline and a table of \
        findings, from templates/export.html.mustache — the repository's own copy of that file \
        when it has one, so a team can restyle it. With --forecast, each release and campaign \
        not yet done has a P50–P95 whisker ('roadmap forecast', seed 1).
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @Option(help: "json, csv, ics or html.") var format: ExportFormat
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE")) var output: String?
    @Flag(help: "html: draw the P50–P95 forecast of each release and campaign not yet done (reads the whole history).") var forecast = false

    func validate() throws {
        if forecast && format != .html { throw ValidationError("--forecast draws on the HTML timeline: use it with --format html") }
        // The forecast reads exact dates and every move: it is for the team only.
        if forecast && audienceOption.audience != .team { throw ValidationError("--forecast is for the team audience only") }
    }

    func run() throws {
        let workspace = try global.workspace()
        let view = workspace.audienceView(audienceOption.audience).filter(try workspace.view(at: .current, committed: true, today: try global.todayDate()))
        let template = format == .html ? try workspace.exportTemplate("export.html.mustache") : nil
        var text: String
        if forecast {
            let forecasts = try workspace.forecast(ids: [], at: nil, today: try global.todayDate(), samples: 1_000, seed: 1).items
            text = try HTMLExporter.render(view, template: template, forecasts: forecasts)
        } else {
            text = try format.render(view, template: template)
        }
        guard let output else {
            // JSON escapes control characters and the other formats drop them from item text;
            // this last pass keeps a terminal safe from anything a custom template lets through.
            if Output.stdoutIsTerminal, format == .html {
                text = text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitizeForTerminal(String($0)) }.joined(separator: "\n")
            }
            Output.write(text)
            return
        }
        let path = output.hasPrefix("/") ? output : global.workingFolder + "/" + output
        let temporary = path + ".roadmap-tmp"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            // rename(2) replaces the file in one step: a reader never sees half an export.
            guard rename(temporary, path) == 0 else {
                throw RoadmapError("cannot write \(output): \(String(cString: strerror(errno)))")
            }
        } catch let error as RoadmapError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw RoadmapError("cannot write \(output): \(error.localizedDescription)")
        }
        Output.note("roadmap: wrote \(format.rawValue) export of \(view.stampText) to \(output)")
    }
}
