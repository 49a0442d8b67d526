/// When an asset publishes (SPEC §13): a date, or a day relative to its campaign's launch
/// (`launch`, `launch-14d`, `launch+3d`, `launch-2w`). A relative asset follows its launch
/// when the launch moves.
public enum AssetPublish: Sendable, Hashable {
    case date(RoadmapDate)
    /// Days after the launch (negative: before).
    case relative(days: Int)

    /// Reads a publish value; nil when it is neither a date nor `launch[±N(d|w)]`.
    public init?(_ text: String) {
        if let date = RoadmapDate(text) {
            self = .date(date)
            return
        }
        guard text.hasPrefix("launch") else { return nil }
        let rest = text.dropFirst("launch".count)
        if rest.isEmpty {
            self = .relative(days: 0)
            return
        }
        guard let sign = rest.first, sign == "+" || sign == "-", let unit = rest.last, unit == "d" || unit == "w" else { return nil }
        let digits = rest.dropFirst().dropLast()
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), let n = Int(digits), n >= 0 else { return nil }
        let days = n * (unit == "w" ? 7 : 1)
        self = .relative(days: sign == "-" ? -days : days)
    }

    /// A publish value read from a YAML node (a date may also be a plain year integer).
    public init?(node: YAMLNode) {
        if let text = node.string {
            self.init(text)
        } else if let date = Item.date(of: node) {
            self = .date(date)
        } else {
            return nil
        }
    }

    /// The publish day(s): the date itself, or the launch moved by the offset (nil without a
    /// launch). A coarse launch gives a coarse publish interval.
    public func resolved(launch: RoadmapDate?) -> RoadmapDate? {
        switch self {
        case let .date(date): return date
        case let .relative(days): return launch?.shifted(by: days)
        }
    }

    public var isRelative: Bool {
        if case .relative = self { return true }
        return false
    }
}
