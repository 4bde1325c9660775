import Foundation
import Lessons
import Rendering
import Suggestions
import Testing
import SandboxShell
@testable import Tutor

/// The tutor's session logic without a terminal: moving, answering, completing, resuming, completing names.
@Suite struct TutorSessionUnitTests {
    static let renderer = TerminalRenderer(style: .plain, width: 80)

    static func course(_ lessonBody: String, grading: String = "", moreFiles: String = "") throws -> Course {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-unit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try ("title: Unit course\nlessons: [one]\n" + grading).write(toFile: directory + "/course.yaml", atomically: true, encoding: .utf8)
        let lesson = """
        ---
        id: one
        title: One
        summary: A lesson.
        minutes: 5
        objectives: [Learn]
        sandbox:
          files:
            trust.json: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
        \(moreFiles)
        ---
        \(lessonBody)
        """
        try lesson.write(toFile: directory + "/one.md", atomically: true, encoding: .utf8)
        let result = CourseLoader.load(directory: directory)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        return try #require(result.course)
    }

    static let body = """
    ## Read

    Text.

    ## Pick

    ```single-choice
    id: pick
    prompt: Which?
    choices: {a: One, b: Two}
    answer: b
    hints: [Not one]
    explanation: Two it is.
    ```

    ## Make a role

    ```task
    id: make-role
    goal: Create role R that EC2 can assume.
    check:
      - role R trusts service ec2.amazonaws.com
    solution:
      - aws iam create-role --role-name R --assume-role-policy-document file://trust.json
    ```
    """

    @Test func answersHintsAndTasksAreRecordedWithEvents() throws {
        var session = TutorSession(course: try Self.course(Self.body), progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        _ = session.opening()
        _ = session.handle("next")
        #expect(session.prompt == "[one 2/3] learner $ ")
        #expect(session.handle("a").output.hasPrefix("✗ Not quite. Attempt 1."))
        #expect(session.handle("hint").output.hasPrefix("Hint 1 of 1: Not one"))
        #expect(session.handle("b").output.hasPrefix("✓ Correct! +1 point."))
        #expect(session.progress.questions["pick"]?.attempts == ["a", "b"])
        _ = session.handle("")
        let created = session.handle("aws iam create-role --role-name R --assume-role-policy-document file://trust.json")
        #expect(created.output.contains("✓ Task complete!"))
        #expect(session.progress.tasks["make-role"]?.completed == true)
        let kinds = session.takeEvents().map(\.kind)
        #expect(kinds.filter { $0 == .answer }.count == 2)
        #expect(kinds.contains(.hint))
        #expect(kinds.contains(.command))
        #expect(kinds.contains(.taskCompleted))
        #expect(session.takeEvents().isEmpty, "taking the events clears them")
    }

    /// Reaching the end of the last lesson, opened first, once said "the course is complete" with every lesson
    /// still to do.
    @Test func theLastLessonsEndIsTheCoursesOnlyWhenEveryLessonIsDone() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/course").path
        let course = try #require(CourseLoader.load(directory: fixture).course)
        var session = TutorSession(course: course, progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        _ = session.handle("open delegation")
        var last = ""
        for _ in 0..<10 where !last.contains("That was the last lesson") { last = session.handle("next").output }
        #expect(last.contains("That was the last lesson; 2 lessons are not finished yet (the first is basics). Type lessons to see them"), "\(last)")
        #expect(!last.contains("the course is complete"))
    }

    @Test func theRunningScoreFollowsTheCoursesGradingPolicy() throws {
        let strict = try Self.course(Self.body, grading: "grading:\n  later-attempts: none\n  skipped-points: 1\n")
        var session = TutorSession(course: strict, progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        _ = session.handle("next")
        _ = session.handle("a")
        #expect(session.handle("b").output.hasPrefix("✓ Correct! +0 points."), "a later attempt earns nothing under this policy")
        _ = session.handle("next")
        _ = session.handle("skip")
        #expect(session.progress.tasks["make-role"]?.points == 1, "skipping earns the course's skipped-points")
        #expect(session.handle("hint").output.hasPrefix("This task is settled"))
    }

    @Test func resumesOnTheSameStepAfterTheLessonChanged() throws {
        var session = TutorSession(course: try Self.course(Self.body), progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        _ = session.handle("next")
        _ = session.handle("b")
        let saved = session.progress
        // A step is added before the question: the learner is still on "Pick", with the answer kept.
        let edited = try Self.course("## Welcome\n\nNew step.\n\n" + Self.body)
        var resumed = TutorSession(course: edited, progress: saved, renderer: Self.renderer)
        #expect(resumed.prompt == "[one 3/4] learner $ ")
        #expect(resumed.opening().contains("You have answered this one; the answer was b."))
    }

    /// A sandbox made by an older edition of a lesson gets the files the lesson added since (once, said once);
    /// the learner's own changes to the sandbox stay.
    @Test func aNewEditionsFilesReachASandboxMadeBeforeIt() throws {
        var session = TutorSession(course: try Self.course(Self.body), progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        _ = session.handle("aws iam create-role --role-name Mine --assume-role-policy-document file://trust.json")
        _ = session.handle("echo mine > trust.json")
        let saved = session.progress
        let edited = try Self.course(Self.body, moreFiles: "    policy.json: '{\"Version\":\"2012-10-17\",\"Statement\":[]}'")
        var resumed = TutorSession(course: edited, progress: saved, renderer: Self.renderer)
        let opening = resumed.opening()
        #expect(opening.contains("This lesson has been updated: its new file policy.json is now in your working folder."), "\(opening)")
        #expect(resumed.handle("cat policy.json").output.contains("2012-10-17"))
        #expect(resumed.handle("cat trust.json").output == "mine\n", "the learner's own version of a seeded file stays")
        #expect(resumed.handle("aws iam get-role --role-name Mine --query Role.RoleName --output text").output.contains("Mine"))
        #expect(!resumed.handle("next").output.contains("has been updated"), "said once")
        var again = TutorSession(course: edited, progress: resumed.progress, renderer: Self.renderer)
        #expect(!again.opening().contains("has been updated"))
    }

    @Test func unknownInputSuggestsACommandAndResetAsksFirst() throws {
        var session = TutorSession(course: try Self.course(Self.body), progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        #expect(session.handle("nxet").output == "Unknown command 'nxet'. Did you mean 'next'? Type help for the list.\n")
        #expect(session.handle("reset lesson").output.hasSuffix("[y/N] "))
        #expect(session.handle("no").output == "Nothing was reset.\n")
        _ = session.handle("aws iam create-role --role-name Mine --assume-role-policy-document file://trust.json")
        _ = session.handle("reset sandbox")
        #expect(session.handle("y").output.contains("back to this lesson's starting state"))
        #expect(session.handle("aws iam get-role --role-name Mine").output.contains("NoSuchEntity"))
    }

    /// Lesson 5 has the learner type `TOKEN=$(instance exec … curl …)`; the tutor called it an unknown command.
    /// A line starting with `NAME=` is the shell's, as in `rolecall sandbox`.
    /// The help's usage column is as wide as its longest usage (it cut `endpoint [on [PORT]|off]` short).
    @Test func helpShowsEveryUsageWhole() throws {
        var session = TutorSession(course: try Self.course(Self.body), progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        let help = session.handle("help").output
        #expect(help.contains("  endpoint [on [PORT]|off]  serve this lesson's sandbox"))
        #expect(help.contains("NAME=$(command)"))
    }

    @Test func variableLinesRunInTheSandbox() throws {
        var session = TutorSession(course: try Self.course(Self.body), progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        #expect(session.handle("ACCOUNT=$(aws sts get-caller-identity --query Account --output text)").output == "")
        #expect(session.handle("echo $ACCOUNT").output.contains("123456789012"))
        #expect(session.handle("TEAM=blue").output == "")
        #expect(session.handle("echo $TEAM").output.contains("blue"))
        #expect(session.handle("ACCOUNT=x=1 nxet").output.contains("command not found"), "the shell's own error, not the tutor's")
        #expect(SandboxShell.runs("X=1") && SandboxShell.runs("aws s3 ls") && !SandboxShell.runs("=1") && !SandboxShell.runs("true"))
        // A variable line with an open quote goes on over lines, as a command does; an answer never does.
        #expect(session.continuationPrompt(after: "TOKEN=$(echo \"a") != nil)
        #expect(session.continuationPrompt(after: "it's a role") == nil)
        // `export NAME` of a shell variable is a command, also while a question waits for an answer.
        #expect(SandboxShell.looksLikeCommand("export TEAM") && SandboxShell.looksLikeCommand("export A=1 B"))
        #expect(!SandboxShell.looksLikeCommand("export the role") && !SandboxShell.looksLikeCommand("export"))
        // Tabs part words as spaces do: a tab-separated command is a command, not an answer.
        #expect(SandboxShell.runs("aws\tsts get-caller-identity") && SandboxShell.looksLikeCommand("export\tA=1"))
    }

    @Test func completesCommandsAnswerLettersAndSandboxNames() throws {
        var session = TutorSession(course: try Self.course(Self.body), progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        #expect(session.completions(line: "hi", cursor: 2).candidates == ["hint"])
        _ = session.handle("next")
        #expect(session.completions(line: "", cursor: 0).candidates.contains("b"))
        _ = session.handle("aws iam create-role --role-name Reader --assume-role-policy-document file://trust.json")
        let roles = session.completions(line: "aws iam get-role --role-name Re", cursor: 31)
        #expect(roles.start == 29)
        #expect(roles.candidates == ["Reader"])
        #expect(session.completions(line: "aws iam lis", cursor: 11).candidates.contains("list-roles"))
    }

    @Test func completesTheWorkingFolderAfterFileSchemesAndCat() throws {
        var session = TutorSession(course: try Self.course(Self.body), progress: LearnerProgress(learner: "t"), renderer: Self.renderer)
        _ = session.handle("next")
        let command = "aws iam create-role --role-name R --assume-role-policy-document file://tr"
        let plain = session.completions(line: command, cursor: command.count)
        #expect(plain.candidates == ["file://trust.json"])
        #expect(plain.start == command.count - "file://tr".count)
        let joined = "aws iam create-role --role-name R --assume-role-policy-document=fileb://"
        #expect(session.completions(line: joined, cursor: joined.count).candidates == ["--assume-role-policy-document=fileb://trust.json"])
        #expect(session.completions(line: "cat t", cursor: 5).candidates == ["trust.json"])
        let written = session.handle("aws sts get-caller-identity > me.json")
        #expect(written.output.isEmpty)
        #expect(session.completions(line: "cat ", cursor: 4).candidates == ["me.json", "trust.json"])
        #expect(session.completions(line: "aws s3 cp file://x", cursor: 18).candidates.isEmpty)
    }
}

/// Inputs found in review that must never crash the tutor or lose a command.
@Suite struct TutorRobustnessTests {
    @Test func hugeNumbersAndDurationsAreRefusedNotTrapped() throws {
        var session = TutorSession(course: try TutorSessionUnitTests.course(TutorSessionUnitTests.body), progress: LearnerProgress(learner: "t"),
                                   renderer: TutorSessionUnitTests.renderer)
        #expect(session.handle("open -9223372036854775808").output.hasPrefix("No lesson '-9223372036854775808'"))
        #expect(session.handle("open 9223372036854775807").output.hasPrefix("No lesson"))
        #expect(session.handle("clock advance 99999999999999h").output.hasPrefix("usage: clock advance"))
        #expect(session.handle("clock advance 9223372036854775807").output.hasPrefix("usage: clock advance"))
        #expect(session.handle("clock advance 366d").output.hasPrefix("Sandbox time is now 2027-01-16"))
        #expect(session.handle("aws sts get-caller-identity --query Account --output text").output == "123456789012\n")
    }

    /// The reset question is answered by the next line and nothing else: no prompt is shown after "[y/N] " (it
    /// looked skipped), and a line that is not yes cancels without also running as a command.
    @Test func theResetQuestionTakesOneLineAsItsAnswer() throws {
        var session = TutorSession(course: try TutorSessionUnitTests.course(TutorSessionUnitTests.body), progress: LearnerProgress(learner: "t"),
                                   renderer: TutorSessionUnitTests.renderer)
        #expect(session.handle("reset sandbox").output.hasSuffix("[y/N] "))
        #expect(session.prompt == "", "the question's own [y/N] is the prompt")
        let output = session.handle("aws sts get-caller-identity --query Account --output text").output
        #expect(output == "Nothing was reset.\n")
        #expect(session.prompt.hasSuffix("$ "))
        #expect(session.handle("aws sts get-caller-identity --query Account --output text").output == "123456789012\n")
        // Ctrl-C at the question drops it: the next line is a command again, not its answer.
        _ = session.handle("reset sandbox")
        #expect(session.interrupted() == "^C — nothing was done.\n")
        #expect(session.prompt.hasSuffix("$ "))
        #expect(session.handle("aws sts get-caller-identity --query Account --output text").output == "123456789012\n")
        #expect(session.interrupted().hasPrefix("^C — line discarded."))
    }

    /// On an open question "instance profile" ran the shell command `instance`; now a line is the answer unless
    /// it is clearly a command, and the learner is asked when it could be both.
    @Test func answersAreAnswersAndAmbiguousLinesAreAsked() throws {
        let body = """
        ## Name it

        ```short-answer
        id: holder
        prompt: What holds a role for an instance?
        answers: [instance profile, env]
        explanation: An instance profile.
        ```

        ## Pick

        ```single-choice
        id: pick
        prompt: Which?
        choices:
          a: A
          b: B
        answer: b
        explanation: b.
        ```
        """
        var session = TutorSession(course: try TutorSessionUnitTests.course(body), progress: LearnerProgress(learner: "t"),
                                   renderer: TutorSessionUnitTests.renderer)
        #expect(session.handle("instance profile").output.contains("Correct!"))
        #expect(session.ledger.question("holder")?.attempts == ["instance profile"])
        _ = session.handle("reset lesson")
        _ = session.handle("y")
        #expect(session.handle("whoami").output.contains("learner"), "exactly a meta command is a command")
        let asked = session.handle("env").output
        #expect(asked.contains("could be your answer or a command"))
        #expect(session.prompt == "")
        #expect(session.handle("y").output.contains("Correct!"), "y answers with the pending line")
        _ = session.handle("next")
        // On a choice question, a shell command cannot be an answer, so it runs.
        #expect(session.handle("env").output.contains("AWS_DEFAULT_REGION"))
        #expect(session.handle("aws sts get-caller-identity --query Account --output text").output == "123456789012\n")
        #expect(session.handle("next steps").output.contains("Answer with one letter"), "a meta command with words after it is an answer")
        #expect(session.handle("hint").output.contains("no hints"), "a meta command alone is a command")
    }

    @Test func quickStartParsesTheLessonTheTutorWillOpenWhenTheSavedOneIsGone() throws {
        let course = try TutorSessionUnitTests.course(TutorSessionUnitTests.body)
        let quick = CourseLoader.load(directory: course.directory, quickStartingAt: .some("no-longer-here"))
        let lesson = try #require(quick.course?.lessons.first)
        #expect(!lesson.steps.isEmpty)
        var progress = LearnerProgress(learner: "t")
        progress.currentLesson = "no-longer-here"
        var session = TutorSession(course: quick.course!, progress: progress, renderer: TutorSessionUnitTests.renderer)
        #expect(session.opening().contains("Read"))
    }

    @Test func aLessonWithOpenQuestionsIsNotMarkedDone() throws {
        var session = TutorSession(course: try TutorSessionUnitTests.course(TutorSessionUnitTests.body), progress: LearnerProgress(learner: "t"),
                                   renderer: TutorSessionUnitTests.renderer)
        _ = session.handle("next")
        _ = session.handle("next")
        let end = session.handle("next").output
        #expect(end.contains("with 2 questions or tasks still open"))
        #expect(session.progress.lessons["one"]?.completed == false)
    }
}

/// A near miss on a short answer is nudged in practice without costing an attempt; in an exam it is a wrong answer.
@Suite struct NearMissTests {
    static let body = """
    ## Which action

    ```short-answer
    id: put
    prompt: Which action uploads an object?
    answers: [s3:PutObject]
    explanation: s3:PutObject.
    ```
    """

    @Test func practiceNudgesAndKeepsTheFirstTry() throws {
        var session = TutorSession(course: try TutorSessionUnitTests.course(Self.body, grading: "grading:\n  later-attempts: none\n"),
                                   progress: LearnerProgress(learner: "n"), renderer: TutorSessionUnitTests.renderer)
        #expect(session.handle("PutObject").output.hasPrefix("Nearly: an action is written with its service prefix"))
        #expect(session.ledger.question("put") == nil || session.ledger.question("put")?.attempts == [])
        #expect(session.takeEvents().filter { $0.kind == .answer }.isEmpty, "a nudge is not an answer in the transcript")
        #expect(session.handle("s3:PutObject").output.hasPrefix("✓ Correct! First try."))
    }

    @Test func anExamRecordsTheNearMissAsWrong() throws {
        let course = try TutorSessionUnitTests.course(Self.body)
        var exam = ExamSession(course: course, lessons: ["one"], learner: "n", seed: 1, timeLimit: nil, start: Date(),
                               renderer: TutorSessionUnitTests.renderer, includingTasks: false)
        let result = exam.handle("PutObject", now: Date())
        #expect(!result.output.contains("Nearly"), "no nudges in an exam")
        #expect(exam.takeEvents().filter { $0.kind == .answer }.map(\.input) == ["PutObject"])
        #expect(exam.scoreSheet().contains("✗  1. put  (your answer: PutObject;"), "\(exam.scoreSheet())")
        #expect(exam.scoreSheet().contains("Total: 0/"))
    }
}

/// A timed exam in the loop: its prompt counts down on each tick and it ends by itself when time is up.
@Suite struct TimedExamTests {
    final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 1_800_000_000) }

    @Test func ticksCountDownAndTimeUpEndsTheExam() throws {
        let clock = Clock()
        let course = try TutorSessionUnitTests.course(NearMissTests.body)
        let exam = ExamSession(course: course, lessons: ["one"], learner: "t", seed: 1, timeLimit: 60, start: clock.now,
                               renderer: TutorSessionUnitTests.renderer, includingTasks: false)
        var timed = TimedExam(exam: exam, now: { clock.now })
        #expect(timed.isTimed)
        clock.now += 10
        #expect(timed.tick() == "[exam 1/1 · 0:50 left] $ ")
        clock.now += 50
        #expect(timed.tick() == nil)
        let reply = timed.timeUp()
        #expect(reply.output.hasPrefix("Time is up."))
        #expect(reply.quit)
        #expect(timed.isFinished)
        let untimed = TimedExam(exam: ExamSession(course: course, lessons: ["one"], learner: "t", seed: 1, timeLimit: nil, start: clock.now,
                                                  renderer: TutorSessionUnitTests.renderer, includingTasks: false))
        #expect(!untimed.isTimed, "an exam without a limit reads lines the ordinary way")
    }
}

/// The exam's Tab completion: the letters as shown for a question, aws commands and sandbox names for a task.
@Suite struct ExamCompletionTests {
    static let course: Course = {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/course-snapshot").path
        return CourseLoader.load(directory: directory).course!
    }()

    @Test func completesLettersForAQuestionAndSandboxNamesForATask() {
        var exam = ExamSession(course: Self.course, lessons: ["what-are-roles"], learner: "tab", seed: 1, timeLimit: nil, start: Date(),
                               renderer: TutorSessionUnitTests.renderer, includingTasks: true)
        #expect(exam.completions(line: "", cursor: 0).candidates == ["a", "b", "c", "d", "finish", "skip"])
        #expect(exam.completions(line: "aws", cursor: 3).candidates.isEmpty, "no sandbox commands while a question is open")
        _ = exam.handle("skip", now: Date())
        _ = exam.handle("skip", now: Date())
        guard case .task = exam.items[2].content else { Issue.record("the third item should be a task"); return }
        #expect(exam.completions(line: "aws iam get-role --role-name Aud", cursor: 32).candidates == ["Auditor"])
        #expect(exam.completions(line: "ne", cursor: 2).candidates == ["next"])
    }
}

/// "Did you mean" only for near misses.
@Suite struct SuggestionTests {
    @Test func onlyNearMissesAreSuggested() {
        #expect(Suggestions.nearest(to: "nxet", among: ["next", "ls"]) == "next")
        #expect(Suggestions.nearest(to: "sl", among: ["next", "ls"]) == "ls")
        #expect(Suggestions.nearest(to: "b", among: ["next", "ls", "cat"]) == nil, "one letter suggested 'ls'")
        #expect(Suggestions.nearest(to: "xy", among: ["ls"]) == nil)
        #expect(Suggestions.nearest(to: "what-are-rolse", among: ["what-are-roles"]) == "what-are-roles")
    }

    @Test func clearIsATutorCommand() throws {
        var plain = TutorSession(course: try TutorSessionUnitTests.course(TutorSessionUnitTests.body), progress: LearnerProgress(learner: "c"),
                                 renderer: TerminalRenderer(style: .plain, width: 80))
        #expect(plain.handle("clear").output == "", "nothing to clear when piped")
        var terminal = TutorSession(course: try TutorSessionUnitTests.course(TutorSessionUnitTests.body), progress: LearnerProgress(learner: "c"),
                                    renderer: TerminalRenderer(style: .ansi, width: 80))
        #expect(terminal.handle("clear").output == "\u{1B}[H\u{1B}[2J")
    }
}
