/// Turns the bytes of an item file into what the model reads: a syntax tree, or the reason
/// it cannot be read, with the place.
public enum ItemParsing {
    public static func parse(_ file: SourceFile) -> ParsedFile {
        if file.isSymlink {
            let target = String(decoding: file.bytes, as: UTF8.self)
            return ParsedFile(path: file.path, outcome: .failed(
                rule: "unsupported-yaml",
                message: "is a symbolic link (to '\(sanitizeForTerminal(target))'); an item must be a regular file, links are never followed",
                location: SourceLocation(line: 1, column: 1)))
        }
        if let size = file.oversize {
            return ParsedFile(path: file.path, outcome: .failed(
                rule: "unsupported-yaml",
                message: "the file is \(size) bytes; an item file is at most 1 MiB (1048576 bytes)",
                location: SourceLocation(line: 1, column: 1)))
        }
        do {
            let document = try YAMLParser.parse(file.bytes)
            return ParsedFile(path: file.path, outcome: .parsed(document.root))
        } catch {
            let rule = error.kind == .unsupported ? "unsupported-yaml" : "parse-error"
            return ParsedFile(path: file.path, outcome: .failed(rule: rule, message: error.message, location: error.location))
        }
    }
}
