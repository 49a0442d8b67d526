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
        /// The item files the commit changed, so that a warm digest reads no trees: comparing
        /// a commit's tree with its parent's cost more than the rest of a warm digest.
        var files: ChangedFiles
    }

    /// The item files on each side of a commit's change against its first parent.
    struct ChangedFiles: Equatable {
        var before: [File]
        var after: [File]
    }

    struct File: Equatable {
        var path: String
        var blob: ObjectID
        var mode: FileMode
    }

    static let magic: [UInt8] = Array("RMDC".utf8)
    static let version: UInt32 = 2
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
    // id[20] u32:introducedCount finding… u32:resolvedCount finding… u32:beforeCount file…
    // u32:afterCount file…; a finding is rule, severity, item, path (u16-length strings),
    // u32:line u32:column u16:relatedCount related… message; a file is path, id[20], u8:mode.

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
        func files(_ list: [File]) {
            writer.integer(UInt32(list.count))
            for file in list {
                writer.string(file.path)
                writer.objectID(file.blob)
                writer.integer(Self.modeCode(file.mode))
            }
        }
        for id in order {
            guard let answer = answers[id] else { continue }
            writer.objectID(id)
            findings(answer.introduced)
            findings(answer.resolved)
            files(answer.files.before)
            files(answer.files.after)
        }
        return writer.finish()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, key: String) -> ([ObjectID], [ObjectID: Answer])? {
        var reader = ByteReader(bytes: bytes)
        guard reader.take(4).map(Array.init) == magic, reader.u32() == version, let keyLength = reader.u32(),
              let keyBytes = reader.take(Int(keyLength)), Array(keyBytes) == Array(key.utf8),
              let count = reader.u32(), Int(count) <= reader.remaining / 36 else { return nil }
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
        func files() -> [File]? {
            guard let n = reader.u32(), Int(n) <= reader.remaining else { return nil }
            var out: [File] = []
            for _ in 0 ..< n {
                guard let path = reader.string(), let blob = reader.objectID(), let code = reader.take(1)?.first,
                      let mode = Self.mode(code: code) else { return nil }
                out.append(File(path: path, blob: blob, mode: mode))
            }
            return out
        }
        var order: [ObjectID] = []
        var answers: [ObjectID: Answer] = [:]
        for _ in 0 ..< count {
            guard let id = reader.objectID(), let introduced = findings(), let resolved = findings(),
                  let before = files(), let after = files() else { return nil }
            let answer = Answer(introduced: introduced, resolved: resolved, files: ChangedFiles(before: before, after: after))
            if answers.updateValue(answer, forKey: id) == nil { order.append(id) }
        }
        return reader.remaining == 0 ? (order, answers) : nil
    }

    static let modes: [FileMode] = [.blob, .executable, .symlink, .tree, .submodule]

    static func modeCode(_ mode: FileMode) -> UInt8 {
        UInt8(modes.firstIndex(of: mode) ?? 0)
    }

    static func mode(code: UInt8) -> FileMode? {
        Int(code) < modes.count ? modes[Int(code)] : nil
    }
}
