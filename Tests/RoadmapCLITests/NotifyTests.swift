import Foundation
import Testing

/// SPEC §15 `notify`: after the slip the host refused (ServerHookTests), the campaign's owner
/// is told, in every format; `--post` sends it to a real local HTTP server.
@Suite struct NotifyTests {
    static let today = "2026-01-01"

    /// The example roadmap with `owners:`, and a commit that slips billing-v2 past its launch.
    static func slipped(_ s: Scratch) throws -> String {
        let demo = try s.example()
        let config = try s.read(demo + "/roadmap.yaml")
        try s.write(demo + "/roadmap.yaml", config + """
            owners:
              "@maria": {name: María José Núñez, email: maria@lumen.example, slack: U024BE7LH}
              "@priya": {name: Priya Patel, email: priya@lumen.example}

            """)
        try GitHost.commit(s, "Who is who", in: demo)
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        try GitHost.commit(s, "Billing v2 slips to 20 May", in: demo)
        return demo
    }

    func notify(_ s: Scratch, _ demo: String, _ extra: String...) throws -> ProcessResult {
        try s.roadmap(["notify", "--base", "HEAD~1", "--today", Self.today] + extra, in: demo)
    }

    @Test func theCampaignOwnerIsToldInMarkdownAndJSON() throws {
        let s = try Scratch()
        let demo = try Self.slipped(s)
        var r = try notify(s, demo)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("### María José Núñez (@maria)"), "\(r.stdout)")
        #expect(r.stdout.contains("- release `billing-v2` moved 2027-04-15 → 2027-05-20 (+35 days); your campaigns promoting it: `billing-v2-launch` (launch 2027-04-22) now launches before the release, `billing-v2-teaser` (launch 2027-03-01)"), "\(r.stdout)")
        #expect(r.stdout.contains("- new error on `billing-v2-launch`:"), "\(r.stdout)")

        r = try notify(s, demo, "--format", "json")
        try s.write("n.json", r.stdout)
        let check = try CLI.run("python3", ["-c", """
            import json, sys
            doc = json.load(open(sys.argv[1]))
            assert doc["schemaVersion"] == 1, doc
            owners = {o["handle"]: o for o in doc["owners"]}
            maria = owners["@maria"]
            assert maria["email"] == "maria@lumen.example" and maria["slack"] == "U024BE7LH", maria
            move = maria["movedReleases"][0]
            assert (move["release"], move["old"], move["new"], move["days"]) == ("billing-v2", "2027-04-15", "2027-05-20", 35), move
            assert move["campaigns"][0]["id"] == "billing-v2-launch" and move["campaigns"][0]["launchesBeforeRelease"] is True
            assert [e["rule"] for e in maria["newErrors"]] == ["launch-before-release", "asset-before-release"], maria
            assert list(doc) == ["schemaVersion", "base", "head", "subject", "owners"]
            # The blog post's owner is told too: her asset announces the moved release (SPEC §13).
            li = owners["@li"]["movedReleases"][0]
            assert li["campaigns"] == [] and li["assets"][0]["id"] == "billing-v2-launch/announcement-post", li
            assert li["assets"][0]["publishesBeforeRelease"] is True, li
            """, s.dir("n.json")], in: s.path, home: s.path)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func slackIsValidBlockKitMentioningTheOwner() throws {
        let s = try Scratch()
        let demo = try Self.slipped(s)
        let r = try notify(s, demo, "--format", "slack")
        #expect(r.status == 0, "\(r.stderr)")
        try s.write("slack.json", r.stdout)
        let schema = CLI.packageRoot + "/Tests/Data/slack-block-kit-message.schema.json"
        let check = try CLI.run("python3", ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator(schema).validate(doc)
            sections = [b["text"]["text"] for b in doc["blocks"] if b["type"] == "section"]
            maria = [t for t in sections if t.startswith("*<@U024BE7LH>*")]
            assert maria and "billing-v2-launch" in maria[0] and "+35 days" in maria[0], sections
            """, schema, s.dir("slack.json")], in: s.path, home: s.path)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func emailIsACompleteMessageThatPythonParsesBack() throws {
        let s = try Scratch()
        let demo = try Self.slipped(s)
        let r = try notify(s, demo, "--format", "email", "--from", "Roadmap <roadmap@lumen.example>")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\r\n\r\n") && !r.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line endings only")
        try s.write("mail.eml", r.stdout)
        let check = try CLI.run("python3", ["-c", """
            import sys, email, email.policy
            msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
            assert not msg.defects, msg.defects
            for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"):
                assert msg[h], h
            to = {a.addr_spec: a.display_name for a in msg["To"].addresses}
            assert to == {"maria@lumen.example": "María José Núñez"}, to
            assert msg["From"].addresses[0].addr_spec == "roadmap@lumen.example"
            assert msg["Subject"] == "roadmap: billing-v2 moved; 2 new errors", msg["Subject"]
            assert msg["Date"].datetime is not None
            body = msg.get_content()
            assert "María José Núñez (@maria)" in body and "billing-v2-launch" in body and "+35 days" in body, body
            """, s.dir("mail.eml")], in: s.path, home: s.path)
        #expect(check.status == 0, "\(check.stderr)")
    }

    /// A real HTTP server on 127.0.0.1 (Python's, started by the test): each request is logged;
    /// `/flaky` answers 500 the first time, `/slow` answers after 5 s.
    final class Server {
        let process: StartedProcess
        let port: Int
        let log: String

        init(_ s: Scratch) throws {
            log = s.dir("requests.log")
            try s.write("server.py", """
                import http.server, json, sys, time
                log = sys.argv[1]; hits = {}
                class Handler(http.server.BaseHTTPRequestHandler):
                    def do_POST(self):
                        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                        hits[self.path] = hits.get(self.path, 0) + 1
                        with open(log, "a") as f:
                            f.write(json.dumps({"path": self.path, "type": self.headers.get("Content-Type"), "body": body.decode()}) + "\\n")
                        if self.path == "/slow":
                            time.sleep(5)
                        code = 500 if self.path == "/flaky" and hits[self.path] == 1 else 200
                        self.send_response(code); self.send_header("Content-Length", "0"); self.end_headers()
                    def log_message(self, *args):
                        pass
                server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
                server.daemon_threads = True
                print(server.server_address[1], flush=True)
                server.serve_forever()
                """)
            process = try CLI.start("python3", [s.dir("server.py"), log], in: s.path, home: s.path)
            var found: Int?
            for _ in 0..<100 where found == nil {
                let text = (try? String(contentsOf: process.outURL, encoding: .utf8)) ?? ""
                found = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
                if found == nil { usleep(50_000) }
            }
            guard let found else {
                _ = kill(process.pid, SIGKILL)
                throw ScratchError(message: "the test HTTP server did not start")
            }
            port = found
        }

        deinit {
            // SIGKILL: a child of the test runner may inherit a blocked SIGTERM.
            _ = kill(process.pid, SIGKILL)
            _ = process.finish()
        }

        func requests() -> [[String: String]] {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: String]
            }
        }
    }

    @Test func postDeliversRetriesAServerErrorAndFailsClearlyOnATimeoutAndARefusedConnection() throws {
        let s = try Scratch()
        let demo = try Self.slipped(s)
        let server = try Server(s)
        let url = "http://127.0.0.1:\(server.port)"
        let payload = try notify(s, demo, "--format", "slack").stdout

        var r = try notify(s, demo, "--format", "slack", "--post", url + "/ok")
        #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
        #expect(r.stderr.contains("posted to 127.0.0.1 (HTTP 200)"), "\(r.stderr)")
        var requests = server.requests()
        #expect(requests.count == 1 && requests.first?["body"] == payload && requests.first?["type"] == "application/json", "\(requests)")

        r = try notify(s, demo, "--format", "json", "--post", url + "/flaky")
        #expect(r.status == 0, "\(r.stderr)")
        requests = server.requests()
        #expect(requests.filter { $0["path"] == "/flaky" }.count == 2, "500, then success: \(requests)")

        r = try notify(s, demo, "--format", "json", "--post", url + "/slow", "--timeout", "1", "--attempts", "2")
        #expect(r.status == 2)
        #expect(r.stderr == "roadmap: error: cannot post to \(url)/slow: no answer within 1 s (after 2 attempts)\n", "\(r.stderr)")

        let closed = try GitHost.freePort()
        r = try notify(s, demo, "--format", "json", "--post", "http://127.0.0.1:\(closed)/hook")
        #expect(r.status == 2)
        #expect(r.stderr == "roadmap: error: cannot post to http://127.0.0.1:\(closed)/hook: connection refused or lost (after 3 attempts)\n", "\(r.stderr)")

        r = try notify(s, demo, "--post", "ftp://example.invalid/x")
        #expect(r.status == 2 && r.stderr.contains("is not an http:// or https:// URL"), "\(r.stderr)")
    }
}
