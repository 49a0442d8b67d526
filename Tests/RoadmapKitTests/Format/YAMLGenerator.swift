@testable import RoadmapKit

/// Generates documents of (mostly) the accepted subset: random nesting of block and flow
/// collections, every scalar style, odd spacing, comments, Unicode, CRLF.
struct YAMLGenerator {
    var rng: SeededRNG
    init(seed: UInt64) { rng = SeededRNG(seed: seed) }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }

    static let plainWords = ["alpha", "beta", "x", "Billing v2", "2026-06-15", "2026-Q2", "12", "-3", "+4", "007",
                             "0x1F", "0o17", "0o8", "1.5", ".5", "1.", "1e3", "-1.5e-3", ".inf", "-.Inf", ".NaN", "true",
                             "False", "TRUE", "null", "~", "Null", "yes", "no", "on", "off", "a:b", "a#b", "x-y",
                             "héllo", "日本語", "😀 emoji", "a b  c", "1_000", "12:30", "http://e.x/a?b=c#d", "-x", "?x",
                             "@handle".replacingOccurrences(of: "@", with: "at-"), "a,b", "[x", "x]", "{y}", "'q'", "\"dq\"",
                             "tab\there", "trailing:", "0b101", "-0x1F", "NaN", "Infinity", "1e", "."]
    static let chars: [String] = ["a", "b", " ", "  ", "'", "\"", "\\", "#", ":", ",", "[", "]", "{", "}", "é", "😀",
                                  "- ", "? ", "&", "*", "!", "|", ">", "%", "@", "\t", "z", "1", ".", "~"]
    static let escapes = ["\\0", "\\a", "\\b", "\\t", "\\\t", "\\n", "\\v", "\\f", "\\r", "\\e", "\\ ", "\\\"", "\\/",
                          "\\\\", "\\N", "\\_", "\\L", "\\P", "\\x41", "\\xe9", "\\u263A", "\\U0001F600"]

    mutating func randomText(_ maxLen: Int) -> String {
        var s = ""
        for _ in 0..<int(0...maxLen) { s += pick(Self.chars) }
        return s
    }

    /// A scalar on one line (or a multi-line quoted/plain scalar when `indent` allows).
    mutating func scalar(flow: Bool, indent: Int) -> String {
        switch int(0...9) {
        case 0...4:
            if !flow && chance(0.15) {
                let pad = String(repeating: " ", count: indent + int(1...3))
                return "word one\n\(pad)word two" + (chance(0.5) ? "\n\n\(pad)three" : "")
            }
            return pick(Self.plainWords)
        case 5...6:
            var body = randomText(6).replacingOccurrences(of: "'", with: "''")
            if chance(0.2) { body += "\n" + String(repeating: " ", count: indent + 1) + (chance(0.3) ? "\n " + String(repeating: " ", count: indent) : "") + "more" }
            return "'" + body.replacingOccurrences(of: "\t", with: " ") + "'"
        default:
            var body = ""
            for _ in 0..<int(0...5) {
                if chance(0.4) { body += pick(Self.escapes) } else {
                    body += randomText(2).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                }
            }
            if chance(0.15) { body += "\\\n" + String(repeating: " ", count: indent + 2) + "cont" }
            if chance(0.15) { body += " \n" + String(repeating: " ", count: indent + 1) + "next" }
            return "\"" + body + "\""
        }
    }

    mutating func key(_ i: Int) -> String {
        switch int(0...6) {
        case 0: return "'k\(i)'"
        case 1: return "\"k\(i)\""
        case 2: return "\(i)"
        // The previous entry's number as a quoted string: when that key was the integer, the
        // two share a JSON name and the mapping is refused (issue 20); else both are kept.
        case 6: return "'\(max(0, i - 1))'"
        default: return pick(["key", "title", "x-own", "é", "a b", "k"]) + "\(i)"
        }
    }

    mutating func flow(depth: Int) -> String {
        if depth > 3 || chance(0.3) { return scalar(flow: true, indent: 0) }
        let n = int(0...3)
        var items: [String] = []
        let isMap = chance(0.5)
        for i in 0..<n {
            let v = flow(depth: depth + 1)
            items.append(isMap ? "\(key(i)): \(v)" : v)
        }
        let sep = pick([", ", ",", " , "])
        let inner = items.joined(separator: sep) + (chance(0.1) && n > 0 ? "," : "")
        return isMap ? "{" + pick(["", " "]) + inner + "}" : "[" + inner + pick(["", " "]) + "]"
    }

    mutating func comment() -> String { chance(0.15) ? pick([" # c", "  #x", "\t# tab ok", " # é: [x]"]) : "" }

    mutating func blockScalar(indent: Int) -> String {
        let header = pick(["|", ">", "|-", ">-", "|+", ">+", "|2", ">1-", "|+2"])
        var lines: [String] = []
        let explicit = header.contains { $0.isNumber }
        let base = explicit ? Int(String(header.first { $0.isNumber }!))! : int(1...3)
        for i in 0..<int(1...4) {
            if chance(0.2) && i > 0 { lines.append(""); continue }
            let extra = chance(0.2) && i > 0 ? String(repeating: " ", count: int(1...2)) : ""
            lines.append(String(repeating: " ", count: indent + base) + extra + pick(["text", "more words", "é ü", "# not comment", "a: b", "- x"]))
        }
        if chance(0.3) { lines.append("") }
        return header + comment() + "\n" + lines.joined(separator: "\n")
    }

    /// A block node as the value of a key or item at `indent`; returns the text after "key:".
    mutating func value(indent: Int, depth: Int) -> String {
        let r = int(0...9)
        if depth >= 5 || r <= 3 { return " " + scalar(flow: false, indent: indent) + comment() }
        if r == 4 { return chance(0.5) ? "" : comment() }
        if r == 5 { return " " + flow(depth: 0) + comment() }
        if r == 6 { return " " + blockScalar(indent: indent) }
        let child = indent + pick([1, 2, 2, 4])
        if r == 7 { return comment() + "\n" + mapping(indent: child, depth: depth + 1) }
        let seqIndent = chance(0.3) ? indent : child
        return comment() + "\n" + sequence(indent: seqIndent, depth: depth + 1)
    }

    mutating func mapping(indent: Int, depth: Int) -> String {
        var out: [String] = []
        let pad = String(repeating: " ", count: indent)
        for i in 0..<int(1...4) {
            if chance(0.1) { out.append(chance(0.5) ? "" : pad + "# comment \(i)") }
            let sp = pick(["", "", " "])
            out.append(pad + key(i) + sp + ":" + value(indent: indent, depth: depth))
        }
        return out.joined(separator: "\n")
    }

    mutating func sequence(indent: Int, depth: Int) -> String {
        var out: [String] = []
        let pad = String(repeating: " ", count: indent)
        for _ in 0..<int(1...3) {
            if chance(0.25) && depth < 5 {
                // Compact mapping in the item.
                let m = mapping(indent: indent + 2, depth: depth + 1)
                out.append(pad + "- " + m.dropFirst(indent + 2))
            } else {
                out.append(pad + "-" + value(indent: indent, depth: depth))
            }
        }
        return out.joined(separator: "\n")
    }

    mutating func document() -> [UInt8] {
        var text = ""
        if chance(0.1) { text += "# header comment\n" }
        if chance(0.1) { text += "---\n" }
        text += mapping(indent: 0, depth: 0)
        if chance(0.9) { text += "\n" }
        if chance(0.05) { text += "...\n" }
        if chance(0.2) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        var bytes = Array(text.utf8)
        if chance(0.05) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        return bytes
    }
}
