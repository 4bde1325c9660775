import ArgumentParser
import Foundation
import Lessons

/// Where the course lives: `--course DIR`, else `$ROLECALL_COURSE`, else a `Lessons` folder in the current
/// directory, else the `Lessons` folder of the checkout the executable was built in.
struct CourseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The course folder (holding course.yaml).", valueName: "dir"))
    var course: String?

    func resolvedDirectory() -> String {
        if let course { return course }
        if let fromEnvironment = ProcessInfo.processInfo.environment["ROLECALL_COURSE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: "Lessons/\(CourseLoader.courseFileName)") { return "Lessons" }
        var folder = URL(fileURLWithPath: ExecutablePath.current).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Lessons")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent(CourseLoader.courseFileName).path) {
                return candidate.path
            }
            folder.deleteLastPathComponent()
        }
        return "Lessons"
    }

    /// Where the quick start remembers the lesson headers of the course in `directory`:
    /// `$XDG_CACHE_HOME/rolecall` (else `~/.cache/rolecall`), one file per course folder.
    static func headerCache(for directory: String) -> LessonHeaderCache {
        let environment = ProcessInfo.processInfo.environment
        let root = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
        let absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in absolute.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return LessonHeaderCache(path: root + "/rolecall/course-headers-" + String(hash, radix: 16) + ".json")
    }

    /// Loads the course, or fails with every error found, compiler-style, so the learner knows what to fix.
    func loadCourse() throws -> Course {
        try Self.check(CourseLoader.load(directory: resolvedDirectory()))
    }

    /// The course, or a failure after printing every error found.
    static func check(_ result: CourseLoader.Result) throws -> Course {
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard let course = result.course, errors.isEmpty else {
            let advice = result.folderIsMissing
                ? "No course was found: name its folder (the one holding course.yaml) with --course DIR, or set ROLECALL_COURSE, or run rolecall from the folder that holds Lessons."
                : "The course has errors; run 'rolecall lint' for the full list."
            let report = result.diagnostics.map(\.description) + [advice]
            FileHandle.standardError.write(Data((report.joined(separator: "\n") + "\n").utf8))
            throw ExitCode.failure
        }
        return course
    }
}

