/// git's own similarity score for rename detection (diffcore-rename's `estimate_similarity`
/// over diffcore-delta's span counting), so that a rename is followed exactly when
/// `git log --follow` follows it. libgit2 scores differently (it follows renames git scores at
/// 45–49 %).
///
/// How git counts: each file is cut into spans that end at a newline or after 64 bytes,
/// whichever comes first (a CR before an LF is skipped in text; a last span without either is
/// not counted); each span is hashed into about 2^17 buckets, and a bucket counts the bytes of
/// its spans. The bytes "copied" from the source are, bucket by bucket, the smaller of the two
/// counts. The score is copied × 60000 ÷ the larger file's size, and git's default threshold
/// (`-M`, `--follow`) is 50 %: 30000.
public enum GitSimilarity {
    /// git's MAX_SCORE: 100 %.
    public static let maxScore = 60000
    /// git's default rename threshold (50 %).
    public static let defaultMinimumScore = 30000

    /// The similarity of `destination` to `source` on git's 0…60000 scale; 0 when the sizes
    /// differ too much for `minimumScore` to be reached (git does not count them then).
    public static func score(source: [UInt8], destination: [UInt8], minimumScore: Int = defaultMinimumScore) -> Int {
        let maxSize = max(source.count, destination.count)
        let baseSize = min(source.count, destination.count)
        let deltaSize = maxSize - baseSize
        if maxSize * (maxScore - minimumScore) < deltaSize * maxScore { return 0 }
        guard !destination.isEmpty else { return 0 }
        let sourceSpans = spans(source), destinationSpans = spans(destination)
        var copied = 0
        for (hash, count) in sourceSpans {
            copied += min(count, destinationSpans[hash] ?? 0)
        }
        return copied * maxScore / maxSize
    }

    /// Percent, as git prints it in `R087`: the score × 100 ÷ 60000, rounded down.
    public static func percent(_ score: Int) -> Int { score * 100 / maxScore }

    /// Bytes per span hash, as diffcore-delta's `hash_chars` counts them.
    static func spans(_ bytes: [UInt8]) -> [UInt32: Int] {
        let hashBase: UInt32 = 107_927
        let isText = !isBinary(bytes)
        var counts: [UInt32: Int] = [:]
        var accum1: UInt32 = 0, accum2: UInt32 = 0
        var length = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let c = bytes[index]
            index += 1
            if isText && c == 0x0D && index < count && bytes[index] == 0x0A { continue }
            let old1 = accum1
            accum1 = (accum1 << 7) ^ (accum2 >> 25)
            accum2 = (accum2 << 7) ^ (old1 >> 25)
            accum1 &+= UInt32(c)
            length += 1
            if length < 64 && c != 0x0A { continue }
            let hash = (accum1 &+ accum2 &* 0x61) % hashBase
            counts[hash, default: 0] += length
            length = 0
            accum1 = 0
            accum2 = 0
        }
        return counts
    }

    /// git's `buffer_is_binary`: a NUL byte in the first 8000 bytes.
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8000).contains(0)
    }
}
