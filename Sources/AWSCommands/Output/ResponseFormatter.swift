import AWSModel
/// Applies `--query` and renders a response in the chosen format, as awscli's formatter.py does.
enum ResponseFormatter {
    static func format(
        _ response: AWSValue, operation: String, format: GlobalOptions.OutputFormat,
        query: (expression: String, node: JMESPathNode)?, terminalWidth: Int, paged: Bool = false
    ) throws(CLIFailure) -> String {
        var data = response.removing("ResponseMetadata")
        // awscli's text formatter writes a paged answer's pages, then the token to resume from as a section of its own,
        // `NEXTTOKEN<tab>…`, last (the --query, if any, is applied to each of the two).
        if format == .text, paged, case .string(let token)? = data["NextToken"] {
            let pages = try Self.format(data.removing("NextToken"), operation: operation, format: .text, query: query, terminalWidth: terminalWidth)
            let resume = try Self.format(["NextToken": ["NextToken": .string(token)]], operation: operation, format: .text, query: query, terminalWidth: terminalWidth)
            return pages + resume
        }
        if let query {
            do {
                data = try JMESPathInterpreter.evaluate(query.node, data)
            } catch {
                throw .general(error.description)
            }
        }
        switch format {
        case .json:
            // An operation without a response body prints nothing; other empty values still print.
            if case .object(let members) = data, members.isEmpty { return "" }
            return JSONRenderer.render(data)
        case .yaml, .yamlStream:
            if case .object(let members) = data, members.isEmpty { return "" }
            // yaml-stream writes each page of a paged answer as an item of a list, as it arrives.
            return YAMLRenderer.render(format == .yamlStream && paged ? .list([data]) : data)
        case .off:
            return ""
        case .text:
            return TextRenderer.render(data)
        case .table:
            do {
                return try TableRenderer.render(data, title: operation, terminalWidth: terminalWidth)
            } catch {
                throw .general(error.message)
            }
        }
    }
}
