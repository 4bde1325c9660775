import AWSModel
import Crypto
import Foundation

/// The OIDC ID tokens the sandbox's identity providers issue, in JWT form (`header.claims.signature`, each part
/// base64url). A real issuer such as GitHub signs with RS256 and publishes its keys; the sandbox's issuers sign with
/// HS256 under a key derived from the issuer's URL. That stops a token edited by hand (it fails its signature check,
/// as on AWS), not someone who reads this source and signs their own: the sandbox is a classroom, and `github-token`
/// already mints any repository's token.
public struct WebIdentityToken: Equatable, Sendable {
    /// GitHub Actions' issuer: what `iss` holds and what the IAM provider's URL must be.
    public static let githubIssuer = "https://token.actions.githubusercontent.com"
    /// The audience GitHub's `aws-actions/configure-aws-credentials` asks for, and the provider's usual client id.
    public static let stsAudience = "sts.amazonaws.com"

    public var issuer: String
    public var audience: String
    public var subject: String
    public var issuedAt: Int
    public var expiresAt: Int
    /// The issuer's other claims, in order (`repository`, `ref`, `environment`, …).
    public var otherClaims: [(String, String)] = []

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.issuer == rhs.issuer && lhs.audience == rhs.audience && lhs.subject == rhs.subject && lhs.issuedAt == rhs.issuedAt
            && lhs.expiresAt == rhs.expiresAt && lhs.otherClaims.map(\.0) == rhs.otherClaims.map(\.0) && lhs.otherClaims.map(\.1) == rhs.otherClaims.map(\.1)
    }

    /// Where a GitHub Actions job ran, as its token's `sub` claim says it.
    public enum GitHubContext: Equatable, Sendable {
        case branch(String), tag(String), environment(String), pullRequest

        func subject(repository: String) -> String {
            switch self {
            case .branch(let name): return "repo:\(repository):ref:refs/heads/\(name)"
            case .tag(let name): return "repo:\(repository):ref:refs/tags/\(name)"
            case .environment(let name): return "repo:\(repository):environment:\(name)"
            case .pullRequest: return "repo:\(repository):pull_request"
            }
        }
    }

    /// The token a GitHub Actions job in `repository` (OWNER/REPO) would be given. GitHub's tokens last a few
    /// minutes, long enough to exchange them for AWS credentials once.
    public static func github(repository: String, context: GitHubContext, audience: String = stsAudience,
                              issuedAt: Int, lifetime: Int = 300) -> WebIdentityToken {
        var claims: [(String, String)] = [
            ("repository", repository),
            ("repository_owner", String(repository.split(separator: "/").first ?? "")),
        ]
        switch context {
        case .branch(let name): claims += [("ref", "refs/heads/\(name)"), ("event_name", "push")]
        case .tag(let name): claims += [("ref", "refs/tags/\(name)"), ("event_name", "push")]
        case .environment(let name): claims += [("ref", "refs/heads/main"), ("environment", name), ("event_name", "workflow_dispatch")]
        case .pullRequest: claims += [("event_name", "pull_request")]
        }
        return WebIdentityToken(issuer: githubIssuer, audience: audience, subject: context.subject(repository: repository),
                                issuedAt: issuedAt, expiresAt: issuedAt + lifetime, otherClaims: claims)
    }

    /// The token a GitHub job with this subject would carry, with the claims the subject implies (`repository`,
    /// `ref` or `environment`), so a check judges the same token STS would. A subject of another form gets no
    /// other claims.
    public static func github(subject: String, issuedAt: Int) -> WebIdentityToken {
        let parts = subject.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "repo" else {
            return WebIdentityToken(issuer: githubIssuer, audience: stsAudience, subject: subject, issuedAt: issuedAt, expiresAt: issuedAt + 300)
        }
        let repository = parts[1], rest = parts.count > 2 ? parts[2] : ""
        let context: GitHubContext
        if rest.hasPrefix("ref:refs/heads/") {
            context = .branch(String(rest.dropFirst("ref:refs/heads/".count)))
        } else if rest.hasPrefix("ref:refs/tags/") {
            context = .tag(String(rest.dropFirst("ref:refs/tags/".count)))
        } else if rest.hasPrefix("environment:") {
            context = .environment(String(rest.dropFirst("environment:".count)))
        } else {
            context = .pullRequest
        }
        var token = github(repository: repository, context: context, issuedAt: issuedAt)
        token.subject = subject
        return token
    }

    // MARK: The JWT form

    static let header = #"{"typ":"JWT","alg":"HS256","kid":"rolecall-sandbox"}"#

    /// The claims as the issuer writes them, standard claims first.
    var claimsJSON: String {
        var members: [AWSValue.Member] = [
            .init("iss", .string(issuer)), .init("aud", .string(audience)), .init("sub", .string(subject)),
        ]
        members += otherClaims.map { .init($0.0, .string($0.1)) }
        members += [.init("nbf", .integer(issuedAt)), .init("iat", .integer(issuedAt)), .init("exp", .integer(expiresAt))]
        return AWSValue.object(members).compactJSON
    }

    /// The signed token, as the job would find it in its environment.
    public var encoded: String {
        let signingInput = Base64URL.encoded(Data(Self.header.utf8)) + "." + Base64URL.encoded(Data(claimsJSON.utf8))
        return signingInput + "." + Self.signature(of: signingInput, issuer: issuer)
    }

    /// Why a token was refused, in the words of STS's `InvalidIdentityToken` errors.
    public enum Problem: Error, Equatable {
        case malformed
        case badSignature
        case missingClaim(String)
    }

    /// Reads a token, checking its form and that its own issuer signed it; what the claims say is for STS to judge.
    /// Whitespace around the token (a file's last line break) is not part of it.
    public static func decode(_ token: String) -> Result<WebIdentityToken, Problem> {
        guard let parts = Base64URL.segments(ofToken: token), parts.count == 3, let claimsData = Base64URL.decoded(parts[1]),
              case .object(let members)? = JSONDocuments.parsed(Array(claimsData)) else { return .failure(.malformed) }
        func claim(_ key: String) -> String? { members.first { $0.key == key }?.value.stringValue }
        func number(_ key: String) -> Int? { members.first { $0.key == key }?.value.intValue }
        // `aud` may be one audience or a list; the first is the one a single-audience issuer means.
        let audience = claim("aud") ?? members.first { $0.key == "aud" }?.value.listValue?.first?.stringValue
        guard let issuer = claim("iss") else { return .failure(.malformed) }
        guard let audience else { return .failure(.missingClaim("aud")) }
        guard let subject = claim("sub") else { return .failure(.missingClaim("sub")) }
        guard let expiresAt = number("exp") else { return .failure(.missingClaim("exp")) }
        guard signature(of: parts[0] + "." + parts[1], issuer: issuer) == parts[2] else { return .failure(.badSignature) }
        let standard: Set = ["iss", "aud", "sub", "nbf", "iat", "exp"]
        let others = members.filter { !standard.contains($0.key) }.compactMap { member in member.value.stringValue.map { (member.key, $0) } }
        return .success(WebIdentityToken(issuer: issuer, audience: audience, subject: subject, issuedAt: number("iat") ?? 0,
                                         expiresAt: expiresAt, otherClaims: others))
    }

    // MARK: Signing and base64url

    /// Each sandbox issuer's key follows from its URL, so every sandbox (and a re-grade) verifies the same tokens.
    private static func signature(of input: String, issuer: String) -> String {
        let key = SymmetricKey(data: SHA256.hash(data: Data("rolecall sandbox OIDC issuer \(issuer)".utf8)))
        return Base64URL.encoded(Data(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key)))
    }
}
