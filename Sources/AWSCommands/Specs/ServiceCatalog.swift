/// The services and commands `aws` knows in the sandbox, for dispatch and for the REPL's completion.
enum ServiceCatalog {
    /// Commands that are not a service model: the CLI's own customisations.
    static let customCommands = ["configure", "s3"]

    static let services: [ServiceSpec] = ServiceSpec.generatedServices

    static func service(named cliName: String) -> ServiceSpec? {
        services.first { $0.cliName == cliName }
    }

    /// Every word valid after `aws`, sorted like the CLI's "valid choices" list.
    static var commandNames: [String] {
        (services.map(\.cliName) + customCommands).sorted(by: PythonOrder.less)
    }

    /// The CLI's own commands inside a service's table that the sandbox simulates (`aws logs tail`): dispatched
    /// before the service's operations, so the generated list of real commands not simulated may still name them.
    static let serviceCustomCommands: [String: [String]] = ["logs": [LogsTailCommand.name]]

    /// The simulated custom command `words` (what follows `aws SERVICE`) ask for, if any: the first word that does
    /// not look like an option, as for an operation.
    static func customCommand(of service: String, in words: [String]) -> String? {
        guard let commands = serviceCustomCommands[service],
              let word = words.first(where: { !OptionMatcher(options: [], positionalCount: 1).looksLikeOption($0) }),
              commands.contains(word) else { return nil }
        return word
    }

    /// Operations of a service in the CLI's order: sorted by API name, as botocore lists them, then the CLI's own
    /// commands, which it adds after them.
    static func operationNames(of service: ServiceSpec) -> [String] {
        service.operations.sorted { PythonOrder.less($0.apiName, $1.apiName) }.map(\.cliName) + (serviceCustomCommands[service.cliName] ?? [])
    }
}
