import Testing
@testable import Lessons

@Suite struct LessonParserTests {
    @Test func readsFrontMatter() throws {
        let result = parseLesson("## One\n\nText.\n")
        #expect(result.diagnostics.isEmpty)
        let lesson = try #require(result.lesson)
        #expect(lesson.id == "sample")
        #expect(lesson.title == "Sample lesson")
        #expect(lesson.summary == "A lesson for tests.")
        #expect(lesson.minutes == 5)
        #expect(lesson.objectives == ["Test the parser"])
        #expect(lesson.location == SourceLocation(file: "sample.md", line: 2, column: 5))
    }

    @Test func splitsStepsAtLevelTwoHeadingsWithTheirLines() throws {
        let body = """
        # Sample lesson

        Welcome text.

        ## First step

        Para one.

        ## Second step

        - a list
        """
        let lesson = try #require(parseLesson(body).lesson)
        #expect(lesson.steps.map(\.title) == ["Sample lesson", "First step", "Second step"])
        #expect(lesson.steps.map(\.id) == ["introduction", "first-step", "second-step"])
        #expect(lesson.steps.map(\.location.line) == [10, 12, 16])
        #expect(lesson.steps.allSatisfy { $0.kind == .reading })
        #expect(lesson.steps[2].content == [.list(MarkdownList(isOrdered: false, start: 0, isTight: true, items: [[.paragraph([.text("a list")])]]))])
    }

    @Test func givesRepeatedStepTitlesDistinctIDs() throws {
        let lesson = try #require(parseLesson("## Recap\n\nA.\n\n## Recap\n\nB.\n").lesson)
        #expect(lesson.steps.map(\.id) == ["recap", "recap-2"])
    }

    @Test func parsesSingleChoiceQuestions() throws {
        let body = """
        ## Pick one

        Some reading first.

        ```single-choice
        id: pick-one
        prompt: Which **one**?
        choices:
          a: First
          b: Second
        answer: b
        hints: [Not the first]
        explanation: Because.
        points: 2
        ```
        """
        let result = parseLesson(body)
        #expect(result.diagnostics.isEmpty)
        let step = try #require(result.lesson?.steps.first)
        #expect(step.kind == .question)
        #expect(step.content == [.paragraph([.text("Some reading first.")])])
        let question = try #require(step.question)
        #expect(question.id == "pick-one")
        #expect(question.kind == .singleChoice)
        #expect(question.prompt == "Which **one**?")
        #expect(question.choices == [.init(letter: "a", text: "First"), .init(letter: "b", text: "Second")])
        #expect(question.answer == .choice("b"))
        #expect(question.hints == ["Not the first"])
        #expect(question.explanation == "Because.")
        #expect(question.points == 2)
        #expect(question.location == SourceLocation(file: "sample.md", line: 13, column: 5))
    }

    @Test func parsesMultipleChoiceTrueFalseAndShortAnswer() throws {
        let body = """
        ## Many

        ```multiple-choice
        id: many
        prompt: Which?
        choices: {a: A, b: B, c: C}
        answer: [c, a]
        explanation: A and C.
        ```

        ## Truth

        ```true-false
        id: truth
        prompt: Roles have passwords.
        answer: false
        explanation: They do not.
        ```

        ## Words

        ```short-answer
        id: words
        prompt: Which action?
        answers: [sts:AssumeRole, AssumeRole]
        pattern: "(sts:)?assumerole"
        explanation: That one.
        ```
        """
        let result = parseLesson(body)
        #expect(result.diagnostics.isEmpty)
        let questions = try #require(result.lesson?.questions)
        #expect(questions.map(\.kind) == [.multipleChoice, .trueFalse, .shortAnswer])
        #expect(questions[0].answer == .choices(["a", "c"]))
        #expect(questions[1].answer == .truth(false))
        #expect(questions[2].answer == .text(accepted: ["sts:AssumeRole", "AssumeRole"], pattern: "(sts:)?assumerole"))
        #expect(questions[0].points == 1)
    }

    @Test func parsesTasksWithChecksAndSolution() throws {
        let body = """
        ## Do it

        ```task
        id: make-role
        goal: Create the role.
        check:
          - role S3Reader exists
          - role S3Reader trusts service ec2.amazonaws.com
          - not last command failed
          - object s3://course-data/notes/a.txt exists
          - instance any uses role S3Reader
        hints: [Use create-role]
        solution:
          - aws iam create-role --role-name S3Reader --assume-role-policy-document file://trust.json
        explanation: Done.
        points: 3
        ```
        """
        let result = parseLesson(body)
        #expect(result.diagnostics.isEmpty)
        let task = try #require(result.lesson?.tasks.first)
        #expect(task.id == "make-role")
        #expect(task.goal == "Create the role.")
        #expect(task.checks.map(\.condition) == [
            .roleExists(role: "S3Reader"),
            .roleTrustsService(role: "S3Reader", service: "ec2.amazonaws.com"),
            .lastCommandFailed(code: nil),
            .objectExists(bucket: "course-data", key: "notes/a.txt"),
            .instanceUsesRole(instance: nil, role: "S3Reader"),
        ])
        #expect(task.checks.map(\.isNegated) == [false, false, true, false, false])
        #expect(task.checks[1].location == SourceLocation(file: "sample.md", line: 15, column: 5))
        #expect(task.solution.count == 1)
        #expect(task.points == 3)
        #expect(result.lesson?.steps.first?.kind == .task)
    }

    @Test func parsesDecoysAsCommandsOrListsOfCommands() throws {
        let body = """
        ## Do it

        ```task
        id: make-role
        goal: Create the role.
        check:
          - role S3Reader exists
        decoys:
          - aws iam create-user --user-name S3Reader
          - - aws iam create-role --role-name Other --assume-role-policy-document file://trust.json
            - aws iam delete-role --role-name Other
          - iam create-role --role-name X
        solution:
          - aws iam create-role --role-name S3Reader --assume-role-policy-document file://trust.json
        ```
        """
        let result = parseLesson(body)
        #expect(result.diagnostics.map(\.message) == ["decoy command 'iam create-role --role-name X' must start with 'aws' or a sandbox command (clock, eval, export, github-token, instance, unset, whoami)"])
        #expect(result.diagnostics.first?.location.line == 19, "the line of the bad decoy command in the file")
        let task = try #require(result.lesson?.tasks.first)
        #expect(task.decoys == [
            ["aws iam create-user --user-name S3Reader"],
            ["aws iam create-role --role-name Other --assume-role-policy-document file://trust.json", "aws iam delete-role --role-name Other"],
        ])
    }

    /// The check forms added for checks that prove the work: the role's stored setting, and where a command ran.
    @Test func parsesMaxSessionDurationAndOnInstanceChecks() throws {
        #expect(CheckGrammar.parse("role ReportsRole has max session duration 43200") == .check(condition: .roleHasMaxSessionDuration(role: "ReportsRole", seconds: 43200), isNegated: false))
        #expect(CheckGrammar.parse("last command ran on an instance") == .check(condition: .lastCommandRanOnInstance, isNegated: false))
        #expect(CheckGrammar.parse("ran s3api put-object as role ReportWriter")
            == .check(condition: .ranOperationAs(service: "s3api", operation: "put-object", caller: .role, name: "ReportWriter"), isNegated: false))
        #expect(CheckGrammar.parse("ran sts get-caller-identity as user learner")
            == .check(condition: .ranOperationAs(service: "sts", operation: "get-caller-identity", caller: .user, name: "learner"), isNegated: false))
        #expect(CheckGrammar.parse("stack archive uses role DeployerRole") == .check(condition: .stackUsesRole(stack: "archive", role: "DeployerRole"), isNegated: false))
        #expect(CheckGrammar.parse("role R has max session duration 12h") == .failure("in check 'role R has max session duration 12h': expected a number of seconds such as 43200, got '12h'"))
        guard case .failure = CheckGrammar.parse("role R has max session duration 99999999999999999999") else {
            Issue.record("a number too large for seconds must be refused, not read as something else")
            return
        }
    }

    @Test func parsesTheSandboxSeed() throws {
        let frontMatter = """
        ---
        id: seeded
        title: Seeded
        summary: With a seed.
        minutes: 5
        objectives: [Seed]
        sandbox:
          files:
            trust.json: '{"Version": "2012-10-17"}'
          buckets:
            - name: course-data
              objects:
                a.txt: hello
          tables:
            - {name: Scores, key: id}
          users:
            - {name: alice, managed-policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]}
          roles:
            - {name: Auditor, trust: trust.json}
        ---
        """
        let result = parseLesson("## One\n\nText.\n", frontMatter: frontMatter)
        #expect(result.diagnostics.isEmpty)
        let seed = try #require(result.lesson?.sandbox)
        #expect(seed.file(named: "trust.json") == #"{"Version": "2012-10-17"}"#)
        #expect(seed.buckets == [.init(name: "course-data", objects: [.init(key: "a.txt", value: "hello")])])
        #expect(seed.tables == [.init(name: "Scores", key: "id")])
        #expect(seed.users == [.init(name: "alice", managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])])
        #expect(seed.roles == [.init(name: "Auditor", trustFile: "trust.json")])
    }

    @Test func keepsMarkdownStructureOfReadingSteps() throws {
        let body = """
        ## Table

        | Concept | User |
        | :--- | ---: |
        | **Used by** | People |

        > A quote with `code` and a [link](https://example.com).

        ```json
        {"a": 1}
        ```
        """
        let lesson = try #require(parseLesson(body).lesson)
        let content = lesson.steps[0].content
        #expect(content.count == 3)
        guard case .table(let table) = content[0] else { Issue.record("expected a table"); return }
        #expect(table.alignments == [.left, .right])
        #expect(table.header == [[.text("Concept")], [.text("User")]])
        #expect(table.rows == [[[.strong([.text("Used by")])], [.text("People")]]])
        #expect(content[2] == .code(language: "json", text: "{\"a\": 1}\n"))
        guard case .blockQuote(let quote) = content[1] else { Issue.record("expected a quote"); return }
        #expect(quote == [.paragraph([.text("A quote with "), .code("code"), .text(" and a "),
                                      .link(destination: "https://example.com", content: [.text("link")]), .text(".")])])
    }
}
