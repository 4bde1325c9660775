#!/usr/bin/env python3
"""A boto3 script run "as an instance": no keys anywhere, AWS_EC2_METADATA_SERVICE_ENDPOINT pointed at the
instance's metadata service on the endpoint. The SDK's own credential chain must find the instance role's
credentials there (IMDSv2: a token first), and the endpoint must authorize the script as that role.

Usage: endpoint_instance_role.py ENDPOINT_URL INSTANCE_ID   (prints "ok", or what did not hold, exit 1)
"""
import os
import sys
import urllib.error
import urllib.request

import boto3
from botocore.exceptions import ClientError

url, instance = sys.argv[1:3]
for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_EC2_METADATA_DISABLED"]:
    os.environ.pop(name, None)
os.environ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "%s/instances/%s/" % (url, instance)


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


session = boto3.session.Session(region_name="us-east-1")
credentials = session.get_credentials()
if credentials is None or credentials.method != "iam-role":
    fail("the SDK did not take its credentials from the instance metadata service: %r" % (credentials and credentials.method))
arn = session.client("sts", endpoint_url=url).get_caller_identity()["Arn"]
if arn != "arn:aws:sts::123456789012:assumed-role/AppRole/" + instance:
    fail("the script runs as " + arn)
s3 = session.client("s3", endpoint_url=url)
if s3.get_object(Bucket="app-data", Key="config.json")["Body"].read() != b'{"greeting":"hello"}\n':
    fail("the role could not read the object its policy allows")
try:
    s3.put_object(Bucket="app-data", Key="config.json", Body=b"overwritten")
    fail("the role could write, though its policy allows only s3:GetObject")
except ClientError as error:
    if error.response["Error"]["Code"] != "AccessDenied" or ("assumed-role/AppRole/" + instance) not in error.response["Error"]["Message"]:
        fail("the write was refused with: %s" % error.response["Error"])
if s3.get_object(Bucket="app-data", Key="config.json")["Body"].read() != b'{"greeting":"hello"}\n':
    fail("the refused write changed the object")
# The instance requires IMDSv2: a request without a token is refused, as on EC2.
try:
    urllib.request.urlopen("%s/instances/%s/latest/meta-data/iam/security-credentials/" % (url, instance))
    fail("a token-less metadata request was answered on an instance that requires IMDSv2")
except urllib.error.HTTPError as error:
    if error.code != 401:
        fail("a token-less metadata request got %d, not 401" % error.code)
print("ok")
