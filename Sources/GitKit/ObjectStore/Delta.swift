/// Git's delta format (a pack's `OFS_DELTA` and `REF_DELTA` entries): the sizes of the
/// base and of the result, then instructions that copy a range of the base or insert new
/// bytes. Every instruction is checked against both sizes: a damaged delta gives nil.
enum Delta {
    /// The result of applying `delta` to `base`; nil when the delta is damaged, was made
    /// for a base of another size, or would make more than `limit` bytes.
    static func apply(_ delta: UnsafeRawBufferPointer, to base: UnsafeRawBufferPointer, limit: Int) -> RawObject? {
        var position = 0
        guard let baseSize = size(delta, &position), baseSize == base.count,
              let resultSize = size(delta, &position), resultSize <= limit,
              let source = delta.baseAddress else { return nil }
        let result = RawObject(allocating: resultSize)
        guard let output = result.writable.baseAddress else { return nil }
        var written = 0
        while position < delta.count {
            let instruction = delta[position]
            position += 1
            if instruction & 0x80 != 0 {
                // Copy: which of the four offset and three size bytes follow is in the
                // instruction's low seven bits.
                var offset = 0, count = 0
                for bit in 0..<4 where instruction & (1 << bit) != 0 {
                    guard position < delta.count else { return nil }
                    offset |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                for bit in 0..<3 where instruction & (0x10 << bit) != 0 {
                    guard position < delta.count else { return nil }
                    count |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                if count == 0 { count = 0x10000 }
                guard offset <= base.count - count, count <= resultSize - written, let from = base.baseAddress else { return nil }
                (output + written).copyMemory(from: from + offset, byteCount: count)
                written += count
            } else if instruction != 0 {
                let count = Int(instruction)
                guard count <= delta.count - position, count <= resultSize - written else { return nil }
                (output + written).copyMemory(from: source + position, byteCount: count)
                written += count
                position += count
            } else {
                return nil
            }
        }
        return written == resultSize ? result : nil
    }

    /// A size at the head of a delta: seven bits a byte, least significant first.
    private static func size(_ delta: UnsafeRawBufferPointer, _ position: inout Int) -> Int? {
        var value = 0, shift = 0
        while position < delta.count {
            let byte = delta[position]
            position += 1
            guard shift <= 56 else { return nil }
            value |= Int(byte & 0x7f) << shift
            shift += 7
            if byte & 0x80 == 0 { return value }
        }
        return nil
    }
}
