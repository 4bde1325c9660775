#!/usr/bin/env python3
"""Writes Tests/AWSWireTests/Fixtures/sigv4-vectors.json: requests signed by botocore's own SigV4 signers (the
ones the aws CLI and boto3 use), as they arrive on the wire, for the endpoint's verifier to accept.

Run with a Python that has botocore (the aws CLI's): python3 scripts/make_sigv4_vectors.py
"""
import datetime
import json
import os
from unittest import mock
from urllib.parse import urlsplit

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

NOW = datetime.datetime(2026, 11, 30, 12, 0, 0, tzinfo=datetime.timezone.utc)
KEY, SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
ENDPOINT = "http://127.0.0.1:4566"

CASES = [
    ("iam create-role (query, form body)", SigV4Auth, "iam", "us-east-1", "POST", "/", {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
     "Action=CreateRole&Version=2010-05-08&RoleName=Reader&AssumeRolePolicyDocument=%7B%22Version%22%3A%222012-10-17%22%7D", None),
    ("sts get-caller-identity with a session token", SigV4Auth, "sts", "us-east-1", "POST", "/", {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
     "Action=GetCallerIdentity&Version=2011-06-15", "FwoGZXIvYXdzEXAMPLETOKEN"),
    ("s3 list-objects-v2 (path style, query)", S3SigV4Auth, "s3", "us-east-1", "GET", "/my-bucket?list-type=2&prefix=a%20b%2Fc&encoding-type=url", {}, "", None),
    ("s3 put-object (a key with spaces and signs)", S3SigV4Auth, "s3", "us-east-1", "PUT", "/my-bucket/reports/my%20file%2B%281%29.txt", {"Content-Type": "text/plain"}, "hello, world\n", None),
    ("s3 put-object with UNSIGNED-PAYLOAD", S3SigV4Auth, "s3", "us-east-1", "PUT", "/my-bucket/big.bin", {"Content-Type": "application/octet-stream"}, "0123456789", "unsigned"),
    ("dynamodb get-item (json 1.0)", SigV4Auth, "dynamodb", "eu-west-1", "POST", "/", {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.GetItem"},
     '{"TableName":"Scores","Key":{"id":{"S":"1"}}}', None),
    ("lambda get-function (rest-json, an ARN in the path)", SigV4Auth, "lambda", "us-east-1", "GET",
     "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn/configuration", {}, "", None),
    ("logs filter-log-events (json 1.1, spaces in a header)", SigV4Auth, "logs", "us-east-1", "POST", "/", {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Logs_20140328.FilterLogEvents", "X-Custom": "  a   b  "},
     '{"logGroupName":"/aws/lambda/my-fn"}', None),
]

vectors = []
for name, signer, service, region, method, target, headers, body, token in CASES:
    request = AWSRequest(method=method, url=ENDPOINT + target, headers=dict(headers), data=body.encode())
    request.headers["Host"] = urlsplit(ENDPOINT).netloc
    if token == "unsigned":
        request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
        token = None
    with mock.patch("botocore.auth.get_current_datetime", return_value=NOW):
        signer(Credentials(KEY, SECRET, token), service, region).add_auth(request)
    parts = urlsplit(request.url)
    vectors.append({
        "name": name, "method": method, "path": parts.path, "query": parts.query,
        "headers": [[k, v] for k, v in request.headers.items()], "body": body,
    })

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "AWSWireTests", "Fixtures", "sigv4-vectors.json")
with open(out, "w") as handle:
    json.dump({"accessKey": KEY, "secret": SECRET, "now": NOW.strftime("%Y%m%dT%H%M%SZ"), "vectors": vectors}, handle, indent=1)
    handle.write("\n")
print("wrote", len(vectors), "vectors to", os.path.normpath(out))
