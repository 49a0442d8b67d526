/// One field that differs between two versions of an item.
public struct FieldChange: Sendable, Equatable {
    /// The field's key; nested mappings give dotted paths (`waive.launch-lag`).
    public var field: String
    /// nil: the field is absent on that side.
    public var old: YAMLValue?
    public var new: YAMLValue?
    /// For dates on both sides: new − old in days, first day against first day (SPEC §5).
    public var days: Int?
    /// For lists: the entries only the new list has, and those only the old one had.
    public var added: [YAMLValue]
    public var removed: [YAMLValue]
    /// For multi-line text: the changed lines, `-old` and `+new`.
    public var textDiff: [String]?

    public init(field: String, old: YAMLValue?, new: YAMLValue?, days: Int? = nil,
                added: [YAMLValue] = [], removed: [YAMLValue] = [], textDiff: [String]? = nil) {
        self.field = field
        self.old = old
        self.new = new
        self.days = days
        self.added = added
        self.removed = removed
        self.textDiff = textDiff
    }

    /// True when this change is about `field` (the field itself, something inside it, or a
    /// mapping holding it).
    public func concerns(_ field: String) -> Bool {
        self.field == field || self.field.hasPrefix(field + ".") || field.hasPrefix(self.field + ".")
    }

    /// The fields that differ from `old` to `new` (nil: the file is absent), in the new
    /// version's key order, then the removed keys in the old order. Mappings are compared
    /// key by key down to their leaves; lists, scalars and changes of type as wholes.
    ///
    /// `days` is set only for a field that holds a date per the item's kind (SPEC §4: its
    /// `dateFields`, and a waiver's `until`), the kind read from the new version (else the
    /// old), and only when both values are date strings (SPEC §11): `'4818'` → `4819` is a
    /// number that looks like a year, not a date that moved.
    public static func changes(from old: YAMLValue?, to new: YAMLValue?) -> [FieldChange] {
        var result: [FieldChange] = []
        let kind = kind(of: new) ?? kind(of: old)
        compare(old, new, field: "", into: &result, isDate: { isDateField($0, of: kind) })
        return result
    }

    /// Whether a dotted field path holds a date in an item of `kind` (nil: not an item).
    public static func isDateField(_ field: String, of kind: Kind?) -> Bool {
        guard let kind else { return false }
        if kind.dateFields.contains(field) { return true }
        let parts = field.split(separator: ".")
        return parts.count == 3 && parts[0] == "waive" && parts[2] == "until"
    }

    /// new − old in days when both are date strings (SPEC §5), else nil.
    public static func dateDays(from old: YAMLValue?, to new: YAMLValue?) -> Int? {
        guard case let .string(a)? = old, case let .string(b)? = new,
              let from = RoadmapDate(a), let to = RoadmapDate(b) else { return nil }
        return to.days(since: from)
    }

    private static func kind(of value: YAMLValue?) -> Kind? {
        guard let pairs = pairs(value), case let .string(name)? = pairs.first(where: { $0.key == .string("kind") })?.value else { return nil }
        return Kind(rawValue: name)
    }

    static func keyText(_ key: YAMLValue) -> String {
        switch key {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .bool(b): return b ? "true" : "false"
        case let .float(f): return String(f)
        case .null: return "null"
        case .sequence, .mapping: return HistoryText.flow(key)
        }
    }

    private static func join(_ prefix: String, _ key: YAMLValue) -> String {
        prefix.isEmpty ? keyText(key) : prefix + "." + keyText(key)
    }

    private static func pairs(_ value: YAMLValue?) -> [(key: YAMLValue, value: YAMLValue)]? {
        if case let .mapping(pairs)? = value { return pairs }
        return nil
    }

    private static func compare(_ old: YAMLValue?, _ new: YAMLValue?, field: String, into result: inout [FieldChange],
                                isDate: (String) -> Bool) {
        if old == new { return }
        let oldPairs = pairs(old), newPairs = pairs(new)
        // Mappings on both sides, or a mapping against nothing: go down to the leaves.
        if (oldPairs != nil || old == nil) && (newPairs != nil || new == nil) {
            let oldPairs = oldPairs ?? [], newPairs = newPairs ?? []
            for pair in newPairs {
                compare(oldPairs.first(where: { $0.key == pair.key })?.value, pair.value, field: join(field, pair.key), into: &result,
                        isDate: isDate)
            }
            for pair in oldPairs where !newPairs.contains(where: { $0.key == pair.key }) {
                compare(pair.value, nil, field: join(field, pair.key), into: &result, isDate: isDate)
            }
            return
        }
        var change = FieldChange(field: field.isEmpty ? "." : field, old: old, new: new)
        change.days = isDate(field) ? dateDays(from: old, to: new) : nil
        let oldItems = items(old), newItems = items(new)
        if oldItems != nil || newItems != nil {
            change.added = multisetDifference(newItems ?? [], oldItems ?? [])
            change.removed = multisetDifference(oldItems ?? [], newItems ?? [])
        }
        if let text = multiLine(old, new) { change.textDiff = text }
        result.append(change)
    }

    private static func items(_ value: YAMLValue?) -> [YAMLValue]? {
        if case let .sequence(items)? = value { return items }
        return nil
    }

    /// Elements of `a` not matched one for one in `b`, in `a`'s order.
    static func multisetDifference(_ a: [YAMLValue], _ b: [YAMLValue]) -> [YAMLValue] {
        var pool = b
        var result: [YAMLValue] = []
        for element in a {
            if let index = pool.firstIndex(of: element) { pool.remove(at: index) } else { result.append(element) }
        }
        return result
    }

    private static func multiLine(_ old: YAMLValue?, _ new: YAMLValue?) -> [String]? {
        func text(_ value: YAMLValue?) -> String? {
            if case let .string(s)? = value { return s }
            return nil
        }
        let a = text(old), b = text(new)
        guard (a ?? "").contains("\n") || (b ?? "").contains("\n") else { return nil }
        guard (a != nil || old == nil), (b != nil || new == nil) else { return nil }
        return LineDiff.changedLines(old: a ?? "", new: b ?? "")
    }
}

/// A short line diff (longest common subsequence) for multi-line text fields.
enum LineDiff {
    static let maximumLines = 12

    static func changedLines(old: String, new: String) -> [String] {
        let a = lines(old), b = lines(new)
        // Trim the common head and tail, then LCS the middle (kept small by the trim).
        var start = 0
        while start < a.count && start < b.count && a[start] == b[start] { start += 1 }
        var endA = a.count, endB = b.count
        while endA > start && endB > start && a[endA - 1] == b[endB - 1] { endA -= 1; endB -= 1 }
        let x = Array(a[start..<endA]), y = Array(b[start..<endB])
        var output: [String] = []
        if x.count * y.count > 250_000 {
            output = x.map { "-" + $0 } + y.map { "+" + $0 }
        } else {
            var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
            for i in stride(from: x.count - 1, through: 0, by: -1) {
                for j in stride(from: y.count - 1, through: 0, by: -1) {
                    table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < x.count || j < y.count {
                if i < x.count && j < y.count && x[i] == y[j] {
                    i += 1; j += 1
                } else if i < x.count && (j == y.count || table[i + 1][j] >= table[i][j + 1]) {
                    output.append("-" + x[i]); i += 1
                } else {
                    output.append("+" + y[j]); j += 1
                }
            }
        }
        if output.count > maximumLines {
            let more = output.count - maximumLines
            output = Array(output.prefix(maximumLines)) + ["… \(more) more changed line\(more == 1 ? "" : "s")"]
        }
        return output
    }

    private static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}
