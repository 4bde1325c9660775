import Testing
@testable import Lessons

/// Every lint error, with the exact `path:line:column: error: message` a lesson author sees.
@Suite struct LintTests {
    /// A block never closed would run to the end of the lesson (Markdown allows it): once a task's closing fence
    /// was lost and nothing said so.
    @Test func anUnclosedBlockIsAnError() {
        let body = "## A\n\nText.\n\n```json\n{}\n```\n\n## B\n\n```true-false\nid: q\nprompt: P\nanswer: true\nexplanation: E\n"
        let lines = messages(parseLesson(body))
        #expect(lines.contains("sample.md:18:1: error: the block opened here is never closed: end it with a line of three backticks"), "\(lines)")
        #expect(LessonParser.unclosedFence(in: "````md\n```\n````\n") == nil, "a longer fence closes only with as many backticks")
    }

    /// A lesson saved with Windows line endings: its lines end at CRLF too. (Read by Character, CRLF was one
    /// character and never a line break, so a closed block looked open and an open one after text went unseen.)
    @Test func blocksInACRLFLessonAreSeenLineByLine() {
        #expect(LessonParser.unclosedFence(in: "Text.\r\n\r\n```json\r\n{}\r\n```\r\n") == nil)
        #expect(LessonParser.unclosedFence(in: "```json\r\n{}\r\n```\r\n") == nil)
        #expect(LessonParser.unclosedFence(in: "Text.\r\n\r\n```json\r\n{}\r\n") == 3)
    }

    /// A task without a decoy is a warning: the course runs, but nothing proves its checks tell a near miss apart.
    @Test func aTaskWithoutDecoysIsAWarning() throws {
        let task = "```task\nid: t\ngoal: G\ncheck:\n  - role R exists\nsolution:\n  - aws iam get-role --role-name R\n```\n"
        let lesson = try #require(parseLesson("## A\n\n" + task).lesson)
        #expect(CourseLinter.checkWithinLesson(lesson).map(\.description) == [
            "sample.md:11:5: warning: task 't' has no decoys: add 'decoys:' with a command that looks like a solution but misses the goal",
        ])
        let withDecoy = task.replacingOccurrences(of: "```\n", with: "decoys:\n  - aws iam list-roles\n```\n")
        #expect(CourseLinter.checkWithinLesson(try #require(parseLesson("## A\n\n" + withDecoy).lesson)).isEmpty)
    }

    @Test func missingFrontMatter() {
        let result = LessonParser.parse("## Step\n\nText.\n", file: "x.md")
        #expect(messages(result) == [
            "x.md:1:1: error: a lesson must start with YAML front matter: a '---' line, the fields (id, title, summary, minutes, objectives), and another '---' line",
        ])
        #expect(result.lesson == nil)
    }

    @Test func unclosedFrontMatter() {
        #expect(messages(LessonParser.parse("---\nid: a\n", file: "x.md")) == [
            "x.md:1:1: error: the front matter opened here is never closed with a '---' line",
        ])
    }

    @Test func missingAndUnknownFrontMatterFields() {
        let frontMatter = """
        ---
        id: sample
        titel: Sample lesson
        summary: A lesson for tests.
        minutes: five
        objectives: [Test the parser]
        ---
        """
        #expect(messages(parseLesson("## A\n\nB.\n", frontMatter: frontMatter)) == [
            "sample.md:1:1: error: front matter is missing the required field 'title'",
            "sample.md:3:1: error: unknown field 'titel' in front matter; did you mean 'title'?",
            "sample.md:5:10: error: field 'minutes' in front matter must be a whole number, not 'five'",
        ])
    }

    @Test func invalidYAMLInFrontMatter() {
        let frontMatter = "---\nid: sample\ntitle: [unclosed\n---"
        let lines = messages(parseLesson("## A\n\nB.\n", frontMatter: frontMatter))
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("sample.md:4:1: error: invalid YAML in front matter:") == true)
    }

    @Test func badIdentifier() {
        let frontMatter = validFrontMatter.replacingOccurrences(of: "id: sample", with: "id: Sample_Lesson")
        #expect(messages(parseLesson("## A\n\nB.\n", frontMatter: frontMatter)) == [
            "sample.md:2:5: error: id 'Sample_Lesson' must be lower-case letters, digits and single hyphens (e.g. 'trust-policies')",
        ])
    }

    @Test func unknownBlockKindSuggestsTheNearestKind() {
        let body = "## Q\n\n```singel-choice\nid: q\n```\n\n## R\n\n```qiuz\nx\n```\n"
        #expect(messages(parseLesson(body)) == [
            "sample.md:10:1: error: unknown block kind 'singel-choice'; did you mean 'single-choice'?",
            "sample.md:16:1: error: unknown block kind 'qiuz'; use one of single-choice, multiple-choice, true-false, short-answer, task for an interactive block, or a language such as json or console for code",
        ])
    }

    @Test func twoInteractiveBlocksInOneStep() {
        let question = "```true-false\nid: QID\nprompt: P\nanswer: true\nexplanation: E\n```\n"
        let body = "## Q\n\n" + question.replacingOccurrences(of: "QID", with: "one") + "\n" + question.replacingOccurrences(of: "QID", with: "two")
        #expect(messages(parseLesson(body)) == [
            "sample.md:17:1: error: a step holds at most one question or task (this step already has one at line 10); start a new '## ' step for this one",
        ])
    }

    @Test func textAfterAQuestionInTheSameStep() {
        let body = "## Q\n\n```true-false\nid: one\nprompt: P\nanswer: true\nexplanation: E\n```\n\nMore text.\n"
        #expect(messages(parseLesson(body)) == [
            "sample.md:17:1: error: text after the question or task at line 10 would be shown before it; move it into the next '## ' step",
        ])
    }

    @Test func questionWithoutCorrectAnswerOrExplanation() {
        let body = """
        ## Q

        ```single-choice
        id: no-answer
        prompt: Which?
        choices:
          a: One
          b: Two
        ```
        """
        #expect(messages(parseLesson(body)) == [
            "sample.md:10:1: error: single-choice question has no correct answer: add 'answer:' with the letter of the correct choice",
            "sample.md:10:1: error: single-choice question is missing the required field 'explanation'",
        ])
    }

    @Test func choiceAnswerNotAmongTheChoices() {
        let body = """
        ## Q

        ```multiple-choice
        id: wrong-letter
        prompt: Which?
        choices:
          a: One
          b: Two
        answer: [a, e]
        explanation: E.
        ```
        """
        #expect(messages(parseLesson(body)) == [
            "sample.md:16:13: error: answer 'e' is not among the choices (a, b)",
        ])
    }

    @Test func trueFalseAnswerMustBeABoolean() {
        let body = "## Q\n\n```true-false\nid: tf\nprompt: P\nanswer: maybe\nexplanation: E\n```\n"
        #expect(messages(parseLesson(body)) == [
            "sample.md:13:9: error: answer of a true-false question must be true or false, not 'maybe'",
        ])
    }

    @Test func shortAnswerNeedsAcceptedAnswersAndAValidPattern() {
        let body = "## Q\n\n```short-answer\nid: sa\nprompt: P\npattern: \"(unclosed\"\nexplanation: E\n```\n"
        let lines = messages(parseLesson(body))
        #expect(lines.count == 2)
        #expect(lines[0] == "sample.md:10:1: error: short-answer question has no correct answer: add 'answers:' with at least one accepted answer")
        #expect(lines[1].hasPrefix("sample.md:13:10: error: pattern '(unclosed' is not a valid regular expression"))
    }

    @Test func unknownQuestionFieldSuggestsTheRightOne() {
        let body = "## Q\n\n```short-answer\nid: sa\nprompt: P\nanswer: x\nanswers: [x]\nexplanation: E\n```\n"
        #expect(messages(parseLesson(body)) == [
            "sample.md:13:1: error: unknown field 'answer' in short-answer question; did you mean 'answers'?",
        ])
    }

    @Test func taskWithoutCheckOrSolution() {
        let body = "## T\n\n```task\nid: t\ngoal: Do it.\n```\n"
        #expect(messages(parseLesson(body)) == [
            "sample.md:10:1: error: task is missing the required field 'check'",
            "sample.md:10:1: error: task is missing the required field 'solution'",
        ])
    }

    @Test func unknownChecksAndBadSolutionCommands() {
        let body = """
        ## T

        ```task
        id: t
        goal: Do it.
        check:
          - role S3Reader exist
          - rol S3Reader exists
          - role S3Reader trusts service ec2
          - object s3://bucket-only exists
        solution:
          - iam create-role --role-name X
          - aws iam
          - aws iam create-role --description 'unclosed
        ```
        """
        #expect(messages(parseLesson(body)) == [
            "sample.md:14:5: error: unknown check 'role S3Reader exist'; expected one of: role NAME exists | role NAME trusts service SERVICE | role NAME trusts account ACCOUNT | role NAME trusts ARN | role NAME has managed policy NAME_OR_ARN | role NAME has inline policy NAME | role NAME has permissions boundary NAME_OR_ARN | role NAME has max session duration SECONDS | role NAME allows ACTION on ARN | role NAME is service-linked | role NAME trusts github token for VALUE",
            "sample.md:15:5: error: unknown check 'rol S3Reader exists': a check starts with one of bucket, caller, function, instance, instance-profile, last, log-group, object, oidc-provider, policy, ran, role, stack, table, user. Did you mean 'role'?",
            "sample.md:16:5: error: in check 'role S3Reader trusts service ec2': expected a service principal such as ec2.amazonaws.com, got 'ec2'",
            "sample.md:17:5: error: in check 'object s3://bucket-only exists': expected an object as s3://BUCKET/KEY, got 's3://bucket-only'",
            "sample.md:19:5: error: solution command 'iam create-role --role-name X' must start with 'aws' or a sandbox command (clock, eval, export, github-token, instance, unset, whoami)",
            "sample.md:20:5: error: solution command 'aws iam' needs a service and an operation, e.g. 'aws sts get-caller-identity'",
            "sample.md:21:5: error: solution command 'aws iam create-role --description 'unclosed' has unterminated single quote (opened at column 35)",
        ])
    }

    @Test func seedNamingAFileItDoesNotDeclare() {
        let frontMatter = """
        ---
        id: seeded
        title: Seeded
        summary: With a seed.
        minutes: 5
        objectives: [Seed]
        sandbox:
          files:
            trust.json: "{}"
          roles:
            - name: Auditor
              trust: trust.jsn
          queues: []
        ---
        """
        #expect(messages(parseLesson("## A\n\nB.\n", frontMatter: frontMatter)) == [
            "sample.md:12:14: error: 'trust' names 'trust.jsn', which is not declared under sandbox.files; did you mean 'trust.json'?",
            "sample.md:13:3: error: unknown field 'queues' in sandbox seed; expected one of: files, buckets, tables, users, roles",
        ])
    }

    @Test func mojibakeIsReportedWithTheLikelyFix() {
        let body = "## A\n\nIt\u{E2}\u{20AC}\u{2122}s a role \u{E2}\u{20AC}\u{201D} really. Caf\u{E9} is fine.\n"
        #expect(messages(parseLesson(body)) == [
            "sample.md:10:3: error: mojibake 'â€™': UTF-8 text was decoded as Windows-1252 somewhere; it should probably read '’'",
            "sample.md:10:15: error: mojibake 'â€”': UTF-8 text was decoded as Windows-1252 somewhere; it should probably read '—'",
        ])
        // With Windows line endings the line is still the line the mojibake is on.
        #expect(Mojibake.find(in: "a\r\nb\r\nIt\u{E2}\u{20AC}\u{2122}s\r\n").map(\.line) == [3])
    }

    @Test func lessonWithoutSteps() {
        #expect(messages(parseLesson("")) == ["sample.md:8:1: error: the lesson has no steps: add '## ' headings with content"])
    }
}
