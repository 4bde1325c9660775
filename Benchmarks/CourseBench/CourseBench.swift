import Foundation
import Lessons

/// Loads and parses the whole course repeatedly and prints how long one load takes.
/// Run it with `make bench` (release build); the target is under 5 ms per load.
@main
struct CourseBench {
    static func main() {
        let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Lessons"
        let iterations = 200
        var samples: [Double] = []
        var lessonCount = 0, stepCount = 0
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = CourseLoader.load(directory: directory)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            samples.append(elapsed)
            guard let course = result.course, !result.diagnostics.hasErrors else {
                print("course-load: the course at \(directory) has errors; run 'rolecall lint'")
                exit(1)
            }
            lessonCount = course.lessons.count
            stepCount = course.lessons.reduce(0) { $0 + $1.steps.count }
        }
        samples.sort()
        let median = samples[samples.count / 2]
        let p95 = samples[samples.count * 95 / 100]
        print(String(format: "course-load: %d lessons, %d steps: median %.2f ms, p95 %.2f ms, min %.2f ms over %d loads (target < 5 ms)",
                     lessonCount, stepCount, median, p95, samples[0], iterations))
    }
}
