/// `invalid-value` (error): fires on a field whose value has the wrong type or is not allowed:
/// a top level that is not a mapping; `title` not a non-empty string; `owner`, `description`,
/// `audience`, `version`, `public-title`, `public-description` not strings; `visibility` not an
/// audience (public, stakeholders, key, team); `status` not one of the kind's statuses; a date field
/// (`start`, `end`, `date`, `launch`, a waiver's `until`) that is not a possible `YYYY-MM-DD`,
/// `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY`; `horizon`, `tier`, `marketing` outside their
/// values; a reference (`theme`, `epic`, `release`) not a string; `promotes` not a non-empty list
/// of strings; `tags` or `channels` not lists of strings; a channel outside the `channels`
/// allow-list of `roadmap.yaml`; `teaser` not true/false; `waive` not a mapping of known rule
/// ids to a reason or `{reason, until}`; `depends-on` not a list of ids or `{id: ID, lag: DAYS}`
/// (lag an integer). Points at the offending value. Null values count as absent.
public struct InvalidValueRule: Rule {
    public let id = "invalid-value"
    public let defaultSeverity = Severity.error
    public let summary = "A field has a value of the wrong type or outside its allowed values."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for item in context.snapshot.items {
            guard item.node.pairs != nil else {
                if item.node.scalar != .null {
                    findings.add(self, item: item, at: item.node.location,
                                 "the top level of an item file must be a mapping of fields (kind: …, title: …)")
                }
                continue
            }
            var out: [(SourceLocation, String)] = []
            check(item, config: context.config, into: &out)
            for (location, message) in out { findings.add(self, item: item, at: location, message) }
        }
    }

    private func check(_ item: Item, config: RoadmapConfig, into out: inout [(SourceLocation, String)]) {
        func fail(_ node: YAMLNode, _ message: String) { out.append((node.location, message)) }
        func string(_ key: String, hint: String = "") {
            guard let node = item.value(key), node.string == nil else { return }
            fail(node, "'\(key)' must be a string, not \(describe(node))\(hint)")
        }
        func oneOf(_ key: String, _ allowed: [String]) {
            guard let node = item.value(key) else { return }
            if let s = node.string, allowed.contains(s) { return }
            fail(node, "'\(key)' must be one of \(allowed.joined(separator: ", ")), not '\(describe(node))'")
        }
        func date(_ key: String) {
            guard let node = item.value(key), Item.date(of: node) == nil else { return }
            fail(node, InvalidValueRule.dateMessage(key, node))
        }
        func strings(_ key: String, allowed: [String]? = nil, nonEmpty: Bool = false) {
            guard let node = item.value(key) else { return }
            guard let entries = node.items else {
                fail(node, "'\(key)' must be a list of strings, e.g. [a, b]")
                return
            }
            if nonEmpty && entries.isEmpty { fail(node, "'\(key)' must list at least one id") }
            for entry in entries {
                guard let s = entry.string else {
                    fail(entry, "each entry of '\(key)' must be a string, not \(describe(entry))")
                    continue
                }
                if let allowed, !allowed.contains(s) {
                    fail(entry, "channel '\(s)' is not in the channels of roadmap.yaml (\(allowed.joined(separator: ", "))): use one of them or add it there")
                }
            }
        }

        // Common fields.
        if let node = item.value("title") {
            if let s = node.string {
                if s.allSatisfy(\.isWhitespace) { fail(node, "'title' must not be empty") }
            } else {
                fail(node, "'title' must be a string, not \(describe(node)); quote it")
            }
        }
        string("owner", hint: "; write a person or team, e.g. \"@maria\"")
        string("description")
        string("public-title")
        string("public-description")
        if let node = item.value("visibility"), node.string.flatMap(Audience.init(rawValue:)) == nil {
            fail(node, "'visibility' must be one of \(Audience.validNames) (the widest audience that may see the item), not '\(describe(node))'")
        }
        strings("tags")
        if let kind = item.kind { oneOf("status", kind.statuses) }
        checkWaivers(item, into: &out)

        switch item.kind {
        case .theme?:
            oneOf("horizon", Horizon.allCases.map(\.rawValue))
        case .epic?:
            string("theme")
            string("release")
        case .story?:
            string("epic")
            string("release")
        case .release?:
            date("date")
            string("version", hint: "; quote it, e.g. \"2.0\"")
            oneOf("tier", Tier.allCases.map(\.rawValue))
            oneOf("marketing", Marketing.allCases.map(\.rawValue))
        case .campaign?:
            strings("promotes", nonEmpty: true)
            date("launch")
            strings("channels", allowed: config.channels)
            string("audience")
            if let node = item.value("teaser"), !InvalidValueRule.isBool(node) {
                fail(node, "'teaser' must be true or false, not '\(describe(node))'")
            }
        case nil:
            break
        }
        if let kind = item.kind, kind != .release {
            date("start")
            date("end")
        }
        if let kind = item.kind, Dependencies.kinds.contains(kind) { checkDependsOn(item, into: &out) }
    }

    private func checkDependsOn(_ item: Item, into out: inout [(SourceLocation, String)]) {
        guard let node = item.value("depends-on") else { return }
        let example = "e.g. depends-on: [api-v2, {id: data-model, lag: 14}]"
        guard let entries = node.items else {
            out.append((node.location, "'depends-on' must be a list of ids, \(example)"))
            return
        }
        for entry in entries where entry.string == nil {
            guard let fields = entry.pairs else {
                out.append((entry.location, "each entry of 'depends-on' must be an id or {id: ID, lag: DAYS}, not \(describe(entry))"))
                continue
            }
            for field in fields {
                switch field.key.string {
                case "id"?:
                    if field.value.string == nil { out.append((field.value.location, "the 'id' of a 'depends-on' entry must be a string")) }
                case "lag"?:
                    if case .int? = field.value.scalar { continue }
                    if field.value.scalar == .null { continue }
                    out.append((field.value.location, "'lag' must be a whole number of days (negative allows an overlap), not '\(describe(field.value))'"))
                default:
                    out.append((field.key.location, "a 'depends-on' entry holds only 'id' and 'lag', not '\(describe(field.key))'"))
                }
            }
            if entry["id"] == nil { out.append((entry.location, "a 'depends-on' entry needs an 'id', \(example)")) }
        }
    }

    private func checkWaivers(_ item: Item, into out: inout [(SourceLocation, String)]) {
        guard let node = item.value("waive") else { return }
        guard let pairs = node.pairs else {
            out.append((node.location, "'waive' must map rule ids to a reason, e.g. waive: {launch-lag: \"agreed with sales\"}"))
            return
        }
        for pair in pairs {
            guard let rule = pair.key.string, RuleCatalog.ids.contains(rule) else {
                let name = describe(pair.key)
                let hint = RuleCatalog.nearest(to: name).map { "did you mean '\($0)'? " } ?? ""
                out.append((pair.key.location, "'waive' names unknown rule '\(name)': \(hint)see the rules in SPEC §7"))
                continue
            }
            let value = pair.value
            if let reason = value.string {
                if reason.allSatisfy(\.isWhitespace) { out.append((value.location, "the waiver of '\(rule)' needs a reason")) }
            } else if let fields = value.pairs {
                for field in fields {
                    switch field.key.string {
                    case "reason"?:
                        if field.value.string == nil { out.append((field.value.location, "the reason of the waiver of '\(rule)' must be a string")) }
                    case "until"?:
                        if Item.date(of: field.value) == nil { out.append((field.value.location, InvalidValueRule.dateMessage("until", field.value))) }
                    default:
                        out.append((field.key.location, "a waiver holds only 'reason' and 'until', not '\(describe(field.key))'"))
                    }
                }
                if value["reason"] == nil { out.append((value.location, "the waiver of '\(rule)' needs a 'reason'")) }
            } else {
                out.append((value.location, "the waiver of '\(rule)' must be a reason, or {reason: …, until: YYYY-MM-DD}"))
            }
        }
    }

    static func isBool(_ node: YAMLNode) -> Bool {
        if case .bool? = node.scalar { return true }
        return false
    }

    static func dateMessage(_ key: String, _ node: YAMLNode) -> String {
        "'\(key)' is not a valid date: '\(describe(node))'; write YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY (e.g. 2026-06-15, 2026-Q2)"
    }
}
