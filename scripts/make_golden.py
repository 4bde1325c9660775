#!/usr/bin/env python3
"""Writes Tests/AWSCommandsTests/Golden/<case>.<json|text|table> by feeding sample responses through the real
awscli formatters (formatter.py, text.py, table.py), so the Swift renderers are checked against the CLI itself.

    python3 scripts/make_golden.py

Each case is (name, operation name used as the table title, response, optional JMESPath query).
The response is also written as <case>.input.json for the Swift test to load.
"""
import io
import json
import os
from argparse import Namespace
from collections import OrderedDict

import jmespath
from awscli.formatter import get_formatter

CASES = [
    ("get-role", "GetRole", OrderedDict([("Role", OrderedDict([
        ("Path", "/"), ("RoleName", "S3Reader"), ("RoleId", "AROA123456789EXAMPLE"),
        ("Arn", "arn:aws:iam::123456789012:role/S3Reader"), ("CreateDate", "2026-11-28T23:00:00+00:00"),
        ("AssumeRolePolicyDocument", OrderedDict([("Version", "2012-10-17"), ("Statement", [OrderedDict([
            ("Effect", "Allow"), ("Principal", OrderedDict([("Service", "ec2.amazonaws.com")])),
            ("Action", "sts:AssumeRole")])])])),
        ("Description", "Lets EC2 read S3 — für Ünïcode"), ("MaxSessionDuration", 3600),
        ("Tags", [OrderedDict([("Key", "team"), ("Value", "course")])]),
        ("RoleLastUsed", OrderedDict())]))]), None),
    ("list-roles", "ListRoles", OrderedDict([("Roles", [
        OrderedDict([("Path", "/"), ("RoleName", "S3Reader"), ("RoleId", "AROAAAA"),
                     ("Arn", "arn:aws:iam::123456789012:role/S3Reader"), ("CreateDate", "2026-11-28T23:00:00+00:00"),
                     ("MaxSessionDuration", 3600)]),
        OrderedDict([("Path", "/service-role/"), ("RoleName", "LambdaLogs"), ("RoleId", "AROABBB"),
                     ("Arn", "arn:aws:iam::123456789012:role/service-role/LambdaLogs"),
                     ("CreateDate", "2026-11-28T23:05:00+00:00"), ("MaxSessionDuration", 43200),
                     ("Description", "writes logs")]),
    ])]), None),
    ("caller-identity", "GetCallerIdentity", OrderedDict([
        ("UserId", "AIDAEXAMPLE"), ("Account", "123456789012"),
        ("Arn", "arn:aws:iam::123456789012:user/learner")]), None),
    ("assume-role", "AssumeRole", OrderedDict([
        ("Credentials", OrderedDict([("AccessKeyId", "ASIAEXAMPLE"), ("SecretAccessKey", "secret"),
                                     ("SessionToken", "token"), ("Expiration", "2026-11-29T00:00:00+00:00")])),
        ("AssumedRoleUser", OrderedDict([("AssumedRoleId", "AROAAAA:s1"),
                                         ("Arn", "arn:aws:sts::123456789012:assumed-role/S3Reader/s1")]))]), None),
    ("table-names", "ListTables", OrderedDict([("TableNames", ["Music", "Orders"])]), None),
    ("scan", "Scan", OrderedDict([("Items", [OrderedDict([("id", OrderedDict([("S", "1")])), ("n", OrderedDict([("N", "2.5")]))])]),
                                  ("Count", 1), ("ScannedCount", 1), ("ConsumedCapacity", None)]), None),
    ("instances", "DescribeInstances", OrderedDict([("Reservations", [OrderedDict([
        ("ReservationId", "r-1"), ("OwnerId", "123456789012"), ("Instances", [
            OrderedDict([("InstanceId", "i-0abc"), ("State", OrderedDict([("Code", 16), ("Name", "running")])),
                         ("IamInstanceProfile", OrderedDict([("Arn", "arn:aws:iam::123456789012:instance-profile/web")])),
                         ("EbsOptimized", False), ("SecurityGroups", [])]),
            OrderedDict([("InstanceId", "i-0def"), ("State", OrderedDict([("Code", 48), ("Name", "terminated")])),
                         ("EbsOptimized", True)])])])])]), None),
    ("query-names", "ListRoles", None, "Roles[?Path=='/'].RoleName"),
    ("query-hash", "ListRoles", None, "Roles[*].{Name: RoleName, Max: MaxSessionDuration}"),
    ("query-scalar", "ListRoles", None, "length(Roles)"),
    ("query-list-of-lists", "ListRoles", None, "Roles[].[RoleName, Path, MaxSessionDuration]"),
    ("query-first", "ListRoles", None, "Roles[0]"),
    ("wide", "GetRole", OrderedDict([("Role", OrderedDict([
        ("Arn", "arn:aws:iam::123456789012:role/a-very-long-role-name-that-makes-the-table-wider-than-eighty-columns"),
        ("RoleName", "a-very-long-role-name-that-makes-the-table-wider-than-eighty-columns"),
        ("Path", "/")]))]), None),
    ("floats", "Numbers", OrderedDict([("Small", 0.00001), ("Big", 1e16), ("Plain", 2.5), ("Whole", 3.0),
                                       ("Flag", True), ("Nothing", None), ("Escapes", "tab\there \"q\" \\ \u0001")]), None),
]


def main():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "AWSCommandsTests", "Golden")
    os.makedirs(here, exist_ok=True)
    list_roles = next(case[2] for case in CASES if case[0] == "list-roles")
    for name, operation, response, query in CASES:
        if response is None:
            response = list_roles
        with open(os.path.join(here, name + ".input.json"), "w") as handle:
            json.dump({"operation": operation, "query": query, "response": response}, handle, indent=1,
                      ensure_ascii=False)
        for output in ("json", "text", "table"):
            args = Namespace(query=jmespath.compile(query) if query else None, color="off")
            stream = io.StringIO()
            formatter = get_formatter(output, args)
            formatter(operation, json.loads(json.dumps(response), object_pairs_hook=OrderedDict), stream)
            with open(os.path.join(here, f"{name}.{output}"), "w") as handle:
                handle.write(stream.getvalue())


if __name__ == "__main__":
    main()
