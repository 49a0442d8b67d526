/// Comma-separated values per RFC 4180, safe to open in a spreadsheet.
public enum CSV {
    /// One field: quoted when it holds a comma, quote or line break; a value that a
    /// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is
    /// prefixed with an apostrophe so that it stays text.
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rows joined with CRLF, as the RFC has it, ending with a CRLF.
    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }
}
