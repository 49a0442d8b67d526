import Foundation
import GitKit

/// What a `pre-receive` review decided, and what the pusher is told (`remote:` lines).
public struct ReceiveOutcome: Sendable {
    /// The push is refused: it adds new errors to the base branch, without an override.
    public var refused: Bool
    public var lines: [String]
    /// The override records written (`refs/roadmap/overrides/…`).
    public var overrides: [String]
}

extension Workspace {
    /// Reviews a push on the git host (SPEC §15): the base branch against its old value, any
    /// other branch against its merge base with the base branch (as the push leaves it). Only
    /// new errors on the base branch refuse the push, unless `roadmap.override=REASON` was
    /// pushed, which lets it through and records it. Deletions, tags and other references,
    /// a newly created base branch, and changes that touch neither the items root nor
    /// `roadmap.yaml` are not reviewed at all.
    ///
    /// Nothing is written but the override records: the pushed objects are still in git's
    /// quarantine (readable here through `GIT_OBJECT_DIRECTORY`, see `Repository.discover`).
    public func receive(_ updates: [RefUpdate], push: PushContext, today: RoadmapDate, now: Date = Date()) throws -> ReceiveOutcome {
        let baseRef = "refs/heads/" + config.base
        let repository = self.repository
        let currentBase = try git("reading \(baseRef)") { try repository.referenceTarget(baseRef) }
        let baseAfterPush = updates.first(where: { $0.name == baseRef }).map(\.new) ?? currentBase
        var lines: [String] = []
        var blocking: [(update: RefUpdate, old: ObjectID, new: ObjectID, result: ReviewResult)] = []
        for update in updates {
            guard update.name.hasPrefix("refs/heads/"), let new = update.new else { continue }
            let branch = String(update.name.dropFirst("refs/heads/".count))
            // A branch may point at any object; only a commit holds a roadmap.
            guard let info = try? repository.commit(new) else { continue }
            if update.name == baseRef {
                guard let old = update.old else {
                    lines.append("roadmap: \(branch) is new here: nothing to compare it with, not reviewed")
                    continue
                }
                guard try changesRoadmap(from: old, to: new) else { continue }
                let result = try cachedReview(base: old, head: .commit(new), today: today)
                lines += Self.receiveReport(result, branch: branch, range: "\(old.short)..\(new.short)", enforced: true)
                if result.blocks() { blocking.append((update, old, new, result)) }
            } else {
                let mergeBase = try baseAfterPush.flatMap { tip in try git("finding the merge base of \(branch) and \(config.base)") { try repository.mergeBase(tip, new) } }
                guard let against = mergeBase ?? info.parents.first, against != new else { continue }
                guard try changesRoadmap(from: against, to: new) else { continue }
                let result = try cachedReview(base: against, head: .commit(new), today: today)
                lines += Self.receiveReport(result, branch: branch, range: "\(against.short)..\(new.short)", enforced: false)
            }
        }
        guard !blocking.isEmpty else { return ReceiveOutcome(refused: false, lines: lines, overrides: []) }
        let newErrors = blocking.reduce(0) { $0 + $1.result.summary.newErrors }
        let noun = newErrors == 1 ? "error" : "errors"
        guard let reason = push.overrideReason, !reason.isEmpty else {
            if push.overrideReason != nil {
                lines.append("roadmap: \(PushContext.overrideOption) needs a reason: git push -o \(PushContext.overrideOption)=\"why this goes in anyway\"")
            }
            lines.append("roadmap: push to \(config.base) refused: it adds \(newErrors) new \(noun) (above). Fix \(newErrors == 1 ? "it" : "them"), waive the rule on the item (waive:), or push again with -o \(PushContext.overrideOption)=\"reason\" to let it in on the record.")
            return ReceiveOutcome(refused: true, lines: lines, overrides: [])
        }
        var records: [String] = []
        for entry in blocking {
            let name = try recordOverride(entry.update, old: entry.old, new: entry.new, result: entry.result, reason: reason, push: push, now: now)
            records.append(name)
            lines.append("roadmap: \(newErrors) new \(noun) let into \(config.base) by \(push.pusher)'s override (\"\(sanitizeForTerminal(reason))\"), recorded as \(name)")
        }
        return ReceiveOutcome(refused: false, lines: lines, overrides: records)
    }

    /// Whether the items root or `roadmap.yaml` differ between two commits (tree ids only).
    func changesRoadmap(from old: ObjectID, to new: ObjectID) throws -> Bool {
        let repository = self.repository
        for path in [root, RoadmapConfig.fileName] {
            let a = try git("reading \(path) at \(old.short)") { try repository.entry(at: path, inCommit: old) }
            let b = try git("reading \(path) at \(new.short)") { try repository.entry(at: path, inCommit: new) }
            if a?.id != b?.id || a?.mode != b?.mode { return true }
        }
        return false
    }

    /// The pusher's view of one branch's review: a summary line, then the new findings in
    /// compiler form (each message names the items and their owners).
    static func receiveReport(_ result: ReviewResult, branch: String, range: String, enforced: Bool) -> [String] {
        let new = result.findings.filter { $0.change == .new }
        let s = result.summary
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let newWarnings = new.filter { $0.finding.severity == .warning }.count
        var head = "roadmap: \(branch) \(range): \(count(s.newErrors, "new error")), \(count(newWarnings, "new warning")), \(s.resolved) resolved"
        if !enforced && s.newErrors > 0 { head += " (reported, not refused: only the base branch is enforced)" }
        var lines = [head]
        for r in new {
            let f = r.finding
            lines.append("  \(sanitizeForTerminal(f.path)):\(f.line):\(f.column): \(f.severity.rawValue): \(sanitizeForTerminal(f.message)) [\(f.rule)]")
        }
        return lines
    }

    /// Writes the record of an override: a commit with the empty tree and no parent (so it
    /// keeps no pushed object alive if git drops the push after all), whose message holds
    /// the reason, the pusher, the reference, the old and new ids, the new errors and the
    /// pushed commits; its author is the pusher. Named `refs/roadmap/overrides/<UTC time>-<id>`.
    func recordOverride(_ update: RefUpdate, old: ObjectID, new: ObjectID, result: ReviewResult, reason: String,
                        push: PushContext, now: Date) throws -> String {
        let repository = self.repository
        let commits = try git("listing the pushed commits") {
            try Array(repository.walk(from: [new], hiding: [old]).allIDs().prefix(1000))
        }
        var message = "roadmap override: \(update.name) \(old.short)..\(new.short)\n\n"
        message += sanitizeForTerminal(reason) + "\n\n"
        message += "Pusher: \(push.pusher) <\(push.pusherEmail)>\n"
        message += "Ref: \(update.name)\nOld: \(old.hex)\nNew: \(new.hex)\n"
        for r in result.findings where r.change == .new && r.finding.severity == .error {
            message += "New-Error: \(r.finding.rule) \(r.finding.item): \(sanitizeForTerminal(r.finding.message))\n"
        }
        for id in commits {
            let subject = (try? repository.commit(id).summary) ?? ""
            message += "Commit: \(id.hex) \(sanitizeForTerminal(subject))\n"
        }
        let signature = Signature(name: push.pusher, email: push.pusherEmail, date: now, timeZoneOffsetMinutes: 0)
        let record = try git("writing the override record") {
            try repository.createCommit(tree: try repository.emptyTreeID(), parents: [], message: message,
                                        author: signature, committer: signature, updating: nil)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let name = "refs/roadmap/overrides/\(formatter.string(from: now))-\(record.short)"
        try git("recording the override as \(name)") {
            try repository.setReference(name, to: record, expected: nil, message: "roadmap: override by \(push.pusher)")
        }
        return name
    }
}
