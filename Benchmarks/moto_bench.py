"""The issue-3 benchmark workload through moto's IAMPolicy.is_action_permitted, for comparison.

moto re-reads the parsed JSON statements on every call; that is how moto evaluates, so it is what we time.
Prints `DECISIONS_PER_SECOND <n>` as the last line.
"""
import sys
import time

from moto.iam.access_control import IAMPolicy, PermissionResult

POLICY = """{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::course-data","arn:aws:s3:::course-data/*"]},
 {"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/Scores"},
 {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},
 {"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:*:*:*"},
 {"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}"""

WORKLOAD = [
    ("s3:GetObject", "arn:aws:s3:::course-data/a.txt", PermissionResult.PERMITTED),
    ("s3:PutObject", "arn:aws:s3:::course-data/a.txt", PermissionResult.NEUTRAL),
    ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Scores", PermissionResult.PERMITTED),
    ("s3:DeleteObject", "arn:aws:s3:::x/y", PermissionResult.DENIED),
    ("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*", PermissionResult.PERMITTED),
]


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    policy = IAMPolicy(POLICY)
    for action, resource, expected in WORKLOAD:
        got = policy.is_action_permitted(action, resource)
        if got != expected:
            raise SystemExit(f"moto decided {got} for {action} on {resource}, expected {expected}")
    decisions = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(200):
            for action, resource, _expected in WORKLOAD:
                policy.is_action_permitted(action, resource)
        decisions += 200 * len(WORKLOAD)
    elapsed = time.perf_counter() - start
    rate = decisions / elapsed
    print(f"moto {getattr(sys.modules.get('moto'), '__version__', '')}: {int(rate)} decisions/s")
    print(f"DECISIONS_PER_SECOND {int(rate)}")


if __name__ == "__main__":
    main()
