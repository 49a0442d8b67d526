import Foundation
import RoadmapKit

/// The command lines run most often, read without ArgumentParser: the one git's hooks run
/// (`roadmap review --staged --hook pre-commit`) and `roadmap history ID`, each with the
/// options every command takes (before or after the command's name).
///
/// ArgumentParser's parse of a command is a quarter of a hook's time on a small roadmap and
/// a tenth of a warm `history`: it reflects the command's properties (`Mirror`) and makes
/// the Swift runtime look up protocol conformances by scanning every conformance record of
/// the binary, about 2.5 ms per run (docs/performance.md, "Start-up"). This reader takes
/// only the plain forms of a few words; any other word, a repeated one, a missing value or
/// a bad `--today` gives nil, and ArgumentParser reads the line as always (and words its
/// errors), so nothing is accepted here that the full parser would refuse or read otherwise
/// (`PlainCommandLineTests` compares the two).
enum PlainCommandLine {
    /// What a line said: the global options, the flags and options given, the positional words.
    struct Reading {
        var settings = GlobalSettings()
        var flags: Set<String> = []
        var options: [String: String] = [:]
        var words: [String] = []
    }

    /// Reads `[globals] command [globals | flags | options | words]`; nil unless every
    /// word is one of those, each at most once, with at most `words` positional words.
    static func read(_ arguments: [String], command: String, flags: Set<String>, options: Set<String>, words: Int) -> Reading? {
        var reading = Reading()
        var seen: Set<String> = []
        var index = 0
        var named = false
        /// The value of an option: `--name value`, or `--name=value` for a long one.
        func value(of argument: String, name: String) -> String?? {
            if argument == name {
                guard index + 1 < arguments.count else { return .some(nil) }
                index += 1
                return .some(arguments[index])
            }
            if name.hasPrefix("--"), argument.hasPrefix(name + "=") { return .some(String(argument.dropFirst(name.count + 1))) }
            return nil
        }
        while index < arguments.count {
            let argument = arguments[index]
            let name: String
            if argument == command, !named {
                named = true
                index += 1
                continue
            } else if !named, !(argument == "-C" || argument == "--today" || argument.hasPrefix("--today=") || argument == "--no-color") {
                return nil
            } else if argument == "--no-color" {
                name = argument
                reading.settings.noColor = true
            } else if flags.contains(argument) {
                name = argument
                reading.flags.insert(argument)
            } else if let found = value(of: argument, name: "--today") {
                guard let found, GlobalSettings.isDay(found) else { return nil }
                name = "--today"
                reading.settings.today = found
            } else if let found = value(of: argument, name: "-C") {
                guard let found, !found.isEmpty, !found.hasPrefix("-") else { return nil }
                name = "-C"
                reading.settings.directory = found
            } else if let option = options.first(where: { argument == $0 || argument.hasPrefix($0 + "=") }),
                      let found = value(of: argument, name: option) {
                guard let found, !found.isEmpty, !found.hasPrefix("-") else { return nil }
                name = option
                reading.options[option] = found
            } else if !argument.hasPrefix("-"), reading.words.count < words {
                reading.words.append(argument)
                index += 1
                continue
            } else {
                return nil
            }
            guard seen.insert(name).inserted else { return nil }
            index += 1
        }
        return named ? reading : nil
    }

    /// The hook's review, or nil for ArgumentParser to read the line.
    static func review(_ arguments: [String]) -> ReviewRun? {
        guard let reading = read(arguments, command: "review", flags: ["--staged", "--strict"], options: ["--hook"], words: 0),
              reading.flags.contains("--staged"), let hook = reading.options["--hook"] else { return nil }
        return ReviewRun(settings: reading.settings, scope: .staged, hook: hook, strict: reading.flags.contains("--strict"), format: .text)
    }

    /// `history ID|PATH [--format text|json]`, or nil for ArgumentParser to read the line.
    static func history(_ arguments: [String]) -> HistoryRun? {
        guard let reading = read(arguments, command: "history", flags: [], options: ["--format"], words: 1),
              let target = reading.words.first else { return nil }
        let format = reading.options["--format"].map(HistoryCommand.Format.init(rawValue:)) ?? .text
        guard let format else { return nil }
        return HistoryRun(settings: reading.settings, target: target, format: format)
    }
}
