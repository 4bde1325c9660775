/// The botocore models' documentation for the help pages, generated as plain text into `Specs/Generated/*Documentation.swift`
/// (the service's own description under `""`, operations by API name, input members as `Operation.Member`).
enum HelpText {
    static func service(_ cliName: String) -> String? {
        text(cliName, "")
    }

    static func operation(_ operation: OperationSpec, in service: ServiceSpec) -> String? {
        text(service.cliName, operation.apiName)
    }

    static func member(_ member: String, of operation: OperationSpec, in service: ServiceSpec) -> String? {
        text(service.cliName, operation.apiName + "." + member)
    }

    private static func text(_ service: String, _ key: String) -> String? {
        byService[service]?[key].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Greedy word wrap for the page's indented body: paragraphs stay apart, a word longer than the width (a URL)
    /// gets a line of its own rather than being cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for (index, paragraph) in text.components(separatedBy: "\n\n").enumerated() {
            if index > 0 { lines.append("") }
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }
}
