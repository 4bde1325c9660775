import ArgumentParser
import EndpointCore
import Foundation
import Transcripts
import Grading
import Lessons
import LineEditing
import Rendering
import SessionLoop
import SavedFiles
import Tutor

/// `rolecall` with no arguments: the course, resumed where the learner left off.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start or resume the course (the default command).")

    @OptionGroup var courseOption: CourseOption
    @OptionGroup var learnerOptions: LearnerOptions

    func run() throws {
        let store = learnerOptions.store
        let lock = try learnerOptions.lock()
        defer { withExtendedLifetime(lock) {} }
        var progress = LearnerProgress(learner: learnerOptions.learnerName)
        switch store.load() {
        case .fresh:
            break
        case .loaded(let saved):
            progress = saved
        case .loadedFromNewerVersion(let saved, let notice):
            progress = saved
            FileHandle.standardError.write(Data("rolecall: \(notice)\n".utf8))
        case .recovered(let backup, let reason):
            FileHandle.standardError.write(Data("""
            Your saved progress could not be read: \(reason).
            It was kept as \(backup); starting fresh.

            """.utf8))
        }

        // The first prompt needs only the current lesson; the rest of the course is parsed and checked on another
        // thread while the learner reads, and swapped in before the first line is handled.
        let directory = courseOption.resolvedDirectory()
        let course = try CourseOption.check(CourseLoader.load(directory: directory, quickStartingAt: .some(progress.currentLesson),
                                                                    headerCache: CourseOption.headerCache(for: directory)))
        guard !course.lessons.isEmpty else { throw RoleCallFailure(.dataError, "The course in \(directory) has no lessons.") }

        let renderer = TerminalRenderer(style: TerminalStyle.forStandardOutput(), width: TerminalSize.columns())
        let box = SessionBox(TutorSession(course: course, progress: progress, renderer: renderer))
        try? FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        let reader = LineReaderFactory.make(historyFile: store.historyPath, completion: SessionCompleter { box.session.completions(line: $0, cursor: $1) })
        let editor = reader as? EditLineReader

        // Every answer and command goes to the learner's transcript, chained and (with a grading key) signed. The
        // file is opened, and the course fingerprinted, when the first events are written: after the first prompt.
        var transcript: TranscriptFile?
        // In a class, each event also goes to the class server, from another thread, as it is written.
        let classSync = ClassConnection.open(learnerOptions)
        var pending = [LearningEvent.sessionStart(learner: learnerOptions.learnerName)] + box.session.takeEvents()
        func log(_ events: [LearningEvent]) {
            if transcript == nil {
                transcript = TranscriptFile(path: store.directory + "/transcript.jsonl", signer: TranscriptSigner(secret: TranscriptSigner.configuredSecret()))
                pending[0].course = CourseFingerprint.of(directory: directory)
            }
            if let problem = transcript?.append(pending + events) {
                FileHandle.standardError.write(Data((problem + "\n").utf8))
            } else {
                classSync?.nudge()
            }
            pending = []
        }
        // A failed save keeps the last good file; the learner is told each time, and the session goes on. If the
        // last one failed, leaving says so again and exits with a failure (a full disk at `quit` once exited 0).
        var unsaved: SaveFailure?
        func save() {
            do throws(SaveFailure) {
                try store.save(box.session.progress)
                unsaved = nil
            } catch {
                FileHandle.standardError.write(Data("rolecall: \(error.message)\n".utf8))
                unsaved = error
            }
        }

        box.session.announcesEndOfInput = editor != nil
        let isNewLearner = box.session.progress.lessons.count <= 1 && box.session.progress.questions.isEmpty
        FileHandle.standardOutput.write(Data(box.session.opening().utf8))
        // A returning learner's file already says all this; a new one gets a file straight away.
        if isNewLearner { save() }
        let fullLoad = BackgroundCourseLoad(directory: directory)
        let endpoint = EndpointProcess()
        var courseFailure: Error?
        let sinks = LoopSinks(
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            errors: { FileHandle.standardError.write(Data($0.utf8)) },
            beforePrompt: {
                box.session.renderer.width = editor?.columns ?? TerminalSize.columns()
                ClassConnection.showNotices(of: classSync)
                // An instructor's lock takes effect at the next prompt.
                box.session.openThrough = classSync?.openThrough
            },
            beforeFirstLine: {
                do {
                    box.session.replaceCourse(try CourseOption.check(fullLoad.wait()))
                    return true
                } catch {
                    courseFailure = error
                    return false
                }
            },
            afterReply: { reply in
                if reply.changed { save() }
                log(box.session.takeEvents())
                endpoint.follow(&box.session)
            })
        // While the learner types, requests from their own aws CLI are answered (and saved, and logged) in between.
        endpoint.attach(to: reader, session: { box.session }, update: { box.session = $0 }) { changed in
            if changed { save() }
            log(box.session.takeEvents())
        }
        defer { endpoint.stop() }
        SessionLoop.run(reader: reader, sinks: sinks, session: { box.session }, update: { box.session = $0 })
        classSync?.finish()
        ClassConnection.showNotices(of: classSync)
        if let unsaved {
            let unsavedFailure = RoleCallFailure.unsavedAtExit(unsaved)
            guard let courseFailure else { throw unsavedFailure }
            FileHandle.standardError.write(Data("rolecall: \(unsavedFailure.message)\n".utf8))
            throw courseFailure
        }
        if let courseFailure { throw courseFailure }
    }
}

/// The session, shared with the completer the line editor calls back into.
final class SessionBox {
    var session: TutorSession
    init(_ session: TutorSession) { self.session = session }
}

/// The full course load, running on its own thread from the moment it is created.
final class BackgroundCourseLoad: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: CourseLoader.Result?

    init(directory: String) {
        let thread = Thread { [self] in
            // One core: the other stays with the learner's terminal while the first prompt appears.
            result = CourseLoader.load(directory: directory, concurrently: false)
            done.signal()
        }
        thread.start()
    }

    func wait() -> CourseLoader.Result {
        done.wait()
        done.signal()
        return result!
    }
}

extension TutorSession: EndpointSession {}
