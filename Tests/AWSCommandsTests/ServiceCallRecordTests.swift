import AWSModel
import Foundation
import Testing
@testable import AWSCommands

/// What a call was about, as a task's checks ask it (`ran iam get-role on Auditor`).
@Suite struct ServiceCallRecordTests {
    @Test func namesAParameterRegardlessOfCase() {
        let call = ServiceCallRecord(service: "iam", operation: "GetRole", outcome: .success, parameters: .object([
            "RoleName": .string("Auditor"), "MaxItems": .integer(3), "PolicyDocument": .string("{\"Version\":\"2012-10-17\"}"),
        ]))
        #expect(call.names("auditor"))
        #expect(call.names("AUDITOR"))
        #expect(!call.names("Audito"))
        #expect(!call.names("Auditors"))
        #expect(!call.names("3"))
    }

    /// Beyond ASCII, names compare as their lowercased forms do.
    @Test func comparesBeyondASCIIAsLowercasedFormsDo() {
        for (a, b) in [("Équipe", "éQUIPE"), ("Straße", "STRASSE"), ("ÀB", "àb"), ("İ", "i"), ("a", "ab"), ("Ω", "ω"), ("", "")] {
            #expect(ServiceCallRecord.sameIgnoringCase(a, b) == (a.lowercased() == b.lowercased()), "\(a) \(b)")
        }
    }

    @Test func namesAWebIdentityTokensSubject() {
        let claims = Data("{\"sub\":\"repo:acme/site:ref:refs/heads/main\"}".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let call = ServiceCallRecord(service: "sts", operation: "AssumeRoleWithWebIdentity", outcome: .success, parameters: .object(["WebIdentityToken": .string("e30.\(claims).c2ln")]))
        #expect(call.names("repo:acme/site:ref:refs/heads/main"))
        #expect(!call.names("repo:acme/other:ref:refs/heads/main"))
        // Read from a file, a token may keep the file's line break; a fourth part or a missing one is no token.
        let withBreak = ServiceCallRecord(service: "sts", operation: "AssumeRoleWithWebIdentity", outcome: .success, parameters: .object(["WebIdentityToken": .string(" e30.\(claims).c2ln\r\n")]))
        #expect(withBreak.names("repo:acme/site:ref:refs/heads/main"))
        for malformed in ["e30.\(claims).c2ln.x", "e30.\(claims)", "\n\t "] {
            let call = ServiceCallRecord(service: "sts", operation: "AssumeRoleWithWebIdentity", outcome: .success, parameters: .object(["WebIdentityToken": .string(malformed)]))
            #expect(!call.names("repo:acme/site:ref:refs/heads/main"), "\(malformed)")
        }
    }

    /// A compact token is cut at its dots, inside whatever whitespace surrounds it.
    @Test func tokenSegmentsIgnoreSurroundingWhitespace() {
        #expect(Base64URL.segments(ofToken: "\n a.b.c \n")?.map(String.init) == ["a", "b", "c"])
        #expect(Base64URL.segments(ofToken: "a..c")?.map(String.init) == ["a", "", "c"])
        #expect(Base64URL.segments(ofToken: ".")?.map(String.init) == ["", ""])
        #expect(Base64URL.segments(ofToken: "é.ü")?.map(String.init) == ["é", "ü"])
        #expect(Base64URL.segments(ofToken: "\u{A0}a.b.c\u{3000}\n")?.map(String.init) == ["a", "b", "c"])
        #expect(Base64URL.segments(ofToken: "\u{A0}\u{2028} ") == nil)
        #expect(Base64URL.segments(ofToken: " \t\n") == nil)
        #expect(Base64URL.segments(ofToken: "") == nil)
    }
}
