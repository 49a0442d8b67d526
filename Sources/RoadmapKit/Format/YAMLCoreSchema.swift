/// Typing of plain scalars by the YAML 1.2 core schema.
enum CoreSchema {
    enum Resolution { case value(YAMLValue), outOfRange }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func resolve(_ s: UnsafeBufferPointer<UInt8>) -> Resolution {
        let n = s.count
        if n == 0 { return .value(.null) }
        let c = s[0]
        switch c {
        case UInt8(ascii: "~"):
            if n == 1 { return .value(.null) }
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if n == 4 && (equals(s, "null") || equals(s, "Null") || equals(s, "NULL")) { return .value(.null) }
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            if n == 4 && (equals(s, "true") || equals(s, "True") || equals(s, "TRUE")) { return .value(.bool(true)) }
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            if n == 5 && (equals(s, "false") || equals(s, "False") || equals(s, "FALSE")) { return .value(.bool(false)) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            if let r = number(s) { return r }
        default:
            break
        }
        return .value(.string(String(decoding: s, as: UTF8.self)))
    }

    static func equals(_ s: UnsafeBufferPointer<UInt8>, _ t: StaticString) -> Bool {
        guard s.count == t.utf8CodeUnitCount else { return false }
        let p = t.utf8Start
        for i in 0..<s.count where s[i] != p[i] { return false }
        return true
    }

    static func number(_ s: UnsafeBufferPointer<UInt8>) -> Resolution? {
        let n = s.count
        // 0o / 0x
        if n > 2 && s[0] == UInt8(ascii: "0") && (s[1] == UInt8(ascii: "o") || s[1] == UInt8(ascii: "x")) {
            let radix: UInt64 = s[1] == UInt8(ascii: "o") ? 8 : 16
            var v: UInt64 = 0
            for i in 2..<n {
                let c = s[i]
                let d: UInt64
                if isDigit(c) { d = UInt64(c - 0x30) }
                else if radix == 16 && c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f") { d = UInt64(c - UInt8(ascii: "a") + 10) }
                else if radix == 16 && c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F") { d = UInt64(c - UInt8(ascii: "A") + 10) }
                else { return nil }
                if d >= radix { return nil }
                let (m, o1) = v.multipliedReportingOverflow(by: radix)
                let (a, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { return .outOfRange }
                v = a
            }
            if v > UInt64(Int64.max) { return .outOfRange }
            return .value(.int(Int(v)))
        }
        var i = 0
        var negative = false
        if s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-") { negative = s[0] == UInt8(ascii: "-"); i = 1 }
        if i >= n { return nil }
        // .inf / .nan
        if s[i] == UInt8(ascii: ".") && n - i == 4 {
            let rest = UnsafeBufferPointer(rebasing: s[(i + 1)...])
            if equals(rest, "inf") || equals(rest, "Inf") || equals(rest, "INF") {
                return .value(.float(negative ? -Double.infinity : Double.infinity))
            }
            if i == 0 && (equals(rest, "nan") || equals(rest, "NaN") || equals(rest, "NAN")) {
                return .value(.float(Double.nan))
            }
        }
        // Integer digits.
        var j = i
        while j < n && isDigit(s[j]) { j += 1 }
        let intDigits = j - i
        if j == n {
            if intDigits == 0 { return nil }
            var v: Int64 = 0
            for k in i..<n {
                let d = Int64(s[k] - 0x30)
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
                if o1 || o2 { return .outOfRange }
                v = a
            }
            return .value(.int(Int(v)))
        }
        // Float: (\.[0-9]+ | [0-9]+(\.[0-9]*)?) ([eE][-+]?[0-9]+)?
        if s[j] == UInt8(ascii: ".") {
            j += 1
            let f = j
            while j < n && isDigit(s[j]) { j += 1 }
            if intDigits == 0 && j == f { return nil }
        } else if intDigits == 0 {
            return nil
        }
        if j < n {
            guard s[j] == UInt8(ascii: "e") || s[j] == UInt8(ascii: "E") else { return nil }
            j += 1
            if j < n && (s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-")) { j += 1 }
            let e = j
            while j < n && isDigit(s[j]) { j += 1 }
            if j == e || j != n { return nil }
        }
        // Build a string Double() accepts: insert 0 around a bare '.'.
        var text = ""
        text.reserveCapacity(n + 2)
        var prev: UInt8 = 0
        for k in 0..<n {
            let c = s[k]
            if c == UInt8(ascii: ".") && !isDigit(prev) { text.append("0") }
            text.append(Character(Unicode.Scalar(c)))
            if c == UInt8(ascii: ".") && (k + 1 == n || !isDigit(s[k + 1])) { text.append("0") }
            prev = c
        }
        guard let d = Double(text) else { return nil }
        return .value(.float(d))
    }

    /// The core-schema value of a plain scalar's text.
    static func resolve(_ text: String) -> Resolution {
        var t = text
        return t.withUTF8 { resolve($0) }
    }
}
