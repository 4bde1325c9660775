/// Which profile a command uses, and whether the learner chose it with --profile (which, as in botocore,
/// stops environment-variable keys from taking precedence).
struct ProfileSelection {
    let name: String
    let isExplicit: Bool
    /// Where the name came from, for `aws configure list`.
    let source: (type: String, location: String)?

    init(globalOption: String?, variables: [String: String]) {
        if let globalOption {
            name = globalOption
            isExplicit = true
            source = ("manual", "--profile")
        } else if let fromEnvironment = variables["AWS_PROFILE"] ?? variables["AWS_DEFAULT_PROFILE"], !fromEnvironment.isEmpty {
            name = fromEnvironment
            isExplicit = false
            source = ("env", variables["AWS_PROFILE"] != nil ? "AWS_PROFILE" : "AWS_DEFAULT_PROFILE")
        } else {
            name = "default"
            isExplicit = false
            source = nil
        }
    }

    func requireExists(in configuration: CLIConfiguration) throws(CLIFailure) {
        if name != "default" && configuration.profiles[name] == nil {
            throw .configuration("The config profile (\(name)) could not be found")
        }
    }

    /// Region: --region, then AWS_REGION / AWS_DEFAULT_REGION, then the profile's `region`.
    func region(globalOption: String?, environment: CLIEnvironment) -> String? {
        if let globalOption { return globalOption }
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = environment.variables[variable], !value.isEmpty { return value }
        }
        return environment.configuration.setting("region", inProfile: name)
    }
}
