import GitKit

/// `review --format gitlab`: a GitLab Code Quality report (a JSON array of issues, as GitLab's
/// documentation describes it; Tests/Data/gitlab-code-quality.schema.json is written from it).
/// Only the head's findings are listed: GitLab computes what is new and what is resolved by
/// comparing the reports of the two pipelines, by `fingerprint`.
public enum GitLabCodeQualityRenderer {
    /// error → critical (it blocks a commit), warning → minor, info → info.
    public static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "critical"
        case .warning: return "minor"
        case .info: return "info"
        }
    }

    /// A finding's identity (rule, item, related; SPEC §7) hashed, with the occurrence number
    /// when one identity repeats: the same problem has the same fingerprint in every run,
    /// whatever else moved, and two findings never share one.
    public static func fingerprints(_ findings: [Finding]) -> [String] {
        var seen: [Finding.Identity: Int] = [:]
        return findings.map { f in
            let n = seen[f.identity, default: 0]
            seen[f.identity] = n + 1
            let key = (["roadmap-finding/v1", f.rule, f.item] + f.related + (n == 0 ? [] : ["#\(n)"])).joined(separator: "\u{1F}")
            return (try? ObjectID.blobID(of: Array(key.utf8)).hex) ?? key
        }
    }

    public static func document(_ result: ReviewResult) -> JSONValue {
        let findings = result.findings.filter { $0.change != .resolved }.map(\.finding)
        let prints = fingerprints(findings)
        return .array(zip(findings, prints).map { f, print in
            .object([
                ("description", .string(f.message)),
                ("check_name", .string(f.rule)),
                ("fingerprint", .string(print)),
                ("severity", .string(severity(f.severity))),
                ("location", .object([
                    ("path", .string(f.path)),
                    ("lines", .object([("begin", .int(f.line))])),
                ])),
            ])
        })
    }

    public static func render(_ result: ReviewResult) -> String {
        document(result).encoded() + "\n"
    }
}
