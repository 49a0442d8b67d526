import Foundation
import Testing

/// The views' tests drive the binary through the shared `CLI` runner, in a `Scratch` folder
/// that is removed afterwards.
enum ViewsCLI {
    typealias Result = ProcessResult

    static let binary = CLI.binary

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in folder: String, env extra: [String: String] = [:]) throws -> ProcessResult {
        let environment = extra
        return try CLI.run(executable, arguments, in: folder, home: extra["HOME"] ?? folder, environment: environment)
    }

    @discardableResult
    static func roadmap(_ arguments: [String], in folder: String, env: [String: String] = [:]) throws -> ProcessResult {
        try run(binary, arguments, in: folder, env: env)
    }

    /// A scratch folder holding the example roadmap repository; keep it alive while using `path`.
    static func example() throws -> (scratch: Scratch, path: String) {
        let scratch = try Scratch()
        return (scratch, scratch.dir(try scratch.example()))
    }

    static func python(_ script: String, _ arguments: [String] = [], in folder: String) throws -> ProcessResult {
        try run("python3", ["-c", script] + arguments, in: folder)
    }

    static var hasChromium: Bool {
        (try? run("sh", ["-c", "command -v chromium"], in: "/"))?.status == 0
    }
}

@Suite(.serialized) struct ViewsCLITests {
    let today = "--today=2026-11-22"

    /// Moves billing-v2 after its launch campaign and commits it, so that the example has a
    /// launch-before-release error.
    func slipped() throws -> (scratch: Scratch, path: String) {
        let example = try ViewsCLI.example()
        let repo = example.path
        try ViewsCLI.roadmap(["set", "billing-v2", "date=2027-05-20"], in: repo)
        try ViewsCLI.run("git", ["commit", "-qam", "Billing v2 slips", "--no-verify"], in: repo)
        return (example.scratch, repo)
    }

    @Test func exportsAreStampedWithTheCommitTheyCameFrom() throws {
        let slip = try slipped()
        let repo = slip.path
        let head = try ViewsCLI.run("git", ["rev-parse", "HEAD"], in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let date = try ViewsCLI.run("git", ["show", "-s", "--format=%cI", "HEAD"], in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let json = try ViewsCLI.roadmap(["export", "--format", "json", today], in: repo)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["commit"] as? String == head)
        let stamp = try #require(object["date"] as? String)
        let parsed = try #require(ISO8601DateFormatter().date(from: stamp))
        #expect(parsed == ISO8601DateFormatter().date(from: date))
        #expect((object["items"] as? [Any])?.count == 21)
        #expect((object["findings"] as? [[String: Any]])?.contains { $0["rule"] as? String == "launch-before-release" } == true)

        let csv = try ViewsCLI.roadmap(["export", "--format", "csv", "-o", "out.csv"], in: repo)
        #expect(csv.status == 0 && csv.stdout.isEmpty, "\(csv.stderr)")
        let rows = try String(contentsOfFile: repo + "/out.csv", encoding: .utf8).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.count == 21 && rows.allSatisfy { $0.contains(head) })

        let ics = try ViewsCLI.roadmap(["export", "--format", "ics", "-o", "out.ics", today], in: repo)
        #expect(ics.status == 0)
        let check = try ViewsCLI.python("""
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            print(cal['X-ROADMAP-COMMIT'])
            for e in sorted(cal.walk('VEVENT'), key=lambda e: str(e['UID'])):
                print(e['UID'], e['DTSTART'].dt.isoformat())
            """, [repo + "/out.ics"], in: repo)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == """
            \(head)
            asset-12.saml-webinar-invite@roadmap 2026-10-20
            asset-17.billing-v2-launch-announcement-post@roadmap 2027-04-22
            asset-17.billing-v2-launch-launch-email@roadmap 2027-05-27
            asset-17.billing-v2-launch-pricing-webinar@roadmap 2027-04-29
            campaign-billing-v2-launch@roadmap 2027-04-22
            campaign-billing-v2-teaser@roadmap 2027-03-01
            campaign-dashboards-webinar@roadmap 2027-07-01
            campaign-saml-webinar@roadmap 2026-10-27
            release-billing-v2@roadmap 2027-05-20
            release-insights-2-1@roadmap 2027-06-01
            release-security-1-9@roadmap 2026-10-20

            """)

        let html = try ViewsCLI.roadmap(["export", "--format", "html", "-o", "out.html", today], in: repo)
        #expect(html.status == 0)
        let page = try String(contentsOfFile: repo + "/out.html", encoding: .utf8)
        #expect(page.contains("<code>\(head)</code>"))
    }

    @Test func timelineTextFitsColumnsWithoutColorWhenPiped() throws {
        let slip = try slipped()
        let repo = slip.path
        let r = try ViewsCLI.roadmap(["timeline", today], in: repo, env: ["COLUMNS": "72"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"), "not a terminal: no color")
        for line in r.stdout.split(separator: "\n") { #expect(line.count <= 72, "\(line)") }
        #expect(r.stdout.contains("LAUNCH BEFORE RELEASE"))
        let mermaid = try ViewsCLI.roadmap(["timeline", "--format", "mermaid", "--from", "2027-01", "--to", "2027-06", today], in: repo)
        #expect(mermaid.stdout.hasPrefix("```mermaid\ngantt\n"))
        let bad = try ViewsCLI.roadmap(["timeline", "--from", "2027-13"], in: repo)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("roadmap: error: invalid --from '2027-13'"))
        let board = try ViewsCLI.roadmap(["board", "--kind", "release"], in: repo, env: ["COLUMNS": "120"])
        #expect(board.status == 0 && board.stdout.hasPrefix("PROPOSED (0)"))
        #expect(board.stdout.contains("@priya"))
    }

    /// Titles with markup, quotes, formula prefixes and ANSI escapes, through every format.
    @Test func hostileItemTextArrivesInertInEveryFormat() throws {
        let example = try ViewsCLI.example()
        let repo = example.path
        let yaml = #"""
            kind: campaign
            title: "<script>alert(\"pwned\")</script> \"quoted\" 'single' \e[2J\e[31mRED\e]0;title\a"
            owner: "=HYPERLINK(\"http://evil.example\")"
            promotes: [billing-v2]
            launch: 2027-03-20
            tags: ["+SUM(1)", "-1", "@cmd"]
            description: "one\r\ntwo; three, four \\ five \u202e"

            """#
        try yaml.write(toFile: repo + "/roadmap/campaigns/evil.yaml", atomically: true, encoding: .utf8)
        try ViewsCLI.run("git", ["add", "-A"], in: repo)
        try ViewsCLI.run("git", ["commit", "-qm", "Evil campaign", "--no-verify"], in: repo)

        for arguments in [["timeline"], ["timeline", "--format", "mermaid"], ["board"], ["list"]] {
            let r = try ViewsCLI.roadmap(arguments + [today], in: repo, env: ["COLUMNS": "200"])
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{07}"), "\(arguments) lets an escape through")
        }
        let mermaid = try ViewsCLI.roadmap(["timeline", "--format", "mermaid", today], in: repo).stdout
        #expect(!mermaid.contains("<script"))

        let json = try ViewsCLI.roadmap(["export", "--format", "json", today], in: repo).stdout
        #expect(!json.contains("\u{1B}"))
        #expect(json.contains(#""title": "<script>alert(\"pwned\")</script> \"quoted\" 'single' \u001b[2J\u001b[31mRED\u001b]0;title\u0007""#))

        let csv = try ViewsCLI.roadmap(["export", "--format", "csv", today], in: repo).stdout
        let cells = try ViewsCLI.python("""
            import csv, sys, json
            rows = list(csv.reader(open(sys.argv[1], newline='')))
            bad = [c for r in rows for c in r if c[:1] in ('=', '+', '-', '@') or any(ord(x) < 32 for x in c)]
            evil = [r for r in rows if r[0] == 'evil'][0]
            print(json.dumps({"bad": bad, "owner": evil[4], "tags": evil[14], "title": evil[2]}))
            """, [try write(csv, "out.csv", in: repo)], in: repo)
        let checked = try #require(try JSONSerialization.jsonObject(with: Data(cells.stdout.utf8)) as? [String: Any], "\(cells.stderr)")
        #expect((checked["bad"] as? [String]) == [])
        #expect(checked["owner"] as? String == #"'=HYPERLINK("http://evil.example")"#)
        #expect(checked["tags"] as? String == "'+SUM(1) -1 @cmd")
        #expect(checked["title"] as? String == #"<script>alert("pwned")</script> "quoted" 'single' [2J[31mRED]0;title"#)

        let ics = try ViewsCLI.roadmap(["export", "--format", "ics", today], in: repo).stdout
        #expect(!ics.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\r" && $0 != "\n") || $0.value == 0x7F })
        let parsed = try ViewsCLI.python("""
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            e = [e for e in cal.walk('VEVENT') if str(e['UID']) == 'campaign-evil@roadmap'][0]
            print(str(e['SUMMARY']))
            print(str(e['DESCRIPTION']).splitlines()[-2:])
            """, [try write(ics, "out.ics", in: repo)], in: repo)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(parsed.stdout.hasPrefix(#"Launch: <script>alert("pwned")</script> "quoted" 'single' [2J[31mRED]0;title"#))
        #expect(parsed.stdout.contains(#"['one', 'two; three, four \\ five ']"#))

        let html = try ViewsCLI.roadmap(["export", "--format", "html", today], in: repo).stdout
        #expect(!html.contains("<script"))
        #expect(!html.contains("\u{1B}") && !html.contains("\u{07}"))
        #expect(html.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &quot;quoted&quot; &#39;single&#39;"))
    }

    func write(_ text: String, _ name: String, in folder: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The HTML export as a person sees it: rendered by headless Chromium, not blank. The
    /// screenshot is kept as docs/images/export.png when ROADMAP_UPDATE_SCREENSHOT=1.
    @Test(.enabled(if: ViewsCLI.hasChromium || ProcessInfo.processInfo.environment["CI"] == "true",
                   "needs chromium: ROADMAP_WITH_BROWSER=1 scripts/install-deps.sh"))
    func htmlExportRendersInABrowser() throws {
        let slip = try slipped()
        let repo = slip.path
        let r = try ViewsCLI.roadmap(["export", "--format", "html", "-o", "export.html", today], in: repo)
        #expect(r.status == 0, "\(r.stderr)")
        let shot = repo + "/export.png"
        let browser = try ViewsCLI.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                               "--screenshot=\(shot)", "--window-size=1200,900", "file://\(repo)/export.html"],
                                  in: repo, env: ["HOME": repo])
        #expect(FileManager.default.fileExists(atPath: shot), "chromium wrote no screenshot: \(browser.stderr)")
        let stats = try ViewsCLI.python(pngStats, [shot], in: repo)
        #expect(stats.status == 0, "\(stats.stderr)")
        let numbers = stats.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(numbers.count == 4, "\(stats.stdout)")
        let (width, height, colors, nonWhite) = (numbers[0], numbers[1], numbers[2], numbers[3])
        #expect(width == 1200 && height == 900)
        #expect(colors >= 50, "a blank or near-blank page has few colors: \(colors)")
        #expect(nonWhite * 100 >= width * height * 5, "at least 5% of the pixels are not white: \(nonWhite)")
        if ProcessInfo.processInfo.environment["ROADMAP_UPDATE_SCREENSHOT"] == "1" {
            let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/images")
            try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
            let target = docs.appendingPathComponent("export.png")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: shot), to: target)
        }
    }

    /// Decodes an 8-bit RGB/RGBA PNG with zlib and struct only; prints
    /// "width height distinct-colors non-white-pixels".
    let pngStats = """
        import sys, zlib, struct
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'not a PNG'
        pos, idat = 8, b''
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b'IHDR':
                width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
            elif kind == b'IDAT':
                idat += body
            pos += 12 + length
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
        raw = zlib.decompress(idat)
        stride = width * bpp
        prev = bytearray(stride)
        colors, nonwhite, i = set(), 0, 0
        for y in range(height):
            f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                if f == 1: line[x] = (line[x] + a) & 255
                elif f == 2: line[x] = (line[x] + b) & 255
                elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, bpp):
                px = bytes(line[x:x + 3])
                colors.add(px)
                if px != b'\\xff\\xff\\xff': nonwhite += 1
            prev = line
        print(width, height, len(colors), nonwhite)
        """
}
