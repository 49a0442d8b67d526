import Foundation
import Mustache

/// `export --format html` (and `timeline --format html`): one self-contained page — inline CSS,
/// no scripts, no network — with the timeline of both lanes and a table of findings, rendered
/// from `templates/export.html.mustache` so that a team can restyle it. Item text reaches the
/// template only through `{{…}}`, which HTML-escapes it; control characters are dropped first.
public enum HTMLExporter {
    public static let templatePath = "templates/export.html.mustache"

    /// Renders with `template`, else the template shipped with the tool; with `forecasts`
    /// (`--forecast`), each forecast item gets a P50–P95 whisker.
    public static func render(_ view: RoadmapView, template: String? = nil, from: RoadmapDate? = nil, to: RoadmapDate? = nil,
                              forecasts: [ItemForecast] = []) throws -> String {
        guard let text = template ?? Resources.text(templatePath) else {
            throw RoadmapError("the HTML template \(templatePath) is missing from this build")
        }
        let compiled: MustacheTemplate
        do {
            compiled = try MustacheTemplate(string: text)
        } catch {
            throw RoadmapError("\(templatePath): not a valid Mustache template (\(error)); fix it or remove it to use the built-in one")
        }
        return compiled.render(context(view, timeline: Timeline(view, from: from, to: to), forecasts: forecasts))
    }

    /// A percentage for a CSS length, e.g. `12.345`.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), fraction * 100)
    }

    /// A CSS class token from item text: lower-case letters, digits and `-` only.
    static func token(_ s: String) -> String {
        let t = String(s.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }.map(Character.init))
        return t.isEmpty ? "other" : t
    }

    static func clean(_ s: String) -> String { sanitizeForTerminal(s) }

    /// The values the template sees. Absent values are `false`, never missing, so that a
    /// section never picks up a same-named value of an enclosing context.
    public static func context(_ view: RoadmapView, timeline: Timeline, forecasts: [ItemForecast] = []) -> [String: Any] {
        let forecastByID = Dictionary(forecasts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let todayLeft: Any = timeline.today.firstDay >= timeline.firstDay && timeline.today.firstDay <= timeline.lastDay
            ? percent(timeline.position(ofDay: timeline.today.firstDay)) : false
        func row(_ entry: Timeline.Entry) -> [String: Any] {
            var markers: [[String: Any]] = []
            var bar: Any = false
            if let first = entry.firstDay, let last = entry.lastDay {
                let left = timeline.position(ofDay: first)
                let right = timeline.position(ofDay: min(last, timeline.lastDay) + 1)
                switch entry.kind {
                case .release:
                    if let date = entry.marker, date.precision != .day {
                        bar = ["kind": "release", "left": percent(left), "width": percent(max(right - left, 0.004))]
                    }
                    markers.append(["type": "ship", "left": percent(timeline.position(ofDay: first)), "label": "ships \(entry.dateText)"])
                default:
                    bar = ["kind": entry.kind.rawValue, "left": percent(left), "width": percent(max(right - left, 0.004))]
                }
            }
            if entry.kind == .campaign {
                for promoted in entry.promoted {
                    guard let date = promoted.date, date.lastDay >= timeline.firstDay, date.firstDay <= timeline.lastDay else { continue }
                    markers.append(["type": "promoted", "left": percent(timeline.position(ofDay: date.firstDay)),
                                    "label": clean("\(promoted.id) ships \(date.text)")])
                }
                if let launch = entry.marker, launch.firstDay >= timeline.firstDay, launch.firstDay <= timeline.lastDay {
                    markers.append(["type": "launch", "left": percent(timeline.position(ofDay: launch.firstDay)), "label": "launch \(launch.text)"])
                }
            }
            // An arrow from where each dependency ends (plus the lag) to where the item starts:
            // pointing back, in red, when the item starts too early.
            var arrows: [[String: Any]] = []
            for dependency in entry.dependsOn {
                guard let from = dependency.earliestStart, let to = entry.startDay ?? entry.firstDay else { continue }
                let (a, b) = (timeline.position(ofDay: min(from, to)), timeline.position(ofDay: max(from, to)))
                arrows.append(["left": percent(a), "width": percent(max(b - a, 0.004)), "late": to < from,
                               "label": clean("after \(dependency.id)" + (dependency.end.map { " (ends \($0.text))" } ?? "")
                                              + (dependency.lag == 0 ? "" : ", lag \(dependency.lag) days"))])
            }
            let after = entry.dependsOn.map(\.id).joined(separator: ", ")
            let errors = entry.findings.filter { $0.severity == .error }.count
            let warnings = entry.findings.filter { $0.severity == .warning }.count
            let promotes = entry.promoted.map { "\($0.id) (\($0.date?.text ?? "no date"))" }.joined(separator: ", ")
            return [
                "id": clean(entry.id), "kind": entry.kind.rawValue, "title": clean(entry.title),
                "status": clean(entry.status), "statusClass": token(entry.status),
                "owner": entry.owner.map(clean) ?? false, "dateText": clean(entry.dateText),
                "promotes": promotes.isEmpty ? false : clean(promotes),
                "flag": entry.worst.map { $0 == .info ? "info" : $0.rawValue } ?? false,
                "standout": entry.launchesBeforeRelease,
                "errors": errors > 0 ? errors : false, "warnings": warnings > 0 ? warnings : false,
                "hasFindings": !entry.findings.isEmpty,
                "findings": entry.findings.map { ["rule": $0.rule, "message": clean($0.message)] },
                "bar": bar, "markers": markers, "todayLeft": todayLeft,
                "arrows": arrows, "after": after.isEmpty ? false : clean(after),
                "whisker": forecastByID[entry.id].flatMap { ForecastWhisker($0, on: timeline) }.map { whisker -> [String: Any] in
                    ["left": percent(whisker.left), "width": percent(whisker.right - whisker.left), "label": whisker.label]
                } ?? false,
            ]
        }
        let ticks: [[String: Any]] = timeline.ticks.map { tick in
            let left = timeline.position(ofDay: tick.firstDay)
            let right = tick.lastDay >= timeline.lastDay ? 1.0 : timeline.position(ofDay: tick.lastDay + 1)
            return ["label": tick.label, "left": percent(left), "width": percent(right - left)]
        }
        let findings: [[String: Any]] = view.findings.map { f in
            ["severity": f.severity.rawValue, "rule": f.rule, "item": clean(f.item), "path": clean(f.path),
             "line": f.line, "column": f.column, "message": clean(f.message), "standout": f.rule == "launch-before-release"]
        }
        return [
            "title": "Roadmap",
            "commit": view.commit?.hex ?? false,
            "date": view.commitDateText ?? false,
            "today": view.today.text,
            "scale": timeline.scale.rawValue,
            "axisFrom": timeline.ticks.first!.label,
            "axisTo": timeline.ticks.last!.label,
            "itemCount": view.snapshot.count,
            "errorCount": view.findings.filter { $0.severity == .error }.count,
            "warningCount": view.findings.filter { $0.severity == .warning }.count,
            "ticks": ticks,
            "lanes": [
                ["name": "Product", "laneClass": "product", "rows": timeline.product.map(row)],
                ["name": "Marketing", "laneClass": "marketing", "rows": timeline.marketing.map(row)],
            ] as [[String: Any]],
            "hasUndated": !timeline.undated.isEmpty,
            "undated": timeline.undated.map { ["id": clean($0.id)] },
            "hasFindings": !findings.isEmpty,
            "findings": findings,
            "findingsShown": view.audience.seesFindings,
            "audience": view.audience.rawValue,
            "forecast": !forecasts.isEmpty,
        ]
    }
}
