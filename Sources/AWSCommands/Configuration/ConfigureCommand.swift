import Foundation
import AWSModel
/// `aws configure set|get|list` (awscli/customizations/configure). The interactive `aws configure` prompt is
/// not available: the sandbox has no terminal to prompt on inside a command.
struct ConfigureCommand {
    static let subcommands = ["export-credentials", "get", "list", "set"]
    /// aws CLI v2's other configure commands: real, and interactive or about SSO, which the sandbox has not got.
    static let notSimulated: Set<String> = ["add-model", "import", "list-profiles", "sso", "sso-session"]

    func run<Backend: AWSBackend, Files: FileProvider>(
        _ words: [String], session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> CLIFailure {
        if words.first == "export-credentials" { return try exportCredentials(Array(words.dropFirst()), session: &session) }
        let split = try OptionMatcher(options: [], positionalCount: 3).match(words)
        if !split.extras.isEmpty { throw .unknownOptions(split.extras) }
        guard let subcommand = split.positionals.first else {
            throw .general("aws configure without a subcommand prompts interactively, which the sandbox cannot do; use aws configure set KEY VALUE")
        }
        let arguments = Array(split.positionals.dropFirst())
        let profile = session.profile.name
        switch subcommand {
        case "set":
            guard arguments.count >= 1 else { throw .usage("the following arguments are required: varname, value") }
            guard arguments.count >= 2 else { throw .usage("the following arguments are required: value") }
            let (section, name) = Self.locate(arguments[0], profile: profile)
            session.environment.configuration.set(name, to: arguments[1], inProfile: section)
            return .printed(stdout: "", stderr: "", exitCode: 0)
        case "get":
            guard arguments.count == 1 else {
                if arguments.isEmpty { throw .usage("the following arguments are required: varname") }
                throw .unknownOptions(Array(arguments.dropFirst()))
            }
            let (section, name) = Self.locate(arguments[0], profile: profile)
            guard let value = session.environment.configuration.setting(name, inProfile: section) else {
                return .printed(stdout: "", stderr: "", exitCode: 1)
            }
            return .printed(stdout: value + "\n", stderr: "", exitCode: 0)
        case "list":
            if !arguments.isEmpty { throw .unknownOptions(arguments) }
            return .printed(stdout: try list(session: &session), stderr: "", exitCode: 0)
        case _ where Self.notSimulated.contains(subcommand):
            throw .notSimulated(command: "configure", operation: subcommand, simulated: Self.subcommands)
        default:
            throw .usage("argument subcommand: " + ChoiceList.invalidChoice(subcommand, choices: Self.subcommands))
        }
    }

    /// The output formats of aws CLI v2's `configure export-credentials`.
    static let exportFormats = ["process", "env", "env-no-export", "powershell", "windows-cmd"]

    /// `aws configure export-credentials [--format F]` (aws CLI v2): the credentials the CLI would sign with, for
    /// another program or a shell (`eval "$(aws configure export-credentials --profile NAME --format env)"`).
    private func exportCredentials<Backend: AWSBackend, Files: FileProvider>(
        _ words: [String], session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> CLIFailure {
        let split = try OptionMatcher(options: [.init(name: "format", key: "format", arity: .single)], positionalCount: 0).match(words)
        if !split.extras.isEmpty { throw .unknownOptions(split.extras) }
        var format = "process"
        if case .word(let value)? = split.values["format"] {
            guard Self.exportFormats.contains(value) else {
                throw .usage("argument --format: " + ChoiceList.invalidChoice(value, choices: Self.exportFormats))
            }
            format = value
        }
        let credentials = try session.credentials()
        // A role's credentials carry when they run out; a user's own keys do not.
        let expiration = session.environment.roleCredentialCache.values.first { $0.accessKeyID == credentials.accessKeyID }
            .map { Self.iso8601($0.expiration) }
        var pairs = [("AWS_ACCESS_KEY_ID", credentials.accessKeyID), ("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey)]
        if let token = credentials.sessionToken { pairs.append(("AWS_SESSION_TOKEN", token)) }
        if let expiration { pairs.append(("AWS_CREDENTIAL_EXPIRATION", expiration)) }
        let text: String
        switch format {
        case "env": text = pairs.map { "export \($0.0)=\($0.1)\n" }.joined()
        case "env-no-export": text = pairs.map { "\($0.0)=\($0.1)\n" }.joined()
        case "powershell": text = pairs.map { "$Env:\($0.0)=\"\($0.1)\"\n" }.joined()
        case "windows-cmd": text = pairs.map { "set \($0.0)=\($0.1)\n" }.joined()
        default:
            // The credential_process document, as the CLI writes it: two-space indents.
            var members: [(String, AWSValue)] = [("Version", .integer(1)), ("AccessKeyId", .string(credentials.accessKeyID)),
                                                 ("SecretAccessKey", .string(credentials.secretAccessKey))]
            if let token = credentials.sessionToken { members.append(("SessionToken", .string(token))) }
            if let expiration { members.append(("Expiration", .string(expiration))) }
            text = "{\n" + members.map { "  \"\($0.0)\": \($0.1.compactJSON)" }.joined(separator: ",\n") + "\n}\n"
        }
        return .printed(stdout: text, stderr: "", exitCode: 0)
    }

    /// `2026-01-15T10:00:00+00:00`, as botocore writes a credential's expiration.
    static func iso8601(_ epoch: Int) -> String { Timestamps.iso8601(epoch) }

    /// `region` → the current profile; `default.region`; `profile.NAME.region`.
    static func locate(_ variable: String, profile: String) -> (section: String, name: String) {
        let parts = variable.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 3 && parts[0] == "profile" {
            return (parts[1], parts[2...].joined(separator: "."))
        }
        if parts.count >= 2 && parts[0] == "default" {
            return ("default", parts[1...].joined(separator: "."))
        }
        return (profile, variable)
    }

    private func list<Backend: AWSBackend, Files: FileProvider>(session: inout CommandSession<Backend, Files>) throws(CLIFailure) -> String {
        func row(_ name: String, _ value: String, _ type: String, _ location: String) -> String {
            func right(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
            return right(name, 10) + " " + right(value, 24) + " " + right(type, 16) + "    " + location + "\n"
        }
        func masked(_ key: String) -> String { String(repeating: "*", count: 16) + String(key.suffix(4)) }
        var output = row("Name", "Value", "Type", "Location") + row("----", "-----", "----", "--------")
        let selection = session.profile
        let configuration = session.environment.configuration
        let variables = session.environment.variables
        if let source = selection.source {
            output += row("profile", selection.name, source.type, source.location)
        } else {
            output += row("profile", "<not set>", "None", "None")
        }
        if !selection.isExplicit, let access = variables["AWS_ACCESS_KEY_ID"], let secret = variables["AWS_SECRET_ACCESS_KEY"] {
            output += row("access_key", masked(access), "env", "")
            output += row("secret_key", masked(secret), "env", "")
        } else if let access = configuration.setting("aws_access_key_id", inProfile: selection.name),
                  let secret = configuration.setting("aws_secret_access_key", inProfile: selection.name) {
            output += row("access_key", masked(access), "shared-credentials-file", "")
            output += row("secret_key", masked(secret), "shared-credentials-file", "")
        } else if let credentials = try? session.credentials() {
            let method = configuration.setting("role_arn", inProfile: selection.name) != nil ? "assume-role" : "iam-role"
            output += row("access_key", masked(credentials.accessKeyID), method, "")
            output += row("secret_key", masked(credentials.secretAccessKey), method, "")
        } else {
            output += row("access_key", "<not set>", "None", "None")
            output += row("secret_key", "<not set>", "None", "None")
        }
        if let region = session.globals.region {
            output += row("region", region, "manual", "--region")
        } else if let variable = ["AWS_REGION", "AWS_DEFAULT_REGION"].first(where: { variables[$0]?.isEmpty == false }) {
            output += row("region", variables[variable]!, "env", variable)
        } else if let region = configuration.setting("region", inProfile: selection.name) {
            output += row("region", region, "config-file", "~/.aws/config")
        } else {
            output += row("region", "<not set>", "None", "None")
        }
        return output
    }
}
