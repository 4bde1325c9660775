import Foundation
import Grading
import Lessons
import Rendering
import Transcripts

/// Writes full-course transcripts (1,000 unless told) (every question answered, some wrongly first; every task solved by its
/// reference commands; one learner in four also types a mistake of their own in every lesson, so their replays
/// differ from everyone else's), then times `rolecall grade`'s work on them: reading, verifying signatures,
/// re-checking answers and replaying every command in a fresh sandbox, several times over (`GRADING_BENCH_RUNS`).
/// Target: 10,000 in under 10 seconds.
@main
struct GradingBench {
    static func main() throws {
        let courseDirectory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Lessons"
        let count = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 1000 : 1000
        guard let course = CourseLoader.load(directory: courseDirectory).course else {
            print("grading: cannot load the course at \(courseDirectory)")
            exit(1)
        }
        // GRADING_BENCH_FOLDER keeps the transcripts between runs (writing 10,000 takes longer than grading them).
        let kept = ProcessInfo.processInfo.environment["GRADING_BENCH_FOLDER"].map { URL(fileURLWithPath: $0) }
        let folder = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-grading-bench-\(UUID().uuidString)")
        let signer = TranscriptSigner(secret: "benchmark-key")
        var events: [LearningEvent] = [LearningEvent.sessionStart(learner: "learner", course: CourseFingerprint.of(directory: courseDirectory))]
        for lesson in course.lessons {
            events.append(LearningEvent(.lessonEntered, lesson: lesson.id))
            for step in lesson.steps {
                switch step.interaction {
                case .question(let question):
                    if question.kind == .singleChoice { events.append(LearningEvent(.answer, lesson: lesson.id, item: question.id, input: "z")) }
                    events.append(LearningEvent(.answer, lesson: lesson.id, item: question.id, input: question.answerDescription))
                case .task(let task):
                    for command in task.solution { events.append(LearningEvent(.command, lesson: lesson.id, item: task.id, input: command)) }
                case .none:
                    events.append(LearningEvent(.stepEntered, lesson: lesson.id, step: step.id))
                }
            }
        }
        let courseEvents = events
        let alreadyWritten = kept.map { TranscriptSet.find([$0.path]).entries.count == count } ?? false
        // A kept folder of another size is written again, so the bench grades exactly `count` transcripts.
        if let kept, !alreadyWritten { try? FileManager.default.removeItem(at: kept) }
        // Written on every core: each learner's file is independent.
        DispatchQueue.concurrentPerform(iterations: alreadyWritten ? 0 : count) { index in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var previous: TranscriptRecord?
            var data = Data()
            var learnerEvents = courseEvents
            learnerEvents[0].learner = "learner-\(index)"
            if index % 4 == 0 {
                // A mistake of this learner's own at the start of each lesson makes the rest of their replay unique.
                for position in learnerEvents.indices.reversed() where learnerEvents[position].kind == .lessonEntered {
                    let mistake = LearningEvent(.command, lesson: learnerEvents[position].lesson, input: "aws iam get-role --role-name Nobody\(index)")
                    learnerEvents.insert(mistake, at: position + 1)
                }
            }
            for (position, event) in learnerEvents.enumerated() {
                let record = signer.record(event, time: "2026-11-28T10:\(String(format: "%02d", position / 60 % 60)):\(String(format: "%02d", position % 60))Z", after: previous)
                data += try! encoder.encode(record) + Data("\n".utf8)
                previous = record
            }
            let learnerFolder = folder.appendingPathComponent("learners/learner-\(index)")
            try! FileManager.default.createDirectory(at: learnerFolder, withIntermediateDirectories: true)
            try! data.write(to: learnerFolder.appendingPathComponent("transcript.jsonl"))
        }
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }

        let entries = TranscriptSet.find([folder.path]).entries
        // Where the time goes, on one thread: checking signatures, then re-grading (answers and replays), for
        // learners whose commands are their own and for those whose replay another learner's already made.
        func number(_ entry: TranscriptSet.Entry) -> Int { Int(entry.learner.split(separator: "-").last ?? "") ?? 1 }
        let own = entries.filter { number($0) % 4 == 0 }.prefix(40)
        let shared = entries.filter { number($0) % 4 != 0 }.prefix(40)
        let sampleRegrader = Regrader(course: course)
        func milliseconds(_ entries: ArraySlice<TranscriptSet.Entry>) -> (verify: [Double], grade: [Double]) {
            var verify: [Double] = [], grade: [Double] = []
            for entry in entries {
                let data = FileManager.default.contents(atPath: entry.path) ?? Data()
                let t0 = DispatchTime.now().uptimeNanoseconds
                let audit = TranscriptVerifier.verify(data, signer: signer)
                let t1 = DispatchTime.now().uptimeNanoseconds
                _ = sampleRegrader.grade(learner: entry.learner, audit: audit)
                let t2 = DispatchTime.now().uptimeNanoseconds
                verify.append(Double(t1 - t0) / 1e6)
                grade.append(Double(t2 - t1) / 1e6)
            }
            return (verify, grade)
        }
        func median(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.sorted()[values.count / 2] }
        _ = milliseconds(shared.prefix(2))
        let ownTimes = milliseconds(own), sharedTimes = milliseconds(shared)
        print(String(format: "grading: per transcript on one thread (median of %d): verify %.2f ms; re-grade %.2f ms when the learner's commands are their own, %.2f ms when another learner's replay is shared",
                     own.count + shared.count, median(ownTimes.verify + sharedTimes.verify), median(ownTimes.grade), median(sharedTimes.grade)))

        // The whole class graded several times over (GRADING_BENCH_RUNS, 3 unless told), each with a fresh grader
        // (no replays remembered from the run before), so a noisy machine shows as spread rather than as a result.
        let runs = max(1, ProcessInfo.processInfo.environment["GRADING_BENCH_RUNS"].flatMap { Int($0) } ?? 3)
        var times: [Double] = []
        var reports: [LearnerReport] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            reports = Gradebook.grade(entries, regrader: Regrader(course: course), signer: signer)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let perfect = reports.filter { $0.lessons.allSatisfy { $0.tasksDone == $0.tasksTotal } && $0.problems.isEmpty }.count
        let commands = events.filter { $0.kind == .command }.count
        let sorted = times.sorted()
        print(String(format: "grading: %d transcripts of %d events (%d commands replayed each) in %.2f / %.2f / %.2f s (min / median / max of %d runs), %.1f ms each at the median; %d fully solved (target: 10,000 in under 10 s)",
                     reports.count, events.count, commands, sorted[0], median(times), sorted[sorted.count - 1], runs,
                     median(times) * 1000 / Double(max(1, reports.count)), perfect))
    }
}
