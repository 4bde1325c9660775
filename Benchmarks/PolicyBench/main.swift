// Release-build benchmark: policy decisions per second on one thread, for two workloads:
// - "course": the identity policy and five requests of the course's own examples;
// - "ReadOnlyAccess": AWS's largest managed policy (thousands of actions) and five requests against it.
// Each workload runs several times; the report gives min / median / max decisions per second across runs.
// `policy-bench --print-document ReadOnlyAccess` prints the document, so moto can be timed on the same one.
import Foundation
import PolicyEngine
import Sandbox

struct Workload {
    let name: String
    let policy: String
    let requests: [(action: String, resource: String, outcome: Decision.Outcome)]
}

let coursePolicy = """
{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::course-data","arn:aws:s3:::course-data/*"]},
 {"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/Scores"},
 {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},
 {"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:*:*:*"},
 {"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}
"""

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--print-document", arguments.count > 1 {
    guard let document = AWSManagedPolicies.document(named: arguments[1]) else { fatalError("no managed policy \(arguments[1])") }
    print(document)
    exit(0)
}
let seconds = Double(arguments.first ?? "") ?? 1.0
let runs = Int(arguments.dropFirst().first ?? "") ?? 5
let only = arguments.dropFirst(2).first

let workloads = [
    Workload(name: "course", policy: coursePolicy, requests: [
        ("s3:GetObject", "arn:aws:s3:::course-data/a.txt", .allowed),
        ("s3:PutObject", "arn:aws:s3:::course-data/a.txt", .implicitDeny),
        ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Scores", .allowed),
        ("s3:DeleteObject", "arn:aws:s3:::x/y", .explicitDeny),
        ("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*", .allowed),
    ]),
    Workload(name: "ReadOnlyAccess", policy: AWSManagedPolicies.document(named: "ReadOnlyAccess")!, requests: [
        ("iam:ListRoles", "arn:aws:iam::123456789012:role/*", .allowed),
        ("s3:GetObject", "arn:aws:s3:::course-data/a.txt", .allowed),
        ("iam:CreateUser", "arn:aws:iam::123456789012:user/x", .implicitDeny),
        ("dynamodb:Scan", "arn:aws:dynamodb:us-east-1:123456789012:table/Scores", .allowed),
        ("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*", .implicitDeny),
    ]),
]

let principal = "arn:aws:iam::123456789012:user/learner"
for workload in workloads where only == nil || only == workload.name {
    guard case .success(let policy) = PolicyEngine.compile(workload.policy, as: .identity, name: workload.name, origin: .stored) else {
        fatalError("the \(workload.name) policy does not compile")
    }
    let policies = PolicySet(identityPolicies: [policy])
    let requests = workload.requests.map { AccessRequest(principal: principal, action: $0.action, resource: $0.resource) }
    for (request, item) in zip(requests, workload.requests) where policies.evaluate(request).outcome != item.outcome {
        fatalError("wrong decision for \(request.action) on \(request.resource)")
    }
    var rates: [Double] = []
    var checksum = 0
    for _ in 0..<runs {
        let clock = ContinuousClock()
        var decisions = 0
        let start = clock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        while clock.now < deadline {
            for _ in 0..<2_000 {
                for request in requests where policies.evaluate(request).isAllowed { checksum &+= 1 }
            }
            decisions += 2_000 * requests.count
        }
        let elapsed = clock.now - start
        rates.append(Double(decisions) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    }
    rates.sort()
    print(String(format: "swift %@: %.0f / %.0f / %.0f decisions/s (min / median / max of %d runs; checksum %d)",
                 workload.name, rates.first!, rates[rates.count / 2], rates.last!, runs, checksum))
    print("DECISIONS_PER_SECOND \(workload.name) \(Int(rates[rates.count / 2]))")
}
