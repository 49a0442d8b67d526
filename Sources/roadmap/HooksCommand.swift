import ArgumentParser
import RoadmapKit

struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Install, remove or inspect the git hooks (pre-commit, pre-merge-commit, pre-push) and the merge driver.",
        discussion: "Hooks go where git looks for them (core.hooksPath, else .git/hooks) and run this roadmap executable. A hook roadmap did not write is never replaced unless --force (which keeps it as <hook>.roadmap-backup). install also registers the item merge driver: merge.roadmap.driver in .git/config and `<root>/**/*.yaml merge=roadmap` in .gitattributes (commit it, so clones ask for the driver; status says when a clone lacks it)."
    )

    enum Action: String, ExpressibleByArgument { case install, uninstall, status }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "install, uninstall or status.") var action: Action
    @Flag(help: "Replace hooks roadmap did not write.") var force = false

    func run() throws {
        let workspace = try global.workspace()
        let states: [HookState]
        switch action {
        case .install: states = try workspace.installHooks(executable: currentExecutablePath(), force: force)
        case .uninstall: states = try workspace.uninstallHooks()
        case .status: states = try workspace.hookStates()
        }
        let driver: MergeDriverState
        switch action {
        case .install: driver = try workspace.installMergeDriver(executable: currentExecutablePath())
        case .uninstall: driver = try workspace.uninstallMergeDriver()
        case .status: driver = try workspace.mergeDriverState()
        }
        for state in states {
            var line = "\(state.hook.rawValue): \(state.kind.rawValue) (\(state.path))"
            if let executable = state.executable { line += " → \(executable)" }
            Output.write(line + "\n")
        }
        Output.write("merge-driver: \(driver.summary)\n")
    }
}
