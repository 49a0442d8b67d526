import Foundation
import RoadmapKit

/// The slips chart of an item page: its date field over its history, as SVG coordinates (a
/// step line from the oldest version to the newest). Drawn with SVG attributes, which the
/// Content-Security-Policy allows, not inline styles, which it forbids.
enum SlipsChart {
    static let width = 600.0, height = 160.0, pad = 24.0

    static func model(entries: [HistoryEntry], field: String?) -> [String: Any]? {
        guard let field else { return nil }
        // Oldest first: each version's date, where it parses as a date.
        var points: [(label: String, day: Int, text: String)] = []
        for entry in entries.reversed() {
            guard case let .mapping(pairs)? = entry.data, let value = pairs.first(where: { $0.key == .string(field) })?.value,
                  case let .string(text) = value, let date = RoadmapDate(text) else { continue }
            if points.last?.text == text { continue }
            points.append((String(entry.date.prefix(10)), date.firstDay, text))
        }
        guard points.count >= 2, let low = points.map(\.day).min(), let high = points.map(\.day).max() else { return nil }
        let span = Double(max(high - low, 1))
        let step = (width - 2 * pad) / Double(points.count - 1)
        func y(_ day: Int) -> Double { height - pad - (Double(day - low) / span) * (height - 2 * pad) }
        let coordinates = points.enumerated().map { i, p in (x: pad + Double(i) * step, y: y(p.day), p: p) }
        let path = coordinates.map { String(format: "%.1f,%.1f", locale: Locale(identifier: "en_US_POSIX"), $0.x, $0.y) }.joined(separator: " ")
        return [
            "width": Int(width), "height": Int(height), "points": path, "field": field,
            "dots": coordinates.map { c -> [String: Any] in
                ["x": String(format: "%.1f", locale: Locale(identifier: "en_US_POSIX"), c.x),
                 "y": String(format: "%.1f", locale: Locale(identifier: "en_US_POSIX"), c.y),
                 "label": "\(c.p.text) (as of \(c.p.label))", "text": c.p.text]
            },
            "moves": points.count - 1,
        ]
    }
}
