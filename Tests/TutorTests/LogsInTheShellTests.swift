import SandboxShell
import Testing

/// CloudWatch Logs through the whole shell, as a learner reaches it: a function's log read with `aws logs tail` and
/// `filter-log-events`, and the checks every request meets on the way (the model's bounds and patterns).
@Suite struct LogsInTheShellTests {
    static let lambdaTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    @Test func aFunctionsLogIsReadWithTailAndSearched() {
        var shell = SandboxShell(state: .initial())
        for line in [
            "aws iam create-role --role-name FnRole --assume-role-policy-document '\(Self.lambdaTrust)'",
            "aws iam attach-role-policy --role-name FnRole --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "echo 'aws sts get-caller-identity' > fn.txt",
            "aws lambda create-function --function-name fn --runtime python3.12 --handler app.handler --role arn:aws:iam::123456789012:role/FnRole --zip-file fileb://fn.txt",
            "aws lambda invoke --function-name fn out.json",
        ] {
            #expect(shell.run(line).exitCode == 0, "\(line)")
        }
        let tail = shell.run("aws logs tail /aws/lambda/fn")
        let lines = tail.stdout.split(separator: "\n")
        #expect(tail.exitCode == 0)
        #expect(lines.first?.contains(".000000+00:00 ") == true && lines.first?.contains(" START RequestId: ") == true, "\(tail.stdout)")
        #expect(lines.contains { $0.contains(#""Arn": "arn:aws:sts::123456789012:assumed-role/FnRole/fn""#) })
        #expect(lines.last?.contains(" REPORT RequestId: ") == true)
        let report = shell.run("aws logs tail /aws/lambda/fn --format short --filter-pattern REPORT")
        #expect(report.stdout.split(separator: "\n").count == 1 && report.stdout.contains("Billed Duration"))
        let search = shell.run("aws logs filter-log-events --log-group-name /aws/lambda/fn --filter-pattern '\"assumed-role/FnRole\"' --query 'length(events)'")
        #expect(search.stdout == "1\n")
        // An hour later the default ten minutes hold nothing; --since reaches back.
        _ = shell.run("clock advance 1h")
        #expect(shell.run("aws logs tail /aws/lambda/fn").stdout.isEmpty)
        #expect(shell.run("aws logs tail /aws/lambda/fn --since 2h").stdout.split(separator: "\n").count == lines.count)
    }

    @Test func requestsMeetTheModelsChecks() {
        var shell = SandboxShell(state: .initial())
        _ = shell.run("aws logs create-log-group --log-group-name /app")
        let tooMany = shell.run("aws logs filter-log-events --log-group-name /app --limit 10001")
        #expect(tooMany.stderr.contains("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"), "\(tooMany.stderr)")
        let star = shell.run("aws logs filter-log-events --log-group-identifier 'arn:aws:logs:us-east-1:123456789012:log-group:/app:*'")
        #expect(star.exitCode == 254, "a group's ARN ending in :* is not an identifier: \(star.stderr)")
        #expect(shell.run("aws logs filter-log-events --log-group-identifier arn:aws:logs:us-east-1:123456789012:log-group:/app").exitCode == 0)
        let unquoted = shell.run("aws logs tail /app --filter-pattern 'Status: timeout'")
        #expect(unquoted.stderr == "\nAn error occurred (InvalidParameterException) when calling the FilterLogEvents operation: Invalid character(s) in term ':'\n")
    }
}
