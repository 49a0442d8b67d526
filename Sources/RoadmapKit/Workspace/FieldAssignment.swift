import Foundation

/// One `KEY=VALUE` of `roadmap set` / `roadmap new --set`, turned into YAML data.
///
/// Values are text: `title=2027` stays the string "2027". Lists are written `[a, b]`;
/// `teaser` takes true/false; `depends-on=ID` is the list `[ID]`; user `x-` keys are typed by
/// the YAML core schema. An empty
/// value (`owner=`) removes the field. `waive.RULE=reason` sets one waiver.
public struct FieldAssignment: Sendable, Equatable {
    public var path: [String]
    /// nil removes the field.
    public var value: YAMLValue?

    public var key: String { path.joined(separator: ".") }

    public init(path: [String], value: YAMLValue?) {
        self.path = path
        self.value = value
    }

    public static func parse(_ text: String) throws -> FieldAssignment {
        guard let equals = text.firstIndex(of: "=") else {
            throw RoadmapError("'\(text)' is not KEY=VALUE (e.g. date=2026-07-30)")
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let raw = String(text[text.index(after: equals)...])
        guard !key.isEmpty else { throw RoadmapError("'\(text)' names no field before '='") }
        var path = [key]
        if key.hasPrefix("waive."), key.count > 6 { path = ["waive", String(key.dropFirst(6))] }
        if raw.isEmpty { return FieldAssignment(path: path, value: nil) }
        return FieldAssignment(path: path, value: try typedValue(key: path[0], raw))
    }

    static func typedValue(key: String, _ raw: String) throws -> YAMLValue {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[") {
            guard case let .sequence(items)? = try? flowValue(trimmed) else {
                throw RoadmapError("'\(key)=\(raw)': a list is written [a, b, c]")
            }
            // List entries are text (ids, tags, channels), whatever they look like.
            return .sequence(items.map { item in
                if case .sequence = item { return item }
                if case .mapping = item { return item }
                return .string(Self.text(of: item) ?? "")
            })
        }
        // `depends-on` is always a list; one id is the common case, so it needs no brackets.
        if key == "depends-on" { return .sequence([.string(trimmed)]) }
        if key == "teaser" {
            switch trimmed {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw RoadmapError("'teaser=\(raw)': teaser is true or false")
            }
        }
        if key.hasPrefix("x-"), let typed = try? flowValue(trimmed) { return typed }
        return .string(raw)
    }

    /// The value of `v: TEXT` read by our YAML reader.
    static func flowValue(_ text: String) throws -> YAMLValue {
        let document = try YAMLParser.parse(Array("v: \(text)\n".utf8))
        guard let value = document.root["v"] else { throw RoadmapError("cannot read '\(text)'") }
        return value.data
    }

    static func text(of scalar: YAMLValue) -> String? {
        switch scalar {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .float(f): return String(f)
        case let .bool(b): return String(b)
        case .null: return nil
        default: return nil
        }
    }
}
