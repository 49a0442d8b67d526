import Foundation
@testable import GitKit
import Testing

/// The pack reader history walks use, against what git itself reads from the same packs.
@Suite("Packed objects")
struct PackedObjectsTests {
    /// A repository whose files change a little in each commit (so trees and blobs are
    /// stored as deltas), packed by git with long delta chains.
    static func packedRepository(_ extraRepackConfig: [String] = []) throws -> TestRepo {
        let repo = try TestRepo()
        var files: [String: String] = [:]
        for index in 0..<40 { files["items/item-\(index).yaml"] = "id: item-\(index)\nstatus: planned\n" }
        files["notes.md"] = String(repeating: "A line of notes that stays the same.\n", count: 200)
        try repo.commit(files, message: "start")
        for round in 1...30 {
            var change: [String: String] = [:]
            change["items/item-\(round % 40).yaml"] = "id: item-\(round % 40)\nstatus: round \(round)\n"
            change["items/new-\(round).yaml"] = "id: new-\(round)\n"
            change["notes.md"] = String(repeating: "A line of notes that stays the same.\n", count: 200) + "round \(round)\n"
            try repo.commit(change, message: "round \(round)")
        }
        try repo.runGit(extraRepackConfig + ["repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50"], in: repo.path)
        try repo.git("prune-packed")
        return repo
    }

    /// Every object of the repository with its type and bytes, as `git cat-file --batch` reads them.
    static func everyObject(_ repo: TestRepo) throws -> [(id: ObjectID, type: Int32, bytes: [UInt8])] {
        let output = [UInt8](try repo.gitOutput(["cat-file", "--batch-all-objects", "--batch"]))
        var result: [(id: ObjectID, type: Int32, bytes: [UInt8])] = []
        var position = 0
        let types: [String: Int32] = ["commit": 1, "tree": 2, "blob": 3, "tag": 4]
        while position < output.count {
            guard let newline = output[position...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: output[position..<newline], as: UTF8.self).split(separator: " ")
            let id = try #require(ObjectID(hex: String(header[0])))
            let type = try #require(types[String(header[1])])
            let size = try #require(Int(header[2]))
            result.append((id, type, Array(output[(newline + 1)..<(newline + 1 + size)])))
            position = newline + 1 + size + 1
        }
        return result
    }

    static func packFiles(_ repo: TestRepo) throws -> (pack: String, index: String) {
        let folder = repo.path + "/.git/objects/pack"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".pack") })
        let stem = folder + "/" + name.dropLast(5)
        return (stem + ".pack", stem + ".idx")
    }

    /// How many entries of the pack are deltas (`git verify-pack -v` gives them a depth).
    static func deltaCount(_ repo: TestRepo) throws -> Int {
        try repo.lines("verify-pack", "-v", packFiles(repo).index)
            .filter { $0.split(separator: " ", omittingEmptySubsequences: true).count == 7 }.count
    }

    @Test("every object of a pack with offset deltas reads as git reads it")
    func offsetDeltas() throws {
        let repo = try Self.packedRepository()
        let objects = try Self.everyObject(repo)
        #expect(objects.count > 100)
        #expect(try Self.deltaCount(repo) > 30, "the pack should hold delta chains")
        let reader = PackedObjects(objectsDirectory: repo.path + "/.git/objects")
        for object in objects {
            let read = try #require(reader.read(object.id), "\(object.id) not read")
            #expect(read.type == object.type, "\(object.id)")
            #expect(Array(read.object.bytes) == object.bytes, "\(object.id)")
        }
        // Read again, newest to oldest and back: answers from kept delta bases are the same.
        for object in objects.reversed() {
            #expect(reader.read(object.id).map { Array($0.object.bytes) } == object.bytes)
        }
    }

    @Test("ref deltas, and an index with 64-bit offsets, read as git reads them")
    func refDeltasAndLargeOffsets() throws {
        let repo = try Self.packedRepository(["-c", "repack.useDeltaBaseOffset=false"])
        let (pack, index) = try Self.packFiles(repo)
        // Rewrite the index so that every object past byte 256 is found through the table of
        // 64-bit offsets (as in packs over 2 GiB).
        try FileManager.default.removeItem(atPath: index)
        try repo.git("index-pack", "--index-version=2,256", pack)
        let objects = try Self.everyObject(repo)
        let indexSize = try #require(try FileManager.default.attributesOfItem(atPath: index)[.size] as? Int)
        #expect(indexSize > 8 + 1024 + objects.count * 28 + 40, "the index should have 64-bit offsets")
        #expect(try Self.deltaCount(repo) > 30)
        let reader = PackedObjects(objectsDirectory: repo.path + "/.git/objects")
        for object in objects {
            let read = try #require(reader.read(object.id), "\(object.id) not read")
            #expect(read.type == object.type && Array(read.object.bytes) == object.bytes, "\(object.id)")
        }
    }

    @Test("objects not in a pack are left to libgit2; a new pack is seen by the next reader")
    func looseObjectsAndNewPacks() throws {
        let repo = try Self.packedRepository()
        let loose = try repo.commit(["later.txt": "after the repack\n"], message: "later")
        let directory = repo.path + "/.git/objects"
        #expect(PackedObjects(objectsDirectory: directory).read(loose) == nil)
        // The walk's reader still reads it (through libgit2).
        let reader = try HistoryReader(try repo.open())
        #expect(try reader.link(loose).parents.count == 1)
        // A reader alive across the repack keeps the packs it listed (still mapped, still
        // answering for what they hold); a reader made after it sees the new pack.
        let before = PackedObjects(objectsDirectory: directory)
        let old = try #require(Self.everyObject(repo).first { $0.id != loose && $0.type == 2 })
        #expect(before.read(old.id).map { Array($0.object.bytes) } == old.bytes)
        try repo.git("repack", "-a", "-d", "-q")
        #expect(before.read(loose) == nil)
        #expect(before.read(old.id).map { Array($0.object.bytes) } == old.bytes)
        #expect(PackedObjects(objectsDirectory: directory).read(loose)?.type == 1)
        #expect(PackedObjects(objectsDirectory: repo.path + "/nowhere").read(loose) == nil)
    }

    /// A packed repository to damage: its objects as git read them before, its pack and
    /// index files, and its objects folder.
    struct Damageable {
        let repo: TestRepo
        let objects: [(id: ObjectID, type: Int32, bytes: [UInt8])]
        let pack: String, index: String
        var directory: String { repo.path + "/.git/objects" }

        init() throws {
            repo = try PackedObjectsTests.packedRepository()
            objects = try PackedObjectsTests.everyObject(repo)
            (pack, index) = try PackedObjectsTests.packFiles(repo)
        }
    }

    @Test("a damaged pack gives no answer for what it damaged, and never a crash")
    func damagedPacks() throws {
        let fixture = try Damageable()
        let (repo, objects, pack, index, directory) = (fixture.repo, fixture.objects, fixture.pack, fixture.index, fixture.directory)
        let original = try Data(contentsOf: URL(fileURLWithPath: pack))

        // A byte inside one whole object's compressed data: that object is not answered
        // (zlib's check), and the walk's reader reports the damage through libgit2.
        let rows = try repo.lines("verify-pack", "-v", index).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let whole = try #require(rows.first { $0.count == 5 && $0[1] == "blob" && (Int($0[3]) ?? 0) > 40 })
        let target = try #require(ObjectID(hex: String(whole[0])))
        let offset = try #require(Int(whole[4])), inPack = try #require(Int(whole[3]))
        var damaged = original
        damaged[offset + inPack / 2] ^= 0x55
        try damaged.write(to: URL(fileURLWithPath: pack), options: .atomic)
        #expect(PackedObjects(objectsDirectory: directory).read(target) == nil)
        #expect(throws: (any Error).self) { _ = try HistoryReader(try repo.open()).link(target) }

        // Cut short: the pack no longer ends with the checksum its index was made for, so
        // none of it is used.
        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: pack), options: .atomic)
        let halved = PackedObjects(objectsDirectory: directory)
        #expect(objects.allSatisfy { halved.read($0.id) == nil })

        // Random bytes changed between the header and the checksum, 200 times: every object
        // is asked for, without a crash or a hang (what this checks: a wrong byte read as a
        // size, offset, delta or zlib stream stays within bounds). Some answers must go, or
        // the damaged file was not the one read.
        let seed = UInt64(UInt32.random(in: 0...UInt32.max))
        var state = seed
        // Knuth's MMIX LCG, high bits: enough to spread damage, and repeatable from the seed.
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var unanswered = 0
        for _ in 0..<200 {
            var flipped = original
            for _ in 0..<3 {
                flipped[12 + next(flipped.count - 32)] ^= UInt8(1 + next(255))
            }
            try flipped.write(to: URL(fileURLWithPath: pack), options: .atomic)
            let reader = PackedObjects(objectsDirectory: directory)
            unanswered += objects.filter { reader.read($0.id) == nil }.count
        }
        #expect(unanswered > 0, "seed \(seed)")
    }

    @Test("a damaged index is not used")
    func damagedIndex() throws {
        let fixture = try Damageable()
        let (objects, index, directory) = (fixture.objects, fixture.index, fixture.directory)
        let original = try Data(contentsOf: URL(fileURLWithPath: index))
        for damage in [original.prefix(100), original.prefix(original.count - 41), Data(original.reversed())] {
            try Data(damage).write(to: URL(fileURLWithPath: index), options: .atomic)
            let reader = PackedObjects(objectsDirectory: directory)
            #expect(objects.allSatisfy { reader.read($0.id) == nil })
        }
        // A fan-out that claims more objects than the file holds.
        var inflated = original
        inflated.replaceSubrange((8 + 255 * 4)..<(8 + 256 * 4), with: [0x7f, 0xff, 0xff, 0xff])
        try inflated.write(to: URL(fileURLWithPath: index), options: .atomic)
        #expect(objects.allSatisfy { PackedObjects(objectsDirectory: directory).read($0.id) == nil })
        // An index made for another pack (here: the pack checksum it records changed).
        var foreign = original
        foreign[foreign.count - 40] ^= 0xff
        try foreign.write(to: URL(fileURLWithPath: index), options: .atomic)
        #expect(objects.allSatisfy { PackedObjects(objectsDirectory: directory).read($0.id) == nil })
        try original.write(to: URL(fileURLWithPath: index), options: .atomic)
        #expect(objects.allSatisfy { PackedObjects(objectsDirectory: directory).read($0.id) != nil })
    }

    @Test("deltas: copies and inserts, and every way a delta can be wrong")
    func deltas() throws {
        let base = Array("0123456789abcdef".utf8)
        func apply(_ delta: [UInt8], limit: Int = 1 << 20) -> [UInt8]? {
            base.withUnsafeBytes { baseBytes in
                delta.withUnsafeBytes { Delta.apply($0, to: baseBytes, limit: limit).map { Array($0.bytes) } }
            }
        }
        // base 16 → result 9: copy 4 bytes from offset 10 ("abcd"), insert "XY", copy 3 from 0.
        let good: [UInt8] = [16, 9, 0x91, 10, 4, 2, UInt8(ascii: "X"), UInt8(ascii: "Y"), 0x90, 3]
        #expect(apply(good) == Array("abcdXY012".utf8))
        #expect(apply([16, 9] + Array(good[2...]), limit: 8) == nil, "over the limit")
        #expect(apply([15, 9] + Array(good[2...])) == nil, "made for another base size")
        #expect(apply([16, 10] + Array(good[2...])) == nil, "result shorter than declared")
        #expect(apply([16, 8] + Array(good[2...])) == nil, "result longer than declared")
        #expect(apply([16, 4, 0x91, 14, 4]) == nil, "copy past the base's end")
        #expect(apply([16, 2, 5, UInt8(ascii: "X")]) == nil, "insert past the delta's end")
        #expect(apply([16, 1, 0]) == nil, "instruction 0")
        #expect(apply([16, 4, 0x91, 10]) == nil, "copy cut short")
        #expect(apply([16]) == nil && apply([]) == nil, "sizes cut short")
        #expect(apply([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]) == nil, "size too long")
        // A copy of size 0 means 0x10000 bytes: more than this base has.
        #expect(apply([16, 16, 0x80]) == nil)
    }
}

