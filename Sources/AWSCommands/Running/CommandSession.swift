import AWSModel
import AWSWire
/// What one command invocation shares between parsing, credential resolution, calls and output: the global
/// options, the environment, and the record of calls and written files.
struct CommandSession<Backend: AWSBackend, Files: FileProvider> {
    let globals: GlobalOptions
    var environment: CLIEnvironment
    let files: Files
    var backend: Backend
    var calls: [ServiceCallRecord] = []
    var writtenFiles: [WrittenFile] = []
    /// What the CLI prints on standard error before the command's own output, as awscli's `uni_print(…, sys.stderr)`
    /// warnings (`warning: Non-positive values for --max-items …`).
    var warnings: [String] = []
    private var cachedCredentials: AWSCredentials?

    init(globals: GlobalOptions, environment: CLIEnvironment, files: Files, backend: Backend) {
        self.globals = globals
        self.environment = environment
        self.files = files
        self.backend = backend
    }

    var profile: ProfileSelection {
        ProfileSelection(globalOption: globals.profile, variables: environment.variables)
    }

    func region(for service: ServiceSpec) throws(CLIFailure) -> String {
        if let region = profile.region(globalOption: globals.region, environment: environment) {
            guard Self.isHostLabel(region) else { throw .general("Provided region_name '\(region)' doesn't match a supported format.") }
            return region
        }
        if service.needsRegion { throw .noRegion }
        return "us-east-1"
    }

    /// botocore's check of a region name before it makes a client: a valid host label (letters, digits and dashes,
    /// at most 63, neither starting nor ending with a dash, not only digits), whether it came from `--region`,
    /// `AWS_REGION` or a profile.
    static func isHostLabel(_ region: String) -> Bool {
        let bytes = Array(region.utf8)
        guard bytes.count <= 63, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
        guard bytes.isEmpty || !bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        return bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// Resolved once per command, as botocore's session does: a role profile assumes its role once.
    mutating func credentials() throws(CLIFailure) -> AWSCredentials {
        if let cachedCredentials { return cachedCredentials }
        let files = self.files
        let resolver = CredentialResolver(profile: profile, environment: environment, readFile: { files.contents(ofFile: $0) })
        var cache = environment.roleCredentialCache
        defer { environment.roleCredentialCache = cache }
        let credentials = try resolver.resolve(backend: &backend, calls: &calls, cache: &cache)
        cachedCredentials = credentials
        return credentials
    }

    /// Sends one call, records its outcome, and turns a service error into the CLI's failure.
    mutating func call(_ service: ServiceSpec, _ operation: String, _ parameters: AWSValue, signed: Bool = true) throws(CLIFailure) -> AWSValue {
        let region = try region(for: service)
        let credentials: AWSCredentials? = signed && globals.signsRequests ? try credentials() : nil
        // As botocore: the endpoint is resolved after the parameters are checked and the request signed, and one
        // that no DNS answers (a mistyped Region) fails to connect before anything reaches a service.
        guard AWSPartition.isReachable(endpointPrefix: service.apiName, region: region) else {
            throw .unreachable(url: "https://" + AWSPartition.host(endpointPrefix: service.apiName, region: region)
                                   + RequestTarget.pathAndQuery(service: service.apiName, operation: operation, parameters: parameters))
        }
        let request = ServiceRequest(service: service.apiName, operation: operation, parameters: Self.withChecksums(parameters, service: service.apiName, operation: operation),
                                     credentials: credentials, region: region)
        switch backend.send(request) {
        case .success(let response):
            calls.append(ServiceCallRecord(service: service.apiName, operation: operation, outcome: .success, accessKeyID: credentials?.accessKeyID,
                                           parameters: parameters))
            return response
        case .failure(let error):
            calls.append(ServiceCallRecord(service: service.apiName, operation: operation, outcome: .failure(code: error.code),
                                           accessKeyID: credentials?.accessKeyID, parameters: parameters))
            throw .service(error, operation: operation)
        }
    }

    /// botocore's flexible checksums (`when_supported`, its default since 1.36): an upload carries the CRC32 of its
    /// body unless it names a checksum of its own, and a download asks for the object's checksum to check the body.
    static func withChecksums(_ parameters: AWSValue, service: String, operation: String) -> AWSValue {
        guard service == "s3", case .object(var members) = parameters else { return parameters }
        switch operation {
        case "PutObject" where !members.contains(where: { $0.key.hasPrefix("Checksum") && $0.key != "ChecksumAlgorithm" }):
            // The algorithm asked for with --checksum-algorithm, else CRC32; computed over the body as botocore does.
            let asked = members.first { $0.key == "ChecksumAlgorithm" }?.value.stringValue?.uppercased()
            let algorithm = ["CRC32C", "SHA1", "SHA256"].contains(asked ?? "") ? asked! : "CRC32"
            let body = Array((members.first { $0.key == "Body" }?.value.stringValue ?? "").utf8)
            members.append(AWSValue.Member("Checksum" + algorithm, .string(Checksums.value(of: body, algorithm: algorithm) ?? "")))
        case "GetObject" where !members.contains(where: { $0.key == "ChecksumMode" }):
            members.append(AWSValue.Member("ChecksumMode", .string("ENABLED")))
        default:
            return parameters
        }
        return .object(members)
    }

    /// `--cli-binary-format`, else the profile's `cli_binary_format`, else v2's default, base64.
    func binaryFormat() throws(CLIFailure) -> GlobalOptions.BinaryFormat {
        if let format = globals.binaryFormat { return format }
        guard let configured = environment.configuration.setting("cli_binary_format", inProfile: profile.name) else {
            return environment.blobsAreRaw ? .rawInBase64Out : .base64
        }
        guard let format = GlobalOptions.BinaryFormat(rawValue: configured) else {
            throw .general("Unknown binary format: \(configured)")
        }
        return format
    }

    /// The output format: --output, then AWS_DEFAULT_OUTPUT, then the profile's `output`, then JSON.
    func outputFormat() throws(CLIFailure) -> GlobalOptions.OutputFormat {
        if let output = globals.output { return output }
        let configured = environment.variables["AWS_DEFAULT_OUTPUT"]
            ?? environment.configuration.setting("output", inProfile: profile.name)
        guard let configured else { return .json }
        guard let format = GlobalOptions.OutputFormat(rawValue: configured) else {
            throw .general("Unknown output type: \(configured)")
        }
        return format
    }
}
