#!/usr/bin/env python3
"""The generator at the scale of a full service set: tools/make_synthetic_spec.py writes
specs of 550 operations and 1,000 models into a temporary folder, twice with the same seed
(the bytes must be the same), and the generator generates bindings from them. The times are
printed, not checked (the machine may be busy).

    synthetic_spec_test.py [--python PYTHON]
"""

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(args):
    start = time.monotonic()
    subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default=sys.executable, help="interpreter with jinja2 and yaml")
    args = parser.parse_args()
    maker = os.path.join(ROOT, "tools", "make_synthetic_spec.py")
    with tempfile.TemporaryDirectory() as tmp:
        first, second = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        made = run([sys.executable, maker, "--out", first])
        run([sys.executable, maker, "--out", second])
        specs = sorted(f for f in os.listdir(first) if f.endswith(".yaml"))
        match, mismatch, errors = filecmp.cmpfiles(first, second, specs, shallow=False)
        if mismatch or errors or not specs:
            print(f"synthetic specs differ between two runs with the same seed: {mismatch + errors}")
            return 1
        out = os.path.join(tmp, "include", "synth", "services")
        spec_paths = [os.path.join(first, f) for f in specs]
        generated = run([args.python, os.path.join(ROOT, "generator", "generate.py"), "--out", out,
                         "--include-prefix", "synth/services", *spec_paths])
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
        spec_size = sum(os.path.getsize(p) for p in spec_paths)
        if not os.path.exists(os.path.join(out, "all.hpp")):
            print("the generator wrote no all.hpp")
            return 1
        print(f"synthetic specs: {len(specs)} files, {spec_size} bytes, written in {made:.2f} s")
        print(f"generated: {size} bytes of headers in {generated:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
