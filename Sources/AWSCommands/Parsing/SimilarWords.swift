/// "Did you mean" candidates, ranked like Python's `difflib.get_close_matches` (the CLI's choice). The CLI's
/// cutoff is 0.8; when nothing reaches it we still offer the best match above difflib's default 0.6, because
/// the course promises a suggestion for a mistyped operation.
enum SimilarWords {
    static func closeMatches(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let scored = candidates.map { (ratio(word, $0), $0) }
        for cutoff in [0.8, 0.6] {
            let passing = scored.filter { $0.0 >= cutoff }
                .sorted { $0.0 != $1.0 ? $0.0 > $1.0 : PythonOrder.less($1.1, $0.1) }
            if !passing.isEmpty { return Array(passing.prefix(cutoff == 0.8 ? limit : 1).map(\.1)) }
        }
        return []
    }

    /// difflib.SequenceMatcher(None, b=candidate, a=word).ratio(): 2·matches / total length.
    static func ratio(_ word: String, _ candidate: String) -> Double {
        let a = Array(candidate.unicodeScalars)
        let b = Array(word.unicodeScalars)
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        return 2.0 * Double(matchingCount(a, 0, a.count, b, 0, b.count)) / Double(a.count + b.count)
    }

    /// Sum of the matching blocks: the longest common run (leftmost in `a`, then in `b`), then recursively
    /// the parts on either side, as difflib's get_matching_blocks does.
    private static func matchingCount(_ a: [Unicode.Scalar], _ aLow: Int, _ aHigh: Int,
                                      _ b: [Unicode.Scalar], _ bLow: Int, _ bHigh: Int) -> Int {
        guard aLow < aHigh, bLow < bHigh else { return 0 }
        var bestI = aLow, bestJ = bLow, bestSize = 0
        var lengths = [Int: Int]()
        for i in aLow..<aHigh {
            var next = [Int: Int]()
            for j in bLow..<bHigh where b[j] == a[i] {
                let size = (lengths[j - 1] ?? 0) + 1
                next[j] = size
                if size > bestSize {
                    bestI = i - size + 1
                    bestJ = j - size + 1
                    bestSize = size
                }
            }
            lengths = next
        }
        guard bestSize > 0 else { return 0 }
        return bestSize
            + matchingCount(a, aLow, bestI, b, bLow, bestJ)
            + matchingCount(a, bestI + bestSize, aHigh, b, bestJ + bestSize, bHigh)
    }
}
