import Foundation
import Testing

/// `roadmap serve` as a process: what it refuses before it binds, its URL, a clean stop on
/// SIGTERM, and `--add-user`.
@Suite struct ServeCLITests {
    @Test func anotherHostNeedsUsersOrReadOnly() throws {
        let scratch = try Scratch()
        let demo = try scratch.example()
        let refused = try scratch.roadmap("serve", "--host", "0.0.0.0", "--port", "0", in: demo)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("roadmap: error: refusing to serve on 0.0.0.0 without --users FILE or --read-only"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
    }

    @Test func printsItsURLAndStopsCleanlyOnSIGTERM() throws {
        let scratch = try Scratch()
        let demo = try scratch.example()
        let server = try scratch.startRoadmap(["serve", "--port", "0"], in: demo)
        var url = ""
        for _ in 0..<600 where url.isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
            let text = (try? String(contentsOf: server.outURL, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) { url = String(text[range]) }
        }
        #expect(!url.isEmpty, "the URL is printed")
        kill(server.pid, SIGTERM)
        let result = server.finish()
        #expect(result.status == 0, "a clean stop: \(result.stderr)")
    }

    @Test func addUserReadsThePasswordFromStandardInput() throws {
        let scratch = try Scratch()
        let demo = try scratch.example()
        let users = scratch.path + "/users"
        let empty = try scratch.roadmap("serve", "--add-user", "maria", "--audience", "key", "--users", users, in: demo, input: "\n")
        #expect(empty.status == 2 && empty.stderr.contains("password is empty"))
        let added = try scratch.roadmap("serve", "--add-user", "maria", "--audience", "key", "--users", users, in: demo, input: "s3cret\n")
        #expect(added.status == 0, "\(added.stderr)")
        let line = try scratch.read("users")
        #expect(line.hasPrefix("maria:key:$2"))
        #expect(!line.contains("s3cret"))
    }
}
