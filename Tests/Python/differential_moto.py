#!/usr/bin/env python3
"""The same boto3 workload against `rolecall-endpoint` and moto's server, compared operation by operation: the
shape of each response as botocore parsed it (every key path and its value's type), the error code where a call
fails, and allow/deny where moto evaluates IAM (INITIAL_NO_AUTH_ACTION_COUNT=0 after the setup calls).

Prints one line per difference, sorted; `--check FILE` compares them with FILE's documented differences (the
text before " — " on each line) and exits 1 when they differ.

Usage: differential_moto.py ROLECALL_ENDPOINT_BINARY [--check FILE]
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import datetime

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

binary = sys.argv[1]
check = sys.argv[sys.argv.index("--check") + 1] if "--check" in sys.argv else None
TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]}
READ = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}
BUCKET_POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                                                        "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::differential-bucket"}]}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(port):
    for _ in range(400):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("a server did not start on %d" % port)


def start_rolecall(folder):
    log = open(os.path.join(folder, "endpoint.log"), "w+")
    process = subprocess.Popen([binary, "--state", os.path.join(folder, "state.json"), "--port", "0"], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(400):
        log.seek(0)
        found = re.search(r"AWS_ENDPOINT_URL=(\S+) AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)", log.read())
        if found:
            return process, found.group(1), found.group(2), found.group(3)
        time.sleep(0.05)
    raise SystemExit("rolecall-endpoint did not start")


def start_moto(folder):
    port = free_port()
    server = shutil.which("moto_server")
    command = [server, "-p", str(port)] if server else [sys.executable, "-m", "moto.server", "-p", str(port)]
    # IAM is enforced after the first 37 calls (the setup, made as moto's root), so on the calls made as the role.
    env = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true", INITIAL_NO_AUTH_ACTION_COUNT="37")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wait(port)
    return process, "http://127.0.0.1:%d" % port, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def shape(value, path=""):
    """Every key path of a parsed response and its value's type (list items merged)."""
    found = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "ResponseMetadata":
                continue
            found.update(shape(item, path + "." + key if path else key))
    elif isinstance(value, list):
        found[path] = "list"
        for item in value:
            found.update(shape(item, path + "[]"))
    else:
        kind = {str: "string", bool: "boolean", int: "integer", float: "number", datetime.datetime: "timestamp", bytes: "blob"}.get(type(value), type(value).__name__)
        found[path] = kind
    return found


def workload(url, key, secret):
    """(operation, outcome) in order: the parsed response's shape, or the error code."""
    config = Config(retries={"max_attempts": 1})
    session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1")
    client = lambda name, s=session: s.client(name, endpoint_url=url, config=config)
    iam, sts, dynamodb, logs = client("iam"), client("sts"), client("dynamodb"), client("logs")
    results = []

    def call(label, function, **arguments):
        try:
            results.append((label, shape(function(**arguments))))
        except ClientError as error:
            results.append((label, {"error": error.response["Error"]["Code"]}))

    call("sts GetCallerIdentity", sts.get_caller_identity)
    call("iam CreateRole", iam.create_role, RoleName="Reader", AssumeRolePolicyDocument=json.dumps(TRUST), Tags=[{"Key": "team", "Value": "blue"}])
    call("iam GetRole", iam.get_role, RoleName="Reader")
    call("iam GetRole (missing)", iam.get_role, RoleName="Nope")
    call("iam CreateRole (again)", iam.create_role, RoleName="Reader", AssumeRolePolicyDocument=json.dumps(TRUST))
    call("iam ListRoles", iam.list_roles)
    call("iam PutRolePolicy", iam.put_role_policy, RoleName="Reader", PolicyName="read", PolicyDocument=json.dumps(READ))
    call("iam GetRolePolicy", iam.get_role_policy, RoleName="Reader", PolicyName="read")
    call("iam ListRolePolicies", iam.list_role_policies, RoleName="Reader")
    call("iam AttachRolePolicy", iam.attach_role_policy, RoleName="Reader", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    call("iam ListAttachedRolePolicies", iam.list_attached_role_policies, RoleName="Reader")
    call("iam DetachRolePolicy", iam.detach_role_policy, RoleName="Reader", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    call("iam CreateInstanceProfile", iam.create_instance_profile, InstanceProfileName="ReaderProfile")
    call("iam AddRoleToInstanceProfile", iam.add_role_to_instance_profile, InstanceProfileName="ReaderProfile", RoleName="Reader")
    call("iam GetInstanceProfile", iam.get_instance_profile, InstanceProfileName="ReaderProfile")
    call("dynamodb CreateTable", dynamodb.create_table, TableName="Scores", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
         KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
    call("dynamodb PutItem", dynamodb.put_item, TableName="Scores", Item={"id": {"S": "ana"}, "points": {"N": "7"}})
    call("dynamodb GetItem", dynamodb.get_item, TableName="Scores", Key={"id": {"S": "ana"}})
    call("dynamodb GetItem (missing table)", dynamodb.get_item, TableName="Nope", Key={"id": {"S": "ana"}})
    call("dynamodb DescribeTable", dynamodb.describe_table, TableName="Scores")
    call("logs CreateLogGroup", logs.create_log_group, logGroupName="/aws/lambda/scores")
    call("logs DescribeLogGroups", logs.describe_log_groups)
    s3, ec2 = client("s3"), client("ec2")
    call("s3 CreateBucket", s3.create_bucket, Bucket="differential-bucket")
    call("s3 PutObject", s3.put_object, Bucket="differential-bucket", Key="dir/a b.txt", Body=b"hello\n")
    call("s3 HeadObject", s3.head_object, Bucket="differential-bucket", Key="dir/a b.txt")
    call("s3 GetObject", s3.get_object, Bucket="differential-bucket", Key="dir/a b.txt")
    call("s3 GetObject (missing key)", s3.get_object, Bucket="differential-bucket", Key="nope")
    call("s3 HeadBucket (missing bucket)", s3.head_bucket, Bucket="no-such-differential-bucket")
    call("s3 ListObjectsV2", s3.list_objects_v2, Bucket="differential-bucket")
    call("s3 ListBuckets", s3.list_buckets)
    call("s3 PutBucketPolicy", s3.put_bucket_policy, Bucket="differential-bucket", Policy=json.dumps(BUCKET_POLICY))
    call("s3 GetBucketPolicy", s3.get_bucket_policy, Bucket="differential-bucket")
    call("ec2 DescribeInstances (missing instance)", ec2.describe_instances, InstanceIds=["i-0123456789abcdef0"])
    call("ec2 RunInstances", ec2.run_instances, ImageId="ami-0abcdef1234567890", InstanceType="t3.micro", MinCount=1, MaxCount=1,
         IamInstanceProfile={"Name": "ReaderProfile"})
    call("ec2 DescribeIamInstanceProfileAssociations", ec2.describe_iam_instance_profile_associations)
    call("sts AssumeRole", sts.assume_role, RoleArn="arn:aws:iam::123456789012:role/Reader", RoleSessionName="s1")
    credentials = None
    try:
        credentials = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/Reader", RoleSessionName="s2")["Credentials"]
    except ClientError:
        pass
    if credentials:
        as_role = boto3.session.Session(aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                                        aws_session_token=credentials["SessionToken"], region_name="us-east-1")
        call("as the role: sts GetCallerIdentity", client("sts", as_role).get_caller_identity)
        call("as the role: dynamodb GetItem (allowed)", client("dynamodb", as_role).get_item, TableName="Scores", Key={"id": {"S": "ana"}})
        call("as the role: dynamodb PutItem (denied)", client("dynamodb", as_role).put_item, TableName="Scores", Item={"id": {"S": "ben"}})
        call("as the role: iam ListRoles (denied)", client("iam", as_role).list_roles)
        call("as the role: s3 GetObject (denied)", client("s3", as_role).get_object, Bucket="differential-bucket", Key="dir/a b.txt")
    return results


def run(start):
    folder = tempfile.mkdtemp(prefix="rolecall-differential-")
    process, url, key, secret = start(folder)
    try:
        return workload(url, key, secret)
    finally:
        # SIGTERM, then SIGKILL: a child of a test runner may have SIGTERM blocked, and moto's server never unblocks it.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


ours, theirs = run(start_rolecall), run(start_moto)
differences = []
for (label, mine), (_, moto) in zip(ours, theirs):
    if "error" in mine or "error" in moto:
        if mine.get("error") != moto.get("error"):
            differences.append("%s: rolecall %s, moto %s" % (label, mine.get("error", "succeeds"), moto.get("error", "succeeds")))
        continue
    for path in sorted(set(mine) | set(moto)):
        if path not in moto:
            differences.append("%s: %s (%s) only in rolecall" % (label, path, mine[path]))
        elif path not in mine:
            differences.append("%s: %s (%s) only in moto" % (label, path, moto[path]))
        elif mine[path] != moto[path]:
            differences.append("%s: %s is %s in rolecall, %s in moto" % (label, path, mine[path], moto[path]))
for line in differences:
    print(line)
if check:
    documented = [line.split(" — ")[0] for line in open(check).read().splitlines() if line.strip() and not line.startswith("#")]
    if documented != differences:
        print("\nThe differences are not the documented ones in %s:" % check)
        for line in sorted(set(differences) - set(documented)):
            print("  new: " + line)
        for line in sorted(set(documented) - set(differences)):
            print("  gone: " + line)
        sys.exit(1)
    print("\nok: the %d differences are the documented ones" % len(differences))
