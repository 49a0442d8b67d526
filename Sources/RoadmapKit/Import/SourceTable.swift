/// An export as named values per row, whatever its format: a CSV's header and cells, or the
/// keys of GitHub Projects' JSON items. The map then says what each name becomes.
struct SourceTable: Sendable {
    struct Value: Sendable {
        var column: String
        var text: String
        var location: SourceLocation?
    }

    struct Row: Sendable {
        /// In column order; a repeated column (Jira's Labels, Fix Version/s) gives several values.
        var values: [Value]
        var location: SourceLocation?
        /// How a message names the row when it has no position: `items[3]`.
        var label: String
    }

    var path: String
    /// The distinct column names, in order of first appearance.
    var columns: [String]
    var columnLocations: [String: SourceLocation] = [:]
    var rows: [Row]
    /// Dates the source gives for release names (a GitHub iteration's last day, a milestone's due date).
    var releaseDates: [String: String] = [:]

    /// A CSV file: one value per cell, repeated header names kept in order.
    init(csv table: CSVTable, path: String) {
        self.path = path
        var seen = Set<String>()
        columns = table.header.filter { seen.insert($0).inserted }
        for (name, location) in zip(table.header, table.headerLocations) where columnLocations[name] == nil {
            columnLocations[name] = location
        }
        let header = table.header
        rows = table.rows.map { row in
            Row(values: zip(header, zip(row.cells, row.locations)).map { Value(column: $0.0, text: $0.1.0, location: $0.1.1) },
                location: row.locations.first, label: "line \(row.line)")
        }
    }

    init(path: String, columns: [String], rows: [Row], releaseDates: [String: String]) {
        self.path = path
        self.columns = columns
        self.rows = rows
        self.releaseDates = releaseDates
    }
}
