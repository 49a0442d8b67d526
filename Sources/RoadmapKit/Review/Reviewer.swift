/// How a finding relates to the base state of a review (SPEC §7).
public enum FindingChange: String, Sendable, Hashable {
    /// Absent from the base state.
    case new
    /// Present in both states.
    case existing
    /// Present in the base state, gone from the head (the finding is the base's).
    case resolved
}

/// A finding with its change against the base.
public struct ReviewedFinding: Sendable, Hashable {
    public var finding: Finding
    public var change: FindingChange

    public init(_ finding: Finding, _ change: FindingChange) {
        self.finding = finding
        self.change = change
    }
}

/// Counts over the head state's findings.
public struct ReviewSummary: Sendable, Hashable {
    /// Item files under the root in the head state (parsed or not).
    public var items: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var newErrors: Int
    /// Findings of the base that are gone (not part of SPEC §9's summary; for text output).
    public var resolved: Int
}

public struct ReviewResult: Sendable {
    /// Head findings (new or existing), then resolved base findings, each in report order.
    public var findings: [ReviewedFinding]
    public var summary: ReviewSummary
    /// Whether a base state was compared (false: every finding is `new`).
    public var hasBase: Bool
    /// Existing findings left out of `findings` and only counted, by severity: what a hook's
    /// review (`Workspace.review(_:today:listing:)` without listing) does with the findings of
    /// the items its change cannot affect. Counted in `summary`; empty when every finding is listed.
    public var unlisted: [Severity: Int] = [:]

    /// The findings of the head state.
    public var headFindings: [ReviewedFinding] { findings.filter { $0.change != .resolved } }

    /// Whether the review blocks a commit or hook: any new error, or with `strict` any error.
    public func blocks(strict: Bool = false) -> Bool {
        strict ? summary.errors > 0 : summary.newErrors > 0
    }
}

/// Reviews a change: the findings of the head state, each marked against the base state.
public enum Reviewer {
    /// With no base (a first commit, a repository without history), every finding is new.
    public static func review(base: Snapshot?, head: Snapshot, config: RoadmapConfig, today: RoadmapDate) -> ReviewResult {
        let headFindings = RuleEngine.findings(head: head, base: base, config: config, today: today)
        let baseFindings = base.map { RuleEngine.findings(head: $0, base: nil, config: config, today: today) } ?? []
        return compare(base: base == nil ? nil : baseFindings, head: headFindings, items: head.count)
    }

    /// Marks `head` findings against `base` findings by identity (rule, item, related), counting
    /// multiplicity: two head findings of one identity are both existing only if the base had two.
    public static func compare(base: [Finding]?, head: [Finding], items: Int) -> ReviewResult {
        var remaining: [Finding.Identity: Int] = [:]
        for f in base ?? [] { remaining[f.identity, default: 0] += 1 }
        var reviewed: [ReviewedFinding] = []
        reviewed.reserveCapacity(head.count)
        for f in head {
            let id = f.identity
            if let n = remaining[id], n > 0 {
                remaining[id] = n - 1
                reviewed.append(ReviewedFinding(f, .existing))
            } else {
                reviewed.append(ReviewedFinding(f, .new))
            }
        }
        var resolvedCount = 0
        for f in base ?? [] {
            let id = f.identity
            if let n = remaining[id], n > 0 {
                remaining[id] = n - 1
                reviewed.append(ReviewedFinding(f, .resolved))
                resolvedCount += 1
            }
        }
        var summary = ReviewSummary(items: items, errors: 0, warnings: 0, infos: 0, newErrors: 0, resolved: resolvedCount)
        for r in reviewed where r.change != .resolved {
            switch r.finding.severity {
            case .error:
                summary.errors += 1
                if r.change == .new { summary.newErrors += 1 }
            case .warning: summary.warnings += 1
            case .info: summary.infos += 1
            }
        }
        return ReviewResult(findings: reviewed, summary: summary, hasBase: base != nil)
    }

    /// `compare` of the findings of some items, with the existing findings of every other item
    /// (the same in both states) only counted: `unlisted`, by severity.
    static func compare(base: [Finding], head: [Finding], items: Int, unlisted: [Severity: Int]) -> ReviewResult {
        var result = compare(base: base, head: head, items: items)
        result.unlisted = unlisted.filter { $0.value > 0 }
        result.summary.errors += unlisted[.error] ?? 0
        result.summary.warnings += unlisted[.warning] ?? 0
        result.summary.infos += unlisted[.info] ?? 0
        return result
    }
}
