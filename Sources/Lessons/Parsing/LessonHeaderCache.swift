import Foundation

/// The front matter of every lesson file, remembered between launches so that the tutor's quick start does not
/// read and parse every lesson of a large course: a file whose size, modification time and inode are unchanged
/// has the header it had. Only a missing or changed file is read. The cache is a convenience: when it cannot be
/// read or written, the course loads as without it.
public struct LessonHeaderCache: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// What identifies a file's contents without reading it.
    struct Stamp: Equatable {
        var size: Int64
        var modified: Int64
        var inode: UInt64

        init(size: Int64, modified: Int64, inode: UInt64) {
            self.size = size
            self.modified = modified
            self.inode = inode
        }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            inode = UInt64(info.st_ino)
        }
    }

    struct Entry {
        var stamp: Stamp
        var id: String
        var title: String
        var summary: String
        var minutes: Int
        var objectives: [String]
        var prerequisites: [String]
        var location: SourceLocation

        init(stamp: Stamp, id: String, title: String, summary: String, minutes: Int, objectives: [String],
             prerequisites: [String], location: SourceLocation) {
            self.stamp = stamp
            self.id = id
            self.title = title
            self.summary = summary
            self.minutes = minutes
            self.objectives = objectives
            self.prerequisites = prerequisites
            self.location = location
        }

        init(stamp: Stamp, lesson: Lesson) {
            self.stamp = stamp
            id = lesson.id
            title = lesson.title
            summary = lesson.summary
            minutes = lesson.minutes
            objectives = lesson.objectives
            prerequisites = lesson.prerequisites
            location = lesson.location
        }

        /// The lesson as a header-only parse gives it; the sandbox seed is left out (only the lesson the tutor
        /// opens needs one, and that lesson is always parsed in full).
        var lesson: Lesson {
            Lesson(id: id, title: title, summary: summary, minutes: minutes, objectives: objectives,
                   prerequisites: prerequisites, steps: [], location: location)
        }
    }

    /// The file is lines of fields separated by U+001F (lists inside a field by U+001E): lesson headers hold no
    /// control characters, and reading it costs a split instead of a JSON decoder on the tutor's start path.
    static let header = "rolecall lesson headers 1"

    func read() -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let bytes = [UInt8](data)
        var entries: [String: Entry] = [:]
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst(), first.elementsEqual(Self.header.utf8) else { return [:] }
        func text(_ field: ArraySlice<UInt8>) -> String { String(decoding: field, as: UTF8.self) }
        func number<T: FixedWidthInteger>(_ field: ArraySlice<UInt8>, _ type: T.Type) -> T? {
            var value: T = 0
            guard !field.isEmpty else { return nil }
            for byte in field {
                guard (0x30...0x39).contains(byte) else { return nil }
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(T(byte - 0x30))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
            }
            return value
        }
        func list(_ field: ArraySlice<UInt8>) -> [String] {
            field.isEmpty ? [] : field.split(separator: 0x1E, omittingEmptySubsequences: false).map(text)
        }
        for line in lines {
            let fields = line.split(separator: 0x1F, omittingEmptySubsequences: false)
            guard fields.count == 12, let size = number(fields[1], Int64.self), let modified = number(fields[2], Int64.self),
                  let inode = number(fields[3], UInt64.self), let minutes = number(fields[7], Int.self),
                  let lineNumber = number(fields[10], Int.self), let column = number(fields[11], Int.self) else { continue }
            let path = text(fields[0])
            entries[path] = Entry(stamp: Stamp(size: size, modified: modified, inode: inode), id: text(fields[4]),
                                  title: text(fields[5]), summary: text(fields[6]), minutes: minutes,
                                  objectives: list(fields[8]), prerequisites: list(fields[9]),
                                  location: SourceLocation(file: path, line: lineNumber, column: column))
        }
        return entries
    }

    func write(_ entries: [String: Entry]) {
        func clean(_ text: String) -> String { String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" }.map(Character.init)) }
        var text = Self.header + "\n"
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            let fields = [path, String(entry.stamp.size), String(entry.stamp.modified), String(entry.stamp.inode), entry.id,
                          entry.title, entry.summary, String(entry.minutes),
                          entry.objectives.map(clean).joined(separator: "\u{1E}"), entry.prerequisites.map(clean).joined(separator: "\u{1E}"),
                          String(entry.location.line), String(entry.location.column)]
            text += fields.enumerated().map { $0.offset >= 8 && $0.offset <= 9 ? $0.element : clean($0.element) }.joined(separator: "\u{1F}") + "\n"
        }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)), rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
    }
}
