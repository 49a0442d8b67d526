/// A problem in an import's input (the export or the map), named by file, line and column so
/// that the user can open the file at the spot. Nothing is written when one is raised.
public struct ImportInputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var location: SourceLocation?
    public var message: String

    public init(path: String, location: SourceLocation?, _ message: String) {
        self.path = path
        self.location = location
        self.message = message
    }

    /// `path:line:column: message` (compiler style), or `path: message` without a position.
    public var description: String {
        guard let location else { return "\(path): \(message)" }
        return "\(path):\(location.line):\(location.column): \(message)"
    }
}
