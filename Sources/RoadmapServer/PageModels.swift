import Foundation
import GitKit
import RoadmapKit

/// Turns RoadmapKit's values into what the page templates show. Presentation only: the
/// rules, the timeline layout and the board come from RoadmapKit; text is cleaned of control
/// characters here and escaped by the templates.
enum PageModels {
    static let pageSize = 200
    static let cardsPerColumn = 50
    /// With every kind's board on one page (four boards), fewer cards a column: the page
    /// weighs about what one kind's board does (measured at 10,000 items: docs/serve.md).
    static let cardsPerColumnAllKinds = 20

    static func clean(_ s: String) -> String { sanitizeForTerminal(s) }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), fraction * 100)
    }

    static func text(_ value: YAMLValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case let .string(s)?: return clean(s)
        case let .int(i)?: return String(i)
        case let .float(f)?: return String(f)
        case let .bool(b)?: return String(b)
        case let .sequence(items)?: return items.map { text($0) }.joined(separator: ", ")
        case let .mapping(pairs)?: return pairs.map { "\(text($0.key)): \(text($0.value))" }.joined(separator: "; ")
        }
    }

    /// A field's value as the item page shows it: a list of records (a campaign's assets) one
    /// record a line, since run together they read as one sentence; anything else one line.
    static func lines(_ value: YAMLValue?) -> [String] {
        if case let .sequence(items)? = value, items.contains(where: { if case .mapping = $0 { return true } else { return false } }) {
            return items.map { text($0) }
        }
        return [text(value)]
    }

    /// A query string of the non-empty parameters, percent-encoded (`a=1&b=x%20y`), so that a
    /// pager's links keep the filters, the zoom and the branch of the page they are on.
    static func query(_ pairs: [(String, String?)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?/")
        return pairs.compactMap { name, value in
            guard let value, !value.isEmpty else { return nil }
            return "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// `?query&page=N`: the link to page N keeping everything else.
    static func pageLink(_ query: String, _ page: Int) -> String {
        "?" + (query.isEmpty ? "" : query + "&") + "page=\(page)"
    }

    static func finding(_ f: Finding) -> [String: Any] {
        ["severity": f.severity.rawValue, "rule": f.rule, "item": clean(f.item), "message": clean(f.message),
         "related": f.related.map { ["id": clean($0)] }, "isError": f.severity == .error]
    }

    /// The theme an item belongs to (an epic's theme, a story's epic's theme), for the filter.
    static func theme(of item: Item, in snapshot: Snapshot) -> String? {
        switch item.kind {
        case .theme?: item.id
        case .epic?: item.theme
        case .story?: item.epic.flatMap { snapshot[$0] }?.theme
        default: nil
        }
    }

    // MARK: Timeline

    struct TimelineFilters {
        var kind: String?
        var theme: String?
        var owner: String?
        var status: String?
        var page: Int
        /// The page's other parameters (`on`, `scale`), kept by the pager's links.
        var scale: String? = nil
        var on: String? = nil

        var query: String {
            PageModels.query([("on", on), ("scale", scale), ("kind", kind), ("theme", theme), ("owner", owner), ("status", status)])
        }
    }

    /// `forecasts` (`?forecast=1`): a P50–P95 whisker on each forecast item's row.
    static func timeline(_ view: RoadmapView, _ index: ViewIndex, _ timeline: Timeline, filters: TimelineFilters,
                         forecasts: [ItemForecast] = []) -> [String: Any] {
        let snapshot = view.snapshot
        // The releases with an epic of the chosen theme, found once (not once per row: at
        // 10,000 items a scan per row is 10^8 comparisons).
        let themedReleases: Set<String> = filters.theme.map { theme in
            Set(snapshot.items.lazy.filter { $0.kind == .epic && $0.theme == theme }.compactMap(\.release))
        } ?? []
        let forecastByID = Dictionary(forecasts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func keep(_ entry: Timeline.Entry) -> Bool {
            if let kind = filters.kind, entry.kind.rawValue != kind { return false }
            if let owner = filters.owner, entry.owner?.caseInsensitiveCompare(owner) != .orderedSame { return false }
            if let status = filters.status, entry.status != status { return false }
            if let theme = filters.theme {
                guard let item = snapshot[entry.id] else { return false }
                switch item.kind {
                case .release?:
                    return themedReleases.contains(item.id)
                case .campaign?:
                    return entry.promoted.contains { themedReleases.contains($0.id) }
                default:
                    return Self.theme(of: item, in: snapshot) == theme
                }
            }
            return true
        }
        let todayLeft: Any = timeline.today.firstDay >= timeline.firstDay && timeline.today.firstDay <= timeline.lastDay
            ? percent(timeline.position(ofDay: timeline.today.firstDay)) : false
        func row(_ entry: Timeline.Entry) -> [String: Any] {
            var bar: Any = false
            var markers: [[String: Any]] = []
            if let first = entry.firstDay, let last = entry.lastDay {
                let left = timeline.position(ofDay: first)
                let right = timeline.position(ofDay: min(last, timeline.lastDay) + 1)
                if entry.kind == .release {
                    markers.append(["type": "ship", "x": percent(left), "label": "ships \(clean(entry.dateText))"])
                    if let date = entry.marker, date.precision != .day {
                        bar = ["x": percent(left), "width": percent(max(right - left, 0.004))]
                    }
                } else {
                    bar = ["x": percent(left), "width": percent(max(right - left, 0.004))]
                }
            }
            if entry.kind == .campaign {
                // Assets (SPEC §13) first, so that a launch on the same day is drawn over them.
                for asset in entry.assets where asset.day.firstDay >= timeline.firstDay && asset.day.firstDay <= timeline.lastDay {
                    markers.append(["type": "asset", "x": percent(timeline.position(ofDay: asset.day.firstDay)),
                                    "label": clean("\(asset.title) (\(asset.id), \(asset.status)) \(asset.day.text)")])
                }
                for promoted in entry.promoted {
                    guard let date = promoted.date, date.lastDay >= timeline.firstDay, date.firstDay <= timeline.lastDay else { continue }
                    markers.append(["type": "promoted", "x": percent(timeline.position(ofDay: date.firstDay)),
                                    "label": clean("\(promoted.id) ships \(date.text)")])
                }
                if let launch = entry.marker, launch.firstDay >= timeline.firstDay, launch.firstDay <= timeline.lastDay {
                    markers.append(["type": "launch", "x": percent(timeline.position(ofDay: launch.firstDay)), "label": "launch \(launch.text)"])
                }
            }
            // A dependency arrow (SPEC §14, as the export draws it): from where each dependency
            // ends (plus the lag) to where the item starts, pointing back when it starts too early.
            // `entry.dependsOn` holds only items of the view: an audience sees no arrow to what it
            // cannot see.
            var arrows: [[String: Any]] = []
            for dependency in entry.dependsOn {
                guard let from = dependency.earliestStart, let to = entry.startDay ?? entry.firstDay,
                      max(from, to) >= timeline.firstDay, min(from, to) <= timeline.lastDay else { continue }
                let clip = { (day: Int) in min(max(day, timeline.firstDay), timeline.lastDay + 1) }
                arrows.append(["x": percent(timeline.position(ofDay: clip(from))), "x2": percent(timeline.position(ofDay: clip(to))),
                               "late": to < from, "id": clean(dependency.id),
                               "label": clean("after \(dependency.id)" + (dependency.end.map { " (ends \($0.text))" } ?? "")
                                              + (dependency.lag == 0 ? "" : ", lag \(dependency.lag) days"))])
            }
            let after = entry.dependsOn.map(\.id).joined(separator: ", ")
            return [
                "arrows": arrows, "after": after.isEmpty ? false : clean(after),
                "id": clean(entry.id), "kind": entry.kind.rawValue, "title": clean(entry.title), "status": clean(entry.status),
                "owner": entry.owner.map(clean) ?? false, "dateText": clean(entry.dateText),
                "flag": entry.worst.map { $0 == .info ? "info" : $0.rawValue } ?? false,
                "mismatch": entry.launchesBeforeRelease,
                "findings": entry.findings.map(finding), "hasFindings": !entry.findings.isEmpty,
                "bar": bar, "markers": markers, "todayLeft": todayLeft,
                "whisker": forecastByID[entry.id].flatMap { ForecastWhisker($0, on: timeline) }.map { whisker -> [String: Any] in
                    ["x": percent(whisker.left), "x2": percent(whisker.right), "label": whisker.label]
                } ?? false,
            ]
        }
        func lane(_ name: String, _ entries: [Timeline.Entry]) -> [String: Any] {
            let kept = entries.filter(keep)
            let start = (filters.page - 1) * pageSize
            let shown = start < kept.count ? Array(kept[start..<min(start + pageSize, kept.count)]) : []
            return ["name": name, "laneClass": name.lowercased(), "rows": shown.map(row), "count": kept.count,
                    "empty": shown.isEmpty, "more": kept.count > start + pageSize]
        }
        let lanes = [lane("Product", timeline.product), lane("Marketing", timeline.marketing)]
        let hasMore = lanes.contains { $0["more"] as? Bool == true }
        let ticks: [[String: Any]] = timeline.ticks.map { tick in
            let left = timeline.position(ofDay: tick.firstDay)
            let right = tick.lastDay >= timeline.lastDay ? 1.0 : timeline.position(ofDay: tick.lastDay + 1)
            return ["label": tick.scaleLabel(timeline.scale), "x": percent(left), "width": percent(right - left)]
        }
        let owners = index.owners, themes = index.themes, statuses = index.statuses
        func options(_ values: [String], _ selected: String?) -> [[String: Any]] {
            values.map { ["value": clean($0), "selected": $0 == selected] }
        }
        return [
            "scaleMonth": timeline.scale == .month, "scaleQuarter": timeline.scale == .quarter,
            "ticks": ticks, "lanes": lanes, "todayLeft": todayLeft, "today": view.today.text,
            "kinds": options(["release", "epic", "campaign"], filters.kind),
            "themes": options(themes, filters.theme), "owners": options(owners, filters.owner),
            "statuses": options(statuses, filters.status),
            "undated": timeline.undated.prefix(pageSize).map { ["id": clean($0.id), "title": clean($0.title)] },
            "hasUndated": !timeline.undated.isEmpty,
            "page": filters.page,
            "nextPage": hasMore ? pageLink(filters.query, filters.page + 1) : false,
            "previousPage": filters.page > 1 ? pageLink(filters.query, filters.page - 1) : false,
        ]
    }

    // MARK: Board

    static func board(_ view: RoadmapView, _ index: ViewIndex, blobs: [String: String], kinds: [Kind], page: Int, on: String?) -> [String: Any] {
        let perColumn = kinds.count == 1 ? cardsPerColumn : cardsPerColumnAllKinds
        let boards: [[String: Any]] = kinds.map { kind in
            let board = index.board(view, kind: kind)
            let statuses = kind.statuses
            return [
                "kind": kind.rawValue, "title": kind.folder.capitalized,
                "columns": board.columns.map { column -> [String: Any] in
                    let start = (page - 1) * perColumn
                    let shown = start < column.cards.count ? Array(column.cards[start..<min(start + perColumn, column.cards.count)]) : []
                    return [
                        "status": clean(column.status), "count": column.cards.count,
                        "more": column.cards.count > start + perColumn ? column.cards.count - start - perColumn : false,
                        "cards": shown.map { card -> [String: Any] in
                            let findings = index.findings(of: card.id)
                            return [
                                "id": clean(card.id), "title": clean(card.title), "owner": card.owner.map(clean) ?? false,
                                "blob": blobs[card.id] ?? "", "kind": card.kind.rawValue,
                                "errors": findings.contains { $0.severity == .error },
                                "statuses": statuses.map { ["value": $0, "selected": $0 == column.status] },
                            ]
                        },
                    ]
                },
            ]
        }
        let hasMore = boards.contains { ($0["columns"] as? [[String: Any]] ?? []).contains { $0["more"] is Int } }
        let query = Self.query([("on", on), ("kind", kinds.count == 1 ? kinds[0].rawValue : nil)])
        return ["boards": boards, "page": page,
                "nextPage": hasMore ? pageLink(query, page + 1) : false,
                "previousPage": page > 1 ? pageLink(query, page - 1) : false]
    }
}

extension Timeline.Tick {
    /// `Sep 2026` for months, `Q3 2026` for quarters.
    func scaleLabel(_ scale: Timeline.Scale) -> String {
        let year = label.prefix(4)
        return "\(shortLabel) \(year)"
    }
}
