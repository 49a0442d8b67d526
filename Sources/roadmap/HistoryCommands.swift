import ArgumentParser
import RoadmapKit

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The commits in which an item (or any YAML file) changed, newest first, field by field.",
        discussion: """
        The commits are those `git log --follow -- PATH` lists: moves to another folder and renames
        are followed. JSON: {"schemaVersion": 1, "item", "path", "entries": [{"commit", "author":
        {"name", "email"}, "date", "subject", "path", "change", "fields": [{"field", "old", "new",
        "days"}]}]}; "truncated": true when a shallow clone cuts the history short, and its oldest
        entry's "change" is then "boundary" (not "added"; no field changes: what it changed is unknown).
        """
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("An item id, or a path to a YAML file.", valueName: "ID|PATH")) var target: String
    @Option(help: "Only the commits that changed this field (nested: waive.launch-lag); an error when no version has it and the item's kind has no such field.") var field: String?
    // `.unconditional`: the word after `--limit` is its value even when it starts with a dash,
    // so `--limit -1` reaches `validate` instead of reading as an unknown option `-1` and
    // failing with "Missing value for '--limit <limit>'".
    @Option(parsing: .unconditional, help: "At most this many commits (1 or more).") var limit: Int?
    @Option(help: "text or json.") var format: Format = .text

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more, got \(limit)") }
    }

    func run() throws {
        try HistoryRun(settings: global.settings, target: target, field: field, limit: limit, format: format).run()
    }
}

/// One `roadmap history`, from plain values: what `HistoryCommand` parsed, or what
/// `PlainCommandLine` read.
struct HistoryRun {
    var settings: GlobalSettings
    var target: String
    var field: String?
    var limit: Int?
    var format: HistoryCommand.Format

    func run() throws {
        let workspace = try settings.workspace()
        let result = try workspace.history(of: target, field: field, limit: limit)
        switch format {
        case .text: Output.writeSanitized(HistoryText.render(result))
        case .json: Output.write(HistoryText.json(result).encoded() + "\n")
        }
        settings.startHistoryIndex(workspace)
    }
}

struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "For each field (and list entry) of an item, the commit, author and date that last changed it.",
        discussion: """
        JSON: {"schemaVersion": 1, "item", "path", "truncated", "fields": [{"field", "index", "value",
        "commit", "author": {"name", "email"}, "date", "subject"}]}; in a shallow clone a field set
        before its boundary has "commit": null, and "truncated" is true.
        """
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("An item id, or a path to a YAML file.", valueName: "ID|PATH")) var target: String
    @Option(help: "text or json.") var format: Format = .text

    func run() throws {
        let workspace = try global.workspace()
        let report = try workspace.blame(target)
        switch format {
        case .text: Output.writeSanitized(Blame.render(report))
        case .json: Output.write(Blame.json(report).encoded() + "\n")
        }
        global.startHistoryIndex(workspace)
    }
}

struct SlipsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slips",
        abstract: "Per dated item: first planned date, current date, how often it moved, net slip in days, who moved it last.",
        discussion: """
        Releases by `date`, campaigns by `launch`; sorted by net slip. JSON: {"schemaVersion": 1,
        "items": [{"id", "kind", "path", "field", "first", "current", "moves", "slipDays", "truncated",
        "lastMovedBy", "series": [{"commit", "date", "value"}]}]}; a series "date" is the
        commit's committer date, ISO 8601 with the offset git recorded. "truncated": a shallow
        clone hides where the date was first set ("first" and "slipDays" are then null).
        """
    )

    enum Format: String, ExpressibleByArgument { case table, json }
    enum SlipKind: String, ExpressibleByArgument { case release, campaign }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @Option(help: "release or campaign (default: both).") var kind: SlipKind?
    @Option(help: ArgumentHelp("Only moves on or after this day (from its start in the local time zone).", valueName: "DATE")) var since: String?
    @Option(help: "table or json.") var format: Format = .table

    func run() throws {
        let workspace = try global.workspace()
        let reports = try workspace.slips(kind: kind?.rawValue, since: since, audience: audienceOption.audience)
        switch format {
        case .table: Output.writeSanitized(Slips.render(reports))
        case .json: Output.write(Slips.json(reports).encoded() + "\n")
        }
        global.startHistoryIndex(workspace)
    }
}
