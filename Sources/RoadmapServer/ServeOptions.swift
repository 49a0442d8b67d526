import Foundation
import RoadmapKit

/// What `roadmap serve` was asked for (SPEC §16).
public struct ServeOptions: Sendable {
    public var directory: String
    public var host: String
    public var port: Int
    /// The audience every visitor sees when there is no users file (SPEC §12; default `team`).
    public var audience: String
    public var readOnly: Bool
    public var usersFile: String?
    /// `--today`: the day rules judge time by (nil: the system date, each request).
    public var today: String?

    public init(directory: String, host: String = "127.0.0.1", port: Int = 8080, audience: String = "team",
                readOnly: Bool = false, usersFile: String? = nil, today: String? = nil) {
        self.directory = directory
        self.host = host
        self.port = port
        self.audience = audience
        self.readOnly = readOnly
        self.usersFile = usersFile
        self.today = today
    }

    /// The audiences of SPEC §12, widest first.
    public static let audiences = Audience.allCases.map(\.rawValue)

    /// Loopback addresses: the only ones served without sign-in or `--read-only`.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Refuses what must never run: a server others can reach where anyone could write.
    public func validate() throws {
        guard (0...65535).contains(port) else { throw RoadmapError("--port \(port): a port is 0…65535") }
        guard Self.audiences.contains(audience) else {
            throw RoadmapError("--audience '\(audience)': one of \(Self.audiences.joined(separator: ", "))")
        }
        if !Self.isLoopback(host) && usersFile == nil && !readOnly {
            throw RoadmapError("refusing to serve on \(host) without --users FILE or --read-only: anyone who reaches it could change the roadmap")
        }
    }
}
