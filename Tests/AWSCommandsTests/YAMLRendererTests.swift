import AWSModel
import Testing
@testable import AWSCommands

/// `--output yaml` against ruamel.yaml's own output for the same values (the dumper aws CLI v2 uses: safe, block
/// style); the expected texts were made by ruamel.yaml 0.18 and are kept here.
@Suite struct YAMLRendererTests {
    static let scalars: [(String, String)] = [
        ("abc", "Key: abc\nNested:\n- Inner: abc\n"),
        ("123456789012", "Key: '123456789012'\nNested:\n- Inner: '123456789012'\n"),
        ("2026-01-15T09:00:01+00:00", "Key: '2026-01-15T09:00:01+00:00'\nNested:\n- Inner: '2026-01-15T09:00:01+00:00'\n"),
        ("true", "Key: 'true'\nNested:\n- Inner: 'true'\n"),
        ("True", "Key: 'True'\nNested:\n- Inner: 'True'\n"),
        ("on", "Key: on\nNested:\n- Inner: on\n"),
        ("null", "Key: 'null'\nNested:\n- Inner: 'null'\n"),
        ("~", "Key: '~'\nNested:\n- Inner: '~'\n"),
        ("", "Key: ''\nNested:\n- Inner: ''\n"),
        ("- dash", "Key: '- dash'\nNested:\n- Inner: '- dash'\n"),
        ("-dash", "Key: -dash\nNested:\n- Inner: -dash\n"),
        ("#x", "Key: '#x'\nNested:\n- Inner: '#x'\n"),
        ("a #b", "Key: 'a #b'\nNested:\n- Inner: 'a #b'\n"),
        ("a#b", "Key: a#b\nNested:\n- Inner: a#b\n"),
        ("x:", "Key: 'x:'\nNested:\n- Inner: 'x:'\n"),
        ("x:y", "Key: x:y\nNested:\n- Inner: x:y\n"),
        ("?", "Key: '?'\nNested:\n- Inner: '?'\n"),
        ("=", "Key: '='\nNested:\n- Inner: '='\n"),
        ("<<", "Key: '<<'\nNested:\n- Inner: '<<'\n"),
        ("0o17", "Key: '0o17'\nNested:\n- Inner: '0o17'\n"),
        ("0x1F", "Key: '0x1F'\nNested:\n- Inner: '0x1F'\n"),
        ("1_000", "Key: '1_000'\nNested:\n- Inner: '1_000'\n"),
        ("1e3", "Key: '1e3'\nNested:\n- Inner: '1e3'\n"),
        (".inf", "Key: '.inf'\nNested:\n- Inner: '.inf'\n"),
        ("NULL", "Key: 'NULL'\nNested:\n- Inner: 'NULL'\n"),
        ("@at", "Key: '@at'\nNested:\n- Inner: '@at'\n"),
        ("`tick", "Key: '`tick'\nNested:\n- Inner: '`tick'\n"),
        ("%p", "Key: '%p'\nNested:\n- Inner: '%p'\n"),
        ("a'b", "Key: a'b\nNested:\n- Inner: a'b\n"),
        (" lead", "Key: ' lead'\nNested:\n- Inner: ' lead'\n"),
        ("trail ", "Key: 'trail '\nNested:\n- Inner: 'trail '\n"),
        ("{x", "Key: '{x'\nNested:\n- Inner: '{x'\n"),
        ("[y", "Key: '[y'\nNested:\n- Inner: '[y'\n"),
        ("*a", "Key: '*a'\nNested:\n- Inner: '*a'\n"),
        ("&a", "Key: '&a'\nNested:\n- Inner: '&a'\n"),
        ("!a", "Key: '!a'\nNested:\n- Inner: '!a'\n"),
        ("|a", "Key: '|a'\nNested:\n- Inner: '|a'\n"),
        (">a", "Key: '>a'\nNested:\n- Inner: '>a'\n"),
        ("\"q", "Key: '\"q'\nNested:\n- Inner: '\"q'\n"),
        (",c", "Key: ',c'\nNested:\n- Inner: ',c'\n"),
        ("a,b", "Key: a,b\nNested:\n- Inner: a,b\n"),
        ("c]", "Key: c]\nNested:\n- Inner: c]\n"),
        ("x: it's", "Key: \"x: it's\"\nNested:\n- Inner: \"x: it's\"\n"),
        ("line1\nline2", "Key: \"line1\\nline2\"\nNested:\n- Inner: \"line1\\nline2\"\n"),
        ("tab\there", "Key: \"tab\\there\"\nNested:\n- Inner: \"tab\\there\"\n"),
        ("ünïcode", "Key: ünïcode\nNested:\n- Inner: ünïcode\n"),
        ("word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word ", "Key: 'word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word '\nNested:\n- Inner: 'word word word word word word word word word word word word word word word\n    word word word word word word word word word word word word word word word '\n"),
        ("it's long it's long it's long it's long it's long it's long it's long it's long it's long it's long : x", "Key: \"it's long it's long it's long it's long it's long it's long it's long it's long\n  it's long it's long : x\"\nNested:\n- Inner: \"it's long it's long it's long it's long it's long it's long it's long it's\n    long it's long it's long : x\"\n"),
    ]
    static let document = "{\"Roles\": [{\"RoleName\": \"R\", \"Tags\": [], \"Policy\": {}, \"Count\": 3, \"Ratio\": 1.5, \"Flag\": false, \"Nothing\": null, \"Lists\": [[\"a\", \"b\"], []], \"Doc\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"]}]}}], \"IsTruncated\": false}"
    static let documentYAML = "IsTruncated: false\nRoles:\n- Count: 3\n  Doc:\n    Statement:\n    - Action:\n      - s3:GetObject\n      - s3:ListBucket\n      Effect: Allow\n    Version: '2012-10-17'\n  Flag: false\n  Lists:\n  - - a\n    - b\n  - []\n  Nothing: null\n  Policy: {}\n  Ratio: 1.5\n  RoleName: R\n  Tags: []\n"
    static let tops: [(String, String)] = [
        ("\"abc\"", "abc\n...\n"),
        ("\"123456789012\"", "'123456789012'\n"),
        ("5", "5\n...\n"),
        ("true", "true\n...\n"),
        ("null", "null\n...\n"),
        ("[\"x\", \"y\"]", "- x\n- y\n"),
        ("[]", "[]\n"),
        ("{}", "{}\n"),
    ]

    @Test(arguments: scalars) func eachStringIsQuotedAndFoldedAsRuamelDoes(_ testCase: (String, String)) {
        let value = AWSValue.object([.init("Key", .string(testCase.0)), .init("Nested", .list([.object([.init("Inner", .string(testCase.0))])]))])
        #expect(YAMLRenderer.render(value) == testCase.1)
    }

    @Test func aDocumentIsSortedIndentedAndKeepsItsTypes() throws {
        let value = try PythonJSONParser.parse(Self.document)
        #expect(YAMLRenderer.render(value) == Self.documentYAML)
    }

    @Test(arguments: tops) func aValueAloneIsADocumentOfItsOwn(_ testCase: (String, String)) throws {
        let value = try PythonJSONParser.parse(testCase.0)
        #expect(YAMLRenderer.render(value) == testCase.1)
    }

    @Test func theCLIWritesYAMLAndYAMLStreamAndNothingForOff() {
        var backend = FakeBackend()
        backend.reply("GetCallerIdentity", .success(["UserId": "AIDA1", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/learner"]))
        #expect(aws("sts get-caller-identity --output yaml", backend: &backend).stdout
            == "Account: '123456789012'\nArn: arn:aws:iam::123456789012:user/learner\nUserId: AIDA1\n")
        #expect(aws("sts get-caller-identity --output off", backend: &backend).stdout == "")
        backend.reply("ListRoles", .success(["Roles": .list([["RoleName": "R"]])]))
        // A paged answer streams as a list of pages; one page here.
        #expect(aws("iam list-roles --output yaml-stream", backend: &backend).stdout == "- Roles:\n  - RoleName: R\n")
        #expect(aws("iam list-roles --output yaml", backend: &backend).stdout == "Roles:\n- RoleName: R\n")
    }
}
