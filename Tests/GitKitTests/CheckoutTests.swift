import Foundation
import Testing
@testable import GitKit

@Suite struct CheckoutTests {
    private func twoBranches() throws -> TestRepo {
        let repo = try TestRepo()
        try repo.commit(["roadmap/r.yaml": "date: 1\n", "roadmap/shared.yaml": "s\n"], message: "base")
        try repo.git("checkout", "-q", "-b", "proposal/slip")
        try repo.commit(["roadmap/r.yaml": "date: 2\n", "roadmap/added.yaml": "n\n"], message: "slip")
        try repo.git("checkout", "-q", "main")
        return repo
    }

    @Test func switchesBranchesAndTheWorkingTree() throws {
        let repo = try twoBranches()
        let opened = try repo.open()
        try opened.checkout(branch: "proposal/slip")
        #expect(try opened.currentBranch() == "proposal/slip")
        #expect(try repo.read("roadmap/r.yaml") == "date: 2\n")
        #expect(try repo.read("roadmap/added.yaml") == "n\n")
        #expect(try repo.git("status", "--porcelain") == "")
        try opened.checkout(branch: "main")
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/roadmap/added.yaml"))
        #expect(try repo.git("status", "--porcelain") == "")
    }

    @Test func refusesToOverwriteUncommittedChanges() throws {
        let repo = try twoBranches()
        try repo.write("roadmap/r.yaml", "date: mine\n")
        let opened = try repo.open()
        let error = try #require(throws: GitError.self) { try opened.checkout(branch: "proposal/slip") }
        #expect(error.isConflict)
        #expect(error.message.contains("uncommitted changes"))
        // Nothing changed: still on main, the edit is intact.
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/main")
        #expect(try repo.read("roadmap/r.yaml") == "date: mine\n")
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/roadmap/added.yaml"))
    }

    @Test func carriesChangesThatDoNotConflict() throws {
        let repo = try twoBranches()
        try repo.write("roadmap/shared.yaml", "edited\n")
        try repo.open().checkout(branch: "proposal/slip")
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/proposal/slip")
        #expect(try repo.read("roadmap/shared.yaml") == "edited\n")
        #expect(try repo.git("status", "--porcelain") == " M roadmap/shared.yaml")
    }

    @Test func checkoutTreeForPathsWithAndWithoutForce() throws {
        let repo = try twoBranches()
        let opened = try repo.open()
        let slip = try repo.id("proposal/slip")
        try opened.checkoutTree(slip, paths: ["roadmap/added.yaml"], force: false)
        #expect(try repo.read("roadmap/added.yaml") == "n\n")
        #expect(try repo.read("roadmap/r.yaml") == "date: 1\n")
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/main")

        try repo.write("roadmap/r.yaml", "dirty\n")
        #expect(throws: GitError.self) { try opened.checkoutTree(slip, paths: ["roadmap/r.yaml"], force: false) }
        #expect(try repo.read("roadmap/r.yaml") == "dirty\n")
        try opened.checkoutTree(slip, paths: ["roadmap/r.yaml"], force: true)
        #expect(try repo.read("roadmap/r.yaml") == "date: 2\n")
    }
}
