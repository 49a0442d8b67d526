import Foundation
import GitKit

/// One move of a dated item's date (a release's `date`, a campaign's `launch`).
public struct SlipMove: Sendable, Equatable {
    public var item: String
    public var kind: String
    /// The day (UTC) of the commit that moved it.
    public var day: Int
    public var from: Int
    public var to: Int
    /// Days from the move to the date that actually held; nil while no date has held yet.
    public var untilHeld: Int?

    /// The move's size in days (positive: later).
    public var size: Int { to - from }
}

/// What a dated item's plan was on the first of a month, and what became of it: the unit
/// the forecast draws from (see docs/forecast.md). Only items whose date held are observed.
struct SlipObservation: Sendable, Equatable {
    /// Planned date − that day, in days.
    var horizon: Int
    /// The date that held − the planned date, in days.
    var residual: Int
    /// Days before the held date that the held date was set (negative: set after the day).
    var lead: Int
}

/// The record of slips a forecast learns from: every move of every dated item, and the
/// monthly observations of the items whose date held — as known at one moment: moves in
/// commits that `isKnown` accepts, dates held before `knownDay`.
public struct SlipRecord: Sendable {
    /// Grouping of an item: its kind, and its theme and owner when it has them.
    public struct Labels: Sendable, Equatable {
        public var theme: String?
        public var owner: String?

        public init(theme: String? = nil, owner: String? = nil) {
            self.theme = theme
            self.owner = owner
        }
    }

    public private(set) var moves: [SlipMove] = []
    /// Items whose date held (known before `knownDay`).
    public private(set) var heldItems = 0
    /// The dated items the record saw.
    public private(set) var items = 0
    /// Observations by group key (`kind:release`, `theme:billing`, `owner:maria`, `all`).
    var observations: [String: [SlipObservation]] = [:]
    /// Moves of the items whose date held, by group key: what a group is judged by.
    var heldMoves: [String: Int] = [:]

    /// Builds the record from `slips` (the whole history from HEAD, `Slips.compute`), seeing
    /// only the points `isKnown` accepts (nil: every point) and the dates held before `knownDay`.
    public init(slips: [SlipReport], labels: [String: Labels], knownDay: Int,
                isKnown: ((ObjectID) -> Bool)? = nil) {
        for report in slips {
            let points = report.series.filter { isKnown?($0.commit) ?? true }
            var run: [(day: Int, value: Int?)] = []
            for point in points {
                let value = RoadmapDate(point.value)?.firstDay
                if let last = run.last, last.value == value { continue }
                run.append((Self.day(of: point.date), value))
            }
            guard !run.isEmpty else { continue }
            items += 1
            // The date that held: the last value, once its day is past.
            var held: (value: Int, setDay: Int)?
            if let last = run.last, let value = last.value, value < knownDay { held = (value, last.day) }
            let label = labels[report.id] ?? Labels()
            let keys = Self.keys(kind: report.kind, labels: label)
            var previous: Int?
            var moved = 0
            for step in run {
                if let from = previous, let to = step.value {
                    moves.append(SlipMove(item: report.id, kind: report.kind, day: step.day, from: from, to: to,
                                          untilHeld: held.map { $0.value - step.day }))
                    moved += 1
                }
                if step.value != nil { previous = step.value }
            }
            guard let held else { continue }
            heldItems += 1
            for key in keys { heldMoves[key, default: 0] += moved }
            // The first of each month from the first point on, while the date had not come.
            var month = Self.nextMonthStart(after: run[0].day)
            while month <= held.value && month < knownDay {
                if let planned = run.last(where: { $0.day < month })?.value {
                    let observation = SlipObservation(horizon: planned - month, residual: held.value - planned,
                                                      lead: held.value - held.setDay)
                    for key in keys { observations[key, default: []].append(observation) }
                }
                month = Self.nextMonthStart(after: month)
            }
        }
    }

    /// The group keys of an item, most specific first.
    static func keys(kind: String, labels: Labels) -> [String] {
        var keys: [String] = []
        if let theme = labels.theme { keys.append("theme:\(theme)") }
        if let owner = labels.owner { keys.append("owner:\(owner)") }
        return keys + ["kind:\(kind)", "all"]
    }

    /// How many observations the record has in all.
    public var observationCount: Int { observations["all"]?.count ?? 0 }

    /// The UTC day of a moment (days since 1970-01-01).
    static func day(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The first day of the month after the one holding `day`.
    static func nextMonthStart(after day: Int) -> Int {
        let (year, month, _) = RoadmapDate.civil(fromDayNumber: day)
        return month == 12 ? RoadmapDate.dayNumber(year: year + 1, month: 1, day: 1)
            : RoadmapDate.dayNumber(year: year, month: month + 1, day: 1)
    }
}
