/// Which item ids a text names, for `visibility-leak` and for the review cache's graph (which
/// must know, for incremental review, which items a text depends on).
///
/// An id is named where it stands as a whole word: the characters around it are not letters,
/// digits, `-` or `_` (a `.` may end a sentence, so it counts as a boundary too). So
/// `top-secret` does not name `secret`, and `Billing-v2` does not name `billing-v2`.
public enum IDMentions {
    /// Every valid id the text names as a whole word (a superset of what exists), in order, unique.
    public static func candidates(in text: String) -> [String] {
        var out: [String] = [], seen = Set<String>()
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            guard isRunByte(bytes[i]) else { i += 1; continue }
            var j = i
            while j < bytes.count, isRunByte(bytes[j]) { j += 1 }
            // Segments of the run split at dots; every dotted join of consecutive segments.
            let run = Array(bytes[i..<j])
            var starts = [0], ends: [Int] = []
            for (k, b) in run.enumerated() where b == 0x2E { ends.append(k); starts.append(k + 1) }
            ends.append(run.count)
            for a in starts.indices {
                for b in a..<ends.count where starts[a] < ends[b] {
                    let word = String(decoding: run[starts[a]..<ends[b]], as: UTF8.self)
                    if ItemID.isValid(word), seen.insert(word).inserted { out.append(word) }
                }
            }
            i = j
        }
        return out
    }

    private static func isRunByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E
    }

    /// The texts of an item that an audience below `team` may read: title, public wording,
    /// description, and asset titles (SPEC §12), with the field each came from.
    public static func shownTexts(of item: Item) -> [(field: String, node: YAMLNode)] {
        var out: [(String, YAMLNode)] = []
        for field in ["title", "public-title", "description", "public-description"] {
            if let node = item.value(field), node.string != nil { out.append((field, node)) }
        }
        for asset in item.value("assets")?.items ?? [] {
            if let title = asset["title"], title.string != nil { out.append(("assets", title)) }
        }
        return out
    }

    /// Every id the shown texts of an item may name.
    public static func candidates(of item: Item) -> [String] {
        var out: [String] = [], seen = Set<String>()
        for (_, node) in shownTexts(of: item) {
            for id in candidates(in: node.string ?? "") where seen.insert(id).inserted { out.append(id) }
        }
        return out
    }
}
