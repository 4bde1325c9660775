/// A Pratt parser for JMESPath, ported from python-jmespath so that what parses, and the errors for what does
/// not, are the same as the CLI's.
struct JMESPathParser {
    private static let bindingPower: [String: Int] = [
        "eof": 0, "unquoted_identifier": 0, "quoted_identifier": 0, "literal": 0, "rbracket": 0, "rparen": 0,
        "comma": 0, "rbrace": 0, "number": 0, "current": 0, "expref": 0, "colon": 0, "pipe": 1, "or": 2, "and": 3,
        "eq": 5, "gt": 5, "lt": 5, "gte": 5, "lte": 5, "ne": 5, "flatten": 9, "star": 20, "filter": 21, "dot": 40,
        "not": 45, "lbrace": 50, "lbracket": 55, "lparen": 60,
    ]
    private static let projectionStop = 10
    private static let comparators: Set<String> = ["eq", "ne", "lt", "gt", "lte", "gte"]

    /// How deep an expression may nest. python-jmespath recurses per level too and the CLI gives up a few
    /// hundred levels down; without a limit 20,000 nested `!` overflowed the stack. Counting both nested
    /// sub-expressions and chained operators bounds the depth of the tree, so evaluating it and freeing it
    /// are bounded as well.
    static let maximumNesting = 256

    private let tokens: [JMESPathToken]
    private let expression: String
    private var position = 0
    private var nesting = 0

    static func parse(_ expression: String) throws(JMESPathError) -> JMESPathNode {
        // jmespath.py's EmptyExpressionError.
        guard !expression.isEmpty else { throw .evaluation("Invalid JMESPath expression: cannot be empty.") }
        var parser = JMESPathParser(tokens: try JMESPathLexer.tokenize(expression), expression: expression)
        let node = try parser.parseExpression(0)
        if parser.currentType != "eof" {
            let token = parser.lookahead(0)
            throw parser.error(token, "Unexpected token: \(token.text)")
        }
        return node
    }

    private init(tokens: [JMESPathToken], expression: String) {
        self.tokens = tokens
        self.expression = expression
    }

    private func lookahead(_ offset: Int) -> JMESPathToken {
        tokens[min(max(position + offset, 0), tokens.count - 1)]
    }

    private var currentType: String { lookahead(0).type }
    private mutating func advance() { position += 1 }

    private func error(_ token: JMESPathToken, _ message: String) -> JMESPathError {
        return .parse(position: token.start, tokenText: token.text, tokenType: token.type, message: message,
                      expression: expression)
    }

    private func errorMaybeEOF(expected: String, _ token: JMESPathToken) -> JMESPathError {
        if token.type == "eof" { return .incomplete(position: token.start, expression: expression) }
        return error(token, "Expecting: \(expected), got: \(token.type)")
    }

    private mutating func match(_ type: String) throws(JMESPathError) {
        guard currentType == type else { throw errorMaybeEOF(expected: type, lookahead(0)) }
        advance()
    }

    private mutating func parseExpression(_ power: Int) throws(JMESPathError) -> JMESPathNode {
        let outer = nesting
        defer { nesting = outer }
        try deepen()
        let leftToken = lookahead(0)
        advance()
        var left = try nud(leftToken)
        while power < Self.bindingPower[currentType, default: 0] {
            try deepen()
            let type = currentType
            advance()
            left = try led(type, left)
        }
        return left
    }

    private mutating func deepen() throws(JMESPathError) {
        nesting += 1
        guard nesting > Self.maximumNesting else { return }
        throw error(lookahead(0), "Expression is nested more than \(Self.maximumNesting) levels deep")
    }

    private mutating func nud(_ token: JMESPathToken) throws(JMESPathError) -> JMESPathNode {
        switch token.type {
        case "literal": return .literal(token.literal ?? .null)
        case "unquoted_identifier": return .field(token.text)
        case "quoted_identifier":
            if currentType == "lparen" {
                let next = lookahead(0)
                throw JMESPathError.parse(position: 0, tokenText: next.text, tokenType: next.type,
                                          message: "Quoted identifier not allowed for function names.",
                                          expression: expression)
            }
            return .field(token.text)
        case "star":
            let right = currentType == "rbracket" ? JMESPathNode.identity : try parseProjectionRHS(Self.bindingPower["star"]!)
            return .valueProjection(.identity, right)
        case "filter": return try ledFilter(.identity)
        case "lbrace": return try parseMultiSelectHash()
        case "lparen":
            let inner = try parseExpression(0)
            try match("rparen")
            return inner
        case "flatten":
            return .projection(.flatten(.identity), try parseProjectionRHS(Self.bindingPower["flatten"]!))
        case "not": return .not(try parseExpression(Self.bindingPower["not"]!))
        case "lbracket":
            if currentType == "number" || currentType == "colon" {
                return try projectIfSlice(.identity, try parseIndexExpression())
            }
            if currentType == "star" && lookahead(1).type == "rbracket" {
                advance()
                advance()
                return .projection(.identity, try parseProjectionRHS(Self.bindingPower["star"]!))
            }
            return try parseMultiSelectList()
        case "current": return .current
        case "expref": return .expressionReference(try parseExpression(Self.bindingPower["expref"]!))
        default:
            if token.type == "eof" { throw JMESPathError.incomplete(position: token.start, expression: expression) }
            throw error(token, "invalid token")
        }
    }

    private mutating func led(_ type: String, _ left: JMESPathNode) throws(JMESPathError) -> JMESPathNode {
        switch type {
        case "pipe": return .pipe(left, try parseExpression(Self.bindingPower["pipe"]!))
        case "or": return .or(left, try parseExpression(Self.bindingPower["or"]!))
        case "and": return .and(left, try parseExpression(Self.bindingPower["and"]!))
        case _ where Self.comparators.contains(type):
            return .comparator(type, left, try parseExpression(Self.bindingPower[type]!))
        case "dot":
            if currentType != "star" {
                let right = try parseDotRHS(Self.bindingPower["dot"]!)
                if case .subexpression(let children) = left { return .subexpression(children + [right]) }
                return .subexpression([left, right])
            }
            advance()
            return .valueProjection(left, try parseProjectionRHS(Self.bindingPower["dot"]!))
        case "flatten":
            return .projection(.flatten(left), try parseProjectionRHS(Self.bindingPower["flatten"]!))
        case "filter": return try ledFilter(left)
        case "lparen":
            guard case .field(let name) = left else {
                let previous = lookahead(-2)
                throw error(previous, "Invalid function name '\(previous.text)'")
            }
            var arguments: [JMESPathNode] = []
            while currentType != "rparen" {
                let argument = try parseExpression(0)
                if currentType == "comma" { try match("comma") }
                arguments.append(argument)
            }
            try match("rparen")
            return .function(name, arguments)
        case "lbracket":
            if currentType == "number" || currentType == "colon" {
                let right = try parseIndexExpression()
                if case .indexExpression(let children) = left { return .indexExpression(children + [right]) }
                return try projectIfSlice(left, right)
            }
            try match("star")
            try match("rbracket")
            return .projection(left, try parseProjectionRHS(Self.bindingPower["star"]!))
        default:
            position -= 1
            throw error(lookahead(0), "invalid token")
        }
    }

    private mutating func ledFilter(_ left: JMESPathNode) throws(JMESPathError) -> JMESPathNode {
        let condition = try parseExpression(0)
        try match("rbracket")
        let right = currentType == "flatten" ? JMESPathNode.identity : try parseProjectionRHS(Self.bindingPower["filter"]!)
        return .filterProjection(left, right, condition: condition)
    }

    private mutating func parseIndexExpression() throws(JMESPathError) -> JMESPathNode {
        if lookahead(0).type == "colon" || lookahead(1).type == "colon" { return try parseSliceExpression() }
        let token = lookahead(0)
        advance()
        try match("rbracket")
        return .index(token.literal?.intValue ?? 0)
    }

    private mutating func parseSliceExpression() throws(JMESPathError) -> JMESPathNode {
        var parts: [Int?] = [nil, nil, nil]
        var part = 0
        while currentType != "rbracket" && part < 3 {
            if currentType == "colon" {
                part += 1
                if part == 3 { throw error(lookahead(0), "syntax error") }
                advance()
            } else if currentType == "number" {
                parts[part] = lookahead(0).literal?.intValue
                advance()
            } else {
                throw error(lookahead(0), "syntax error")
            }
        }
        try match("rbracket")
        return .slice(start: parts[0], stop: parts[1], step: parts[2])
    }

    private mutating func projectIfSlice(_ left: JMESPathNode, _ right: JMESPathNode) throws(JMESPathError) -> JMESPathNode {
        let indexExpression = JMESPathNode.indexExpression([left, right])
        if case .slice = right {
            return .projection(indexExpression, try parseProjectionRHS(Self.bindingPower["star"]!))
        }
        return indexExpression
    }

    private mutating func parseMultiSelectList() throws(JMESPathError) -> JMESPathNode {
        var expressions: [JMESPathNode] = []
        while true {
            expressions.append(try parseExpression(0))
            if currentType == "rbracket" { break }
            try match("comma")
        }
        try match("rbracket")
        return .multiSelectList(expressions)
    }

    private mutating func parseMultiSelectHash() throws(JMESPathError) -> JMESPathNode {
        var pairs: [(String, JMESPathNode)] = []
        while true {
            let keyToken = lookahead(0)
            guard keyToken.type == "quoted_identifier" || keyToken.type == "unquoted_identifier" else {
                throw errorMaybeEOF(expected: "['quoted_identifier', 'unquoted_identifier']", keyToken)
            }
            advance()
            try match("colon")
            pairs.append((keyToken.text, try parseExpression(0)))
            if currentType == "comma" {
                try match("comma")
            } else if currentType == "rbrace" {
                try match("rbrace")
                break
            }
        }
        return .multiSelectHash(pairs)
    }

    private mutating func parseProjectionRHS(_ power: Int) throws(JMESPathError) -> JMESPathNode {
        if Self.bindingPower[currentType, default: 0] < Self.projectionStop { return .identity }
        switch currentType {
        case "lbracket", "filter": return try parseExpression(power)
        case "dot":
            try match("dot")
            return try parseDotRHS(power)
        default: throw error(lookahead(0), "syntax error")
        }
    }

    private mutating func parseDotRHS(_ power: Int) throws(JMESPathError) -> JMESPathNode {
        switch currentType {
        case "quoted_identifier", "unquoted_identifier", "star": return try parseExpression(power)
        case "lbracket":
            try match("lbracket")
            return try parseMultiSelectList()
        case "lbrace":
            try match("lbrace")
            return try parseMultiSelectHash()
        default:
            let token = lookahead(0)
            throw error(token, "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: \(token.type)")
        }
    }
}
