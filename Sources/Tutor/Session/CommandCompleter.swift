import AWSCommands
import Sandbox
import SandboxShell

/// Tab completion that knows where it is: the first word (tutor commands, shell commands), aws services,
/// operations and options, names that exist in the sandbox after the options that take them, and answer letters
/// when a question is open. Pure: the line editor asks, this answers.
public struct CommandCompleter {
    public struct Context {
        public var firstWords: [String]
        public var answerLetters: [String]
        public var sandbox: Sandbox
        public var lessonIDs: [String]

        public init(firstWords: [String], answerLetters: [String] = [], sandbox: Sandbox, lessonIDs: [String] = []) {
            self.firstWords = firstWords
            self.answerLetters = answerLetters
            self.sandbox = sandbox
            self.lessonIDs = lessonIDs
        }
    }

    /// Where the word being completed starts (a character offset) and the candidates for it.
    public static func complete(line: String, cursor: Int, context: Context) -> (start: Int, candidates: [String]) {
        let upToCursor = String(line.prefix(cursor))
        let wordStart = upToCursor.lastIndex(of: " ").map { upToCursor.distance(from: upToCursor.startIndex, to: $0) + 1 } ?? 0
        let partial = String(upToCursor.dropFirst(wordStart))
        let before = upToCursor.prefix(wordStart).split(separator: " ").map(String.init)
        let offered = fileReference(in: partial, context: context) ?? options(before: before, context: context)
        let candidates = offered.filter { $0.hasPrefix(partial) }
        return (wordStart, Array(Set(candidates)).sorted())
    }

    /// The working folder's files after `file://` or `fileb://`, wherever the word puts it (`--x=file://…` too).
    static func fileReference(in partial: String, context: Context) -> [String]? {
        for scheme in ["file://", "fileb://"] {
            guard let range = partial.range(of: scheme),
                  range.lowerBound == partial.startIndex || partial[partial.index(before: range.lowerBound)] == "=" else { continue }
            let head = partial[..<range.upperBound]
            return context.sandbox.state.files.keys.map { head + $0 }
        }
        return nil
    }

    static func options(before words: [String], context: Context) -> [String] {
        guard let first = words.first else { return context.firstWords + context.answerLetters }
        let names = context.sandbox.names()
        if first == "open" || first == "goto" { return words.count == 1 ? context.lessonIDs : [] }
        if first == "instance" {
            switch words.count {
            case 1: return ["exec"]
            case 2: return names.instances
            case 3: return ["--"]
            default: return Array(words.dropFirst(4).isEmpty ? ["aws", "curl"] : ["http://169.254.169.254/latest/meta-data/iam/security-credentials/"])
            }
        }
        if first == "cat" { return Array(context.sandbox.state.files.keys) }
        if first == "clock" { return words.count == 1 ? ["advance"] : [] }
        if first == "reset" { return words.count == 1 ? ["lesson", "sandbox"] : [] }
        guard let awsIndex = words.firstIndex(of: "aws") else { return [] }
        let awsWords = Array(words.dropFirst(awsIndex + 1))
        switch awsWords.count {
        case 0: return AWSCLI.services
        case 1: return AWSCLI.operations(of: awsWords[0])
        default:
            switch awsWords.last! {
            case "--role-name": return names.roles
            case "--policy-arn", "--permissions-boundary": return names.policies
            case "--role-arn", "--role": return names.roles.map { "arn:aws:iam::\(SandboxState.learnerAccount):role/\($0)" }
            case "--bucket": return names.buckets
            case "--instance-id", "--instance-ids": return names.instances
            case "--instance-profile-name": return names.profiles
            case "--function-name": return names.functions
            default:
                if awsWords[0] == "s3" { return names.buckets.map { "s3://\($0)/" } + AWSCLI.options(of: awsWords[0], operation: awsWords[1]) }
                return AWSCLI.options(of: awsWords[0], operation: awsWords[1])
            }
        }
    }
}
