/// A JSON value with ordered keys, written deterministically (same value, same bytes):
/// two-space indentation, keys in the order given, no escaping of `/` or non-ASCII.
/// A stand-in until the product's JSON encoder lands.
public indirect enum HistoryJSON: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([HistoryJSON])
    case object([(String, HistoryJSON)])

    /// YAML data as JSON: mapping keys become strings; non-finite floats become strings.
    public init(_ value: YAMLValue) {
        switch value {
        case .null: self = .null
        case let .bool(b): self = .bool(b)
        case let .int(i): self = .int(i)
        case let .float(f): self = f.isFinite ? .double(f) : .string(f.isNaN ? ".nan" : (f < 0 ? "-.inf" : ".inf"))
        case let .string(s): self = .string(s)
        case let .sequence(items): self = .array(items.map(HistoryJSON.init))
        case let .mapping(pairs): self = .object(pairs.map { (FieldChange.keyText($0.key), HistoryJSON($0.value)) })
        }
    }

    public init(_ value: YAMLValue?) {
        self = value.map(HistoryJSON.init) ?? .null
    }

    /// The document, ending with a newline.
    public func encoded() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d):
            if d == d.rounded(), abs(d) < 1e15 { out += String(Int(d)) + ".0" } else { out += String(d) }
        case let .string(s): Self.quote(s, into: &out)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, pair) in pairs.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                Self.quote(pair.0, into: &out)
                out += ": "
                pair.1.write(into: &out, indent: indent + 2)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
