import ArgumentParser
import RoadmapKit

struct CICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Set up CI to review every pull request.",
        subcommands: [CIInitCommand.self]
    )
}

struct CIInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a workflow that reviews every pull request (github) or merge request (gitlab).",
        discussion: """
        github: .github/workflows/roadmap.yml uploads SARIF to code scanning, annotates the \
        files and posts the Markdown review as one comment that later runs update.
        gitlab: .gitlab/roadmap.gitlab-ci.yml publishes the Code Quality report and posts the \
        review as one merge-request note; a .gitlab-ci.yml including it is written when there is none.
        Both check out the whole history (shallow clones have no merge base). An existing \
        workflow is replaced only with --force.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "github or gitlab.") var provider: CIProvider
    @Flag(help: "Replace an existing workflow file.") var force = false

    func run() throws {
        let report = try global.workspace().initCI(provider, force: force)
        for path in report.written { Output.write("wrote \(path)\n") }
        for note in report.notes { Output.write("next: \(note)\n") }
    }
}

extension CIProvider: ExpressibleByArgument {}
