#!/usr/bin/env python3
"""The sandbox's HTTP endpoint under a boto3 workload, beside moto's server on the same workload in the same run.

Each run: a fresh server, then ROUNDS rounds of an IAM and STS workload (who am I, make a role, read it, list
roles, attach and detach a managed policy, delete the role) from one boto3 client, one request at a time on
loopback. Prints requests per second and p50/p99 latency per run, then min / median / max over the runs.

Usage: bench_endpoint.py ROLECALL_ENDPOINT_BINARY [ROUNDS] [RUNS]
"""
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import boto3
from botocore.config import Config

binary = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_rolecall(folder):
    log = open(os.path.join(folder, "endpoint.log"), "w+")
    process = subprocess.Popen([binary, "--state", os.path.join(folder, "state.json"), "--port", "0"], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(400):
        log.seek(0)
        text = log.read()
        found = re.search(r"AWS_ENDPOINT_URL=(\S+) AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)", text)
        if found:
            return process, found.group(1), found.group(2), found.group(3)
        time.sleep(0.05)
    raise SystemExit("rolecall-endpoint did not start: " + text)


def start_moto(folder):
    port = free_port()
    server = shutil.which("moto_server")
    command = [server, "-p", str(port)] if server else [sys.executable, "-m", "moto.server", "-p", str(port)]
    # moto loads the AWS managed policies only when asked.
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true"))
    url = "http://127.0.0.1:%d" % port
    for _ in range(400):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, url, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        except OSError:
            time.sleep(0.05)
    raise SystemExit("moto's server did not start")


def workload(url, key, secret):
    config = Config(retries={"max_attempts": 1}, tcp_keepalive=True)
    session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1")
    iam = session.client("iam", endpoint_url=url, config=config)
    sts = session.client("sts", endpoint_url=url, config=config)
    calls = [
        lambda i: sts.get_caller_identity(),
        lambda i: iam.create_role(RoleName="bench-%d" % i, AssumeRolePolicyDocument=TRUST),
        lambda i: iam.get_role(RoleName="bench-%d" % i),
        lambda i: iam.list_roles(MaxItems=10),
        lambda i: iam.attach_role_policy(RoleName="bench-%d" % i, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"),
        lambda i: iam.detach_role_policy(RoleName="bench-%d" % i, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"),
        lambda i: iam.delete_role(RoleName="bench-%d" % i),
    ]
    calls[0](0)  # the first request pays for connecting
    latencies = []
    started = time.perf_counter()
    for i in range(rounds):
        for call in calls:
            before = time.perf_counter()
            call(i)
            latencies.append(time.perf_counter() - before)
    elapsed = time.perf_counter() - started
    latencies.sort()
    return len(latencies) / elapsed, latencies[len(latencies) // 2] * 1000, latencies[int(len(latencies) * 0.99)] * 1000


def raw(url, key, secret, count=2000):
    """The server alone: requests signed once by botocore, sent again and again over one kept-alive connection
    (no client-side building, signing or parsing), for the time the server takes."""
    import http.client
    from urllib.parse import urlsplit
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    signed = []
    for service, body in [("sts", "Action=GetCallerIdentity&Version=2011-06-15"),
                          ("iam", "Action=ListRoles&Version=2010-05-08&MaxItems=10")]:
        request = AWSRequest(method="POST", url=url + "/", data=body.encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        SigV4Auth(Credentials(key, secret), service, "us-east-1").add_auth(request)
        signed.append((body, dict(request.headers.items())))
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port)
    latencies = []
    started = time.perf_counter()
    for i in range(count):
        body, headers = signed[i % len(signed)]
        before = time.perf_counter()
        connection.request("POST", "/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit("raw request refused: %d" % response.status)
        latencies.append(time.perf_counter() - before)
    elapsed = time.perf_counter() - started
    latencies.sort()
    return count / elapsed, latencies[len(latencies) // 2] * 1000, latencies[int(len(latencies) * 0.99)] * 1000


def measure(start):
    folder = tempfile.mkdtemp(prefix="rolecall-bench-endpoint-")
    process, url, key, secret = start(folder)
    try:
        return workload(url, key, secret) + raw(url, key, secret)
    finally:
        # SIGTERM, then SIGKILL: a child of a test runner may have SIGTERM blocked, and moto's server never unblocks it.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


results = {"rolecall": [], "moto": []}
print("endpoint: boto3, %d rounds of 7 IAM and STS calls, one at a time on loopback, %d runs" % (rounds, runs))
for run in range(runs):
    for name, start in [("rolecall", start_rolecall), ("moto", start_moto)]:
        rate, p50, p99, raw_rate, raw_p50, raw_p99 = measure(start)
        results[name].append((rate, p50, p99, raw_rate, raw_p50, raw_p99))
        print("  run %d %-8s boto3: %5.0f requests/s, p50 %.2f ms, p99 %.2f ms; server alone: %6.0f requests/s, p50 %.2f ms, p99 %.2f ms"
              % (run + 1, name, rate, p50, p99, raw_rate, raw_p50, raw_p99))
for name, values in results.items():
    for label, rate_index, p99_index in [("boto3", 0, 2), ("server alone", 3, 5)]:
        rates = sorted(v[rate_index] for v in values)
        p99s = sorted(v[p99_index] for v in values)
        print("  %-8s %-12s requests/s %.0f / %.0f / %.0f, p99 %.2f / %.2f / %.2f ms (min / median / max)"
              % (name, label, rates[0], statistics.median(rates), rates[-1], p99s[0], statistics.median(p99s), p99s[-1]))
for label, index in [("boto3", 0), ("server alone", 3)]:
    ratio = statistics.median(v[index] for v in results["rolecall"]) / statistics.median(v[index] for v in results["moto"])
    print("  rolecall / moto throughput, %s: %.1f× (target ≥ 20×)" % (label, ratio))
