import GitKit

/// A review cache file read in place (mapped, never decoded as a whole): its findings, and
/// its files and graph entries by index, by id and by named id, each decoded on first use.
/// A hook's change touches a few items; decoding every entry of a large roadmap's file cost
/// the hook more than the rules it saved (per-item objects, retain/release, page faults).
///
/// Every read is bounds-checked; a read that fails marks the entry `damaged`, and a caller
/// that sees it set discards what it computed and reviews the slow way (which rewrites the file).
final class IndexedEntry: ItemGraphStore {
    private let file: MappedFile
    let count: Int
    /// How many findings the file holds, and where the first one starts.
    let findingCount: Int
    private let findingsStart: Int
    /// Whether the files' paths are ASCII and strictly increasing by bytes (`ReviewCache.encode`).
    let byteOrdered: Bool
    private let footer: ReviewCache.Footer
    private(set) var damaged = false
    private var decoded: [Int: (GraphEntry, StateFile)] = [:]

    /// Nil when the file is missing, not of this version, damaged in its framing or written
    /// under another key.
    init?(path: String, key: String) {
        guard let file = MappedFile(path: path), let footer = ReviewCache.Footer(file.bytes) else { return nil }
        var reader = ReviewCacheReader(file.bytes, at: 0)
        guard reader.skipMagic(), reader.string() == key, let findingCount = reader.int(),
              footer.findingOffsets - footer.lists >= 0, footer.end - footer.findingOffsets == 4 * findingCount else { return nil }
        self.findingCount = findingCount
        findingsStart = reader.at
        var records = reader
        // The entries' count follows the findings: found from the first entry's offset, or
        // (no entry) where the files section starts.
        guard footer.names - footer.offsets >= 0, (footer.names - footer.offsets) % 4 == 0 else { return nil }
        let count = (footer.names - footer.offsets) / 4
        if count == 0 {
            records.at = footer.files - 4
        } else {
            guard let first = Self.u32(file.bytes, footer.offsets), first >= 4, first <= footer.files else { return nil }
            records.at = first - 4
        }
        guard records.int() == count, count <= footer.offsets - footer.files else { return nil }
        self.file = file
        self.footer = footer
        self.count = count
        byteOrdered = footer.byteOrdered
    }

    private static func u32(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> Int? {
        guard at >= 0, at <= bytes.count - 4 else { return nil }
        return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
    }

    /// Every finding, decoded (what a review that lists them needs); empty and `damaged` when
    /// they do not decode.
    private(set) lazy var findings: [Finding] = {
        var reader = ReviewCacheReader(UnsafeRawBufferPointer(rebasing: bytes[..<footer.files]), at: findingsStart)
        var out: [Finding] = []
        out.reserveCapacity(findingCount)
        for _ in 0 ..< findingCount {
            guard let finding = reader.finding() else {
                damaged = true
                return []
            }
            out.append(finding)
        }
        return out
    }()

    /// The findings of one item, in the file's (report) order, decoded alone.
    func findings(ofItem item: String) -> [Finding] {
        indices(item, table: footer.items, bound: findingCount).compactMap { index in
            guard let offset = u32(footer.findingOffsets + 4 * index), offset >= findingsStart, offset < footer.files else {
                damaged = true
                return nil
            }
            var reader = ReviewCacheReader(UnsafeRawBufferPointer(rebasing: bytes[..<footer.files]), at: offset)
            guard let finding = reader.finding(), finding.item == item else {
                damaged = true
                return nil
            }
            return finding
        }
    }

    /// How many findings the file holds of each severity, and of `dangling-reference`.
    var totals: [Severity: Int] { [.error: footer.errors, .warning: footer.warnings, .info: footer.infos] }
    var danglingCount: Int { footer.dangling }

    private var bytes: UnsafeRawBufferPointer { file.bytes }

    private func u32(_ at: Int) -> Int? {
        guard at >= 0, at <= bytes.count - 4 else { damaged = true; return nil }
        return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
    }

    /// Where the first file of the files section is (see `file(at:)`).
    var firstFile: Int { footer.files }

    /// The file at `position` of the files section: its path's bytes, blob and mode byte (0
    /// file, 1 executable, 2 symlink), and the position of the next file. Nil (and `damaged`)
    /// past the section.
    func file(at position: Int) -> (path: UnsafeRawBufferPointer, blob: ObjectID, mode: UInt8, next: Int)? {
        guard let n = u32(position), n <= footer.offsets - position - 4 - 21,
              let blob = ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: bytes[position + 4 + n ..< position + 4 + n + 20])) else {
            damaged = true
            return nil
        }
        return (UnsafeRawBufferPointer(rebasing: bytes[position + 4 ..< position + 4 + n]), blob, bytes[position + 4 + n + 20],
                position + 4 + n + 21)
    }

    /// The graph entry and file at `index`, nil (and `damaged`) when the record does not decode.
    func record(_ index: Int) -> (GraphEntry, StateFile)? {
        if let known = decoded[index] { return known }
        guard index >= 0, index < count, let offset = u32(footer.offsets + 4 * index), offset < footer.files else {
            damaged = true
            return nil
        }
        var reader = ReviewCacheReader(UnsafeRawBufferPointer(rebasing: bytes[..<footer.files]), at: offset)
        guard let record = reader.record() else {
            damaged = true
            return nil
        }
        decoded[index] = record
        return record
    }

    /// The indices (each below `bound`) listed for `name` in the table at `table` (entries by
    /// id or by named id, findings by item).
    private func indices(_ name: String, table: Int, bound: Int) -> [Int] {
        guard let rows = u32(table), rows <= (footer.end - table) / 12 else { damaged = true; return [] }
        var name = name
        return name.withUTF8 { utf8 -> [Int] in
            let wanted = UnsafeRawBufferPointer(utf8)
            var low = 0, high = rows
            while low < high {
                let mid = (low + high) / 2
                guard let stored = self.name(row: table + 4 + 12 * mid) else { return [] }
                if stored.lexicographicallyPrecedes(wanted) { low = mid + 1 } else { high = mid }
            }
            let row = table + 4 + 12 * low
            guard low < rows, let stored = self.name(row: row), stored.elementsEqual(wanted),
                  let start = u32(row + 4), let length = u32(row + 8) else { return [] }
            let listed = (footer.findingOffsets - footer.lists) / 4
            guard start <= listed, length <= listed - start else { damaged = true; return [] }
            var out: [Int] = []
            out.reserveCapacity(length)
            for i in 0 ..< length {
                guard let index = u32(footer.lists + 4 * (start + i)), index < bound else { damaged = true; return [] }
                out.append(index)
            }
            return out
        }
    }

    /// The name a table row points at, within the names section.
    private func name(row: Int) -> UnsafeRawBufferPointer? {
        guard let at = u32(row), at >= footer.names, at < footer.ids, let length = u32(at),
              length <= footer.ids - at - 4 else { damaged = true; return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[at + 4 ..< at + 4 + length])
    }

    /// Indices of the entries of `id`.
    func indices(ofID id: String) -> [Int] { indices(id, table: footer.ids, bound: count) }

    func forEachStoredEntry(ofID id: String, _ body: (Int, GraphEntry) -> Void) {
        for index in indices(id, table: footer.ids, bound: count) { if let (entry, _) = record(index) { body(index, entry) } }
    }

    func forEachStoredReferrer(of target: String, _ body: (Int, GraphEntry) -> Void) {
        for index in indices(target, table: footer.referrers, bound: count) { if let (entry, _) = record(index) { body(index, entry) } }
    }
}

extension ReviewCache {
    /// The fixed end of a cache file: where its sections start, and the findings' totals.
    struct Footer {
        let files, offsets, names, ids, referrers, items, lists, findingOffsets: Int
        let byteOrdered: Bool
        let errors, warnings, infos, dangling: Int
        /// Where the footer starts (the finding offsets end).
        let end: Int

        init?(_ bytes: UnsafeRawBufferPointer) {
            let end = bytes.count - ReviewCache.footerSize
            guard end > ReviewCache.magic.count,
                  bytes[(bytes.count - ReviewCache.footerMagic.count)...].elementsEqual(ReviewCache.footerMagic) else { return nil }
            let values = (0 ..< 13).map { Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: end + 4 * $0, as: UInt32.self))) }
            // Sections in file order, each within the file.
            guard values[0] > ReviewCache.magic.count, zip(values[0 ..< 8], values[1 ..< 8]).allSatisfy({ $0 <= $1 }),
                  values[7] <= end, values[8] <= 1 else { return nil }
            (files, offsets, names, ids, referrers, items, lists, findingOffsets) =
                (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7])
            byteOrdered = values[8] == 1
            (errors, warnings, infos, dangling) = (values[9], values[10], values[11], values[12])
            self.end = end
        }
    }
}

/// Reads a review cache file's fields from a position, each read bounds-checked (nil past the end).
struct ReviewCacheReader {
    let buffer: UnsafeRawBufferPointer
    var at: Int

    init(_ buffer: UnsafeRawBufferPointer, at: Int) {
        self.buffer = buffer
        self.at = at
    }

    mutating func byte() -> UInt8? {
        guard at < buffer.count else { return nil }
        defer { at += 1 }
        return buffer[at]
    }

    mutating func int() -> Int? {
        guard buffer.count - at >= 4 else { return nil }
        defer { at += 4 }
        return Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
    }

    mutating func string() -> String? {
        guard let n = int(), buffer.count - at >= n else { return nil }
        defer { at += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[at ..< at + n]), as: UTF8.self)
    }

    mutating func optional() -> String?? {
        switch byte() {
        case 0?: return .some(nil)
        case 1?: return string().map { .some($0) }
        default: return nil
        }
    }

    mutating func strings() -> [String]? {
        guard let n = int(), n <= buffer.count else { return nil }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0 ..< n {
            guard let s = string() else { return nil }
            out.append(s)
        }
        return out
    }

    mutating func skipMagic() -> Bool {
        guard buffer.count >= ReviewCache.magic.count, buffer[..<ReviewCache.magic.count].elementsEqual(ReviewCache.magic) else { return false }
        at = ReviewCache.magic.count
        return true
    }

    /// The key (nil unless it is `key`), then the findings.
    mutating func findings(key: String) -> [Finding]? {
        guard string() == key, let count = int(), count <= buffer.count else { return nil }
        var findings: [Finding] = []
        findings.reserveCapacity(count)
        for _ in 0 ..< count {
            guard let finding = finding() else { return nil }
            findings.append(finding)
        }
        return findings
    }

    /// One finding.
    mutating func finding() -> Finding? {
        guard let rule = string(), let severity = string().flatMap(Severity.init(rawValue:)),
              let item = string(), let path = string(), let line = int(), let column = int(),
              let related = strings(), let message = string() else { return nil }
        return Finding(rule: rule, severity: severity, item: item, path: path, line: line, column: column,
                       related: related, message: message)
    }

    /// One graph entry with its file.
    mutating func record() -> (GraphEntry, StateFile)? {
        guard let path = string(), let parsed = byte(), parsed <= 1, let kind = optional(),
              buffer.count - at >= 21, let blob = ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: buffer[at ..< at + 20])) else { return nil }
        at += 20
        guard let modeByte = byte(), modeByte <= 2,
              let theme = optional(), let epic = optional(), let release = optional(),
              let promotes = strings(), let dependsOn = strings(), let mentions = strings(), let links = strings() else { return nil }
        let decodedKind: Kind?
        if let kind {
            guard let k = Kind(rawValue: kind) else { return nil }
            decodedKind = k
        } else {
            decodedKind = nil
        }
        let entry = GraphEntry(path: path, parsed: parsed == 1, kind: decodedKind, theme: theme, epic: epic,
                               release: release, promotes: promotes, dependsOn: dependsOn, mentions: mentions, links: links)
        let file = StateFile(path: path, blob: blob, mode: modeByte == 2 ? .symlink : modeByte == 1 ? .executable : .blob, id: entry.id)
        return (entry, file)
    }
}
