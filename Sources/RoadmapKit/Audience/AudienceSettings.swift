/// The audience settings of `roadmap.yaml` (SPEC §12): default visibility per kind, fields
/// hidden per audience, date precision per audience.
public struct AudienceSettings: Sendable, Equatable {
    /// The widest audience that may see an item of a kind that names no `visibility:` itself.
    /// Keyed by kind name, so that kinds added later (program, goal) have their default too.
    public var visibility: [String: Audience] = [
        "theme": .stakeholders, "epic": .stakeholders, "story": .stakeholders, "release": .stakeholders,
        "campaign": .key, "program": .key, "goal": .key,
    ]
    /// Field names or `*` patterns (`x-*`) an audience never sees, as written per audience.
    public var hiddenFields: [Audience: [String]] = [
        .public: ["owner", "budget", "results", "assets", "messaging", "audience", "waive", "x-*"],
        .stakeholders: ["budget", "results", "waive", "x-*"],
        .key: ["waive"],
    ]
    /// How precisely an audience sees dates, as written per audience (absent: exact).
    public var datePrecision: [Audience: RoadmapDate.Precision] = [.public: .quarter, .stakeholders: .month]

    public init() {}

    /// The visibility of a kind with no `visibility:` of its own; `key` for a kind with no default
    /// (a narrow default fails closed).
    public func defaultVisibility(of kind: String) -> Audience { visibility[kind] ?? .key }

    /// The patterns hidden from `audience`: its own and those of every narrower audience below
    /// `team` (what is hidden from key stakeholders is hidden from the public too). Empty for team.
    public func hiddenPatterns(for audience: Audience) -> [String] {
        guard audience != .team else { return [] }
        var seen = Set<String>(), out: [String] = []
        for a in audience.selfAndNarrower { for p in hiddenFields[a] ?? [] where seen.insert(p).inserted { out.append(p) } }
        return out
    }

    /// Whether `field` is hidden from `audience`.
    public func isHidden(_ field: String, from audience: Audience) -> Bool {
        hiddenPatterns(for: audience).contains { AudienceSettings.matches(pattern: $0, field) }
    }

    /// The precision `audience` sees dates at: the coarsest of its own and every narrower
    /// audience's, so a wider audience never sees a date more precisely than a narrower one;
    /// nil (exact) for team and when nothing is set.
    public func precision(for audience: Audience) -> RoadmapDate.Precision? {
        guard audience != .team else { return nil }
        return audience.selfAndNarrower.compactMap { datePrecision[$0] }.max { $0.rank < $1.rank }
    }

    /// A field name against a pattern where `*` stands for any run of characters.
    public static func matches(pattern: String, _ name: String) -> Bool {
        guard pattern.contains("*") else { return pattern == name }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(name)
        guard let first = parts.first, rest.hasPrefix(first) else { return false }
        rest = rest.dropFirst(first.count)
        for (index, part) in parts.enumerated().dropFirst() {
            if index == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    /// A stable text of every setting, for the review cache's key (the visibility rules read them).
    var cacheKey: String {
        let v = visibility.keys.sorted().map { "\($0)=\(visibility[$0]!.rawValue)" }
        let h = Audience.allCases.compactMap { a in hiddenFields[a].map { "\(a.rawValue)=\($0.joined(separator: ","))" } }
        let d = Audience.allCases.compactMap { a in datePrecision[a].map { "\(a.rawValue)=\($0.rank)" } }
        return (v + h + d).joined(separator: ";")
    }

    /// Fields that can never be hidden: without them an item is not an item.
    static let unhideable: Set<String> = ["kind", "title"]

    /// Reads one of the three settings of `roadmap.yaml`; `fail` builds the error at a node.
    mutating func read(_ key: String, _ value: YAMLNode, fail: (YAMLNode, String) -> ConfigError) throws(ConfigError) {
        guard let pairs = value.pairs else {
            throw fail(value, "'\(key)' must be a mapping, e.g. \(AudienceSettings.example(key))")
        }
        for pair in pairs {
            guard let name = pair.key.string else { throw fail(pair.key, "'\(key)' is keyed by names") }
            if case .scalar(.null, _) = pair.value.content { continue }
            switch key {
            case "visibility":
                guard Kind(rawValue: name) != nil || ["program", "goal"].contains(name) else {
                    throw fail(pair.key, "unknown kind '\(name)' in 'visibility': use theme, epic, story, release or campaign")
                }
                guard let s = pair.value.string, let audience = Audience(rawValue: s) else {
                    throw fail(pair.value, "the visibility of '\(name)' must be one of \(Audience.validNames)")
                }
                visibility[name] = audience
            case "hidden-fields":
                let audience = try audienceKey(name, pair.key, in: key, fail: fail)
                guard let entries = pair.value.items else {
                    throw fail(pair.value, "the hidden fields of '\(name)' must be a list, e.g. [owner, x-*]")
                }
                var fields: [String] = []
                for entry in entries {
                    guard let field = entry.string, !field.isEmpty else { throw fail(entry, "a hidden field must be a field name or a pattern such as x-*") }
                    guard !AudienceSettings.unhideable.contains(field) else {
                        throw fail(entry, "'\(field)' cannot be hidden (use public-title for the public's wording)")
                    }
                    fields.append(field)
                }
                hiddenFields[audience] = fields
            default:  // date-precision
                let audience = try audienceKey(name, pair.key, in: key, fail: fail)
                guard let s = pair.value.string, let precision = RoadmapDate.Precision(name: s) else {
                    throw fail(pair.value, "the date precision of '\(name)' must be one of day, month, quarter, half, year")
                }
                datePrecision[audience] = precision
            }
        }
    }

    private func audienceKey(_ name: String, _ node: YAMLNode, in key: String, fail: (YAMLNode, String) -> ConfigError) throws(ConfigError) -> Audience {
        guard let audience = Audience(rawValue: name) else {
            throw fail(node, "unknown audience '\(name)' in '\(key)': use one of \(Audience.validNames)")
        }
        guard audience != .team else { throw fail(node, "the team sees everything: '\(key)' takes public, stakeholders or key") }
        return audience
    }

    private static func example(_ key: String) -> String {
        switch key {
        case "visibility": return "{release: public, campaign: key}"
        case "hidden-fields": return "{public: [owner, x-*]}"
        default: return "{public: quarter, stakeholders: month}"
        }
    }
}

extension RoadmapDate.Precision {
    /// Finest first: day < month < quarter < half < year.
    var rank: Int {
        switch self {
        case .day: return 0
        case .month: return 1
        case .quarter: return 2
        case .half: return 3
        case .year: return 4
        }
    }

    init?(name: String) {
        switch name {
        case "day": self = .day
        case "month": self = .month
        case "quarter": self = .quarter
        case "half": self = .half
        case "year": self = .year
        default: return nil
        }
    }
}

extension RoadmapDate {
    /// This date shown no more precisely than `precision`: `2027-04-15` at quarter is `2027-Q2`;
    /// a date written more coarsely than `precision` stays as written.
    public func coarsened(to precision: RoadmapDate.Precision?) -> RoadmapDate {
        guard let precision, precision.rank > self.precision.rank else { return self }
        let (year, month, _) = RoadmapDate.civil(fromDayNumber: firstDay)
        let y = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        let text: String
        switch precision {
        case .day: return self
        case .month: text = y + "-" + (month < 10 ? "0" : "") + String(month)
        case .quarter: text = "\(y)-Q\((month - 1) / 3 + 1)"
        case .half: text = "\(y)-H\((month - 1) / 6 + 1)"
        case .year: text = y
        }
        return RoadmapDate(text) ?? self
    }
}
