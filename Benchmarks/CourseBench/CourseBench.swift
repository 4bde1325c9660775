import Foundation
import Lessons

/// Loads a course repeatedly and prints how long one load takes: the whole course (parsed on all cores, then
/// cross-checked), and the tutor's quick start (one lesson in full, the others' headers from the header cache).
/// Each figure is the median of one run of 100 loads; five runs give min / median / max.
/// Run with `make bench` (release build); targets: whole course under 5 ms (13 lessons), quick start flat in
/// the size of the course.
@main
struct CourseBench {
    static func measure(_ runs: Int, _ iterations: Int, _ body: () -> Void) -> [Double] {
        var medians: [Double] = []
        for _ in 0..<runs {
            var samples: [Double] = []
            for _ in 0..<iterations {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            }
            samples.sort()
            medians.append(samples[samples.count / 2])
        }
        return medians.sorted()
    }

    static func main() {
        let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Lessons"
        let first = CourseLoader.load(directory: directory)
        guard let course = first.course, !first.diagnostics.hasErrors else {
            print("course-load: the course at \(directory) has errors; run 'rolecall lint'")
            exit(1)
        }
        let steps = course.lessons.reduce(0) { $0 + $1.steps.count }
        let full = measure(5, 100) { _ = CourseLoader.load(directory: directory) }
        print(String(format: "course-load: %d lessons, %d steps, whole course: %.2f / %.2f / %.2f ms (min / median / max of 5 runs)",
                     course.lessons.count, steps, full[0], full[2], full[4]))
        let cache = LessonHeaderCache(path: NSTemporaryDirectory() + "course-bench-\(getpid()).json")
        let middle = course.lessons[course.lessons.count / 2].id
        _ = CourseLoader.load(directory: directory, quickStartingAt: .some(middle), headerCache: cache)
        let quick = measure(5, 100) { _ = CourseLoader.load(directory: directory, quickStartingAt: .some(middle), headerCache: cache) }
        print(String(format: "course-load: %d lessons, quick start with the header cache: %.2f / %.2f / %.2f ms (min / median / max of 5 runs)",
                     course.lessons.count, quick[0], quick[2], quick[4]))
        unlink(cache.path)
    }
}
