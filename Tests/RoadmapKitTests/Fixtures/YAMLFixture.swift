import Foundation
import RoadmapKit
import Yams

/// Test-only stand-in for our parser: builds a `YAMLNode` tree from YAML text with Yams, typing
/// plain scalars by the YAML 1.2 core schema (null, bool, int, float; everything else, dates
/// included, stays a string). Replaced by `YAMLParser` once it lands.
func parse(_ yaml: String) -> YAMLNode {
    do {
        guard let node = try Yams.compose(yaml: yaml, Resolver.basic) else {
            return YAMLNode(.scalar(value: .null, style: .plain), at: SourceLocation(line: 1, column: 1))
        }
        return convert(node)
    } catch {
        fatalError("fixture YAML does not parse: \(error)\n\(yaml)")
    }
}

private func location(_ node: Node) -> SourceLocation {
    guard let mark = node.mark else { return SourceLocation(line: 1, column: 1) }
    return SourceLocation(line: mark.line, column: mark.column)
}

private func convert(_ node: Node) -> YAMLNode {
    switch node {
    case let .scalar(scalar):
        let style: ScalarStyle
        switch scalar.style {
        case .singleQuoted: style = .singleQuoted
        case .doubleQuoted: style = .doubleQuoted
        case .literal: style = .literal
        case .folded: style = .folded
        default: style = .plain
        }
        let value: YAMLValue = style == .plain ? coreSchema(scalar.string) : .string(scalar.string)
        return YAMLNode(.scalar(value: value, style: style), at: location(node))
    case let .sequence(sequence):
        return YAMLNode(.sequence(sequence.map(convert)), at: location(node))
    case let .mapping(mapping):
        return YAMLNode(.mapping(mapping.map { YAMLPair(key: convert($0.key), value: convert($0.value)) }), at: location(node))
    case .alias:
        fatalError("fixtures use no aliases")
    }
}

/// YAML 1.2 core schema tag resolution for a plain scalar.
private func coreSchema(_ s: String) -> YAMLValue {
    func matches(_ pattern: String) -> Bool { s.range(of: pattern, options: .regularExpression) != nil }
    if matches("^(~|null|Null|NULL|)$") { return .null }
    if matches("^(true|True|TRUE)$") { return .bool(true) }
    if matches("^(false|False|FALSE)$") { return .bool(false) }
    if matches("^[-+]?[0-9]+$"), let i = Int(s) { return .int(i) }
    if matches("^0o[0-7]+$"), let i = Int(s.dropFirst(2), radix: 8) { return .int(i) }
    if matches("^0x[0-9a-fA-F]+$"), let i = Int(s.dropFirst(2), radix: 16) { return .int(i) }
    if matches("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"), let d = Double(s) { return .float(d) }
    if matches("^[-+]?\\.(inf|Inf|INF)$") { return .float(s.hasPrefix("-") ? -.infinity : .infinity) }
    if matches("^\\.(nan|NaN|NAN)$") { return .float(.nan) }
    return .string(s)
}

/// A roadmap built in code: `files` maps ids or paths to YAML text.
struct Fixture {
    var files: [ParsedFile] = []
    var config = RoadmapConfig()

    /// Adds an item under `roadmap/<kind>s/<id>.yaml`; the folder is taken from its `kind:` line.
    mutating func add(_ id: String, _ yaml: String) {
        let kindLine = yaml.split(separator: "\n").first { $0.hasPrefix("kind:") }
        let kind = kindLine.map { String($0.dropFirst(5)).trimmingCharacters(in: .whitespaces) } ?? "misc"
        let folder = Kind(rawValue: kind)?.folder ?? "misc"
        addFile("roadmap/\(folder)/\(id).yaml", yaml)
    }

    mutating func addFile(_ path: String, _ yaml: String) {
        files.append(ParsedFile(path: path, outcome: .parsed(parse(yaml))))
    }

    var snapshot: Snapshot { Snapshot(files: files, config: config) }

    func findings(today: String = "2026-01-15", base: Fixture? = nil) -> [Finding] {
        RuleEngine.findings(head: snapshot, base: base?.snapshot, config: config, today: RoadmapDate(today)!)
    }
}

extension [Finding] {
    func by(_ rule: String) -> [Finding] { filter { $0.rule == rule } }
    var rules: [String] { map(\.rule) }
}
