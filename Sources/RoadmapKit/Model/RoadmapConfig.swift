/// The repository's `roadmap.yaml` (SPEC §6).
public struct RoadmapConfig: Sendable {
    public static let fileName = "roadmap.yaml"

    /// The items root, repository-relative, without a trailing slash; "" means the whole repository.
    public var root: String = "roadmap"
    /// The branch proposals start from and merge into.
    public var base: String = "main"
    public var proposalPrefix: String = "proposal/"
    public var launchLagDays: Int = 30
    /// `results-grace-days`: how long after a done campaign's end its results may stay missing (SPEC §13).
    public var resultsGraceDays: Int = 14
    /// Severity overrides per rule id; a `nil` value means the rule is `off`.
    public var severities: [String: Severity?] = [:]
    /// The allowed campaign channels; nil when any channel is allowed.
    public var channels: [String]?
    /// `web: {direct: true}`: `roadmap serve` may commit edits straight to the base branch
    /// (still only when the review adds no new error); otherwise every save goes on a proposal.
    public var webDirect: Bool = false
    /// Who sees what (SPEC §12): `visibility:`, `hidden-fields:`, `date-precision:`.
    public var audiences = AudienceSettings()
    /// `owners:` — how to reach the people items name in `owner:`, by handle (SPEC §15).
    public var owners: [String: OwnerContact] = [:]

    public init() {}

    public static let `default` = RoadmapConfig()

    /// The severity a rule reports with, or nil when it is turned off.
    public func severity(of rule: String, default fallback: Severity) -> Severity? {
        if let override = severities[rule] { return override }
        return fallback
    }

    /// The configuration of a repository: defaults when `file` is nil (no `roadmap.yaml`).
    public static func load(_ file: ParsedFile?) throws(ConfigError) -> RoadmapConfig {
        guard let file else { return RoadmapConfig() }
        return try RoadmapConfig(file: file)
    }

    /// Reads a parsed `roadmap.yaml`. Every problem is a `ConfigError` naming file:line:column;
    /// unknown keys are errors too (a typo would otherwise be silently ignored), except `x-` keys.
    public init(file: ParsedFile) throws(ConfigError) {
        let path = file.path
        let root: YAMLNode
        switch file.outcome {
        case let .failed(_, message, location):
            throw ConfigError(path: path, location: location, message: message)
        case let .parsed(node):
            root = node
        }
        if case .scalar(.null, _) = root.content { return }  // an empty file: all defaults
        guard let pairs = root.pairs else {
            throw ConfigError(path: path, location: root.location, message: "the top level must be a mapping of settings")
        }
        func fail(_ node: YAMLNode, _ message: String) -> ConfigError {
            ConfigError(path: path, location: node.location, message: message)
        }
        for pair in pairs {
            guard let key = pair.key.string else {
                throw fail(pair.key, "settings are named by strings")
            }
            let value = pair.value
            if case .scalar(.null, _) = value.content { continue }
            switch key {
            case "root":
                guard let s = value.string else { throw fail(value, "'root' must be a folder path, e.g. roadmap") }
                let trimmed = s.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
                if s.hasPrefix("/") || trimmed.contains("..") {
                    throw fail(value, "'root' must be a folder inside the repository, e.g. roadmap")
                }
                self.root = trimmed.joined(separator: "/")
            case "base":
                guard let s = value.string, !s.isEmpty else { throw fail(value, "'base' must be a branch name, e.g. main") }
                self.base = s
            case "proposal-prefix":
                guard let s = value.string, !s.isEmpty else { throw fail(value, "'proposal-prefix' must be a string, e.g. proposal/") }
                self.proposalPrefix = s
            case "launch-lag-days":
                guard case let .int(n)? = value.scalar, n >= 0 else {
                    throw fail(value, "'launch-lag-days' must be a whole number of days, 0 or more")
                }
                self.launchLagDays = n
            case "results-grace-days":
                guard case let .int(n)? = value.scalar, n >= 0 else {
                    throw fail(value, "'results-grace-days' must be a whole number of days, 0 or more")
                }
                self.resultsGraceDays = n
            case "rules":
                guard let rules = value.pairs else {
                    throw fail(value, "'rules' must map rule ids to error, warning, info or off")
                }
                for rule in rules {
                    guard let id = rule.key.string, RuleCatalog.ids.contains(id) else {
                        let name = rule.key.string ?? "\(rule.key.data)"
                        let hint = RuleCatalog.nearest(to: name).map { "; did you mean '\($0)'?" } ?? ""
                        throw fail(rule.key, "unknown rule '\(name)'\(hint)")
                    }
                    // `off` is a string in YAML 1.2; a YAML 1.1 habit could also write `false`.
                    switch rule.value.scalar {
                    case .string("off")?, .bool(false)?:
                        self.severities[id] = .some(nil)
                    case let .string(s)? where Severity(rawValue: s) != nil:
                        self.severities[id] = .some(Severity(rawValue: s)!)
                    default:
                        throw fail(rule.value, "the severity of '\(id)' must be error, warning, info or off")
                    }
                }
            case "channels":
                guard let items = value.items else { throw fail(value, "'channels' must be a list of channel names") }
                var channels: [String] = []
                for item in items {
                    guard let s = item.string, !s.isEmpty else { throw fail(item, "a channel must be a name, e.g. blog") }
                    channels.append(s)
                }
                self.channels = channels
            case "web":
                guard let settings = value.pairs else { throw fail(value, "'web' must be a mapping, e.g. {direct: true}") }
                for setting in settings {
                    guard setting.key.string == "direct" else {
                        throw fail(setting.key, "unknown web setting '\(setting.key.string ?? "?")'; the only one is 'direct'")
                    }
                    guard case let .bool(direct)? = setting.value.scalar else {
                        throw fail(setting.value, "'web.direct' must be true or false")
                    }
                    self.webDirect = direct
                }
            case "visibility", "hidden-fields", "date-precision":
                try audiences.read(key, value, fail: fail)
            case "owners":
                self.owners = try Self.owners(value, fail: fail)
            default:
                if Kind.isUserKey(key) { continue }
                let known = ["root", "base", "proposal-prefix", "launch-lag-days", "results-grace-days", "rules", "channels", "web",
                             "visibility", "hidden-fields", "date-precision", "owners"]
                let hint = EditDistance.nearest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? ""
                throw fail(pair.key, "unknown setting '\(key)'\(hint)")
            }
        }
    }
}

extension RoadmapConfig {
    /// `owners: {"@maria": {name: …, email: …, slack: …}}`: every field optional, nothing else allowed.
    static func owners(_ value: YAMLNode, fail: (YAMLNode, String) -> ConfigError) throws(ConfigError) -> [String: OwnerContact] {
        guard let pairs = value.pairs else {
            throw fail(value, "'owners' must map owner handles to {name, email, slack}")
        }
        var owners: [String: OwnerContact] = [:]
        for pair in pairs {
            guard let handle = pair.key.string, !handle.isEmpty else { throw fail(pair.key, "an owner is named by a handle, e.g. \"@maria\"") }
            var contact = OwnerContact(handle: handle)
            if case .scalar(.null, _) = pair.value.content { owners[handle] = contact; continue }
            guard let fields = pair.value.pairs else {
                throw fail(pair.value, "owner '\(handle)' must be a mapping of name, email and slack")
            }
            for field in fields {
                guard let key = field.key.string else { throw fail(field.key, "owner fields are name, email and slack") }
                if case .scalar(.null, _) = field.value.content { continue }
                guard let text = field.value.string, !text.isEmpty else {
                    throw fail(field.value, "owner '\(handle)': '\(key)' must be a string")
                }
                switch key {
                case "name": contact.name = text
                case "email":
                    guard Notification.isAddress(text) else { throw fail(field.value, "owner '\(handle)': '\(text)' is not an e-mail address") }
                    contact.email = text
                case "slack": contact.slack = text
                default:
                    if Kind.isUserKey(key) { continue }
                    let hint = EditDistance.nearest(to: key, in: ["name", "email", "slack"]).map { "; did you mean '\($0)'?" } ?? ""
                    throw fail(field.key, "owner '\(handle)': unknown field '\(key)'\(hint)")
                }
            }
            owners[handle] = contact
        }
        return owners
    }
}

/// A bad `roadmap.yaml`: it stops every command (exit 2) with file:line:column.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    public let location: SourceLocation
    public let message: String

    public init(path: String, location: SourceLocation, message: String) {
        self.path = path
        self.location = location
        self.message = message
    }

    public var description: String { "\(path):\(location.line):\(location.column): \(message)" }
}

/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidate closest to `word`, when it is close enough to be a plausible typo
    /// (at most a third of the word's length, and at least 1, edits away). Ties go to the first.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let limit = max(1, max(word.count, 3) / 3)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c)
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }
}
