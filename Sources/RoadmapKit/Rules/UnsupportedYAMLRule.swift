/// `unsupported-yaml` (error): fires for every file under the root that uses a YAML feature the
/// subset refuses (anchors, aliases, tags, complex keys, directives, several documents, duplicate
/// keys, tab indentation, invalid UTF-8, files over 1 MiB), at the position the parser names.
public struct UnsupportedYAMLRule: Rule {
    public let id = "unsupported-yaml"
    public let defaultSeverity = Severity.error
    public let summary = "The file uses a YAML feature the item format refuses."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for failure in context.snapshot.failures where failure.rule != ParseErrorRule().id {
            findings.add(self, id: failure.id, path: failure.path, at: failure.location, failure.message)
        }
    }
}
