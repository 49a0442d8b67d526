import Foundation
import GitKit

public struct TransferOutcome: Sendable {
    public var remote: String
    /// The refspecs exchanged.
    public var refspecs: [String]
}

extension Workspace {
    /// The remote to use: the one given, else `origin`, else the only one configured.
    func remoteName(_ given: String?) throws -> String {
        let repository = self.repository
        if let given { return given }
        let names = try git("reading remotes") { try repository.remoteNames() }
        if names.contains("origin") { return "origin" }
        if names.count == 1 { return names[0] }
        throw RoadmapError(names.isEmpty ? "no remote is configured; add one with git remote add origin URL"
                                         : "several remotes (\(names.joined(separator: ", "))); choose one with --remote")
    }

    /// Pushes the base, the named proposals (default: every open one) and every archived
    /// proposal (`refs/proposals/*`). Branches of proposals archived here that the remote
    /// still has at the archived commit (as last fetched) are deleted there. Nothing is forced:
    /// a ref the remote has moved is refused.
    public func push(names: [String], remote given: String?) throws -> TransferOutcome {
        let repository = self.repository
        let remote = try remoteName(given)
        var refspecs: [String] = []
        if try git("reading \(baseReference)", { try repository.referenceTarget(baseReference) }) != nil {
            refspecs.append("\(baseReference):\(baseReference)")
        }
        let proposals = names.isEmpty ? try openProposals() : try names.map { try proposal(named: $0) }
        refspecs += proposals.map { "\($0.reference):\($0.reference)" }
        let archived = try git("listing archived proposals") { try repository.references(withPrefix: "refs/proposals/") }
        refspecs += archived.map { "\($0.name):\($0.name)" }
        if names.isEmpty {
            let tracking = "refs/remotes/\(remote)/" + config.proposalPrefix
            let archivedTips = Set(archived.map(\.target))
            for ref in try git("listing \(remote)'s proposals", { try repository.references(withPrefix: tracking) }) {
                let name = String(ref.name.dropFirst(tracking.count))
                let local = proposalReference(name)
                guard try repository.referenceTarget(local) == nil else { continue }
                var archivedHere = archivedTips.contains(ref.target)
                for tip in archivedTips where !archivedHere {
                    archivedHere = try repository.isAncestor(ref.target, of: tip)
                }
                if archivedHere { refspecs.append(":\(local)") }
            }
        }
        guard !refspecs.isEmpty else { throw RoadmapError("nothing to push: no \(config.base) branch and no proposals") }
        let specs = refspecs
        do {
            try repository.push(remote: remote, refspecs: specs)
        } catch let error as GitError {
            if error.isNonFastForward {
                throw RoadmapError("pushing to \(remote): \(error.message); run 'roadmap fetch' and update the branch first")
            }
            throw RoadmapError("pushing to \(remote): \(error.message)")
        }
        if names.isEmpty {
            // Keep the remote-tracking view in step with what was deleted there.
            for spec in specs where spec.hasPrefix(":") {
                let tracking = "refs/remotes/\(remote)/" + spec.dropFirst("refs/heads/".count + 1)
                if let target = try? repository.referenceTarget(tracking) { try? repository.deleteReference(tracking, expected: target) }
            }
        }
        return TransferOutcome(remote: remote, refspecs: specs)
    }

    /// Fetches the remote's branches (into `refs/remotes/R/`) and its archived proposals
    /// (into `refs/proposals/`, never overwriting one that differs).
    public func fetch(remote given: String?) throws -> TransferOutcome {
        let repository = self.repository
        let remote = try remoteName(given)
        guard try git("reading remotes", { try repository.remoteNames() }).contains(remote) else {
            throw RoadmapError("no remote named '\(remote)'; add it with git remote add \(remote) URL")
        }
        let specs = ["+refs/heads/*:refs/remotes/\(remote)/*", "refs/proposals/*:refs/proposals/*"]
        try git("fetching from \(remote)") { try repository.fetch(remote: remote, refspecs: specs) }
        return TransferOutcome(remote: remote, refspecs: specs)
    }
}
