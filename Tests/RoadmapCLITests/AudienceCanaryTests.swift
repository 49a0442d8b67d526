import Foundation
import Testing

/// The guarantee of SPEC §12, tested: roadmaps generated from seeds carry a unique marker in
/// every item and field; each output of every command, for each audience below `team`, must
/// hold no marker of what that audience may not see (items, fields, commit messages, authors).
@Suite struct AudienceCanaryTests {
    /// SplitMix64: the same roadmap for the same seed on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
    }

    static let audiences = ["public", "stakeholders", "key", "team"]

    struct Planted {
        var id: String
        var kind: String
        /// The widest audience that may see the item (index into `audiences`).
        var visibility: Int
        var hasPublicTitle: Bool
        /// Marker → the narrowest audience index from which it is hidden … i.e. the markers
        /// and the widest audience that may see each.
        var markers: [(marker: String, widest: Int)]
    }

    /// The widest audience (index) that may see a field of an item of `visibility`.
    static func widest(field: String, visibility: Int, publicWording: Bool) -> Int {
        switch field {
        case "owner", "audience", "assets", "messaging": return max(visibility, 1)
        case "x", "budget", "author": return max(visibility, field == "author" ? 1 : 2)
        case "title", "description": return publicWording ? max(visibility, 1) : visibility
        case "commit": return 3
        default: return visibility
        }
    }

    @Test(arguments: [11, 29, 47])
    func noOutputBetraysWhatAnAudienceMayNotSee(seed: Int) throws {
        let s = try Scratch()
        try s.git("init", "-q", "-b", "main", "canary")
        try s.git("config", "user.name", "Canary Team", in: "canary")
        try s.git("config", "user.email", "team@canary.example", in: "canary")
        var random = Random(state: UInt64(seed))
        var planted: [Planted] = []
        let tag = "q\(seed)z"
        func marker(_ index: Int, _ field: String) -> String { "\(tag)\(index)\(field)mk" }
        let kinds = ["goal", "theme", "release", "epic", "story", "campaign", "release", "epic", "campaign", "release", "story", "theme", "campaign"]
        var releases: [String] = [], epics: [String] = [], themes: [String] = [], goals: [String] = []
        var dependencies: [(item: String, on: String)] = []
        for (index, kind) in kinds.enumerated() {
            let visibility = random.pick([0, 1, 2, 3, 0, 1])
            let id = "\(kind)-\(marker(index, "i"))"
            let publicWording = random.pick([true, false])
            var lines = ["kind: \(kind)", "title: \"Title \(marker(index, "t"))\"", "visibility: \(Self.audiences[visibility])",
                         "owner: \"@\(marker(index, "o"))\"", "x-secret: \"\(marker(index, "x"))\"", "budget: \(marker(index, "b"))"]
            if publicWording { lines += ["public-title: \"Public \(index) wording\""] }
            switch kind {
            case "theme": themes.append(id)
            case "release":
                lines.append("date: 2027-0\(1 + index % 9)-1\(index % 10)")
                releases.append(id)
            case "epic":
                if let t = themes.last { lines.append("theme: \(t)") }
                if let r = releases.last { lines.append("release: \(r)") }
                lines += ["start: 2027-01-0\(1 + index % 9)", "end: 2027-02-1\(index % 10)"]
                epics.append(id)
            case "story":
                if let e = epics.last { lines.append("epic: \(e)") }
            default:
                lines += ["promotes: [\(releases.suffix(2).joined(separator: ", "))]", "launch: 2027-1\(index % 3)-2\(index % 8)",
                          "audience: \"\(marker(index, "a"))\""]
            }
            // SPEC §14: each epic, release and campaign waits for the dated item before it, so
            // the timelines draw arrows, and one to an item an audience may not see must not show.
            if ["epic", "release", "campaign"].contains(kind), let dependency = planted.last(where: { ["epic", "release", "campaign"].contains($0.kind) }) {
                lines.append("depends-on: [\(dependency.id)]")
                dependencies.append((id, dependency.id))
            }
            // Hostile text: the marker inside a URL, and quoted.
            lines.append("description: \"See https://example.com/\(marker(index, "d"))/x?y=\(marker(index, "u")) and 'q'\"")
            if kind == "goal" {
                lines += ["metric: \"\(marker(index, "k"))\"", "target: 500", "due: 2027-06-30"]
                goals.append(id)
            }
            if kind == "campaign" {
                // SPEC §13: the content pieces and the message are hidden from the public.
                lines += ["messaging: \"\(marker(index, "g"))\"", "goals: [\(goals.joined(separator: ", "))]", "assets:",
                          "  - {id: post, title: \"Post \(marker(index, "s"))\", type: blog, channel: \"ch-\(marker(index, "h"))\",",
                          "     publish: launch-3d, owner: \"@\(marker(index, "w"))\", announces: [\(releases.suffix(1).joined())]}"]
            }
            let path = "roadmap/\(kind == "story" ? "stories" : kind + "s")/\(id).yaml"
            try s.write("canary/" + path, lines.joined(separator: "\n") + "\n")
            try s.git("add", path, in: "canary")
            try s.git("commit", "-q", "-m", "Add \(marker(index, "c"))", in: "canary",
                      environment: ["GIT_AUTHOR_NAME": "Author \(marker(index, "n"))", "GIT_AUTHOR_EMAIL": "\(marker(index, "e"))@example.com"])
            var markers: [(String, Int)] = [(id, visibility)]
            for field in ["t", "d", "u"] { markers.append((marker(index, field), Self.widest(field: field == "t" ? "title" : "description", visibility: visibility, publicWording: publicWording && field == "t"))) }
            markers += [(marker(index, "o"), Self.widest(field: "owner", visibility: visibility, publicWording: false)),
                        (marker(index, "x"), Self.widest(field: "x", visibility: visibility, publicWording: false)),
                        (marker(index, "b"), Self.widest(field: "budget", visibility: visibility, publicWording: false)),
                        (marker(index, "a"), Self.widest(field: "audience", visibility: visibility, publicWording: false)),
                        (marker(index, "k"), visibility),
                        (marker(index, "g"), Self.widest(field: "messaging", visibility: visibility, publicWording: false)),
                        (marker(index, "s"), Self.widest(field: "assets", visibility: visibility, publicWording: false)),
                        (marker(index, "h"), Self.widest(field: "assets", visibility: visibility, publicWording: false)),
                        (marker(index, "w"), Self.widest(field: "assets", visibility: visibility, publicWording: false)),
                        (marker(index, "c"), 3), (marker(index, "n"), 3), (marker(index, "e"), 3)]
            planted.append(Planted(id: id, kind: kind, visibility: visibility, hasPublicTitle: publicWording, markers: markers))
        }
        // Date moves, one commit each, by an author named with a marker (slips name movers).
        for (index, item) in planted.enumerated() where item.kind == "release" {
            let path = "roadmap/releases/\(item.id).yaml"
            var text = try s.read("canary/" + path)
            text = text.replacingOccurrences(of: "date: 2027-0", with: "date: 2028-0")
            try s.write("canary/" + path, text)
            try s.git("commit", "-q", "-am", "Move \(marker(index, "m"))", in: "canary",
                      environment: ["GIT_AUTHOR_NAME": "Mover \(marker(index, "v"))"])
            planted[index].markers += [(marker(index, "m"), 3), (marker(index, "v"), Self.widest(field: "author", visibility: item.visibility, publicWording: false))]
        }

        for (audienceIndex, audience) in Self.audiences.enumerated().dropLast() {
            var outputs: [(String, String)] = []
            func run(_ arguments: [String], asking: String? = nil) throws {
                let r = try s.roadmap(arguments + ["--audience", audience], in: "canary", environment: ["ROADMAP_TODAY": "2026-12-01"])
                #expect(r.status == 0 || asking != nil, "\(arguments) \(audience): \(r.stderr)")
                // The id asked for is the caller's own words: only the rest of the answer counts.
                let answer = asking.map { (r.stdout + r.stderr).replacingOccurrences(of: $0, with: "ASKED") } ?? r.stdout + r.stderr
                outputs.append(("\(arguments.joined(separator: " "))", answer))
            }
            for format in ["table", "json", "csv"] { try run(["list", "--format", format]) }
            try run(["board"])
            for format in ["text", "mermaid", "html"] { try run(["timeline", "--format", format]) }
            for format in ["table", "json"] { try run(["slips", "--format", format]) }
            for format in ["json", "csv", "ics", "html"] { try run(["export", "--format", format]) }
            for format in ["text", "json", "ics", "html"] { try run(["calendar", "--format", format]) }
            for item in planted {
                for format in ["yaml", "json"] { try run(["show", item.id, "--format", format], asking: item.id) }
                if item.visibility > audienceIndex {
                    let hidden = try s.roadmap("show", item.id, "--audience", audience, in: "canary")
                    let missing = try s.roadmap("show", "no-such-item", "--audience", audience, in: "canary")
                    #expect(hidden.status == missing.status && hidden.stdout.isEmpty
                            && hidden.stderr.replacingOccurrences(of: item.id, with: "X") == missing.stderr.replacingOccurrences(of: "no-such-item", with: "X"))
                }
            }
            let site = "site-\(audience)"
            let published = try s.roadmap("publish", "--audience", audience, "-o", site, in: "canary")
            #expect(published.status == 0, "\(published.stderr)")
            for file in try FileManager.default.subpathsOfDirectory(atPath: s.dir("canary/" + site)) {
                var isDirectory: ObjCBool = false
                let full = s.dir("canary/" + site + "/" + file)
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                outputs.append(("publish \(file) (file name included)", file + "\n" + (try String(contentsOfFile: full, encoding: .utf8))))
            }
            // Every page and API route of `roadmap serve` for this audience, hidden items asked for
            // by id too (each answer must then read like the answer for an id nobody has).
            var paths = ["/", "/timeline", "/timeline?scale=quarter", "/board", "/review", "/proposals", "/slips", "/new", "/calendar", "/budget",
                         "/export.html", "/api/items", "/api/review", "/api/proposals", "/api/slips", "/api/tip",
                         "/static/app.js", "/static/roadmap.css", "/items/no-such-item", "/api/history/no-such-item"]
            for item in planted { paths += ["/items/\(item.id)", "/api/history/\(item.id)"] }
            for (path, answer) in try Self.served(s, audience: audience, paths: paths) {
                let asked = planted.first { path.hasSuffix("/" + $0.id) }
                outputs.append(("serve \(path)", asked.map { answer.replacingOccurrences(of: $0.id, with: "ASKED") } ?? answer))
                if let asked, asked.visibility > audienceIndex {
                    let missing = try Self.served(s, audience: audience, paths: [path.replacingOccurrences(of: asked.id, with: "no-such-item")])
                    let body = { (text: String) in String(text.prefix { $0 != "\u{2}" }) }
                    #expect(body(answer).replacingOccurrences(of: asked.id, with: "X") == missing.first.map { body($0.1) }?.replacingOccurrences(of: "no-such-item", with: "X"),
                            "serve \(path) for \(audience) answers unlike a missing item")
                }
            }
            // ICS folds long lines: unfold, so that a marker split across lines is still seen.
            outputs = outputs.map { ($0.0, $0.1.replacingOccurrences(of: "\r\n ", with: "")) }
            // No marker of what this audience may not see, anywhere.
            var visibleSomewhere = 0
            for item in planted {
                for (marker, widest) in item.markers {
                    let forbidden = widest > audienceIndex
                    for (name, text) in outputs where forbidden && text.contains(marker) {
                        Issue.record("seed \(seed), \(audience), \(name): shows \(marker) (visible from \(Self.audiences[widest]) on)")
                    }
                    if !forbidden, outputs.contains(where: { $0.1.contains(marker) }) { visibleSomewhere += 1 }
                }
            }
            // And what it may see is there: the test would pass vacuously on empty output.
            let visibleItems = planted.filter { $0.visibility <= audienceIndex }
            #expect(visibleItems.allSatisfy { item in outputs.contains { $0.0 == "list --format json" && $0.1.contains("\"\(item.id)\"") } })
            #expect(visibleItems.isEmpty || visibleSomewhere > 0)
            // Nor are the served timeline's arrows: one for each dependency this audience sees both ends of.
            let timeline = outputs.first { $0.0 == "serve /timeline" }?.1 ?? ""
            let visibleIDs = Set(visibleItems.map(\.id))
            for (item, on) in dependencies where visibleIDs.contains(item) && visibleIDs.contains(on) {
                #expect(timeline.contains("data-after=\"\(on)\""), "seed \(seed), \(audience): no arrow from \(on) to \(item)")
            }
            // The content calendar is not vacuous either: an audience that may see a campaign's
            // assets finds each asset's title in it.
            let calendar = outputs.first { $0.0 == "calendar --format json" }?.1 ?? ""
            for item in visibleItems where item.kind == "campaign" && audienceIndex >= 1 {
                let title = item.markers.first { $0.marker.hasSuffix("smk") }?.marker ?? "?"
                #expect(calendar.contains(title), "seed \(seed), \(audience): the calendar lacks \(item.id)'s asset")
            }
        }
    }

    /// Serves the canary repository to `audience` and reads each path with a real HTTP client
    /// (Python's urllib), redirects followed: each answer is its status and body, then `\u{2}`
    /// and its headers (which carry the date and length, so comparisons stop before them).
    static func served(_ s: Scratch, audience: String, paths: [String]) throws -> [(String, String)] {
        let server = try s.startRoadmap(["serve", "--port", "0", "--audience", audience], in: "canary",
                                        environment: ["ROADMAP_TODAY": "2026-12-01"])
        defer { kill(server.pid, SIGTERM); _ = server.finish() }
        var base = ""
        for _ in 0..<600 where base.isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
            let text = (try? String(contentsOf: server.outURL, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) { base = String(text[range]) }
        }
        guard !base.isEmpty else { throw ScratchError(message: "roadmap serve printed no URL") }
        let client = """
        import sys, urllib.request, urllib.error
        base = sys.argv[1]
        for path in sys.argv[2:]:
            try:
                r = urllib.request.urlopen(base + path, timeout=20)
                status, headers, body = r.status, r.headers, r.read()
            except urllib.error.HTTPError as e:
                status, headers, body = e.code, e.headers, e.read()
            sys.stdout.write("\\x00" + path + "\\x01" + str(status) + "\\n" + body.decode("utf-8", "replace") + "\\x02" + str(headers))
        """
        let result = try CLI.run("python3", ["-c", client, base] + paths, in: s.path, home: s.path)
        guard result.status == 0 else { throw ScratchError(message: "the HTTP client failed: \(result.stderr)") }
        return result.stdout.split(separator: "\u{0}").compactMap { record -> (String, String)? in
            let parts = record.split(separator: "\u{1}", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }
}
