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
        // stat(2), not FileManager's attributes: this is on every hook run's path.
        var status = stat()
        guard stat(exe, &status) == 0 else { return "exe \(exe) -1 -1" }
        let date = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
        return "exe \(exe) \(status.st_size) \(date)"
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

    /// The cached entry read in place (`IndexedEntry`), or nil as for `entry`.
    func indexed(tree: ObjectID, key: String) -> IndexedEntry? { IndexedEntry(path: file(tree), key: key) }

    /// The cached findings of a tree (see `entry`).
    func findings(tree: ObjectID, key: String) -> [Finding]? { entry(tree: tree, key: key)?.findings }

    // The file: a magic line, then length-prefixed fields (little-endian UInt32 counts and
    // lengths, UTF-8 strings): key, findings, graph entries. Compact and decoded without
    // Foundation's JSON, which cost more than the review it saved on 10,000 items. Then the
    // sections `IndexedEntry` reads in place, without decoding the entries (a hook's change
    // touches a few items of thousands): the files (path, blob, mode), each graph entry's
    // offset, the entries by id and by each id they name, the findings by item and each
    // finding's offset, and a fixed footer locating them, with the findings' totals.
    static let magic = Array("roadmap review-cache-v6\n".utf8)

    static func encode(_ entry: Entry, key: String) -> [UInt8] {
        var out = magic
        func int(_ n: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { out.append(contentsOf: $0) } }
        func string(_ s: String) { int(s.utf8.count); out.append(contentsOf: s.utf8) }
        func optional(_ s: String?) { if let s { out.append(1); string(s) } else { out.append(0) } }
        func mode(_ f: StateFile) -> UInt8 { f.mode == .symlink ? 2 : f.mode == .executable ? 1 : 0 }
        string(key)
        int(entry.findings.count)
        var findingOffsets: [Int] = []
        findingOffsets.reserveCapacity(entry.findings.count)
        for f in entry.findings {
            findingOffsets.append(out.count)
            string(f.rule); string(f.severity.rawValue); string(f.item); string(f.path)
            int(f.line); int(f.column)
            int(f.related.count); f.related.forEach(string)
            string(f.message)
        }
        int(entry.graph.count)
        var recordOffsets: [Int] = []
        recordOffsets.reserveCapacity(entry.graph.count)
        for (g, f) in zip(entry.graph, entry.files) {
            recordOffsets.append(out.count)
            string(g.path); out.append(g.parsed ? 1 : 0); optional(g.kind?.rawValue)
            out.append(contentsOf: f.blob?.rawBytes ?? [UInt8](repeating: 0, count: 20))
            out.append(mode(f))
            optional(g.theme); optional(g.epic); optional(g.release)
            int(g.promotes.count); g.promotes.forEach(string)
            int(g.dependsOn.count); g.dependsOn.forEach(string)
            int(g.mentions.count); g.mentions.forEach(string)
            int(g.links.count); g.links.forEach(string)
        }
        let filesAt = out.count
        for f in entry.files.prefix(entry.graph.count) {
            string(f.path)
            out.append(contentsOf: f.blob?.rawBytes ?? [UInt8](repeating: 0, count: 20))
            out.append(mode(f))
        }
        let offsetsAt = out.count
        recordOffsets.forEach(int)
        // Entry indices by id and by named id, and finding indices by item, each table sorted
        // by the names' UTF-8 bytes; a row is (offset of the name in the names section, start
        // and length in the lists).
        var byID: [String: [Int]] = [:], referrers: [String: [Int]] = [:], findingsByItem: [String: [Int]] = [:]
        for (index, g) in entry.graph.enumerated() {
            byID[g.id, default: []].append(index)
            for target in g.targets where referrers[target]?.last != index { referrers[target, default: []].append(index) }
        }
        for (index, f) in entry.findings.enumerated() { findingsByItem[f.item, default: []].append(index) }
        let namesAt = out.count
        var nameAt: [String: Int] = [:]
        for name in Set(byID.keys).union(referrers.keys).union(findingsByItem.keys)
            .sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            nameAt[name] = out.count
            string(name)
        }
        var lists: [Int] = []
        func table(_ map: [String: [Int]]) {
            let keys = map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            int(keys.count)
            for name in keys {
                let list = map[name] ?? []
                int(nameAt[name] ?? 0); int(lists.count); int(list.count)
                lists += list
            }
        }
        let idsAt = out.count
        table(byID)
        let referrersAt = out.count
        table(referrers)
        let itemsAt = out.count
        table(findingsByItem)
        let listsAt = out.count
        lists.forEach(int)
        let findingOffsetsAt = out.count
        findingOffsets.forEach(int)
        // Files whose paths are ASCII and strictly increasing in byte order can be merged with
        // git's index (sorted by bytes) without making a String of every path.
        let byteOrdered = entry.files.count == entry.graph.count && zip(entry.graph, entry.files).allSatisfy { $0.path == $1.path }
            && entry.files.allSatisfy { $0.path.utf8.allSatisfy { $0 < 0x80 } }
            && zip(entry.files, entry.files.dropFirst()).allSatisfy { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        // The findings' totals, so that a hook's review counts the findings it does not list
        // without decoding them.
        let counted = { (severity: Severity) in entry.findings.lazy.filter { $0.severity == severity }.count }
        let danglingRule = DanglingReferenceRule().id
        let dangling = entry.findings.lazy.filter { $0.rule == danglingRule }.count
        for n in [filesAt, offsetsAt, namesAt, idsAt, referrersAt, itemsAt, listsAt, findingOffsetsAt, byteOrdered ? 1 : 0,
                  counted(.error), counted(.warning), counted(.info), dangling] { int(n) }
        out.append(contentsOf: footerMagic)
        return out
    }

    /// The last bytes of a file: the footer's end.
    static let footerMagic = Array("rc6-end\n".utf8)
    /// The footer: thirteen UInt32 (section offsets, flags and totals), then `footerMagic`.
    static let footerSize = 13 * 4 + 8

    static func decode(_ bytes: [UInt8], key: String) -> Entry? {
        bytes.withUnsafeBytes { buffer -> Entry? in
            guard let footer = Footer(buffer) else { return nil }
            var reader = ReviewCacheReader(buffer, at: 0)
            guard reader.skipMagic(), let findings = reader.findings(key: key) else { return nil }
            guard let graphCount = reader.int(), graphCount <= buffer.count else { return nil }
            var graph: [GraphEntry] = []
            graph.reserveCapacity(graphCount)
            var files: [StateFile] = []
            files.reserveCapacity(graphCount)
            for _ in 0 ..< graphCount {
                guard let (entry, file) = reader.record() else { return nil }
                graph.append(entry)
                files.append(file)
            }
            guard reader.at == footer.files else { return nil }
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
