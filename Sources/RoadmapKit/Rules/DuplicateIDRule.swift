/// `duplicate-id` (error): fires on every file under the root whose id (file name without
/// extension) is also the id of another file anywhere under the root, naming the others.
public struct DuplicateIDRule: Rule {
    public let id = "duplicate-id"
    public let defaultSeverity = Severity.error
    public let summary = "Two files under the root share an id."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for (itemID, paths) in context.snapshot.duplicates {
            for path in paths {
                let others = paths.filter { $0 != path }.joined(separator: ", ")
                findings.add(self, id: itemID, path: path, at: SourceLocation(line: 1, column: 1),
                             "id '\(itemID)' is also used by \(others); ids must be unique under \(context.snapshot.root.isEmpty ? "the repository" : context.snapshot.root + "/"): rename one of the files")
            }
        }
    }
}
