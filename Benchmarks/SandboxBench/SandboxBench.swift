import Foundation
import SandboxShell

/// Times single sandbox commands end to end (parse the command line, authenticate, authorize with the policy
/// engine, execute, format the output) and prints the median and 95th percentile per command.
/// Run with `make bench` (release build); the target is a median under 50 µs.
@main
struct SandboxBench {
    static let setup = [
        "aws iam create-role --role-name S3Reader --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'",
        "aws iam attach-role-policy --role-name S3Reader --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "aws s3 mb s3://course-data",
        "aws s3api put-object --bucket course-data --key notes.txt --body trust.json",
    ]

    static let commands = [
        "aws sts get-caller-identity",
        "aws iam get-role --role-name S3Reader",
        "aws s3api list-objects-v2 --bucket course-data",
        "aws iam list-attached-role-policies --role-name S3Reader --output table",
        "aws iam get-role --role-name Missing",
    ]

    static func main() {
        var state = ShellState.initial()
        state.sandbox.files["trust.json"] = "{}"
        var shell = SandboxShell(state: state)
        for line in setup { _ = shell.run(line) }
        let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2000 : 2000
        var medians: [Double] = []
        for command in commands {
            for _ in 0..<50 { _ = shell.run(command) }
            var samples: [Double] = []
            samples.reserveCapacity(iterations)
            for _ in 0..<iterations {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = shell.run(command)
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
            }
            samples.sort()
            let median = samples[samples.count / 2]
            medians.append(median)
            print(String(format: "sandbox-command: %7.1f µs median, %7.1f µs p95  %@", median, samples[samples.count * 95 / 100], command))
        }
        medians.sort()
        print(String(format: "sandbox-command: median of medians %.1f µs over %d runs each (target < 50 µs)", medians[medians.count / 2], iterations))
    }
}
