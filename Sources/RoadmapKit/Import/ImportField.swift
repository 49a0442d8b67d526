/// What a source column can become. A map names one per column (`Summary: title`).
public enum ImportField: Sendable, Hashable {
    /// The value that identifies the row across exports; recorded as `x-source-key`.
    case key
    /// Another identifier of the row that parent columns may use (Jira's numeric Issue id).
    case alias
    case kind, title, status, owner, description
    /// A release name; each distinct name becomes one release item. Repeated columns allowed.
    case release
    /// The key (or alias) of the row's parent: an epic for a story, a theme for an epic.
    case parent
    case start, end
    /// A due date: the item's `end` unless an `end` column gives one.
    case due
    /// Tags; repeated columns, or one cell with comma-separated tags.
    case tags
    /// A user field copied as text (`x-team`).
    case custom(String)
    /// A column deliberately not imported.
    case ignore

    public init?(name: String) {
        switch name {
        case "key": self = .key
        case "alias": self = .alias
        case "kind": self = .kind
        case "title": self = .title
        case "status": self = .status
        case "owner": self = .owner
        case "description": self = .description
        case "release": self = .release
        case "parent": self = .parent
        case "start": self = .start
        case "end": self = .end
        case "due": self = .due
        case "tags": self = .tags
        case "ignore": self = .ignore
        default:
            guard name.hasPrefix("x-"), name.count > 2, name != "x-source-key" else { return nil }
            self = .custom(name)
        }
    }

    public static let names = ["key", "alias", "kind", "title", "status", "owner", "description", "release",
                               "parent", "start", "end", "due", "tags", "ignore", "x-…"]

    public var name: String {
        switch self {
        case .key: "key"
        case .alias: "alias"
        case .kind: "kind"
        case .title: "title"
        case .status: "status"
        case .owner: "owner"
        case .description: "description"
        case .release: "release"
        case .parent: "parent"
        case .start: "start"
        case .end: "end"
        case .due: "due"
        case .tags: "tags"
        case let .custom(name): name
        case .ignore: "ignore"
        }
    }
}
