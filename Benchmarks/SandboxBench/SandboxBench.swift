import Foundation
import SandboxShell

/// Times single sandbox commands end to end (parse the command line, authenticate, authorize with the policy
/// engine, execute, format the output). Three workloads: the small one the course mostly has; a session of a
/// role holding ReadOnlyAccess (the largest AWS managed policy); and a learner account with 200 roles and 200
/// customer managed policies. Each command is timed in several runs; the report gives, per command, the median
/// of each run's median as min / median / max across runs, so a reader can tell a regression from noise.
/// Run with `make bench` (release build); the target is a median under 50 µs.
@main
struct SandboxBench {
    static let trust = "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}'"

    struct Workload {
        let name: String
        let setup: [String]
        let commands: [String]
    }

    static let small = Workload(name: "small", setup: [
        "aws iam create-role --role-name S3Reader --assume-role-policy-document \(trust)",
        "aws iam attach-role-policy --role-name S3Reader --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "aws s3 mb s3://course-data",
        "aws s3api put-object --bucket course-data --key notes.txt --body trust.json",
    ], commands: [
        "aws sts get-caller-identity",
        "aws iam get-role --role-name S3Reader",
        "aws s3api list-objects-v2 --bucket course-data",
        "aws iam list-attached-role-policies --role-name S3Reader --output table",
        "aws iam get-role --role-name Missing",
    ])

    static let readOnly = Workload(name: "ReadOnlyAccess role", setup: [
        "aws iam create-role --role-name RO --assume-role-policy-document \(trust)",
        "aws iam attach-role-policy --role-name RO --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess",
        "aws s3 mb s3://course-data",
        "aws configure set profile.ro.role_arn arn:aws:iam::123456789012:role/RO",
        "aws configure set profile.ro.source_profile default",
    ], commands: [
        "aws iam get-role --role-name RO --profile ro",
        "aws iam list-roles --profile ro --query 'Roles[0].RoleName'",
        "aws s3api list-objects-v2 --bucket course-data --profile ro",
        "aws iam create-user --user-name nope --profile ro",
    ])

    static let crowded = Workload(name: "200 roles, 200 policies", setup: (0..<200).flatMap { index in [
        "aws iam create-role --role-name Role\(index) --assume-role-policy-document \(trust)",
        "aws iam create-policy --policy-name Policy\(index) --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket\(index)/*\"}]}'",
        "aws iam attach-role-policy --role-name Role\(index) --policy-arn arn:aws:iam::123456789012:policy/Policy\(index)",
    ] }, commands: [
        "aws iam get-role --role-name Role150",
        "aws iam list-roles --query 'length(Roles)'",
        "aws iam list-policies --scope Local --query 'length(Policies)'",
        "aws iam list-attached-role-policies --role-name Role199",
    ])

    static func main() {
        let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1000 : 1000
        let runs = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5 : 5
        var allMedians: [Double] = []
        for workload in [small, readOnly, crowded] {
            var state = ShellState.initial()
            state.sandbox.files["trust.json"] = "{}"
            var shell = SandboxShell(state: state)
            for line in workload.setup {
                let outcome = shell.run(line)
                if outcome.exitCode != 0 { fatalError("setup failed: \(line)\n\(outcome.stderr)") }
            }
            print("sandbox-command [\(workload.name)]: \(runs) runs of \(iterations) each; median per run as min / median / max")
            for command in workload.commands {
                for _ in 0..<50 { _ = shell.run(command) }
                var runMedians: [Double] = []
                for _ in 0..<runs {
                    var samples: [Double] = []
                    samples.reserveCapacity(iterations)
                    for _ in 0..<iterations {
                        let start = DispatchTime.now().uptimeNanoseconds
                        _ = shell.run(command)
                        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
                    }
                    samples.sort()
                    runMedians.append(samples[samples.count / 2])
                }
                runMedians.sort()
                let median = runMedians[runMedians.count / 2]
                allMedians.append(median)
                print(String(format: "  %7.1f / %7.1f / %7.1f µs  %@", runMedians.first!, median, runMedians.last!, String(command.prefix(90))))
            }
        }
        allMedians.sort()
        print(String(format: "sandbox-command: median of medians %.1f µs, slowest %.1f µs (target < 50 µs)", allMedians[allMedians.count / 2], allMedians.last!))
    }
}
