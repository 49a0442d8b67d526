import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// Issue 20 point 3 (SPEC §11): a rename across ids is followed exactly when git's own
/// similarity score reaches 50 % — checked against the real git on generated pairs from 40 %
/// to 60 % similar, with lines shorter and longer than git's 64-byte spans.
struct RenameSimilarityTests {
    /// 100 lines of varied length (8 to 120 bytes), unique to `seed`.
    static func lines(_ seed: String) -> [String] {
        (0..<100).map { i in
            let length = 8 + (i * 37) % 113
            var line = "x-\(seed)-\(i): "
            // FNV-1a of the seed and line: the same text on every run (hashValue is not).
            var state: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in "\(seed)/\(i)".utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
            while line.utf8.count < length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line += String(UnicodeScalar(UInt8(97 + (state >> 33) % 26)))
            }
            return line + "\n"
        }
    }

    @Test func renamesAreFollowedExactlyWhenGitsScoreReachesFiftyPercent() throws {
        let fixture = try HistoryFixture()
        var followed = 0, refused = 0
        for kept in stride(from: 40, through: 60, by: 1) {
            let old = Self.lines("old\(kept)")
            let fresh = Self.lines("new\(kept)")
            // Keep `kept` lines chosen across the file; replace the others.
            var new = old
            for i in 0..<100 where (i + kept * 7) % 100 >= kept {
                new[i] = fresh[i]
            }
            let oldPath = "roadmap/stories/old-\(kept).yaml", newPath = "roadmap/stories/new-\(kept).yaml"
            try fixture.write(oldPath, old.joined())
            try fixture.commit("add \(kept)")
            try fixture.git("rm", "-q", oldPath)
            try fixture.write(newPath, new.joined())
            try fixture.commit("rename \(kept)")

            // Our score, in git's printed percent, equals git's.
            let status = try fixture.git("diff", "-M1%", "--name-status", "HEAD~1", "HEAD")
            let gitPercent = try #require(Int(status.dropFirst().prefix(3)), "\(status)")
            let score = GitSimilarity.score(source: Array(old.joined().utf8), destination: Array(new.joined().utf8), minimumScore: 600)
            #expect(GitSimilarity.percent(score) == gitPercent, "kept \(kept): \(status)")

            // The history follows the rename exactly when git log --follow does.
            let git = try fixture.gitLog(newPath, ["--follow"])
            let ours = try PathHistory(repository: fixture.open()).log(path: newPath, follow: true).commits
            #expect(ours == git, "kept \(kept): git scores \(gitPercent) %")
            if git.count == 2 { followed += 1 } else { refused += 1 }
        }
        // Both sides of the boundary were exercised.
        #expect(followed > 3 && refused > 3, "followed \(followed), refused \(refused)")
    }

    @Test func gitsScoreCountsSpansAsGitDoes() {
        // Identical files: 100 %; a CR before an LF is not counted in text.
        let text = Array("a: 1\nb: 2\n".utf8)
        #expect(GitSimilarity.score(source: text, destination: text) == GitSimilarity.maxScore)
        let crlf = Array("a: 1\r\nb: 2\r\n".utf8)
        #expect(GitSimilarity.score(source: text, destination: crlf) == 10 * GitSimilarity.maxScore / 12)
        // A last line without a newline is not a span: nothing of it is copied.
        #expect(GitSimilarity.score(source: Array("abc".utf8), destination: Array("abc".utf8)) == 0)
        // Sizes too far apart for 50 %: not scored.
        #expect(GitSimilarity.score(source: Array("a\n".utf8), destination: Array("a\nbbbbbbbb\n".utf8)) == 0)
    }
}
