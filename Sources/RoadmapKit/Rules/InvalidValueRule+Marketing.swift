/// The `invalid-value` checks of the fields of SPEC §13: goals and programs, and a campaign's
/// messaging, budget, results and assets. Kept apart from the §4 checks so that each stays short.
extension InvalidValueRule {
    func checkMarketing(_ item: Item, kind: Kind, config: RoadmapConfig, into out: inout [(SourceLocation, String)]) {
        func fail(_ node: YAMLNode, _ message: String) { out.append((node.location, message)) }
        func string(_ key: String) {
            guard let node = item.value(key), node.string == nil else { return }
            fail(node, "'\(key)' must be a string, not \(describe(node))")
        }
        if [.theme, .epic, .campaign, .program].contains(kind) {
            Self.idList(item.value("goals"), field: "goals", into: &out)
        }
        switch kind {
        case .campaign:
            string("program")
            string("messaging")
            Self.checkBudget(item.value("budget"), into: &out)
            Self.checkResults(item.value("results"), into: &out)
            checkAssets(item, config: config, into: &out)
        case .program:
            Self.checkBudget(item.value("budget"), into: &out)
        case .goal:
            string("metric")
            for key in ["target", "baseline"] {
                if let node = item.value(key), Money.amount(node) == nil {
                    fail(node, "'\(key)' must be a number, not '\(describe(node))'")
                }
            }
            if let node = item.value("due"), Item.date(of: node) == nil { fail(node, Self.dateMessage("due", node)) }
        default:
            break
        }
    }

    /// A list of id strings (`goals`, `announces`).
    static func idList(_ node: YAMLNode?, field: String, into out: inout [(SourceLocation, String)]) {
        guard let node, node.scalar != .null else { return }
        guard let entries = node.items else {
            out.append((node.location, "'\(field)' must be a list of ids, e.g. [a, b]"))
            return
        }
        for entry in entries where entry.string == nil {
            out.append((entry.location, "each entry of '\(field)' must be an id, not \(describe(entry))"))
        }
    }

    /// `budget: {planned: NUMBER, spent: NUMBER, currency: ISO 4217 code}`.
    static func checkBudget(_ node: YAMLNode?, into out: inout [(SourceLocation, String)]) {
        guard let node else { return }
        guard let pairs = node.pairs else {
            out.append((node.location, "'budget' must be a mapping, e.g. {planned: 12000, spent: 0, currency: EUR}"))
            return
        }
        for pair in pairs {
            let value = pair.value
            switch pair.key.string {
            case "planned"?, "spent"?:
                if value.scalar == .null { continue }
                if let amount = Money.amount(value) {
                    if amount < 0 { out.append((value.location, "the budget's '\(pair.key.string ?? "")' must not be negative")) }
                } else {
                    out.append((value.location, "the budget's '\(pair.key.string ?? "")' must be a number, not '\(describe(value))'"))
                }
            case "currency"?:
                if value.scalar == .null { continue }
                if value.string.flatMap({ Currency(code: $0) }) == nil {
                    out.append((value.location, "'\(describe(value))' is not an ISO 4217 currency code: write three capital letters such as EUR, USD, GBP, JPY"))
                }
            default:
                out.append((pair.key.location, "a budget holds only 'planned', 'spent' and 'currency', not '\(describe(pair.key))'"))
            }
        }
    }

    /// `results: {METRIC: {target: NUMBER, actual: NUMBER}}`.
    static func checkResults(_ node: YAMLNode?, into out: inout [(SourceLocation, String)]) {
        guard let node else { return }
        guard let pairs = node.pairs else {
            out.append((node.location, "'results' must map metric names to {target, actual}, e.g. {signups: {target: 500, actual: 420}}"))
            return
        }
        for pair in pairs {
            guard let metric = pair.key.string else {
                out.append((pair.key.location, "a metric name must be a string, not \(describe(pair.key))"))
                continue
            }
            guard let fields = pair.value.pairs else {
                if pair.value.scalar != .null {
                    out.append((pair.value.location, "the result '\(metric)' must be {target: NUMBER, actual: NUMBER}"))
                }
                continue
            }
            for field in fields {
                switch field.key.string {
                case "target"?, "actual"?:
                    if field.value.scalar != .null, Money.amount(field.value) == nil {
                        out.append((field.value.location, "the \(field.key.string ?? "") of '\(metric)' must be a number, not '\(describe(field.value))'"))
                    }
                default:
                    out.append((field.key.location, "a result holds only 'target' and 'actual', not '\(describe(field.key))'"))
                }
            }
        }
    }

    /// `assets`: a list of mappings, each with a unique valid id and fields of the right types.
    func checkAssets(_ item: Item, config: RoadmapConfig, into out: inout [(SourceLocation, String)]) {
        guard let node = item.value("assets") else { return }
        guard let entries = node.items else {
            out.append((node.location, "'assets' must be a list of content pieces, each a mapping with id, title, type, publish…"))
            return
        }
        var seen = Set<String>()
        for entry in entries {
            guard entry.pairs != nil else {
                out.append((entry.location, "each asset must be a mapping (id: …, title: …), not \(describe(entry))"))
                continue
            }
            let asset = Asset(node: entry)
            func value(_ key: String) -> YAMLNode? {
                guard let v = entry[key], v.scalar != .null else { return nil }
                return v
            }
            if let idNode = value("id") {
                if let id = idNode.string, ItemID.isValid(id) {
                    if !seen.insert(id).inserted {
                        out.append((idNode.location, "asset id '\(id)' is used twice in campaign \(item.id); asset ids are unique in their campaign"))
                    }
                } else {
                    out.append((idNode.location, "asset id '\(describe(idNode))' is not a valid id: lower-case letters, digits, '.', '_' and '-'"))
                }
            }
            let name = asset.name(in: item)
            for key in ["title", "channel", "owner"] {
                if let v = value(key), v.string == nil { out.append((v.location, "the \(key) of asset \(name) must be a string, not \(describe(v))")) }
            }
            if let v = value("title"), let s = v.string, s.allSatisfy(\.isWhitespace) {
                out.append((v.location, "the title of asset \(name) must not be empty"))
            }
            if let v = value("type"), v.string.flatMap(AssetType.init(rawValue:)) == nil {
                out.append((v.location, "the type of asset \(name) must be one of \(AssetType.allCases.map(\.rawValue).joined(separator: ", ")), not '\(describe(v))'"))
            }
            if let v = value("status"), v.string.flatMap(AssetStatus.init(rawValue:)) == nil {
                out.append((v.location, "the status of asset \(name) must be one of \(AssetStatus.allCases.map(\.rawValue).joined(separator: ", ")), not '\(describe(v))'"))
            }
            if let v = value("publish"), AssetPublish(node: v) == nil {
                out.append((v.location, "the publish day of asset \(name) must be a date (YYYY-MM-DD, YYYY-MM, YYYY-Qn…) or relative to the launch (launch, launch-14d, launch+3d, launch-2w), not '\(describe(v))'"))
            }
            if let v = value("channel"), let channel = v.string, let allowed = config.channels, !allowed.contains(channel) {
                out.append((v.location, "channel '\(channel)' of asset \(name) is not in the channels of roadmap.yaml (\(allowed.joined(separator: ", "))): use one of them or add it there"))
            }
            if let v = value("teaser"), !Self.isBool(v) {
                out.append((v.location, "the teaser of asset \(name) must be true or false, not '\(describe(v))'"))
            }
            Self.idList(value("announces"), field: "announces", into: &out)
        }
    }
}
