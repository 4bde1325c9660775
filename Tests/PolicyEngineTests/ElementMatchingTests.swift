@testable import PolicyEngine
import Testing

@Suite struct ActionElementTests {
    @Test(arguments: [
        ("s3:GetObject", "s3:GetObject", true),
        ("s3:GetObject", "S3:getobject", true),
        ("s3:Get*", "s3:GetObjectAcl", true),
        ("s3:Get*", "s3:PutObject", false),
        ("s3:*Object", "s3:DeleteObject", true),
        ("s3:?etObject", "s3:GetObject", true),
        ("s3:?etObject", "s3:GGetObject", false),
        ("*", "dynamodb:GetItem", true),
        ("ec2:Describe*", "ec2:RunInstances", false),
        ("iam:*", "sts:AssumeRole", false),
    ])
    func actionPatternsMatchCaseInsensitively(pattern: String, action: String, matches: Bool) {
        let element = ActionElement(isNegated: false, patterns: [Located(pattern, at: .start)], position: .start)
        let verdict = ActionMatcher(element).verdict(for: action)
        #expect(verdict.matches == matches)
        #expect(verdict.reason.contains(action))
    }

    @Test func notActionCoversEverythingElse() {
        let element = ActionElement(isNegated: true, patterns: [Located("iam:*", at: .start)], position: .start)
        let matcher = ActionMatcher(element)
        #expect(matcher.verdict(for: "s3:GetObject").matches)
        #expect(!matcher.verdict(for: "iam:CreateUser").matches)
        #expect(matcher.verdict(for: "iam:CreateUser").reason == "NotAction \"iam:*\" excludes iam:CreateUser")
    }
}

@Suite struct ResourceElementTests {
    @Test(arguments: [
        ("arn:aws:s3:::course-data/*", "arn:aws:s3:::course-data/a.txt", true),
        ("arn:aws:s3:::course-data/*", "arn:aws:s3:::course-data", false),
        ("arn:aws:s3:::course-data", "arn:aws:s3:::Course-Data", false),
        ("arn:aws:logs:*:*:*", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*", true),
        ("arn:aws:dynamodb:*:123456789012:table/*", "arn:aws:dynamodb:us-east-1:123456789012:table/Scores", true),
        ("arn:aws:dynamodb:*:123456789012:table/*", "arn:aws:dynamodb:us-east-1:999999999999:table/Scores", false),
        // A wildcard inside one part cannot run into the next part.
        ("arn:aws:*:us-east-1:*:*", "arn:aws:iam::123456789012:user/x", false),
        ("arn:aws:dynamodb:us-*:*:table/T", "arn:aws:dynamodb:us-east-1:1:x:table/T", false),
        ("arn:aws:iam::*:user/*", "arn:aws:iam::123456789012:user/x", true),
        ("arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/a.txt", true),
        ("arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/ab.txt", false),
        ("*", "arn:aws:s3:::anything", true),
    ])
    func resourcePatternsMatchPartByPart(pattern: String, resource: String, matches: Bool) {
        let element = ResourceElement(isNegated: false, patterns: [Located(pattern, at: .start)], position: .start)
        let matcher = ResourceMatcher(element, version: .current)
        #expect(matcher.verdict(for: resource, context: FixedContext(values: [:])).matches == matches)
        #expect(ArnPattern(pattern).matches(resource) == matches)
    }

    @Test func notResourceExcludesListed() {
        let element = ResourceElement(isNegated: true, patterns: [Located("arn:aws:s3:::secret/*", at: .start)], position: .start)
        let matcher = ResourceMatcher(element, version: .current)
        let empty = FixedContext(values: [:])
        #expect(!matcher.verdict(for: "arn:aws:s3:::secret/k", context: empty).matches)
        #expect(matcher.verdict(for: "arn:aws:s3:::public/k", context: empty).matches)
    }

    @Test func policyVariablesInResources() {
        let element = ResourceElement(isNegated: false, patterns: [Located("arn:aws:s3:::home/${aws:username}/*", at: .start)], position: .start)
        let current = ResourceMatcher(element, version: .current)
        let context = FixedContext(values: ["aws:username": ["learner"]])
        #expect(current.verdict(for: "arn:aws:s3:::home/learner/a", context: context).matches)
        #expect(!current.verdict(for: "arn:aws:s3:::home/other/a", context: context).matches)
        // Without a value the variable matches nothing.
        #expect(!current.verdict(for: "arn:aws:s3:::home/learner/a", context: FixedContext(values: [:])).matches)
        // Under 2008-10-17 the text is literal.
        let legacy = ResourceMatcher(element, version: .legacy)
        #expect(!legacy.verdict(for: "arn:aws:s3:::home/learner/a", context: context).matches)
        #expect(legacy.verdict(for: "arn:aws:s3:::home/${aws:username}/a", context: context).matches)
    }
}

@Suite struct PrincipalElementTests {
    static func element(_ kind: PrincipalEntry.Kind, _ values: [String], negated: Bool = false) -> PrincipalMatcher {
        PrincipalMatcher(PrincipalElement(
            isNegated: negated, isEveryone: false, entries: values.map { PrincipalEntry(kind: kind, value: Located($0, at: .start)) },
            position: .start))
    }

    @Test(arguments: [
        (PrincipalEntry.Kind.aws, "123456789012", learner, PrincipalGrant?.some(.account)),
        (.aws, "arn:aws:iam::123456789012:root", learner, .account),
        (.aws, "arn:aws:iam::123456789012:user/learner", learner, .exact),
        (.aws, "arn:aws:iam::123456789012:user/other", learner, nil),
        (.aws, "111122223333", learner, nil),
        (.aws, "arn:aws:iam::123456789012:role/Reader", "arn:aws:sts::123456789012:assumed-role/Reader/s1", .role),
        (.aws, "arn:aws:iam::123456789012:role/team/Reader", "arn:aws:sts::123456789012:assumed-role/Reader/s1", .role),
        (.aws, "arn:aws:sts::123456789012:assumed-role/Reader/s1", "arn:aws:sts::123456789012:assumed-role/Reader/s1", .exact),
        (.aws, "*", learner, .everyone),
        (.service, "lambda.amazonaws.com", "lambda.amazonaws.com", .exact),
        (.service, "lambda.amazonaws.com", "ec2.amazonaws.com", nil),
        (.federated, "cognito-identity.amazonaws.com", "cognito-identity.amazonaws.com", .exact),
    ])
    func principalForms(kind: PrincipalEntry.Kind, value: String, caller: String, grant: PrincipalGrant?) {
        #expect(Self.element(kind, [value]).applies(to: RequestPrincipal(caller)) == grant)
    }

    @Test func notPrincipalAppliesToEveryoneElse() {
        let matcher = Self.element(.aws, ["arn:aws:iam::123456789012:user/admin"], negated: true)
        #expect(matcher.applies(to: RequestPrincipal(learner)) == .everyone)
        #expect(matcher.applies(to: RequestPrincipal("arn:aws:iam::123456789012:user/admin")) == nil)
    }

    @Test func principalStarNamesEveryone() {
        let matcher = PrincipalMatcher(PrincipalElement(isNegated: false, isEveryone: true, entries: [], position: .start))
        #expect(matcher.applies(to: RequestPrincipal("arn:aws:iam::999999999999:user/x")) == .everyone)
    }
}
