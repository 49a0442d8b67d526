import ArgumentParser
import RoadmapKit

struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push the base branch, proposals and archived proposals to a remote.",
        discussion: "Pushes the base, the named proposals (default: every open one) and every refs/proposals/* archive; without names, also deletes on the remote the branches of proposals archived here. Nothing is forced. --remote: a remote name or URL (default origin, or the only remote)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Proposal names (default: all open proposals).") var names: [String] = []
    @Option(help: ArgumentHelp("Remote name or URL.", valueName: "R")) var remote: String?

    func run() throws {
        let outcome = try global.workspace().push(names: names, remote: remote)
        Output.write("pushed to \(outcome.remote): \(outcome.refspecs.count) ref\(outcome.refspecs.count == 1 ? "" : "s")\n")
    }
}

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch a remote's branches (refs/remotes/R/*) and archived proposals (refs/proposals/*).",
        discussion: "Then 'roadmap proposals --remote R' lists that remote's proposals."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Remote name (default origin, or the only remote).", valueName: "R")) var remote: String?

    func run() throws {
        let outcome = try global.workspace().fetch(remote: remote)
        Output.write("fetched from \(outcome.remote)\n")
    }
}
