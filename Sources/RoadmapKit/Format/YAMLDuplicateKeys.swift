// The duplicate-key check: a key equal (as data) to an earlier key of the same mapping is refused
// with the positions of both.

/// A hashable identity of a scalar key's data, for duplicate detection.
enum KeyIdentity: Hashable {
    case null, bool(Bool), int(Int), float(UInt64), string(String)
    init(_ v: YAMLValue) {
        switch v {
        case .null: self = .null
        case let .bool(b): self = .bool(b)
        case let .int(i): self = .int(i)
        case let .float(d): self = .float(d.isNaN ? Double.nan.bitPattern : (d == 0 ? 0 : d.bitPattern))
        case let .string(s): self = .string(s)
        default: self = .null
        }
    }
}

extension Parser {
    /// What the duplicate check knows about a mapping's keys so far: a 64-bit filter of the
    /// prints of its plain string keys, and whether any key is something else.
    struct KeyFilter { var bits: UInt64 = 0; var mixed = false }

    /// Refuses a key equal (as data) to one already in `node`. Mappings of up to 32 keys are
    /// scanned linearly, comparing values directly (no hashing, no allocation); larger ones
    /// switch to a set of key identities.
    func checkDuplicate(_ key: inout RawNode, from base: Int, ids: inout Set<KeyIdentity>,
                        filter: inout KeyFilter) throws(YAMLSyntaxError) {
        let top = entryStack.count
        let count = top - base
        if count < 32 {
            // Two plain keys that read as strings are equal exactly when their text is (keys are
            // one line): compare prints, lengths, then bytes, without touching the strings. A
            // plain string's print is never 0 (its last byte is not NUL).
            let len = key.end - key.start
            let ks = key.start
            key.keyPrint = 0
            if key.style == .plain && key.isStringValue {
                key.keyPrint = UInt32(truncatingIfNeeded: len) << 24 | UInt32(b[ks]) << 16
                    | UInt32(b[ks + len / 2]) << 8 | UInt32(b[key.end - 1])
            }
            let kp = key.keyPrint
            let probe = key
            // Equal plain strings have equal prints, so equal filter bits: a plain string key whose
            // bit is clear, in a mapping of plain string keys only, has no equal.
            let bit: UInt64 = 1 << UInt64((kp &* 0x9E37_79B1) >> 26)
            let skip = kp != 0 && !filter.mixed && filter.bits & bit == 0
            if kp == 0 { filter.mixed = true } else { filter.bits |= bit }
            let found: Int? = skip ? nil : entryStack.withUnsafeBufferPointer { st in
                for k in base..<top {
                    let op = st[k].key.keyPrint
                    if kp != 0 && op != 0 {
                        if op == kp && st[k].key.end - st[k].key.start == len
                            && memcmp(b.slice(st[k].key.start, st[k].key.end), b.slice(ks, ks + len)) {
                            return k
                        }
                    } else if sameKey(value(st[k].key), value(probe)) {
                        return k
                    }
                }
                return nil
            }
            if let k = found { throw duplicate(key, first: entryStack[k].key) }
            if count == 31 {
                for k in base..<top { ids.insert(KeyIdentity(value(entryStack[k].key))) }
                ids.insert(KeyIdentity(value(key)))
            }
        } else if !ids.insert(KeyIdentity(value(key))).inserted {
            for k in base..<top where sameKey(value(entryStack[k].key), value(key)) {
                throw duplicate(key, first: entryStack[k].key)
            }
            throw duplicate(key, first: key)
        }
    }

    @inline(__always) func isString(_ v: YAMLValue) -> Bool {
        if case .string = v { return true }
        return false
    }

    @inline(__always) func memcmp(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        for i in 0..<x.count where x[unchecked: i] != y[unchecked: i] { return false }
        return true
    }

    /// Whether two scalar keys are the same data (the equality of `KeyIdentity`).
    @inline(__always) func sameKey(_ a: YAMLValue, _ b: YAMLValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.float(x), .float(y)): return x == y || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    func duplicate(_ key: RawNode, first: RawNode) -> YAMLSyntaxError {
        let text = String(decoding: b.slice(key.start, key.end), as: UTF8.self)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return fail(.unsupported, "duplicate key \(shown.first == "'" || shown.first == "\"" ? shown : "'\(shown)'") (first at \(table.location(first.start, in: b.base)))", key.start)
    }
}
