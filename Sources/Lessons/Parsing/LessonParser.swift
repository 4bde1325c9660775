import Suggestions
import Yams

/// Parses one lesson file: front matter with Yams, the body with cmark, steps split at `##` headings.
public enum LessonParser {
    public struct Result: Sendable {
        public var lesson: Lesson?
        public var diagnostics: [Diagnostic]
    }

    static let frontMatterFields = ["id", "title", "summary", "minutes", "objectives", "prerequisites", "sandbox"]

    /// Parses a lesson. With `headerOnly`, only the front matter is read (the steps are left empty): enough for
    /// the course outline, at a fraction of the cost, for a fast start.
    public static func parse(_ text: String, file: String, headerOnly: Bool = false) -> Result {
        var diagnostics: [Diagnostic] = []
        for finding in headerOnly ? [] : Mojibake.find(in: text) {
            let meant = finding.repaired.map { "; it should probably read '\($0)'" } ?? ""
            diagnostics.append(Diagnostic(
                at: SourceLocation(file: file, line: finding.line, column: finding.column),
                "mojibake '\(finding.text)': UTF-8 text was decoded as Windows-1252 somewhere\(meant)"
            ))
        }

        guard let frontMatter = FrontMatterSplitter.split(text) else {
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1),
                "a lesson must start with YAML front matter: a '---' line, the fields (id, title, summary, minutes, objectives), and another '---' line"))
            return Result(lesson: nil, diagnostics: diagnostics)
        }
        guard let closing = frontMatter.closingLine else {
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1), "the front matter opened here is never closed with a '---' line"))
            return Result(lesson: nil, diagnostics: diagnostics)
        }
        let frontMatterText = frontMatter.yaml
        let body = frontMatter.body

        var reader = YAMLReader(file: file, lineOffset: 1)
        let header = parseFrontMatter(frontMatterText, file: file, reader: &reader)
        diagnostics += reader.diagnostics

        let fallbackTitle = header.title ?? "Introduction"
        let (steps, stepDiagnostics) = headerOnly ? ([], []) : parseSteps(body, file: file, lessonTitle: fallbackTitle)
        diagnostics += stepDiagnostics
        if !headerOnly, let opened = unclosedFence(in: body) {
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: opened),
                                          "the block opened here is never closed: end it with a line of three backticks"))
        }

        guard let id = header.id, let title = header.title, let summary = header.summary, let minutes = header.minutes,
              let objectives = header.objectives else {
            return Result(lesson: nil, diagnostics: diagnostics)
        }
        if steps.isEmpty, !headerOnly {
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: closing + 1), "the lesson has no steps: add '## ' headings with content"))
        }
        var lesson = Lesson(
            id: id, title: title, summary: summary, minutes: minutes, objectives: objectives,
            prerequisites: header.prerequisites, sandbox: header.sandbox, steps: steps, location: header.idLocation
        )
        lesson.prerequisiteLocations = header.prerequisiteLocations
        return Result(lesson: lesson, diagnostics: diagnostics)
    }

    /// The body line (1-based) of a fenced block still open at the end, which Markdown would run to the end of the
    /// lesson: always an author's slip.
    static func unclosedFence(in body: String) -> Int? {
        // Read as UTF-8 lines (a CRLF line ends at its `\r` as well): splitting a whole lesson into Characters
        // cost more than the rest of parsing it.
        var open: (line: Int, marker: UInt8, count: Int)?
        for (index, rawLine) in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine[...]
            let text = line.drop { $0 == UInt8(ascii: " ") }
            guard line.count - text.count <= 3, let first = text.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { continue }
            let run = text.prefix { $0 == first }.count
            guard run >= 3 else { continue }
            if let fence = open {
                if first == fence.marker, run >= fence.count,
                   text.dropFirst(run).allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { open = nil }
            } else {
                open = (index + 1, first, run)
            }
        }
        return open?.line
    }

    struct FrontMatter {
        var id: String?
        var title: String?
        var summary: String?
        var minutes: Int?
        var objectives: [String]?
        var prerequisites: [String] = []
        var prerequisiteLocations: [SourceLocation] = []
        var sandbox = SandboxSeed()
        var idLocation: SourceLocation
    }

    static func parseFrontMatter(_ text: String, file: String, reader: inout YAMLReader) -> FrontMatter {
        let start = SourceLocation(file: file, line: 1)
        var header = FrontMatter(idLocation: start)
        let what = "front matter"
        guard !text.trimmingSpaces().isEmpty else {
            reader.report(at: start, "the front matter is empty: it needs id, title, summary, minutes and objectives")
            return header
        }
        guard let root = reader.compose(text, what: what), let mapping = reader.mapping(root, what: what) else { return header }
        reader.rejectUnknownKeys(in: mapping, allowed: frontMatterFields, what: what)

        if let id = reader.string("id", in: mapping, required: true, at: start, what: what) {
            let location = reader.value("id", in: mapping).map(reader.location(of:)) ?? start
            header.idLocation = location
            if let problem = Identifiers.problem(with: id) { reader.report(at: location, problem) } else { header.id = id }
        }
        header.title = reader.string("title", in: mapping, required: true, at: start, what: what)
        header.summary = reader.string("summary", in: mapping, required: true, at: start, what: what)
        if let minutes = reader.integer("minutes", in: mapping, required: true, at: start, what: what) {
            if minutes <= 0, let node = reader.value("minutes", in: mapping) {
                reader.report(at: reader.location(of: node), "minutes must be a positive whole number")
            } else {
                header.minutes = minutes
            }
        }
        header.objectives = reader.strings("objectives", in: mapping, required: true, at: start, what: what)
        if let prerequisites = reader.locatedStrings("prerequisites", in: mapping, required: false, at: start, what: what) {
            header.prerequisites = prerequisites.map(\.0)
            header.prerequisiteLocations = prerequisites.map(\.1)
        }
        if let sandbox = reader.value("sandbox", in: mapping) {
            var seedParser = SeedParser(reader: reader)
            header.sandbox = seedParser.parse(sandbox)
            reader = seedParser.reader
        }
        return header
    }

    static func parseSteps(_ body: String, file: String, lessonTitle: String) -> ([Step], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var steps: [Step] = []
        var current: Step?
        var interactionLine = 0
        var sawTitleHeading = false

        func finish() {
            guard let step = current else { return }
            steps.append(step)
            current = nil
        }

        for located in MarkdownParser.parseTopLevel(body) {
            let location = SourceLocation(file: file, line: located.line, column: located.column)
            switch located.block {
            case .heading(level: 1, _) where current == nil && steps.isEmpty && !sawTitleHeading:
                sawTitleHeading = true
            case .heading(level: 2, let content):
                finish()
                let title = content.plainText.trimmingSpaces()
                current = Step(id: Identifiers.slug(title), title: title, content: [], location: location)
            case .code(let info, let text):
                let kind = String(info.split(separator: " ").first ?? "")
                if BlockKinds.interactive.contains(kind) {
                    if current == nil {
                        current = Step(id: "introduction", title: lessonTitle, content: [], location: location)
                    }
                    if current?.interaction != nil {
                        diagnostics.append(Diagnostic(at: location,
                            "a step holds at most one question or task (this step already has one at line \(interactionLine)); start a new '## ' step for this one"))
                        continue
                    }
                    var parser = InteractiveBlockParser(file: file, fenceLine: located.line)
                    let interaction = parser.parse(kind: kind, body: text)
                    diagnostics += parser.diagnostics
                    interactionLine = located.line
                    current?.interaction = interaction
                    if interaction == nil { current?.content.append(.paragraph([.text("(This \(kind) could not be read.)")])) }
                } else {
                    if !BlockKinds.codeLanguages.contains(kind.lowercased()) {
                        let suggestion = Suggestions.nearest(to: kind, among: BlockKinds.interactive)
                            .map { "; did you mean '\($0)'?" }
                            ?? "; use one of \(BlockKinds.interactive.joined(separator: ", ")) for an interactive block, or a language such as json or console for code"
                        diagnostics.append(Diagnostic(at: location, "unknown block kind '\(kind)'\(suggestion)"))
                    }
                    fallthrough
                }
            default:
                if current == nil {
                    current = Step(id: "introduction", title: lessonTitle, content: [], location: location)
                }
                if current?.interaction != nil {
                    diagnostics.append(Diagnostic(at: location,
                        "text after the question or task at line \(interactionLine) would be shown before it; move it into the next '## ' step"))
                    continue
                }
                current?.content.append(located.block)
            }
        }
        finish()

        // Step ids key saved progress, so two steps with the same title get distinct ids.
        var seen: [String: Int] = [:]
        for index in steps.indices {
            let id = steps[index].id
            seen[id, default: 0] += 1
            if let count = seen[id], count > 1 { steps[index].id = "\(id)-\(count)" }
        }
        return (steps, diagnostics)
    }
}
