import Foundation

/// What a process printed and how it ended.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `roadmap` binary and the real git CLI in scratch folders, with a fixed
/// environment: no global or system git config, fixed identities, no color.
enum CLI {
    /// The `roadmap` executable built next to this test bundle (any --scratch-path works).
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On Linux the runner is <products>/roadmapPackageTests.xctest; on macOS it is inside a bundle.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("roadmap").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return "roadmap"
    }()

    /// The package's own folder (where Package.swift is).
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var env: [String: String] = [
            "PATH": (URL(fileURLWithPath: binary).deletingLastPathComponent().path) + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "HOME": home,
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test Person", "GIT_AUTHOR_EMAIL": "test@lumen.example",
            "GIT_COMMITTER_NAME": "Test Person", "GIT_COMMITTER_EMAIL": "test@lumen.example",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
        ]
        if let tmp = ProcessInfo.processInfo.environment["TMPDIR"] { env["TMPDIR"] = tmp }
        for (k, v) in extra { env[k] = v }
        return env
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: String, home: String,
                    environment extra: [String: String] = [:], input: String? = nil) throws -> ProcessResult {
        let started = try start(executable, arguments, in: directory, home: home, environment: extra)
        if let input { started.input.fileHandleForWriting.write(Data(input.utf8)) }
        return started.finish()
    }

    /// Starts a process without waiting for it (to race it, or to kill it part-way).
    static func start(_ executable: String, _ arguments: [String], in directory: String, home: String,
                      environment extra: [String: String] = [:]) throws -> StartedProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment(home: home, extra: extra)
        // Output goes to files, so that a large output can never block the child on a full pipe.
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-out-\(UUID().uuidString)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
            throw error
        }
        try? out.close()
        try? err.close()
        return StartedProcess(process: process, input: inPipe, outURL: outURL, errURL: errURL)
    }
}

/// A process started by `CLI.start`: `finish()` waits for it and collects its output.
struct StartedProcess {
    let process: Process
    let input: Pipe
    let outURL: URL
    let errURL: URL

    var pid: Int32 { process.processIdentifier }

    /// SIGKILL: the process gets no chance to clean up, as in a crash or a power cut.
    func kill() { _ = Foundation.kill(process.processIdentifier, SIGKILL) }

    /// Waits for the process to end; a process killed by a signal has status 128 + signal.
    func finish() -> ProcessResult {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A scratch folder, removed when the test is done.
final class Scratch: @unchecked Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Runs `roadmap` in `folder` (relative to the scratch folder).
    @discardableResult
    func roadmap(_ arguments: String..., in folder: String = "", environment: [String: String] = [:], input: String? = nil) throws -> ProcessResult {
        try CLI.run(CLI.binary, arguments, in: dir(folder), home: path, environment: environment, input: input)
    }

    /// Runs the real git CLI in `folder`.
    @discardableResult
    func git(_ arguments: String..., in folder: String = "", environment: [String: String] = [:], input: String? = nil) throws -> ProcessResult {
        try CLI.run("git", arguments, in: dir(folder), home: path, environment: environment, input: input)
    }

    /// Starts `roadmap` in `folder` without waiting for it.
    func startRoadmap(_ arguments: [String], in folder: String = "", environment: [String: String] = [:]) throws -> StartedProcess {
        try CLI.start(CLI.binary, arguments, in: dir(folder), home: path, environment: environment)
    }

    /// Starts the git CLI in `folder` without waiting for it.
    func startGit(_ arguments: [String], in folder: String = "", environment: [String: String] = [:]) throws -> StartedProcess {
        try CLI.start("git", arguments, in: dir(folder), home: path, environment: environment)
    }

    func dir(_ folder: String) -> String { folder.isEmpty ? path : path + "/" + folder }

    func read(_ relative: String) throws -> String { try String(contentsOfFile: dir(relative), encoding: .utf8) }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: dir(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// `roadmap init --example demo` in this folder, returning "demo".
    func example(hooks: Bool = false) throws -> String {
        let result = try roadmap(hooks ? ["init", "--example", "demo"] : ["init", "--example", "--no-hooks", "demo"])
        guard result.status == 0 else { throw ScratchError(message: "init failed: \(result.stderr)") }
        return "demo"
    }

    @discardableResult
    func roadmap(_ arguments: [String], in folder: String = "", environment: [String: String] = [:], input: String? = nil) throws -> ProcessResult {
        try CLI.run(CLI.binary, arguments, in: dir(folder), home: path, environment: environment, input: input)
    }
}

struct ScratchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
