import LineEditing
import SandboxShell
import Tutor

/// Hands the line editor's Tab requests to the pure completers, reading the current state through a closure so
/// completion always sees the world as it is now.
final class ShellCompleter: CompletionProvider {
    private let shell: () -> SandboxShell

    init(shell: @escaping () -> SandboxShell) {
        self.shell = shell
    }

    func completions(forLine line: String, cursor: Int) -> Completion {
        let context = CommandCompleter.Context(firstWords: SandboxShell.commands + ["exit", "reset"], sandbox: shell().world)
        let result = CommandCompleter.complete(line: line, cursor: cursor, context: context)
        return Completion(replacementStart: result.start, candidates: result.candidates)
    }
}

final class TutorCompleter: CompletionProvider {
    private let session: () -> TutorSession

    init(session: @escaping () -> TutorSession) {
        self.session = session
    }

    func completions(forLine line: String, cursor: Int) -> Completion {
        let result = session().completions(line: line, cursor: cursor)
        return Completion(replacementStart: result.start, candidates: result.candidates)
    }
}

final class ExamCompleter: CompletionProvider {
    private let exam: () -> ExamSession

    init(exam: @escaping () -> ExamSession) {
        self.exam = exam
    }

    func completions(forLine line: String, cursor: Int) -> Completion {
        let result = exam().completions(line: line, cursor: cursor)
        return Completion(replacementStart: result.start, candidates: result.candidates)
    }
}
