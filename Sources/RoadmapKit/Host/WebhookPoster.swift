internal import CLazyCurl
import Foundation

/// Sends a payload with one HTTP(S) POST, as `notify --post` does: each attempt has a
/// timeout; a connection failure, a timeout, a 5xx or a 429 is retried a bounded number of
/// times with a doubling pause; any other status fails at once. Failure is one line naming the
/// URL and the last cause.
public struct WebhookPoster: Sendable {
    public var timeout: TimeInterval
    public var attempts: Int
    /// The pause before the second attempt (doubled for each next one).
    public var pause: TimeInterval

    public init(timeout: TimeInterval = 10, attempts: Int = 3, pause: TimeInterval = 0.5) {
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.pause = pause
    }

    /// Validates `--post`'s argument: an absolute http or https URL with a host.
    public static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            throw RoadmapError("--post '\(sanitizeForTerminal(text))' is not an http:// or https:// URL")
        }
        return url
    }

    /// Posts `body`; returns the final HTTP status (2xx).
    @discardableResult
    public func post(_ body: Data, to url: URL, contentType: String) throws -> Int {
        var lastProblem = "no attempt"
        for attempt in 1...attempts {
            if attempt > 1 { Thread.sleep(forTimeInterval: pause * Double(1 << (attempt - 2))) }
            switch once(body, to: url, contentType: contentType) {
            case let .status(code) where (200..<300).contains(code):
                return code
            case let .status(code) where code >= 500 || code == 429:
                lastProblem = "HTTP \(code)"
            case let .status(code):
                throw RoadmapError("cannot post to \(Self.display(url)): the server answered HTTP \(code); check the URL and its token")
            case let .failure(problem):
                lastProblem = problem
            }
        }
        throw RoadmapError("cannot post to \(Self.display(url)): \(lastProblem) (after \(attempts) attempt\(attempts == 1 ? "" : "s"))")
    }

    /// A URL for messages: without user info or query (tokens often live there).
    static func display(_ url: URL) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.user = nil
        components?.password = nil
        components?.query = nil
        return components?.string ?? url.absoluteString
    }

    enum Attempt: Sendable {
        case status(Int)
        case failure(String)
    }

    /// One POST through libcurl, loaded on first use (Sources/CLazyCurl: linking Foundation's
    /// URLSession loaded libcurl and its 28 libraries at every start of roadmap).
    private func once(_ body: Data, to url: URL, contentType: String) -> Attempt {
        var status = 0
        let size = 512
        var message = [CChar](repeating: 0, count: size)
        let milliseconds = max(1, Int((timeout * 1000).rounded(.up)))
        let outcome = body.withUnsafeBytes { bytes in
            roadmap_http_post(url.absoluteString, bytes.baseAddress, bytes.count, contentType,
                              "roadmap/\(RoadmapKitVersion.string)", milliseconds, &status, &message, size)
        }
        switch outcome {
        case ROADMAP_POST_ANSWERED: return .status(status)
        case ROADMAP_POST_TIMED_OUT: return .failure("no answer within \(Int(timeout.rounded())) s")
        case ROADMAP_POST_CONNECTION: return .failure("connection refused or lost")
        case ROADMAP_POST_UNKNOWN_HOST: return .failure("unknown host")
        default: return .failure(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }
}
