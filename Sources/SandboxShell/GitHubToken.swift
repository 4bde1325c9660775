import Sandbox

/// `github-token`: the OIDC ID token a GitHub Actions job would be given, so a learner can play the job's part in
/// web identity federation (`aws sts assume-role-with-web-identity --web-identity-token file://token.jwt`).
extension SandboxShell {
    static let githubTokenUsage = """
        usage: github-token --repo OWNER/REPO [--branch NAME | --tag NAME | --environment NAME | --pull-request]
                            [--audience AUDIENCE] [--lifetime SECONDS]
        Prints the ID token a GitHub Actions job of that repository would get (the branch is main unless told);
        save it with '> token.jwt'. Its claims are shown below it.
        """

    mutating func githubToken(_ arguments: [String]) -> ShellOutcome {
        func usage(_ problem: String) -> ShellOutcome {
            .failure("github-token: \(problem)\n" + Self.githubTokenUsage, code: 2, command: "github-token")
        }
        var repository: String?
        var context: WebIdentityToken.GitHubContext?
        var audience = WebIdentityToken.stsAudience
        var lifetime = 300
        var index = 0
        while index < arguments.count {
            let option = arguments[index]
            let takesValue = ["--repo", "--branch", "--tag", "--environment", "--audience", "--lifetime"].contains(option)
            let value = takesValue && index + 1 < arguments.count ? arguments[index + 1] : nil
            if takesValue, value == nil { return usage("\(option) needs a value") }
            switch option {
            case "--repo": repository = value
            case "--audience": audience = value ?? audience
            case "--lifetime":
                guard let seconds = value.flatMap({ Int($0) }), (60...3600).contains(seconds) else {
                    return usage("--lifetime takes a number of seconds from 60 to 3600")
                }
                lifetime = seconds
            case "--branch", "--tag", "--environment", "--pull-request":
                if context != nil { return usage("give only one of --branch, --tag, --environment and --pull-request") }
                switch option {
                case "--branch": context = .branch(value ?? "")
                case "--tag": context = .tag(value ?? "")
                case "--environment": context = .environment(value ?? "")
                default: context = .pullRequest
                }
            default:
                return usage("unknown option '\(option)'")
            }
            index += takesValue ? 2 : 1
        }
        guard let repository else { return usage("--repo OWNER/REPO is required") }
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        let allowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(allowed) }) else {
            return usage("--repo must be OWNER/REPO, such as acme/website")
        }
        let token = WebIdentityToken.github(repository: repository, context: context ?? .branch("main"), audience: audience,
                                            issuedAt: world.state.clock.now, lifetime: lifetime)
        let claims = """
            # issuer   (iss): \(token.issuer)
            # audience (aud): \(token.audience)
            # subject  (sub): \(token.subject)
            # expires  (exp): \(SandboxClock.iso8601(token.expiresAt))

            """
        return ShellOutcome(stdout: token.encoded + "\n", stderr: claims, command: "github-token")
    }
}
