import Foundation
import GitKit

/// One value a dated item's date held, from a commit on.
public struct SlipPoint: Sendable {
    public var commit: ObjectID
    /// The committer date of that commit.
    public var date: Date
    /// The committer's offset from UTC in minutes, as git recorded it.
    public var offsetMinutes: Int
    /// nil: the field was removed.
    public var value: YAMLValue?
}

/// How a release's `date` or a campaign's `launch` moved over time.
public struct SlipReport: Sendable {
    public var id: String
    public var kind: String
    public var path: String
    /// `date` for releases, `launch` for campaigns.
    public var field: String
    public var firstPlanned: YAMLValue?
    public var current: YAMLValue?
    /// How many times the value changed after it was first set.
    public var moves: Int
    /// current − first planned, in days (first day against first day); nil unless both are dates.
    public var netSlipDays: Int?
    public var lastMovedBy: HistoryAuthor?
    public var lastMovedAt: Date?
    /// Oldest first.
    public var series: [SlipPoint]
}

/// Per dated item (releases: `date`; campaigns: `launch`): first planned date, current date,
/// how many times it moved, the net slip, who moved it last — largest slip first.
public enum Slips {
    public static let datedFields = ["release": "date", "campaign": "launch"]

    /// `kind`: only releases or only campaigns; `since` (a date): only moves from that day
    /// on, the day starting in `timeZone` as `--at`'s days end in it, the value held then
    /// counting as the first planned one.
    public static func compute(history: ItemHistory, from tip: ObjectID? = nil, kind: String? = nil,
                               since: String? = nil, timeZone: TimeZone = .current) throws -> [SlipReport] {
        let repository = history.repository
        guard let tip = try tip ?? repository.headCommitID() else { throw HistoryError.emptyRepository }
        var cutoff: Date?
        if let since {
            guard let date = RoadmapDate(since) else { throw RoadmapAsOf.AsOfError.invalidDay(since) }
            cutoff = RoadmapAsOf.start(ofDay: date.firstDay, in: timeZone)
        }
        var reports: [SlipReport] = []
        for entry in try repository.treeEntries(ofCommit: tip, under: history.root) where entry.mode.isBlob {
            guard let id = history.itemID(of: entry.path) else { continue }
            guard case let .success(data) = history.decoder(try repository.blobData(entry.id)),
                  case let .string(itemKind)? = value(data, "kind"),
                  let field = datedFields[itemKind], kind == nil || kind == itemKind else { continue }
            // The whole history, not `field:`: a release that never had a date is a row
            // without one, where `--field` would refuse the field as unknown.
            let result = try history.history(of: entry.path, from: tip)
            var points: [SlipPoint] = []
            for item in result.entries.reversed() {
                guard let change = item.fields.first(where: { $0.field == field }) else { continue }
                points.append(SlipPoint(commit: item.commit, date: item.committerDate,
                                        offsetMinutes: item.committerOffsetMinutes, value: change.new))
            }
            if let cutoff {
                let before = points.filter { $0.date < cutoff }
                points = (before.last.map { [$0] } ?? []) + points.filter { $0.date >= cutoff }
            }
            reports.append(report(id: id, kind: itemKind, path: entry.path, field: field,
                                  current: value(data, field), points: points, entries: result.entries))
        }
        return sorted(reports)
    }

    /// Largest net slip first; items without one last; then by id.
    public static func sorted(_ reports: [SlipReport]) -> [SlipReport] {
        reports.sorted { a, b in
            switch (a.netSlipDays, b.netSlipDays) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.id < b.id
            }
        }
    }

    static func value(_ data: YAMLValue, _ key: String) -> YAMLValue? {
        guard case let .mapping(pairs) = data else { return nil }
        return pairs.first { $0.key == .string(key) }?.value
    }

    static func report(id: String, kind: String, path: String, field: String, current: YAMLValue?,
                       points: [SlipPoint], entries: [HistoryEntry]) -> SlipReport {
        var first: YAMLValue?
        var last: YAMLValue?
        var moves = 0
        var lastMove: SlipPoint?
        for point in points {
            guard let value = point.value else { continue }
            if first == nil {
                first = value
            } else if value != last {
                moves += 1
                lastMove = point
            }
            last = value
        }
        let mover = lastMove.flatMap { move in entries.first { $0.commit == move.commit }?.author }
        return SlipReport(id: id, kind: kind, path: path, field: field, firstPlanned: first, current: current,
                          moves: moves, netSlipDays: RoadmapDate.days(from: first, to: current),
                          lastMovedBy: mover, lastMovedAt: lastMove?.date, series: points)
    }

    /// The dates of the series as a sparkline (`▁` earliest … `█` latest).
    public static func chart(_ points: [SlipPoint]) -> String {
        let days = points.compactMap { RoadmapDate($0.value)?.firstDay }
        guard let low = days.min(), let high = days.max() else { return "" }
        let bars = Array("▁▂▃▄▅▆▇█")
        return String(days.map { day in
            high == low ? bars[0] : bars[(day - low) * (bars.count - 1) / (high - low)]
        })
    }

    /// A table: item, kind, first, current, moves, slip, last moved by, chart.
    public static func render(_ reports: [SlipReport]) -> String {
        let header = ["ITEM", "KIND", "FIRST", "CURRENT", "MOVES", "SLIP", "LAST MOVED BY", "CHART"]
        var rows = [header]
        for report in reports {
            let slip = report.netSlipDays.map { "\($0 >= 0 ? "+" : "")\($0)d" } ?? "-"
            rows.append([report.id, report.kind, HistoryText.flow(report.firstPlanned), HistoryText.flow(report.current),
                         String(report.moves), slip, report.lastMovedBy?.name ?? "-", chart(report.series)])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    /// `{"schemaVersion": 1, "items": [{id, kind, path, field, first, current, moves, slipDays,
    /// lastMovedBy, series: [{commit, date, value}]}]}`; a point's `date` is its commit's
    /// committer date in ISO 8601 with the offset git recorded, as history's dates keep theirs.
    public static func json(_ reports: [SlipReport]) -> JSONValue {
        .object([
            ("schemaVersion", .int(1)),
            ("items", .array(reports.map { report in
                .object([
                    ("id", .string(report.id)),
                    ("kind", .string(report.kind)),
                    ("path", .string(report.path)),
                    ("field", .string(report.field)),
                    ("first", report.firstPlanned.map(JSONValue.init) ?? .null),
                    ("current", report.current.map(JSONValue.init) ?? .null),
                    ("moves", .int(report.moves)),
                    ("slipDays", report.netSlipDays.map(JSONValue.int) ?? .null),
                    ("lastMovedBy", report.lastMovedBy.map { .object([("name", .string($0.name)), ("email", .string($0.email))]) } ?? .null),
                    ("series", .array(report.series.map { point in
                        .object([
                            ("commit", .string(point.commit.hex)),
                            ("date", .string(CommitTime.iso8601(point.date, offsetMinutes: point.offsetMinutes))),
                            ("value", point.value.map(JSONValue.init) ?? .null),
                        ])
                    })),
                ])
            })),
        ])
    }
}
