import ArgumentParser
import Foundation
import RoadmapKit

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Run the rules, and say which findings a change introduces or resolves.",
        discussion: """
        Default: the working tree (untracked files under the root included) against HEAD.
        --staged: the index against HEAD, what a commit would record (the pre-commit hook).
        --rev REV: that commit against its first parent. --base A [--head B]: B (default HEAD)
        against the merge base of A and B. Exit 1 when there are new errors (--strict: any error).
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Review the index against HEAD.") var staged = false
    @Option(help: ArgumentHelp("Review this commit against its first parent.", valueName: "REV")) var rev: String?
    @Option(help: ArgumentHelp("Review against the merge base of this revision and the head.", valueName: "A")) var base: String?
    @Option(help: ArgumentHelp("With --base: the revision to review (default HEAD).", valueName: "B")) var head: String?
    @Option(help: .hidden) var pushed: String?
    @Option(help: .hidden) var hook: String?
    @Flag(help: "Block on every error, not only new ones.") var strict = false
    @Option(help: "text, json, sarif, github (annotations), markdown (a pull-request comment) or gitlab (a Code Quality report).") var format: ReviewFormat = .text

    func validate() throws {
        let chosen = [staged, rev != nil, base != nil, pushed != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("choose one of --staged, --rev and --base") }
        if head != nil && base == nil { throw ValidationError("--head needs --base") }
    }

    var scope: ReviewScope {
        if staged { return .staged }
        if let rev { return .revision(rev) }
        if let base { return .range(base: base, head: head) }
        if let pushed { return .pushed(pushed) }
        return .worktree
    }

    var invocation: ReviewRun {
        ReviewRun(settings: global.settings, scope: scope, hook: hook, strict: strict, format: format)
    }

    func run() throws {
        try invocation.run()
    }
}
