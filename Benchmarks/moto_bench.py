"""The policy benchmark's workloads through moto's IAMPolicy.is_action_permitted, for comparison.

moto re-reads the parsed JSON statements on every call; that is how moto evaluates, so it is what we time.
Usage: moto_bench.py SECONDS RUNS WORKLOAD [DOCUMENT_FILE]. Prints min / median / max decisions per second over
RUNS runs and `DECISIONS_PER_SECOND <workload> <median>` as the last line.
"""
import statistics
import sys
import time

from moto.iam.access_control import IAMPolicy, PermissionResult

COURSE_POLICY = """{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::course-data","arn:aws:s3:::course-data/*"]},
 {"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/Scores"},
 {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},
 {"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:*:*:*"},
 {"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}"""

WORKLOADS = {
    "course": [
        ("s3:GetObject", "arn:aws:s3:::course-data/a.txt", PermissionResult.PERMITTED),
        ("s3:PutObject", "arn:aws:s3:::course-data/a.txt", PermissionResult.NEUTRAL),
        ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Scores", PermissionResult.PERMITTED),
        ("s3:DeleteObject", "arn:aws:s3:::x/y", PermissionResult.DENIED),
        ("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*", PermissionResult.PERMITTED),
    ],
    "ReadOnlyAccess": [
        ("iam:ListRoles", "arn:aws:iam::123456789012:role/*", PermissionResult.PERMITTED),
        ("s3:GetObject", "arn:aws:s3:::course-data/a.txt", PermissionResult.PERMITTED),
        ("iam:CreateUser", "arn:aws:iam::123456789012:user/x", PermissionResult.NEUTRAL),
        ("dynamodb:Scan", "arn:aws:dynamodb:us-east-1:123456789012:table/Scores", PermissionResult.PERMITTED),
        ("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*", PermissionResult.NEUTRAL),
    ],
}


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    name = sys.argv[3] if len(sys.argv) > 3 else "course"
    document = open(sys.argv[4]).read() if len(sys.argv) > 4 else COURSE_POLICY
    workload = WORKLOADS[name]
    policy = IAMPolicy(document)
    for action, resource, expected in workload:
        got = policy.is_action_permitted(action, resource)
        if got != expected:
            raise SystemExit(f"moto decided {got} for {action} on {resource}, expected {expected}")
    rates = []
    for _ in range(runs):
        decisions = 0
        start = time.perf_counter()
        deadline = start + seconds
        while time.perf_counter() < deadline:
            for _ in range(20):
                for action, resource, _expected in workload:
                    policy.is_action_permitted(action, resource)
            decisions += 20 * len(workload)
        rates.append(decisions / (time.perf_counter() - start))
    rates.sort()
    version = getattr(sys.modules.get("moto"), "__version__", "")
    print(f"moto {version} {name}: {rates[0]:.0f} / {statistics.median(rates):.0f} / {rates[-1]:.0f} decisions/s "
          f"(min / median / max of {runs} runs)")
    print(f"DECISIONS_PER_SECOND {name} {int(statistics.median(rates))}")


if __name__ == "__main__":
    main()
