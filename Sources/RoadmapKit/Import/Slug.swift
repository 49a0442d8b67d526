import Foundation

/// Item ids made from titles: `Billing v2: invoices` → `billing-v2-invoices`.
///
/// Accents are folded to ASCII, every run of other characters becomes one `-`, and the result
/// is cut to 56 characters at a word boundary, leaving room for the `-2`, `-3`… that make it
/// unique. A title with no letter or digit gives the fallback (the kind's name).
enum Slug {
    static func make(_ title: String, fallback: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var out = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            let keep = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "." || scalar == "_"
            if keep {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        // An id starts with a letter or digit; dots and underscores at the ends read badly.
        out = String(out.drop { $0 == "." || $0 == "_" || $0 == "-" })
        while let last = out.last, last == "." || last == "_" || last == "-" { out.removeLast() }
        if out.count > 56 {
            var cut = String(out.prefix(56))
            if let dash = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: dash) >= 24 { cut = String(cut[..<dash]) }
            while let last = cut.last, last == "." || last == "_" || last == "-" { cut.removeLast() }
            out = cut
        }
        return out.isEmpty || !ItemID.isValid(out) ? fallback : out
    }

    /// `base`, or `base-2`, `base-3`… : the first that is not taken. Marks it taken.
    static func unique(_ base: String, taken: inout Set<String>) -> String {
        var candidate = base
        var n = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
