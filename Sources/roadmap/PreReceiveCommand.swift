import ArgumentParser
import Foundation
import RoadmapKit

/// What the `pre-receive` hook runs (hooks/pre-receive): reads git's `OLD NEW REF` lines on
/// standard input, prints the review for the pusher (git shows it as `remote:` lines), and
/// exits 1 to refuse the push. Any other failure exits 2, which the hook lets through.
struct PreReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-receive",
        abstract: "Review a push on the git host (run by the pre-receive hook).",
        shouldDisplay: false
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let updates = try RefUpdate.parse(input)
        let environment = ProcessInfo.processInfo.environment
        let workspace = try global.workspace()
        let outcome = try workspace.receive(updates, push: PushContext(environment: environment), today: try global.todayDate())
        for line in outcome.lines { Output.note(line) }
        if outcome.refused { throw ExitCode(1) }
    }
}
