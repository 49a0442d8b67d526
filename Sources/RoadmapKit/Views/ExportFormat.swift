/// The formats of `roadmap export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    case json, csv, ics, html

    /// Renders a view. `template` is the HTML template's text (see `HTMLExporter`).
    public func render(_ view: RoadmapView, template: String? = nil) throws -> String {
        switch self {
        case .json: return JSONExporter.render(view)
        case .csv: return CSVExporter.render(view)
        case .ics: return ICalendarExporter.render(view)
        case .html: return try HTMLExporter.render(view, template: template)
        }
    }
}

/// The formats of `roadmap timeline`.
public enum TimelineFormat: String, Sendable, CaseIterable {
    case text, mermaid, html
}
