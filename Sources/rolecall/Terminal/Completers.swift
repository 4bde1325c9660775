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
        let context = CommandCompleter.Context(firstWords: SandboxShell.commands + FreePlayWord.allCases.map(\.rawValue), sandbox: shell().world)
        let result = CommandCompleter.complete(line: line, cursor: cursor, context: context)
        return Completion(replacementStart: result.start, candidates: result.candidates)
    }
}

/// Hands Tab to a pure `completions(line:cursor:)`, reached through a closure so it sees the session as it is now.
final class SessionCompleter: CompletionProvider {
    private let complete: (String, Int) -> (start: Int, candidates: [String])

    init(_ complete: @escaping (String, Int) -> (start: Int, candidates: [String])) {
        self.complete = complete
    }

    func completions(forLine line: String, cursor: Int) -> Completion {
        let result = complete(line, cursor)
        return Completion(replacementStart: result.start, candidates: result.candidates)
    }
}
