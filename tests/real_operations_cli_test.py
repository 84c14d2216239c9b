#!/usr/bin/env python3
# Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
"""hwbind-cli against hwbind-mock, both built over the real operations of
tests/fixtures/real_operations (services coc_ops, hss_ops, swr_ops) rather than the shipped spec:
request bodies (--body as text, @file and stdin; a bad body refused with its JSON path), an empty
success, array responses, response headers, an integer enumeration and a map field, in each
output format, the help of an operation with a body, and binary downloads (--output-file to a
file or stdout, Content-Length or chunked, interrupted, never to a terminal, a progress bar on
one).

    python3 tests/real_operations_cli_test.py --cli path/to/cli --mock path/to/mock [unittest args]
"""

import argparse
import json
import os
import pty
import subprocess
import sys
import tempfile
import unittest

from with_mock import MockProcess, clean_environment

CLI = None
MOCK = None

AK = "ROCLITESTAK00000"
SK = "ro-cli-test-secret-do-not-print"
PROJECT = "0b5a6c3f1e2d4c5b8a7f6e5d4c3b2a10"

SYNC_BODY = {"remoteRegionId": "cn-north-4", "remoteNamespace": "group-b", "syncAuto": True}


# One period of the bytes the mock generates for binary bodies (hwbind::mock::generated_byte).
GENERATED_PERIOD = bytes((k % 251) ^ (k // 251) for k in range(251 * 256))


def generated(size):
    """The first `size` bytes of every binary body the mock serves."""
    return (GENERATED_PERIOD * (size // len(GENERATED_PERIOD) + 1))[:size]


class MockServer(MockProcess):
    """The mock on an ephemeral port of 127.0.0.1, accepting AK/SK for PROJECT."""

    def __init__(self, *options):
        super().__init__(MOCK, "--ak", AK, "--sk", SK, "--project-id", PROJECT, *options)


class RealOperationsCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.mock = MockServer()

    @classmethod
    def tearDownClass(cls):
        cls.mock.stop()

    def run_cli(self, *args, stdin=None, mock=None):
        command = [CLI, "--endpoint", (mock or self.mock).endpoint, "--ak", AK, "--sk", SK, "--project-id", PROJECT]
        result = subprocess.run(command + list(args), capture_output=True, text=True, timeout=60,
                                input=stdin if stdin is not None else "", env=clean_environment())
        self.assertNotIn(SK, result.stdout + result.stderr)
        return result

    def ok(self, *args, stdin=None):
        result = self.run_cli(*args, stdin=stdin)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def sent_body(self, *args, stdin=None):
        """The body --dry-run shows: the text after the blank line that ends the headers."""
        out = self.ok(*args, "--dry-run", stdin=stdin)
        head, _, body = out.partition("\n\n")
        self.assertIn("Content-Type: application/json", head)
        return json.loads(body)

    # ---- request bodies ------------------------------------------------------------------

    def sync_repo(self, *args):
        return ("swr_ops", "create-image-sync-repo", "--namespace", "group-a", "--repository", "nginx",
                "--Content-Type", "application/json") + args

    def test_body_as_text_file_and_stdin_is_sent_as_given(self):
        text = json.dumps(SYNC_BODY)
        self.assertEqual(self.sent_body(*self.sync_repo("--body", text)), SYNC_BODY)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(text)
        try:
            self.assertEqual(self.sent_body(*self.sync_repo("--body", "@" + f.name)), SYNC_BODY)
        finally:
            os.unlink(f.name)
        self.assertEqual(self.sent_body(*self.sync_repo("--body", "-"), stdin=text), SYNC_BODY)

    def test_body_is_sent_signed_and_accepted_by_the_mock(self):
        # The mock checks the signature over the body and validates it; an empty success.
        out = self.ok(*self.sync_repo("--body", json.dumps(SYNC_BODY), "--output", "json"))
        self.assertEqual(json.loads(out), {})

    def test_a_body_of_the_wrong_type_is_refused_with_its_json_path(self):
        result = self.run_cli(*self.sync_repo("--body", '{"remoteRegionId": 5, "remoteNamespace": "x"}'))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("body.remoteRegionId: expected string, got number", result.stderr)
        self.assertEqual(result.stdout, "")

        nested = self.run_cli("swr_ops", "create-manual-image-sync-repo", "--namespace", "n", "--repository", "r",
                              "--Content-Type", "application/json", "--body",
                              '{"imageTag": ["a", 3], "remoteNamespace": "x", "remoteRegionId": "y"}')
        self.assertEqual(nested.returncode, 2, nested.stderr)
        self.assertIn("body.imageTag[1]: expected string, got number", nested.stderr)

    def test_a_body_that_is_not_json_or_cannot_be_read_is_refused(self):
        result = self.run_cli(*self.sync_repo("--body", "{not json"))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("body: invalid JSON", result.stderr)
        missing = self.run_cli(*self.sync_repo("--body", "@/nonexistent/body.json"))
        self.assertEqual(missing.returncode, 2, missing.stderr)
        self.assertIn("cannot read /nonexistent/body.json", missing.stderr)

    def test_a_body_missing_a_required_member_is_refused_before_sending(self):
        result = self.run_cli(*self.sync_repo("--body", '{"remoteRegionId": "cn-north-4"}'))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("body.remoteNamespace", result.stderr)

    def test_a_form_uploads_files_and_text_parts_accepted_by_the_mock(self):
        # The mock checks the boundary, the form's structure, its required parts and the
        # unsigned-payload header, then answers as the spec says.
        with tempfile.TemporaryDirectory() as directory:
            logo = os.path.join(directory, "logo \"1\".png")
            with open(logo, "wb") as f:
                f.write(b"\x89PNG\r\n--not-a-boundary\r\n" * 1000)
            out = self.ok("hss_ops", "upload-report-logo", "--file", "file=" + logo + ";type=image/png",
                          "--output", "json")
            self.assertIsInstance(json.loads(out), dict)
            out = self.ok("coc_ops", "import-other-resource", "--file", "file=" + logo, "--form", "type=ecs",
                          "--form", "region_id=cn-north-4", "--output", "json")
            self.assertIsInstance(json.loads(out), dict)

    def test_a_form_dry_run_shows_the_parts_and_names_the_files(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "r.csv")
            with open(path, "wb") as f:
                f.write(b"a,b\n" * 10)
            out = self.ok("coc_ops", "import-other-resource", "--file", "file=" + path, "--form", "type=ecs",
                          "--form", "region_id=r1", "--dry-run")
            self.assertIn("Content-Type: multipart/form-data; boundary=hwbind-", out)
            self.assertIn("X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD", out)
            self.assertIn('Content-Disposition: form-data; name="file"; filename="r.csv"', out)
            self.assertIn("<40 bytes of " + path + ">", out)
            self.assertIn('name="region_id"', out)

    def test_a_bad_form_is_refused_before_sending(self):
        unknown = self.run_cli("coc_ops", "import-other-resource", "--form", "nope=1")
        self.assertEqual(unknown.returncode, 2, unknown.stderr)
        self.assertIn("body: the form has no part nope (its parts: file (--file), type (--form)", unknown.stderr)
        text_as_file = self.run_cli("coc_ops", "import-other-resource", "--file", "type=/etc/hostname")
        self.assertEqual(text_as_file.returncode, 2, text_as_file.stderr)
        self.assertIn("body.type: a text part: give it with --form", text_as_file.stderr)
        missing = self.run_cli("hss_ops", "upload-report-logo", "--file", "file=/nonexistent/logo.png")
        self.assertEqual(missing.returncode, 2, missing.stderr)
        self.assertIn('body.file: cannot open "/nonexistent/logo.png"', missing.stderr)
        no_file = self.run_cli("coc_ops", "import-other-resource", "--form", "type=ecs", "--form", "region_id=r")
        self.assertEqual(no_file.returncode, 2, no_file.stderr)
        self.assertIn("body.file: required file not set", no_file.stderr)

    def test_operations_without_a_body_have_no_body_option(self):
        result = self.run_cli("swr_ops", "delete-namespaces", "--namespace", "n", "--Content-Type",
                              "application/json", "--body", "{}")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--body", result.stderr)

    def test_help_of_a_body_operation_says_how_to_pass_it_and_lists_its_members(self):
        out = self.ok("swr_ops", "create-image-sync-repo", "--help")
        self.assertIn("--body", out)
        self.assertIn("@file.json", out)
        self.assertIn("- (stdin)", out)
        flat = " ".join(out.split())
        self.assertIn("Body (application/json, optional)", flat)
        self.assertIn("remoteRegionId (string, required)", flat)
        self.assertIn("syncAuto (boolean)", flat)
        coc = " ".join(self.ok("coc_ops", "create-scheduled-task", "--help").split())
        self.assertIn("task_type (RUNBOOK|SCRIPT, required)", coc)
        self.assertIn("input_param (map of string, required)", coc)
        self.assertIn("target_instances (array of object, required)", coc)

    # ---- response shapes -----------------------------------------------------------------

    def test_empty_success_prints_nothing_as_a_table_and_an_empty_object_as_json(self):
        args = ("swr_ops", "delete-namespaces", "--namespace", "group-a", "--Content-Type", "application/json")
        self.assertEqual(self.ok(*args, "--output", "table"), "")
        self.assertEqual(json.loads(self.ok(*args, "--output", "json")), {})
        self.assertEqual([json.loads(line) for line in self.ok(*args, "--output", "jsonl").splitlines()], [{}])
        self.assertEqual(self.ok(*args, "--output", "json", "--query", "keys"), "[]\n")

    def test_an_array_of_strings_in_every_format(self):
        args = ("hss_ops", "list-namespaces", "--cluster_id", "c1")
        names = ["default", "kube-system", "monitoring"]
        self.assertEqual(json.loads(self.ok(*args, "--output", "json")), {"body": names})
        self.assertEqual(self.ok(*args, "--output", "jsonl").splitlines(), ['"%s"' % n for n in names])
        table = self.ok(*args, "--output", "table").splitlines()
        self.assertEqual(table, ["list_namespaces"] + names)
        self.assertEqual(self.ok(*args, "--output", "json", "--query", ".body[1]"), '"kube-system"\n')

    def test_an_array_of_objects_with_a_response_header(self):
        args = ("swr_ops", "list-repos-details", "--Content-Type", "application/json")
        out = json.loads(self.ok(*args, "--output", "json"))
        self.assertEqual(sorted(out), ["body", "headers"])
        self.assertEqual(out["body"][0]["name"], "nginx")
        self.assertEqual(out["body"][0]["tags"], ["latest", "1.25"])
        # No example gives headers; the mock generates one from the header's name.
        self.assertEqual(out["headers"], {"Content-Range": "content-range-1"})
        table = self.ok(*args, "--output", "table", "--columns", "name,tags,size").splitlines()
        self.assertEqual(table[0].split(), ["name", "tags", "size"])
        self.assertEqual(table[1].split(), ["nginx", '["latest","1.25"]', "1024"])
        lines = self.ok(*args, "--output", "jsonl").splitlines()
        self.assertEqual([json.loads(line) for line in lines], out["body"])

    def test_response_headers_and_a_map_field(self):
        args = ("swr_ops", "create-authorization-token", "--Content-Type", "application/json")
        out = json.loads(self.ok(*args, "--output", "json"))
        self.assertEqual(out["body"], {"auths": {"swr.cn-north-4.myhuaweicloud.com": {"auth": "dXNlcjpwYXNz"}}})
        self.assertEqual(out["headers"], {"X-Swr-Dockerlogin": "x-swr-dockerlogin-1",
                                          "x-swr-expireat": "x-swr-expireat-1"})
        # JSON Lines: the same object on one line; a table: the body's row, the map as JSON.
        self.assertEqual([json.loads(line) for line in self.ok(*args, "--output", "jsonl").splitlines()], [out])
        table = self.ok(*args, "--output", "table").splitlines()
        self.assertEqual(table[0], "auths")
        self.assertEqual(json.loads(table[1]), out["body"]["auths"])

    def test_an_integer_enumeration_is_a_number(self):
        args = ("swr_ops", "list-namespaces", "--Content-Type", "application/json")
        out = json.loads(self.ok(*args, "--output", "json"))
        self.assertEqual([n["auth"] for n in out["namespaces"]], [7, 1])
        table = self.ok(*args, "--output", "table", "--columns", "namespaces").splitlines()
        self.assertEqual(json.loads(table[1])[0]["auth"], 7)

    def test_any_json_response(self):
        body = {"task_type": "SCRIPT", "associated_task_id": "t1", "associated_task_type": "CUSTOMIZATION",
                "associated_task_name": "restart", "input_param": {"host": "h1"}}
        # A member that is an array, not optional, is always sent.
        self.assertEqual(self.sent_body("coc_ops", "handler-alarm", "--alarm_id", "a1", "--body", json.dumps(body)),
                         dict(body, target_instances=[]))
        out = json.loads(self.ok("coc_ops", "handler-alarm", "--alarm_id", "a1", "--body", json.dumps(body),
                                 "--output", "json"))
        self.assertEqual(sorted(out), ["body"])

    # ---- --all over every pagination shape ----------------------------------------------

    def test_all_walks_every_pagination_shape(self):
        cases = [
            ("coc_ops", "list-application-view", "--limit", "7"),  # page number and page size
            ("coc_ops", "list-application-groups", "--limit", "7"),  # marker from the last item
            ("coc_ops", "list-application-components", "--limit", "7"),
            ("swr_ops", "list-repo-details", "--Content-Type", "application/json"),  # integer marker
            ("swr_ops", "list-all-instance-repositories"),  # next-marker and items nested
            ("swr_ops", "list-repos-details", "--Content-Type", "application/json"),  # string offset, limit
            ("paging_ops", "list-rooms"),  # offset and limit in the request body, items and total nested
        ]
        for args in cases:
            with self.subTest(operation=args[1]):
                items = [json.loads(line) for line in self.ok(*args, "--all", "--output", "jsonl").splitlines()]
                self.assertEqual(len(items), 250)  # every record the mock serves, none twice
                self.assertEqual(len({json.dumps(item, sort_keys=True) for item in items}), 250)

    # ---- binary downloads ----------------------------------------------------------------

    DOWNLOAD = ("hss_ops", "list-download-exported-file", "--file_id", "f-1")

    def test_a_download_goes_to_the_output_file_whole_and_its_summary_to_stdout(self):
        for chunked in (False, True):
            with self.subTest(chunked=chunked), tempfile.TemporaryDirectory() as folder:
                mock = MockServer("--binary-size", "300000", *(["--binary-chunked"] if chunked else []))
                try:
                    path = os.path.join(folder, "export.bin")
                    result = self.run_cli(*self.DOWNLOAD, "--output-file", path, mock=mock)
                finally:
                    mock.stop()
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(json.loads(result.stdout), {"size": 300000,
                                                             "file_name": "list_download_exported_file.bin",
                                                             "content_type": "application/octet-stream"})
                with open(path, "rb") as f:
                    self.assertTrue(f.read() == generated(300000))
                self.assertEqual(os.listdir(folder), ["export.bin"])

    def test_a_download_goes_to_stdout_only_when_asked(self):
        command = [CLI, "--endpoint", self.mock.endpoint, "--ak", AK, "--sk", SK, "--project-id", PROJECT,
                   "hss_ops", "show-script-file", "--type", "agent_batch_install_windows", "--output-file", "-"]
        result = subprocess.run(command, capture_output=True, timeout=60, env=clean_environment())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout == generated(4096))  # the mock's default size

        without = self.run_cli(*self.DOWNLOAD)
        self.assertEqual(without.returncode, 2, without.stderr)
        self.assertIn("downloads a file: give --output-file PATH, or --output-file - for stdout", without.stderr)
        not_binary = self.run_cli("hss_ops", "list-namespaces", "--cluster_id", "c1", "--output-file", "x")
        self.assertEqual(not_binary.returncode, 2, not_binary.stderr)
        self.assertIn("--output-file applies to operations that download a file", not_binary.stderr)

    def test_binary_is_never_written_to_a_terminal_and_a_terminal_shows_progress(self):
        command = [CLI, "--endpoint", self.mock.endpoint, "--ak", AK, "--sk", SK, "--project-id", PROJECT,
                   *self.DOWNLOAD]
        master, slave = pty.openpty()
        try:
            result = subprocess.run(command + ["--output-file", "-"], stdout=slave, stderr=subprocess.PIPE,
                                    timeout=60, env=clean_environment())
        finally:
            os.close(slave)
            os.close(master)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn(b"not writing a binary body to a terminal", result.stderr)

        with tempfile.TemporaryDirectory() as folder:
            master, slave = pty.openpty()
            try:
                result = subprocess.run(command + ["--output-file", os.path.join(folder, "f.bin")],
                                        stdout=subprocess.PIPE, stderr=slave, timeout=60, env=clean_environment())
                os.close(slave)
                shown = b""
                try:
                    while chunk := os.read(master, 4096):
                        shown += chunk
                except OSError:  # EIO: the terminal's other side is closed and read out
                    pass
            finally:
                os.close(master)
            self.assertEqual(result.returncode, 0)
            self.assertIn(b"100% 0.0 of 0.0 MiB", shown)

    def test_an_interrupted_download_fails_and_leaves_no_file(self):
        mock = MockServer("--binary-size", "100000", "--binary-cut-after", "5000")
        try:
            with tempfile.TemporaryDirectory() as folder:
                result = self.run_cli(*self.DOWNLOAD, "--output-file", os.path.join(folder, "f.bin"), mock=mock)
                self.assertNotEqual(result.returncode, 0)
                self.assertIn("connection closed before a complete response", result.stderr)
                self.assertEqual(result.stdout, "")
                self.assertEqual(os.listdir(folder), [])
        finally:
            mock.stop()


def main():
    global CLI, MOCK
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--mock", required=True)
    args, rest = parser.parse_known_args()
    CLI, MOCK = args.cli, args.mock
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
