import ArgumentParser
import Foundation
import LineEditing
import Rendering
import Tutor

/// `rolecall` with no arguments: the course, resumed where the learner left off.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start or resume the course (the default command).")

    @OptionGroup var courseOption: CourseOption
    @OptionGroup var learnerOptions: LearnerOptions

    func run() throws {
        let course = try courseOption.loadCourse()
        guard !course.lessons.isEmpty else { throw ValidationError("The course has no lessons.") }
        let store = learnerOptions.store
        var progress = LearnerProgress(learner: learnerOptions.learnerName)
        switch store.load() {
        case .fresh:
            break
        case .loaded(let saved):
            progress = saved
        case .recovered(let backup, let reason):
            FileHandle.standardError.write(Data("""
            Your saved progress could not be read: \(reason).
            It was kept as \(backup); starting fresh.

            """.utf8))
        }

        let renderer = TerminalRenderer(style: TerminalStyle.forStandardOutput(), width: TerminalSize.columns())
        let box = SessionBox(TutorSession(course: course, progress: progress, renderer: renderer))
        try? FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        let reader = LineReaderFactory.make(historyFile: store.historyPath, completion: TutorCompleter(session: { box.session }))
        let editor = reader as? EditLineReader

        func show(_ text: String) {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        func save() {
            do {
                try store.save(box.session.progress)
            } catch {
                FileHandle.standardError.write(Data("rolecall: could not save progress to \(store.progressPath): \(error.localizedDescription)\n".utf8))
            }
        }

        show(box.session.opening())
        save()
        loop: while true {
            if let editor { box.session.renderer.width = editor.columns } else { box.session.renderer.width = TerminalSize.columns() }
            switch reader.readLine(prompt: box.session.prompt) {
            case .endOfInput:
                save()
                if editor != nil { show("\nProgress saved. See you next time.\n") }
                break loop
            case .interrupted:
                show("^C — line discarded. Type quit (or Ctrl-D) to leave; your progress is saved.\n")
            case .line(let line):
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { reader.addToHistory(line) }
                let response = box.session.handle(line)
                show(response.output)
                if response.changed { save() }
                if response.quit { break loop }
            }
        }
    }
}

/// The session, shared with the completer the line editor calls back into.
final class SessionBox {
    var session: TutorSession
    init(_ session: TutorSession) { self.session = session }
}
