#!/usr/bin/env python3
# Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
"""hwbind-cli against hwbind-mock: every operation in every output format, --all against the
mock's record count, each exit status class, help texts from the spec, progress on a terminal.

    python3 tests/cli_test.py --cli path/to/hwbind-cli --mock path/to/hwbind-mock [unittest args]
"""

import argparse
import csv
import datetime
import http.server
import json
import os
import pty
import re
import select
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import unittest

from with_mock import MockProcess

CLI = None
MOCK = None

AK = "CLITESTAK0000000"
SK = "cli-test-secret-key-do-not-print"
TOKEN = "cli-test-iam-token-do-not-print"
PROJECT = "0b5a6c3f1e2d4c5b8a7f6e5d4c3b2a10"
RECORDS = 123

# service, operation, the response member holding the items, a column of the table.
OPERATIONS = [
    ("coc", "list-documents", "data", "document_id"),
    ("coc", "list-scheduled-tasks", "scheduled_tasks", "scheduled_type"),
    ("hss", "list-jobs", "job_info_list", "namespace_name"),
    ("swr", "list-instance-jobs", "jobs", "resource_name"),
]


# An empty home directory for every run of the tools: no profile or SDK file of the machine
# running the tests is read (~/.hwbind/config, ~/.huaweicloud/).
HOME = tempfile.TemporaryDirectory(prefix="hwbind-cli-test-home-")


def clean_environment(home=None):
    """The environment without credentials, profiles or proxies of the machine running the
    tests, its HOME an empty directory (or `home`)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HUAWEICLOUD_SDK_", "HWBIND_"))
           and k.lower() not in ("http_proxy", "https_proxy", "no_proxy")}
    env["HOME"] = home or HOME.name
    return env


class MockServer(MockProcess):
    """hwbind-mock on an ephemeral port, accepting AK/SK and TOKEN for PROJECT."""

    def __init__(self, *extra):
        super().__init__(MOCK, "--ak", AK, "--sk", SK, "--token", TOKEN, "--project-id", PROJECT,
                         "--records", str(RECORDS), *extra, env=clean_environment())


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.mock = MockServer()

    @classmethod
    def tearDownClass(cls):
        cls.mock.stop()

    def run_cli(self, *args, credentials=True, env=None, endpoint=True, input=None):
        """Runs hwbind-cli against the mock; checks that no secret is ever printed."""
        command = [CLI] + (["--endpoint", self.mock.endpoint] if endpoint else [])
        if credentials:
            command += ["--ak", AK, "--sk", SK, "--project-id", PROJECT]
        result = subprocess.run(command + list(args), capture_output=True, text=True, timeout=60, input=input,
                                env=env if env is not None else clean_environment())
        for secret in (SK, TOKEN):
            self.assertNotIn(secret, result.stdout)
            self.assertNotIn(secret, result.stderr)
        return result

    def assert_ok(self, result):
        self.assertEqual(result.returncode, 0, result.stderr)
        return result

    # ---- the four operations, each output format -----------------------------------------

    def test_json_is_the_response(self):
        for service, operation, items, _ in OPERATIONS:
            with self.subTest(operation=operation):
                out = self.assert_ok(self.run_cli(service, operation, "--output", "json")).stdout
                response = json.loads(out)
                self.assertIsInstance(response, dict)
                self.assertGreater(len(response[items]), 0)
                self.assertLess(len(response[items]), RECORDS)

    def test_lenient_leaves_out_values_of_the_wrong_type_with_warnings(self):
        body = b'{"total":1,"data":[{"name":5,"create_time":"2025-06-30 21:17:01","document_id":"DM1"}]}'

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            endpoint = "http://127.0.0.1:%d" % server.server_address[1]
            args = ["--endpoint", endpoint, "coc", "list-documents", "--output", "table",
                    "--columns", "document_id,name,create_time"]
            strict = self.run_cli(*args, endpoint=False)
            self.assertNotEqual(strict.returncode, 0)
            self.assertIn("data[0].name: expected string, got number", strict.stderr)
            lenient = self.assert_ok(self.run_cli(*args, "--lenient", endpoint=False))
            self.assertIn("warning: left out data[0].name: expected string, got number", lenient.stderr)
            # The date the service sent, a loose_time, is shown as a time (UTC).
            self.assertIn("2025-06-30T21:17:01Z", lenient.stdout.splitlines()[1])
        finally:
            server.shutdown()
            server.server_close()

    def test_operations_without_a_body_refuse_body(self):
        # The shipped operations are reads without a body; bodies, empty successes, arrays and
        # response headers are tested by tests/real_operations_cli_test.py on the real operations.
        result = self.run_cli("hss", "list-jobs", "--body", "{}")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--body", result.stderr)
        self.assertNotIn("--body", self.assert_ok(self.run_cli("hss", "list-jobs", "--help")).stdout)

    def test_json_is_the_default_into_a_pipe(self):
        out = self.assert_ok(self.run_cli("hss", "list-jobs")).stdout
        self.assertEqual(len(json.loads(out)["job_info_list"]), 10)  # the documented page size

    def test_jsonl_is_one_item_per_line(self):
        for service, operation, items, _ in OPERATIONS:
            with self.subTest(operation=operation):
                page = json.loads(self.assert_ok(self.run_cli(service, operation, "--output", "json")).stdout)
                lines = self.assert_ok(self.run_cli(service, operation, "--output", "jsonl")).stdout.splitlines()
                self.assertEqual([json.loads(line) for line in lines], page[items])

    def test_table_has_a_header_and_a_row_per_item(self):
        for service, operation, items, column in OPERATIONS:
            with self.subTest(operation=operation):
                page = json.loads(self.assert_ok(self.run_cli(service, operation, "--output", "json")).stdout)
                lines = self.assert_ok(self.run_cli(service, operation, "--output", "table")).stdout.splitlines()
                self.assertIn(column, lines[0].split())
                self.assertEqual(len(lines), 1 + len(page[items]))

    def test_table_aligns_columns_and_shows_nested_values_as_json(self):
        lines = self.assert_ok(self.run_cli("hss", "list-jobs", "--output", "table",
                                            "--columns", "name,match_labels,status")).stdout.splitlines()
        at = lines[0].index("match_labels")
        self.assertTrue(all(line[at:].startswith('[') for line in lines[1:]), lines)
        self.assertIn('[{"key":', lines[1][at:])

    def test_request_parameters_reach_the_server(self):
        out = self.assert_ok(self.run_cli("hss", "list-jobs", "--limit", "20", "--offset", "5")).stdout
        self.assertEqual(len(json.loads(out)["job_info_list"]), 20)
        out = self.assert_ok(self.run_cli("swr", "list-instance-jobs", "--offset", "120", "--limit", "10")).stdout
        self.assertEqual(len(json.loads(out)["jobs"]), RECORDS - 120)

    def test_sdk_operation_name_and_kebab_case_options(self):
        out = self.assert_ok(self.run_cli("hss", "ListJobs", "--enterprise-project-id", "all_granted_eps")).stdout
        self.assertIn("job_info_list", json.loads(out))

    # ---- --all ----------------------------------------------------------------------------

    def test_all_returns_every_record(self):
        for service, operation, member, _ in OPERATIONS:
            with self.subTest(operation=operation):
                items = json.loads(self.assert_ok(self.run_cli(service, operation, "--all", "--output", "json")).stdout)
                self.assertEqual(list(items.keys()), [member])
                items = items[member]
                self.assertEqual(len(items), RECORDS)
                lines = self.assert_ok(self.run_cli(service, operation, "--all", "--output", "jsonl")).stdout
                self.assertEqual([json.loads(line) for line in lines.splitlines()], items)
                table = self.assert_ok(self.run_cli(service, operation, "--all", "--output", "table")).stdout
                self.assertEqual(len(table.splitlines()), 1 + RECORDS)

    def test_all_with_a_page_size(self):
        # 123 records by 10: thirteen pages, the last one short.
        result = self.assert_ok(self.run_cli("--all", "hss", "list-jobs", "--limit", "10", "--output", "jsonl"))
        self.assertEqual(len(result.stdout.splitlines()), RECORDS)
        self.assertEqual(result.stderr, "")  # no progress when stderr is not a terminal

    # ---- exit status by class --------------------------------------------------------------

    def test_out_of_range_is_a_usage_error_before_sending(self):
        # Against a closed port: had anything been sent, this would be a transport error.
        command = [CLI, "--endpoint", closed_port_endpoint(), "--ak", AK, "--sk", SK, "--project-id", PROJECT,
                   "hss", "list-jobs", "--limit", "5"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=clean_environment())
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--limit", result.stderr)
        self.assertIn("10 to 200", result.stderr)

    def test_spec_rules_are_usage_errors(self):
        result = self.run_cli("swr", "list-instance-jobs", "--limit", "10")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("offset and limit must be set together", result.stderr)
        result = self.run_cli("coc", "list-scheduled-tasks", "--task_name", "nightly")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("task_name requires task_id", result.stderr)
        result = self.run_cli("coc", "list-scheduled-tasks", "--task_id", "XX123")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("task_id", result.stderr)

    def test_enumerations_accept_documented_values_only(self):
        result = self.run_cli("coc", "list-documents", "--document_type", "SECRET")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("PRIVATE,PUBLIC,NORMAL", result.stderr)
        self.assert_ok(self.run_cli("coc", "list-documents", "--document_type", "PUBLIC"))

    def test_usage_errors(self):
        for args in (["hss"], ["hss", "list-jobs", "--limit", "ten"], ["hss", "list-jobs", "--output", "xml"],
                     ["hss", "list-jobs", "--no-such-option"], ["nosuchservice"]):
            with self.subTest(args=args):
                self.assertEqual(self.run_cli(*args).returncode, 2)

    def test_missing_project_and_credentials_are_usage_errors(self):
        result = self.run_cli("hss", "list-jobs", credentials=False)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("project_id", result.stderr)
        result = self.run_cli("coc", "list-documents", credentials=False)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--ak and --sk", result.stderr)

    def test_wrong_secret_key_is_a_service_error(self):
        result = self.run_cli("hss", "list-jobs", "--sk", "not-the-" + SK[::-1])
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("service error", result.stderr)
        self.assertIn("status: 401", result.stderr)
        self.assertIn("error_code: APIGW.0301", result.stderr)
        self.assertIn("error_msg: ", result.stderr)
        self.assertIn("request_id: ", result.stderr)
        self.assertNotIn(SK[::-1], result.stderr)
        self.assertEqual(result.stdout, "")

    def test_another_project_is_a_service_error(self):
        result = self.run_cli("swr", "list-instance-jobs", "--project-id", "another")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("status: 403", result.stderr)

    def test_unreachable_endpoint_is_a_transport_error(self):
        command = [CLI, "--endpoint", closed_port_endpoint(), "--ak", AK, "--sk", SK, "--project-id", PROJECT,
                   "hss", "list-jobs"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=clean_environment())
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn("transport error", result.stderr)

    # ---- credentials -----------------------------------------------------------------------

    def test_credentials_from_the_environment(self):
        env = clean_environment()
        env.update(HUAWEICLOUD_SDK_AK=AK, HUAWEICLOUD_SDK_SK=SK, HUAWEICLOUD_SDK_PROJECT_ID=PROJECT)
        self.assert_ok(self.run_cli("hss", "list-jobs", credentials=False, env=env))

    def test_iam_token(self):
        result = self.run_cli("--token", TOKEN, "--project-id", PROJECT, "swr", "list-instance-jobs",
                              credentials=False)
        self.assert_ok(result)
        result = self.run_cli("--token", "wrong", "--project-id", PROJECT, "swr", "list-instance-jobs",
                              credentials=False)
        self.assertEqual(result.returncode, 3, result.stderr)

    # ---- profiles and the SDKs' files ------------------------------------------------------

    def home_with(self, files):
        """A temporary home directory holding `files` (relative path: text)."""
        home = tempfile.TemporaryDirectory(prefix="hwbind-cli-test-home-")
        self.addCleanup(home.cleanup)
        for path, text in files.items():
            full = os.path.join(home.name, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
        return home.name

    def test_configure_writes_a_profile_that_calls_use(self):
        home = self.home_with({})
        env = clean_environment(home)
        result = self.run_cli("configure", "--profile", "mock", "--ak", AK, "--project-id", PROJECT,
                              "--endpoint", self.mock.endpoint, "--output", "jsonl", credentials=False,
                              endpoint=False, env=env, input=SK + "\n")
        self.assert_ok(result)
        path = os.path.join(home, ".hwbind", "config")
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        with open(path) as f:
            self.assertIn("[mock]", f.read())
        # The profile, chosen by --profile or HWBIND_PROFILE, gives credentials, project,
        # endpoint and output format.
        for args, extra in ((["--profile", "mock"], {}), ([], {"HWBIND_PROFILE": "mock"})):
            with self.subTest(args=args, extra=extra):
                out = self.assert_ok(self.run_cli(*args, "hss", "list-jobs", credentials=False, endpoint=False,
                                                  env=dict(env, **extra))).stdout
                self.assertEqual(len([json.loads(line) for line in out.splitlines()]), 10)
        # Not chosen: the [default] profile, which does not exist, gives nothing.
        result = self.run_cli("hss", "list-jobs", credentials=False, endpoint=False, env=env)
        self.assertEqual(result.returncode, 2, result.stderr)
        # Updating keeps the other values and profiles.
        self.assert_ok(self.run_cli("configure", "--profile", "other", "--region", "cn-north-4", credentials=False,
                                    endpoint=False, env=env, input=""))
        self.assert_ok(self.run_cli("configure", "--profile", "mock", "--output", "json", credentials=False,
                                    endpoint=False, env=env, input=""))
        out = self.assert_ok(self.run_cli("--profile", "mock", "hss", "list-jobs", credentials=False,
                                          endpoint=False, env=env)).stdout
        self.assertEqual(len(json.loads(out)["job_info_list"]), 10)
        with open(path) as f:
            text = f.read()
        self.assertIn("[other]", text)
        self.assertEqual(text.count("sk = "), 1)

    def test_configure_asks_on_a_terminal_without_echoing_the_secret(self):
        home = self.home_with({})
        transcript, status = converse_on_terminal(
            [CLI, "configure", "--profile", "t"], clean_environment(home),
            [("Access key", AK), ("Secret key", SK), ("Project ID", PROJECT), ("Region", "cn-north-4"),
             ("Output format", "")])
        self.assertEqual(status, 0, transcript)
        self.assertIn(AK, transcript)  # an identifier, echoed as typed
        self.assertNotIn(SK, transcript)
        with open(os.path.join(home, ".hwbind", "config")) as f:
            text = f.read()
        self.assertIn("sk = " + SK, text)
        self.assertIn("region = cn-north-4", text)
        self.assertNotIn("output", text)
        # Asked again, the current access key is shown masked and Enter keeps every value.
        transcript, status = converse_on_terminal(
            [CLI, "configure", "--profile", "t"], clean_environment(home),
            [("Access key [********" + AK[-4:] + "]", ""), ("Secret key [****]", ""), ("Project ID", ""),
             ("Region [cn-north-4]", ""), ("Output format", "")])
        self.assertEqual(status, 0, transcript)
        self.assertNotIn(SK, transcript)
        with open(os.path.join(home, ".hwbind", "config")) as f:
            self.assertEqual(f.read(), text)

    def test_precedence_flags_environment_profile_sdk_files(self):
        wrong = "wrong-" + SK[::-1]
        profile = "[default]\nak = %s\nsk = %s\nproject_id = %s\nregion = ap-southeast-1\noutput = jsonl\n"
        sdk = "[basic]\nak = %s\nsk = %s\nproject_id = %s\n"
        env_creds = {"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SK": SK, "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT}
        cases = (
            # (files, environment, flags, exit status)
            ({".hwbind/config": profile % (AK, SK, PROJECT)}, {}, [], 0),
            ({".hwbind/config": profile % (AK, wrong, PROJECT)}, env_creds, [], 0),  # environment > profile
            ({".hwbind/config": profile % (AK, SK, PROJECT)}, {}, ["--sk", wrong], 3),  # flags > profile
            ({".hwbind/config": profile % (AK, SK, "another")}, {}, ["--project-id", PROJECT], 0),
            ({".hwbind/config": profile % (AK, SK, "another")}, {"HUAWEICLOUD_SDK_PROJECT_ID": PROJECT}, [], 0),
            # The SDKs' ~/.huaweicloud/credentials, read by the library: below the profile.
            ({".huaweicloud/credentials": sdk % (AK, SK, PROJECT)}, {}, [], 0),
            ({".huaweicloud/credentials": sdk % (AK, wrong, PROJECT),
              ".hwbind/config": profile % (AK, SK, PROJECT)}, {}, [], 0),
            ({".huaweicloud/credentials": sdk % (AK, SK, PROJECT)}, env_creds | {"HUAWEICLOUD_SDK_SK": wrong}, [], 3),
        )
        for files, extra, flags, status in cases:
            with self.subTest(files=files, env=extra, flags=flags):
                env = dict(clean_environment(self.home_with(files)), **extra)
                result = self.run_cli(*flags, "hss", "list-jobs", credentials=False, env=env)
                self.assertEqual(result.returncode, status, result.stderr)
                self.assertNotIn(wrong, result.stdout + result.stderr)
                if status == 0 and ".hwbind/config" in files:
                    self.assertEqual(len(result.stdout.splitlines()), 10)  # the profile's jsonl
        # --output > profile output.
        home = self.home_with({".hwbind/config": profile % (AK, SK, PROJECT)})
        out = self.assert_ok(self.run_cli("--output", "json", "hss", "list-jobs", credentials=False,
                                          env=clean_environment(home))).stdout
        self.assertIn("job_info_list", json.loads(out))
        # Region: --region > HUAWEICLOUD_SDK_REGION > profile.
        for flags, extra, region in (([], {}, "ap-southeast-1"),
                                     ([], {"HUAWEICLOUD_SDK_REGION": "cn-north-4"}, "cn-north-4"),
                                     (["--region", "cn-east-3"], {"HUAWEICLOUD_SDK_REGION": "cn-north-4"},
                                      "cn-east-3")):
            with self.subTest(region=region):
                out = self.assert_ok(self.run_cli(*flags, "--dry-run", "hss", "list-jobs", credentials=False,
                                                  endpoint=False, env=dict(clean_environment(home), **extra))).stdout
                self.assertIn("https://hss.%s.myhuaweicloud.com/" % region, out.splitlines()[0])

    def test_sdk_regions_file_and_profile_endpoints(self):
        # ~/.huaweicloud/regions.yaml, read by the library, gives hss's endpoint in a region.
        home = self.home_with({".huaweicloud/regions.yaml": "hss:\n  - id: cn-north-4\n    endpoint: %s\n"
                               % self.mock.endpoint})
        out = self.assert_ok(self.run_cli("--region", "cn-north-4", "hss", "list-jobs", endpoint=False,
                                          env=clean_environment(home))).stdout
        self.assertIn("job_info_list", json.loads(out))
        # A profile's endpoint.<service> overrides one service's endpoint.
        home = self.home_with({".hwbind/config": "[default]\nregion = cn-north-4\nendpoint.swr = %s\n"
                               % self.mock.endpoint})
        self.assert_ok(self.run_cli("swr", "list-instance-jobs", endpoint=False, env=clean_environment(home)))
        out = self.assert_ok(self.run_cli("--dry-run", "hss", "list-jobs", endpoint=False,
                                          env=clean_environment(home))).stdout
        self.assertIn("hss.cn-north-4.myhuaweicloud.com", out)

    def test_profile_errors_are_usage_errors(self):
        for files, extra, flags, expected in (
                ({}, {}, ["--profile", "nope"], "no profile nope"),
                ({".hwbind/config": "[a]\nregion = cn-north-4\n"}, {"HWBIND_PROFILE": "b"}, [],
                 "no profile b in"),
                ({".hwbind/config": "[default]\nregoin = " + SK + "\n"}, {}, [], "config:2: unknown key regoin"),
                ({".hwbind/config": "[default]\nak = " + AK + "\n"}, {}, [], "both ak and sk are needed"),
                ({".hwbind/config": "[default]\noutput = xml\n"}, {}, [], "output: xml is not an output format"),
                ({".hwbind/config": "[default]\nregion = a.evil.com#\n"}, {}, [], "is not a region name"),
                ({"elsewhere.ini": "[default]\noutput = json\n"}, {"HWBIND_CONFIG_FILE": "/nonexistent/config"}, [],
                 "cannot read the configuration file /nonexistent/config"),
                ({".huaweicloud/credentials": "[basic]\nak = " + AK + "\n"}, {}, [], "both ak and sk are needed")):
            with self.subTest(expected=expected):
                env = dict(clean_environment(self.home_with(files)), **extra)
                result = self.run_cli(*flags, "hss", "list-jobs", env=env)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(expected, result.stderr)
        # HWBIND_CONFIG_FILE names the file.
        home = self.home_with({"elsewhere.ini": "[default]\noutput = jsonl\n"})
        env = dict(clean_environment(home), HWBIND_CONFIG_FILE=os.path.join(home, "elsewhere.ini"))
        self.assertEqual(len(self.assert_ok(self.run_cli("hss", "list-jobs", env=env)).stdout.splitlines()), 10)
        # configure refuses half a key pair and bad values, and writes nothing.
        home = self.home_with({})
        for args in (["--ak", AK], ["--region", "Not_A_Region"], ["--output", "xml"]):
            with self.subTest(configure=args):
                result = self.run_cli("configure", *args, credentials=False, endpoint=False, input="",
                                      env=clean_environment(home))
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertFalse(os.path.exists(os.path.join(home, ".hwbind", "config")))

    # ---- help ------------------------------------------------------------------------------

    def help_text(self, *args):
        return self.assert_ok(subprocess.run([CLI, *args, "--help"], capture_output=True, text=True,
                                             timeout=60, env=clean_environment())).stdout

    def test_top_level_help_lists_services_operations_and_exit_codes(self):
        text = self.help_text()
        for expected in ("Cloud Operations Center", "Host Security Service", "SoftWare Repository for Container",
                         "Querying the Basic Job Information List", "Listing Jobs",
                         "--endpoint", "--all", "HUAWEICLOUD_SDK_AK", "Exit status", "transport error"):
            self.assertIn(expected, text)
        # Operations grouped under their service, each with its summary.
        self.assertRegex(text, r"\n  coc: Cloud Operations Center\n    list-documents +Querying Custom Jobs\n"
                               r"    list-scheduled-tasks +Querying the List of Scheduled Tasks\n")
        self.assertRegex(text, r"\n  hss: Host Security Service\n    list-jobs +Querying the Basic Job Information List\n")
        self.assertRegex(text, r"\n  swr: SoftWare Repository for Container\n    list-instance-jobs +Listing Jobs\n")

    def test_operation_help_has_the_spec_examples_as_command_lines_that_run(self):
        expected = {
            ("coc", "list-documents"): "hwbind-cli coc list-documents --offset 0 --limit 2",
            ("coc", "list-scheduled-tasks"): "hwbind-cli coc list-scheduled-tasks --offset 0 --limit 10 "
                                             "--scheduled_type ONCE --last_execution_status FINISHED",
            ("hss", "list-jobs"): "hwbind-cli hss list-jobs --offset 0 --limit 200 "
                                  "--enterprise_project_id all_granted_eps",
            ("swr", "list-instance-jobs"): "hwbind-cli swr list-instance-jobs",
        }
        for (service, operation), command in expected.items():
            with self.subTest(operation=operation):
                text = self.help_text(service, operation)
                examples = text[text.index("\nExamples:\n"):]
                self.assertIn("\n  # ", examples)
                lines = [line.strip() for line in examples.splitlines() if line.startswith("  hwbind-cli ")]
                self.assertEqual(lines, [command])
                # The command line works as printed.
                result = self.assert_ok(self.run_cli(*shlex.split(lines[0])[1:], "--output", "json"))
                self.assertIsInstance(json.loads(result.stdout), dict)

    def test_service_help_has_summaries_and_descriptions(self):
        text = self.help_text("coc")
        for expected in ("Querying Custom Jobs", "Querying the List of Scheduled Tasks",
                         "This API is used to query the scheduled O&M tasks based on specified conditions.",
                         "GET /v1/schedule/task"):
            self.assertIn(expected, text)

    def test_operation_help_has_parameters_from_the_spec(self):
        text = self.help_text("hss", "list-jobs")
        flat = " ".join(text.split())
        for expected in ("This API is used to query the basic job information list.",
                         "--limit INT:INT in [10 - 200]",
                         "Number of records displayed on each page.",
                         "--enterprise_project_id,--enterprise-project-id",
                         "GET /v5/{project_id}/kubernetes/jobs", "ListJobs", "--all fetches every page"):
            self.assertIn(expected, flat)
        flat = " ".join(self.help_text("coc", "list-scheduled-tasks").split())
        for expected in ("{HIGH,MEDIUM,LOW}", "Pattern: ^ST.*$", "--task_name needs --task_id",
                         "takes the `next_maker` of the previous page"):
            self.assertIn(expected, flat)
        flat = " ".join(self.help_text("swr", "list-instance-jobs").split())
        self.assertIn("INT at most 100", flat)
        self.assertIn("--offset, --limit: all or none", flat)

    # ---- on a terminal ---------------------------------------------------------------------

    def test_terminal_gets_a_table_and_progress(self):
        out, err, status = run_on_terminal(
            [CLI, "--endpoint", self.mock.endpoint, "--ak", AK, "--sk", SK, "--project-id", PROJECT,
             "hss", "list-jobs", "--all", "--limit", "50", "--columns", "match_labels,name"])
        self.assertEqual(status, 0, err)
        self.assertEqual(len(out.splitlines()), 1 + RECORDS)
        self.assertTrue(out.startswith("match_labels "), out[:200])
        self.assertIn('[{"key":"app.kubernetes.io/name","val...  ', out)  # long cells cut
        self.assertIn("page 3, 123 of 123 items", err)
        out, err, status = run_on_terminal(
            [CLI, "--endpoint", self.mock.endpoint, "--ak", AK, "--sk", SK, "--project-id", PROJECT,
             "hss", "list-jobs", "--all", "--no-progress"])
        self.assertEqual(status, 0, err)
        self.assertEqual(err, "")

    def test_pages_in_flight_print_the_same_items(self):
        for operation in ("list-jobs", "list-scheduled-tasks"):  # offset with a total; marker
            with self.subTest(operation=operation):
                service = "hss" if operation == "list-jobs" else "coc"
                walk = [service, operation, "--all", "--limit", "10", "--output", "jsonl"]
                one = self.run_cli(*walk)
                self.assertEqual(one.returncode, 0, one.stderr)
                self.assertEqual(len(one.stdout.splitlines()), RECORDS)
                ahead = self.run_cli(*walk, "--pages-in-flight", "8")
                self.assertEqual(ahead.returncode, 0, ahead.stderr)
                self.assertEqual(ahead.stdout, one.stdout)
        refused = self.run_cli("hss", "list-jobs", "--all", "--pages-in-flight", "0")
        self.assertEqual(refused.returncode, 2, refused.stderr)
        self.assertIn("--pages-in-flight", refused.stderr)

    # ---- issue 18: the bugs a new user met ----------------------------------------------------

    def test_output_that_cannot_be_written_is_a_failure(self):
        # A full disk must not pass for success: every format, and the help.
        for args in (["hss", "list-jobs", "--output", "json"], ["hss", "list-jobs", "--output", "jsonl"],
                     ["hss", "list-jobs", "--output", "table"], ["hss", "list-jobs", "--all", "--output", "jsonl"],
                     ["--help"], ["hss", "list-jobs", "--help"]):
            with self.subTest(args=args), open("/dev/full", "w") as full:
                command = [CLI, "--endpoint", self.mock.endpoint, "--ak", AK, "--sk", SK, "--project-id", PROJECT]
                result = subprocess.run(command + args, stdout=full, stderr=subprocess.PIPE, text=True,
                                        timeout=60, env=clean_environment())
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertIn("cannot write the output: No space left on device", result.stderr)

    def test_timeouts_out_of_range_are_usage_errors_with_short_messages(self):
        for value, reason in (("1e10", "at most 86400"), ("9223372037", "at most 86400"),
                              ("nan", "not a number of seconds"), ("inf", "not a number of seconds"),
                              ("0", "more than 0"), ("-1", "more than 0"), ("abc", "not a number of seconds")):
            with self.subTest(value=value):
                result = self.run_cli("hss", "list-jobs", "--timeout", value)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn("--timeout: %s is " % value, result.stderr)
                self.assertIn(reason, result.stderr)
                self.assertLess(len(result.stderr), 200)
        self.assert_ok(self.run_cli("hss", "list-jobs", "--timeout", "2.5"))

    def test_integers_are_decimal(self):
        for operation, value, reason in (("list-jobs", "abc", "is not a decimal integer"),
                                         ("list-jobs", "0x10", "is not a decimal integer"),
                                         ("list-jobs", "20.0", "is not a decimal integer"),
                                         ("list-jobs", "99999999999", "is out of range")):
            with self.subTest(value=value):
                result = self.run_cli("hss", operation, "--limit", value)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn("--limit: %s %s" % (value, reason), result.stderr)
        # Without bounds in the spec too.
        result = self.run_cli("coc", "list-documents", "--limit", "0x10")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--limit: 0x10 is not a decimal integer", result.stderr)

    def test_region_that_is_not_a_region_name_is_a_usage_error(self):
        # Checked before any name is built from it, let alone resolved.
        result = subprocess.run([CLI, "--region", "a.evil.com#", "--ak", AK, "--sk", SK, "--project-id", PROJECT,
                                 "hss", "list-jobs"], capture_output=True, text=True, timeout=60,
                                env=clean_environment())
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("is not a region name", result.stderr)

    def test_a_page_offset_held_in_a_string_is_checked_before_sending(self):
        # coc list-documents documents its offset as a string; with or without --all it
        # must be a usage error, not the service's 400.
        for extra in ([], ["--all"]):
            with self.subTest(extra=extra):
                result = self.run_cli("coc", "list-documents", "--offset", "abc", *extra)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn("--offset: abc is not a non-negative decimal integer", result.stderr)
        self.assert_ok(self.run_cli("coc", "list-documents", "--offset", "5"))

    def test_operation_names_in_other_spellings(self):
        for args in (["hss", "list_jobs"], ["hss", "listjobs"], ["HSS", "ListJobs"], ["Hss", "LIST-JOBS"]):
            with self.subTest(args=args):
                out = self.assert_ok(self.run_cli(*args)).stdout
                self.assertIn("job_info_list", json.loads(out))

    def test_unknown_names_get_suggestions(self):
        for args, expected in ((["hss", "listjob"], "hss has no operation listjob; did you mean list-jobs?"),
                               (["hs", "list-jobs"], "no service hs; did you mean hss?"),
                               (["list-jobs"], "no service list-jobs; did you mean hss list-jobs?"),
                               (["coc", "documents"], "coc has no operation documents; did you mean list-documents?")):
            with self.subTest(args=args):
                result = self.run_cli(*args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(expected, result.stderr)

    def test_project_id_has_one_meaning(self):
        # The path's project and the signed X-Project-Id header are one value, whatever the
        # spelling; two different values are refused.
        result = self.run_cli("--project_id", "p2", "hss", "list-jobs")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--project-id and --project_id", result.stderr)
        out = self.assert_ok(self.run_cli("hss", "list-jobs", "--project_id", PROJECT, credentials=False,
                                          env=dict(clean_environment(), HUAWEICLOUD_SDK_AK=AK,
                                                   HUAWEICLOUD_SDK_SK=SK))).stdout
        self.assertIn("job_info_list", json.loads(out))
        # The mock accepts only PROJECT: a path project of p2 would be a 403.
        result = self.run_cli("hss", "list-jobs", "--project-id", "p2")
        self.assertEqual(result.returncode, 3, result.stderr)

    def test_messages_name_options_not_cxx(self):
        for args, env, expected in (
                (["--project-id", PROJECT, "hss", "list-jobs"], {}, "give --region"),
                (["--endpoint", self.mock.endpoint, "hss", "list-jobs"], {}, "give --project-id")):
            with self.subTest(args=args):
                result = subprocess.run([CLI, "--ak", AK, "--sk", SK, *args], capture_output=True, text=True,
                                        timeout=60, env=dict(clean_environment(), **env))
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(expected, result.stderr)
                self.assertNotIn("::", result.stderr)
                self.assertNotIn("context", result.stderr)

    def test_json_has_one_shape_with_and_without_all(self):
        for service, operation, member, _ in OPERATIONS:
            with self.subTest(operation=operation):
                one = json.loads(self.assert_ok(self.run_cli(service, operation, "--output", "json")).stdout)
                every = json.loads(self.assert_ok(self.run_cli(service, operation, "--output", "json",
                                                               "--all")).stdout)
                self.assertIsInstance(one, dict)
                self.assertIsInstance(every, dict)
                self.assertEqual(every[member][:len(one[member])], one[member])

    def test_table_default_and_chosen_columns(self):
        lines = self.assert_ok(self.run_cli("coc", "list-scheduled-tasks", "--output", "table")).stdout.splitlines()
        self.assertEqual(lines[0].split(), ["id", "enterprise_project_id", "name", "scheduled_type", "task_type",
                                            "associated_task_type"])
        lines = self.assert_ok(self.run_cli("coc", "list-scheduled-tasks", "--output", "table",
                                            "--columns", "risk_level,name")).stdout.splitlines()
        self.assertEqual(lines[0].split(), ["risk_level", "name"])
        self.assertTrue(all(line[:12].strip() in ("HIGH", "MEDIUM", "LOW", "") for line in lines[1:]), lines)
        result = self.run_cli("coc", "list-scheduled-tasks", "--output", "table", "--columns", "name,nope")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--columns: no column nope; its columns: id ", result.stderr)

    def test_tables_show_times_the_spec_marks_as_iso_8601(self):
        def iso(ms):
            t = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
            return t.strftime("%Y-%m-%dT%H:%M:%S") + (".%03d" % (ms % 1000) if ms % 1000 else "") + "Z"

        self.assertEqual(iso(1720765124000), "2024-07-12T06:18:44Z")
        def shown(item, key):
            return iso(item[key]) if key in item else ""

        items = json.loads(self.assert_ok(self.run_cli("hss", "list-jobs", "--output", "json")).stdout)["job_info_list"]
        expected = [[i["name"], shown(i, "create_time"), shown(i, "execute_time"), str(i.get("pods_num", ""))]
                    for i in items]
        self.assertTrue(any(row[1] for row in expected))
        for output in ("tsv", "csv"):
            with self.subTest(output=output):
                out = self.assert_ok(self.run_cli("hss", "list-jobs", "--output", output, "--columns",
                                                  "name,create_time,execute_time,pods_num")).stdout
                rows = [line.split("\t" if output == "tsv" else ",") for line in out.splitlines()]
                self.assertEqual(rows[0], ["name", "create_time", "execute_time", "pods_num"])
                self.assertEqual(rows[1:], expected)  # pods_num: an integer that is no time
        lines = self.assert_ok(self.run_cli("hss", "list-jobs", "--output", "table", "--columns",
                                            "create_time,name")).stdout.splitlines()
        self.assertEqual([line[:len(row[1])] for line, row in zip(lines[1:], expected)], [row[1] for row in expected])
        # Millisecond times of COC; ISO 8601 strings of SWR are shown as sent.
        tasks = json.loads(self.assert_ok(self.run_cli("coc", "list-scheduled-tasks", "--output",
                                                       "json")).stdout)["scheduled_tasks"]
        lines = self.assert_ok(self.run_cli("coc", "list-scheduled-tasks", "--output", "tsv", "--columns",
                                            "id,created_time,modified_time")).stdout.splitlines()
        self.assertEqual([line.split("\t") for line in lines[1:]],
                         [[t["id"], shown(t, "created_time"), shown(t, "modified_time")] for t in tasks])
        jobs = json.loads(self.assert_ok(self.run_cli("swr", "list-instance-jobs", "--output",
                                                      "json")).stdout)["jobs"]
        lines = self.assert_ok(self.run_cli("swr", "list-instance-jobs", "--output", "tsv", "--columns",
                                            "created_at")).stdout.splitlines()
        self.assertEqual(lines[1:], [j.get("created_at", "") for j in jobs])

    def test_tsv_and_csv_have_the_table_columns_whole(self):
        for service, operation, member, column in OPERATIONS:
            with self.subTest(operation=operation):
                items = json.loads(self.assert_ok(self.run_cli(service, operation, "--all", "--output",
                                                               "json")).stdout)[member]
                tsv = self.assert_ok(self.run_cli(service, operation, "--all", "--output", "tsv")).stdout
                table = self.assert_ok(self.run_cli(service, operation, "--all", "--output", "table")).stdout
                self.assertEqual(tsv.splitlines()[0].split("\t"), table.splitlines()[0].split())
                self.assertEqual(len(tsv.splitlines()), 1 + len(items))
                rows = list(csv.reader(self.assert_ok(self.run_cli(service, operation, "--all", "--output",
                                                                   "csv")).stdout.splitlines()))
                self.assertEqual(rows[0], tsv.splitlines()[0].split("\t"))
                self.assertEqual(len(rows), 1 + len(items))
        # Nested values are JSON, quoted as CSV quotes (commas, doubled quotes).
        items = json.loads(self.assert_ok(self.run_cli("hss", "list-jobs", "--output", "json")).stdout)["job_info_list"]
        out = self.assert_ok(self.run_cli("hss", "list-jobs", "--output", "csv", "--columns",
                                          "match_labels,name")).stdout
        self.assertIn('"[{""key"":', out)
        rows = list(csv.reader(out.splitlines()))
        self.assertEqual([json.loads(r[0]) for r in rows[1:]], [i["match_labels"] for i in items])
        # No rows: the header alone. --query is for JSON.
        out = self.assert_ok(self.run_cli("swr", "list-instance-jobs", "--offset", "500", "--limit", "10",
                                          "--output", "csv")).stdout
        self.assertEqual(out.splitlines(), [",".join(out.splitlines()[0].split(","))])
        result = self.run_cli("hss", "list-jobs", "--output", "tsv", "--query", ".")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--query applies to --output json and jsonl, not tsv", result.stderr)

    def complete(self, *words):
        """What the bash completion script offers for the command line `words`, the cursor
        on the last word."""
        words = ["hwbind-cli", *words]
        script = ('source <("$CLI" completion bash) && COMP_WORDS=(%s) && COMP_CWORD=%d && _hwbind_cli && '
                  'printf "%%s\\n" "${COMPREPLY[@]}"' % (" ".join("'%s'" % w for w in words), len(words) - 1))
        result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                                env=dict(clean_environment(), CLI=CLI))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        return [w for w in result.stdout.splitlines() if w]

    def test_bash_completion_offers_services_operations_options_and_values(self):
        self.assertEqual(set(self.complete("")) & {"coc", "hss", "swr", "configure", "completion"},
                         {"coc", "hss", "swr", "configure", "completion"})
        self.assertEqual(self.complete("h"), ["hss"])
        self.assertEqual(self.complete("coc", ""), ["list-documents", "list-scheduled-tasks"])
        self.assertEqual(self.complete("coc", "list-s"), ["list-scheduled-tasks"])
        # Options of the operation, then the values of an enumeration, in any spelling.
        self.assertIn("--risk_level", self.complete("coc", "list-scheduled-tasks", "--ri"))
        for words in (["coc", "list-scheduled-tasks", "--risk_level", ""],
                      ["--region", "cn-north-4", "COC", "ListScheduledTasks", "--all", "--risk-level", ""]):
            with self.subTest(words=words):
                self.assertEqual(self.complete(*words), ["HIGH", "MEDIUM", "LOW"])
        self.assertEqual(self.complete("swr", "list-instance-jobs", "--status", "R"), ["Running"])
        self.assertEqual(self.complete("hss", "list-jobs", "--output", "js"), ["json", "jsonl"])
        self.assertEqual(self.complete("hss", "list-jobs", "--limit", ""), [])  # a free value
        self.assertIn("--dry-run", self.complete("hss", "list-jobs", "--d"))
        self.assertEqual(self.complete("completion", ""), ["bash", "zsh"])

    def test_zsh_completion_script(self):
        out = self.assert_ok(subprocess.run([CLI, "completion", "zsh"], capture_output=True, text=True,
                                            timeout=60, env=clean_environment())).stdout
        self.assertTrue(out.startswith("#compdef hwbind-cli\n"))
        self.assertIn("compdef _hwbind_cli hwbind-cli", out)
        self.assertIn('echo "HIGH MEDIUM LOW"', out)
        zsh = shutil.which("zsh")
        if zsh:
            check = subprocess.run([zsh, "-n"], input=out, capture_output=True, text=True, timeout=60)
            self.assertEqual(check.returncode, 0, check.stderr)
        result = subprocess.run([CLI, "completion", "fish"], capture_output=True, text=True, timeout=60,
                                env=clean_environment())
        self.assertEqual(result.returncode, 2, result.stderr)

    def test_mock_binds_ipv6_loopback(self):
        for address, prefix in (("::1", "http://[::1]:"), ("127.0.0.1", "http://127.0.0.1:")):
            with self.subTest(address=address):
                try:
                    mock = MockServer("--bind", address)
                except RuntimeError as e:
                    if address == "::1" and not socket.has_ipv6:
                        self.skipTest("no IPv6: %s" % e)
                    raise
                try:
                    self.assertTrue(mock.endpoint.startswith(prefix), mock.endpoint)
                    result = subprocess.run([CLI, "--endpoint", mock.endpoint, "--ak", AK, "--sk", SK,
                                             "--project-id", PROJECT, "hss", "list-jobs", "--all", "--output",
                                             "jsonl"], capture_output=True, text=True, timeout=60,
                                            env=clean_environment())
                    self.assertEqual(result.returncode, 0, result.stderr)
                    self.assertEqual(len(result.stdout.splitlines()), RECORDS)
                finally:
                    mock.stop()
        # Listening on ::1 only: the IPv4 loopback is refused.
        mock = MockServer("--bind", "::1")
        try:
            port = mock.endpoint.rsplit(":", 1)[1]
            result = subprocess.run([CLI, "--endpoint", "http://127.0.0.1:" + port, "--ak", AK, "--sk", SK,
                                     "--project-id", PROJECT, "hss", "list-jobs", "--retries", "0"],
                                    capture_output=True, text=True, timeout=60, env=clean_environment())
            self.assertEqual(result.returncode, 4, result.stderr)
        finally:
            mock.stop()
        result = subprocess.run([MOCK, "--bind", "localhost", "--no-auth"], capture_output=True, text=True,
                                timeout=60, env=clean_environment())
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--bind: localhost is not an IPv4 or IPv6 address", result.stderr)

    def test_mock_usage_errors_exit_2(self):
        for args, expected in ((["--port", "70000"], "--port: 70000 is out of range (0 to 65535)"),
                               (["--port", "abc"], "--port: abc is not a decimal integer"),
                               (["--records", "-1"], "--records: -1 is out of range (0 to 100000)"),
                               (["--no-such-option"], "--no-such-option")):
            with self.subTest(args=args):
                result = subprocess.run([MOCK, "--no-auth", *args], capture_output=True, text=True, timeout=60,
                                        env=clean_environment())
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(expected, result.stderr)

    # ---- --dry-run and --debug ---------------------------------------------------------------

    def assert_redacted(self, text):
        self.assertNotRegex(text, r"Signature=[0-9a-f]{16}")
        self.assertNotIn(TOKEN, text)
        self.assertNotIn(SK, text)

    def test_dry_run_prints_the_request_and_sends_nothing(self):
        # Against a closed port: had anything been sent, this would be a transport error.
        endpoint = closed_port_endpoint()
        command = [CLI, "--endpoint", endpoint, "--ak", AK, "--sk", SK, "--project-id", PROJECT]
        result = subprocess.run(command + ["hss", "list-jobs", "--limit", "20", "--dry-run"], capture_output=True,
                                text=True, timeout=60, env=clean_environment())
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "GET %s/v5/%s/kubernetes/jobs?limit=20" % (endpoint, PROJECT))
        headers = dict(line.split(": ", 1) for line in lines[1:])
        self.assertEqual(headers["Host"], endpoint[len("http://"):])
        self.assertEqual(headers["X-Project-Id"], PROJECT)
        self.assertRegex(headers["X-Sdk-Date"], r"^\d{8}T\d{6}Z$")
        self.assertRegex(headers["Authorization"],
                         r"^SDK-HMAC-SHA256 Access=%s, SignedHeaders=[a-z;-]+, Signature=<redacted>$" % AK)
        self.assert_redacted(result.stdout + result.stderr)
        # With --all: the first page's window, as the walk sends it.
        result = subprocess.run(command + ["hss", "list-jobs", "--all", "--dry-run"], capture_output=True,
                                text=True, timeout=60, env=clean_environment())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("?offset=0&limit=10\n", result.stdout)

    def test_dry_run_redacts_a_token_and_still_checks_the_request(self):
        result = self.run_cli("--token", TOKEN, "--project-id", PROJECT, "swr", "list-instance-jobs", "--dry-run",
                              credentials=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("\nX-Auth-Token: <redacted>\n", result.stdout)
        self.assert_redacted(result.stdout)
        # What the call would refuse, a dry run refuses: a broken rule, no credentials.
        result = self.run_cli("swr", "list-instance-jobs", "--limit", "10", "--dry-run")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        result = self.run_cli("--project-id", PROJECT, "coc", "list-documents", "--dry-run", credentials=False)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("no credentials", result.stderr)

    def test_debug_shows_the_request_and_each_attempt(self):
        result = self.assert_ok(self.run_cli("swr", "list-instance-jobs", "--debug"))
        self.assertIn("GET %s/v2/%s/jobs\n" % (self.mock.endpoint, PROJECT), result.stderr)
        self.assertIn("Signature=<redacted>", result.stderr)
        self.assertRegex(result.stderr, r"debug: attempt 1: GET \S+/jobs: HTTP 200 ok in \d+ ms, request id \w+")
        self.assertIn("jobs", json.loads(result.stdout))
        self.assert_redacted(result.stderr)
        # Each attempt of a retried call, and --retries sets how many.
        command = [CLI, "--endpoint", closed_port_endpoint(), "--ak", AK, "--sk", SK, "--project-id", PROJECT,
                   "hss", "list-jobs", "--debug", "--retries", "1"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=clean_environment())
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertRegex(result.stderr, r"attempt 1: GET \S+: Connection refused in \d+ ms; retrying in \d+ ms\n")
        self.assertRegex(result.stderr, r"attempt 2: GET \S+: Connection refused in \d+ ms\n")
        self.assertNotIn("attempt 3", result.stderr)
        self.assertIn("(after 2 attempts: 1. Connection refused, 2. Connection refused)", result.stderr)

    # ---- --query (jq) --------------------------------------------------------------------------

    def test_query_reads_the_response_without_all(self):
        page = json.loads(self.assert_ok(self.run_cli("hss", "list-jobs", "--output", "json")).stdout)
        out = self.assert_ok(self.run_cli("hss", "list-jobs", "--query", ".total_num")).stdout
        self.assertEqual(out, "%d\n" % page["total_num"])
        out = self.assert_ok(self.run_cli("hss", "list-jobs", "--query", ".job_info_list[].name")).stdout
        self.assertEqual([json.loads(line) for line in out.splitlines()], [j["name"] for j in page["job_info_list"]])

    def test_query_applies_to_each_item_with_all(self):
        items = json.loads(self.assert_ok(self.run_cli("swr", "list-instance-jobs", "--all")).stdout)["jobs"]
        out = self.assert_ok(self.run_cli("swr", "list-instance-jobs", "--all", "--output", "jsonl", "--query",
                                          'select(.status == "Success") | {id, status}')).stdout
        expected = [{"id": i["id"], "status": "Success"} for i in items if i.get("status") == "Success"]
        self.assertGreater(len(expected), 0)
        self.assertEqual([json.loads(line) for line in out.splitlines()], expected)
        # --output json keeps its shape: the results in the items member.
        out = self.assert_ok(self.run_cli("swr", "list-instance-jobs", "--all", "--query", ".id")).stdout
        self.assertEqual(json.loads(out), {"jobs": [i["id"] for i in items]})

    def test_query_errors(self):
        # A program that does not compile is a usage error before anything is sent.
        command = [CLI, "--endpoint", closed_port_endpoint(), "--ak", AK, "--sk", SK, "--project-id", PROJECT,
                   "hss", "list-jobs", "--query", ".["]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=clean_environment())
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--query: jq: error: syntax error", result.stderr)
        result = self.run_cli("hss", "list-jobs", "--query", ".total_num.x")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("--query: Cannot index number with string", result.stderr)
        result = self.run_cli("hss", "list-jobs", "--query", ".total_num", "--output", "table")
        self.assertEqual(result.returncode, 2, result.stderr)

    # ---- everyday options ----------------------------------------------------------------------

    def test_version(self):
        result = subprocess.run([CLI, "--version"], capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"^hwbind-cli \d+\.\d+\.\d+\n$")

    def test_retries_and_connect_timeout_are_checked(self):
        for args, expected in ((["--retries", "11"], "--retries: 11 is out of range (0 to 10)"),
                               (["--retries", "-1"], "--retries: -1 is out of range"),
                               (["--connect-timeout", "0"], "--connect-timeout: 0 is not more than 0"),
                               (["--ca-bundle", "/nonexistent/ca.pem"], "--ca-bundle: File does not exist")):
            with self.subTest(args=args):
                result = self.run_cli("hss", "list-jobs", *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(expected, result.stderr)
        self.assert_ok(self.run_cli("hss", "list-jobs", "--connect-timeout", "5", "--retries", "0"))

    def test_ca_bundle_and_insecure_against_a_tls_server(self):
        with TlsServer() as server:
            command = [CLI, "--endpoint", server.endpoint, "--ak", AK, "--sk", SK, "--project-id", PROJECT,
                       "hss", "list-jobs"]
            run = lambda *extra: subprocess.run(command + list(extra), capture_output=True, text=True, timeout=60,
                                                env=clean_environment())
            result = run()  # a CA the system does not trust
            self.assertEqual(result.returncode, 4, result.stderr)
            self.assertIn("certificate verify failed", result.stderr)
            result = run("--ca-bundle", server.ca_file)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(json.loads(result.stdout)["job_info_list"], [])
            self.assertNotIn("WARNING", result.stderr)
            result = run("--insecure")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("WARNING: --insecure", result.stderr)


class TlsServer:
    """An HTTPS server on 127.0.0.1 with a certificate of a CA made for it (openssl), which
    answers every GET with an empty page of hss list-jobs."""

    def __enter__(self):
        self.directory = tempfile.TemporaryDirectory()
        d = self.directory.name
        self.ca_file = os.path.join(d, "ca.pem")
        openssl = lambda *args: subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                "-subj", "/CN=hwbind cli test CA", "-keyout", "ca.key", "-out", "ca.pem")
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", "server.key", "-out", "server.csr")
        with open(os.path.join(d, "ext.cnf"), "w") as ext:
            ext.write("subjectAltName=IP:127.0.0.1\n")
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "1", "-extfile", "ext.cnf", "-out", "server.pem")

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = b'{"total_num":0,"job_info_list":[]}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(d, "server.pem"), os.path.join(d, "server.key"))
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.endpoint = "https://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.directory.cleanup()


def closed_port_endpoint():
    """An endpoint on 127.0.0.1 where nothing listens: a port just bound and released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return "http://127.0.0.1:%d" % port


def run_on_terminal(command):
    """Runs `command` with stdout and stderr on two pseudo-terminals; returns their text."""
    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out_slave, stderr=err_slave,
                               env=clean_environment())
    os.close(out_slave)
    os.close(err_slave)
    chunks = {out_master: b"", err_master: b""}
    open_fds = [out_master, err_master]
    while open_fds:
        ready, _, _ = select.select(open_fds, [], [], 60)
        if not ready:
            process.kill()
            break
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the other side is closed
                data = b""
            if data:
                chunks[fd] += data
            else:
                open_fds.remove(fd)
                os.close(fd)
    status = process.wait(timeout=60)
    # Terminals turn "\n" into "\r\n".
    text = {fd: data.decode("utf-8", "replace").replace("\r\n", "\n") for fd, data in chunks.items()}
    return text[out_master], text[err_master], status


def converse_on_terminal(command, env, exchanges):
    """Runs `command` on a pseudo-terminal; for each (prompt, answer) of `exchanges` waits for
    the prompt, then types the answer. Returns everything the terminal showed, and the exit
    status."""
    master, slave = pty.openpty()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    shown = b""
    start = 0  # where the next prompt is looked for: after the previous one

    def read_until(wanted):
        nonlocal shown, start
        while True:
            if wanted is not None:
                at = shown.find(wanted.encode(), start)
                if at >= 0:
                    start = at + len(wanted)
                    return True
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                return False
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the program is gone
                return False
            if not data:
                return False
            shown += data

    for prompt, answer in exchanges:
        if not read_until(prompt):
            break
        os.write(master, (answer + "\n").encode())
    read_until(None)
    os.close(master)
    status = process.wait(timeout=60)
    return shown.decode("utf-8", "replace"), status


def main():
    global CLI, MOCK
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--mock", required=True)
    args, rest = parser.parse_known_args()
    CLI, MOCK = os.path.abspath(args.cli), os.path.abspath(args.mock)
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
