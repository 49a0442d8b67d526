import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RoadmapKit
import RoadmapServer
import Testing

/// A scratch `roadmap init --example` repository (made through the Workspace API, checked with
/// the git CLI), and a browser-like client: it keeps the session cookie and the CSRF token.
final class ServerFixture: @unchecked Sendable {
    private static let isolation: Void = { setenv("ROADMAP_GIT_ISOLATE_CONFIG", "1", 1) }()
    let root: String

    init(bare: Bool = false) throws {
        _ = Self.isolation
        root = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main", root], in: "/")
        try git(["config", "user.name", "Web Tester"])
        try git(["config", "user.email", "web@example.com"])
        _ = try Workspace.initialize(at: root, example: true, hooks: false, executable: "roadmap")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RoadmapError("git \(arguments.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func options(readOnly: Bool = false, users: String? = nil, audience: String = "team") -> ServeOptions {
        ServeOptions(directory: root, host: "127.0.0.1", port: 0, audience: audience, readOnly: readOnly, usersFile: users, today: "2026-11-20")
    }
}

/// A client that behaves like a browser: keeps the session cookie, reads the CSRF token.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookie: String?
    var csrf: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers())
        remember(response)
        return response
    }

    func post(_ uri: String, _ fields: [(String, String)], csrf send: Bool = true) async throws -> TestResponse {
        var all = fields
        if send, let csrf { all.append(("csrf", csrf)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    private func headers() -> HTTPFields {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    private func remember(_ response: TestResponse) {
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first {
            cookie = String(pair)
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) {
            csrf = String(html[range].split(separator: "\"")[3])
        }
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// The `blob` hidden field of the first form that has one.
    static func blob(_ response: TestResponse) -> String? {
        let html = text(response)
        guard let range = html.range(of: #"name="blob" value="([0-9a-f]{40})""#, options: .regularExpression) else { return nil }
        return String(html[range].split(separator: "\"")[3])
    }
}
