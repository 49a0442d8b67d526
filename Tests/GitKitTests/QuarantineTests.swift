import Foundation
import Testing
@testable import GitKit

/// A `pre-receive` hook sees the pushed objects only through the object folders git names in
/// its environment (the quarantine); `discover(environment:)` must read them, and only then.
struct QuarantineTests {
    @Test func objectsInTheFoldersGitNamesAreReadableOnlyThroughTheEnvironment() throws {
        let repo = try TestRepo(bare: true)
        let quarantine = repo.scratch("incoming-objects")
        try FileManager.default.createDirectory(atPath: quarantine, withIntermediateDirectories: true)
        // git writes the object into the quarantine folder only, as receive-pack does.
        let output = try repo.gitOutput(["hash-object", "-w", "--stdin"], in: repo.path,
                                        environment: ["GIT_OBJECT_DIRECTORY": quarantine,
                                                      "GIT_ALTERNATE_OBJECT_DIRECTORIES": repo.path + "/objects"],
                                        input: Data("pushed in quarantine\n".utf8))
        let id = try #require(ObjectID(hex: String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))

        let plain = try Repository.discover(from: repo.path)
        #expect(throws: GitError.self) { _ = try plain.blobData(id) }

        let hooked = try Repository.discover(from: repo.path, environment: [
            "GIT_DIR": ".", "GIT_QUARANTINE_PATH": quarantine,
            "GIT_OBJECT_DIRECTORY": quarantine, "GIT_ALTERNATE_OBJECT_DIRECTORIES": repo.path + "/objects",
        ])
        #expect(String(decoding: try hooked.blobData(id), as: UTF8.self) == "pushed in quarantine\n")
        // New objects still go to the repository's own folder, never into the quarantine.
        let written = try hooked.writeBlob(Array("recorded\n".utf8))
        #expect(FileManager.default.fileExists(atPath: repo.path + "/objects/" + written.hex.prefix(2) + "/" + written.hex.dropFirst(2)))
    }
}
