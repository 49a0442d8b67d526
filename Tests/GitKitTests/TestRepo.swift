import Foundation
@testable import GitKit

/// A scratch folder with a git repository, driven by the real git CLI.
///
/// git runs with a fixed environment: no global or system config, fixed identities,
/// and commit dates that advance one minute per commit (so time order is well-defined).
final class TestRepo: @unchecked Sendable {
    /// Set once, before libgit2 is first initialised, so a developer's ~/.gitconfig and
    /// /etc/gitconfig never change a result.
    private static let isolation: Void = {
        setenv("ROADMAP_GIT_ISOLATE_CONFIG", "1", 1)
    }()

    let root: URL
    /// The working tree (root/repo) unless created bare.
    let path: String
    private var tick = 0
    private let lock = NSLock()

    init(bare: Bool = false, initialize: Bool = true) throws {
        _ = Self.isolation
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("gitkit-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        path = root.appendingPathComponent(bare ? "repo.git" : "repo").path
        if initialize {
            try runGit(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []) + [path], in: root.path)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func open() throws -> Repository { try Repository.open(at: path) }

    /// A sibling path in the scratch folder.
    func scratch(_ name: String) -> String { root.appendingPathComponent(name).path }

    private func nextDate() -> String {
        lock.lock()
        defer { lock.unlock() }
        tick += 1
        return "\(1_750_000_000 + tick * 60) +0200"
    }

    /// Runs git in the repository (or `directory`); returns stdout without the final newline.
    @discardableResult
    func git(_ arguments: String..., in directory: String? = nil) throws -> String {
        try runGit(arguments, in: directory ?? path)
    }

    @discardableResult
    func runGit(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) throws -> String {
        let text = String(decoding: try gitOutput(arguments, in: directory, environment: extra), as: UTF8.self)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// Runs git and returns its standard output as it is (binary output, such as
    /// `cat-file --batch`); `input` is given on its standard input.
    func gitOutput(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:],
                   input: Data? = nil) throws -> Data {
        let date = nextDate()
        var environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root.path,
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@example.com", "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": "Cy Committer", "GIT_COMMITTER_EMAIL": "cy@example.com", "GIT_COMMITTER_DATE": date,
            "LC_ALL": "C",
        ]
        environment.merge(extra) { _, new in new }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? path)
        process.environment = environment
        if let input {
            // From a file, so that git never blocks on a pipe nobody reads yet.
            let file = scratch("stdin-\(UUID().uuidString)")
            try input.write(to: URL(fileURLWithPath: file))
            process.standardInput = FileHandle(forReadingAtPath: file)
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitCLIError(arguments: arguments, status: process.terminationStatus,
                              stderr: String(decoding: errData, as: UTF8.self) + String(decoding: outData, as: UTF8.self))
        }
        return outData
    }

    /// Writes a file of the working tree (creating folders).
    func write(_ relativePath: String, _ content: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }

    func read(_ relativePath: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(relativePath)), as: UTF8.self)
    }

    /// Writes the files, stages everything and commits; returns the new commit id.
    @discardableResult
    func commit(_ files: [String: String] = [:], message: String) throws -> ObjectID {
        for (file, content) in files.sorted(by: { $0.key < $1.key }) { try write(file, content) }
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try id("HEAD")
    }

    func id(_ revision: String) throws -> ObjectID {
        let hex = try git("rev-parse", "--verify", "--end-of-options", revision + "^{commit}")
        guard let id = ObjectID(hex: hex) else { throw GitCLIError(arguments: ["rev-parse", revision], status: 0, stderr: hex) }
        return id
    }

    func lines(_ arguments: String...) throws -> [String] {
        try runGit(arguments, in: path).split(separator: "\n").map(String.init)
    }
}

struct GitCLIError: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let stderr: String
    var description: String { "git \(arguments.joined(separator: " ")) failed (\(status)): \(stderr)" }
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
