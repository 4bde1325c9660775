import AWSModel
/// Splits a JMESPath expression into tokens (a port of python-jmespath's lexer).
struct JMESPathLexer {
    private static let simpleTokens: [Character: String] = [
        ".": "dot", "*": "star", "]": "rbracket", ",": "comma", ":": "colon", "@": "current", "(": "lparen",
        ")": "rparen", "{": "lbrace", "}": "rbrace",
    ]

    static func tokenize(_ expression: String) throws(JMESPathError) -> [JMESPathToken] {
        let characters = Array(expression)
        var tokens: [JMESPathToken] = []
        var position = 0
        func peek(_ offset: Int = 1) -> Character? {
            position + offset < characters.count ? characters[position + offset] : nil
        }
        func token(_ type: String, _ text: String, start: Int, literal: AWSValue? = nil) -> JMESPathToken {
            JMESPathToken(type: type, text: text, literal: literal, start: start)
        }
        while position < characters.count {
            let character = characters[position]
            let start = position
            if let type = simpleTokens[character] {
                tokens.append(token(type, String(character), start: start))
                position += 1
            } else if character.isLetter && character.isASCII || character == "_" {
                var end = position
                while end < characters.count, characters[end].isASCII,
                      characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
                tokens.append(token("unquoted_identifier", String(characters[position..<end]), start: start))
                position = end
            } else if character == " " || character == "\t" || character == "\n" || character == "\r" {
                position += 1
            } else if character == "[" {
                if peek() == "]" {
                    tokens.append(token("flatten", "[]", start: start))
                    position += 2
                } else if peek() == "?" {
                    tokens.append(token("filter", "[?", start: start))
                    position += 2
                } else {
                    tokens.append(token("lbracket", "[", start: start))
                    position += 1
                }
            } else if character == "'" || character == "`" || character == "\"" {
                var end = position + 1
                while end < characters.count, characters[end] != character {
                    if characters[end] == "\\" { end += 1 }
                    end += 1
                }
                guard end < characters.count else {
                    throw .lexer(position: start, message: "Unclosed \(character) delimiter", expression: expression)
                }
                let body = String(characters[(position + 1)..<end])
                position = end + 1
                switch character {
                case "'":
                    let text = body.replacingOccurrences(of: "\\'", with: "'")
                    tokens.append(token("literal", text, start: start, literal: .string(text)))
                case "`":
                    let json = body.replacingOccurrences(of: "\\`", with: "`")
                    // jmespath.py reads a literal that is not JSON as a string (JEP-12's deprecated form, which
                    // AWS's own examples use: `[?State.Name==`running`]`), and only then gives up. Python's
                    // recursion limit is not a ValueError, so a literal nested too deep stays an error.
                    let asString = "\"" + String(json.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) + "\""
                    let parsed: AWSValue?
                    do {
                        parsed = try PythonJSONParser.parse(json)
                    } catch {
                        parsed = error.message.hasPrefix("maximum recursion depth") ? nil : try? PythonJSONParser.parse(asString)
                    }
                    guard let value = parsed else {
                        throw .lexer(position: start, message: "Bad token \(json)", expression: expression)
                    }
                    tokens.append(token("literal", PythonText.str(value), start: start, literal: value))
                default:
                    guard case .string(let name)? = try? PythonJSONParser.parse("\"" + body + "\"") else {
                        throw .lexer(position: start, message: "Invalid quoted identifier", expression: expression)
                    }
                    tokens.append(token("quoted_identifier", name, start: start))
                }
            } else if character == "-" || character.isASCII && character.isNumber {
                var end = position + 1
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                let text = String(characters[position..<end])
                guard let number = Int(text) else {
                    throw .lexer(position: start, message: "Unknown token '\(text)'", expression: expression)
                }
                tokens.append(token("number", text, start: start, literal: .integer(number)))
                position = end
            } else if character == "|" {
                if peek() == "|" {
                    tokens.append(token("or", "||", start: start)); position += 2
                } else {
                    tokens.append(token("pipe", "|", start: start)); position += 1
                }
            } else if character == "&" {
                if peek() == "&" {
                    tokens.append(token("and", "&&", start: start)); position += 2
                } else {
                    tokens.append(token("expref", "&", start: start)); position += 1
                }
            } else if "<>!=".contains(character) {
                let twoCharacter: [Character: String] = ["<": "lte", ">": "gte", "!": "ne", "=": "eq"]
                let oneCharacter: [Character: String] = ["<": "lt", ">": "gt", "!": "not"]
                if peek() == "=" {
                    tokens.append(token(twoCharacter[character]!, String(character) + "=", start: start)); position += 2
                } else if let type = oneCharacter[character] {
                    tokens.append(token(type, String(character), start: start)); position += 1
                } else {
                    throw .lexer(position: start, message: "Unknown token '='", expression: expression)
                }
            } else {
                throw .lexer(position: start, message: "Unknown token \(character)", expression: expression)
            }
        }
        tokens.append(token("eof", "", start: characters.count))
        return tokens
    }
}
