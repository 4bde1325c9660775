import Testing
@testable import Lessons
@testable import Rendering

@Suite struct TerminalRendererTests {
    let plain = TerminalRenderer(style: .plain, width: 40)

    @Test func wrapsParagraphsAtTheWidth() {
        let text = plain.render(markdown: "IAM roles hand out **temporary** credentials that expire, so nothing long-lived is stored on the server.")
        #expect(text == """
        IAM roles hand out temporary credentials
        that expire, so nothing long-lived is
        stored on the server.

        """)
    }

    @Test func rendersHeadingsListsQuotesAndCode() {
        let markdown = """
        # Title

        ## Step

        1. Create a role
        2. Attach a policy

        - one
          - nested

        > Quoted `code` and [docs](https://docs.aws.amazon.com/iam/).

        ```json
        {"Effect": "Allow"}
        ```

        ---
        """
        #expect(plain.render(markdown: markdown) == """
        Title
        ═════

        Step

        1. Create a role
        2. Attach a policy

        • one
          • nested

        │ Quoted code and docs
        │ (https://docs.aws.amazon.com/iam/).

            {"Effect": "Allow"}

        ────────────────────────────────────────

        """)
    }

    static let seedTable = """
    | Concept | User | Role |
    | --- | --- | --- |
    | **Used by** | People | AWS services or other entities |
    | **Has credentials?** | Yes (username/password or access keys) | No (temporary credentials assigned automatically) |
    """

    @Test func wrapsTableCellsAtWordsWhenTheyFit() {
        let text = TerminalRenderer(style: .plain, width: 60).render(markdown: Self.seedTable)
        #expect(text == """
        ┌──────────────┬──────────────────────┬───────────────────┐
        │ Concept      │ User                 │ Role              │
        ├──────────────┼──────────────────────┼───────────────────┤
        │ Used by      │ People               │ AWS services or   │
        │              │                      │ other entities    │
        ├──────────────┼──────────────────────┼───────────────────┤
        │ Has          │ Yes                  │ No (temporary     │
        │ credentials? │ (username/password   │ credentials       │
        │              │ or access keys)      │ assigned          │
        │              │                      │ automatically)    │
        └──────────────┴──────────────────────┴───────────────────┘

        """)
    }

    @Test func stacksTableRowsWhenTooNarrowForAGrid() {
        let text = TerminalRenderer(style: .plain, width: 30).render(markdown: Self.seedTable)
        #expect(text == """
        Concept: Used by
        User: People
        Role: AWS services or other
        entities
        ──────────────────────────────
        Concept: Has credentials?
        User: Yes (username/password
        or access keys)
        Role: No (temporary
        credentials assigned
        automatically)

        """)
    }

    @Test func cutsWordsInTableCellsRatherThanOverflow() {
        let text = plain.render(markdown: Self.seedTable)
        #expect(text.contains("│ Has        │ Yes        │ No         │"))
        for line in text.split(separator: "\n") {
            #expect(TextWidth.of(String(line)) <= 40)
        }
    }

    @Test func keepsNarrowTablesAtTheirNaturalWidth() {
        let text = plain.render(markdown: "| a | b |\n| :-: | --: |\n| x | long |\n")
        #expect(text == """
        ┌───┬──────┐
        │ a │    b │
        ├───┼──────┤
        │ x │ long │
        └───┴──────┘

        """)
    }

    @Test func neverOverflowsOnWideTablesAtAnyWidth() {
        let markdown = "| " + (1...8).map { "Column \($0) heading" }.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: 8) + "\n| " + (1...8).map { "cell \($0) with arn:aws:iam::123456789012:role/Name" }.joined(separator: " | ") + " |\n"
        for width in [20, 33, 60, 100] {
            let text = TerminalRenderer(style: .plain, width: width).render(markdown: markdown)
            for line in text.split(separator: "\n") {
                #expect(TextWidth.of(String(line)) <= max(width, 20), "width \(width): \(line)")
            }
        }
    }

    @Test func cutsWordsLongerThanTheLine() {
        let text = TerminalRenderer(style: .plain, width: 20).render(markdown: "arn:aws:iam::123456789012:role/VeryLongRoleName")
        #expect(text == "arn:aws:iam::1234567\n89012:role/VeryLongR\noleName\n")
    }

    @Test func stylesWithANSIOnlyWhenAsked() {
        let ansi = TerminalRenderer(style: .ansi, width: 40).render(markdown: "A **bold** `code` word")
        #expect(ansi == "A \u{1B}[1mbold\u{1B}[0m \u{1B}[36mcode\u{1B}[0m word\n")
        let plainText = plain.render(markdown: "A **bold** `code` word")
        #expect(plainText == "A bold code word\n")
    }

    @Test func noColorDisablesStyles() {
        #expect(TerminalStyle.forStandardOutput(environment: ["NO_COLOR": "1"]) == .plain)
    }

    @Test func measuresWideCharacters() {
        #expect(TextWidth.of("日本") == 4)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("→") == 1)
    }

    @Test func rendersQuestionsWithTheirChoices() {
        let question = Question(
            id: "q", kind: .singleChoice, prompt: "Which **one**?",
            choices: [.init(letter: "a", text: "A user"), .init(letter: "b", text: "A `role`")],
            answer: .choice("b"), explanation: "Roles.", location: SourceLocation(file: "f", line: 1)
        )
        #expect(plain.render(question) == """
        Question

        Which one?

        • a) A user
        • b) A role

        Choose one letter. (1 point)

        """)
    }
}
