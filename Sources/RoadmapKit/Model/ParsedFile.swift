/// One YAML file of a state of the repository, already run through the parser.
public struct ParsedFile: Sendable {
    public enum Outcome: Sendable {
        case parsed(YAMLNode)
        /// `rule` is `parse-error` or `unsupported-yaml`.
        case failed(rule: String, message: String, location: SourceLocation)
    }

    /// Repository-relative path with `/` separators, e.g. `roadmap/releases/billing-v2.yaml`.
    public var path: String
    public var outcome: Outcome

    public init(path: String, outcome: Outcome) {
        self.path = path
        self.outcome = outcome
    }
}
