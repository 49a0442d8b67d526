import Foundation
import Testing
@testable import RoadmapKit

/// A roadmap whose campaign launches before its release (2026-06-01 < 2026-06-15), plus
/// hostile item text: markup, quotes, spreadsheet formula prefixes and ANSI escapes.
enum ViewSample {
    /// As written in YAML (double-quoted, with a YAML `\e` escape) …
    static let hostileYAMLTitle = #"<script>alert(\"x\")</script> 'q' \e[31mred\e[0m =1+2"#
    /// … and as the item's title.
    static let hostileTitle = "<script>alert(\"x\")</script> 'q' \u{1B}[31mred\u{1B}[0m =1+2"

    static func fixture(launch: String = "2026-06-01", hostile: Bool = false) -> Fixture {
        var f = Sample.fixture(campaign: Sample.campaign(launch: launch))
        if hostile {
            f.add("evil", """
                kind: campaign
                title: "\(hostileYAMLTitle)"
                owner: "=HYPERLINK(\\"http://evil.example\\", \\"x\\")"
                promotes: [billing-v2]
                launch: 2026-06-20
                tags: ["+cmd", "-2", "@SUM(A1)"]
                description: "line one;, with \\\\ backslash\\nline two \\u202e bidi \\x07 bell"
                """)
        }
        return f
    }

    static func view(launch: String = "2026-06-01", hostile: Bool = false) -> RoadmapView {
        let f = fixture(launch: launch, hostile: hostile)
        return RoadmapView(snapshot: f.snapshot, config: f.config, today: RoadmapDate("2026-01-15")!)
    }
}

/// Runs python3 with a script; returns its standard output, or nil when it failed.
func runPython(_ script: String, input: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stdout
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct TimelineTests {
    @Test func lanesHoldReleasesWithTheirEpicsAndCampaignsAgainstTheirReleases() {
        let timeline = Timeline(ViewSample.view())
        #expect(timeline.product.map(\.id) == ["billing-v2", "invoices"])
        #expect(timeline.marketing.map(\.id) == ["spring-launch"])
        let campaign = timeline.marketing[0]
        #expect(campaign.promoted == [Timeline.Promoted(id: "billing-v2", date: RoadmapDate("2026-06-15"))])
        #expect(campaign.launchesBeforeRelease)
        #expect(campaign.worst == .error)
        #expect(timeline.product[0].relatedFindings.map(\.rule).contains("launch-before-release"))
        #expect(timeline.scale == .month)
        #expect(timeline.ticks.first?.label == "2026-06")
    }

    @Test func noFindingMarksAConsistentRoadmap() {
        let timeline = Timeline(ViewSample.view(launch: "2026-06-20"))
        #expect(timeline.entries.allSatisfy { $0.findings.isEmpty })
        #expect(!timeline.marketing[0].launchesBeforeRelease)
    }

    @Test func fromAndToClipTheAxisAndLongSpansUseQuarters() {
        let clipped = Timeline(ViewSample.view(), from: RoadmapDate("2026-07"), to: RoadmapDate("2026-09"))
        #expect(clipped.ticks.map(\.label) == ["2026-07", "2026-08", "2026-09"])
        #expect(clipped.product.isEmpty && clipped.marketing.isEmpty)
        let long = Timeline(ViewSample.view(), from: RoadmapDate("2025"), to: RoadmapDate("2027"))
        #expect(long.scale == .quarter)
        #expect(long.ticks.count == 12)
        #expect(long.ticks.first?.label == "2025-Q1")
    }

    @Test(arguments: [40, 60, 80, 120, 200])
    func textFitsTheWidth(width: Int) {
        let text = TimelineTextRenderer(width: width).render(Timeline(ViewSample.view(hostile: true)))
        for line in text.split(separator: "\n") {
            #expect(line.count <= width, "\(line)")
        }
        #expect(text.contains("LAUNCH BEFORE RELEASE"))
        #expect(!text.contains("\u{1B}"), "no color unless asked, and no escape from item text")
    }

    @Test func colorOnlyWhenAskedAndTheLaunchStandsOut() {
        let text = TimelineTextRenderer(width: 100, color: true).render(Timeline(ViewSample.view()))
        #expect(text.contains("\u{1B}[1;31m▲\u{1B}[0m"))
        #expect(text.contains("┆"), "the promoted release's date is drawn in the campaign's row")
    }

    @Test func widthComesFromColumns() {
        #expect(TimelineTextRenderer.width(environment: ["COLUMNS": "132"]) == 132)
        #expect(TimelineTextRenderer.width(environment: ["COLUMNS": "wide"]) == 80)
        #expect(TimelineTextRenderer.width(environment: [:]) == 80)
    }

    @Test func mermaidIsAFencedGanttChartWithInertText() {
        let text = MermaidRenderer.render(Timeline(ViewSample.view(hostile: true)))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "```mermaid" && lines.last == "```")
        #expect(lines[1] == "gantt")
        #expect(lines.contains("    section Product") && lines.contains("    section Marketing"))
        #expect(lines.contains { $0.contains("Billing v2 ships :milestone, t1, 2026-06-15, 0d") })
        #expect(lines.contains { $0.contains("LAUNCH BEFORE RELEASE") && $0.contains(":milestone, crit,") })
        // Every task line has exactly one ':' (the separator) and no markup or escapes.
        for line in lines where line.hasPrefix("    ") && line.contains(", t") {
            #expect(line.filter { $0 == ":" }.count == 1, "\(line)")
            #expect(!line.contains("<") && !line.contains(">") && !line.contains("#") && !line.contains(";"), "\(line)")
        }
        #expect(!text.contains("\u{1B}"))
    }
}

@Suite struct ExportTests {
    @Test func jsonHasSchemaVersionStampItemsAndFindings() throws {
        let text = JSONExporter.render(ViewSample.view())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["commit"] is NSNull && object["date"] is NSNull)
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 5)
        #expect(items.first.map { Array($0.keys).contains("path") } == true)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "launch-before-release" && ($0["related"] as? [String]) == ["billing-v2"] })
    }

    @Test func csvIsRFC4180WithFormulasNeutralised() throws {
        let text = CSVExporter.render(ViewSample.view(hostile: true))
        #expect(text.hasSuffix("\r\n"))
        let script = """
        import csv, sys, json
        rows = list(csv.reader(sys.stdin.read().split("\\r\\n")[:-1]))
        print(json.dumps(rows))
        """
        let (status, output) = try runPython(script, input: text)
        #expect(status == 0, "\(output)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]])
        #expect(rows.first == CSVExporter.header)
        #expect(rows.count == 7)
        #expect(rows.dropFirst().allSatisfy { $0.count == CSVExporter.header.count })
        for cell in rows.joined() {
            #expect(!["=", "+", "-", "@"].contains(cell.first), "formula prefix survived: \(cell)")
            #expect(!cell.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "control character in \(cell)")
        }
        let evil = try #require(rows.first { $0.first == "evil" })
        #expect(evil[4] == #"'=HYPERLINK("http://evil.example", "x")"#)
        #expect(evil[2].hasPrefix("<script>"), "CSV keeps the text, as text")
    }

    @Test func icalendarEscapesFoldsAndHasStableUIDs() {
        let text = ICalendarExporter.render(ViewSample.view(hostile: true))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        }
        #expect(text.contains("UID:release-billing-v2@roadmap\r\n"))
        #expect(text.contains("UID:campaign-spring-launch@roadmap\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20260615\r\nDTEND;VALUE=DATE:20260616\r\n"))
        #expect(text == ICalendarExporter.render(ViewSample.view(hostile: true)), "same input, same bytes")
        #expect(ICalendarExporter.escape("a;b,c\\d\ne\u{1B}[0m") == "a\\;b\\,c\\\\d\\ne[0m")
        let folded = ICalendarExporter.fold("SUMMARY:" + String(repeating: "é", count: 60))
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + String(repeating: "é", count: 60))
    }

    @Test func icalendarLoadsInPythonsIcalendar() throws {
        let script = """
        import sys, icalendar
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        for e in cal.walk('VEVENT'):
            print(e['UID'], e['DTSTART'].dt.isoformat(), e['DTEND'].dt.isoformat(), '|', str(e['SUMMARY']))
        """
        let (status, output) = try runPython(script, input: ICalendarExporter.render(ViewSample.view(hostile: true)))
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.contains("release-billing-v2@roadmap 2026-06-15 2026-06-16 | Release: Billing v2"))
        #expect(lines.contains("campaign-spring-launch@roadmap 2026-06-01 2026-06-02 | Launch: Spring launch"))
        #expect(lines.contains { $0.hasPrefix("campaign-evil@roadmap 2026-06-20") && $0.contains(#"<script>alert("x")</script> 'q' [31mred[0m =1+2"#) })
    }

    @Test func htmlEscapesEveryPieceOfItemText() throws {
        let html = try HTMLExporter.render(ViewSample.view(hostile: true))
        #expect(!html.contains("<script"), "no script element, from the template or from item text")
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39;"))
        #expect(!html.contains("\u{1B}") && !html.contains("\u{202E}"))
        #expect(!html.contains("http://evil") || html.contains("=HYPERLINK(&quot;http://evil.example&quot;"))
        #expect(!html.contains("src=") && !html.contains("<link"), "self-contained: nothing is fetched")
        #expect(html.contains("launch before release"))
        #expect(html.contains("<td class=\"sev-error\">error</td><td><code>launch-before-release</code></td>"))
    }

    @Test func htmlUsesTheGivenTemplate() throws {
        let html = try HTMLExporter.render(ViewSample.view(hostile: true), template: "{{#lanes}}{{#rows}}[{{title}}]{{/rows}}{{/lanes}}")
        #expect(html.contains("[&lt;script&gt;"))
        #expect(throws: RoadmapError.self) { try HTMLExporter.render(ViewSample.view(), template: "{{#open}}") }
    }
}

@Suite struct BoardTests {
    @Test func columnsFollowTheWorkflowWithOwners() {
        var f = Sample.fixture()
        f.add("old", "kind: campaign\ntitle: Old\nstatus: done\nowner: \"@kofi\"\npromotes: [billing-v2]\nlaunch: 2026-01-01\n")
        let board = Board(f.snapshot)
        #expect(board.columns.map(\.status) == ["planned", "done"])
        #expect(board.columns[1].cards == [Board.Card(id: "old", kind: .campaign, title: "Old", owner: "@kofi")])
        let campaigns = Board(f.snapshot, kind: .campaign)
        #expect(campaigns.columns.map(\.status) == Kind.campaign.statuses)
        let wide = BoardTextRenderer(width: 140).render(campaigns)
        #expect(wide.split(separator: "\n").first?.hasPrefix("PROPOSED (0)") == true)
        #expect(wide.contains("@kofi") && wide.contains("@maria"))
        for line in wide.split(separator: "\n") { #expect(line.count <= 140) }
        let narrow = BoardTextRenderer(width: 24).render(board)
        #expect(narrow.contains("DONE (1)\n  • Old\n    @kofi · old\n    (campaign)\n"), "stacked: \(narrow)")
        for line in narrow.split(separator: "\n") { #expect(line.count <= 24) }
    }

    @Test func titlesWrapWithinTheirColumnAndEveryLineFits() {
        var f = Sample.fixture()
        f.add("long", "kind: campaign\ntitle: A very long campaign title that cannot fit on one line\nstatus: done\nowner: \"@kofi\"\npromotes: [billing-v2]\nlaunch: 2026-01-01\n")
        let board = Board(f.snapshot)
        let text = BoardTextRenderer(width: 40).render(board)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("PLANNED (") == true && lines.first?.contains("DONE (1)") == true, "side by side")
        for line in lines { #expect(line.count <= 40, "\(line)") }
        #expect(!text.contains("…"), "titles are wrapped, not cut")
        // The title's words, in order, across the column's lines.
        let column = lines.map { String($0.dropFirst(21)) }.filter { !$0.isEmpty }
        #expect(column.joined(separator: " ").contains("A very long campaign title that cannot fit on one line"), "\(column)")
    }

    @Test func emptyColumnsAreNamedUnderTheBoardWhenAllDoNotFit() {
        var f = Sample.fixture()
        f.add("old", "kind: campaign\ntitle: Old\nstatus: done\nowner: \"@kofi\"\npromotes: [billing-v2]\nlaunch: 2026-01-01\n")
        let campaigns = Board(f.snapshot, kind: .campaign)
        // Six columns need 6 × 12 + 10 = 82 characters; the two with cards fit in 64.
        let text = BoardTextRenderer(width: 64).render(campaigns)
        #expect(text.hasPrefix("PLANNED ("), "\(text)")
        #expect(text.hasSuffix("\nEmpty: PROPOSED (0), IN-PROGRESS (0), LIVE (0), CANCELLED (0)\n"), "\(text)")
        #expect(BoardTextRenderer(width: 82).render(campaigns).hasPrefix("PROPOSED (0)"))
        #expect(!BoardTextRenderer(width: 82).render(campaigns).contains("Empty:"))
        // A kind-filtered board does not repeat the kind on every card.
        #expect(!text.contains("(campaign)"))
    }

    @Test func wrapBreaksBetweenWordsAndCutsWordsLongerThanTheColumn() {
        #expect(BoardTextRenderer.wrap("alpha beta gamma", 10) == ["alpha beta", "gamma"])
        #expect(BoardTextRenderer.wrap("abcdefghijkl", 5) == ["abcde", "fghij", "kl"])
        #expect(BoardTextRenderer.wrap("usage-based-pricing (epic)", 14) == ["usage-based-", "pricing (epic)"])
        #expect(BoardTextRenderer.wrap("-abcdefgh", 4) == ["-abc", "defg", "h"])
        #expect(BoardTextRenderer.wrap("a  b", 5) == ["a b"])
        #expect(BoardTextRenderer.wrap("", 5) == [""])
    }

    @Test func jsonListsEveryColumnWithItsCount() {
        let f = Sample.fixture()
        let json = Board(f.snapshot, kind: .release).json.encoded(pretty: false)
        #expect(json.hasPrefix(#"{"schemaVersion":1,"kind":"release","columns":[{"status":"proposed","count":0,"cards":[]}"#), "\(json)")
        #expect(Board(f.snapshot).json.encoded(pretty: false).contains(#""kind":null"#))
    }

    @Test func cardsAreStrippedOfControlCharacters() {
        let f = ViewSample.fixture(hostile: true)
        let text = BoardTextRenderer(width: 100).render(Board(f.snapshot))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("[31mred"))
    }
}
