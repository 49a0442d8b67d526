import Foundation
import Testing
@testable import RoadmapKit

/// A real repository built with the git CLI in a scratch folder, with a fixed identity and no
/// global or system configuration.
final class GitFixture {
    let path: String

    static let isolate: Void = { setenv("ROADMAP_GIT_ISOLATE_CONFIG", "1", 1) }()

    init() throws {
        _ = Self.isolate
        path = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-proposals-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try git("config", "user.name", "Test")
        try git("config", "user.email", "test@example.com")
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        for role in ["AUTHOR", "COMMITTER"] {
            env["GIT_\(role)_NAME"] = "Test"
            env["GIT_\(role)_EMAIL"] = "test@example.com"
            env["GIT_\(role)_DATE"] = "2026-01-01T12:00:00Z"
        }
        return env
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try run(arguments, input: nil)
    }

    /// Runs git with `input` on its standard input (small: written before the output is
    /// read); returns its output without surrounding white space.
    func gitInput(_ input: String, _ arguments: String...) throws -> String {
        try run(arguments, input: input).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func run(_ arguments: [String], input: String?) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        process.environment = Self.environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input.map { _ in Pipe() }
        if let stdin { process.standardInput = stdin }
        try process.run()
        if let stdin, let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFixtureError(message: "git \(arguments.joined(separator: " ")): \(String(decoding: errData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    func commitAll(_ message: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }

    func rev(_ name: String) throws -> String {
        try git("rev-parse", name).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func workspace() throws -> Workspace { try Workspace.open(at: path) }

    /// Every ref with its target, for "nothing changed" checks.
    func refs() throws -> String { try git("for-each-ref", "--format=%(refname) %(objectname)") }

    static let release = """
    kind: release
    title: Billing v2   # the big one
    status: planned
    date: 2026-06-15
    tier: major
    tags: [billing, payments]

    """

    static let campaign = """
    kind: campaign
    title: Spring launch
    owner: "@mara"
    promotes: [billing-v2]
    launch: 2026-06-20

    """

    /// main with a release and the campaign promoting it.
    static func roadmap() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write("roadmap/releases/billing-v2.yaml", release)
        try fixture.write("roadmap/campaigns/spring-launch.yaml", campaign)
        try fixture.commitAll("init")
        return fixture
    }
}

struct GitFixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

let proposalsToday = RoadmapDate(year: 2026, month: 1, day: 1)
