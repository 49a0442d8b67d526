import Foundation
import RoadmapKit

/// The command lines git's hooks run (`roadmap review --staged --hook pre-commit`, with the
/// options every command takes, before or after `review`), read without ArgumentParser.
///
/// Every commit pays for the pre-commit hook, and ArgumentParser's parse of a command is a
/// quarter of the hook's time on a small roadmap: it reflects the command's properties
/// (`Mirror`) and makes the Swift runtime look up protocol conformances by scanning every
/// conformance record of the binary, about 2.5 ms per run (docs/performance.md,
/// "Start-up"). This reader takes only the plain forms of the few words a hook uses; any
/// other word, a repeated one, a missing value or a bad `--today` gives nil, and
/// ArgumentParser reads the line as always (and words its errors), so nothing is accepted
/// here that the full parser would refuse or read otherwise.
enum HookCommandLine {
    /// The review to run, or nil for ArgumentParser to read the line.
    static func review(_ arguments: [String]) -> ReviewRun? {
        var settings = GlobalSettings()
        var staged = false, strict = false
        var hook: String?
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
            if argument == "review", !named {
                // The options every command takes may come before its name (`-C DIR review …`).
                named = true
                index += 1
                continue
            } else if !named, !(argument == "-C" || argument == "--today" || argument.hasPrefix("--today=") || argument == "--no-color") {
                return nil
            } else if argument == "--staged" {
                name = argument
                staged = true
            } else if argument == "--strict" {
                name = argument
                strict = true
            } else if argument == "--no-color" {
                name = argument
                settings.noColor = true
            } else if let found = value(of: argument, name: "--hook") {
                guard let found, !found.isEmpty, !found.hasPrefix("-") else { return nil }
                name = "--hook"
                hook = found
            } else if let found = value(of: argument, name: "--today") {
                guard let found, GlobalSettings.isDay(found) else { return nil }
                name = "--today"
                settings.today = found
            } else if let found = value(of: argument, name: "-C") {
                guard let found, !found.isEmpty, !found.hasPrefix("-") else { return nil }
                name = "-C"
                settings.directory = found
            } else {
                return nil
            }
            guard seen.insert(name).inserted else { return nil }
            index += 1
        }
        guard named, staged, hook != nil else { return nil }
        return ReviewRun(settings: settings, scope: .staged, hook: hook, strict: strict, format: .text)
    }
}
