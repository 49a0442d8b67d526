import Foundation
import Synchronization

/// Reads objects straight from a repository's packs, for history walks.
///
/// A walk reads every commit and tens of thousands of trees. Through libgit2 each read
/// looks the object up in every backend, locks the pack's window list (shared by every
/// handle in the process, so a second reading thread contends for it), sets up a zlib
/// stream and allocates several times; together that was about a third of a cold walk,
/// beside the inflating itself. Here the packs are mapped once per process and read
/// without locks, one zlib stream is reused, and the objects that deltas are made
/// against are kept (git's delta base cache).
///
/// Only what this can read with certainty is answered: an object that is not in a pack
/// (loose, in an alternate, in a pack made after the packs were listed) or whose entry is
/// damaged gives nil, and the caller reads it through libgit2, which also reports damage.
/// One thread at a time; each thread has its own.
final class PackedObjects {
    /// Objects larger than this are left to libgit2 (a bound for damaged size fields).
    static let largestObject = 512 << 20

    private let packs: PackSet
    private let inflater = Inflater()
    private var bases = BaseCache(budget: PackedObjects.defaultBaseBudget)

    /// git's `core.deltaBaseCacheLimit` is 96 MiB; a walk that compares trees wherever a
    /// filter says "maybe" reuses a chain's results across thousands of reads and wants
    /// 16 MiB. Every byte of it is memory the process touches for the first time (a page
    /// fault each 4 KiB), which a walk reading a few dozen trees pays for nothing.
    static let defaultBaseBudget = 16 << 20

    /// Keeps at most `bytes` of delta bases from now on (when that is a change, what was
    /// kept is let go).
    func limitBaseCache(to bytes: Int) {
        if bases.budget != bytes { bases = BaseCache(budget: bytes) }
    }

    init(objectsDirectory: String) {
        packs = PackSet.shared(objectsDirectory: objectsDirectory)
    }

    /// The object's git type (1 commit, 2 tree, 3 blob, 4 tag) and bytes; nil when it is
    /// not in the packs as listed or its entry cannot be read.
    func read(_ id: ObjectID) -> (type: Int32, object: RawObject)? {
        for (number, pack) in packs.packs.enumerated() {
            if let offset = pack.index.offset(of: id) {
                return read(at: offset, in: pack, number: number)
            }
        }
        return nil
    }

    private struct PendingDelta {
        var entry: PackFile.Entry
        var offset: Int
    }

    /// Follows the entry's delta chain down to a whole object (or one already kept), then
    /// applies the deltas back up.
    private func read(at offset: Int, in pack: PackFile, number: Int) -> (type: Int32, object: RawObject)? {
        var chain: [PendingDelta] = []
        var current = offset
        var base: (type: Int32, object: RawObject)
        while true {
            if let kept = bases.object(at: BaseCache.Key(pack: number, offset: current)) {
                base = kept
                break
            }
            // Deeper than git ever writes (its limit is 4095): a loop of ref deltas.
            guard chain.count < 10_000, let entry = pack.entry(at: current) else { return nil }
            switch entry.kind {
            case .object(let type):
                guard entry.size <= Self.largestObject,
                      let object = inflater.inflate(pack.data(from: entry.dataStart), size: entry.size) else { return nil }
                base = (type, object)
                if !chain.isEmpty { bases.keep(base, at: BaseCache.Key(pack: number, offset: current)) }
            case .deltaAtOffset(let baseOffset):
                chain.append(PendingDelta(entry: entry, offset: current))
                current = baseOffset
                continue
            case .deltaOnID(let baseID):
                guard let baseOffset = pack.index.offset(of: baseID) else { return nil }
                chain.append(PendingDelta(entry: entry, offset: current))
                current = baseOffset
                continue
            }
            break
        }
        while let delta = chain.popLast() {
            guard delta.entry.size <= Self.largestObject,
                  let instructions = inflater.inflate(pack.data(from: delta.entry.dataStart), size: delta.entry.size),
                  let result = Delta.apply(instructions.bytes, to: base.object.bytes, limit: Self.largestObject) else { return nil }
            base = (base.type, result)
            // What other deltas are made against: the intermediate results, and trees
            // (a walk reads a tree's versions one after another, each the base of the next).
            if !chain.isEmpty || base.type == 2 { bases.keep(base, at: BaseCache.Key(pack: number, offset: delta.offset)) }
        }
        return base
    }
}

/// Recently inflated objects by where they stand in a pack, as git's delta base cache
/// keeps them: a direct-mapped table (a newer object takes an older one's slot), within a
/// byte budget. Lookups are by a multiplicative hash of the offset, not `Hasher`: a walk
/// looks up every link of every delta chain it follows.
private struct BaseCache {
    struct Key: Equatable {
        var pack: Int
        var offset: Int
    }

    private struct Slot {
        var key: Key
        var type: Int32
        var object: RawObject
    }

    private var slots: [Slot?]
    private let mask: Int
    let budget: Int
    private var bytes = 0
    private var sweep = 0

    /// `count`: a power of two.
    init(budget: Int, slots count: Int = 4096) {
        self.budget = budget
        slots = Array(repeating: nil, count: count)
        mask = count - 1
    }

    private func slot(_ key: Key) -> Int {
        let mixed = UInt64(truncatingIfNeeded: key.offset &+ key.pack &* 0x9E37) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 40) & mask
    }

    func object(at key: Key) -> (type: Int32, object: RawObject)? {
        guard let found = slots[slot(key)], found.key == key else { return nil }
        return (found.type, found.object)
    }

    mutating func keep(_ value: (type: Int32, object: RawObject), at key: Key) {
        let index = slot(key)
        let size = value.object.bytes.count
        guard size <= budget / 4 else { return }
        bytes -= slots[index]?.object.bytes.count ?? 0
        slots[index] = nil
        // Over budget, slots are emptied in turn (a clock hand) until the object fits.
        while bytes + size > budget {
            bytes -= slots[sweep]?.object.bytes.count ?? 0
            slots[sweep] = nil
            sweep = (sweep + 1) & mask
        }
        bytes += size
        slots[index] = Slot(key: key, type: value.type, object: value.object)
    }
}

/// A repository's packs, mapped once for every reader in the process while any uses them.
/// A set is made again when the pack folder changes (a repack or fetch adds or removes
/// packs; a pack already mapped stays readable even when git deletes its file).
final class PackSet: Sendable {
    let packs: [PackFile]
    private let folderStamp: FolderStamp?

    /// When a folder last changed.
    private struct FolderStamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int

        static func of(_ path: String) -> FolderStamp? {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            return FolderStamp(seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
        }
    }

    private struct WeakSet: Sendable {
        weak var set: PackSet?
    }

    private static let registry = Mutex<[String: WeakSet]>([:])

    private init(folder: String, stamp: FolderStamp?) {
        folderStamp = stamp
        var packs: [PackFile] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // Newest first would match git's order; any order finds the same bytes for an id.
        for name in names.sorted() where name.hasPrefix("pack-") && name.hasSuffix(".idx") {
            let stem = folder + "/" + name.dropLast(4)
            guard let indexFile = MappedFile(path: stem + ".idx"), let index = PackIndex(indexFile),
                  let packFile = MappedFile(path: stem + ".pack"), let pack = PackFile(pack: packFile, index: index) else { continue }
            packs.append(pack)
        }
        self.packs = packs
    }

    private init(empty: Void) {
        packs = []
        folderStamp = nil
    }

    /// The packs of `objectsDirectory/pack` as they are now.
    static func shared(objectsDirectory: String) -> PackSet {
        let folder = objectsDirectory + "/pack"
        guard let stamp = FolderStamp.of(folder) else { return PackSet(empty: ()) }
        return registry.withLock { registry in
            if let existing = registry[folder]?.set, existing.folderStamp == stamp { return existing }
            let made = PackSet(folder: folder, stamp: stamp)
            registry = registry.filter { $0.value.set != nil }
            registry[folder] = WeakSet(set: made)
            return made
        }
    }
}
