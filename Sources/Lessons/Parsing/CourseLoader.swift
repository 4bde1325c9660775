import Suggestions
import Foundation
import Yams

/// Loads a course folder: `course.yaml` and every lesson file in it, then checks what spans lessons.
public enum CourseLoader {
    public struct Result: Sendable {
        /// Nil only when nothing usable could be read (no course.yaml, or no lesson parsed).
        public var course: Course?
        public var diagnostics: [Diagnostic]
        /// The folder named is not there at all: a matter of where the course is, not of what it says.
        public var folderIsMissing = false
    }

    public static let courseFileName = "course.yaml"

    /// Loads the course in `directory`. Paths in diagnostics are `directory` joined with the file name, as given.
    ///
    /// With `onlyLesson`, only that lesson is parsed in full (the first listed when it is nil or unknown) and the
    /// others are read as far as their front matter, without the checks that span lessons: what a learner needs
    /// to see the first prompt quickly, while the full load runs on another thread.
    /// `headerCache` (quick start only) remembers every lesson's front matter between launches, so the start does
    /// not grow with the course: unchanged files are not read at all.
    /// With `concurrently` false, lessons are parsed one after another: for a load in the background that should
    /// leave the other core to the learner's terminal.
    public static func load(directory: String, quickStartingAt onlyLesson: String?? = .none, headerCache: LessonHeaderCache? = nil,
                            concurrently: Bool = true) -> Result {
        var diagnostics: [Diagnostic] = []
        let fileManager = FileManager.default
        let coursePath = join(directory, courseFileName)

        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(Diagnostic(at: SourceLocation(file: directory, line: 1), "no course folder here: '\(directory)' is not a directory"))
            return Result(course: nil, diagnostics: diagnostics, folderIsMissing: true)
        }

        let names = ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
            .sorted()
        let manifestText = readText(coursePath)
        var reader = YAMLReader(file: coursePath, lineOffset: 0)
        let manifest: Manifest? = if case .success(let text) = manifestText { parseManifest(text, reader: &reader) } else { nil }

        // Lessons are independent until they are cross-checked, so they are read and parsed on all cores.
        let quick = onlyLesson != nil
        let results = quick
            ? parseForQuickStart(names.map { join(directory, $0) }, lessonID: onlyLesson ?? nil, firstListed: manifest?.lessonIDs.first?.0,
                                 cache: headerCache)
            : parse(names.map { join(directory, $0) }, concurrently: concurrently)
        var lessons: [Lesson] = []
        for result in results {
            diagnostics += result.diagnostics
            if let lesson = result.lesson { lessons.append(lesson) }
        }

        guard let manifest else {
            diagnostics.append(Diagnostic(at: SourceLocation(file: coursePath, line: 1),
                "missing \(courseFileName): the course needs one, with 'title' and 'lessons' (the lesson ids in order)"))
            return Result(course: nil, diagnostics: diagnostics)
        }
        diagnostics += reader.diagnostics


        let ordered = order(lessons, by: manifest, coursePath: coursePath, diagnostics: &diagnostics)
        let course = Course(title: manifest.title ?? "Untitled course", description: manifest.description ?? "",
                            lessons: ordered, directory: directory, grading: manifest.grading)
        if !quick { diagnostics += CourseLinter.check(course, allLessons: lessons) }
        if names.isEmpty {
            diagnostics.append(Diagnostic(at: SourceLocation(file: coursePath, line: 1), "the course folder has no lesson files (*.md)"))
        }
        return Result(course: course, diagnostics: diagnostics.sortedByLocation())
    }

    /// Loads a single lesson file on its own, for `rolecall lint FILE`.
    public static func loadLesson(path: String) -> LessonParser.Result {
        switch readText(path) {
        case .success(let text):
            var result = LessonParser.parse(text, file: path)
            if let lesson = result.lesson {
                result.diagnostics += CourseLinter.checkWithinLesson(lesson)
            }
            result.diagnostics = result.diagnostics.sortedByLocation()
            return result
        case .failure(let diagnostic):
            return LessonParser.Result(lesson: nil, diagnostics: [diagnostic])
        }
    }

    /// Front matter of every lesson, then the body of the one the tutor will open: the one wanted, or, when there is
    /// no such lesson any more, the first the course lists (where the tutor starts then), else the first file.
    private static func parseForQuickStart(_ paths: [String], lessonID: String?, firstListed: String?,
                                           cache: LessonHeaderCache?) -> [LessonParser.Result] {
        let cached = cache?.read() ?? [:]
        var fresh: [String: LessonHeaderCache.Entry] = [:]
        var results: [LessonParser.Result] = paths.map { path in
            let stamp = LessonHeaderCache.Stamp(path: path)
            if let stamp, let entry = cached[path], entry.stamp == stamp {
                fresh[path] = entry
                return LessonParser.Result(lesson: entry.lesson, diagnostics: [])
            }
            switch readText(path) {
            case .success(let text):
                let result = LessonParser.parse(text, file: path, headerOnly: true)
                if let stamp, let lesson = result.lesson, result.diagnostics.isEmpty {
                    fresh[path] = LessonHeaderCache.Entry(stamp: stamp, lesson: lesson)
                }
                return result
            case .failure(let diagnostic):
                return LessonParser.Result(lesson: nil, diagnostics: [diagnostic])
            }
        }
        if let cache, fresh.count != cached.count || fresh.contains(where: { cached[$0.key]?.stamp != $0.value.stamp }) {
            cache.write(fresh)
        }
        let index = results.firstIndex { $0.lesson?.id == lessonID } ?? results.firstIndex { $0.lesson?.id == firstListed }
            ?? results.firstIndex { $0.lesson != nil }
        if let index, case .success(let text) = readText(paths[index]) {
            results[index] = LessonParser.parse(text, file: paths[index])
        }
        return results
    }

    private static func parse(_ paths: [String], concurrently: Bool) -> [LessonParser.Result] {
        let results = ResultSlots(count: paths.count)
        let each: @Sendable (Int) -> Void = { index in
            let path = paths[index]
            switch readText(path) {
            case .success(let text): results.store(LessonParser.parse(text, file: path), at: index)
            case .failure(let diagnostic): results.store(LessonParser.Result(lesson: nil, diagnostics: [diagnostic]), at: index)
            }
        }
        if concurrently {
            DispatchQueue.concurrentPerform(iterations: paths.count, execute: each)
        } else {
            paths.indices.forEach(each)
        }
        return results.values
    }

    /// One slot per file, each written by exactly one worker; the lock makes the hand-over visible to the caller.
    private final class ResultSlots: @unchecked Sendable {
        private var slots: [LessonParser.Result?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ result: LessonParser.Result, at index: Int) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        var values: [LessonParser.Result] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0 ?? LessonParser.Result(lesson: nil, diagnostics: []) }
        }
    }

    struct Manifest {
        var title: String?
        var description: String?
        var lessonIDs: [(String, SourceLocation)] = []
        var grading = GradingPolicy()
    }

    static func parseManifest(_ text: String, reader: inout YAMLReader) -> Manifest {
        var manifest = Manifest()
        let start = SourceLocation(file: reader.file, line: 1)
        guard let root = reader.compose(text, what: courseFileName), let mapping = reader.mapping(root, what: courseFileName) else {
            return manifest
        }
        reader.rejectUnknownKeys(in: mapping, allowed: ["title", "description", "lessons", "grading"], what: courseFileName)
        manifest.title = reader.string("title", in: mapping, required: true, at: start, what: courseFileName)
        manifest.description = reader.string("description", in: mapping, required: false, at: start, what: courseFileName)
        manifest.lessonIDs = reader.locatedStrings("lessons", in: mapping, required: true, at: start, what: courseFileName) ?? []
        if let node = reader.value("grading", in: mapping), let grading = reader.mapping(node, what: "grading") {
            let what = "grading"
            reader.rejectUnknownKeys(in: grading, allowed: ["skipped-points", "hint-penalty", "later-attempts", "max-attempts"], what: what)
            if let points = reader.integer("skipped-points", in: grading, required: false, at: start, what: what) { manifest.grading.skippedPoints = points }
            if let penalty = reader.integer("hint-penalty", in: grading, required: false, at: start, what: what) { manifest.grading.hintPenalty = penalty }
            if let limit = reader.integer("max-attempts", in: grading, required: false, at: start, what: what) {
                if limit >= 1 {
                    manifest.grading.maxAttempts = limit
                } else {
                    reader.report(at: reader.value("max-attempts", in: grading).map(reader.location(of:)) ?? start,
                                  "max-attempts must be 1 or more, not \(limit)")
                }
            }
            if let rule = reader.string("later-attempts", in: grading, required: false, at: start, what: what) {
                if let value = GradingPolicy.LaterAttempts(rawValue: rule) {
                    manifest.grading.laterAttempts = value
                } else {
                    reader.report(at: reader.value("later-attempts", in: grading).map(reader.location(of:)) ?? start,
                                  "later-attempts must be one of \(GradingPolicy.LaterAttempts.allCases.map(\.rawValue).joined(separator: ", ")), not '\(rule)'")
                }
            }
        }
        return manifest
    }

    private static func order(_ lessons: [Lesson], by manifest: Manifest, coursePath: String, diagnostics: inout [Diagnostic]) -> [Lesson] {
        var byID: [String: Lesson] = [:]
        for lesson in lessons where byID[lesson.id] == nil { byID[lesson.id] = lesson }
        var ordered: [Lesson] = []
        var listed = Set<String>()
        for (id, location) in manifest.lessonIDs {
            guard listed.insert(id).inserted else {
                diagnostics.append(Diagnostic(at: location, "lesson '\(id)' is listed twice"))
                continue
            }
            guard let lesson = byID[id] else {
                let suggestion = Suggestions.nearest(to: id, among: byID.keys).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(Diagnostic(at: location, "course lists lesson '\(id)', but no lesson file has that id\(suggestion)"))
                continue
            }
            ordered.append(lesson)
        }
        if !manifest.lessonIDs.isEmpty {
            for lesson in lessons where !listed.contains(lesson.id) {
                diagnostics.append(Diagnostic(at: lesson.location,
                    "lesson '\(lesson.id)' is not listed in \(courseFileName): add it under 'lessons' where it belongs in the course"))
            }
        }
        return ordered
    }

    enum ReadFailure: Error { case diagnostic(Diagnostic) }

    static func readText(_ path: String) -> Swift.Result<String, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(at: SourceLocation(file: path, line: 1), "cannot read the file"))
        }
        if let text = String(data: data, encoding: .utf8) { return .success(text) }
        // Point at the first line holding a byte sequence that is not UTF-8.
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == UInt8(ascii: "\n") || index == data.index(before: data.endIndex) {
            let end = data[index] == UInt8(ascii: "\n") ? index : data.endIndex
            if String(data: data[start..<end], encoding: .utf8) == nil { break }
            line += 1
            start = data.index(after: index)
        }
        return .failure(Diagnostic(at: SourceLocation(file: path, line: line), "the file is not valid UTF-8: save it with UTF-8 encoding"))
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension Diagnostic: Error {}
