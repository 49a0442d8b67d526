/// Writing values as YAML text that reads back as the same data.
enum Render {
    enum Block {
        /// A single-line value: a scalar or a flow collection.
        case inline([UInt8])
        /// A block scalar: the header (`|-`) and its lines, without indentation (empty lines empty).
        case blockScalar([UInt8], [[UInt8]])
        /// A block collection's lines, relative to the collection's own indentation.
        case lines([[UInt8]])
    }

    static func block(_ v: YAMLValue, prefer: YAMLDocument.RenderPreference) -> Block {
        switch v {
        case let .string(s):
            if prefer.literal || ((prefer.style == .literal || prefer.style == .folded) && s.contains("\n")),
               let (h, l) = literal(s) {
                return .blockScalar(h, l)
            }
            return .inline(scalar(v, flow: false, prefer: prefer.style))
        case let .sequence(items):
            if items.isEmpty || prefer.flow == true { return .inline(inline(v, flow: false, prefer: nil)) }
            var out: [[UInt8]] = []
            for item in items {
                switch block(item, prefer: .init()) {
                case let .inline(t): out.append([UInt8(ascii: "-"), cSP] + t)
                case let .blockScalar(h, ls):
                    out.append([UInt8(ascii: "-"), cSP] + h)
                    for l in ls { out.append(l.isEmpty ? [] : [cSP, cSP] + l) }
                case let .lines(ls):
                    for (k, l) in ls.enumerated() {
                        out.append((k == 0 ? [UInt8(ascii: "-"), cSP] : [cSP, cSP]) + l)
                    }
                }
            }
            return .lines(out)
        case let .mapping(pairs):
            if pairs.isEmpty || prefer.flow == true { return .inline(inline(v, flow: false, prefer: nil)) }
            var out: [[UInt8]] = []
            for (k, value) in pairs {
                let key = scalar(k, flow: false, prefer: nil)
                switch block(value, prefer: .init()) {
                case let .inline(t): out.append(key + [UInt8(ascii: ":"), cSP] + t)
                case let .blockScalar(h, ls):
                    out.append(key + [UInt8(ascii: ":"), cSP] + h)
                    for l in ls { out.append(l.isEmpty ? [] : [cSP, cSP] + l) }
                case let .lines(ls):
                    out.append(key + [UInt8(ascii: ":")])
                    for l in ls { out.append([cSP, cSP] + l) }
                }
            }
            return .lines(out)
        default:
            return .inline(scalar(v, flow: false, prefer: prefer.style))
        }
    }

    static func key(_ s: String) -> [UInt8] { scalar(.string(s), flow: false, prefer: nil) }

    /// A single-line rendering; collections as flow collections.
    static func inline(_ v: YAMLValue, flow: Bool, prefer: ScalarStyle?) -> [UInt8] {
        switch v {
        case let .sequence(items):
            var out: [UInt8] = [UInt8(ascii: "[")]
            for (k, item) in items.enumerated() {
                if k > 0 { out += [UInt8(ascii: ","), cSP] }
                out += inline(item, flow: true, prefer: nil)
            }
            return out + [UInt8(ascii: "]")]
        case let .mapping(pairs):
            var out: [UInt8] = [UInt8(ascii: "{")]
            for (k, pair) in pairs.enumerated() {
                if k > 0 { out += [UInt8(ascii: ","), cSP] }
                out += inline(pair.key, flow: true, prefer: nil) + [UInt8(ascii: ":"), cSP]
                out += inline(pair.value, flow: true, prefer: nil)
            }
            return out + [UInt8(ascii: "}")]
        default:
            return scalar(v, flow: flow, prefer: prefer)
        }
    }

    static func scalar(_ v: YAMLValue, flow: Bool, prefer: ScalarStyle?) -> [UInt8] {
        switch v {
        case .null: return Array("null".utf8)
        case let .bool(b): return Array((b ? "true" : "false").utf8)
        case let .int(i): return Array(String(i).utf8)
        case let .float(d):
            if d.isNaN { return Array(".nan".utf8) }
            if d.isInfinite { return Array((d < 0 ? "-.inf" : ".inf").utf8) }
            var s = "\(d)"
            if case .value(.float(let back)) = CoreSchema.resolve(s), back == d {} else {
                s = String(describing: d)
            }
            return Array(s.utf8)
        case let .string(s):
            switch prefer {
            case .singleQuoted? where singleSafe(s): return singleQuoted(s)
            case .doubleQuoted?: return doubleQuoted(s)
            default:
                if plainSafe(s, flow: flow) { return Array(s.utf8) }
                if singleSafe(s) { return singleQuoted(s) }
                return doubleQuoted(s)
            }
        case .sequence, .mapping:
            return inline(v, flow: flow, prefer: nil)
        }
    }

    static func isPrintable(_ u: Unicode.Scalar, allowTab: Bool) -> Bool {
        let v = u.value
        if v == 9 { return allowTab }
        if v < 0x20 || v == 0x7F { return false }
        if v >= 0x80 && v <= 0x9F { return false }
        if v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF { return false }
        return true
    }

    static func plainSafe(_ s: String, flow: Bool) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        guard case .value(.string(s)) = CoreSchema.resolve(s) else { return false }
        if "-?:,[]{}#&*!|>'\"%@` ".unicodeScalars.contains(first) { return false }
        if last == " " || last == ":" { return false }
        if s.hasPrefix("---") || s.hasPrefix("...") { return false }
        if s.contains(": ") || s.contains(" #") { return false }
        for u in s.unicodeScalars {
            if !isPrintable(u, allowTab: false) { return false }
            if flow && (u == "," || u == "[" || u == "]" || u == "{" || u == "}" || u == ":" || u == "#") { return false }
        }
        return true
    }

    static func singleSafe(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { isPrintable($0, allowTab: false) }
    }

    static func singleQuoted(_ s: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "'")]
        for c in s.utf8 {
            out.append(c)
            if c == UInt8(ascii: "'") { out.append(c) }
        }
        out.append(UInt8(ascii: "'"))
        return out
    }

    static func doubleQuoted(_ s: String) -> [UInt8] {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x00: out += "\\0"
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0B: out += "\\v"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0x85: out += "\\N"
            case 0x2028: out += "\\L"
            case 0x2029: out += "\\P"
            default:
                if isPrintable(u, allowTab: false) { out.unicodeScalars.append(u) }
                else if u.value <= 0xFF { out += "\\x" + hex2(u.value) }
                else { out += "\\u" + hex4(u.value) }
            }
        }
        out += "\""
        return Array(out.utf8)
    }

    static func hex2(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return s.count < 2 ? "0" + s : s
    }

    /// A literal block scalar for `s`, when one reads back as exactly `s`.
    static func literal(_ s: String) -> ([UInt8], [[UInt8]])? {
        var body = Substring(s)
        var trailing = 0
        while body.hasSuffix("\n") { body = body.dropLast(); trailing += 1 }
        if body.isEmpty { return nil }
        for u in s.unicodeScalars where u != "\n" && !isPrintable(u, allowTab: true) { return nil }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var firstContent: Substring?
        for l in lines {
            if !l.isEmpty && l.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
            if firstContent == nil && !l.isEmpty { firstContent = l }
        }
        guard let fc = firstContent else { return nil }
        if fc.first == "\t" { return nil }
        var header: [UInt8] = [UInt8(ascii: "|")]
        if fc.first == " " { header.append(UInt8(ascii: "2")) }
        if trailing == 0 { header.append(UInt8(ascii: "-")) }
        if trailing >= 2 { header.append(UInt8(ascii: "+")) }
        var out = lines.map { Array($0.utf8) }
        if trailing >= 2 { for _ in 1..<trailing { out.append([]) } }
        return (header, out)
    }
}
