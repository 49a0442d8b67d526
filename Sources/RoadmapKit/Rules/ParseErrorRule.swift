/// `parse-error` (error): fires for every file under the root that is not valid YAML of the
/// subset of SPEC §3, at the position the parser names.
public struct ParseErrorRule: Rule {
    public let id = "parse-error"
    public let defaultSeverity = Severity.error
    public let summary = "The file is not valid YAML of the supported subset."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for failure in context.snapshot.failures where failure.rule == id {
            findings.add(self, id: failure.id, path: failure.path, at: failure.location, failure.message)
        }
    }
}
