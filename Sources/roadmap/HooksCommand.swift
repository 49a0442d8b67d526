import ArgumentParser
import RoadmapKit

struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Install, remove or inspect the git hooks (pre-commit, pre-merge-commit, pre-push; with --server: pre-receive) and the merge driver.",
        discussion: "Hooks go where git looks for them (core.hooksPath, else .git/hooks) and run this roadmap executable. A hook roadmap did not write is never replaced unless --force (which keeps it as <hook>.roadmap-backup). install also registers the item merge driver: merge.roadmap.driver in .git/config and `<root>/**/*.yaml merge=roadmap` in .gitattributes (commit it, so clones ask for the driver; status says when a clone lacks it)."
    )

    enum Action: String, ExpressibleByArgument { case install, uninstall, status }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "install, uninstall or status.") var action: Action
    @Flag(help: "Replace hooks roadmap did not write.") var force = false
    @Flag(help: "The git host's hook instead: pre-receive, in the repository the team pushes to (see docs/host.md).") var server = false

    func run() throws {
        let workspace = try global.workspace()
        let states: [HookState]
        switch action {
        case .install: states = try workspace.installHooks(executable: currentExecutablePath(), force: force, server: server)
        case .uninstall: states = try workspace.uninstallHooks(server: server)
        case .status: states = try workspace.hookStates(server: server)
        }
        if server {
            // A host's repository has no working tree to merge items in: no merge driver.
            for state in states { Output.write(Self.describe(state)) }
            if action == .install { Output.write("receive.advertisePushOptions: \(try workspace.repository.configString("receive.advertisePushOptions") ?? "unset")\n") }
            return
        }
        let driver: MergeDriverState
        switch action {
        case .install: driver = try workspace.installMergeDriver(executable: currentExecutablePath())
        case .uninstall: driver = try workspace.uninstallMergeDriver()
        case .status: driver = try workspace.mergeDriverState()
        }
        for state in states { Output.write(Self.describe(state)) }
        Output.write("merge-driver: \(driver.summary)\n")
    }

    static func describe(_ state: HookState) -> String {
        var line = "\(state.hook.rawValue): \(state.kind.rawValue) (\(state.path))"
        if let executable = state.executable { line += " → \(executable)" }
        return line + "\n"
    }
}
