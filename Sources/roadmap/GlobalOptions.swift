import ArgumentParser
import Foundation
import RoadmapKit

/// Options every command takes (SPEC §8).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if started in DIR.", valueName: "DIR"))
    var directory: String?

    @Option(help: ArgumentHelp("Judge time as of this day instead of the system date (also: ROADMAP_TODAY).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Flag(help: "Never color the output (color is used only on a terminal, and NO_COLOR is honoured).")
    var noColor = false

    /// A bad `--today` is a usage error for every command, also those that do not judge time.
    func validate() throws {
        if let today, !GlobalSettings.isDay(today) {
            throw ValidationError("invalid --today '\(today)': expected a day as YYYY-MM-DD, e.g. 2026-06-15")
        }
    }

    var settings: GlobalSettings { GlobalSettings(directory: directory, today: today, noColor: noColor) }

    /// The folder the command runs in.
    var workingFolder: String { settings.workingFolder }

    func workspace() throws -> Workspace { try settings.workspace() }

    func todayDate() throws -> RoadmapDate { try settings.todayDate() }

    /// Color on stdout: a terminal, no `--no-color`, no `NO_COLOR`.
    var color: Bool { settings.color }
}

/// What the global options say, as plain values: `GlobalOptions` once ArgumentParser has
/// read them, or `PlainCommandLine` without it.
struct GlobalSettings {
    var directory: String?
    var today: String?
    var noColor = false

    /// Whether a `--today` value is a day (`YYYY-MM-DD`).
    static func isDay(_ text: String) -> Bool {
        (try? RoadmapDate.today(option: text)) != nil
    }

    /// The folder the command runs in.
    var workingFolder: String {
        let cwd = FileManager.default.currentDirectoryPath
        guard let directory else { return cwd }
        return directory.hasPrefix("/") ? directory : cwd + "/" + directory
    }

    func workspace() throws -> Workspace {
        try Workspace.open(at: workingFolder)
    }

    func todayDate() throws -> RoadmapDate {
        do {
            // ROADMAP_TODAY lets hooks, which git runs without our flags, judge time as of a day.
            return try RoadmapDate.today(option: today ?? ProcessInfo.processInfo.environment["ROADMAP_TODAY"])
        } catch {
            throw RoadmapError("\(error)")
        }
    }

    /// Color on stdout: a terminal, no `--no-color`, no `NO_COLOR`.
    var color: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && Output.stdoutIsTerminal
    }
}

/// The running executable's absolute path, for the hooks to call back.
func currentExecutablePath() -> String {
    if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
    let argument = CommandLine.arguments.first ?? "roadmap"
    if argument.hasPrefix("/") { return argument }
    if argument.contains("/") { return FileManager.default.currentDirectoryPath + "/" + argument }
    return argument
}
