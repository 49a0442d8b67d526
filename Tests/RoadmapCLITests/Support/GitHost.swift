import Foundation
import Testing

/// A git host in a scratch folder: the example roadmap cloned bare as `server.git`, with the
/// server hook installed by the built binary, and a working clone `work` of it.
enum GitHost {
    /// Pushes judge time as of a fixed day, so that no finding depends on the calendar.
    static let environment = ["ROADMAP_TODAY": "2026-01-01"]

    static func make(_ s: Scratch, clone: String = "work") throws {
        let repo = try s.example()
        try expectOK(s.git("clone", "--bare", "-q", s.dir(repo), "server.git"))
        let installed = try s.roadmap("hooks", "install", "--server", in: "server.git")
        try expectOK(installed)
        guard installed.stdout.contains("pre-receive: installed") else {
            throw ScratchError(message: "hooks install --server: \(installed.stdout)")
        }
        try expectOK(s.git("clone", "-q", url(s), clone))
    }

    static func url(_ s: Scratch) -> String { "file://" + s.dir("server.git") }

    static func expectOK(_ r: ProcessResult, _ what: String = "") throws {
        if r.status != 0 { throw ScratchError(message: "\(what) failed (\(r.status)): \(r.stdout)\(r.stderr)") }
    }

    /// The commit a ref of the server points at ("" when it does not exist).
    static func serverRef(_ s: Scratch, _ ref: String) throws -> String {
        let r = try s.git("rev-parse", "-q", "--verify", ref, in: "server.git")
        return r.status == 0 ? r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }

    /// Commits every change of a clone, skipping its hooks as a careless pusher would.
    static func commit(_ s: Scratch, _ message: String, in clone: String) throws {
        try expectOK(s.git("add", "-A", in: clone))
        try expectOK(s.git("commit", "-q", "--no-verify", "-m", message, in: clone), "commit")
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it).
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ScratchError(message: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw ScratchError(message: "bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw ScratchError(message: "getsockname() failed") }
        return UInt16(bigEndian: address.sin_port)
    }
}

extension Scratch {
    /// Runs the real git CLI with an argument list built in code.
    @discardableResult
    func git(_ arguments: [String], in folder: String = "", environment: [String: String] = [:]) throws -> ProcessResult {
        try CLI.run("git", arguments, in: dir(folder), home: path, environment: environment)
    }
}
