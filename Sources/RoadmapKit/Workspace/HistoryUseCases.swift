import Foundation
import GitKit

extension ItemHistory {
    /// Decodes item versions with the product's own YAML reader.
    public static let productDecoder: ItemDecoder = { bytes in
        do {
            return .success(try YAMLParser.parse(bytes).root.data)
        } catch let error as YAMLSyntaxError {
            return .failure(HistoryDecodeFailure(message: error.message, line: error.location.line, column: error.location.column))
        } catch {
            return .failure(HistoryDecodeFailure(message: "\(error)", line: nil, column: nil))
        }
    }
}

extension Workspace {
    /// The history engine for this repository, with the persistent commit → changes cache,
    /// showing its progress on stderr when that is a terminal.
    public func itemHistory() throws -> ItemHistory {
        let repository = self.repository
        let root = self.root
        let history = try historyStep("opening the history cache") {
            try ItemHistory(repository: repository, root: root, decoder: ItemHistory.productDecoder)
        }
        if isatty(STDERR_FILENO) == 1 {
            let line = HistoryProgressLine()
            history.paths.progress = { _ in line.advance(by: 1024) }
        }
        return history
    }

    /// An id, or a user path turned repository-relative.
    public func historyTarget(_ idOrPath: String) throws -> String {
        let looksLikePath = idOrPath.contains("/") || idOrPath.hasSuffix(".yaml") || idOrPath.hasSuffix(".yml")
        return looksLikePath ? try repositoryPath(idOrPath) : idOrPath
    }

    /// `roadmap history`: the commits that changed the item, newest first, field by field.
    /// `tip` (default HEAD) is where the walk starts: `roadmap serve` reads the base branch.
    public func history(of idOrPath: String, field: String?, limit: Int?, from tip: ObjectID? = nil) throws -> ItemHistoryResult {
        let target = try historyTarget(idOrPath)
        let history = try itemHistory()
        let tip = try tip ?? headCommit()
        return try historyQuery(history, "reading the history of \(idOrPath)") {
            try history.history(of: target, from: tip, field: field, limit: limit)
        }
    }

    /// `roadmap blame`: for each field, the commit that last changed it.
    public func blame(_ idOrPath: String, from tip: ObjectID? = nil) throws -> BlameReport {
        let target = try historyTarget(idOrPath)
        let history = try itemHistory()
        let tip = try tip ?? headCommit()
        return try historyQuery(history, "reading the history of \(idOrPath)") { try Blame.report(target, history: history, from: tip) }
    }

    /// `roadmap slips`: how each dated item's date moved.
    public func slips(kind: String?, since: String?, from tip: ObjectID? = nil) throws -> [SlipReport] {
        if let since, RoadmapDate(since) == nil {
            throw RoadmapError("invalid --since '\(since)': expected a date such as 2026-06-15")
        }
        let history = try itemHistory()
        let tip = try tip ?? headCommit()
        return try historyQuery(history, "reading the history of the dated items") {
            try Slips.compute(history: history, from: tip, kind: kind, since: since)
        }
    }

    private func historyStep<T>(_ doing: String, _ body: () throws -> T) throws -> T {
        do {
            return try git(doing, body)
        } catch let error as HistoryError {
            throw RoadmapError(error.description)
        }
    }

    /// Runs a query, then saves what the cache learned (a cache that cannot be written is
    /// not an error: the next command learns it again).
    private func historyQuery<T>(_ history: ItemHistory, _ doing: String, _ body: () throws -> T) throws -> T {
        defer { try? history.save() }
        return try historyStep(doing, body)
    }
}

/// `reading history: N commits` on stderr (a terminal), once a command has walked for a
/// second, rewritten in place at most ten times a second, and erased when the history
/// engine that reports to it is done.
final class HistoryProgressLine {
    private let start = Date()
    private var last: Date?
    private var commits = 0

    deinit {
        if last != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    func advance(by count: Int) {
        commits += count
        let now = Date()
        guard now.timeIntervalSince(start) >= 1, last.map({ now.timeIntervalSince($0) >= 0.1 }) ?? true else { return }
        last = now
        FileHandle.standardError.write(Data("\rreading history: \(commits) commits…".utf8))
    }
}
