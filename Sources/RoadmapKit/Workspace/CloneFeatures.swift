import Foundation
import GitKit

/// The kinds of clone libgit2 1.5 cannot fully read, turned into one line that names the git
/// feature and the git command that fetches what is missing or turns the feature off — never
/// libgit2's own message ("object not found … run git fsck", which `git fsck` contradicts).
///
/// - A partial clone (`--filter=blob:none`, `tree:0`): git fetches left-out objects on demand
///   from the promisor remote; libgit2 cannot. What is present is answered from (the checked
///   out state always is); an older version that is missing stops the command with the
///   `git log` that makes git fetch every version under the items root.
/// - `extensions.worktreeConfig` (set by `git sparse-checkout` and per-worktree config):
///   libgit2 1.5 refuses to open the repository.
/// - A split index (`core.splitIndex`): libgit2 1.5 cannot read the index's `link` extension.
enum CloneFeatures {
    /// What `git(_:_:)` needs to phrase a missing object in a partial clone; set once by
    /// `Workspace.open` (a command opens one repository).
    struct Partial: Sendable {
        var clone: PartialClone
        var root: String
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var partial: Partial?

    static func remember(_ clone: PartialClone?, root: String) {
        lock.lock()
        defer { lock.unlock() }
        partial = clone.map { Partial(clone: $0, root: root) }
    }

    static var current: Partial? {
        lock.lock()
        defer { lock.unlock() }
        return partial
    }

    /// The one-line error for a libgit2 failure caused by one of these features, else nil.
    static func error(_ error: GitError, doing: String) -> RoadmapError? {
        let message = error.message
        if message.contains("unsupported mandatory extension: 'link'") {
            return RoadmapError("\(doing): the index is split (core.splitIndex), which this tool's git library (libgit2 1.5) cannot read; turn it off with 'git config core.splitIndex false && git update-index --no-split-index', and try again")
        }
        if message.lowercased().contains("extensions.worktreeconfig") {
            return worktreeConfigError()
        }
        if error.isNotFound, message.contains("no match for id") || message.contains("cannot read header for"),
           let partial = current {
            let object = objectID(in: message).map { "object \($0.prefix(7))" } ?? "an object"
            let filter = partial.clone.filter.map { ", filter \($0)" } ?? ""
            let root = partial.root.isEmpty ? "." : partial.root
            return RoadmapError("\(doing): \(object) is not in this partial clone (promisor remote '\(partial.clone.remote)'\(filter)); fetch every version under \(root)/ with 'git log --all --format= -p -- \(root) > /dev/null', and try again")
        }
        return nil
    }

    /// `extensions.worktreeConfig`: libgit2 1.5 refuses to open such a repository.
    static func worktreeConfigError() -> RoadmapError {
        RoadmapError("this repository sets extensions.worktreeConfig (git sparse-checkout and per-worktree config set it), which this tool's git library (libgit2 1.5) cannot open; turn it off with 'git sparse-checkout disable && git config --unset extensions.worktreeConfig' (or only the second command if no sparse checkout is in use), and try again")
    }

    private static func objectID(in message: String) -> String? {
        message.range(of: "[0-9a-f]{40}", options: .regularExpression).map { String(message[$0]) }
    }
}
