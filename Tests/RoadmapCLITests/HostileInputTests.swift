import Foundation
import Testing

/// Issue 9: hostile files in a cloned roadmap get a clear finding or error, in bounded time,
/// never a crash; nothing outside the repository is read; nothing is written.
@Suite("CLI: hostile input")
struct HostileInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var file: String
        var bytes: [UInt8]
        var rule: String
        var description: String { name }

        init(_ name: String, _ file: String, _ text: String, _ rule: String) {
            self.init(name, file, Array(text.utf8), rule)
        }

        init(_ name: String, _ file: String, _ bytes: [UInt8], _ rule: String) {
            (self.name, self.file, self.bytes, self.rule) = (name, file, bytes, rule)
        }
    }

    static let head = "kind: release\ntitle: Hostile\ndate: 2027-01-01\n"

    static let cases: [Case] = [
        Case("anchor", "anchor.yaml", head + "x-a: &a 1\n", "unsupported-yaml"),
        Case("alias bomb", "bomb.yaml", head + "x-a: &a [1, 1]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nx-c: [*b, *b, *b, *b, *b, *b, *b, *b]\n", "unsupported-yaml"),
        Case("tag", "tag.yaml", head + "x-t: !!str 1\n", "unsupported-yaml"),
        Case("complex key", "complex.yaml", head + "? x-k\n: v\n", "unsupported-yaml"),
        Case("directive", "directive.yaml", "%YAML 1.2\n---\n" + head, "unsupported-yaml"),
        Case("two documents", "two.yaml", head + "---\nkind: epic\n", "unsupported-yaml"),
        Case("duplicate key", "dup.yaml", head + "title: Again\n", "unsupported-yaml"),
        Case("tab indentation", "tab.yaml", head + "x-m:\n\tk: v\n", "unsupported-yaml"),
        Case("invalid UTF-8", "utf8.yaml", Array(head.utf8) + [0x78, 0x2D, 0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A], "unsupported-yaml"),
        Case("NUL byte", "nul.yaml", Array(head.utf8) + [0x78, 0x3A, 0x20, 0x00, 0x0A], "unsupported-yaml"),
        Case("deep flow nesting", "deep-flow.yaml", head + "x-d: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n", "unsupported-yaml"),
        Case("deep block nesting", "deep-block.yaml", head + (0..<500).map { String(repeating: " ", count: $0) + "- " + "\n" }.joined().replacingOccurrences(of: "- \n", with: "-\n"), "parse-error"),
        Case("binary", "binary.yaml", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }, "unsupported-yaml"),
        Case("conflict markers", "conflict.yaml", "kind: release\n<<<<<<< HEAD\ntitle: Ours\n=======\ntitle: Theirs\n>>>>>>> other\n", "parse-error"),
        Case("bare scalar", "scalar.yaml", "just a sentence\n", "invalid-value"),
        Case("empty file", "empty.yaml", "", "missing-field"),
        Case("only a comment", "comment.yaml", "# nothing here\n", "missing-field"),
        Case("bidi control in the id", "rel\u{202E}ease.yaml", head, "invalid-id"),
        Case("confusable id (Cyrillic a)", "rele\u{0430}se.yaml", head, "invalid-id"),
    ]

    @Test(arguments: cases)
    func aHostileFileGetsAClearFinding(_ hostile: Case) throws {
        let s = try Scratch()
        let demo = try s.example()
        let path = "roadmap/hostile/" + hostile.file
        try FileManager.default.createDirectory(atPath: s.dir(demo + "/roadmap/hostile"), withIntermediateDirectories: true)
        try Data(hostile.bytes).write(to: URL(fileURLWithPath: s.dir(demo + "/" + path)))
        let result = try s.roadmap("review", "--format", "json", "--today", "2026-11-22", in: demo)
        #expect(result.status == 1, "\(hostile.name): \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let mine = findings.filter { $0["path"] as? String == path }
        #expect(mine.contains { $0["rule"] as? String == hostile.rule }, "\(hostile.name): \(mine.map { "\($0["rule"] ?? "") \($0["message"] ?? "")" })")
        #expect(mine.allSatisfy { ($0["line"] as? Int ?? 0) >= 1 && ($0["column"] as? Int ?? 0) >= 1 })
        // The text form names the place like a compiler and carries no control characters.
        let text = try s.roadmap("review", "--today", "2026-11-22", in: demo)
        #expect(!text.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x202A...0x202E).contains($0.value) })
    }

    @Test func aHundredMegabyteFileIsRefusedWithoutBeingParsed() throws {
        let s = try Scratch()
        let demo = try s.example()
        let big = s.dir(demo + "/roadmap/releases/huge.yaml")
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        let chunk = Data(("x-filler: " + String(repeating: "y", count: 1_048_000) + "\n").utf8)
        for _ in 0..<100 { handle.write(chunk) }
        try handle.close()
        let worktree = try s.roadmap("review", "--format", "json", in: demo)
        #expect(worktree.status == 1)
        #expect(worktree.stdout.contains("the file is 104801100 bytes; an item file is at most 1 MiB"), "\(worktree.stdout.prefix(500))")
        try s.git("add", "roadmap/releases/huge.yaml", in: demo)
        let staged = try s.roadmap("review", "--staged", "--format", "json", in: demo)
        #expect(staged.status == 1)
        #expect(staged.stdout.contains("1 MiB"))
    }

    @Test func symlinksAreNeverFollowedOutOfTheRepository() throws {
        let s = try Scratch()
        let demo = try s.example()
        try s.write("secret.txt", "kind: release\ntitle: TOP SECRET\ndate: 2027-01-01\n")
        try FileManager.default.createSymbolicLink(atPath: s.dir(demo + "/roadmap/releases/leak.yaml"), withDestinationPath: s.dir("secret.txt"))
        let worktree = try s.roadmap("review", "--format", "json", in: demo)
        #expect(worktree.stdout.contains("symbolic link"))
        #expect(!worktree.stdout.contains("TOP SECRET"))
        #expect(!(try s.roadmap("list", in: demo)).stdout.contains("TOP SECRET"))
        // Committed as a link (what a hostile clone would carry): the tree is read, not the target.
        try s.git("add", "roadmap/releases/leak.yaml", in: demo)
        try s.git("commit", "-qm", "a link", "--no-verify", in: demo)
        let committed = try s.roadmap("review", "--rev", "HEAD", "--format", "json", in: demo)
        #expect(committed.stdout.contains("symbolic link") && !committed.stdout.contains("TOP SECRET"))
        #expect(try s.roadmap("set", "leak", "title=x", in: demo).status == 2)
        #expect(try s.read("secret.txt").contains("TOP SECRET"), "the link's target is untouched")
    }

    @Test func aRootOutsideTheRepositoryStopsEveryCommand() throws {
        let s = try Scratch()
        let demo = try s.example()
        for root in ["../..", "/etc", "roadmap/../../x"] {
            try s.write("demo/roadmap.yaml", "root: \(root)\n")
            let result = try s.roadmap("list", in: demo)
            #expect(result.status == 2, "\(root)")
            #expect(result.stderr.hasPrefix("roadmap: error: roadmap.yaml:1:"), "\(root): \(result.stderr)")
        }
    }

    @Test func submodulesAndOtherFilesUnderTheRootAreIgnored() throws {
        let s = try Scratch()
        let demo = try s.example()
        try s.write("demo/roadmap/README.md", "# not an item\n")
        try s.write("demo/roadmap/logo.png", "\u{89}PNG")
        let head = try s.git("rev-parse", "HEAD", in: demo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try s.git("update-index", "--add", "--cacheinfo", "160000,\(head),roadmap/vendor-plan", in: demo)
        try s.git("add", "roadmap", in: demo)
        try s.git("commit", "-qm", "odd files", "--no-verify", in: demo)
        for args in [["review", "--rev", "HEAD"], ["review", "--staged"], ["review"], ["list"]] {
            let result = try s.roadmap(args + ["--today", "2026-11-22"], in: demo)
            #expect(result.status == 0, "\(args): \(result.stderr)")
            for name in ["README", "logo", "vendor-plan"] {
                #expect(!(result.stdout + result.stderr).contains(name), "\(args) mentions \(name)")
            }
        }
    }

    @Test func crlfFilesReadAndEditLikeAnyOther() throws {
        let s = try Scratch()
        let demo = try s.example()
        let crlf = "kind: story\r\ntitle: Windows story\r\nepic: invoice-redesign\r\n\r\ndescription: |\r\n  Written on Windows.\r\n"
        try s.write("demo/roadmap/stories/crlf.yaml", crlf)
        #expect(try s.roadmap("review", "--today", "2026-11-22", in: demo).status == 0)
        #expect(try s.roadmap("set", "crlf", "status=in-progress", in: demo).status == 0)
        let edited = try s.read("demo/roadmap/stories/crlf.yaml")
        #expect(edited.contains("status: in-progress\r\n"), "\(edited)")
        #expect(edited.components(separatedBy: "\r\n").count == crlf.components(separatedBy: "\r\n").count + 1, "one line added")
        #expect(!edited.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line still ends with CRLF")
    }
}
