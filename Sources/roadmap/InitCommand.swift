import ArgumentParser
import RoadmapKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a folder a roadmap repository (creating the git repository if needed).",
        discussion: "Writes roadmap.yaml and the items root, and installs the git hooks. --example commits a small, realistic roadmap with a history of several commits by different people."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The folder (default: the current one).", valueName: "DIR")) var folder: String?
    @Flag(help: "Add the example roadmap, with its history.") var example = false
    @Flag(help: "Do not install the git hooks.") var noHooks = false

    func run() throws {
        let base = global.workingFolder
        let target = folder.map { $0.hasPrefix("/") ? $0 : base + "/" + $0 } ?? base
        let (workspace, report) = try Workspace.initialize(at: target, example: example, hooks: !noHooks, executable: currentExecutablePath())
        let location = workspace.repository.workingDirectory ?? target
        Output.write("\(report.repositoryCreated ? "Created a git repository and made" : "Made") \(location) a roadmap repository (items under \(workspace.root)/)\n")
        if report.configWritten { Output.write("  wrote roadmap.yaml\n") }
        if !report.exampleCommits.isEmpty {
            Output.write("  committed the example roadmap in \(report.exampleCommits.count) commits\n")
        }
        if !report.hooks.isEmpty {
            Output.write("  installed hooks: \(report.hooks.filter { $0.kind == .installed }.map(\.hook.rawValue).joined(separator: ", "))\n")
        }
        if report.mergeDriver?.installed == true {
            Output.write("  registered the merge driver: git merges item files field by field (.gitattributes)\n")
        }
        if let skipped = report.hooksSkipped { Output.note("roadmap: hooks not installed: \(skipped)") }
    }
}
