#!/usr/bin/env python3
"""Times `rolecall` from launch to its first prompt with the course loaded, in a release build.

Each run starts the tutor in a pseudo-terminal, as a learner's terminal would, and stops the clock when the
prompt appears; the tutor is then told to quit. The learner's progress exists already (the first runs create it),
so this is the everyday start: load the course, restore progress, render the current step, wait for input.
Prints the median and the spread. Target: under 20 ms.
Usage: Benchmarks/startup_bench.py [runs]
"""
import os
import pty
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
binary = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "rolecall")
data = tempfile.mkdtemp(prefix="rolecall-startup-")
env = dict(os.environ, NO_COLOR="1", TERM=os.environ.get("TERM", "xterm"))


def launch_until_prompt():
    master, slave = pty.openpty()
    start = time.perf_counter()
    process = subprocess.Popen([binary, "--learner", "bench", "--data-dir", data], stdin=slave, stdout=slave,
                               stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        seen += chunk
        if b"] learner $" in seen:
            elapsed = (time.perf_counter() - start) * 1000
            break
    os.write(master, b"quit\r")
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    os.close(master)
    if elapsed is None:
        sys.exit("rolecall showed no prompt; output was:\n" + seen.decode(errors="replace"))
    return elapsed


samples = []
for index in range(runs + 3):
    elapsed = launch_until_prompt()
    if index >= 3:  # the first runs warm the file cache and create the progress file
        samples.append(elapsed)
samples.sort()
print(f"tutor-startup: launch to first prompt median {statistics.median(samples):.1f} ms, min {samples[0]:.1f} ms, "
      f"p90 {samples[int(len(samples) * 0.9)]:.1f} ms over {runs} launches (target < 20 ms)")
