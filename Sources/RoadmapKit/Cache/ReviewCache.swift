import Foundation
import GitKit

/// The findings and item references of a committed tree, kept on disk so that the next review against that tree
/// (every hook run until the next commit, every `review` of the working tree) skips the base
/// state's rules and, mostly, its files.
///
/// Files live in `<common git dir>/roadmap/review-cache-v2/<tree id>.bin`. They are safe to
/// delete at any time (a miss recomputes), never written in place (a temporary file is renamed
/// over the old one), and never wrong after a rewrite, because the tree id is a content hash of
/// every file the findings came from. Everything else the findings depend on (today, the
/// rules' configuration, the build of roadmap that ran the rules) is written out in full in the
/// file's `key` and compared on reading; a file that does not decode or whose key differs is
/// ignored and overwritten.
struct ReviewCache {
    static let version = "review-cache-v3"
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
            "launch-lag-days \(config.launchLagDays)", "results-grace-days \(config.resultsGraceDays)", "rules \(severities)",
            "channels \(config.channels.map { $0.joined(separator: ",") } ?? "any")",
            "audiences \(config.audiences.cacheKey)",
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

    /// What a tree's review leaves for the next review: its findings (without a base state)
    /// and the references of every item file, by path.
    struct Entry: Sendable {
        var findings: [Finding]
        var graph: [GraphEntry]
        /// The tree's item files (path, blob, mode), in the order of `graph`: a review against
        /// the tree never lists it from the object store.
        var files: [StateFile]
    }

    private func file(_ tree: ObjectID) -> String { "\(directory)/\(tree.hex).bin" }

    /// The cached entry, or nil: no file, an unreadable one, or one written under another key.
    func entry(tree: ObjectID, key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: file(tree)) else { return nil }
        return Self.decode([UInt8](data), key: key)
    }

    /// The cached findings of a tree (see `entry`).
    func findings(tree: ObjectID, key: String) -> [Finding]? { entry(tree: tree, key: key)?.findings }

    // The file: a magic line, then length-prefixed fields (little-endian UInt32 counts and
    // lengths, UTF-8 strings): key, findings, graph entries. Compact and decoded without
    // Foundation's JSON, which cost more than the review it saved on 10,000 items.
    private static let magic = Array("roadmap review-cache-v3\n".utf8)

    static func encode(_ entry: Entry, key: String) -> [UInt8] {
        var out = magic
        func int(_ n: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { out.append(contentsOf: $0) } }
        func string(_ s: String) { int(s.utf8.count); out.append(contentsOf: s.utf8) }
        func optional(_ s: String?) { if let s { out.append(1); string(s) } else { out.append(0) } }
        string(key)
        int(entry.findings.count)
        for f in entry.findings {
            string(f.rule); string(f.severity.rawValue); string(f.item); string(f.path)
            int(f.line); int(f.column)
            int(f.related.count); f.related.forEach(string)
            string(f.message)
        }
        int(entry.graph.count)
        for (g, f) in zip(entry.graph, entry.files) {
            string(g.path); out.append(g.parsed ? 1 : 0); optional(g.kind?.rawValue)
            out.append(contentsOf: f.blob?.rawBytes ?? [UInt8](repeating: 0, count: 20))
            out.append(f.mode == .symlink ? 2 : f.mode == .executable ? 1 : 0)
            optional(g.theme); optional(g.epic); optional(g.release)
            int(g.promotes.count); g.promotes.forEach(string)
            int(g.mentions.count); g.mentions.forEach(string)
            int(g.links.count); g.links.forEach(string)
        }
        return out
    }

    static func decode(_ bytes: [UInt8], key: String) -> Entry? {
        bytes.withUnsafeBufferPointer { buffer -> Entry? in
            var at = 0
            func byte() -> UInt8? {
                guard at < buffer.count else { return nil }
                defer { at += 1 }
                return buffer[at]
            }
            func int() -> Int? {
                guard buffer.count - at >= 4 else { return nil }
                let n = Int(buffer[at]) | Int(buffer[at + 1]) << 8 | Int(buffer[at + 2]) << 16 | Int(buffer[at + 3]) << 24
                at += 4
                return n
            }
            func string() -> String? {
                guard let n = int(), buffer.count - at >= n else { return nil }
                defer { at += n }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[at ..< at + n]), as: UTF8.self)
            }
            func optional() -> String?? {
                switch byte() {
                case 0?: return .some(nil)
                case 1?: return string().map { .some($0) }
                default: return nil
                }
            }
            guard buffer.count >= magic.count, Array(buffer[0 ..< magic.count]) == magic else { return nil }
            at = magic.count
            guard string() == key, let findingCount = int(), findingCount <= buffer.count else { return nil }
            var findings: [Finding] = []
            findings.reserveCapacity(findingCount)
            for _ in 0 ..< findingCount {
                guard let rule = string(), let severity = string().flatMap(Severity.init(rawValue:)),
                      let item = string(), let path = string(), let line = int(), let column = int(),
                      let relatedCount = int(), relatedCount <= buffer.count else { return nil }
                var related: [String] = []
                for _ in 0 ..< relatedCount {
                    guard let r = string() else { return nil }
                    related.append(r)
                }
                guard let message = string() else { return nil }
                findings.append(Finding(rule: rule, severity: severity, item: item, path: path,
                                        line: line, column: column, related: related, message: message))
            }
            guard let graphCount = int(), graphCount <= buffer.count else { return nil }
            var graph: [GraphEntry] = []
            graph.reserveCapacity(graphCount)
            var files: [StateFile] = []
            files.reserveCapacity(graphCount)
            for _ in 0 ..< graphCount {
                guard let path = string(), let parsed = byte(), parsed <= 1, let kind = optional(),
                      buffer.count - at >= 21, let blob = ObjectID(rawBytes: Array(buffer[at ..< at + 20])) else { return nil }
                at += 20
                guard let modeByte = byte(), modeByte <= 2,
                      let theme = optional(), let epic = optional(), let release = optional(),
                      let promoteCount = int(), promoteCount <= buffer.count else { return nil }
                var promotes: [String] = []
                for _ in 0 ..< promoteCount {
                    guard let p = string() else { return nil }
                    promotes.append(p)
                }
                guard let mentionCount = int(), mentionCount <= buffer.count else { return nil }
                var mentions: [String] = []
                for _ in 0 ..< mentionCount {
                    guard let m = string() else { return nil }
                    mentions.append(m)
                }
                guard let linkCount = int(), linkCount <= buffer.count else { return nil }
                var links: [String] = []
                for _ in 0 ..< linkCount {
                    guard let l = string() else { return nil }
                    links.append(l)
                }
                let decodedKind: Kind?
                if let kind {
                    guard let k = Kind(rawValue: kind) else { return nil }
                    decodedKind = k
                } else {
                    decodedKind = nil
                }
                let entry = GraphEntry(path: path, parsed: parsed == 1, kind: decodedKind, theme: theme, epic: epic,
                                       release: release, promotes: promotes, mentions: mentions, links: links)
                graph.append(entry)
                files.append(StateFile(path: path, blob: blob, mode: modeByte == 2 ? .symlink : modeByte == 1 ? .executable : .blob,
                                       id: entry.id))
            }
            guard at == buffer.count else { return nil }
            return Entry(findings: findings, graph: graph, files: files)
        }
    }

    /// Stores an entry atomically (temporary file, then rename). Best effort: a read-only
    /// repository or a full disk only costs the next run its cache hit.
    func store(_ entry: Entry, tree: ObjectID, key: String) {
        let data = Data(Self.encode(entry, key: key))
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = "\(directory)/.\(tree.hex).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0 ... .max)).tmp"
            guard fm.createFile(atPath: temporary, contents: data) else { return }
            if rename(temporary, file(tree)) != 0 { try? fm.removeItem(atPath: temporary) }
        } catch {
            return
        }
        prune(keeping: tree)
    }

    /// How many entries the cache keeps (about 90 bytes an item each): every commit reviewed
    /// leaves one, and only the last few are ever a review's base.
    static let capacity = 16

    /// Removes the entries written longest ago beyond `capacity`, never `kept`.
    private func prune(keeping kept: ObjectID) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory).filter({ $0.hasSuffix(".bin") }),
              names.count > Self.capacity else { return }
        let dated = names.map { name -> (name: String, date: Date) in
            let date = (try? fm.attributesOfItem(atPath: "\(directory)/\(name)"))?[.modificationDate] as? Date
            return (name, date ?? .distantPast)
        }.sorted { $0.date != $1.date ? $0.date > $1.date : $0.name < $1.name }
        for old in dated.dropFirst(Self.capacity) where old.name != "\(kept.hex).bin" {
            try? fm.removeItem(atPath: "\(directory)/\(old.name)")
        }
    }
}
