import Foundation
import GitKit

/// The forecast's record as one walk left it (`DatedHistory`): every dated item's points along
/// the base branch's first-parent chain up to a tip, and what of the tip the walk depended on
/// (the folders it skipped, each dated item's value there). A forecast at the same tip reads
/// this instead of comparing 20,000 commits' trees; at a later tip whose first-parent chain
/// holds the cached one (new commits or a merge on the branch), the walk goes on from the
/// cached tip over the new commits only, when the new tip skips the same folders (else it
/// starts over: the older commits were compared in other folders).
///
/// One file, `<common git dir>/roadmap/dated-history-v1`, for one tip, under a key naming
/// what else the walk read: the items root and the build of roadmap (how items decode). A
/// file of another key, damaged or foreign, counts as absent and is replaced. Safe to delete;
/// written atomically (temporary file, then rename). Not used in a shallow clone (a fetch may
/// move its boundary), nor written when a date's value is not a scalar.
struct DatedHistoryCache {
    struct Series {
        var kind: String
        var field: String
        var path: String
        var points: [SlipPoint]
    }

    static let magic: [UInt8] = Array("RMDH".utf8)
    static let version: UInt32 = 1

    var tip: ObjectID
    /// Folders under the root that held no dated item at the tip, sorted: the walk skipped them.
    var skipped: [String]
    /// Each dated item's value at the tip (nil: the field is absent).
    var current: [String: YAMLValue?]
    var series: [String: Series]

    static func url(for repository: Repository) -> URL {
        URL(fileURLWithPath: repository.commonDirectory).appendingPathComponent("roadmap").appendingPathComponent("dated-history-v1")
    }

    /// Everything besides the commits that the walk's answer depends on.
    static func key(root: String) -> String {
        "roadmap \(RoadmapKitVersion.string) \(ReviewCache.buildFingerprint)\nroot \(root)"
    }

    static func load(from url: URL, key: String) -> DatedHistoryCache? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return data.withUnsafeBytes { decode($0, key: key) }
    }

    /// Writes the file. Best effort: a read-only repository only costs the next forecast its walk.
    func save(to url: URL, key: String) {
        guard let bytes = encode(key: key) else { return }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".dated-history-v1.\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0 ... .max)).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    // File (little-endian): "RMDH" u32:version string:key id[20]:tip u32:skippedCount string…
    // u32:itemCount, then per item: string:id u8:hasCurrent [value] string:kind string:field
    // string:path u32:pointCount, per point: id[20]:commit i64:seconds value; a value is u8:tag
    // (0 absent, 1 null, 2 bool, 3 int, 4 float, 5 string) and its payload. Strings: u16 length.

    func encode(key: String) -> [UInt8]? {
        var writer = ByteWriter(capacity: 1_024 + series.count * 200)
        func string(_ text: String) -> Bool {
            guard text.utf8.count <= Int(UInt16.max) else { return false }
            writer.string(text)
            return true
        }
        func value(_ v: YAMLValue?) -> Bool {
            switch v {
            case nil: writer.integer(UInt8(0))
            case .null?: writer.integer(UInt8(1))
            case let .bool(b)?: writer.integer(UInt8(2)); writer.integer(UInt8(b ? 1 : 0))
            case let .int(i)?: writer.integer(UInt8(3)); writer.integer(Int64(i))
            case let .float(f)?: writer.integer(UInt8(4)); writer.integer(f.bitPattern)
            case let .string(s)?: writer.integer(UInt8(5)); return string(s)
            case .sequence?, .mapping?: return false
            }
            return true
        }
        writer.bytes(Self.magic)
        writer.integer(Self.version)
        guard string(key) else { return nil }
        writer.objectID(tip)
        writer.integer(UInt32(skipped.count))
        for folder in skipped { guard string(folder) else { return nil } }
        let ids = Set(series.keys).union(current.keys).sorted()
        writer.integer(UInt32(ids.count))
        for id in ids {
            guard string(id) else { return nil }
            if let known = current[id] {
                writer.integer(UInt8(1))
                guard value(known) else { return nil }
            } else {
                writer.integer(UInt8(0))
            }
            let s = series[id] ?? Series(kind: "", field: "", path: "", points: [])
            guard string(s.kind), string(s.field), string(s.path) else { return nil }
            writer.integer(UInt32(s.points.count))
            for point in s.points {
                writer.objectID(point.commit)
                writer.integer(Int64(point.date.timeIntervalSince1970))
                guard value(point.value) else { return nil }
            }
        }
        return writer.finish()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, key: String) -> DatedHistoryCache? {
        var reader = ByteReader(bytes: bytes)
        func value() -> YAMLValue?? {
            guard let tag = reader.take(1)?.first else { return nil }
            switch tag {
            case 0: return .some(nil)
            case 1: return .some(.null)
            case 2: return reader.take(1).map { .bool($0.first == 1) }
            case 3: return reader.u64().map { .int(Int(Int64(bitPattern: $0))) }
            case 4: return reader.u64().map { .float(Double(bitPattern: $0)) }
            case 5: return reader.string().map { .string($0) }
            default: return nil
            }
        }
        guard reader.take(4).map(Array.init) == magic, reader.u32() == version, reader.string() == key,
              let tip = reader.objectID(), let skippedCount = reader.u32(), Int(skippedCount) <= reader.remaining / 2 else { return nil }
        var skipped: [String] = []
        for _ in 0 ..< skippedCount {
            guard let folder = reader.string() else { return nil }
            skipped.append(folder)
        }
        guard let itemCount = reader.u32(), Int(itemCount) <= reader.remaining / 12 else { return nil }
        var current: [String: YAMLValue?] = [:]
        var series: [String: Series] = [:]
        for _ in 0 ..< itemCount {
            guard let id = reader.string(), let hasCurrent = reader.take(1)?.first else { return nil }
            if hasCurrent == 1 {
                guard let known = value() else { return nil }
                current[id] = .some(known)
            }
            guard let kind = reader.string(), let field = reader.string(), let path = reader.string(),
                  let pointCount = reader.u32(), Int(pointCount) <= reader.remaining / 29 else { return nil }
            var points: [SlipPoint] = []
            points.reserveCapacity(Int(pointCount))
            for _ in 0 ..< pointCount {
                guard let commit = reader.objectID(), let seconds = reader.u64(), let v = value() else { return nil }
                points.append(SlipPoint(commit: commit, date: Date(timeIntervalSince1970: TimeInterval(Int64(bitPattern: seconds))),
                                        offsetMinutes: 0, value: v))
            }
            if !kind.isEmpty { series[id] = Series(kind: kind, field: field, path: path, points: points) }
        }
        return reader.remaining == 0 ? DatedHistoryCache(tip: tip, skipped: skipped, current: current, series: series) : nil
    }
}
