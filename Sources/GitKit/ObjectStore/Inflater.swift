internal import CZlib

/// Inflates zlib streams (a pack's objects) into memory of a known size, reusing one zlib
/// stream: setting a stream up allocates its state, and a walk inflates tens of thousands
/// of small objects. One thread at a time.
final class Inflater {
    // zlib's state points back at the stream, so the stream must not move.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var ready = false

    init() {
        stream.initialize(to: z_stream())
    }

    deinit {
        if ready { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// The bytes of the zlib stream that starts `input` (it may go on past the stream's
    /// end), which must inflate to exactly `size` bytes; nil when it is damaged, cut short
    /// or of another size.
    func inflate(_ input: UnsafeRawBufferPointer, size: Int) -> RawObject? {
        guard let inputStart = input.baseAddress, prepare() else { return nil }
        let object = RawObject(allocating: size)
        let output = object.writable
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inputStart.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(min(input.count, Int(uInt.max)))
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        // Room past the expected end (`RawObject.spare`): a stream that writes there is
        // longer than its header said.
        guard output.count <= Int(uInt.max) else { return nil }
        stream.pointee.avail_out = uInt(output.count)
        let status = CZlib.inflate(stream, Z_FINISH)
        guard status == Z_STREAM_END, Int(stream.pointee.total_out) == size else { return nil }
        return object
    }

    private func prepare() -> Bool {
        if ready { return inflateReset(stream) == Z_OK }
        ready = inflateInit_(stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        return ready
    }
}
