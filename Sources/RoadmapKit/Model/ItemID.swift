/// Item ids (SPEC §2): the file name without extension, `^[a-z0-9][a-z0-9._-]{0,63}$`.
public enum ItemID {
    /// True when `id` is a valid item id.
    public static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard alnum(first) else { return false }
        return bytes.dropFirst().allSatisfy { alnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    /// The id of the item at `path`: its file name without the `.yaml` / `.yml` extension.
    public static func fromPath(_ path: String) -> String {
        // An ASCII name (nearly every item's) is cut out of the UTF-8 bytes in one pass: a
        // hook run names every one of 10,000 files, and going through the string's views
        // cost it a tenth of its time.
        var contiguous = path
        if let ascii = contiguous.withUTF8({ asciiName(in: $0) }) { return ascii }
        // The last component, found on the UTF-8 view ('/' is ASCII, so the index after it is
        // a character boundary): splitting by Characters cost a review 40 % of its time.
        let utf8 = path.utf8
        let name = utf8.lastIndex(of: UInt8(ascii: "/")).map { path[utf8.index(after: $0)...] } ?? path[...]
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: characters are bytes (the extensions hold no CR LF), so compare bytes.
            if name.utf8.count >= 5, name.utf8.suffix(5).elementsEqual(".yaml".utf8) { return String(name.dropLast(5)) }
            if name.utf8.count >= 4, name.utf8.suffix(4).elementsEqual(".yml".utf8) { return String(name.dropLast(4)) }
            return String(name)
        }
        if name.hasSuffix(".yaml") { return String(name.dropLast(5)) }
        if name.hasSuffix(".yml") { return String(name.dropLast(4)) }
        return String(name)
    }

    /// The id of a path whose last component is ASCII, without `.yaml`/`.yml`; nil for any
    /// other name (the caller then goes by characters).
    private static func asciiName(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var start = bytes.count
        while start > 0, bytes[start - 1] != UInt8(ascii: "/") {
            guard bytes[start - 1] < 0x80 else { return nil }
            start -= 1
        }
        var end = bytes.count
        func endsWith(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard end - start >= count else { return false }
            return UnsafeBufferPointer(start: suffix.utf8Start, count: count).elementsEqual(bytes[(end - count)..<end])
        }
        if endsWith(".yaml") { end -= 5 } else if endsWith(".yml") { end -= 4 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
