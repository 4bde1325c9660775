import AWSModel
import Testing
@testable import Sandbox

/// Every AWS managed policy the sandbox ships, attached to a role and used through an assumed session: an action
/// it grants is allowed and one it does not grant is denied. A policy added to the sandbox without a row here
/// fails `everyShippedPolicyHasARow`, so none can silently grant nothing again (ReadOnlyAccess once did: its
/// document is larger than a customer managed policy may be, and the size quota was applied to it).
@Suite struct ManagedPolicyTests {
    struct Probe: Sendable, CustomStringConvertible {
        let policy: String
        let granted: (service: String, operation: String)
        /// Nil for AdministratorAccess, which grants every action.
        let notGranted: (service: String, operation: String)?
        var description: String { policy }
    }

    /// A service-linked role's policy, which only IAM attaches (to the role it makes for the service): probed on that
    /// role with the engine, as nobody can assume the role but the service.
    struct LinkedProbe: Sendable, CustomStringConvertible {
        let policy: String
        let service: String
        let granted: String
        let notGranted: String
        var description: String { policy }
    }

    static let linkedProbes: [LinkedProbe] = [
        LinkedProbe(policy: "AutoScalingServiceRolePolicy", service: "autoscaling.amazonaws.com", granted: "ec2:RunInstances", notGranted: "s3:GetObject"),
        LinkedProbe(policy: "AWSElasticLoadBalancingServiceRolePolicy", service: "elasticloadbalancing.amazonaws.com", granted: "ec2:DescribeInstances", notGranted: "iam:CreateUser"),
        LinkedProbe(policy: "AmazonECSServiceRolePolicy", service: "ecs.amazonaws.com", granted: "ec2:DescribeInstances", notGranted: "iam:CreateUser"),
        LinkedProbe(policy: "AmazonRDSServiceRolePolicy", service: "rds.amazonaws.com", granted: "ec2:CreateSecurityGroup", notGranted: "s3:GetObject"),
        LinkedProbe(policy: "AWSEC2SpotServiceRolePolicy", service: "spot.amazonaws.com", granted: "ec2:DescribeInstances", notGranted: "s3:GetObject"),
        LinkedProbe(policy: "AWSOrganizationsServiceTrustPolicy", service: "organizations.amazonaws.com", granted: "iam:DeleteRole", notGranted: "s3:GetObject"),
    ]

    @Test(arguments: linkedProbes)
    func aServiceLinkedRolesPolicyGrantsWhatItSaysAndNothingElse(_ probe: LinkedProbe) throws {
        var world = TestWorld()
        let role = try #require(world.ok("iam", "CreateServiceLinkedRole", ["AWSServiceName": .string(probe.service)])["Role"]?["RoleName"]?.stringValue)
        let attached = world.ok("iam", "ListAttachedRolePolicies", ["RoleName": .string(role)])["AttachedPolicies"]?.listValue
        #expect(attached?.compactMap { $0["PolicyName"]?.stringValue } == [probe.policy])
        let resource = probe.policy == "AWSOrganizationsServiceTrustPolicy"
            ? "arn:aws:iam::123456789012:role/aws-service-role/organizations.amazonaws.com/AWSServiceRoleForOrganizations" : "*"
        #expect(world.sandbox.roleAllows(role, action: probe.granted, resource: resource), "\(probe.policy) should allow \(probe.granted)")
        #expect(!world.sandbox.roleAllows(role, action: probe.notGranted, resource: "*"), "\(probe.policy) should not allow \(probe.notGranted)")
        // Nobody else may attach it.
        world.ok("iam", "CreateRole", ["RoleName": "Mine", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        #expect(world.error("iam", "AttachRolePolicy", ["RoleName": "Mine", "PolicyArn": .string("arn:aws:iam::aws:policy/aws-service-role/\(probe.policy)")])
                == ServiceError(code: "PolicyNotAttachable", message: "Cannot attach a Service Role Policy to a Customer Role."))
    }

    static let probes: [Probe] = [
        Probe(policy: "AdministratorAccess", granted: ("iam", "CreateUser"), notGranted: nil),
        Probe(policy: "PowerUserAccess", granted: ("s3", "ListBuckets"), notGranted: ("iam", "CreateUser")),
        Probe(policy: "ReadOnlyAccess", granted: ("iam", "ListRoles"), notGranted: ("iam", "CreateUser")),
        Probe(policy: "IAMFullAccess", granted: ("iam", "CreateUser"), notGranted: ("s3", "ListBuckets")),
        Probe(policy: "IAMReadOnlyAccess", granted: ("iam", "ListRoles"), notGranted: ("iam", "CreateUser")),
        Probe(policy: "AmazonS3FullAccess", granted: ("s3", "ListBuckets"), notGranted: ("iam", "ListRoles")),
        Probe(policy: "AmazonS3ReadOnlyAccess", granted: ("s3", "ListBuckets"), notGranted: ("dynamodb", "ListTables")),
        Probe(policy: "AmazonDynamoDBFullAccess", granted: ("dynamodb", "ListTables"), notGranted: ("iam", "CreateUser")),
        Probe(policy: "AmazonDynamoDBReadOnlyAccess", granted: ("dynamodb", "ListTables"), notGranted: ("iam", "CreateUser")),
        Probe(policy: "AmazonEC2FullAccess", granted: ("ec2", "DescribeInstances"), notGranted: ("iam", "CreateUser")),
        Probe(policy: "AmazonEC2ReadOnlyAccess", granted: ("ec2", "DescribeInstances"), notGranted: ("iam", "ListRoles")),
        Probe(policy: "AWSLambda_FullAccess", granted: ("lambda", "ListFunctions"), notGranted: ("iam", "CreateUser")),
        Probe(policy: "AWSLambdaBasicExecutionRole", granted: ("logs", "CreateLogGroup"), notGranted: ("lambda", "ListFunctions")),
        Probe(policy: "AWSLambdaExecute", granted: ("logs", "CreateLogGroup"), notGranted: ("s3", "ListBuckets")),
        Probe(policy: "CloudWatchLogsFullAccess", granted: ("logs", "DescribeLogGroups"), notGranted: ("s3", "ListBuckets")),
        Probe(policy: "AWSCloudFormationFullAccess", granted: ("cloudformation", "DescribeStacks"), notGranted: ("iam", "ListRoles")),
        Probe(policy: "SecurityAudit", granted: ("iam", "ListRoles"), notGranted: ("iam", "CreateUser")),
        Probe(policy: "ViewOnlyAccess", granted: ("s3", "ListBuckets"), notGranted: ("iam", "CreateUser")),
    ]

    static func parameters(_ operation: String) -> KeyValuePairs<String, AWSValue?> {
        switch operation {
        case "CreateUser": return ["UserName": "probe-user"]
        case "CreateLogGroup": return ["logGroupName": "/probe"]
        default: return [:]
        }
    }

    @Test func everyShippedPolicyHasARow() {
        let shipped = Set(AWSManagedPolicies.published.map(\.name))
        let probed = Set(Self.probes.map(\.policy) + Self.linkedProbes.map(\.policy))
        #expect(shipped == probed, "add a probe for each AWS managed policy: missing \(shipped.subtracting(probed).sorted())")
    }

    @Test(arguments: probes)
    func anAttachedManagedPolicyGrantsWhatItSaysAndNothingElse(_ probe: Probe) throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Probe", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let policy = try #require(AWSManagedPolicies.published.first { $0.name == probe.policy })
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Probe", "PolicyArn": .string(policy.arn)])
        let assumed = world.assume("Probe")
        let session = try #require(assumed)

        let granted = world.call(probe.granted.service, probe.granted.operation, Self.parameters(probe.granted.operation), as: session)
        if case .failure(let error) = granted {
            #expect(error.code != "AccessDenied" && error.code != "AccessDeniedException",
                    "\(probe.policy) should allow \(probe.granted.operation): \(error.message)")
        }
        #expect(world.sandbox.state.lastDenial == nil)

        if let notGranted = probe.notGranted {
            let denied = world.call(notGranted.service, notGranted.operation, Self.parameters(notGranted.operation), as: session)
            guard case .failure(let error) = denied else {
                Issue.record("\(probe.policy) should not allow \(notGranted.operation)")
                return
            }
            #expect(error.code.hasPrefix("AccessDenied"), "\(probe.policy): \(notGranted.operation) failed with \(error.code)")
        }
    }

    @Test func everyManagedPolicyCompilesAsStored() {
        let sandbox = Sandbox(state: .initial())
        for policy in AWSManagedPolicies.published {
            if case .failure(let rejected) = sandbox.cache.compile(policy, type: .identity) {
                Issue.record("\(policy.name): \(rejected.message)")
            }
        }
    }

    @Test func aDocumentThatCannotBeUsedIsNamedInTheExplanation() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Broken", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Broken", "PolicyName": "p",
                                          "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#])
        // A document that IAM would never store, written straight into the state (as an older file might hold).
        world.sandbox.state[account: "123456789012"].iam.roles["broken"]?.inlinePolicies[0].document = "{not json"
        let session = world.assume("Broken")
        let error = world.error("iam", "ListRoles", as: session)
        #expect(error?.code == "AccessDenied")
        let explanation = world.sandbox.state.lastDenial?.explanation ?? []
        #expect(!explanation.contains("The caller has no identity-based policies."))
        #expect(explanation.contains { $0.contains("\"Broken/p (inline)\" is attached but could not be used") })
    }

    /// `explain` names the statement that decided, NotAction included: PowerUserAccess allows everything but IAM.
    @Test func explainNamesTheNotActionThatExcludesTheAction() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "PU", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "PU", "PolicyArn": "arn:aws:iam::aws:policy/PowerUserAccess"])
        let assumed = world.assume("PU")
        let session = try #require(assumed)
        _ = world.error("iam", "CreateUser", ["UserName": "x"], as: session)
        let explanation = world.sandbox.state.lastDenial?.explanation ?? []
        #expect(explanation.contains { $0.contains("\"PowerUserAccess\" allows every action except those its NotAction lists: NotAction \"iam:*\" excludes iam:CreateUser") },
                "\(explanation)")
    }
}
