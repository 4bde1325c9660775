/// Cuts a lesson file into its YAML front matter and its markdown body. Works on UTF-8 bytes: this runs for every
/// lesson at start-up, and splitting the whole file into `Character`s would cost more than parsing it.
enum FrontMatterSplitter {
    struct Parts {
        var yaml: String
        /// The body with the front matter's lines left blank, so cmark's line numbers are the file's.
        var body: String
        /// The 1-based line of the closing `---`, or nil when the front matter is never closed.
        var closingLine: Int?
    }

    /// Nil when the file does not start with a `---` line.
    static func split(_ text: String) -> Parts? {
        let bytes = Array(text.utf8)
        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }

        func line(_ number: Int) -> ArraySlice<UInt8> {
            let start = lineStarts[number - 1]
            let end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
            return bytes[start..<max(start, end)]
        }

        func isFence(_ number: Int) -> Bool {
            var content = line(number)
            while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\r") || last == UInt8(ascii: "\t") {
                content.removeLast()
            }
            return content.elementsEqual("---".utf8)
        }

        guard isFence(1) else { return nil }
        guard let closing = (2...max(2, lineStarts.count)).first(where: { $0 <= lineStarts.count && isFence($0) }) else {
            return Parts(yaml: "", body: "", closingLine: nil)
        }
        let yamlStart = lineStarts[1]
        let yamlEnd = max(yamlStart, lineStarts[closing - 1] - 1)
        let bodyStart = closing < lineStarts.count ? lineStarts[closing] : bytes.count
        let yaml = String(decoding: bytes[yamlStart..<yamlEnd], as: UTF8.self)
        let body = String(repeating: "\n", count: closing) + String(decoding: bytes[bodyStart...], as: UTF8.self)
        return Parts(yaml: yaml, body: body, closingLine: closing)
    }
}
