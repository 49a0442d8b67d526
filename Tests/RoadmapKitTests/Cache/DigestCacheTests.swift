import Foundation
import Testing
@testable import RoadmapKit
import GitKit

/// The digest cache's file: each commit's findings and the item files it changed come back
/// exactly as written, under the same key only; another key, an older layout or a cut file
/// count as empty.
@Suite struct DigestCacheTests {
    @Test func answersAndChangedFilesComeBackUnderTheSameKeyOnly() throws {
        let scratch = try ReviewCacheTests.Scratch()
        let repository = scratch.workspace.repository
        let commit = try #require(try repository.referenceTarget("refs/heads/main"))
        let blob = try repository.writeBlob(Array("kind: story\ntitle: A\n".utf8))
        let finding = Finding(rule: "date-order", severity: .error, item: "a", path: "roadmap/stories/a.yaml", line: 3, column: 6,
                              related: ["b"], message: "ends before it starts")
        let files = DigestCache.ChangedFiles(
            before: [DigestCache.File(path: "roadmap/stories/a.yaml", blob: blob, mode: .blob)],
            after: [DigestCache.File(path: "roadmap/stories/b.yaml", blob: blob, mode: .executable),
                    DigestCache.File(path: "roadmap/stories/c.yaml", blob: blob, mode: .symlink)])
        let answer = DigestCache.Answer(introduced: [finding], resolved: [], files: files)
        var cache = DigestCache(repository: repository, key: "day one")
        cache.remember(answer, for: commit)
        cache.save()

        #expect(DigestCache(repository: repository, key: "day one")[commit] == answer)
        #expect(DigestCache(repository: repository, key: "day two")[commit] == nil)

        // A file of the first layout (findings only) is not read as this one.
        let data = try Data(contentsOf: cache.fileURL)
        var older = Array(data)
        older.replaceSubrange(4 ..< 8, with: [1, 0, 0, 0])
        try Data(older).write(to: cache.fileURL)
        #expect(DigestCache(repository: repository, key: "day one")[commit] == nil)
        try Data(data.dropLast(5)).write(to: cache.fileURL)
        #expect(DigestCache(repository: repository, key: "day one")[commit] == nil)
    }
}
