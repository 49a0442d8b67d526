import Foundation
import RoadmapKit
import Yams

/// The test stand-in for the product's parser: Yams composes the document, and every plain
/// scalar is typed by the YAML 1.2 core schema (dates stay strings).
enum YamsItemDecoder {
    static let decode: ItemDecoder = { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            guard let node = try Yams.compose(yaml: text) else { return .success(.null) }
            return .success(try value(node))
        } catch {
            return .failure(HistoryDecodeFailure(message: "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML"))
        }
    }

    struct Unsupported: Error {}

    static func value(_ node: Node) throws -> YAMLValue {
        switch node {
        case let .scalar(scalar):
            return scalar.style == .plain ? coreSchema(scalar.string) : .string(scalar.string)
        case let .sequence(sequence):
            return .sequence(try sequence.map(value))
        case let .mapping(mapping):
            return .mapping(try mapping.map { (key: try value($0.key), value: try value($0.value)) })
        case .alias:
            throw Unsupported()
        }
    }

    static func coreSchema(_ text: String) -> YAMLValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if text.range(of: #"^[-+]?[0-9]+$"#, options: .regularExpression) != nil, let int = Int(text) { return .int(int) }
        if text.hasPrefix("0o"), let int = Int(text.dropFirst(2), radix: 8) { return .int(int) }
        if text.hasPrefix("0x"), let int = Int(text.dropFirst(2), radix: 16) { return .int(int) }
        if text.range(of: #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil,
           let double = Double(text) { return .float(double) }
        return .string(text)
    }
}
