/// One problem found in a snapshot (SPEC §7).
public struct Finding: Sendable, Hashable {
    /// What identifies a finding across two states: (rule, item, related items).
    public struct Identity: Sendable, Hashable {
        public var rule: String
        public var item: String
        public var related: [String]
    }

    public var rule: String
    public var severity: Severity
    /// The item id (the file name without extension).
    public var item: String
    public var path: String
    /// Line and column of the offending field (1-based).
    public var line: Int
    public var column: Int
    /// Related item ids, sorted and unique.
    public var related: [String]
    public var message: String

    public init(rule: String, severity: Severity, item: String, path: String, line: Int, column: Int, related: [String], message: String) {
        self.rule = rule
        self.severity = severity
        self.item = item
        self.path = path
        self.line = line
        self.column = column
        self.related = Array(Set(related)).sorted()
        self.message = message
    }

    public var identity: Identity { Identity(rule: rule, item: item, related: related) }

    /// Report order: by path, position, rule, related.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.related != b.related { return a.related.lexicographicallyPrecedes(b.related) }
        return a.message < b.message
    }
}

/// The findings a rule collects; severities and waivers are applied afterwards by `RuleEngine`.
public struct FindingCollector: Sendable {
    public private(set) var findings: [Finding] = []

    public init() {}

    public mutating func add(_ rule: some Rule, item: Item, at location: SourceLocation, related: [String] = [], _ message: String) {
        add(rule, id: item.id, path: item.path, at: location, related: related, message)
    }

    public mutating func add(_ rule: some Rule, id: String, path: String, at location: SourceLocation, related: [String] = [], _ message: String) {
        findings.append(Finding(rule: rule.id, severity: rule.defaultSeverity, item: id, path: path,
                                line: location.line, column: location.column, related: related, message: message))
    }
}

/// A rule of SPEC §7: one small type per file, with its id, default severity and a doc comment
/// stating exactly when it fires.
public protocol Rule: Sendable {
    /// The rule id used in findings, `roadmap.yaml` and waivers, e.g. `launch-before-release`.
    var id: String { get }
    var defaultSeverity: Severity { get }
    /// One line describing when the rule fires (used as SARIF rule metadata).
    var summary: String { get }
    func check(_ context: RuleContext, into findings: inout FindingCollector)
}
