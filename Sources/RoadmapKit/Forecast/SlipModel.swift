/// Where an item's slips are drawn from: a group of the record, or the fallback.
public enum SlipSource: Sendable, Equatable, CustomStringConvertible {
    /// `key`: `theme:…`, `owner:…`, `kind:…` or `all`; `moves`: the moves of its items whose
    /// date held; `observations`: what draws pick from.
    case group(key: String, moves: Int, observations: Int)
    /// The history is too thin: the stated prior (`SlipModel.fallbackShares`).
    case fallback

    public var description: String {
        switch self {
        case let .group(key, moves, observations): return "\(key) (\(moves) moves, \(observations) obs.)"
        case .fallback: return "fallback"
        }
    }

    public var isFallback: Bool { self == .fallback }
}

/// Draws an item's slip — how far from its planned date the date that holds will be — from
/// the record's empirical distribution: its theme's, else its owner's, where those have at
/// least `minimumMoves` moves; else its kind's, else every dated item's, where there are at
/// least `minimumObservations`; else the fallback prior. Within a group, the observations
/// whose horizon (planned date − today) falls in the item's horizon band, when there are
/// `minimumInBand` of them, else all of the group's.
public struct SlipModel: Sendable {
    public static let minimumMoves = 10
    public static let minimumObservations = 10
    static let minimumInBand = 5
    /// Horizon bands (upper bounds, in days): a date 3 weeks away slips differently from one a
    /// year away, and a date already past (an overdue item, -1 and below) differently again.
    static let bandLimits = [-1, 30, 90, 180, 365]
    /// The fallback prior, not a measurement: the slip is this share of the time left (at
    /// least 30 days), each share equally likely — P50 about +10 %, P80 +35 %, P95 +75 %.
    /// A plain "plans run late" prior (the planning fallacy), stated so it can be argued with.
    public static let fallbackShares = [0.0, 0.0, 0.0, 0.05, 0.1, 0.15, 0.25, 0.35, 0.5, 0.75]
    /// The fallback's assumption of how early a slip becomes known (days before the new date).
    static let fallbackLead = 14

    let record: SlipRecord
    /// Per group key: observations by band.
    private let banded: [String: [[SlipObservation]]]

    public init(record: SlipRecord) {
        self.record = record
        var banded: [String: [[SlipObservation]]] = [:]
        for (key, observations) in record.observations {
            var bands = Array(repeating: [SlipObservation](), count: Self.bandLimits.count + 1)
            for observation in observations { bands[Self.band(observation.horizon)].append(observation) }
            banded[key] = bands
        }
        self.banded = banded
    }

    static func band(_ horizon: Int) -> Int {
        Self.bandLimits.firstIndex { horizon <= $0 } ?? Self.bandLimits.count
    }

    /// The group an item's slips come from.
    public func source(kind: String, labels: SlipRecord.Labels) -> SlipSource {
        for key in SlipRecord.keys(kind: kind, labels: labels) {
            let observations = record.observations[key]?.count ?? 0
            let moves = record.heldMoves[key] ?? 0
            let specific = key.hasPrefix("theme:") || key.hasPrefix("owner:")
            if observations >= Self.minimumObservations && (!specific || moves >= Self.minimumMoves) {
                return .group(key: key, moves: moves, observations: observations)
            }
        }
        return .fallback
    }

    /// One draw: the slip in days and how many days before the resulting date it is known.
    func draw(_ source: SlipSource, horizon: Int, using random: inout SplitMix64) -> (slip: Int, lead: Int) {
        guard case let .group(key, _, _) = source, let bands = banded[key] else {
            let share = Self.fallbackShares[random.index(below: Self.fallbackShares.count)]
            return (Int((share * Double(max(horizon, 30))).rounded()), Self.fallbackLead)
        }
        let band = bands[Self.band(horizon)]
        let pool = band.count >= Self.minimumInBand ? band : (record.observations[key] ?? [])
        guard !pool.isEmpty else { return (0, 0) }
        let observation = pool[random.index(below: pool.count)]
        return (observation.residual, observation.lead)
    }
}
