import Foundation

extension ProposalsReport {
    /// The JSON of `roadmap proposals --format json` (schemaVersion 1), shared with the
    /// `/api/proposals` route of `roadmap serve` so the two can never disagree.
    public func json() -> JSONValue {
        let iso = ISO8601DateFormatter()
        return .object([
            ("schemaVersion", .int(1)),
            ("base", .string(base)),
            ("baseCommit", .string(baseTip.hex)),
            ("proposals", .array(proposals.map { p in
                .object([
                    ("name", .string(p.proposal.name)),
                    ("remote", .string(p.proposal.remote)),
                    ("ref", .string(p.proposal.reference)),
                    ("commit", .string(p.proposal.tip.hex)),
                    ("title", .string(p.title)),
                    ("reasoning", .string(p.reasoning)),
                    ("author", p.author.map { .object([("name", .string($0.name)), ("email", .string($0.email))]) } ?? .null),
                    ("updated", .string(iso.string(from: p.updated))),
                    ("ahead", .int(p.ahead)),
                    ("behind", .int(p.behind)),
                    ("items", .object([("added", .int(p.diff.added)), ("changed", .int(p.diff.changed)), ("removed", .int(p.diff.removed))])),
                    ("findings", .object([
                        ("introduced", .array(p.diff.introduced.map { $0.json() })),
                        ("resolved", .array(p.diff.resolved.map { $0.json() })),
                    ])),
                    ("mergesCleanly", .bool(p.mergesCleanly)),
                    ("conflicts", .array(p.conflicts.map { .string($0.description) })),
                ])
            })),
            ("overlaps", .array(overlaps.map { o in
                .object([
                    ("proposals", .array([.string(o.first), .string(o.second)])),
                    ("item", .string(o.item)),
                    ("field", .string(o.field)),
                    ("values", .array([.string(o.firstValue), .string(o.secondValue)])),
                ])
            })),
        ])
    }
}
