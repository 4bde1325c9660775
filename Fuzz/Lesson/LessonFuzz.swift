import FuzzSupport
import Lessons

/// A lesson file through the parser and the lint checks within a lesson.
public func fuzzLesson(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    let result = LessonParser.parse(text, file: "fuzz.md")
    if let lesson = result.lesson {
        _ = CourseLinter.checkWithinLesson(lesson)
        for question in lesson.questions {
            for answer in ["a", "b c", "true", "instance profile", ""] { _ = AnswerChecker.check(answer, against: question) }
        }
    }
    for diagnostic in result.diagnostics { FuzzInput.expect(diagnostic.location.line >= 1, "a diagnostic before line 1: \(diagnostic)") }
    return 0
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzLesson(data, size) }
#else
@main struct Replay { static func main() { FuzzInput.replay(fuzzLesson) } }
#endif
