// Release-build benchmark: the identity policy and five requests from issue 3, evaluated in a loop on one
// thread. Prints decisions per second for prepared requests (the sandbox keeps them) and for requests built
// inside the loop (principal parsing included), so neither figure flatters the engine.
import Foundation
import PolicyEngine

let policyText = """
{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::course-data","arn:aws:s3:::course-data/*"]},
 {"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/Scores"},
 {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},
 {"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:*:*:*"},
 {"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}
"""
let workload: [(action: String, resource: String)] = [
    ("s3:GetObject", "arn:aws:s3:::course-data/a.txt"),
    ("s3:PutObject", "arn:aws:s3:::course-data/a.txt"),
    ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Scores"),
    ("s3:DeleteObject", "arn:aws:s3:::x/y"),
    ("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*"),
]
let principal = "arn:aws:iam::123456789012:user/learner"
let expected: [Decision.Outcome] = [.allowed, .implicitDeny, .allowed, .explicitDeny, .allowed]

guard case .success(let policy) = PolicyEngine.compile(policyText, as: .identity, name: "bench") else {
    fatalError("the benchmark policy does not compile")
}
let policies = PolicySet(identityPolicies: [policy])
let requests = workload.map { AccessRequest(principal: principal, action: $0.action, resource: $0.resource) }
for (request, outcome) in zip(requests, expected) where policies.evaluate(request).outcome != outcome {
    fatalError("wrong decision for \(request.action) on \(request.resource)")
}

let seconds = Double(CommandLine.arguments.dropFirst().first ?? "") ?? 2.0

func measure(_ label: String, _ body: () -> Int) -> Double {
    let clock = ContinuousClock()
    var decisions = 0
    var checksum = 0
    let start = clock.now
    let deadline = start + .milliseconds(Int(seconds * 1000))
    while clock.now < deadline {
        checksum &+= body()
        decisions += 5 * 10_000
    }
    let elapsed = clock.now - start
    let perSecond = Double(decisions) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    print("\(label): \(Int(perSecond)) decisions/s (checksum \(checksum))")
    return perSecond
}

let prepared = measure("swift prepared requests") {
    var allowed = 0
    for _ in 0..<10_000 {
        for request in requests where policies.evaluate(request).isAllowed { allowed += 1 }
    }
    return allowed
}
if CommandLine.arguments.count < 3 { _ = measure("swift requests built per decision") {
    var allowed = 0
    for _ in 0..<10_000 {
        for item in workload where policies.evaluate(AccessRequest(principal: principal, action: item.action, resource: item.resource)).isAllowed {
            allowed += 1
        }
    }
    return allowed
} }
print("DECISIONS_PER_SECOND \(Int(prepared))")
