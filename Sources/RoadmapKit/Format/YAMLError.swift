/// A document that is not in the accepted YAML subset (SPEC §3).
public struct YAMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Not valid YAML (or not valid in the places the subset allows).
        case parse
        /// Valid YAML, or at least a YAML feature, that the subset refuses (anchors, tags, tabs…).
        case unsupported
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation

    public init(kind: Kind, message: String, location: SourceLocation) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}

/// An edit that cannot be applied (missing key, path through a scalar, …).
public struct YAMLEditError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
