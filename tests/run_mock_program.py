#!/usr/bin/env python3
"""Runs the hwbind-mock program as a user would: starts it on an ephemeral port, reads the
endpoint from its first line, makes requests with the standard library, and stops it with
SIGTERM and SIGINT. Exits non-zero on the first failed check.

    run_mock_program.py path/to/hwbind-mock
"""

import json
import resource
import select
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

from with_mock import clean_environment, start, stop


def get(url):
    """Status, headers and JSON body of a GET of `url`, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.headers, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.load(error)


def check(condition, what):
    if not condition:
        sys.exit(f"check failed: {what}")


ACCEPT_FAILED = "hwbind-mock: accepting a connection failed (Too many open files)"


def out_of_descriptors(program):
    """Under `ulimit -n 40` with 60 idle connections, accept fails with EMFILE: the program
    says so once on stderr (it used to retry in a tight loop, silently), and serves again once
    the connections are closed."""
    def lower_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (40, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

    process, endpoint = start(program, "--no-auth", preexec_fn=lower_limit)
    try:
        port = int(endpoint.rsplit(":", 1)[1])
        idle = [socket.create_connection(("127.0.0.1", port), timeout=20) for _ in range(60)]
        readable, _, _ = select.select([process.stderr], [], [], 20)
        line = process.stderr.readline() if readable else ""
        check(line.startswith(ACCEPT_FAILED), f"out of descriptors, stderr: {line!r}")
        for connection in idle:
            connection.close()
        status, _, body = get(endpoint + "/v1/documents?limit=1")
        check(status == 200 and len(body["data"]) == 1, f"after the descriptors are back: {status}")
    finally:
        stop(process, signal.SIGTERM)
    rest = process.stderr.read()
    check(ACCEPT_FAILED not in rest, f"the failure is told once: {rest!r}")


def main():
    program = sys.argv[1]

    process, endpoint = start(program, "--no-auth", "--records", "30", "--seed", "3")
    try:
        status, headers, body = get(endpoint + "/v1/documents?offset=5&limit=4")
        check(status == 200, f"status {status}")
        check(headers["Content-Type"] == "application/json", "Content-Type")
        check(len(headers["X-Request-Id"]) == 32, "X-Request-Id")
        check(len(body["data"]) == 4 and body["total"] == 30, f"documents page {body}")

        status, _, body = get(endpoint + "/v5/some-project/kubernetes/jobs?limit=5")
        check(status == 400, f"status {status}")
        check(body == {"error_code": "HSS.0400", "error_msg": "limit: 5 is below the minimum 10"}, f"body {body}")

        status, _, body = get(endpoint + "/v1/schedule/task?limit=20&marker=20")
        check(status == 200 and len(body["scheduled_tasks"]) == 10 and "next_maker" not in body,
              f"last marker page {body}")
    finally:
        stop(process, signal.SIGTERM)

    process, endpoint = start(program, "--ak", "MOCKAK", "--sk", "MOCKSK")
    try:
        status, _, body = get(endpoint + "/v2/some-project/jobs")
        check(status == 401 and body["error_code"] == "APIGW.0301", f"unauthenticated: {status} {body}")
        status, _, body = get(endpoint + "/nowhere")
        check(status == 404 and body["error_code"] == "APIGW.0101", f"unknown route: {status} {body}")
    finally:
        stop(process, signal.SIGINT)

    out_of_descriptors(program)

    usage = subprocess.run([program], capture_output=True, text=True, env=clean_environment())
    check(usage.returncode == 2 and "--no-auth" in usage.stderr, f"no credentials: {usage.returncode}")
    zero = subprocess.run([program, "--no-auth", "--max-connections", "0"], capture_output=True, text=True,
                          env=clean_environment())
    check(zero.returncode != 0 and "--max-connections" in zero.stderr, f"--max-connections 0: {zero.returncode}")
    print("hwbind-mock program: ok")


if __name__ == "__main__":
    main()
