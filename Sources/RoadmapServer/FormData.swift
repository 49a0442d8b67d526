/// `application/x-www-form-urlencoded` bodies and query strings: `a=1&b=x+y&b=%3C`.
enum FormData {
    static func parse(_ text: String) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            fields[key, default: []].append(value)
        }
        return fields
    }

    /// Percent-decoding with `+` as a space; a malformed escape is kept as written, and
    /// invalid UTF-8 is replaced, never trusted.
    static func decode(_ part: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(part.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = iterator.next(), low = iterator.next()
                if let high, let low, let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                } else {
                    bytes.append(byte)
                    if let high { bytes.append(high) }
                    if let low { bytes.append(low) }
                }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
