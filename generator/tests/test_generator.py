"""Tests of the generator: golden output, determinism, every class of bad spec, naming.

Run with `python3 -m unittest discover -s generator/tests` using an interpreter that has
Jinja2 and PyYAML (ctest does). Set HWBIND_UPDATE_GOLDEN=1 to rewrite the golden files after
an intended change of the generated code, then review the diff.
"""

import filecmp
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(os.path.dirname(HERE), "generate.py")
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))

from hwbind_gen import cpp  # noqa: E402


def run_generator(*args, cwd):
    return subprocess.run([sys.executable, GENERATOR, *args], cwd=cwd, capture_output=True,
                          text=True, check=False)


def tree(folder):
    """{relative path: bytes} of every file under folder."""
    files = {}
    for path in glob.glob(os.path.join(folder, "**", "*"), recursive=True):
        if os.path.isfile(path):
            with open(path, "rb") as stream:
                files[os.path.relpath(path, folder)] = stream.read()
    return files


class GoldenTest(unittest.TestCase):
    """The generated code for generator/tests/golden/*/spec.yaml is exactly expected/."""

    def test_golden_cases(self):
        cases = sorted(glob.glob(os.path.join(HERE, "golden", "*", "spec.yaml")))
        self.assertTrue(cases)
        for spec in cases:
            case_dir = os.path.dirname(spec)
            name = os.path.basename(case_dir)
            with self.subTest(case=name), tempfile.TemporaryDirectory() as out:
                prefix = f"golden_{name}"
                result = run_generator("--out", os.path.join(out, prefix), "--include-prefix", prefix,
                                       "--root", case_dir, "spec.yaml", cwd=case_dir)
                self.assertEqual(result.returncode, 0, result.stderr)
                expected_dir = os.path.join(case_dir, "expected")
                # The banner's command names the temporary folder (absolute, being outside
                # --root); golden files name expected/, as when generated in place.
                produced = {path: text.replace(os.path.join(out, prefix).encode(), f"expected/{prefix}".encode())
                            for path, text in tree(out).items()}
                if os.environ.get("HWBIND_UPDATE_GOLDEN"):
                    shutil.rmtree(expected_dir, ignore_errors=True)
                    for path, text in produced.items():
                        os.makedirs(os.path.dirname(os.path.join(expected_dir, path)), exist_ok=True)
                        with open(os.path.join(expected_dir, path), "wb") as stream:
                            stream.write(text)
                expected = tree(expected_dir)
                self.assertEqual(sorted(produced), sorted(expected))
                for path in expected:
                    self.assertEqual(produced[path].decode(), expected[path].decode(), path)


class CommittedBindingsTest(unittest.TestCase):
    """include/hwbind/services is what the generator makes of spec/, byte for byte."""

    def test_committed_bindings_are_in_sync(self):
        specs = sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "spec", "*.yaml")))
        with tempfile.TemporaryDirectory() as out:
            result = run_generator("--out", out, "--clean", *specs, cwd=ROOT)
            self.assertEqual(result.returncode, 0, result.stderr)
            committed_dir = os.path.join(ROOT, "include", "hwbind", "services")
            produced = {path: text.replace(out.encode(), b"include/hwbind/services")
                        for path, text in tree(out).items()}
            committed = tree(committed_dir)
            self.assertEqual(sorted(produced), sorted(committed),
                             "run the `regenerate` target and commit the result")
            for path in committed:
                self.assertEqual(produced[path].decode(), committed[path].decode(),
                                 f"{path} is stale: run the `regenerate` target and commit the result")

    def test_output_is_deterministic(self):
        specs = sorted(glob.glob(os.path.join(ROOT, "spec", "*.yaml")))
        outputs = []
        for _ in range(2):
            with tempfile.TemporaryDirectory() as out:
                result = run_generator("--out", "generated", *specs, cwd=out)
                self.assertEqual(result.returncode, 0, result.stderr)
                outputs.append(tree(os.path.join(out, "generated")))
        self.assertEqual(outputs[0], outputs[1])

    def test_unchanged_files_are_not_rewritten(self):
        with tempfile.TemporaryDirectory() as out:
            spec = os.path.join(ROOT, "spec", "swr.yaml")
            self.assertEqual(run_generator("--out", out, spec, cwd=ROOT).returncode, 0)
            second = run_generator("--out", out, spec, cwd=ROOT)
            self.assertEqual(second.returncode, 0, second.stderr)
            self.assertEqual(second.stdout, "")

    def test_clean_removes_generated_files_of_removed_specs(self):
        with tempfile.TemporaryDirectory() as out:
            spec_dir = os.path.join(ROOT, "spec")
            both = [os.path.join(spec_dir, "swr.yaml"), os.path.join(spec_dir, "hss.yaml")]
            self.assertEqual(run_generator("--out", out, *both, cwd=ROOT).returncode, 0)
            hand_written = os.path.join(out, "notes.hpp")
            with open(hand_written, "w") as stream:
                stream.write("// not generated\n")
            result = run_generator("--out", out, "--clean", both[0], cwd=ROOT)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertFalse(os.path.exists(os.path.join(out, "hss.hpp")))
            self.assertFalse(os.path.exists(os.path.join(out, "hss", "models.hpp")))
            self.assertTrue(os.path.exists(os.path.join(out, "swr.hpp")))
            self.assertTrue(os.path.exists(hand_written))


class BadSpecTest(unittest.TestCase):
    """Each file in bad/ starts with `# expect: LINE: MESSAGE`; the generator must print
    `bad/FILE:LINE: ...MESSAGE...`, exit with 1, write nothing and never show a traceback."""

    def test_bad_specs(self):
        cases = sorted(glob.glob(os.path.join(HERE, "bad", "*.yaml")))
        self.assertGreaterEqual(len(cases), 20)
        for path in cases:
            name = os.path.basename(path)
            with self.subTest(spec=name), tempfile.TemporaryDirectory() as out:
                with open(path, encoding="utf-8") as stream:
                    header = stream.readline()
                match = re.match(r"# expect: (\d+): (.+)$", header.rstrip("\n"))
                self.assertIsNotNone(match, f"{name} lacks its '# expect: LINE: MESSAGE' line")
                line, message = match.groups()
                result = run_generator("--out", out, f"bad/{name}", cwd=HERE)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertNotIn("Traceback", result.stderr)
                self.assertEqual(os.listdir(out), [], "nothing is written for a bad spec")
                errors = result.stderr.splitlines()
                self.assertTrue(errors)
                for error in errors:
                    self.assertRegex(error, r"^bad/[\w.]+:\d+: \S")
                self.assertTrue(any(e.startswith(f"bad/{name}:{line}: ") and message in e for e in errors),
                                f"expected bad/{name}:{line}: ...{message}... in:\n{result.stderr}")

    def test_missing_file(self):
        result = run_generator("--check", "no/such/spec.yaml", cwd=HERE)
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, r"^no/such/spec\.yaml:0: cannot read")

    def test_two_specs_of_one_service(self):
        spec = os.path.join(ROOT, "spec", "swr.yaml")
        with tempfile.TemporaryDirectory() as out:
            copy = os.path.join(out, "swr_again.yaml")
            shutil.copy(spec, copy)
            shutil.copytree(os.path.join(ROOT, "spec", "examples"), os.path.join(out, "examples"))
            result = run_generator("--check", spec, copy, cwd=out)
            self.assertEqual(result.returncode, 1)
            self.assertIn("service 'swr' is also defined by", result.stderr)


def compiler(name, default):
    """The path of the C++ compiler `$name` (else `default`), or None when there is none."""
    return shutil.which(os.environ.get(name, default))


class AwkwardNamesTest(unittest.TestCase):
    """A spec full of awkward-but-legal names (awkward/spec.yaml) passes `--check` and its
    generated code compiles with the runtime, the api facade and the mock (awkward/use.cpp),
    header-only and with HWBIND_SEPARATE_BINDINGS and the service's src.hpp, where structs
    declare their destructors (except those with a member named like them)."""

    def test_awkward_spec_compiles(self):
        cxx = compiler("CXX", "g++")
        if cxx is None:
            self.skipTest("no C++ compiler")
        with tempfile.TemporaryDirectory() as out:
            prefix = "awkward_gen"
            result = run_generator("--out", os.path.join(out, prefix), "--include-prefix", prefix,
                                   os.path.join(HERE, "awkward", "spec.yaml"), cwd=ROOT)
            self.assertEqual(result.returncode, 0, result.stderr)
            separate = ["-DHWBIND_SEPARATE_BINDINGS", "-include", f"{prefix}/awkward/src.hpp"]
            for mode in ([], separate):
                with self.subTest(mode=" ".join(mode) or "header-only"):
                    compiled = subprocess.run(
                        [cxx, "-std=c++17", "-fsyntax-only", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                         "-Wno-gnu-zero-variadic-macro-arguments" if "clang" in os.path.basename(cxx) else "-Wall",
                         *mode, "-I", os.path.join(ROOT, "include"), "-I", out,
                         os.path.join(HERE, "awkward", "use.cpp")],
                        capture_output=True, text=True, check=False)
                    self.assertEqual(compiled.returncode, 0, compiled.stderr[-6000:])

    def test_runtime_names_are_reserved(self):
        """Every name the runtime declares in namespace hwbind (found in Clang's AST of the
        headers) is a reserved service name, so that `hwbind::<service>` cannot collide."""
        clang = compiler("HWBIND_CLANGXX", "clang++")
        if clang is None:
            self.skipTest("no clang++ to list the runtime's names")
        from hwbind_gen import spec  # noqa: E402
        with tempfile.TemporaryDirectory() as out:
            probe = os.path.join(out, "probe.cpp")
            with open(probe, "w") as stream:
                stream.write("#include <hwbind.hpp>\n#include <hwbind/mock/server.hpp>\n")
            dump = subprocess.run([clang, "-std=c++17", "-fsyntax-only", "-I", os.path.join(ROOT, "include"),
                                   "-Xclang", "-ast-dump", "-Xclang", "-ast-dump-filter=hwbind", probe],
                                  capture_output=True, text=True, check=False)
            self.assertEqual(dump.returncode, 0, dump.stderr[-4000:])
        declared, current = set(), None
        skipped = ("UsingDirectiveDecl", "UsingDecl", "StaticAssertDecl", "EmptyDecl",
                   "ClassTemplateSpecializationDecl", "UsingShadowDecl", "FullComment")
        for line in dump.stdout.splitlines():
            if line.startswith("Dumping "):
                current = line[len("Dumping "):].rstrip(":")
            elif current == "hwbind" and re.match(r"[|`]-\w+Decl ", line) and not line[2:].startswith(skipped):
                # `|-CXXRecordDecl 0x... <range> col:7 referenced class client definition`
                words = re.sub(r"<[^>]*>", "", line).split()
                names = [w for w in words[2:] if re.match(r"[A-Za-z_]\w*\Z", w) and w not in (
                    "implicit", "referenced", "used", "invalid", "class", "struct", "union", "inline",
                    "constexpr", "definition", "prev", "parent", "col", "line", "typename", "static", "extern")]
                if names:
                    declared.add(names[0])
        services = {os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(ROOT, "spec", "*.yaml"))}
        self.assertIn("client", declared)
        self.assertEqual(sorted(declared - spec.RUNTIME_NAMES - services), [],
                         "add these names to RUNTIME_NAMES in generator/hwbind_gen/spec.py")


class LoaderTest(unittest.TestCase):
    def test_libyaml_is_used_when_available(self):
        import yaml
        from hwbind_gen import loader
        if not hasattr(yaml, "CSafeLoader"):
            self.skipTest("PyYAML without libyaml")
        self.assertTrue(issubclass(loader._LineLoader, yaml.CSafeLoader))


class NamingTest(unittest.TestCase):
    def test_valid_identifiers_are_kept(self):
        self.assertEqual(cpp.map_wire_name("next_maker", lowercase=True), "next_maker")
        self.assertEqual(cpp.map_wire_name("createdAt", lowercase=True), "createdAt")
        self.assertEqual(cpp.map_wire_name("PASSED", lowercase=False), "PASSED")

    def test_invalid_wire_names_are_mapped(self):
        self.assertEqual(cpp.map_wire_name("X-Auth-Token", lowercase=True), "x_auth_token")
        self.assertEqual(cpp.map_wire_name("in-progress", lowercase=False), "in_progress")
        self.assertEqual(cpp.map_wire_name("class", lowercase=True), "class_")
        self.assertEqual(cpp.map_wire_name("1st", lowercase=True), "_1st")
        self.assertEqual(cpp.map_wire_name("a..b", lowercase=True), "a_b")
        self.assertEqual(cpp.map_wire_name("linux", lowercase=True), "linux_")
        self.assertEqual(cpp.map_wire_name("meta", lowercase=True), "meta_")
        self.assertEqual(cpp.map_wire_name("std", lowercase=False), "std_")
        self.assertEqual(cpp.map_wire_name("__x", lowercase=True), "x")
        self.assertIsNone(cpp.map_wire_name("--", lowercase=True))

    def test_identifier_problems(self):
        self.assertIsNone(cpp.identifier_problem("job_detail"))
        self.assertIn("keyword", cpp.identifier_problem("delete"))
        self.assertIn("not a valid", cpp.identifier_problem("job-detail"))
        self.assertIn("reserved", cpp.identifier_problem("_Job"))
        self.assertIn("reserved", cpp.identifier_problem("a__b"))
        self.assertIn("namespace", cpp.identifier_problem("hwbind"))


if __name__ == "__main__":
    unittest.main()
