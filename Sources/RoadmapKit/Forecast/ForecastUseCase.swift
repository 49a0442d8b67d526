import Foundation
import GitKit

/// What `roadmap forecast` prints.
public struct ForecastReport: Sendable {
    /// The day the forecast is made on (today, or `--at`).
    public var asOf: RoadmapDate
    /// The commit whose roadmap was forecast (nil: the working tree).
    public var commit: ObjectID?
    public var samples: Int
    public var seed: UInt64
    public var moves: [SlipMove]
    public var datedItems: Int
    public var heldItems: Int
    public var observations: Int
    public var items: [ItemForecast]
    public var risks: [LaunchRisk]
    /// A shallow clone hides moves older than its boundary: the record is partial.
    public var truncated = false

    /// True when some item's slips come from the fallback prior.
    public var usesFallback: Bool { items.contains { $0.source.isFallback } }
}

/// What `roadmap forecast --backtest` prints.
public struct BacktestReport: Sendable {
    /// One forecast made at the start of a past month, judged against the dates that held.
    public struct Month: Sendable, Equatable {
        public var day: RoadmapDate
        public var cases: Int
        public var under50: Int
        public var under80: Int
        public var under95: Int
        public var fallback: Int
    }

    public var months: [Month]
    public var samples: Int
    public var seed: UInt64
    /// A shallow clone hides moves older than its boundary: the record is partial.
    public var truncated = false

    public var cases: Int { months.reduce(0) { $0 + $1.cases } }
    public func share(_ keyPath: KeyPath<Month, Int>) -> Double? {
        cases == 0 ? nil : Double(months.reduce(0) { $0 + $1[keyPath: keyPath] }) / Double(cases)
    }
}

extension Workspace {
    /// `roadmap forecast`: P50/P80/P95 of the releases and campaigns not yet done (`ids`: only
    /// these), from the slips of this repository's history. `at` (a day): the roadmap of the
    /// base branch at the end of that day, and only the moves of the commits it holds.
    public func forecast(ids: [String], at: String?, today: RoadmapDate, samples: Int, seed: UInt64) throws -> ForecastReport {
        guard let head = try headCommit() else { throw RoadmapError("the repository has no commits yet; commit the roadmap first") }
        let history = try itemHistory()
        defer { try? history.save() }
        let slips = try dated(history, from: head)
        var snapshot: Snapshot
        var commit: ObjectID?
        var asOf = today
        var isKnown: ((ObjectID) -> Bool)?
        if let at {
            guard let day = RoadmapDate(at), day.precision == .day else {
                throw RoadmapError("invalid --at '\(at)': expected a day such as 2026-06-15")
            }
            guard let found = try commitAtEndOfDay(day) else {
                throw RoadmapError("branch '\(config.base)' has no commit on or before \(at)")
            }
            let known = try ancestors(of: found, in: history)
            isKnown = known.contains
            snapshot = try self.snapshot(.commit(found))
            commit = found
            asOf = day
        } else {
            let (state, head) = try state(of: .current)
            snapshot = try self.snapshot(state)
            commit = head
        }
        let labels = Forecaster.labels(of: snapshot)
        let record = SlipRecord(slips: slips, labels: labels, knownDay: asOf.firstDay + 1, isKnown: isKnown)
        let result = Forecaster.run(snapshot, today: asOf.firstDay, model: SlipModel(record: record), labels: labels,
                                    samples: samples, seed: seed)
        var items = result.items
        var risks = result.risks
        if !ids.isEmpty {
            for id in ids where !items.contains(where: { $0.id == id }) {
                guard let item = snapshot[id] else {
                    throw RoadmapError("no item '\(id)' in the roadmap\(at.map { " of \($0)" } ?? ""); check the id with 'roadmap list'")
                }
                throw RoadmapError("'\(id)' is a \(item.kind?.rawValue ?? "file") with status '\(item.status)'\(item.kind == .release || item.kind == .campaign ? "" : ": only releases and campaigns are forecast"); forecast takes releases and campaigns not yet done, with a date")
            }
            let wanted = Set(ids)
            items = items.filter { wanted.contains($0.id) }
            risks = risks.filter { wanted.contains($0.campaign) || wanted.contains($0.release) }
        }
        return ForecastReport(asOf: asOf, commit: commit, samples: samples, seed: seed, moves: record.moves,
                              datedItems: record.items, heldItems: record.heldItems, observations: record.observationCount,
                              items: items, risks: risks, truncated: slips.contains(where: \.truncated))
    }

    /// `roadmap forecast --backtest`: a forecast on the first day of every past month (the
    /// roadmap at the end of the day before, the moves of the commits it held), each release
    /// and campaign judged by the date that held since (known before `today`).
    public func backtest(today: RoadmapDate, samples: Int, seed: UInt64) throws -> BacktestReport {
        guard let head = try headCommit() else { throw RoadmapError("the repository has no commits yet; commit the roadmap first") }
        let history = try itemHistory()
        defer { try? history.save() }
        let slips = try dated(history, from: head)
        // The dates that held, as today knows them (the item's last value, once its day is past).
        var held: [String: Int] = [:]
        var first = Int.max
        for report in slips {
            if let day = report.series.first.map({ SlipRecord.day(of: $0.date) }) { first = min(first, day) }
            if let value = RoadmapDate(report.current)?.firstDay, value < today.firstDay { held[report.id] = value }
        }
        var months: [BacktestReport.Month] = []
        var month = first == .max ? today.firstDay : SlipRecord.nextMonthStart(after: first)
        while month <= today.firstDay {
            defer { month = SlipRecord.nextMonthStart(after: month) }
            guard let commit = try commitAtEndOfDay(RoadmapDate(dayNumber: month - 1)) else { continue }
            let known = try ancestors(of: commit, in: history)
            let snapshot = try self.snapshot(.commit(commit))
            let labels = Forecaster.labels(of: snapshot)
            let record = SlipRecord(slips: slips, labels: labels, knownDay: month, isKnown: known.contains)
            let result = Forecaster.run(snapshot, today: month, model: SlipModel(record: record), labels: labels,
                                        samples: samples, seed: seed)
            var row = BacktestReport.Month(day: RoadmapDate(dayNumber: month), cases: 0, under50: 0, under80: 0, under95: 0, fallback: 0)
            for forecast in result.items {
                guard let real = held[forecast.id], real >= month else { continue }
                row.cases += 1
                if real <= forecast.p50 { row.under50 += 1 }
                if real <= forecast.p80 { row.under80 += 1 }
                if real <= forecast.p95 { row.under95 += 1 }
                if forecast.source.isFallback { row.fallback += 1 }
            }
            months.append(row)
        }
        return BacktestReport(months: months, samples: samples, seed: seed, truncated: slips.contains(where: \.truncated))
    }

    /// Every dated item's dates along the base branch's history from `head` (`DatedHistory`:
    /// one walk through the history cache's commit records).
    private func dated(_ history: ItemHistory, from head: ObjectID) throws -> [SlipReport] {
        do {
            return try git("reading the history of the dated items") { try DatedHistory.collect(history, from: head) }
        } catch let error as HistoryError {
            throw RoadmapError(error.description)
        }
    }

    /// The commits reachable from `tip` (itself included), through the history cache's
    /// records (commits it has not read yet are read and remembered); a shallow clone's
    /// boundary stops the walk.
    func ancestors(of tip: ObjectID, in history: ItemHistory) throws -> Set<ObjectID> {
        let cache = history.paths.cache
        var seen: Set<ObjectID> = [tip]
        var stack = [tip]
        while let id = stack.popLast() {
            if cache.isShallowBoundary(id) { continue }
            for parent in try git("reading the history", { try cache.record(id).parents }) where seen.insert(parent).inserted {
                stack.append(parent)
            }
        }
        return seen
    }
}
