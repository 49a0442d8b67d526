import Foundation

/// Who pushes, and what they asked for with `git push -o`, read from the environment git
/// gives a `pre-receive` hook.
public struct PushContext: Sendable {
    /// The push option that lets a refused push through: `roadmap.override=REASON`.
    public static let overrideOption = "roadmap.override"

    public var pusher: String
    public var pusherEmail: String
    /// The push options (`GIT_PUSH_OPTION_0…`), in order.
    public var options: [String]

    public init(pusher: String, pusherEmail: String, options: [String]) {
        self.pusher = pusher
        self.pusherEmail = pusherEmail
        self.options = options
    }

    /// git does not say who pushes: a host does, each in its own variable. The first one set
    /// wins: `ROADMAP_PUSHER` (for a wrapper of our own), a signed push's verified signer
    /// (`GIT_PUSH_CERT_SIGNER` with `GIT_PUSH_CERT_STATUS=G`), GitLab's `GL_USERNAME`,
    /// gitolite's `GL_USER`, the web server's `REMOTE_USER` (git http-backend), then the
    /// account the hook runs as (`USER`, `LOGNAME`: right for ssh hosting with one account
    /// per person, and for `file://`).
    public init(environment: [String: String]) {
        func value(_ key: String) -> String? {
            guard let v = environment[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        var candidates = [value("ROADMAP_PUSHER")]
        if environment["GIT_PUSH_CERT_STATUS"] == "G" { candidates.append(value("GIT_PUSH_CERT_SIGNER")) }
        candidates += [value("GL_USERNAME"), value("GL_USER"), value("REMOTE_USER"), value("USER"), value("LOGNAME")]
        let name = candidates.compactMap { $0 }.first ?? "unknown"
        // A signature's name may not hold angle brackets.
        pusher = String(name.filter { $0 != "<" && $0 != ">" && $0 != "\n" })
        if pusher.isEmpty { pusher = "unknown" }
        let host = ProcessInfo.processInfo.hostName
        pusherEmail = value("ROADMAP_PUSHER_EMAIL").map { String($0.filter { $0 != "<" && $0 != ">" }) }
            ?? "\(pusher.replacingOccurrences(of: " ", with: "."))@\(host.isEmpty ? "localhost" : host)"
        var options: [String] = []
        if let count = environment["GIT_PUSH_OPTION_COUNT"].flatMap(Int.init), count > 0 {
            for index in 0..<min(count, 1000) {
                if let option = environment["GIT_PUSH_OPTION_\(index)"] { options.append(option) }
            }
        }
        self.options = options
    }

    /// The override's reason: nil without the option; "" when it was given without one.
    public var overrideReason: String? {
        var reason: String?
        for option in options {
            if option == Self.overrideOption { reason = "" }
            else if option.hasPrefix(Self.overrideOption + "=") {
                reason = String(option.dropFirst(Self.overrideOption.count + 1)).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return reason
    }
}
