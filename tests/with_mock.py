#!/usr/bin/env python3
# Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
"""Runs a program against a fresh hwbind-mock: starts the mock on an ephemeral port of
127.0.0.1, runs the program with the mock's endpoint and credentials in the variables the
examples and hwbind-cli read, checks its exit status and output, and stops the mock.

    with_mock.py --mock path/to/hwbind-mock [--expect REGEX ...] -- program [args...]

The child gets HWBIND_ENDPOINT and HUAWEICLOUD_SDK_AK, _SK and _PROJECT_ID; the machine's own
credentials and proxies are removed, so nothing leaves 127.0.0.1. Exits non-zero when the
program fails, an --expect pattern is not found in its stdout, or the mock does not stop.

Also a module: `start` and `stop`, or `MockProcess`, run the mock for other test scripts.
"""

import argparse
import os
import re
import signal
import subprocess
import sys

PREFIX = "hwbind-mock listening on "

ACCESS_KEY = "EXAMPLEAK0000000"
SECRET_KEY = "example-secret-key"
PROJECT_ID = "0b5a6c3f1e2d4c5b8a7f6e5d4c3b2a10"


def clean_environment():
    """The environment without the machine's Huawei Cloud credentials (they would change what
    the mock accepts and what a client sends) or proxies (loopback traffic must stay local)."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("HUAWEICLOUD_SDK_") and k.lower() not in ("http_proxy", "https_proxy", "no_proxy")}


def start(program, *args, preexec_fn=None):
    """Starts hwbind-mock with `args` on an ephemeral port (calling `preexec_fn` in the child
    before it runs); returns the process and its endpoint."""
    process = subprocess.Popen([program, "--port", "0", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=clean_environment(),
                               preexec_fn=preexec_fn)
    line = process.stdout.readline()
    if not line.startswith(PREFIX):
        process.kill()
        sys.exit(f"unexpected first line {line!r}; stderr: {process.stderr.read()}")
    endpoint = line[len(PREFIX):].strip()
    if not endpoint.startswith("http://127.0.0.1:"):
        process.kill()
        sys.exit(f"unexpected endpoint {endpoint!r}")
    return process, endpoint


def stop(process, sig=signal.SIGTERM):
    """Stops the mock with `sig`; exits when it does not stop cleanly."""
    process.send_signal(sig)
    try:
        code = process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        sys.exit(f"hwbind-mock did not stop on signal {sig}")
    if code != 0:
        sys.exit(f"hwbind-mock exited with {code} on signal {sig}")


class MockProcess:
    """hwbind-mock run with `args` for a test's lifetime, its endpoint in `endpoint` (the
    first line it prints); its standard error is discarded, so that nothing it writes there
    can fill a pipe nobody reads. `env` defaults to `clean_environment()`."""

    def __init__(self, program, *args, env=None):
        self.process = subprocess.Popen([program, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True, env=env if env is not None else clean_environment())
        line = self.process.stdout.readline().strip()
        if not line.startswith(PREFIX):
            self.stop()
            raise RuntimeError(f"unexpected first line of hwbind-mock: {line!r}")
        self.endpoint = line[len(PREFIX):]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mock", required=True, help="the hwbind-mock program")
    parser.add_argument("--expect", action="append", default=[], metavar="REGEX",
                        help="a pattern the program's stdout must contain (repeatable)")
    parser.add_argument("command", nargs="+", help="the program and its arguments, after --")
    options = parser.parse_args()

    process, endpoint = start(options.mock, "--ak", ACCESS_KEY, "--sk", SECRET_KEY, "--project-id", PROJECT_ID)
    try:
        env = clean_environment()
        env.update(HWBIND_ENDPOINT=endpoint, HUAWEICLOUD_SDK_AK=ACCESS_KEY, HUAWEICLOUD_SDK_SK=SECRET_KEY,
                   HUAWEICLOUD_SDK_PROJECT_ID=PROJECT_ID)
        result = subprocess.run(options.command, env=env, stdout=subprocess.PIPE, text=True, timeout=120)
    finally:
        stop(process)

    sys.stdout.write(result.stdout)
    if result.returncode != 0:
        sys.exit(f"{options.command[0]} exited with {result.returncode}")
    for pattern in options.expect:
        if not re.search(pattern, result.stdout, re.MULTILINE):
            sys.exit(f"{options.command[0]}: no match for {pattern!r} in its output")


if __name__ == "__main__":
    main()
