import Foundation
import Testing

/// Issue 20, point 4, through the binary: what the parser keeps reaches JSON exactly, and what
/// it refuses is one finding (review) or one error line (show) with the file, line and column.
@Suite(.serialized) struct FormatCLITests {
    func write(_ yaml: String, _ name: String, in repo: String) throws {
        try yaml.write(toFile: repo + "/roadmap/releases/\(name).yaml", atomically: true, encoding: .utf8)
    }

    @Test func floatsKeepTheirValueInShowJSON() throws {
        let example = try ViewsCLI.example()
        try write("kind: release\ntitle: Floaty\ndate: 2027-01-01\nx-ratio: 1.0\nx-big: 1e3\nx-text: '1.0'\n", "floaty", in: example.path)
        let r = try ViewsCLI.roadmap(["show", "floaty", "--format", "json"], in: example.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"x-ratio\": 1.0,\n") && r.stdout.contains("\"x-big\": 1000.0,\n"), "\(r.stdout)")
        #expect(r.stdout.contains("\"x-text\": \"1.0\""))
    }

    @Test(arguments: [
        ("x-ratio: .inf\n", "4:10", ".inf (infinity) cannot be represented in JSON", "unsupported-yaml"),
        ("x-map:\n  1: a\n  \"1\": b\n", "6:3", "duplicate key \"1\": in JSON it is the name \"1\"", "unsupported-yaml"),
        ("x-list: [a, -]\n", "4:13", "a lone '-' in a flow collection is not a value", "parse-error"),
    ])
    func refusedWithLineAndColumn(_ field: String, _ at: String, _ message: String, _ rule: String) throws {
        let example = try ViewsCLI.example()
        try write("kind: release\ntitle: Bad\ndate: 2027-01-01\n" + field, "bad", in: example.path)
        let review = try ViewsCLI.roadmap(["review"], in: example.path)
        #expect(review.status == 1)
        #expect(review.stdout.contains("roadmap/releases/bad.yaml:\(at): error: \(message)"), "\(review.stdout)")
        #expect(review.stdout.contains("[\(rule)]"))
        let show = try ViewsCLI.roadmap(["show", "bad", "--format", "json"], in: example.path)
        #expect(show.status == 2 && show.stdout.isEmpty)
        #expect(show.stderr.hasPrefix("roadmap: error: roadmap/releases/bad.yaml:\(at): \(message)"), "\(show.stderr)")
    }
}
