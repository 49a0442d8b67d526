/// The five kinds of roadmap item (SPEC §4).
public enum Kind: String, Sendable, CaseIterable, Hashable, Comparable {
    case theme, epic, story, release, campaign

    public static func < (a: Kind, b: Kind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The folder `roadmap new` files this kind under: `themes`, `epics`, `stories`, `releases`, `campaigns`.
    public var folder: String {
        switch self {
        case .story: return "stories"
        default: return rawValue + "s"
        }
    }

    /// The statuses this kind accepts, in workflow order.
    public var statuses: [String] {
        switch self {
        case .theme: return ["planned", "active", "done", "cancelled"]
        case .epic, .story: return ["proposed", "planned", "in-progress", "done", "cancelled"]
        case .release: return ["proposed", "planned", "in-progress", "shipped", "cancelled"]
        case .campaign: return ["proposed", "planned", "in-progress", "live", "done", "cancelled"]
        }
    }

    /// The status an item has when it names none.
    public static let defaultStatus = "planned"

    /// Fields every kind knows, in canonical order (`description` is placed last by `canonicalKeyOrder`).
    /// `visibility`, `public-title` and `public-description` are the audience fields (SPEC §12).
    public static let commonFields = ["kind", "title", "status", "owner", "visibility", "tags", "waive",
                                      "public-title", "public-description", "description"]

    /// The kind's own fields, in the SPEC §4 table order (`depends-on`, SPEC §14, last).
    public var ownFields: [String] {
        switch self {
        case .theme: return ["horizon", "start", "end"]
        case .epic: return ["theme", "release", "start", "end", "depends-on"]
        case .story: return ["epic", "release", "start", "end", "depends-on"]
        case .release: return ["date", "version", "tier", "marketing", "depends-on"]
        case .campaign: return ["promotes", "launch", "start", "end", "channels", "audience", "teaser", "depends-on"]
        }
    }

    /// Every key an item of this kind may hold (besides the user's own `x-` keys).
    public var knownFields: Set<String> { Set(Kind.commonFields + ownFields) }

    /// The canonical key order `roadmap fmt` writes: kind, title, status, owner, the kind's own
    /// fields in table order, tags, waive, and description last. Unknown and `x-` keys follow
    /// the known ones (before `description`) in their original order — see `canonicalRank`.
    public var canonicalKeyOrder: [String] {
        ["kind", "title", "status", "owner", "visibility"] + ownFields
            + ["tags", "waive", "public-title", "public-description", "description"]
    }

    /// A sort rank for a key: known keys by `canonicalKeyOrder`; any other key (user `x-` keys,
    /// unknown keys) ranks after `waive` and before `description`. Sort stably so that unknown
    /// keys keep their relative order.
    public func canonicalRank(of key: String) -> Int {
        let order = canonicalKeyOrder
        if let index = order.firstIndex(of: key) {
            return key == "description" ? order.count + 1 : index
        }
        return order.count
    }

    /// True for the user's own keys, which are never warned about.
    public static func isUserKey(_ key: String) -> Bool { key.hasPrefix("x-") }

    /// The fields holding dates.
    public var dateFields: [String] {
        switch self {
        case .release: return ["date"]
        case .campaign: return ["launch", "start", "end"]
        default: return ["start", "end"]
        }
    }
}

/// How serious a finding is.
public enum Severity: String, Sendable, CaseIterable, Hashable, Comparable {
    case error, warning, info

    private var rank: Int {
        switch self {
        case .error: return 2
        case .warning: return 1
        case .info: return 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A release's tier (SPEC §4).
public enum Tier: String, Sendable, CaseIterable {
    case major, minor, patch
}

/// Whether a release must be marketed (SPEC §4).
public enum Marketing: String, Sendable, CaseIterable {
    case required, optional, none
}

/// A theme's horizon (SPEC §4).
public enum Horizon: String, Sendable, CaseIterable {
    case now, next, later
}
