import Foundation
import GitKit

/// The findings each commit introduced and resolved against its first parent, as `digest`
/// computed them, so that a warm digest runs no rules: deriving a commit's review costs
/// parsing the neighbourhood of every item it changed, hundreds of files a commit.
///
/// One file, `<common git dir>/roadmap/digest-cache-v1`, holding the answers computed under
/// one key: everything besides the commits that findings depend on (today, the rules'
/// configuration, the build of roadmap), as the review cache's key says it. A file written
/// under another key (another day, a rebuilt roadmap) counts as empty and is replaced. A
/// commit id names its tree and its first parent's for good, so an answer never goes stale.
/// Safe to delete; written atomically (temporary file, then rename); damaged = empty.
struct DigestCache {
    struct Answer: Equatable {
        var introduced: [Finding]
        var resolved: [Finding]
    }

    static let magic: [UInt8] = Array("RMDC".utf8)
    static let version: UInt32 = 1
    /// How many commits the file keeps at most (the newest answers win).
    static let capacity = 20_000

    let fileURL: URL
    let key: String
    private(set) var answers: [ObjectID: Answer] = [:]
    private var order: [ObjectID] = []
    private var dirty = false

    init(repository: Repository, key: String) {
        fileURL = URL(fileURLWithPath: repository.commonDirectory)
            .appendingPathComponent("roadmap").appendingPathComponent("digest-cache-v1")
        self.key = key
        if let data = FileManager.default.contents(atPath: fileURL.path),
           let decoded = data.withUnsafeBytes({ Self.decode($0, key: key) }) {
            (order, answers) = decoded
        }
    }

    subscript(commit: ObjectID) -> Answer? { answers[commit] }

    mutating func remember(_ answer: Answer, for commit: ObjectID) {
        if answers.updateValue(answer, forKey: commit) == nil { order.append(commit) }
        dirty = true
    }

    /// Writes the file when it learned something. Best effort: a read-only repository only
    /// costs the next digest its warm start.
    mutating func save() {
        guard dirty else { return }
        if order.count > Self.capacity {
            for id in order.prefix(order.count - Self.capacity) { answers[id] = nil }
            order.removeFirst(order.count - Self.capacity)
        }
        let folder = fileURL.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".digest-cache-v1.\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0 ... .max)).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(encode()).write(to: temporary)
            if rename(temporary.path, fileURL.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        dirty = false
    }

    // File (little-endian): "RMDC" u32:version u32:keyLength key u32:count, then per commit:
    // id[20] u32:introducedCount finding… u32:resolvedCount finding…; a finding is rule,
    // severity, item, path (u16-length strings), u32:line u32:column u16:relatedCount
    // related… message.

    func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: 64 + order.count * 200)
        writer.bytes(Self.magic)
        writer.integer(Self.version)
        writer.integer(UInt32(key.utf8.count))
        writer.bytes(Array(key.utf8))
        writer.integer(UInt32(order.count))
        func findings(_ list: [Finding]) {
            writer.integer(UInt32(list.count))
            for f in list {
                writer.string(f.rule); writer.string(f.severity.rawValue); writer.string(f.item); writer.string(f.path)
                writer.integer(UInt32(truncatingIfNeeded: f.line)); writer.integer(UInt32(truncatingIfNeeded: f.column))
                writer.integer(UInt16(truncatingIfNeeded: f.related.count))
                for r in f.related.prefix(Int(UInt16.max)) { writer.string(r) }
                writer.string(f.message)
            }
        }
        for id in order {
            guard let answer = answers[id] else { continue }
            writer.objectID(id)
            findings(answer.introduced)
            findings(answer.resolved)
        }
        return writer.finish()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, key: String) -> ([ObjectID], [ObjectID: Answer])? {
        var reader = ByteReader(bytes: bytes)
        guard reader.take(4).map(Array.init) == magic, reader.u32() == version, let keyLength = reader.u32(),
              let keyBytes = reader.take(Int(keyLength)), Array(keyBytes) == Array(key.utf8),
              let count = reader.u32(), Int(count) <= reader.remaining / 28 else { return nil }
        func findings() -> [Finding]? {
            guard let n = reader.u32(), Int(n) <= reader.remaining else { return nil }
            var out: [Finding] = []
            for _ in 0 ..< n {
                guard let rule = reader.string(), let severity = reader.string().flatMap(Severity.init(rawValue:)),
                      let item = reader.string(), let path = reader.string(), let line = reader.u32(), let column = reader.u32(),
                      let relatedCount = reader.u16() else { return nil }
                var related: [String] = []
                for _ in 0 ..< relatedCount {
                    guard let r = reader.string() else { return nil }
                    related.append(r)
                }
                guard let message = reader.string() else { return nil }
                out.append(Finding(rule: rule, severity: severity, item: item, path: path, line: Int(line), column: Int(column),
                                   related: related, message: message))
            }
            return out
        }
        var order: [ObjectID] = []
        var answers: [ObjectID: Answer] = [:]
        for _ in 0 ..< count {
            guard let id = reader.objectID(), let introduced = findings(), let resolved = findings() else { return nil }
            if answers.updateValue(Answer(introduced: introduced, resolved: resolved), forKey: id) == nil { order.append(id) }
        }
        return reader.remaining == 0 ? (order, answers) : nil
    }
}
