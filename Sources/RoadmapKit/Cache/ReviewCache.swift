import Foundation
import GitKit

/// The findings of a committed tree, kept on disk so that the next review against that tree
/// (every hook run until the next commit, every `review` of the working tree) skips the base
/// state's rules and, mostly, its files.
///
/// Files live in `<common git dir>/roadmap/review-cache-v1/<tree id>.json`. They are safe to
/// delete at any time (a miss recomputes), never written in place (a temporary file is renamed
/// over the old one), and never wrong after a rewrite, because the tree id is a content hash of
/// every file the findings came from. Everything else the findings depend on (today, the
/// rules' configuration, the build of roadmap that ran the rules) is written out in full in the
/// file's `key` and compared on reading; a file that does not decode or whose key differs is
/// ignored and overwritten.
struct ReviewCache {
    static let version = "review-cache-v1"
    let directory: String

    init(repository: Repository) {
        directory = repository.commonDirectory + "/roadmap/" + Self.version
    }

    /// Everything besides the tree that the findings of a tree depend on.
    static func key(tree: ObjectID, config: RoadmapConfig, today: RoadmapDate) -> String {
        let severities = config.severities.keys.sorted()
            .map { "\($0)=\(config.severities[$0]!.map(\.rawValue) ?? "off")" }.joined(separator: ",")
        return [
            "tree \(tree.hex)",
            "today \(today.text) \(today.firstDay)",
            "roadmap \(RoadmapKitVersion.string) \(buildFingerprint)",
            "root \(config.root)", "base \(config.base)", "proposal-prefix \(config.proposalPrefix)",
            "launch-lag-days \(config.launchLagDays)", "rules \(severities)",
            "channels \(config.channels.map { $0.joined(separator: ",") } ?? "any")",
        ].joined(separator: "\n")
    }

    /// The running executable's size and modification time: a rebuilt roadmap (rules changed,
    /// same version string) never reads findings an older build wrote.
    static let buildFingerprint: String = {
        // /proc/self/exe is a link whose own date is the process's start: read its target.
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let attributes = try? FileManager.default.attributesOfItem(atPath: exe)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return "exe \(exe) \(size) \(date)"
    }()

    private struct Entry: Codable {
        var key: String
        var findings: [CachedFinding]
    }

    private struct CachedFinding: Codable {
        var rule, severity, item, path, message: String
        var line, column: Int
        var related: [String]
    }

    private func file(_ tree: ObjectID) -> String { "\(directory)/\(tree.hex).json" }

    /// The cached findings, or nil: no file, an unreadable one, or one written under another key.
    func findings(tree: ObjectID, key: String) -> [Finding]? {
        guard let data = FileManager.default.contents(atPath: file(tree)),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key else { return nil }
        var out: [Finding] = []
        out.reserveCapacity(entry.findings.count)
        for f in entry.findings {
            guard let severity = Severity(rawValue: f.severity) else { return nil }
            out.append(Finding(rule: f.rule, severity: severity, item: f.item, path: f.path,
                               line: f.line, column: f.column, related: f.related, message: f.message))
        }
        return out
    }

    /// Stores findings atomically (temporary file, then rename). Best effort: a read-only
    /// repository or a full disk only costs the next run its cache hit.
    func store(_ findings: [Finding], tree: ObjectID, key: String) {
        let entry = Entry(key: key, findings: findings.map {
            CachedFinding(rule: $0.rule, severity: $0.severity.rawValue, item: $0.item, path: $0.path,
                          message: $0.message, line: $0.line, column: $0.column, related: $0.related)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // the same findings always give the same bytes
        guard let data = try? encoder.encode(entry) else { return }
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = "\(directory)/.\(tree.hex).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0 ... .max)).tmp"
            guard fm.createFile(atPath: temporary, contents: data) else { return }
            if rename(temporary, file(tree)) != 0 { try? fm.removeItem(atPath: temporary) }
        } catch {
            return
        }
    }
}
