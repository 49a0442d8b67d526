/// Who a view of the roadmap is for (SPEC §12), widest first: `public` (anyone, customers) ·
/// `stakeholders` (the whole company) · `key` (key stakeholders) · `team` (everything,
/// findings included; the default of every command).
///
/// The order is by narrowness: `public < stakeholders < key < team`. An item whose visibility
/// is V may be seen by every audience A with `A >= V`.
public enum Audience: String, Sendable, CaseIterable, Hashable, Comparable {
    case `public`, stakeholders, key, team

    public static func < (a: Audience, b: Audience) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .public: return 0
        case .stakeholders: return 1
        case .key: return 2
        case .team: return 3
        }
    }

    /// The valid names, widest first, for messages: "public, stakeholders, key, team".
    public static let validNames = allCases.map(\.rawValue).joined(separator: ", ")

    /// Parses an audience name; an unknown one is an error naming the valid ones.
    public static func parse(_ text: String) throws(AudienceError) -> Audience {
        guard let audience = Audience(rawValue: text) else { throw AudienceError(name: text) }
        return audience
    }

    /// Whether findings are shown to this audience (SPEC §12: team and key only).
    public var seesFindings: Bool { self >= .key }

    /// The audiences at least as narrow as this one, up to (not including) `team`: what is hidden
    /// from any of them is hidden from this one too.
    var selfAndNarrower: [Audience] { Audience.allCases.filter { $0 >= self && $0 != .team } }
}

/// An audience name that is none of the four.
public struct AudienceError: Error, CustomStringConvertible, Sendable, Equatable {
    public let name: String
    public var description: String { "unknown audience '\(name)': use one of \(Audience.validNames)" }
}
