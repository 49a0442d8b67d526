/// Something a three-way merge cannot decide alone: a field of an item set to two different
/// values, or a file changed in incompatible ways on the two sides.
public struct MergeConflict: Sendable, Hashable, CustomStringConvertible {
    /// The item's id (the file's path for a file that is not an item).
    public var item: String
    public var path: String
    /// The field (`date`, `waive.launch-lag`), nil when the whole file conflicts.
    public var field: String?
    /// What went wrong, in words: `set to 'a' on one side and 'b' on the other`.
    public var reason: String

    public init(item: String, path: String, field: String?, reason: String) {
        self.item = item
        self.path = path
        self.field = field
        self.reason = reason
    }

    /// `item 'billing-v2' (roadmap/releases/billing-v2.yaml), field 'date': set to …`.
    public var description: String {
        var text = "item '\(item)' (\(path))"
        if let field { text += ", field '\(field)'" }
        return text + ": " + reason
    }
}

extension YAMLValue {
    /// A short one-line rendering for messages and diffs: strings as they are, lists as
    /// `[a, b]`, mappings as `{k: v}`.
    public var shortText: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .float(d): return String(d)
        case let .string(s): return s
        case let .sequence(items): return "[" + items.map(\.shortText).joined(separator: ", ") + "]"
        case let .mapping(pairs): return "{" + pairs.map { "\($0.key.shortText): \($0.value.shortText)" }.joined(separator: ", ") + "}"
        }
    }

    /// The pairs of a mapping whose keys are strings, in order; nil when not a mapping or when
    /// a key is not a string.
    var stringPairs: [(key: String, value: YAMLValue)]? {
        guard case let .mapping(pairs) = self else { return nil }
        var out: [(key: String, value: YAMLValue)] = []
        for pair in pairs {
            guard case let .string(key) = pair.key else { return nil }
            out.append((key, pair.value))
        }
        return out
    }

    func field(_ key: String) -> YAMLValue? {
        stringPairs?.first { $0.key == key }?.value
    }
}
