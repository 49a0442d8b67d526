import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

    /// The outcome box the completion handler fills (it runs on the session's queue).
    private final class Box: @unchecked Sendable {
        var attempt = Attempt.failure("no answer")
    }

    private func once(_ body: Data, to url: URL, contentType: String) -> Attempt {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.setValue("roadmap/\(RoadmapKitVersion.string)", forHTTPHeaderField: "User-Agent")
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let seconds = timeout
        let task = session.dataTask(with: request) { _, response, error in
            if let error = error as? URLError {
                switch error.code {
                case .timedOut: box.attempt = .failure("no answer within \(Int(seconds.rounded())) s")
                case .cannotConnectToHost, .networkConnectionLost: box.attempt = .failure("connection refused or lost")
                case .cannotFindHost, .dnsLookupFailed: box.attempt = .failure("unknown host")
                default: box.attempt = .failure(error.localizedDescription)
                }
            } else if let error {
                box.attempt = .failure(error.localizedDescription)
            } else if let http = response as? HTTPURLResponse {
                box.attempt = .status(http.statusCode)
            }
            done.signal()
        }
        task.resume()
        // The session's own timeout ends the task; this wait is only a backstop.
        if done.wait(timeout: .now() + seconds + 5) == .timedOut {
            task.cancel()
            return .failure("no answer within \(Int(seconds.rounded())) s")
        }
        return box.attempt
    }
}
