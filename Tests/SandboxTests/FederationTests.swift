import AWSModel
import Testing
@testable import Sandbox

/// Web identity federation (an OIDC provider in IAM, AssumeRoleWithWebIdentity with a GitHub Actions token) and
/// service-linked roles, with the errors AWS gives (see docs/sandbox.md for the sources).
@Suite struct FederationTests {
    static let providerARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"

    static func githubTrust(sub: String, aud: String = "sts.amazonaws.com") -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"\#(providerARN)"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"\#(aud)"},"StringLike":{"token.actions.githubusercontent.com:sub":"\#(sub)"}}}]}"#
    }

    /// A world with GitHub's provider and a role `Deploy` trusting `sub`.
    static func world(sub: String = "repo:acme/site:ref:refs/heads/main") -> TestWorld {
        var world = TestWorld()
        world.ok("iam", "CreateOpenIDConnectProvider", ["Url": "https://token.actions.githubusercontent.com", "ClientIDList": .list(["sts.amazonaws.com"])])
        world.ok("iam", "CreateRole", ["RoleName": "Deploy", "AssumeRolePolicyDocument": .string(githubTrust(sub: sub))])
        return world
    }

    static func token(_ world: TestWorld, repository: String = "acme/site", context: WebIdentityToken.GitHubContext = .branch("main"),
                      audience: String = "sts.amazonaws.com") -> String {
        WebIdentityToken.github(repository: repository, context: context, audience: audience, issuedAt: world.sandbox.state.clock.now).encoded
    }

    /// The call as the aws CLI makes it: unsigned, with no credentials at all.
    static func exchange(_ world: inout TestWorld, _ token: String, role: String = "Deploy") -> Result<AWSValue, ServiceError> {
        world.sandbox.send(ServiceRequest(service: "sts", operation: "AssumeRoleWithWebIdentity", parameters: .object([
            .init("RoleArn", .string("arn:aws:iam::123456789012:role/\(role)")), .init("RoleSessionName", "gh"),
            .init("WebIdentityToken", .string(token)),
        ]), credentials: nil))
    }

    @Test func providersAreKeptByTheirURLWithoutTheScheme() {
        var world = Self.world()
        #expect(world.ok("iam", "ListOpenIDConnectProviders")["OpenIDConnectProviderList"]?.listValue?.first?["Arn"] == .string(Self.providerARN))
        let provider = world.ok("iam", "GetOpenIDConnectProvider", ["OpenIDConnectProviderArn": .string(Self.providerARN)])
        #expect(provider["Url"] == "token.actions.githubusercontent.com")
        #expect(provider["ClientIDList"] == .list(["sts.amazonaws.com"]))
        #expect(world.error("iam", "CreateOpenIDConnectProvider", ["Url": "https://token.actions.githubusercontent.com"])
                == ServiceError(code: "EntityAlreadyExists", message: "Provider with url https://token.actions.githubusercontent.com already exists."))
        #expect(world.error("iam", "CreateOpenIDConnectProvider", ["Url": "example.org"])
                == ServiceError(code: "ValidationError", message: "Invalid Open ID Connect Provider URL"))
        #expect(world.error("iam", "CreateOpenIDConnectProvider", ["Url": "https://a.example.org", "ThumbprintList": .list(["abc"])])?.code == "ValidationError")
        let unknown = "arn:aws:iam::123456789012:oidc-provider/nobody.example.org"
        #expect(world.error("iam", "GetOpenIDConnectProvider", ["OpenIDConnectProviderArn": .string(unknown)])
                == ServiceError(code: "NoSuchEntity", message: "OpenIDConnect Provider not found for arn \(unknown)"))
        world.ok("iam", "DeleteOpenIDConnectProvider", ["OpenIDConnectProviderArn": .string(Self.providerARN)])
        #expect(world.error("iam", "DeleteOpenIDConnectProvider", ["OpenIDConnectProviderArn": .string(Self.providerARN)])
                == ServiceError(code: "NoSuchEntity", message: "OpenId connect Provider \(Self.providerARN) cannot be found."))
    }

    @Test func aTokenFromTheTrustedBranchGetsTheRolesCredentials() throws {
        var world = Self.world()
        let answer = try Self.exchange(&world, Self.token(world)).get()
        #expect(answer["SubjectFromWebIdentityToken"] == "repo:acme/site:ref:refs/heads/main")
        #expect(answer["AssumedRoleUser"]?["Arn"] == "arn:aws:sts::123456789012:assumed-role/Deploy/gh")
        #expect(answer["Provider"] == .string(Self.providerARN))
        #expect(answer["Audience"] == "sts.amazonaws.com")
        // Read from a file or pasted, a token may come with whitespace around it: it is not part of the token.
        for wrapped in [Self.token(world) + "\n", " \u{A0}" + Self.token(world) + "\r\n"] {
            #expect(try Self.exchange(&world, wrapped).get()["SubjectFromWebIdentityToken"] == "repo:acme/site:ref:refs/heads/main")
        }
        let keys = try #require(answer["Credentials"])
        let session = AWSCredentials(accessKeyID: keys["AccessKeyId"]!.stringValue!, secretAccessKey: keys["SecretAccessKey"]!.stringValue!,
                                     sessionToken: keys["SessionToken"]?.stringValue)
        #expect(world.ok("sts", "GetCallerIdentity", as: session)["Arn"] == "arn:aws:sts::123456789012:assumed-role/Deploy/gh")
    }

    @Test func theTrustPolicysConditionsOnTheClaimsDecide() {
        var world = Self.world()
        let denied = ServiceError(code: "AccessDenied", message: "Not authorized to perform sts:AssumeRoleWithWebIdentity")
        #expect(Self.failure(Self.exchange(&world, Self.token(world, context: .branch("dev")))) == denied)
        #expect(Self.failure(Self.exchange(&world, Self.token(world, context: .pullRequest))) == denied)
        #expect(Self.failure(Self.exchange(&world, Self.token(world, repository: "mallory/site"))) == denied)
        #expect(world.sandbox.lastDenial?.explanation.joined().contains("repo:mallory/site:ref:refs/heads/main") == true)

        // A wildcard subject lets every repository of every owner in: the mistake the lesson warns about.
        var open = Self.world(sub: "*")
        #expect((try? Self.exchange(&open, Self.token(open, repository: "mallory/anything")).get()) != nil)
    }

    @Test func anAWSPrincipalNeverNamesAWebIdentity() {
        var world = Self.world()
        world.ok("iam", "UpdateAssumeRolePolicy", ["RoleName": "Deploy", "PolicyDocument": .string(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:*"}]}"#)])
        #expect(Self.failure(Self.exchange(&world, Self.token(world)))?.code == "AccessDenied")
    }

    @Test func tokensAreCheckedAsSTSChecksThem() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Deploy", "AssumeRolePolicyDocument": .string(Self.githubTrust(sub: "repo:acme/site:*"))])
        #expect(Self.failure(Self.exchange(&world, Self.token(world)))
                == ServiceError(code: "InvalidIdentityToken", message: "No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com"))
        world.ok("iam", "CreateOpenIDConnectProvider", ["Url": "https://token.actions.githubusercontent.com", "ClientIDList": .list(["sts.amazonaws.com"])])
        #expect(Self.failure(Self.exchange(&world, Self.token(world, audience: "https://github.com/acme")))
                == ServiceError(code: "InvalidIdentityToken", message: "Incorrect token audience"))

        // A token edited by hand (here: the subject) no longer matches its signature.
        let parts = Self.token(world).split(separator: ".").map(String.init)
        let forged = WebIdentityToken.github(repository: "acme/site", context: .branch("main"), issuedAt: 0).encoded.split(separator: ".").map(String.init)
        let spliced = [parts[0], forged[1], parts[2]].joined(separator: ".")
        #expect(Self.failure(Self.exchange(&world, spliced))?.code == "InvalidIdentityToken")
        #expect(Self.failure(Self.exchange(&world, "not a token"))?.code == "InvalidIdentityToken")

        let token = Self.token(world)
        world.sandbox.state.clock.advance(by: 301)
        let expired = Self.failure(Self.exchange(&world, token))
        #expect(expired?.code == "ExpiredTokenException")
        #expect(expired?.message.hasPrefix("Token expired: current date/time ") == true)
        #expect(Self.failure(Self.exchange(&world, Self.token(world), role: "Missing"))?.code == "AccessDenied")
        #expect(Self.failure(world.sandbox.send(ServiceRequest(service: "sts", operation: "AssumeRoleWithWebIdentity", parameters: .object([
            .init("RoleArn", "Deploy"), .init("RoleSessionName", "gh"), .init("WebIdentityToken", .string(Self.token(world))),
        ]), credentials: nil))) == ServiceError(code: "ValidationError", message: "Request ARN is invalid"))
    }

    /// Found in review: a session policy narrows a web identity session too; the issuer must be the provider's URL
    /// exactly; a token issued in the future is refused; the task check judges the token STS would see (with the
    /// `ref` claim the subject implies).
    @Test func sessionPoliciesExactIssuersAndTheChecksToken() throws {
        var world = Self.world()
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Deploy", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"])
        let narrowed = world.sandbox.send(ServiceRequest(service: "sts", operation: "AssumeRoleWithWebIdentity", parameters: .object([
            .init("RoleArn", "arn:aws:iam::123456789012:role/Deploy"), .init("RoleSessionName", "gh"),
            .init("WebIdentityToken", .string(Self.token(world))),
            .init("Policy", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}"#),
        ]), credentials: nil))
        let keys = try #require(try narrowed.get()["Credentials"])
        let session = AWSCredentials(accessKeyID: keys["AccessKeyId"]!.stringValue!, secretAccessKey: keys["SecretAccessKey"]!.stringValue!,
                                     sessionToken: keys["SessionToken"]?.stringValue)
        #expect(world.error("iam", "ListRoles", as: session)?.code == "AccessDenied", "the session policy allows only listing buckets")

        let bare = WebIdentityToken(issuer: "token.actions.githubusercontent.com", audience: "sts.amazonaws.com",
                                    subject: "repo:acme/site:ref:refs/heads/main", issuedAt: world.sandbox.state.clock.now,
                                    expiresAt: world.sandbox.state.clock.now + 300).encoded
        #expect(Self.failure(Self.exchange(&world, bare))?.message.hasPrefix("No OpenIDConnect provider found") == true)
        let future = WebIdentityToken.github(repository: "acme/site", context: .branch("main"), issuedAt: world.sandbox.state.clock.now + 3600).encoded
        #expect(Self.failure(Self.exchange(&world, future))?.code == "InvalidIdentityToken")

        world.ok("iam", "UpdateAssumeRolePolicy", ["RoleName": "Deploy", "PolicyDocument": .string(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"\#(Self.providerARN)"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:ref":"refs/heads/main","token.actions.githubusercontent.com:repository":"acme/site"}}}]}"#)])
        #expect(world.sandbox.roleTrustsGitHubToken("Deploy", subject: "repo:acme/site:ref:refs/heads/main"))
        #expect(!world.sandbox.roleTrustsGitHubToken("Deploy", subject: "repo:acme/site:ref:refs/heads/dev"))
        #expect(!world.sandbox.roleTrustsGitHubToken("Deploy", subject: "repo:mallory/site:ref:refs/heads/main"))
    }

    // MARK: Service-linked roles

    @Test func aServiceLinkedRoleIsMadeByIAMForTheService() throws {
        var world = TestWorld()
        let role = world.ok("iam", "CreateServiceLinkedRole", ["AWSServiceName": "autoscaling.amazonaws.com"])["Role"]
        #expect(role?["Path"] == "/aws-service-role/autoscaling.amazonaws.com/")
        #expect(role?["Arn"] == "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
        #expect(role?["AssumeRolePolicyDocument"]?["Statement"]?.listValue?.first?["Principal"]?["Service"] == .list(["autoscaling.amazonaws.com"]))
        let attached = world.ok("iam", "ListAttachedRolePolicies", ["RoleName": "AWSServiceRoleForAutoScaling"])["AttachedPolicies"]?.listValue
        #expect(attached?.first?["PolicyArn"] == "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy")
        #expect(world.error("iam", "CreateServiceLinkedRole", ["AWSServiceName": "autoscaling.amazonaws.com"])
                == ServiceError(code: "InvalidInput", message: "Service role name AWSServiceRoleForAutoScaling has been taken in this account, please try a different suffix."))
        #expect(world.ok("iam", "CreateServiceLinkedRole", ["AWSServiceName": "autoscaling.amazonaws.com", "CustomSuffix": "fleet"])["Role"]?["RoleName"]
                == "AWSServiceRoleForAutoScaling_fleet")
        #expect(world.error("iam", "CreateServiceLinkedRole", ["AWSServiceName": "ecs.amazonaws.com", "CustomSuffix": "x"])
                == ServiceError(code: "InvalidInput", message: "Custom suffix is not allowed for ecs.amazonaws.com"))
    }

    @Test func onlyItsDescriptionCanBeChangedAndOnlyTheServiceLinkedDeleteRemovesIt() throws {
        var world = TestWorld()
        world.ok("iam", "CreateServiceLinkedRole", ["AWSServiceName": "ecs.amazonaws.com"])
        let name = "AWSServiceRoleForECS"
        let protected = ServiceError(code: "UnmodifiableEntity", message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS")
        #expect(world.error("iam", "DeleteRole", ["RoleName": .string(name)]) == protected)
        #expect(world.error("iam", "UpdateAssumeRolePolicy", ["RoleName": .string(name), "PolicyDocument": .string(TestWorld.accountTrust)]) == protected)
        #expect(world.error("iam", "AttachRolePolicy", ["RoleName": .string(name), "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"]) == protected)
        #expect(world.error("iam", "DetachRolePolicy", ["RoleName": .string(name), "PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"]) == protected)
        #expect(world.error("iam", "PutRolePolicy", ["RoleName": .string(name), "PolicyName": "x", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#]) == protected)
        world.ok("iam", "UpdateRole", ["RoleName": .string(name), "Description": "Used by our clusters"])
        #expect(world.ok("iam", "GetRole", ["RoleName": .string(name)])["Role"]?["Description"] == "Used by our clusters")

        let task = try #require(world.ok("iam", "DeleteServiceLinkedRole", ["RoleName": .string(name)])["DeletionTaskId"]?.stringValue)
        #expect(task.hasPrefix("task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/"))
        #expect(world.ok("iam", "GetServiceLinkedRoleDeletionStatus", ["DeletionTaskId": .string(task)])["Status"] == "SUCCEEDED")
        #expect(world.error("iam", "GetRole", ["RoleName": .string(name)])?.code == "NoSuchEntity")
    }

    /// Found in review: nobody makes a "service-linked" role by choosing its path, and a linked role cannot be put
    /// into (or taken out of) an instance profile.
    @Test func theLinkedPathAndInstanceProfilesAreIAMsAlone() {
        var world = TestWorld()
        #expect(world.error("iam", "CreateRole", ["RoleName": "AWSServiceRoleForAutoScaling", "Path": "/aws-service-role/autoscaling.amazonaws.com/",
                                                  "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
                == ServiceError(code: "InvalidInput", message: "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles"))
        world.ok("iam", "CreateServiceLinkedRole", ["AWSServiceName": "autoscaling.amazonaws.com"])
        world.ok("iam", "CreateInstanceProfile", ["InstanceProfileName": "P"])
        #expect(world.error("iam", "AddRoleToInstanceProfile", ["InstanceProfileName": "P", "RoleName": "AWSServiceRoleForAutoScaling"])?.code == "UnmodifiableEntity")
    }

    @Test func creatingOneNeedsThePermissionForThatService() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Ops", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Ops", "PolicyName": "slr", "PolicyDocument": .string(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":"autoscaling.amazonaws.com"}}}]}"#)])
        let ops = world.assume("Ops")
        #expect(world.call("iam", "CreateServiceLinkedRole", ["AWSServiceName": "autoscaling.amazonaws.com"], as: ops).isSuccess)
        #expect(world.error("iam", "CreateServiceLinkedRole", ["AWSServiceName": "ecs.amazonaws.com"], as: ops)?.code == "AccessDenied")
    }

    static func failure(_ result: Result<AWSValue, ServiceError>) -> ServiceError? {
        if case .failure(let error) = result { return error }
        Issue.record("succeeded unexpectedly")
        return nil
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
