import Foundation
import GitKit

/// An open proposal: a branch `<proposal-prefix>NAME` (SPEC §6, §8).
public struct ProposalRef: Sendable, Hashable {
    public var name: String
    /// The full reference (`refs/heads/proposal/NAME`, or `refs/remotes/R/proposal/NAME`).
    public var reference: String
    public var tip: ObjectID
    /// The remote it was read from; nil for a local branch.
    public var remote: String?
}

/// Where proposals live and how they are named: one place for the ref names.
extension Workspace {
    /// The trailer that marks a proposal's first commit (its title and reasoning).
    public static let proposalTrailer = "Roadmap-Proposal"
    public static let acceptedPrefix = "refs/proposals/accepted/"
    public static let withdrawnPrefix = "refs/proposals/withdrawn/"

    public var baseReference: String { "refs/heads/" + config.base }

    public func proposalReference(_ name: String) -> String { "refs/heads/" + config.proposalPrefix + name }

    /// The base branch's tip; an error when it does not exist.
    public func baseTip() throws -> ObjectID {
        let repository = self.repository, reference = baseReference
        guard let tip = try git("reading \(reference)", { try repository.referenceTarget(reference) }) else {
            throw RoadmapError("the base branch '\(config.base)' does not exist (base: in roadmap.yaml); commit on it first")
        }
        return tip
    }

    /// Refuses a name that is not a valid id (SPEC §2).
    public func checkProposalName(_ name: String) throws {
        guard ItemID.isValid(name) else {
            throw RoadmapError("'\(name)' is not a valid proposal name: use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit (at most 64)")
        }
    }

    /// The open local proposal of that name; a clear error when there is none.
    public func proposal(named name: String) throws -> ProposalRef {
        try checkProposalName(name)
        let repository = self.repository, reference = proposalReference(name)
        guard let tip = try git("reading \(reference)", { try repository.referenceTarget(reference) }) else {
            var hint = "list them with 'roadmap proposals'"
            if (try? repository.referenceTarget(Self.acceptedPrefix + name)) ?? nil != nil { hint = "it was accepted (\(Self.acceptedPrefix + name))" }
            else if (try? repository.referenceTarget(Self.withdrawnPrefix + name)) ?? nil != nil { hint = "it was withdrawn (\(Self.withdrawnPrefix + name))" }
            throw RoadmapError("no open proposal '\(name)' (no branch \(config.proposalPrefix)\(name)); \(hint)")
        }
        return ProposalRef(name: name, reference: reference, tip: tip, remote: nil)
    }

    /// Local proposals, and with `remote` those of its remote-tracking branches, sorted by name.
    public func openProposals(remote: String? = nil) throws -> [ProposalRef] {
        let repository = self.repository
        let local = "refs/heads/" + config.proposalPrefix
        var out = try git("listing proposals") { try repository.references(withPrefix: local) }
            .map { ProposalRef(name: String($0.name.dropFirst(local.count)), reference: $0.name, tip: $0.target, remote: nil) }
        if let remote {
            guard try git("reading remotes", { try repository.remoteNames() }).contains(remote) else {
                throw RoadmapError("no remote named '\(remote)'; add it with git remote add")
            }
            let prefix = "refs/remotes/\(remote)/" + config.proposalPrefix
            out += try git("listing \(remote)'s proposals") { try repository.references(withPrefix: prefix) }
                .map { ProposalRef(name: String($0.name.dropFirst(prefix.count)), reference: $0.name, tip: $0.target, remote: remote) }
        }
        return out.filter { ItemID.isValid($0.name) }
    }

    /// A free archive name: `refs/proposals/<state>/NAME`, else `NAME-2`, `NAME-3` … so that an
    /// earlier proposal of the same name is never overwritten.
    func archiveReference(prefix: String, name: String) throws -> String {
        let repository = self.repository
        var candidate = prefix + name
        var n = 2
        while try git("reading \(candidate)", { try repository.referenceTarget(candidate) }) != nil {
            candidate = prefix + name + "-\(n)"
            n += 1
        }
        return candidate
    }

    /// The proposal's description: the message of the commit carrying its trailer, between
    /// the base and the tip (else the first commit of the proposal).
    public func proposalDescription(name: String, tip: ObjectID, base: ObjectID?) throws -> (title: String, reasoning: String, author: Signature?) {
        let repository = self.repository
        let ids = try git("walking \(name)") { try repository.walk(from: [tip], hiding: base.map { [$0] } ?? []).allIDs() }
        var first: CommitInfo?
        for id in ids {
            let info = try git("reading commit \(id.short)") { try repository.commit(id) }
            first = info
            if Self.trailerValue(in: info.message) == name {
                let (title, body) = Self.splitMessage(info.message)
                return (title, body, info.author)
            }
        }
        if let first { return (first.summary, "", first.author) }
        return ("(no commits beyond the base)", "", nil)
    }

    static func trailerValue(in message: String) -> String? {
        for line in message.split(separator: "\n").reversed() {
            if line.hasPrefix(proposalTrailer + ":") {
                return line.dropFirst(proposalTrailer.count + 1).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Title (first line) and body without the trailer lines.
    static func splitMessage(_ message: String) -> (String, String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = lines.first ?? ""
        let body = lines.dropFirst().filter { !$0.hasPrefix(proposalTrailer + ":") }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (title, body)
    }
}
