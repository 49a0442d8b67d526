import ArgumentParser
import Foundation
import RoadmapKit

/// Makes the complete changed-path index of the repository's commit-graph (hidden: history
/// commands start it in the background, see `PathIndexJob`; the benchmark runs it with
/// `--wait` to measure queries once it is made).
struct IndexHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index-history",
        abstract: "Make the index of what every commit of the commit-graph changed (run by history commands).",
        shouldDisplay: false
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Started by another command: run at a lower priority.") var background = false
    @Flag(help: "When another process is making the index, wait for it (and make it if that one stops).") var wait = false

    func run() throws {
        if background { _ = nice(10) }
        switch try PathIndexJob.run(at: global.workingFolder, waiting: wait) {
        case .made: print("made the history index")
        case .present: print("the history index is up to date")
        case .noGraph: print("no commit-graph: nothing to index (git commit-graph write --reachable --changed-paths)")
        case .busy: print("another process is making the history index")
        case .stopped: print("stopped: the history index was not made")
        }
    }
}

extension GlobalOptions {
    /// See `GlobalSettings.startHistoryIndex`.
    func startHistoryIndex(_ workspace: Workspace) { settings.startHistoryIndex(workspace) }
}

extension GlobalSettings {
    /// After a history query: starts making the history index in the background when the
    /// repository has a commit-graph without one (see `PathIndexJob`).
    func startHistoryIndex(_ workspace: Workspace) {
        PathIndexJob.startIfWanted(workspace.repository, executable: currentExecutablePath(),
                                   arguments: ["index-history", "--background", "-C", workingFolder])
    }
}
