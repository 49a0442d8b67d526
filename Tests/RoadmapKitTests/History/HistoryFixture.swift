import Foundation
import GitKit
@testable import RoadmapKit

/// A scratch git repository driven by the real git CLI, with a fixed identity and a clock
/// the test moves by hand, so commit ids and dates are reproducible.
final class HistoryFixture {
    /// Set once, before libgit2 is first initialised: GitKit then ignores ~/.gitconfig.
    static let isolation: Void = { setenv("ROADMAP_GIT_ISOLATE_CONFIG", "1", 1) }()

    let directory: URL
    var clock: Int64 = 1_767_225_600 // 2026-01-01T00:00:00Z
    var zone = "+0000"
    var authorName = "Ada Lovelace"
    var authorEmail = "ada@example.com"

    init(_ name: String = "repo") throws {
        _ = Self.isolation
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("history-tests-\(UUID().uuidString)")
            .appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main", ".")
    }

    init(existing directory: URL) {
        _ = Self.isolation
        self.directory = directory
    }

    deinit {
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    var path: String { directory.path }

    func open() throws -> Repository { try Repository.open(at: directory.path) }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_AUTHOR_NAME"] = authorName
        env["GIT_AUTHOR_EMAIL"] = authorEmail
        env["GIT_COMMITTER_NAME"] = "Committer"
        env["GIT_COMMITTER_EMAIL"] = "committer@example.com"
        env["GIT_AUTHOR_DATE"] = "\(clock) \(zone)"
        env["GIT_COMMITTER_DATE"] = "\(clock) \(zone)"
        env["LC_ALL"] = "C"
        return env
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    func git(_ arguments: String..., in folder: URL? = nil) throws -> String {
        try git(arguments, in: folder)
    }

    @discardableResult
    func git(_ arguments: [String], in folder: URL? = nil, allowFailure: Bool = false, stdin: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = folder ?? directory
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin { process.standardInput = try FileHandle(forReadingFrom: stdin) }
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            throw Failure(description: "git \(arguments.joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func write(_ relative: String, _ text: String) throws {
        let url = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func move(_ from: String, _ to: String) throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(to).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try git("mv", from, to)
    }

    func read(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: directory.appendingPathComponent(relative)), as: UTF8.self)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(relative).path)
    }

    /// Stages everything and commits at the current clock, then moves the clock a minute on.
    @discardableResult
    func commit(_ message: String, advance: Int64 = 60) throws -> ObjectID {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        clock += advance
        return try head()
    }

    func head() throws -> ObjectID {
        try id(git("rev-parse", "HEAD"))
    }

    func id(_ text: String) throws -> ObjectID {
        guard let id = ObjectID(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "not an id: \(text)")
        }
        return id
    }

    /// `git log --format=%H [extra] -- path` as ids.
    func gitLog(_ path: String, _ extra: [String] = [], rev: String = "HEAD") throws -> [ObjectID] {
        try git(["log", "--format=%H"] + extra + [rev, "--", path]).split(separator: "\n").map { try id(String($0)) }
    }
}
