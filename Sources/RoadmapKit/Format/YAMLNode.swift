/// A position in a source file: 1-based line, 1-based column counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Plain data as a YAML 1.2 core-schema loader sees it: no positions, no styles.
/// This is what must agree with a conforming parser (the differential tests compare it with Yams).
public enum YAMLValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case sequence([YAMLValue])
    /// Keys keep their document order; keys are scalars typed by the core schema.
    case mapping([(key: YAMLValue, value: YAMLValue)])

    public static func == (a: YAMLValue, b: YAMLValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.float(x), .float(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.sequence(x), .sequence(y)): return x == y
        case let (.mapping(x), .mapping(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

/// How a scalar was written; kept so that edits and diagnostics can respect it.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A node of a parsed document with the position of its first character.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        /// `value` is one of the scalar cases of `YAMLValue`.
        case scalar(value: YAMLValue, style: ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

extension YAMLNode {
    /// The node's data without positions.
    public var data: YAMLValue {
        switch content {
        case let .scalar(value, _): return value
        case let .sequence(items): return .sequence(items.map(\.data))
        case let .mapping(pairs): return .mapping(pairs.map { (key: $0.key.data, value: $0.value.data) })
        }
    }

    /// The pairs of a mapping node, else nil.
    public var pairs: [YAMLPair]? {
        if case let .mapping(p) = content { return p }
        return nil
    }

    /// The items of a sequence node, else nil.
    public var items: [YAMLNode]? {
        if case let .sequence(i) = content { return i }
        return nil
    }

    /// The value under a string key of a mapping node.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.data == .string(key) }?.value
    }

    /// The scalar's value when this node is a scalar.
    public var scalar: YAMLValue? {
        if case let .scalar(value, _) = content { return value }
        return nil
    }

    /// The scalar as a string when it is one (a typed scalar such as `12` is not).
    public var string: String? {
        if case let .string(s)? = scalar { return s }
        return nil
    }
}
