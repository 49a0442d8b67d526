// The duplicate-key check: a key equal to an earlier key of the same mapping is refused with the
// positions of both. Keys are equal when they are the same data, or when they take the same name
// as JSON members (`1` and "1", `true` and 'true', `null` and "null"): JSON names are strings,
// so such a mapping would lose a value in every JSON output (`show --format json`, `list`,
// `export`). The name is `YAMLValue.jsonName`, the one JSONValue uses.

extension YAMLValue {
    /// The name a scalar key takes as a member of a JSON object: a string is itself; null,
    /// booleans and numbers are their JSON text (`null`, `true`, `12`, `1.5`, `1000.0`).
    /// Collections are never keys in the subset (their name is empty).
    public var jsonName: String {
        switch self {
        case let .string(s): return s
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .float(f): return String(f)
        case .sequence, .mapping: return ""
        }
    }
}

/// A hashable identity of a scalar key for the duplicate check of large mappings: its JSON name.
/// Equal data has the same name, except the float zeros (0.0 and -0.0 are one number, named
/// "0.0" and "-0.0"), which the check compares one by one.
struct KeyIdentity: Hashable {
    let name: String
    init(_ v: YAMLValue) { name = v.jsonName }
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
        } else if case let .float(d) = value(key), d == 0 {
            for k in base..<top where sameKey(value(entryStack[k].key), value(key)) {
                throw duplicate(key, first: entryStack[k].key)
            }
            ids.insert(KeyIdentity(value(key)))
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

    /// Whether two scalar keys are the same data, or a string and another scalar that takes
    /// that string as its JSON name. Scalars of two different non-string types never share a
    /// name (a float's name always has '.', 'e', "inf" or "nan"; an int's never does).
    @inline(__always) func sameKey(_ a: YAMLValue, _ b: YAMLValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.float(x), .float(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(s), other), let (other, .string(s)): return s == other.jsonName
        default: return false
        }
    }

    func duplicate(_ key: RawNode, first: RawNode) -> YAMLSyntaxError {
        let text = String(decoding: b.slice(key.start, key.end), as: UTF8.self)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let quoted = shown.first == "'" || shown.first == "\"" ? shown : "'\(shown)'"
        let at = table.location(first.start, in: b.base)
        let (k, f) = (value(key), value(first))
        if isString(k) != isString(f) {
            // Different data, one JSON name: say why they clash.
            let firstText = String(decoding: b.slice(first.start, first.end), as: UTF8.self)
            return fail(.unsupported, "duplicate key \(quoted): in JSON it is the name \"\(k.jsonName)\", as the key \(firstText.prefix(40)) at \(at) is; keep one of them", key.start)
        }
        return fail(.unsupported, "duplicate key \(quoted) (first at \(at))", key.start)
    }
}
