import Testing
@testable import LineEditing

@Suite struct CompletionEngineTests {
    @Test func singleCandidateInsertsTheRestAndASpace() {
        let edit = CompletionEngine.edit(line: "S3R", cursor: 3,
                                         completion: Completion(replacementStart: 0, candidates: ["S3Reader"]))
        #expect(edit == CompletionEdit(insertedText: "eader "))
    }

    @Test func singleCandidateAddsNoSecondSpaceWhenOneFollows() {
        let edit = CompletionEngine.edit(line: "aws iam get-ro --role-name x", cursor: 14,
                                         completion: Completion(replacementStart: 8, candidates: ["get-role"]))
        #expect(edit == CompletionEdit(insertedText: "le"))
    }

    @Test func singleCandidateThatDoesNotExtendTheWordReplacesIt() {
        let edit = CompletionEngine.edit(line: "assume s3r", cursor: 10,
                                         completion: Completion(replacementStart: 7, candidates: ["S3Reader"]))
        #expect(edit == CompletionEdit(replacedText: "s3r", insertedText: "S3Reader "))
    }

    @Test func severalCandidatesInsertTheirCommonPrefix() {
        let edit = CompletionEngine.edit(line: "he", cursor: 2,
                                         completion: Completion(replacementStart: 0, candidates: ["help", "hello"]))
        #expect(edit == CompletionEdit(insertedText: "l"))
    }

    @Test func severalCandidatesAreListedWhenThePrefixAddsNothing() {
        let edit = CompletionEngine.edit(line: "hel", cursor: 3,
                                         completion: Completion(replacementStart: 0, candidates: ["help", "hello"]))
        #expect(edit == CompletionEdit(candidatesToList: ["help", "hello"]))
        #expect(!edit.changesNothing)
    }

    @Test func noCandidatesChangeNothing() {
        let edit = CompletionEngine.edit(line: "xyz", cursor: 3, completion: Completion(replacementStart: 0, candidates: []))
        #expect(edit.changesNothing)
    }

    @Test func duplicateCandidatesCountOnce() {
        let edit = CompletionEngine.edit(line: "hi", cursor: 2,
                                         completion: Completion(replacementStart: 0, candidates: ["hint", "hint"]))
        #expect(edit == CompletionEdit(insertedText: "nt "))
    }

    @Test func onlyTextBeforeTheCursorIsTheTypedWord() {
        // Cursor after "S3" in "S3 more": the word is "S3", not "S3 more".
        let edit = CompletionEngine.edit(line: "S3 more", cursor: 2,
                                         completion: Completion(replacementStart: 0, candidates: ["S3Reader", "S3Writer"]))
        #expect(edit == CompletionEdit(candidatesToList: ["S3Reader", "S3Writer"]))
    }

    @Test func outOfRangeOffsetsFromAProviderAreClamped() {
        let edit = CompletionEngine.edit(line: "he", cursor: 99,
                                         completion: Completion(replacementStart: -4, candidates: ["help"]))
        #expect(edit == CompletionEdit(insertedText: "lp "))
    }

    @Test func offsetsCountCharactersNotBytes() {
        // "é " is two characters but three UTF-8 bytes; the word "ro" starts at character 2.
        let edit = CompletionEngine.edit(line: "é ro", cursor: 4,
                                         completion: Completion(replacementStart: 2, candidates: ["role"]))
        #expect(edit == CompletionEdit(insertedText: "le "))
    }

    @Test(arguments: [
        (["help", "hello", "helm"], "hel"),
        (["S3Reader", "S3Writer"], "S3"),
        (["abc"], "abc"),
        (["abc", "xyz"], ""),
        ([], ""),
        (["abc", "ab"], "ab"),
        // "é" written as e + combining accent must not be split into a shared "e".
        (["e\u{301}t", "ex"], ""),
    ] as [([String], String)])
    func longestCommonPrefix(words: [String], expected: String) {
        #expect(CompletionEngine.longestCommonPrefix(of: words) == expected)
    }
}

@Suite struct CandidateLayoutTests {
    @Test func fillsColumnsTopToBottomWithinTheWidth() {
        // Widest is 8, so columns are 10 wide; 30 columns fit three.
        let rows = CandidateLayout.rows(for: ["S3Writer", "help", "hint", "history", "S3Reader"], width: 30)
        #expect(rows == [
            "S3Reader  help      history",
            "S3Writer  hint",
        ])
    }

    @Test func lastColumnNeedsNoTrailingGap() {
        // Two 4-wide words with a 2-space gap need exactly 10 columns.
        #expect(CandidateLayout.rows(for: ["help", "hint"], width: 10) == ["help  hint"])
        #expect(CandidateLayout.rows(for: ["help", "hint"], width: 9) == ["help", "hint"])
    }

    @Test func wordsWiderThanTheTerminalGetOneRowEach() {
        let rows = CandidateLayout.rows(for: ["arn:aws:iam::123456789012:role/S3Reader", "x"], width: 20)
        #expect(rows == ["arn:aws:iam::123456789012:role/S3Reader", "x"])
    }

    @Test func noRowsWithoutCandidates() {
        #expect(CandidateLayout.rows(for: [], width: 80).isEmpty)
    }

    @Test func noRowEndsInSpaces() {
        let rows = CandidateLayout.rows(for: (1...23).map { "word\($0)" }, width: 47)
        #expect(rows.count > 1)
        #expect(rows.allSatisfy { !$0.hasSuffix(" ") })
        #expect(rows.allSatisfy { $0.count <= 47 })
    }
}

@Suite struct PromptMarkupTests {
    @Test func wrapsColourCodesInTheInvisibleMarker() {
        let prompt = "\u{1B}[1;32m[lesson 3/9]\u{1B}[0m learner $ "
        #expect(PromptMarkup.markingInvisibleSequences(in: prompt)
            == "\u{1}\u{1B}[1;32m\u{1}[lesson 3/9]\u{1}\u{1B}[0m\u{1} learner $ ")
    }

    @Test func leavesPlainPromptsAlone() {
        #expect(PromptMarkup.markingInvisibleSequences(in: "demo> ") == "demo> ")
    }
}
