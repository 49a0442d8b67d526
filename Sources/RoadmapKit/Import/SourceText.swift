/// An input file's bytes checked as UTF-8, with the leading byte-order mark removed.
///
/// Spreadsheets (LibreOffice, Excel) write a BOM; an export saved in a legacy encoding
/// (Windows-1252) fails here with the position of the first bad byte, instead of importing
/// mangled titles.
enum SourceText {
    /// The bytes after a UTF-8 BOM, if any; throws at the first invalid sequence.
    static func decode(_ bytes: [UInt8], path: String) throws(ImportInputError) -> ArraySlice<UInt8> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = firstInvalid(body) {
            let location = position(of: bad, in: body)
            throw ImportInputError(path: path, location: location,
                                   "invalid UTF-8 (byte 0x\(String(body[bad], radix: 16, uppercase: true))); save the file as UTF-8 and import it again")
        }
        return body
    }

    /// The index of the first byte that starts an invalid UTF-8 sequence.
    static func firstInvalid(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= end else { return i }
            // The first continuation byte's range depends on the lead byte (no overlongs,
            // no surrogates, nothing above U+10FFFF); the others are plain continuations.
            guard bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    static func position(of offset: Int, in bytes: ArraySlice<UInt8>) -> SourceLocation {
        var line = 1, column = 1
        var i = bytes.startIndex
        while i < offset {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 && !(b == 0x0D && i + 1 < bytes.endIndex && bytes[i + 1] == 0x0A) {
                column += 1
            }
            i += 1
        }
        return SourceLocation(line: line, column: column)
    }
}
