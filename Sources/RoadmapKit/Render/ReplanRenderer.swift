/// `roadmap replan`'s output: each moved date with the owner to tell, then what was left and why.
public enum ReplanRenderer {
    public static func text(_ outcome: ReplanOutcome) -> String {
        let sign = outcome.days > 0 ? "+" : ""
        var out = "release \(outcome.release) moved \(outcome.old) → \(outcome.new) (\(sign)\(outcome.days) days) since \(outcome.since)\n"
        if outcome.days == 0 { return out + "nothing to move\n" }
        if outcome.changes.isEmpty { out += "no campaign or asset date to move\n" }
        for change in outcome.changes {
            out += "\(change.path): \(change.field) \(change.old) → \(change.new)  \(tell(change.owner))\n"
        }
        for note in outcome.notes {
            out += "\(note.campaign)\(note.asset.map { "/\($0)" } ?? "") \(note.asset == nil ? note.field : "publish") \(note.value): \(note.reason)  \(tell(note.owner))\n"
        }
        if let proposal = outcome.proposal, let branch = outcome.branch {
            out += "proposal \(proposal): committed \(outcome.commit?.short ?? "") on \(branch); the working tree is untouched (roadmap review --base \(outcome.since) --head \(branch))\n"
        } else if !outcome.changes.isEmpty {
            out += "edited in the working tree; review and commit them with roadmap commit\n"
        }
        return out
    }

    static func tell(_ owner: String?) -> String { owner.map { "tell \($0)" } ?? "no owner" }

    public static func json(_ outcome: ReplanOutcome) -> String {
        let value = JSONValue.object([
            ("schemaVersion", .int(1)),
            ("release", .string(outcome.release)),
            ("since", .string(outcome.since)),
            ("old", .string(outcome.old)),
            ("new", .string(outcome.new)),
            ("days", .int(outcome.days)),
            ("changes", .array(outcome.changes.map { change in
                .object([("path", .string(change.path)), ("campaign", .string(change.campaign)), ("asset", .string(change.asset)),
                         ("field", .string(change.field)), ("old", .string(change.old)), ("new", .string(change.new)),
                         ("owner", .string(change.owner))])
            })),
            ("unchanged", .array(outcome.notes.map { note in
                .object([("campaign", .string(note.campaign)), ("asset", .string(note.asset)), ("field", .string(note.field)),
                         ("value", .string(note.value)), ("owner", .string(note.owner)), ("reason", .string(note.reason))])
            })),
            ("proposal", outcome.proposal.map { name in
                .object([("name", .string(name)), ("branch", .string(outcome.branch)), ("commit", .string(outcome.commit?.hex))])
            } ?? .null),
        ])
        return value.encoded() + "\n"
    }
}
