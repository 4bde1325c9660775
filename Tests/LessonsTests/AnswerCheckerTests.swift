import Testing
@testable import Lessons

@Suite struct AnswerCheckerTests {
    func question(_ kind: Question.Kind, _ answer: Question.Answer, choices: [String] = ["a", "b", "c", "d"]) -> Question {
        Question(id: "q", kind: kind, prompt: "P", choices: choices.map { .init(letter: $0, text: $0.uppercased()) }, answer: answer,
                 explanation: "E", location: SourceLocation(file: "f", line: 1))
    }

    @Test func singleChoiceTakesOneLetterInAnyCase() {
        let q = question(.singleChoice, .choice("b"))
        #expect(AnswerChecker.check("b", against: q) == .correct)
        #expect(AnswerChecker.check(" B ", against: q) == .correct)
        #expect(AnswerChecker.check("c", against: q) == .incorrect)
        #expect(AnswerChecker.check("e", against: q) == .unreadable("'e' is not one of the choices (a, b, c, d)."))
        #expect(AnswerChecker.check("a b", against: q) == .unreadable("Answer with one letter: a, b, c, d."))
    }

    @Test func multipleChoiceTakesLettersInAnyOrderAndSeparator() {
        let q = question(.multipleChoice, .choices(["a", "c"]))
        for input in ["a c", "c,a", "A, C", "ac", "ca", "a and c", "c;a"] {
            #expect(AnswerChecker.check(input, against: q) == .correct, "\(input)")
        }
        #expect(AnswerChecker.check("a", against: q) == .incorrect)
        #expect(AnswerChecker.check("a c d", against: q) == .incorrect)
        #expect(AnswerChecker.check("x", against: q) == .unreadable("'x' is not one of the choices (a, b, c, d)."))
    }

    @Test func trueFalseAcceptsCommonSpellings() {
        let q = question(.trueFalse, .truth(false), choices: [])
        for input in ["false", "F", "no", "N", "False."] { #expect(AnswerChecker.check(input, against: q) == .correct, "\(input)") }
        #expect(AnswerChecker.check("yes", against: q) == .incorrect)
        #expect(AnswerChecker.check("maybe", against: q) == .unreadable("Answer true or false."))
    }

    @Test func shortAnswersAreNormalisedOrMatchThePattern() {
        let q = question(.shortAnswer, .text(accepted: ["sts:AssumeRole"], pattern: "(sts:)?assume ?role"), choices: [])
        for input in ["sts:AssumeRole", " STS:ASSUMEROLE ", "`sts:AssumeRole`", "\"sts:assumerole\".", "assume role", "AssumeRole"] {
            #expect(AnswerChecker.check(input, against: q) == .correct, "\(input)")
        }
        #expect(AnswerChecker.check("sts:GetCallerIdentity", against: q) == .incorrect)
        #expect(AnswerChecker.check("   ", against: q) == .unreadable("Type your answer."))
    }

    /// "instance profile" is also written "the instance profile", "An instance-profile." or "InstanceProfile".
    @Test func shortAnswersAcceptTheFormsPeopleWrite() {
        let q = question(.shortAnswer, .text(accepted: ["instance profile"], pattern: nil), choices: [])
        for input in ["instance profile", "the instance profile", "An instance-profile.", "InstanceProfile", "instance_profile", "A Instance Profile"] {
            #expect(AnswerChecker.check(input, against: q) == .correct, "\(input)")
        }
        for input in ["instance role", "profile", "the instance", "instances profiles"] {
            #expect(AnswerChecker.check(input, against: q) == .incorrect, "\(input)")
        }
    }

    /// An aws CLI option has one spelling: `--role-arn`, or `role-arn` without its dashes, counts; `roleArn`,
    /// `-role-arn` or `--Role-Arn` (which the CLI refuses) once counted too, and are now a nudge.
    @Test func anOptionIsTakenAsTheCLISpellsIt() {
        let q = question(.shortAnswer, .text(accepted: ["--role-arn", "role-arn"], pattern: nil), choices: [])
        for input in ["--role-arn", " `--role-arn`.", "role-arn", "\"--role-arn\""] {
            #expect(AnswerChecker.check(input, against: q) == .correct, "\(input)")
        }
        let nudge = AnswerChecker.Verdict.nearMiss("Nearly: write the option as the aws CLI spells it, --role-arn. (Not counted as an attempt.)")
        for input in ["roleArn", "-role-arn", "--Role-Arn", "role arn", "--role_arn", "RoleArn"] {
            #expect(AnswerChecker.check(input, against: q) == nudge, "\(input)")
        }
        for input in ["--role-name", "--role"] {
            #expect(AnswerChecker.check(input, against: q) == .incorrect, "\(input)")
        }
        #expect(AnswerChecker.check("--rolearn", against: q) == nudge)
        #expect(AnswerChecker.check("--role-ar", against: q) == .nearMiss("Nearly: check the spelling. (Not counted as an attempt.)"))
    }

    /// An ARN is case-sensitive, as AWS reads it: `role/auditor` is another role, and `ARN:AWS:…` no ARN. Right but
    /// for its letter case is a nudge, not a point (it once counted as correct).
    @Test func anARNIsMatchedLetterForLetter() {
        let q = question(.shortAnswer, .text(accepted: ["arn:aws:iam::123456789012:role/Auditor"], pattern: nil), choices: [])
        for input in ["arn:aws:iam::123456789012:role/Auditor", "  `arn:aws:iam::123456789012:role/Auditor`.", "\"arn:aws:iam::123456789012:role/Auditor\""] {
            #expect(AnswerChecker.check(input, against: q) == .correct, "\(input)")
        }
        let caseNudge = AnswerChecker.Verdict.nearMiss("Nearly: an ARN is case-sensitive, role names in it too; check the letter case. (Not counted as an attempt.)")
        for input in ["arn:aws:iam::123456789012:role/auditor", " ARN:AWS:IAM::123456789012:ROLE/AUDITOR "] {
            #expect(AnswerChecker.check(input, against: q) == caseNudge, "\(input)")
        }
        #expect(AnswerChecker.check("arn:aws:iam::123456789012:role/Auditors", against: q) != .correct)
        #expect(AnswerChecker.check("arn:aws:iam::210987654321:role/Auditor", against: q) == .incorrect)
    }

    /// A near miss is nudged instead of marked wrong: a missing service prefix, or one letter off.
    @Test func nearMissesGetANudge() {
        let action = question(.shortAnswer, .text(accepted: ["s3:PutObject"], pattern: nil), choices: [])
        let prefix = AnswerChecker.Verdict.nearMiss("Nearly: an action is written with its service prefix, as in iam:GetRole. (Not counted as an attempt.)")
        let spelling = AnswerChecker.Verdict.nearMiss("Nearly: check the spelling. (Not counted as an attempt.)")
        #expect(AnswerChecker.check("PutObject", against: action) == prefix)
        #expect(AnswerChecker.check("`putobject`", against: action) == prefix)
        #expect(AnswerChecker.check("s3:PutObjct", against: action) == spelling)
        #expect(AnswerChecker.check("s3:PutObjects", against: action) == spelling)
        #expect(AnswerChecker.check("GetObject", against: action) == .incorrect)
        #expect(AnswerChecker.check("iam:PutObject", against: action) == .incorrect, "a wrong prefix is a wrong answer")
        #expect(AnswerChecker.check("s3:GetObject", against: action) == .incorrect)
        let profile = question(.shortAnswer, .text(accepted: ["instance profile"], pattern: nil), choices: [])
        #expect(AnswerChecker.check("instance profiles", against: profile) == spelling)
        #expect(AnswerChecker.check("the instanse profile", against: profile) == spelling)
        let short = question(.shortAnswer, .text(accepted: ["Deny"], pattern: nil), choices: [])
        #expect(AnswerChecker.check("Den", against: short) == .incorrect, "short answers are not guessed at")
    }

    /// ASCII answers are read byte by byte, others by Unicode scalars and Characters: on ASCII text both readings
    /// must agree, whatever characters it holds (every ASCII byte, runs of each kind, words of letters).
    @Test func asciiAnswersReadAsTheGeneralReadingReadsThem() {
        let every = String(decoding: Array(0..<128 as Range<UInt8>), as: UTF8.self)
        var samples = [every, String(every.reversed()), "", " ", "a, C", "ac", "a and c", "AND", "abcdefg", "aab", "\r\n",
                       "  `Role`.  ", "\"arn:aws:iam::123456789012:role/R\"...", "a\tb\u{0B}c\u{0C}d\re\u{1C}f", "Deny."]
        for first in 0..<128 as Range<UInt8> {
            samples.append(String(decoding: [first, 0x41, first, 0x20, 0x62, first], as: UTF8.self))
        }
        for text in samples {
            for lowercasing in [true, false] {
                #expect(AnswerChecker.asciiNormalized(text, lowercasing: lowercasing) == AnswerChecker.scalarsNormalized(text, lowercasing: lowercasing), "\(Array(text.utf8))")
            }
            #expect(AnswerChecker.asciiWords(text) == text.lowercased().split { !$0.isLetter }.map(String.init), "\(Array(text.utf8))")
        }
        #expect(AnswerChecker.asciiNormalized("é", lowercasing: true) == nil)
        #expect(AnswerChecker.normalize("  ÉTÉ  “x”. ") == "été x")
    }
}
