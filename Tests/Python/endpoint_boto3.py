#!/usr/bin/env python3
"""A boto3 script against `rolecall serve`, as a learner would write one: make a table and a role that may read
it (and nothing else), assume the role through boto3's own STS client, read the table as the role, and be denied
a write. Prints "ok" and exits 0 when everything held; otherwise says what did not, exit 1.

Usage: endpoint_boto3.py ENDPOINT_URL ACCESS_KEY_ID SECRET_ACCESS_KEY
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

url, key, secret = sys.argv[1:4]
session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1")
iam, sts, dynamodb = (session.client(name, endpoint_url=url) for name in ("iam", "sts", "dynamodb"))


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


if sts.get_caller_identity()["Arn"] != "arn:aws:iam::123456789012:user/learner":
    fail("the script does not run as the learner user")
dynamodb.create_table(TableName="Scores", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                      KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
dynamodb.put_item(TableName="Scores", Item={"id": {"S": "ana"}, "points": {"N": "7"}})
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName="ScoresReader", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
if role["AssumeRolePolicyDocument"] != trust:
    fail("the trust policy came back as %r" % role["AssumeRolePolicyDocument"])
read_only = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem",
                                                      "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Scores"}]}
iam.put_role_policy(RoleName="ScoresReader", PolicyName="read", PolicyDocument=json.dumps(read_only))

credentials = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="script")["Credentials"]
as_role = boto3.session.Session(aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                                aws_session_token=credentials["SessionToken"], region_name="us-east-1")
if as_role.client("sts", endpoint_url=url).get_caller_identity()["Arn"] != "arn:aws:sts::123456789012:assumed-role/ScoresReader/script":
    fail("the assumed role's identity is wrong")
table = as_role.client("dynamodb", endpoint_url=url)
item = table.get_item(TableName="Scores", Key={"id": {"S": "ana"}})["Item"]
if item != {"id": {"S": "ana"}, "points": {"N": "7"}}:
    fail("the role read %r" % item)
try:
    table.put_item(TableName="Scores", Item={"id": {"S": "ben"}})
    fail("the role could write, though its policy allows only dynamodb:GetItem")
except ClientError as error:
    if error.response["Error"]["Code"] != "AccessDeniedException":
        fail("the write failed with %s, not AccessDeniedException" % error.response["Error"]["Code"])
    if "dynamodb:PutItem" not in error.response["Error"]["Message"]:
        fail("the denial does not name the action: " + error.response["Error"]["Message"])
try:
    as_role.client("iam", endpoint_url=url).list_roles()
    fail("the role could list roles")
except ClientError as error:
    if error.response["Error"]["Code"] != "AccessDenied":
        fail("listing roles failed with %s, not AccessDenied" % error.response["Error"]["Code"])
print("ok")
