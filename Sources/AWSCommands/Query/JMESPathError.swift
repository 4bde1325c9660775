/// JMESPath failures, worded as python-jmespath words them so `--query` errors match the CLI.
enum JMESPathError: Error, Equatable {
    case lexer(position: Int, message: String, expression: String)
    case parse(position: Int, tokenText: String, tokenType: String, message: String, expression: String)
    case incomplete(position: Int, expression: String)
    /// Raised while evaluating, e.g. `Unknown function: foo()`.
    case evaluation(String)

    var description: String {
        switch self {
        case let .lexer(position, message, expression):
            return "Bad jmespath expression: \(message):\n\(expression)\n\(String(repeating: " ", count: position))^"
        case let .parse(position, tokenText, tokenType, message, expression):
            return "\(message): Parse error at column \(position), token \"\(tokenText)\" (\(tokenType.uppercased())), "
                + "for expression:\n\"\(expression)\"\n\(String(repeating: " ", count: position + 1))^"
        case let .incomplete(position, expression):
            return "Invalid jmespath expression: Incomplete expression:\n\"\(expression)\"\n"
                + "\(String(repeating: " ", count: position + 1))^"
        case .evaluation(let message):
            return message
        }
    }
}
