import ArgumentParser
import RoadmapKit

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite item files in the canonical layout (schema key order, two-space indent, a blank line before description).",
        discussion: "--check changes nothing: it lists the files that differ and exits 1 when there are any."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "List the files that are not in canonical layout; change nothing.") var check = false
    @Argument(help: "Files or folders (default: every item file).") var paths: [String] = []

    func run() throws {
        let workspace = try global.workspace()
        let (changed, unreadable) = try workspace.format(paths: paths, check: check)
        for path in changed { Output.write(check ? "\(path)\n" : "formatted \(path)\n") }
        for path in unreadable { Output.note("roadmap: \(path): not formatted, it does not parse (see 'roadmap review')") }
        if check && !changed.isEmpty { throw ExitCode(1) }
        if !unreadable.isEmpty { throw ExitCode(2) }
    }
}
