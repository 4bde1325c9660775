import ShellWords
import AWSModel
@testable import AWSCommands
import Foundation

/// Records every request and answers from a script keyed by operation name.
struct FakeBackend: AWSBackend {
    var responses: [String: [Result<AWSValue, ServiceError>]] = [:]
    var requests: [ServiceRequest] = []

    mutating func reply(_ operation: String, _ results: Result<AWSValue, ServiceError>...) {
        responses[operation, default: []].append(contentsOf: results)
    }

    mutating func send(_ request: ServiceRequest) -> Result<AWSValue, ServiceError> {
        requests.append(request)
        guard var queue = responses[request.operation], !queue.isEmpty else { return .success(.object([])) }
        let next = queue.removeFirst()
        // The last scripted answer repeats, so one reply serves every call of that operation.
        responses[request.operation] = queue.isEmpty ? [next] : queue
        return next
    }
}

struct FakeFiles: FolderListingFileProvider {
    var files: [String: String] = [:]
    /// Files that are not UTF-8 text (a zip, an image).
    var binary: [String: [UInt8]] = [:]

    func contents(ofFile path: String) -> String? {
        files[path] ?? files[path.hasPrefix("./") ? String(path.dropFirst(2)) : "./" + path]
    }

    func bytes(ofFile path: String) -> [UInt8]? {
        binary[path] ?? contents(ofFile: path).map { Array($0.utf8) }
    }

    func files(inFolder folder: String) -> [String]? {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let found = files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        return found.isEmpty ? nil : found
    }
}

let learnerKeys = ["AWS_ACCESS_KEY_ID": "AKIALEARNER", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_DEFAULT_REGION": "us-east-1"]

/// Runs `aws WORDS` with the learner's environment-variable keys unless told otherwise.
func aws(
    _ line: String, variables: [String: String] = learnerKeys, configuration: CLIConfiguration = CLIConfiguration(),
    files: FakeFiles = FakeFiles(), backend: inout FakeBackend
) -> CLIResult {
    var environment = CLIEnvironment(variables: variables, configuration: configuration)
    return AWSCLI.run(try! ShellWords.split(line), environment: &environment, files: files, backend: &backend)
}

func aws(_ line: String, variables: [String: String] = learnerKeys) -> CLIResult {
    var backend = FakeBackend()
    return aws(line, variables: variables, backend: &backend)
}

let usageBlurb = """
    usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
    To see help text, you can run:

      aws help
      aws <command> help
      aws <command> <subcommand> help

    """

func goldenURL(_ name: String) -> URL {
    Bundle.module.url(forResource: "Golden", withExtension: nil)!.appendingPathComponent(name)
}
