import Foundation
import Lessons

/// Grades many transcripts at once, on every core: each learner's replay is independent of the others.
public enum Gradebook {
    public static func grade(_ entries: [TranscriptSet.Entry], regrader: Regrader, signer: TranscriptSigner) -> [LearnerReport] {
        let slots = Slots(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            let entry = entries[index]
            let data = FileManager.default.contents(atPath: entry.path) ?? Data()
            let audit = TranscriptVerifier.verify(data, signer: signer)
            let name = audit.records.first { $0.event.kind == .sessionStart }?.event.learner ?? entry.learner
            slots.store(regrader.grade(learner: name, audit: audit), at: index)
        }
        return slots.values.sorted { $0.learner < $1.learner }
    }

    /// One slot per transcript, each written by one worker; the lock publishes the results to the caller.
    private final class Slots: @unchecked Sendable {
        private var reports: [LearnerReport?]
        private let lock = NSLock()

        init(count: Int) { reports = Array(repeating: nil, count: count) }

        func store(_ report: LearnerReport, at index: Int) {
            lock.lock()
            reports[index] = report
            lock.unlock()
        }

        var values: [LearnerReport] {
            lock.lock()
            defer { lock.unlock() }
            return reports.compactMap { $0 }
        }
    }
}
