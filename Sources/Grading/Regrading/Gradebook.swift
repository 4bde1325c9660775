import Foundation
import Lessons
import SavedFiles
import Transcripts

/// Grades many transcripts at once, on every core: each learner's replay is independent of the others.
public enum Gradebook {
    public static func grade(_ entries: [TranscriptSet.Entry], regrader: Regrader, signer: TranscriptSigner) -> [LearnerReport] {
        let slots = Slots(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            let entry = entries[index]
            var audit: TranscriptAudit
            switch TranscriptSet.read(entry.path) {
            case .success(let data):
                audit = TranscriptVerifier.verify(data, signer: signer)
            case .failure(let failure):
                audit = .inaccessible(failure.reason, wasSigned: signer.signs)
            }
            // The folder says whose transcript this is; the signed session records say whose it was. A transcript
            // copied into another learner's folder is graded under the folder's name and flagged. (The tutor keeps
            // "Jean Dupont" in `Jean_Dupont`: that is the learner's own folder.)
            if entry.isInLearnerFolder,
               let position = audit.records.firstIndex(where: { record in
                   guard record.event.kind == .sessionStart, let learner = record.event.learner else { return false }
                   return !LearnerFolder.holds(entry.learner, learner: learner)
               }) {
                audit.problems.append(.init(kind: .misplaced, line: audit.recordLines[position], detail: "the transcript was written by \(audit.records[position].event.learner ?? "?"), but it is in \(entry.learner)'s folder"))
            }
            let name = entry.isInLearnerFolder ? entry.learner
                : (audit.records.first { $0.event.kind == .sessionStart }?.event.learner ?? entry.learner)
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
