import Foundation
import Yams
@testable import RoadmapKit

/// The test oracle: Yams (libyaml) composes the document with no implicit typing, then each
/// plain scalar is typed here by the YAML 1.2 core schema (independently of the parser's code,
/// with the schema's own regular expressions). Yams has no core-schema resolver: its `.default`
/// resolver is YAML 1.1-flavoured (timestamps, merge keys, `=`).
enum YAMLOracle {
    struct Failure: Error { var message: String }

    nonisolated(unsafe) static let nullRE = try! Regex("^(?:~|null|Null|NULL|)$")
    nonisolated(unsafe) static let boolRE = try! Regex("^(?:true|True|TRUE|false|False|FALSE)$")
    nonisolated(unsafe) static let decRE = try! Regex("^[-+]?[0-9]+$")
    nonisolated(unsafe) static let octRE = try! Regex("^0o[0-7]+$")
    nonisolated(unsafe) static let hexRE = try! Regex("^0x[0-9a-fA-F]+$")
    nonisolated(unsafe) static let floatRE = try! Regex("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
    nonisolated(unsafe) static let infRE = try! Regex("^[-+]?\\.(?:inf|Inf|INF)$")
    nonisolated(unsafe) static let nanRE = try! Regex("^\\.(?:nan|NaN|NAN)$")

    static func core(_ s: String) throws -> YAMLValue {
        if s.wholeMatch(of: nullRE) != nil { return .null }
        if s.wholeMatch(of: boolRE) != nil { return .bool(s.lowercased() == "true") }
        if s.wholeMatch(of: decRE) != nil {
            guard let i = Int(s) else { throw Failure(message: "integer out of range: \(s)") }
            return .int(i)
        }
        if s.wholeMatch(of: octRE) != nil {
            guard let i = Int(s.dropFirst(2), radix: 8) else { throw Failure(message: "integer out of range: \(s)") }
            return .int(i)
        }
        if s.wholeMatch(of: hexRE) != nil {
            guard let i = Int(s.dropFirst(2), radix: 16) else { throw Failure(message: "integer out of range: \(s)") }
            return .int(i)
        }
        if s.wholeMatch(of: infRE) != nil { return .float(s.hasPrefix("-") ? -.infinity : .infinity) }
        if s.wholeMatch(of: nanRE) != nil { return .float(.nan) }
        if s.wholeMatch(of: floatRE) != nil { return .float(strtod(s, nil)) }
        return .string(s)
    }

    static func convert(_ node: Node) throws -> YAMLValue {
        switch node {
        case let .scalar(s):
            if s.style == .plain { return try core(s.string) }
            return .string(s.string)
        case let .sequence(seq):
            return .sequence(try seq.map(convert))
        case let .mapping(map):
            return .mapping(try map.map { (key: try convert($0.key), value: try convert($0.value)) })
        default:
            throw Failure(message: "unexpected node \(node)")
        }
    }

    /// The data Yams loads from `bytes`, or a thrown error when it refuses them.
    static func load(_ bytes: [UInt8]) throws -> YAMLValue {
        // Yams hands libyaml a Swift string and loses the byte order mark's meaning; libyaml
        // itself skips it. Strip it here so the comparison is about YAML, not the bridge.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: body, as: UTF8.self) else { throw Failure(message: "not UTF-8") }
        guard let node = try Yams.compose(yaml: text, .basic) else { return .null }
        return try convert(node)
    }
}

func yamlBytes(_ s: String) -> [UInt8] { Array(s.utf8) }

extension YAMLValue {
    /// A short readable rendering for failure messages.
    var debug: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return "\(b)"
        case let .int(i): return "\(i)"
        case let .float(d): return "\(d)f"
        case let .string(s): return s.debugDescription
        case let .sequence(x): return "[" + x.map(\.debug).joined(separator: ", ") + "]"
        case let .mapping(p): return "{" + p.map { "\($0.key.debug): \($0.value.debug)" }.joined(separator: ", ") + "}"
        }
    }
}
