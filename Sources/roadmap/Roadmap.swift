import ArgumentParser
import Foundation
import RoadmapKit

@main
struct Roadmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roadmap",
        abstract: "Keep a product roadmap and a marketing roadmap in git, and check one against the other.",
        version: RoadmapKitVersion.string,
        subcommands: [
            InitCommand.self, NewCommand.self, ListCommand.self, ShowCommand.self, SetCommand.self,
            FmtCommand.self, ReviewCommand.self, CommitCommand.self, HooksCommand.self, SchemaCommand.self,
            HistoryCommand.self, BlameCommand.self, SlipsCommand.self, ForecastCommand.self,
            TimelineCommand.self, ImpactCommand.self, BoardCommand.self, ExportCommand.self, PublishCommand.self,
            ProposeCommand.self, ProposalsCommand.self, DiffCommand.self, AcceptCommand.self, WithdrawCommand.self,
            PushCommand.self, FetchCommand.self, MergeDriverCommand.self, ImportCommand.self, PreReceiveCommand.self,
            CICommand.self, NotifyCommand.self, DigestCommand.self, ServeCommand.self,
            ReplanCommand.self, CalendarCommand.self, BudgetCommand.self, IndexHistoryCommand.self,
        ]
    )

    /// The only place that exits: errors become one `roadmap: error: …` line and SPEC §10's
    /// exit codes (2 for usage and input errors, 1 for refusals).
    static func main() {
        do {
            // Before anything else: the two lines every hook run or start-up measure pays for
            // (PlainCommandLine), without ArgumentParser or the command table.
            let given = Array(CommandLine.arguments.dropFirst())
            if given == ["--version"] {
                print(RoadmapKitVersion.string)  // what ArgumentParser prints for it
                return
            }
            if let review = PlainCommandLine.review(given) {
                try review.run()
                return
            }
            if let history = PlainCommandLine.history(given) {
                try history.run()
                return
            }
            let arguments = globalOptionsAfterSubcommand(given)
            if let unknown = unknownHelpTopic(arguments) {
                throw ValidationError("no command named '\(unknown)' to show help for")
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as RoadmapError {
            Output.error(error.message)
            Foundation.exit(error.exitCode)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Output.error("\(message) (see 'roadmap --help')")
            Foundation.exit(2)
        }
    }
}

/// `roadmap -C DIR list` works like `git -C DIR …`: options every command takes may come
/// before the command's name; they are moved after it for the parser.
func globalOptionsAfterSubcommand(_ arguments: [String]) -> [String] {
    var leading: [String] = []
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        if (argument == "-C" || argument == "--today") && index + 1 < arguments.count {
            leading += [argument, arguments[index + 1]]
            index += 2
        } else if argument.hasPrefix("--today=") || argument == "--no-color" || (argument.hasPrefix("-C") && argument.count > 2) {
            leading.append(argument)
            index += 1
        } else {
            break
        }
    }
    // Only before a known command: `roadmap -C dir bogus` must say that `bogus` is unknown.
    let commands = Set(Roadmap.configuration.subcommands.map { $0._commandName })
    guard !leading.isEmpty, index < arguments.count, commands.contains(arguments[index]) else {
        if !leading.isEmpty, index < arguments.count {
            return [arguments[index]] + arguments[(index + 1)...]  // reported as an unknown command
        }
        return arguments
    }
    return [arguments[index]] + leading + arguments[(index + 1)...]
}

/// `roadmap help NAME…` names commands. ArgumentParser's built-in `help` shows the help of the
/// deepest name it knows and ignores the rest, so `roadmap help bogus` would print the overview
/// and exit 0; an unknown name is a usage error instead (SPEC §10). Returns the first name
/// that is not a command, nil when every name is one (or `help` is not the command).
func unknownHelpTopic(_ arguments: [String]) -> String? {
    guard arguments.first == "help" else { return nil }
    var command: any ParsableCommand.Type = Roadmap.self
    for name in arguments.dropFirst() where !name.hasPrefix("-") {
        let subcommands = command.configuration.subcommands
        if name == "help" && !subcommands.isEmpty { return nil }  // `roadmap help help`
        guard let next = subcommands.first(where: { $0._commandName == name || $0.configuration.aliases.contains(name) }) else {
            return name
        }
        command = next
    }
    return nil
}
