import AWSModel
import Foundation

/// Turns the words given for one argument into a parameter value (awscli/argprocess.py): scalars by type,
/// complex values from JSON or shorthand, lists from several words.
struct ParameterUnpacker {
    let service: ServiceSpec

    func unpack(_ words: [String], argument: CommandArgument) throws(CLIFailure) -> AWSValue {
        let shapeName = argument.shapeName!
        let shape = service.shape(shapeName)
        if shape.kind == .list {
            return try unpackList(words, shapeName: shapeName, option: argument.displayName)
        }
        return try unpackSingle(words[0], shapeName: shapeName, option: argument.displayName)
    }

    private func looksLikeJSON(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("[") || trimmed.hasPrefix("{")
    }

    private func supportsShorthand(_ shape: ShapeSpec) -> Bool {
        if shape.isDocument { return false }
        switch shape.kind {
        case .structure, .map: return true
        case .list: return !service.shape(shape.element!).isScalar
        default: return false
        }
    }

    private func unpackList(_ words: [String], shapeName: String, option: String) throws(CLIFailure) -> AWSValue {
        let shape = service.shape(shapeName)
        if words.count == 1, looksLikeJSON(words[0]) {
            let trimmed = words[0].trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("[") { return try parseJSON(words[0], option: option) }
        }
        if supportsShorthand(shape), let first = words.first, !looksLikeJSON(first) {
            var elements: [AWSValue] = []
            for word in words { elements.append(try parseShorthand(word, option: option)) }
            return try ShorthandCoercion(service: service).coerce(.list(elements), shapeName: shapeName)
        }
        var elements: [AWSValue] = []
        for word in words {
            elements.append(try unpackSingle(word, shapeName: shape.element!, option: option))
        }
        return .list(elements)
    }

    private func unpackSingle(_ word: String, shapeName: String, option: String) throws(CLIFailure) -> AWSValue {
        let shape = service.shape(shapeName)
        if shape.isDocument { return try parseJSON(word, option: option) }
        switch shape.kind {
        case .structure, .map:
            if supportsShorthand(shape) && !looksLikeJSON(word) {
                return try ShorthandCoercion(service: service).coerce(try parseShorthand(word, option: option), shapeName: shapeName)
            }
            guard word.drop(while: { $0.isWhitespace }).first == "{" else {
                throw .parameter(option: option, reason: "Invalid JSON:\n\(word)")
            }
            return try parseJSON(word, option: option)
        case .list:
            return try unpackList([word], shapeName: shapeName, option: option)
        case .integer:
            // Python's int() and float() strip any whitespace, a file's last newline too (`file://n.txt`).
            guard let number = Int(word.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw .general("invalid literal for int() with base 10: \(PythonText.stringRepr(word))")
            }
            return .integer(number)
        case .double:
            guard let number = Double(word.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw .general("could not convert string to float: \(PythonText.stringRepr(word))")
            }
            return .double(number)
        case .boolean:
            return .bool(word.lowercased() != "false" && !word.isEmpty)
        default:
            return .string(word)
        }
    }

    private func parseJSON(_ text: String, option: String) throws(CLIFailure) -> AWSValue {
        do {
            return try PythonJSONParser.parse(text)
        } catch {
            throw .parameter(option: option, reason: "Invalid JSON: \(error.message)\nJSON received: \(text)")
        }
    }

    private func parseShorthand(_ text: String, option: String) throws(CLIFailure) -> AWSValue {
        do {
            return try ShorthandParser.parse(text)
        } catch {
            if error.isRecursionLimit { throw .general(error.message) }
            throw .parameter(option: option, reason: error.message)
        }
    }
}
