/// `unknown-field` (warning): fires on a top-level key that the item's kind does not know
/// (SPEC §4), suggesting the nearest known key by edit distance. Keys starting with `x-` are the
/// user's own and never fire; items of an unknown kind are not checked. Points at the key.
/// A key an asset of a campaign does not know (SPEC §13) fires the same way.
public struct UnknownFieldRule: Rule {
    public let id = "unknown-field"
    public let defaultSeverity = Severity.warning
    public let summary = "A key the item's kind does not know."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for item in context.snapshot.items {
            guard let kind = item.kind, let pairs = item.node.pairs else { continue }
            let known = kind.knownFields
            let candidates = kind.canonicalKeyOrder
            for pair in pairs {
                guard let key = pair.key.string else {
                    findings.add(self, item: item, at: pair.key.location,
                                 "'\(describe(pair.key))' is not a field name; field names are strings such as title")
                    continue
                }
                if known.contains(key) || Kind.isUserKey(key) { continue }
                let hint = EditDistance.nearest(to: key, in: candidates).map { "did you mean '\($0)'? " } ?? ""
                findings.add(self, item: item, at: pair.key.location,
                             "unknown field '\(key)' for a \(kind.rawValue): \(hint)prefix your own keys with 'x-'")
            }
            guard kind == .campaign else { continue }
            for asset in item.assets {
                for pair in asset.node.pairs ?? [] {
                    guard let key = pair.key.string, !Asset.fields.contains(key), !Kind.isUserKey(key) else { continue }
                    let hint = EditDistance.nearest(to: key, in: Asset.fields).map { "did you mean '\($0)'? " } ?? ""
                    findings.add(self, item: item, at: pair.key.location,
                                 "unknown field '\(key)' for asset \(asset.name(in: item)): \(hint)prefix your own keys with 'x-'")
                }
            }
        }
    }
}
