import Foundation

/// A CSV file read as RFC 4180 describes it: a header row, then records of the same number of
/// cells; cells may be quoted (`"a, b"`), a quote inside one is doubled (`""`), and a quoted
/// cell may span lines. Records end with CRLF or LF; a UTF-8 BOM is skipped; the delimiter is
/// `,` or `;` (LibreOffice in many locales), found from the header row unless given.
///
/// Strict on purpose: a stray quote, text after a closing quote, a record with a different
/// number of cells or a file cut inside a quoted cell is an error at its line and column,
/// because a lenient reader would import a shifted column as the wrong field.
public struct CSVTable: Sendable {
    public var header: [String]
    public var headerLocations: [SourceLocation]
    public var rows: [CSVRow]
    /// The delimiter used (`,`, `;` or a tab).
    public var delimiter: Character
}

/// One record with the position where each of its cells starts.
public struct CSVRow: Sendable {
    public var cells: [String]
    public var locations: [SourceLocation]
    public var line: Int { locations.first?.line ?? 0 }
}

public enum CSVReader {
    /// The delimiters detected from the header row, in order of preference on a tie.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    public static func read(_ bytes: [UInt8], path: String, delimiter given: Character? = nil) throws(ImportInputError) -> CSVTable {
        let body = try SourceText.decode(bytes, path: path)
        let delimiter: UInt8
        if let given {
            guard let ascii = given.asciiValue, given != "\"", given != "\n", given != "\r" else {
                throw ImportInputError(path: path, location: nil, "the delimiter must be one ASCII character other than a quote or a line break, not '\(given)'")
            }
            delimiter = ascii
        } else {
            delimiter = detect(body)
        }
        var records = try parse(body, delimiter: delimiter, path: path)
        guard !records.isEmpty else {
            throw ImportInputError(path: path, location: SourceLocation(line: 1, column: 1), "the file is empty; a CSV import needs a header row")
        }
        let header = records.removeFirst()
        let width = header.cells.count
        for (index, row) in records.enumerated() where row.cells.count != width {
            let last = index == records.count - 1
            let location = row.cells.count > width ? row.locations[width] : row.locations[row.locations.count - 1]
            throw ImportInputError(path: path, location: location,
                                   "this row has \(row.cells.count) cells and the header has \(width)\(last && row.cells.count < width ? " (is the file truncated?)" : "")")
        }
        return CSVTable(header: header.cells.map { $0.trimmingCharacters(in: .whitespaces) },
                        headerLocations: header.locations, rows: records, delimiter: Character(Unicode.Scalar(delimiter)))
    }

    /// The candidate found most often in the first line outside quotes (`,` on a tie or none).
    static func detect(_ body: ArraySlice<UInt8>) -> UInt8 {
        var counts = [UInt8: Int]()
        var quoted = false
        for b in body {
            if b == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if !quoted && (b == 0x0A || b == 0x0D) { break }
            if !quoted && candidates.contains(b) { counts[b, default: 0] += 1 }
        }
        var best = candidates[0]
        for candidate in candidates.dropFirst() where counts[candidate, default: 0] > counts[best, default: 0] { best = candidate }
        return best
    }

    static func parse(_ body: ArraySlice<UInt8>, delimiter: UInt8, path: String) throws(ImportInputError) -> [CSVRow] {
        let quote = UInt8(ascii: "\""), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var rows: [CSVRow] = []
        var cells: [String] = []
        var locations: [SourceLocation] = []
        var cell: [UInt8] = []
        cell.reserveCapacity(256)
        var line = 1, column = 1
        var i = body.startIndex
        let end = body.endIndex

        // Advances past one byte, keeping line and column (columns count Unicode scalars).
        func step(_ b: UInt8) {
            if b == lf { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        func finishRecord() {
            // A blank line (one empty unquoted cell) is no record: spreadsheets end files with one.
            if !(cells.count == 1 && cells[0].isEmpty && rows.first.map({ $0.cells.count > 1 }) ?? true) {
                rows.append(CSVRow(cells: cells, locations: locations))
            }
            cells.removeAll(keepingCapacity: true)
            locations.removeAll(keepingCapacity: true)
        }

        while i < end {
            let start = SourceLocation(line: line, column: column)
            cell.removeAll(keepingCapacity: true)
            if body[i] == quote {
                step(quote)
                i += 1
                var closed = false
                while i < end {
                    let b = body[i]
                    if b == quote {
                        if i + 1 < end && body[i + 1] == quote {
                            cell.append(quote)
                            step(b); step(b)
                            i += 2
                            continue
                        }
                        step(b)
                        i += 1
                        closed = true
                        break
                    }
                    // CRLF inside a cell becomes LF: the text goes into YAML, which has no CR.
                    if b == cr && i + 1 < end && body[i + 1] == lf { i += 1; continue }
                    cell.append(b)
                    step(b)
                    i += 1
                }
                guard closed else {
                    throw ImportInputError(path: path, location: start, "this quoted cell is never closed (is the file truncated?)")
                }
                if i < end && body[i] != delimiter && body[i] != cr && body[i] != lf {
                    throw ImportInputError(path: path, location: SourceLocation(line: line, column: column),
                                           "text after the closing quote of a cell; a quote inside a quoted cell is written twice (\"\")")
                }
            } else {
                while i < end {
                    let b = body[i]
                    if b == delimiter || b == cr || b == lf { break }
                    if b == quote {
                        throw ImportInputError(path: path, location: SourceLocation(line: line, column: column),
                                               "a quote inside an unquoted cell; quote the whole cell and write the quote twice (\"\")")
                    }
                    cell.append(b)
                    step(b)
                    i += 1
                }
            }
            cells.append(String(decoding: cell, as: UTF8.self))
            locations.append(start)
            if i >= end {
                finishRecord()
                break
            }
            let b = body[i]
            if b == delimiter {
                step(b)
                i += 1
                if i == end {  // a trailing delimiter: one more, empty cell
                    cells.append("")
                    locations.append(SourceLocation(line: line, column: column))
                    finishRecord()
                }
                continue
            }
            // CRLF, LF or a lone CR ends the record.
            if b == cr && i + 1 < end && body[i + 1] == lf { i += 1 }
            i += 1
            line += 1
            column = 1
            finishRecord()
        }
        return rows
    }
}
