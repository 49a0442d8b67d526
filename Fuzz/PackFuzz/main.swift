// libFuzzer entry for the pack reader history walks use (Sources/GitKit: PackIndex, PackFile,
// PackedObjects, Inflater, Delta). Built by Fuzz/run.sh with those sources, libgit2 and zlib.
//
// An input is either a delta and its base (first byte even), or a pack (first byte odd):
//   byte 1: the object count N (1…16) and flags; then N 16-bit offsets (little-endian, from
//   the start of the pack), then the pack's entries. The harness writes the pack (header,
//   entries, trailer) and an index for it (N ids, fan-out, the offsets, some through the
//   64-bit table), maps them as a repository's objects folder, and reads every id.
// For every input: nothing traps or reads out of bounds; every answer is of a git type and
// within the size limit; a delta's result has the size it declares.

import Foundation

private var round = 0
// In memory where there is a tmpfs: every input is written as files.
private let scratch = (FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm")
    : FileManager.default.temporaryDirectory).appendingPathComponent("packfuzz-\(getpid())")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 2 else { return 0 }
    if bytes[0] & 1 == 0 {
        fuzzDelta(Array(bytes[1...]))
    } else {
        fuzzPack(Array(bytes[1...]))
    }
    return 0
}

/// The base is the bytes up to the first 0xFF (or half of them), the delta the rest.
private func fuzzDelta(_ input: [UInt8]) {
    let split = input.firstIndex(of: 0xFF) ?? input.count / 2
    let base = Array(input[..<split]), delta = Array(input[min(split + 1, input.count)...])
    base.withUnsafeBytes { baseBytes in
        delta.withUnsafeBytes { deltaBytes in
            if let result = Delta.apply(deltaBytes, to: baseBytes, limit: 1 << 20) {
                precondition(result.bytes.count <= 1 << 20, "a delta result over the limit")
            }
        }
    }
}

private func fuzzPack(_ input: [UInt8]) {
    let count = Int(input[0] & 0x0f) + 1
    let flags = input[0] >> 4
    var position = 1
    var offsets: [UInt32] = []
    for _ in 0..<count {
        let low = position < input.count ? UInt32(input[position]) : 0
        let high = position + 1 < input.count ? UInt32(input[position + 1]) : 0
        offsets.append(low | high << 8)
        position += 2
    }
    let entries = position < input.count ? Array(input[position...]) : []
    let trailer = [UInt8](repeating: 0xAB, count: 20)

    var pack: [UInt8] = Array("PACK".utf8)
    append32(&pack, 2)
    append32(&pack, UInt32(count))
    pack += entries + trailer

    // Ids with distinct first bytes are sorted by construction; their other bytes come
    // from the entries, so that ref deltas can name them.
    var ids: [[UInt8]] = []
    for index in 0..<count {
        var id = [UInt8(index * 16)]
        for byte in 0..<19 { id.append(entries.isEmpty ? UInt8(byte) : entries[(index * 19 + byte) % entries.count]) }
        ids.append(id)
    }
    var index: [UInt8] = [0xff, 0x74, 0x4f, 0x63]
    append32(&index, 2)
    for slot in 0..<256 {
        // Flag 1: a fan-out that claims more objects than there are.
        let below = ids.filter { Int($0[0]) <= slot }.count
        append32(&index, UInt32(flags & 1 != 0 && slot == 255 ? below + 1000 : below))
    }
    for id in ids { index += id }
    for _ in ids { append32(&index, 0) } // CRCs, unused
    var large: [UInt64] = []
    for (number, offset) in offsets.enumerated() {
        // Flag 2: odd objects go through the 64-bit table (flag 4: one slot past its end).
        if flags & 2 != 0 && number % 2 == 1 {
            append32(&index, 0x8000_0000 | UInt32(large.count + (flags & 4 != 0 ? 1 : 0)))
            large.append(UInt64(offset))
        } else {
            append32(&index, offset)
        }
    }
    for value in large { append64(&index, value) }
    index += trailer // the pack's checksum, as the index records it
    index += [UInt8](repeating: 0, count: 20)

    if round == 0 { atexit { try? FileManager.default.removeItem(at: scratch) } }
    round += 1
    let objects = scratch.appendingPathComponent("\(round)")
    let folder = objects.appendingPathComponent("pack")
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(pack).write(to: folder.appendingPathComponent("pack-fuzz.pack"))
        try Data(index).write(to: folder.appendingPathComponent("pack-fuzz.idx"))
    } catch {
        preconditionFailure("cannot write the scratch pack: \(error)")
    }
    defer { try? FileManager.default.removeItem(at: objects) }
    let reader = PackedObjects(objectsDirectory: objects.path)
    for id in ids {
        let found = id.withUnsafeBytes { ObjectID(raw: $0) }
        if let answer = reader.read(found) {
            precondition((1...4).contains(answer.type), "an answer of type \(answer.type)")
            precondition(answer.object.bytes.count <= PackedObjects.largestObject, "an answer over the limit")
        }
    }
}

private func append32(_ bytes: inout [UInt8], _ value: UInt32) {
    for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
}

private func append64(_ bytes: inout [UInt8], _ value: UInt64) {
    for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
}
