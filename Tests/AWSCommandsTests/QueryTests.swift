import AWSModel
@testable import AWSCommands
import Testing

/// JMESPath results and error texts, compared with python-jmespath's.
struct QueryTests {
    static let data: AWSValue = [
        "Roles": [["RoleName": "a", "Path": "/", "Max": 3600], ["RoleName": "b", "Path": "/svc/", "Max": 7200]],
        "Nested": [[1, 2], [3], 4],
    ]

    static let cases: [(String, AWSValue)] = [
        ("Roles[0].RoleName", "a"),
        ("Roles[-1].RoleName", "b"),
        ("Roles[*].RoleName", ["a", "b"]),
        ("Roles[].Path", ["/", "/svc/"]),
        ("Nested[]", [1, 2, 3, 4]),
        ("Roles[?Path=='/svc/'].RoleName", ["b"]),
        ("Roles[?Max > `3600`].RoleName", ["b"]),
        ("Roles[?Path!='/' && Max >= `7200`] | [0].RoleName", "b"),
        ("Roles[*].[RoleName, Max]", [["a", 3600], ["b", 7200]]),
        ("Roles[*].{N: RoleName}", [["N": "a"], ["N": "b"]]),
        ("length(Roles)", 2),
        ("Roles[0:1].RoleName", ["a"]),
        ("Missing.Field", nil),
        ("Roles[?contains(RoleName, 'b')].Max", [7200]),
        // A backtick literal that is not JSON is a string (JEP-12's deprecated form, used in AWS's examples).
        ("Roles[?RoleName==`b`].Max", [7200]),
        ("`{bad`", "{bad"),
        ("` a b`", "a b"),
    ]

    @Test func evaluates() throws {
        for (expression, expected) in Self.cases {
            let node = try JMESPathParser.parse(expression)
            #expect(try JMESPathInterpreter.evaluate(node, Self.data) == expected, "\(expression)")
        }
    }

    @Test func parseErrorsMatchPythonJMESPath() {
        let cases: [(String, String)] = [
            ("Roles[0", "Invalid jmespath expression: Incomplete expression:\n\"Roles[0\"\n        ^"),
            ("a.", "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: eof: Parse error at column 2, token \"\" (EOF), for expression:\n\"a.\"\n   ^"),
            ("a b", "Unexpected token: b: Parse error at column 2, token \"b\" (UNQUOTED_IDENTIFIER), for expression:\n\"a b\"\n   ^"),
            ("{a: b", "Invalid jmespath expression: Incomplete expression:\n\"{a: b\"\n      ^"),
            ("a[?b==]", "invalid token: Parse error at column 6, token \"]\" (RBRACKET), for expression:\n\"a[?b==]\"\n       ^"),
            ("`a\"b`", "Bad jmespath expression: Bad token a\"b:\n`a\"b`\n^"),
            ("", "Invalid JMESPath expression: cannot be empty."),
        ]
        for (expression, message) in cases {
            do {
                _ = try JMESPathParser.parse(expression)
                Issue.record("\(expression) parsed")
            } catch {
                #expect(error.description == message)
            }
        }
    }

    /// 20,000 nested `!` once overflowed the stack (exit 139), and one such command in a transcript stopped a
    /// whole class from being graded. Every nesting form is refused with a message instead.
    @Test func deeplyNestedExpressionsAreRefusedNotCrashed() {
        let depth = 20_000
        let expressions = [
            String(repeating: "!", count: depth) + "a",
            String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth),
            Array(repeating: "a", count: depth).joined(separator: "|"),
            Array(repeating: "a", count: depth).joined(separator: " || "),
            String(repeating: "[", count: depth),
            String(repeating: "{a:", count: depth) + "b" + String(repeating: "}", count: depth),
            String(repeating: "a[?", count: depth),
            String(repeating: "&", count: depth) + "a",
            "`" + String(repeating: "[", count: depth) + "`",
        ]
        for expression in expressions {
            #expect(throws: JMESPathError.self) { _ = try JMESPathParser.parse(expression) }
        }
        // Deep but reasonable nesting still works.
        let fine = String(repeating: "(", count: 100) + "Roles[0].RoleName" + String(repeating: ")", count: 100)
        #expect((try? JMESPathInterpreter.evaluate(JMESPathParser.parse(fine), Self.data)) == "a")
    }

    @Test func deeplyNestedJSONIsRefusedLikePython() {
        #expect(throws: PythonJSONParser.Failure(message: "maximum recursion depth exceeded while decoding a JSON array from a unicode string")) {
            _ = try PythonJSONParser.parse(String(repeating: "[", count: 20_000))
        }
        #expect((try? PythonJSONParser.parse(String(repeating: "[", count: 400) + String(repeating: "]", count: 400))) != nil)
    }

    /// Strings are ordered too, by code point, as python-jmespath 1.1 (the CLI's) orders them: AWS's guides filter
    /// by date this way. A string against a number is Python's TypeError; join() takes strings only. (Results and
    /// messages checked against python-jmespath.)
    @Test func stringsOrderAsTheCLIsJMESPathOrdersThem() throws {
        let data: AWSValue = ["Roles": [["RoleName": "a", "D": "2026-01-15T09:00:01+00:00", "Max": 3600],
                                        ["RoleName": "b", "D": "2025-01-01", "Max": 7200]]]
        for (expression, expected) in [("Roles[?D>='2026-01-15'].RoleName", AWSValue.list(["a"])), ("Roles[?D<'2026'].RoleName", ["b"]),
                                       ("Roles[0].D > `true`", nil), ("Roles[?RoleName<='a'].Max", [3600])] as [(String, AWSValue)] {
            #expect(try JMESPathInterpreter.evaluate(try JMESPathParser.parse(expression), data) == expected, "\(expression)")
        }
        func failure(_ expression: String) -> String? {
            do {
                _ = try JMESPathInterpreter.evaluate(try JMESPathParser.parse(expression), data)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(failure("Roles[0].D > `2020`") == "'>' not supported between instances of 'str' and 'int'")
        #expect(failure("`2.5` < Roles[0].D") == "'<' not supported between instances of 'float' and 'str'")
        #expect(failure("join(`,`, Roles[].Max)") == "In function join(), invalid type for value: 3600, expected one of: ['array-string'], received: \"int\"")
    }

    @Test func unknownFunctionFailsAtEvaluationLikeTheCLI() {
        var backend = FakeBackend()
        backend.reply("ListRoles", .success(["Roles": [], "IsTruncated": false]))
        let result = aws("iam list-roles --query 'group_by(Roles, &RoleName)'", backend: &backend)
        #expect(result.stderr == "\nUnknown function: group_by()\n")
        #expect(result.exitCode == 255)
    }

    @Test func sortByMaxByAndMinByApplyTheExpressionToEachElement() {
        var backend = FakeBackend()
        let roles: AWSValue = .list([
            .object(pairs: [("RoleName", .string("b-role")), ("MaxSessionDuration", .integer(7200))]),
            .object(pairs: [("RoleName", .string("a-role")), ("MaxSessionDuration", .integer(3600))]),
            .object(pairs: [("RoleName", .string("c-role")), ("MaxSessionDuration", .integer(7200))]),
        ])
        for _ in 0..<6 { backend.reply("ListRoles", .success(.object(pairs: [("Roles", roles), ("IsTruncated", .bool(false))]))) }
        #expect(aws("iam list-roles --query 'sort_by(Roles, &RoleName)[].RoleName' --output text", backend: &backend).stdout == "a-role\tb-role\tc-role\n")
        #expect(aws("iam list-roles --query 'sort_by(Roles, &MaxSessionDuration)[].RoleName' --output text", backend: &backend).stdout
                == "a-role\tb-role\tc-role\n", "equal keys keep their order")
        #expect(aws("iam list-roles --query 'max_by(Roles, &MaxSessionDuration).RoleName' --output text", backend: &backend).stdout
                == "b-role\n", "the first of equal maxima, as Python's max")
        #expect(aws("iam list-roles --query 'min_by(Roles, &RoleName).RoleName' --output text", backend: &backend).stdout == "a-role\n")
        let missingKey = aws("iam list-roles --query 'sort_by(Roles, &Nope)'", backend: &backend)
        #expect(missingKey.stderr.hasPrefix("\nIn function sort_by(), invalid type for value: {'RoleName': 'b-role'"), "\(missingKey.stderr)")
        #expect(missingKey.stderr.hasSuffix("expected one of: ['string', 'number'], received: \"null\"\n"))
        let notAnExpression = aws("iam list-roles --query 'sort_by(Roles, RoleName)'", backend: &backend)
        #expect(notAnExpression.stderr.contains("expected one of: ['expref'], received: \"null\""), "\(notAnExpression.stderr)")
    }

    static let numbers: AWSValue = .object(pairs: [
        ("Numbers", .list([.integer(-3), .integer(2), .integer(5)])), ("Half", .double(2.5)),
        ("Names", .list([.string("a"), .string("b"), .string("c")])),
        ("Inner", .object(pairs: [("a", .integer(1)), ("b", .integer(2))])),
    ])

    @Test func theOtherStandardFunctions() throws {
        let cases: [(String, AWSValue)] = [
            ("abs(Numbers[0])", .integer(3)),
            ("sum(Numbers)", .integer(4)),
            ("sum(`[]`)", .integer(0)),
            ("avg(Numbers)", .double(4.0 / 3.0)),
            ("avg(`[]`)", .null),
            ("ceil(Half)", .integer(3)),
            ("floor(Half)", .integer(2)),
            ("reverse(Names)", .list([.string("c"), .string("b"), .string("a")])),
            ("reverse('abc')", .string("cba")),
            ("map(&length(@), Names)", .list([.integer(1), .integer(1), .integer(1)])),
            ("to_array(Half)", .list([.double(2.5)])),
            ("to_array(Names)", Self.numbers["Names"]!),
            ("to_number('42')", .integer(42)),
            ("to_number('1.5')", .double(1.5)),
            ("to_number('x')", .null),
            ("merge(Inner, `{\"b\": 9, \"c\": 3}`)", .object(pairs: [("a", .integer(1)), ("b", .integer(9)), ("c", .integer(3))])),
        ]
        for (expression, expected) in cases {
            let node = try JMESPathParser.parse(expression)
            #expect(try JMESPathInterpreter.evaluate(node, Self.numbers) == expected, "\(expression)")
        }
    }

    @Test func theStandardFunctionsRejectWrongTypesLikePythonJMESPath() throws {
        let cases: [(String, String)] = [
            ("sum(Names)", "In function sum(), invalid type for value: a, expected one of: ['array-number'], received: \"str\""),
            ("avg(Inner)", "In function avg(), invalid type for value: {'a': 1, 'b': 2}, expected one of: ['array-number'], received: \"object\""),
            ("abs(Names[0])", "In function abs(), invalid type for value: a, expected one of: ['number'], received: \"string\""),
            ("map(Names, &length(@))", "In function map(), invalid type for value: ['a', 'b', 'c'], expected one of: ['expref'], received: \"array\""),
        ]
        for (expression, message) in cases {
            let node = try JMESPathParser.parse(expression)
            #expect(throws: JMESPathError.evaluation(message), "\(expression)") { try JMESPathInterpreter.evaluate(node, Self.numbers) }
        }
    }
}
