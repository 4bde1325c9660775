/// argparse's "Invalid choice" message as the CLI customises it: choices two to a line, 40 columns each, and
/// close matches ("maybe you meant") found with difflib's similarity ratio.
enum ChoiceList {
    static func invalidChoice(_ value: String, choices: [String]) -> String {
        var lines = ["Invalid choice, valid choices are:\n"]
        var start = 0
        while start < choices.count {
            let row = choices[start..<min(start + 2, choices.count)].map { $0.padding(toLength: max(40, $0.count), withPad: " ", startingAt: 0) }
            lines.append(row.joined(separator: " | "))
            start += 2
        }
        let suggestions = SimilarWords.closeMatches(to: value, in: choices)
        if !suggestions.isEmpty {
            lines.append("\n\nInvalid choice: \(PythonText.stringRepr(value)), maybe you meant:\n")
            lines.append(contentsOf: suggestions.map { "  * " + $0 })
        }
        return lines.joined(separator: "\n")
    }
}
