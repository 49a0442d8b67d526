/// `invalid-id` (error): fires for every item file under the root whose file name without
/// extension does not match `^[a-z0-9][a-z0-9._-]{0,63}$`; points at the top of the file.
public struct InvalidIDRule: Rule {
    public let id = "invalid-id"
    public let defaultSeverity = Severity.error
    public let summary = "The file name is not a valid item id."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let snapshot = context.snapshot
        let files = snapshot.items.map { ($0.id, $0.path) } + snapshot.failures.map { ($0.id, $0.path) }
        for (itemID, path) in files where !ItemID.isValid(itemID) {
            let suggestion = InvalidIDRule.suggest(itemID)
            let hint = suggestion.map { "; rename the file, e.g. to \($0).yaml" } ?? "; rename the file"
            findings.add(self, id: itemID, path: path, at: SourceLocation(line: 1, column: 1),
                         "'\(itemID)' is not a valid id: use 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit\(hint)")
        }
    }

    /// A valid id close to `name`, when there is one.
    static func suggest(_ name: String) -> String? {
        var out = ""
        for ch in name.lowercased().unicodeScalars {
            switch ch {
            case "a"..."z", "0"..."9", ".", "_", "-": out.unicodeScalars.append(ch)
            case " ": out.append("-")
            default: break
            }
        }
        while let first = out.unicodeScalars.first, !(("a"..."z").contains(first) || ("0"..."9").contains(first)) {
            out.unicodeScalars.removeFirst()
        }
        out = String(out.prefix(64))
        return ItemID.isValid(out) ? out : nil
    }
}
