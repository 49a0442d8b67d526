import Foundation

/// A partial clone (`git clone --filter=blob:none`, `--filter=tree:0`): objects the filter
/// left out are fetched by git on demand from a *promisor* remote. libgit2 1.5 knows nothing
/// of promisors: a missing blob or tree is "object not found", and `git fsck` says nothing
/// is wrong. Naming the remote and its filter lets the caller say what happened and which
/// git command fetches what is missing.
public struct PartialClone: Sendable, Equatable {
    /// The promisor remote (`extensions.partialClone`, else the first `remote.<name>.promisor`).
    public var remote: String
    /// `remote.<name>.partialCloneFilter` (`blob:none`, `tree:0` …), nil when not recorded.
    public var filter: String?

    public init(remote: String, filter: String?) {
        self.remote = remote
        self.filter = filter
    }
}

extension Repository {
    /// The repository's promisor remote, nil when it is a complete clone.
    public func partialClone() throws -> PartialClone? {
        var remote = try configString("extensions.partialClone")
        if remote == nil {
            for name in try remoteNames() where try configString("remote.\(name).promisor").map(Self.isTrue) == true {
                remote = name
                break
            }
        }
        guard let remote, !remote.isEmpty else { return nil }
        return PartialClone(remote: remote, filter: try configString("remote.\(remote).partialCloneFilter"))
    }

    private static func isTrue(_ value: String) -> Bool {
        ["true", "yes", "on", "1"].contains(value.lowercased())
    }
}
