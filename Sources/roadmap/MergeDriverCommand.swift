import ArgumentParser
import Foundation
import RoadmapKit

/// `roadmap merge-driver %O %A %B %P`: the git merge driver `hooks install` registers.
struct MergeDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-driver",
        abstract: "Git merge driver for item files (registered by 'roadmap hooks install').",
        shouldDisplay: false
    )

    @Argument(help: "%O: the common ancestor's version.") var base: String
    @Argument(help: "%A: our version; receives the result.") var ours: String
    @Argument(help: "%B: their version.") var theirs: String
    @Argument(help: "%P: the file's path in the repository.") var path: String = ""

    func run() throws {
        let conflicts = try MergeDriver.run(base: base, ours: ours, theirs: theirs, path: path.isEmpty ? ours : path)
        if !conflicts.isEmpty {
            for conflict in conflicts { Output.note("roadmap: conflict: \(conflict.description)") }
            throw ExitCode(1)
        }
    }
}
