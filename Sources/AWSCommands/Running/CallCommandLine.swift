import ShellWords
import AWSModel

/// The aws command line that makes exactly a given call, as the caller who signed it: the keys as variables for
/// that one command, the operation, the region, and every parameter in `--cli-input-json` (the CLI's own way of
/// giving members as JSON). A call that arrived over HTTP is recorded as this line, so replaying a transcript
/// makes the same call again, and task checks read it like a typed command.
public enum CallCommandLine {
    /// `onInstance`: the call was signed with an instance's role credentials, so it is made on that instance, where
    /// the CLI finds those credentials itself (`instance exec ID -- aws …`), and no keys are written.
    public static func line(for request: ServiceRequest, onInstance instance: String? = nil) -> String? {
        guard let service = ServiceCatalog.services.first(where: { $0.apiName == request.service }),
              let operation = service.operations.first(where: { $0.apiName == request.operation }) else { return nil }
        var words: [String] = []
        if let instance {
            words += ["instance", "exec", instance, "--"]
        } else if let credentials = request.credentials {
            words += ["AWS_ACCESS_KEY_ID=" + credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY=" + credentials.secretAccessKey]
            if let token = credentials.sessionToken, !token.isEmpty { words.append("AWS_SESSION_TOKEN=" + token) }
        } else if !operation.isUnsigned {
            // Only a call the CLI sends unsigned (AssumeRoleWithWebIdentity) comes without keys.
            return nil
        }
        // One call, as the client made it: the CLI must not follow pages the client did not ask for.
        words += ["aws", service.cliName, operation.cliName, "--region", request.region, "--no-paginate"]
        if case .object(let members) = request.parameters, !members.isEmpty {
            words += ["--cli-input-json", request.parameters.compactJSON]
        }
        // The operations whose answer the CLI writes to a file take that file as a word of their own; the
        // member is in the answer the caller was sent already.
        let outfileOperations: Set<String> = ["GetObject", "Invoke"]
        if outfileOperations.contains(operation.apiName) { words.append("/dev/null") }
        return words.map(ShellWords.quoted).joined(separator: " ")
    }
}
