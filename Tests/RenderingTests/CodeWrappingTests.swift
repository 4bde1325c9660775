import Testing
@testable import Rendering

/// Code a learner copies is never broken inside a word or a quoted argument.
@Suite struct CodeWrappingTests {
    static func text(_ lines: [[StyledSpan]]) -> [String] { lines.map { $0.map(\.text).joined() } }

    @Test func commandsWrapAtSpacesWithAShellContinuation() {
        let command = "aws iam attach-role-policy --role-name ScoresReader --policy-arn arn:aws:iam::123456789012:policy/ReadScores"
        let lines = Self.text(CodeWrapper.wrap(command, width: 60))
        #expect(lines.count > 1)
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix(" \\") })
        #expect(lines.allSatisfy { $0.count <= 60 })
        // Joined as a shell joins them, it is the command again, word for word.
        let joined = lines.map { $0.hasSuffix(" \\") ? String($0.dropLast(2)) : $0 }.joined(separator: " ")
        #expect(joined.split(separator: " ") == command.split(separator: " "))
        #expect(lines.contains { $0.contains("ScoresReader") }, "no word is cut")
    }

    @Test func quotedArgumentsAndNonCommandsAreNeverBroken() {
        let quoted = "aws iam create-role --role-name R --assume-role-policy-document '{\"Version\": \"2012-10-17\", \"Statement\": []}'"
        let lines = Self.text(CodeWrapper.wrap(quoted, width: 40))
        let policyLine = lines.first { $0.contains("'{") }
        #expect(policyLine?.contains("\"Statement\": []}'") == true, "the quoted document stays on one line: \(lines)")
        let output = "    \"Arn\": \"arn:aws:iam::123456789012:role/service-role/AVeryLongRoleNameThatRunsPastTheEdge\""
        #expect(Self.text(CodeWrapper.wrap(output, width: 40)) == [output], "output runs past the edge instead of being cut")
    }
}
