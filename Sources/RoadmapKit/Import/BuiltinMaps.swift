/// The maps `--from jira` and `--from github` start from.
///
/// Jira: the columns of Jira Cloud's "Export → CSV (all fields)" issue export (Summary, Issue
/// key, Issue id, Issue Type, Status, Assignee, repeated Fix Version/s and Labels columns,
/// Due Date, Description, and custom fields written `Custom field (Epic Link)`, `Custom field
/// (Target start)`…). GitHub: the keys of `gh project item-list --format json`, whose field
/// names are the project's field names with the first letter lower-cased (cli/cli,
/// pkg/cmd/project/shared/format/json.go).
extension ImportMap {
    public static var jira: ImportMap {
        var map = ImportMap()
        let columns: [(String, ImportField)] = [
            ("Issue key", .key), ("Issue id", .alias), ("Summary", .title), ("Issue Type", .kind),
            ("Status", .status), ("Assignee", .owner), ("Fix Version/s", .release), ("Fix versions", .release),
            ("Epic Link", .parent), ("Parent Link", .parent), ("Parent", .parent), ("Parent id", .parent),
            ("Due Date", .due), ("Due date", .due), ("Target start", .start), ("Target end", .end),
            ("Labels", .tags), ("Description", .description),
        ]
        map.columns = columns.map { Column(name: $0.0, field: $0.1, location: nil, optional: true) }
        map.kinds = [
            "epic": .epic, "story": .story, "task": .story, "bug": .story, "sub-task": .story, "subtask": .story,
            "improvement": .story, "new feature": .story, "spike": .story, "initiative": .theme, "theme": .theme,
        ]
        map.statuses = [
            "to do": "planned", "open": "planned", "backlog": "planned", "selected for development": "planned",
            "new": "planned", "reopened": "planned", "idea": "proposed",
            "in progress": "in-progress", "in review": "in-progress", "in development": "in-progress",
            "in qa": "in-progress", "review": "in-progress", "testing": "in-progress",
            "done": "done", "closed": "done", "resolved": "done", "released": "done",
            "won't do": "cancelled", "won't fix": "cancelled", "cancelled": "cancelled", "canceled": "cancelled",
            "declined": "cancelled", "rejected": "cancelled",
        ]
        return map
    }

    public static var github: ImportMap {
        var map = ImportMap()
        let columns: [(String, ImportField)] = [
            ("title", .title), ("status", .status), ("assignees", .owner), ("labels", .tags),
            ("iteration", .release), ("milestone", .release), ("type", .kind), ("kind", .kind),
            ("start date", .start), ("start", .start), ("end date", .end), ("end", .end),
            ("target date", .due), ("due date", .due), ("body", .description),
        ]
        map.columns = columns.map { Column(name: $0.0, field: $0.1, location: nil, optional: true) }
        map.defaultKind = .story
        map.kinds = ["epic": .epic, "feature": .epic, "story": .story, "task": .story, "bug": .story, "initiative": .theme]
        map.statuses = [
            "todo": "planned", "to do": "planned", "ready": "planned", "backlog": "proposed",
            "in progress": "in-progress", "in review": "in-progress", "done": "done",
        ]
        return map
    }
}
