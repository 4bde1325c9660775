/// The change one Tab press makes: first remove `replacedText` just before the cursor,
/// then insert `insertedText` at the cursor, then (if not empty) show `candidatesToList`.
public struct CompletionEdit: Equatable, Sendable {
    /// Text immediately before the cursor to delete. Empty unless a candidate does not extend
    /// what was typed (e.g. the provider corrected the case), in which case the word is replaced.
    public var replacedText: String
    public var insertedText: String
    public var candidatesToList: [String]

    public init(replacedText: String = "", insertedText: String = "", candidatesToList: [String] = []) {
        self.replacedText = replacedText
        self.insertedText = insertedText
        self.candidatesToList = candidatesToList
    }

    /// Nothing to insert and nothing to show: the editor should beep.
    public var changesNothing: Bool {
        replacedText.isEmpty && insertedText.isEmpty && candidatesToList.isEmpty
    }
}

/// Decides what Tab does, without a terminal, so every rule here is unit-tested and the
/// libedit glue only has to apply the result.
public enum CompletionEngine {
    /// - One candidate: complete it, plus a space so the learner can type the next word
    ///   (unless a space already follows the cursor).
    /// - Several: insert their longest common prefix; when that adds nothing, list them instead,
    ///   so a second Tab on an ambiguous word shows the choices.
    /// - None: nothing.
    public static func edit(line: String, cursor: Int, completion: Completion) -> CompletionEdit {
        let characters = Array(line)
        let cursor = min(max(cursor, 0), characters.count)
        let wordStart = min(max(completion.replacementStart, 0), cursor)
        let typed = String(characters[wordStart..<cursor])
        let candidates = uniqued(completion.candidates)

        switch candidates.count {
        case 0:
            return CompletionEdit()
        case 1:
            let word = candidates[0]
            let alreadySpaced = cursor < characters.count && characters[cursor] == " "
            let suffix = alreadySpaced ? "" : " "
            if word.hasPrefix(typed) {
                return CompletionEdit(insertedText: String(word.dropFirst(typed.count)) + suffix)
            }
            return CompletionEdit(replacedText: typed, insertedText: word + suffix)
        default:
            let common = longestCommonPrefix(of: candidates)
            if common.hasPrefix(typed) && common.count > typed.count {
                return CompletionEdit(insertedText: String(common.dropFirst(typed.count)))
            }
            return CompletionEdit(candidatesToList: candidates)
        }
    }

    /// The longest string every word starts with, compared by Character so that a
    /// multi-scalar character is never split.
    public static func longestCommonPrefix(of words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let characters = Array(word)
            var shared = 0
            while shared < prefix.count && shared < characters.count && prefix[shared] == characters[shared] {
                shared += 1
            }
            prefix.removeSubrange(shared...)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    /// Providers that merge several sources (commands and names) may repeat a word;
    /// a duplicate would otherwise make a unique completion look ambiguous.
    private static func uniqued(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}

/// Lays out completion candidates the way `ls` does: sorted, in columns read top to bottom,
/// as many columns as fit the terminal width.
public enum CandidateLayout {
    /// Two spaces between columns keep adjacent names readable.
    static let columnGap = 2

    /// - Returns: the rows to print, without trailing spaces or newlines.
    public static func rows(for candidates: [String], width: Int) -> [String] {
        let sorted = candidates.sorted()
        guard !sorted.isEmpty else { return [] }
        let widest = sorted.map(\.count).max() ?? 0
        let columnWidth = widest + columnGap
        // The last column needs no gap after it, hence `+ columnGap`.
        let columnCount = max(1, min(sorted.count, (max(width, 1) + columnGap) / columnWidth))
        let rowCount = (sorted.count + columnCount - 1) / columnCount

        return (0..<rowCount).map { row in
            var text = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < sorted.count else { break }
                let word = sorted[index]
                text += word
                let isLastInRow = (column + 1) * rowCount + row >= sorted.count
                if !isLastInRow {
                    text += String(repeating: " ", count: columnWidth - word.count)
                }
            }
            return text
        }
    }
}

/// libedit measures the prompt to place the cursor; colour codes in it would be counted as
/// visible characters and shift the cursor right. libedit skips text between two escape
/// characters, so every ANSI escape sequence is wrapped in that marker.
public enum PromptMarkup {
    /// The marker given to libedit with `EL_PROMPT_ESC`.
    public static let invisibleMarker: Character = "\u{1}"

    public static func markingInvisibleSequences(in prompt: String) -> String {
        var result = ""
        var scalars = prompt.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            // ESC [ parameters final-byte (CSI), or ESC followed by one character.
            var sequence = String.UnicodeScalarView([scalar])
            if let next = scalars.next() {
                sequence.append(next)
                if next == "[" {
                    while let byte = scalars.next() {
                        sequence.append(byte)
                        if (0x40...0x7E).contains(byte.value) { break }
                    }
                }
            }
            result.append(invisibleMarker)
            result.unicodeScalars.append(contentsOf: sequence)
            result.append(invisibleMarker)
        }
        return result
    }
}
