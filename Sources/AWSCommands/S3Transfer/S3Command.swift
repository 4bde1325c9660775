import AWSModel
/// `aws s3 ls|cp|rm|mb|rb`: the high-level S3 commands, carried out as s3api calls on the backend and
/// reported with the CLI's lines (`upload: ./a.txt to s3://b/a.txt`). Progress lines are not printed,
/// as with `--no-progress`.
struct S3Command {
    static let subcommands = ["ls", "cp", "rm", "mb", "rb"]
    /// Every `aws s3` command, in the order of the CLI's table (awscli's `customizations/s3/s3.py`), which its
    /// "Invalid choice" lists: the ones not in `subcommands` are real but not simulated.
    static let cliSubcommands = ["ls", "website", "cp", "mv", "rm", "sync", "mb", "rb", "presign"]

    private static let options: [OptionMatcher.Option] = [
        .init(name: "recursive", key: "recursive", arity: .flag(value: true)),
        .init(name: "human-readable", key: "human-readable", arity: .flag(value: true)),
        .init(name: "summarize", key: "summarize", arity: .flag(value: true)),
        .init(name: "page-size", key: "page-size", arity: .single),
        .init(name: "dryrun", key: "dryrun", arity: .flag(value: true)),
        .init(name: "quiet", key: "quiet", arity: .flag(value: true)),
        .init(name: "only-show-errors", key: "only-show-errors", arity: .flag(value: true)),
        .init(name: "no-progress", key: "no-progress", arity: .flag(value: true)),
        .init(name: "content-type", key: "content-type", arity: .single),
        .init(name: "force", key: "force", arity: .flag(value: true)),
    ]

    /// Which options each subcommand accepts (the rest are "Unknown options").
    private static let accepted: [String: Set<String>] = [
        "ls": ["recursive", "human-readable", "summarize", "page-size"],
        "cp": ["recursive", "dryrun", "quiet", "only-show-errors", "no-progress", "content-type", "page-size"],
        "rm": ["recursive", "dryrun", "quiet", "only-show-errors", "page-size"],
        "mb": [],
        "rb": ["force"],
    ]

    /// The paths each subcommand takes, as the CLI's synopsis writes them.
    private static let pathsUsage: [String: String] = [
        "ls": "<S3Uri> or NONE", "cp": "<LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>",
        "rm": "<S3Uri>", "mb": "<S3Uri>", "rb": "<S3Uri>",
    ]

    private struct Report {
        var stdout = ""
        var stderr = ""
        var failed = false
    }

    private let service = ServiceCatalog.service(named: "s3api")!
    // Paths of the wrong kind are awscli's ParamValidationError in v2 (exit status 252), with v1's words.

    func run<Backend: AWSBackend, Files: FileProvider>(
        _ words: [String], session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> CLIFailure? {
        // As for a service: the first word that does not look like an option is the subcommand.
        let commandMatcher = OptionMatcher(options: [], positionalCount: 1)
        guard let subcommand = words.first(where: { !commandMatcher.looksLikeOption($0) }) else {
            throw .usage("the following arguments are required: subcommand")
        }
        guard Self.subcommands.contains(subcommand) else {
            if Self.cliSubcommands.contains(subcommand) {
                throw .notSimulated(command: "s3", operation: subcommand, simulated: Self.subcommands)
            }
            throw .usage("argument subcommand: " + ChoiceList.invalidChoice(subcommand, choices: Self.cliSubcommands))
        }
        var remaining = words
        remaining.remove(at: words.firstIndex(of: subcommand)!)
        let allowed = Self.accepted[subcommand]!
        // As the CLI does, a last word `help` asks for the command's page: `aws s3 ls help`.
        if remaining.last == "help" {
            let page = HelpPage.s3Subcommand(subcommand, paths: Self.pathsUsage[subcommand]!, options: Self.options.filter { allowed.contains($0.name) })
            return .printed(stdout: page, stderr: "", exitCode: 0)
        }
        let positionalCount = ["cp": 2, "ls": 1, "rm": 1, "mb": 1, "rb": 1][subcommand]!
        let matcher = OptionMatcher(options: Self.options.filter { allowed.contains($0.name) }, positionalCount: positionalCount)
        let outcome = try matcher.match(remaining)
        let required = subcommand == "cp" || subcommand == "rm" ? "paths" : "path"
        if subcommand != "ls" && outcome.positionals.count < positionalCount {
            throw .usage("the following arguments are required: \(required)")
        }
        if !outcome.extras.isEmpty { throw .paramValidation("Unknown options: " + outcome.extras.joined(separator: ", ")) }
        let flags = Set(outcome.values.keys)
        // awscli makes the command's client, which checks the region's name, before it looks at the paths.
        _ = try session.region(for: service)
        var report = Report()
        switch subcommand {
        case "ls":
            let code = try list(outcome.positionals.first ?? "s3://", flags: flags, session: &session, report: &report)
            return .printed(stdout: report.stdout, stderr: report.stderr, exitCode: code)
        case "cp":
            let contentType: String? = if case .word(let type)? = outcome.values["content-type"] { type } else { nil }
            try copy(outcome.positionals[0], outcome.positionals[1], flags: flags, contentType: contentType,
                     session: &session, report: &report)
        case "rm":
            try remove(outcome.positionals[0], flags: flags, session: &session, report: &report)
        case "mb":
            try makeBucket(outcome.positionals[0], session: &session, report: &report)
        default:
            try removeBucket(outcome.positionals[0], flags: flags, session: &session, report: &report)
        }
        return .printed(stdout: report.stdout, stderr: report.stderr, exitCode: report.failed ? 1 : 0)
    }

    // MARK: ls

    private func list<Backend: AWSBackend, Files: FileProvider>(
        _ path: String, flags: Set<String>, session: inout CommandSession<Backend, Files>, report: inout Report
    ) throws(CLIFailure) -> Int32 {
        let location = S3Location(path.hasPrefix("s3://") ? path : "s3://" + path)!
        let humanReadable = flags.contains("human-readable")
        var totalObjects = 0
        var totalSize = 0
        var empty = true
        if location.bucket.isEmpty {
            for page in try pages("ListBuckets", [], tokenIn: "ContinuationToken", tokenOut: "ContinuationToken", session: &session) {
                for bucket in page["Buckets"]?.listValue ?? [] {
                    report.stdout += S3ListingFormat.timestamp(bucket["CreationDate"]) + " " + (bucket["Name"]?.stringValue ?? "") + "\n"
                }
            }
            return 0
        }
        var parameters: [(String, AWSValue)] = [("Bucket", .string(location.bucket)), ("Prefix", .string(location.key))]
        let recursive = flags.contains("recursive")
        if !recursive { parameters.append(("Delimiter", "/")) }
        for page in try pages("ListObjectsV2", parameters, tokenIn: "ContinuationToken", tokenOut: "NextContinuationToken", session: &session) {
            let prefixes = page["CommonPrefixes"]?.listValue ?? []
            let contents = page["Contents"]?.listValue ?? []
            if !prefixes.isEmpty || !contents.isEmpty { empty = false }
            for prefix in prefixes { report.stdout += S3ListingFormat.prefixLine(prefix["Prefix"]?.stringValue ?? "") }
            for object in contents {
                let size = object["Size"]?.intValue ?? 0
                totalSize += size
                totalObjects += 1
                let key = object["Key"]?.stringValue ?? ""
                let name = recursive ? key : String(key.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
                report.stdout += S3ListingFormat.timestamp(object["LastModified"]) + " "
                    + S3ListingFormat.size(size, humanReadable: humanReadable) + " " + name + "\n"
            }
        }
        if flags.contains("summarize") {
            report.stdout += "\nTotal Objects: \(totalObjects)\n"
            report.stdout += "   Total Size: " + (humanReadable ? S3ListingFormat.humanReadableSize(totalSize) : String(totalSize)) + "\n"
        }
        // Listing a key that matches nothing exits 1, as the CLI does.
        return !location.key.isEmpty && empty ? 1 : 0
    }

    private func pages<Backend: AWSBackend, Files: FileProvider>(
        _ operation: String, _ parameters: [(String, AWSValue)], tokenIn: String, tokenOut: String,
        session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> [AWSValue] {
        var request = AWSValue.object(pairs: parameters)
        var collected: [AWSValue] = []
        while collected.count < 1000 {
            let page = try session.call(service, operation, request)
            collected.append(page)
            guard let token = page[tokenOut]?.stringValue, !token.isEmpty,
                  page["IsTruncated"]?.boolValue != false else { break }
            request = request.setting(tokenIn, to: .string(token))
        }
        return collected
    }

    private func keys<Backend: AWSBackend, Files: FileProvider>(
        under location: S3Location, session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> [String] {
        let parameters: [(String, AWSValue)] = [("Bucket", .string(location.bucket)), ("Prefix", .string(location.key))]
        return try pages("ListObjectsV2", parameters, tokenIn: "ContinuationToken", tokenOut: "NextContinuationToken", session: &session)
            .flatMap { $0["Contents"]?.listValue ?? [] }
            .compactMap { $0["Key"]?.stringValue }
    }

    // MARK: cp

    private func copy<Backend: AWSBackend, Files: FileProvider>(
        _ source: String, _ destination: String, flags: Set<String>, contentType: String?,
        session: inout CommandSession<Backend, Files>, report: inout Report
    ) throws(CLIFailure) {
        let quiet = flags.contains("quiet")
        let onlyErrors = quiet || flags.contains("only-show-errors")
        let dryRun = flags.contains("dryrun")
        let recursive = flags.contains("recursive")
        func succeeded(_ line: String) {
            if !onlyErrors { report.stdout += (dryRun ? "(dryrun) " : "") + line + "\n" }
        }
        func failed(_ line: String, _ failure: CLIFailure) throws(CLIFailure) {
            guard let sentence = FailurePresenter.transferSentence(failure) else { throw failure }
            report.failed = true
            if !quiet { report.stderr += line + " " + sentence + "\n" }
        }
        switch (S3Location(source), S3Location(destination)) {
        case (nil, let target?):
            var uploads: [(local: String, key: String)] = []
            if recursive {
                guard let lister = session.files as? any FolderListingFileProvider,
                      let found = lister.files(inFolder: source) else {
                    throw .general("The user-provided path \(source) does not exist.")
                }
                let prefix = target.key.isEmpty || target.key.hasSuffix("/") ? target.key : target.key + "/"
                uploads = found.sorted().map { (LocalPath.joined(source, $0), prefix + $0) }
            } else {
                // A folder without --recursive is one upload that fails: with no key left to name, or as the
                // folder cannot be read as a file.
                if let lister = session.files as? any FolderListingFileProvider, lister.files(inFolder: source) != nil {
                    let folder = source.hasSuffix("/") ? source : source + "/"
                    let key = target.key
                    let reason = key.isEmpty ? "Parameter validation failed:\nInvalid length for parameter Key, value: 0, valid min length: 1"
                        : "[Errno 21] Is a directory: '\(folder)'"
                    report.failed = true
                    if !quiet { report.stderr += "upload failed: \(LocalPath.display(folder)) to s3://\(target.bucket)/\(key) \(reason)\n" }
                    return
                }
                guard session.files.bytes(ofFile: source) != nil else {
                    throw .general("The user-provided path \(source) does not exist.")
                }
                let key = target.key.isEmpty || target.key.hasSuffix("/") ? target.key + LocalPath.baseName(source) : target.key
                uploads = [(source, key)]
            }
            for upload in uploads {
                let location = S3Location(bucket: target.bucket, key: upload.key)
                let line = "upload: \(LocalPath.display(upload.local)) to \(location.uri)"
                if dryRun { succeeded(line); continue }
                var parameters: [(String, AWSValue)] = [
                    ("Bucket", .string(location.bucket)), ("Key", .string(location.key)),
                    ("Body", .string(session.files.binaryContents(ofFile: upload.local) ?? "")),
                ]
                if let type = contentType ?? LocalPath.guessedContentType(upload.local) {
                    parameters.append(("ContentType", .string(type)))
                }
                do {
                    _ = try session.call(service, "PutObject", .object(pairs: parameters))
                    succeeded(line)
                } catch {
                    try failed("upload failed: \(LocalPath.display(upload.local)) to \(location.uri)", error)
                }
            }
        case (let origin?, nil):
            var downloads: [(key: String, local: String)] = []
            if recursive {
                let prefix = origin.key.isEmpty || origin.key.hasSuffix("/") ? origin.key : origin.key + "/"
                for key in try keys(under: S3Location(bucket: origin.bucket, key: prefix), session: &session) where !key.hasSuffix("/") {
                    downloads.append((key, LocalPath.joined(destination, String(key.dropFirst(prefix.count)))))
                }
            } else {
                let local = LocalPath.isFolder(destination) ? LocalPath.joined(destination, origin.keyBaseName) : destination
                downloads = [(origin.key, local)]
            }
            for download in downloads {
                let location = S3Location(bucket: origin.bucket, key: download.key)
                let line = "download: \(location.uri) to \(LocalPath.display(download.local))"
                if dryRun { succeeded(line); continue }
                do {
                    let object = try session.call(service, "GetObject", ["Bucket": .string(location.bucket), "Key": .string(location.key)])
                    if download.local == "-", !recursive {
                        // `-` is standard output, as in the aws CLI: the object's content, and no progress line.
                        report.stdout += object["Body"]?.stringValue ?? ""
                        continue
                    }
                    session.writtenFiles.append(WrittenFile(path: download.local, contents: object["Body"]?.stringValue ?? "", makesFolders: true))
                    succeeded(line)
                } catch {
                    if !recursive, case .unreachable(let url) = error {
                        report.failed = true
                        report.stderr += "fatal error: " + FailurePresenter.connectionErrorSentence(url: url) + "\n"
                        return
                    }
                    if !recursive, case .service(let serviceError, _) = error {
                        // The CLI looks a single object up with HeadObject first, whose errors carry no text: a missing
                        // bucket is a 404 like a missing key, which the CLI words as a missing key.
                        let (code, message) = ["NoSuchKey", "NoSuchBucket"].contains(serviceError.code)
                            ? ("404", "Key \"\(location.key)\" does not exist")
                            : (serviceError.code == "AccessDenied" ? ("403", "Forbidden") : (serviceError.code, serviceError.message))
                        report.failed = true
                        report.stderr += "fatal error: An error occurred (\(code)) when calling the HeadObject operation: \(message)\n"
                        return
                    }
                    try failed("download failed: \(location.uri) to \(LocalPath.display(download.local))", error)
                }
            }
        case let (origin?, target?):
            // Bucket-to-bucket copies are carried out as GetObject + PutObject, which need the same permissions
            // (s3:GetObject on the source, s3:PutObject on the target) as the CLI's CopyObject.
            let key = target.key.isEmpty || target.key.hasSuffix("/") ? target.key + origin.keyBaseName : target.key
            let location = S3Location(bucket: target.bucket, key: key)
            let line = "copy: \(origin.uri) to \(location.uri)"
            if dryRun { succeeded(line); return }
            do {
                let object = try session.call(service, "GetObject", ["Bucket": .string(origin.bucket), "Key": .string(origin.key)])
                _ = try session.call(service, "PutObject", ["Bucket": .string(location.bucket), "Key": .string(location.key),
                                                            "Body": object["Body"] ?? ""])
                succeeded(line)
            } catch {
                try failed("copy failed: \(origin.uri) to \(location.uri)", error)
            }
        case (nil, nil):
            throw .paramValidation("usage: aws s3 cp <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>\nError: Invalid argument type")
        }
    }

    // MARK: rm, mb, rb

    private func remove<Backend: AWSBackend, Files: FileProvider>(
        _ path: String, flags: Set<String>, session: inout CommandSession<Backend, Files>, report: inout Report
    ) throws(CLIFailure) {
        // rm's paths are checked with the transfer commands' (CommandParameters.check_path_type), usage line first.
        guard let location = S3Location(path) else {
            throw .paramValidation("usage: aws s3 rm <S3Uri>\nError: Invalid argument type")
        }
        let quiet = flags.contains("quiet") || flags.contains("only-show-errors")
        let dryRun = flags.contains("dryrun")
        // A bucket without a key and without --recursive names no object: nothing is deleted, nothing printed.
        if !flags.contains("recursive") && location.key.isEmpty { return }
        let targets = flags.contains("recursive") ? try keys(under: location, session: &session) : [location.key]
        for key in targets {
            let object = S3Location(bucket: location.bucket, key: key)
            if !dryRun {
                do {
                    _ = try session.call(service, "DeleteObject", ["Bucket": .string(object.bucket), "Key": .string(object.key)])
                } catch {
                    guard let sentence = FailurePresenter.transferSentence(error) else { throw error }
                    report.failed = true
                    report.stderr += "delete failed: \(object.uri) " + sentence + "\n"
                    continue
                }
            }
            if !quiet { report.stdout += (dryRun ? "(dryrun) " : "") + "delete: \(object.uri)\n" }
        }
    }

    private func makeBucket<Backend: AWSBackend, Files: FileProvider>(
        _ path: String, session: inout CommandSession<Backend, Files>, report: inout Report
    ) throws(CLIFailure) {
        guard path.hasPrefix("s3://"), let location = S3Location(path) else {
            throw .paramValidation("<S3Uri>\nError: Invalid argument type")
        }
        var parameters: [(String, AWSValue)] = [("Bucket", .string(location.bucket))]
        let region = try session.region(for: service)
        if region != "us-east-1" {
            parameters.append(("CreateBucketConfiguration", ["LocationConstraint": .string(region)]))
        }
        do {
            _ = try session.call(service, "CreateBucket", .object(pairs: parameters))
            report.stdout += "make_bucket: \(location.bucket)\n"
        } catch {
            guard let sentence = FailurePresenter.transferSentence(error) else { throw error }
            report.failed = true
            report.stderr += "make_bucket failed: \(path) " + sentence + "\n"
        }
    }

    private func removeBucket<Backend: AWSBackend, Files: FileProvider>(
        _ path: String, flags: Set<String>, session: inout CommandSession<Backend, Files>, report: inout Report
    ) throws(CLIFailure) {
        guard path.hasPrefix("s3://"), let location = S3Location(path) else {
            throw .paramValidation("<S3Uri>\nError: Invalid argument type")
        }
        if !location.key.isEmpty {
            throw .paramValidation("Please specify a valid bucket name only. E.g. s3://\(location.bucket)")
        }
        if flags.contains("force") {
            try remove(path, flags: ["recursive"], session: &session, report: &report)
            if report.failed {
                throw .general("remove_bucket failed: Unable to delete all objects in the bucket, bucket will not be deleted.")
            }
        }
        do {
            _ = try session.call(service, "DeleteBucket", ["Bucket": .string(location.bucket)])
            report.stdout += "remove_bucket: \(location.bucket)\n"
        } catch {
            guard let sentence = FailurePresenter.transferSentence(error) else { throw error }
            report.failed = true
            report.stderr += "remove_bucket failed: \(path) " + sentence + "\n"
        }
    }
}
