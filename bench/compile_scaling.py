#!/usr/bin/env python3
"""Compile cost at the scale of a whole service: CPU time (user + sys) and peak memory of
compiling one translation unit, at -O0 and -O2, header-only and with separate compilation,
each the median of several runs.

    bench/compile_scaling.py [--runs 3] [--out FILE.tsv] [--tus REGEX] [--opts -O0,-O2]
                             [--modes header_only,separate] [--work DIR]

A synthetic service of 550 operations and 1,000 models shaped like the real ones
(tools/make_synthetic_spec.py: nested models, arrays, maps, enums, optional fields, JSON
bodies) and a service of one operation are written and generated at bench time, under
--work (default: a temporary folder). The translation units, all of which include
<hwbind.hpp> and construct an `hwbind::client`:

    runtime          nothing more: the cost of the runtime alone
    include_one      + the header of one operation of the large service
    include_service  + the whole large service (<synth/services/synthetic_1.hpp>)
    call_1_small     calls the operation of the one-operation service through the client
    call_1           calls one operation of the large service (its header only)
    call_10          calls 10 operations of the large service (their headers only)
    call_all         calls every operation of the large service (the service's header)
    service_src      separate mode only: the large service's <synthetic_1/src.hpp>, which
                     compiles the code of all its operations' calls once

Modes: header_only, and separate (HWBIND_SEPARATE_COMPILATION and HWBIND_SEPARATE_BINDINGS:
the runtime is compiled in one other TU, not measured, and the operations' code in
service_src; the other TUs also include their service's <calls.hpp>, which declares it). CPU
time, not wall time: other work on the machine stretches wall time but hardly CPU time.
Prints a table and writes the medians as TSV (tu, opt, mode, cpu_s, peak_mib). CXX chooses
the compiler (default g++).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "generator"))

from hwbind_gen.spec import read_spec  # noqa: E402

TU = """\
#include <hwbind.hpp>
{includes}
#include <utility>

namespace {{

template <class Op>
int call(hwbind::client& client)
{{
    typename Op::request_type request{{}};
    typename Op::response_type response{{}};
    boost::system::error_code ec;
    hwbind::diagnostics diag;
    client.call<Op>(request, response, ec, diag);
    return ec ? 0 : 1;
}}

}} // namespace

int main()
{{
    hwbind::client_options options;
    options.region = "cn-north-4";
    hwbind::client client(std::move(options));
    int n = 0;
{calls}
    return n;
}}
"""


def generate(work, name, operations, models):
    """Writes the spec of service synthetic_1 into work/name and its bindings into
    work/name/include; returns the include folder and the operation names in spec order."""
    folder = os.path.join(work, name)
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "make_synthetic_spec.py"), "--out", folder,
                    "--services", "1", "--operations", str(operations), "--models", str(models)],
                   check=True, stdout=subprocess.DEVNULL)
    spec = os.path.join(folder, "synthetic_1.yaml")
    include = os.path.join(folder, "include")
    subprocess.run([sys.executable, os.path.join(ROOT, "generator", "generate.py"), "--out",
                    os.path.join(include, "synth", "services"), "--include-prefix", "synth/services", spec],
                   check=True, stdout=subprocess.DEVNULL)
    return include, [op.name for op in read_spec(spec, spec).operations]


def translation_unit(headers, operations):
    includes = "".join(f"#include <{h}>\n" for h in headers)
    calls = "".join(f"    n += call<hwbind::synthetic_1::{op}>(client);\n" for op in operations)
    return TU.format(includes=includes, calls=calls)


def measure(cxx, source, include, flags):
    """(cpu seconds, peak MiB) of compiling `source` to an object file."""
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "time.txt")
        subprocess.run(["/usr/bin/time", "-v", "-o", report, cxx, "-std=c++17", *flags,
                        "-I", os.path.join(ROOT, "include"), "-I", include, "-c", source,
                        "-o", os.path.join(scratch, "out.o")], check=True)
        text = open(report, encoding="utf-8").read()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return user + system, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=os.path.join(ROOT, "build-bench", "compile_scaling.tsv"))
    parser.add_argument("--tus", default=".", help="regular expression of the TUs to measure")
    parser.add_argument("--opts", default="-O0,-O2")
    parser.add_argument("--modes", default="header_only,separate")
    parser.add_argument("--work", help="folder for the specs, bindings and TUs (kept)")
    args = parser.parse_args()
    cxx = os.environ.get("CXX", "g++")

    work = args.work or tempfile.mkdtemp(prefix="hwbind-scaling-")
    os.makedirs(work, exist_ok=True)
    big, big_ops = generate(work, "large", 550, 1000)
    small, small_ops = generate(work, "small", 1, 1)
    one = f"synth/services/synthetic_1/operations/{big_ops[0]}.hpp"
    service = "synth/services/synthetic_1.hpp"
    tus = {
        "runtime": (big, [], []),
        "include_one": (big, [one], []),
        "include_service": (big, [service], []),
        "call_1_small": (small, [f"synth/services/synthetic_1/operations/{small_ops[0]}.hpp"], small_ops[:1]),
        "call_1": (big, [one], big_ops[:1]),
        "call_10": (big, [f"synth/services/synthetic_1/operations/{op}.hpp" for op in big_ops[:10]], big_ops[:10]),
        "call_all": (big, [service], big_ops),
    }
    tus = {name: tu for name, tu in tus.items() if re.search(args.tus, name)}
    calls = "synth/services/synthetic_1/calls.hpp"
    sources = {}
    for name, (_, headers, operations) in tus.items():
        for mode, declared in (("header_only", []), ("separate", [calls])):
            sources[name, mode] = os.path.join(work, f"{name}_{mode}.cpp")
            with open(sources[name, mode], "w", encoding="utf-8") as stream:
                stream.write(translation_unit(headers + declared, operations))
    if re.search(args.tus, "service_src"):
        tus["service_src"] = (big, [], [])
        sources["service_src", "separate"] = os.path.join(work, "service_src.cpp")
        with open(sources["service_src", "separate"], "w", encoding="utf-8") as stream:
            stream.write("#include <synth/services/synthetic_1/src.hpp>\n")

    modes = {"header_only": [], "separate": ["-DHWBIND_SEPARATE_COMPILATION", "-DHWBIND_SEPARATE_BINDINGS"]}
    results = {}
    print(f"compile scaling: {cxx}, median of {args.runs} runs, CPU seconds (user+sys) and peak MiB; "
          f"load average {open('/proc/loadavg').read().split()[0]}", flush=True)
    for run in range(args.runs):
        for opt in args.opts.split(","):
            for mode in args.modes.split(","):
                for name, (include, _, _) in tus.items():
                    if (name, mode) not in sources:
                        continue
                    cpu, peak = measure(cxx, sources[name, mode], include, [opt, *modes[mode]])
                    results.setdefault((name, opt, mode), []).append((cpu, peak))
                    print(f"  run {run + 1}: {name} {opt} {mode}: {cpu:.2f} s, {peak:.0f} MiB", flush=True)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("tu\topt\tmode\tcpu_s\tpeak_mib\n")
        print(f"{'TU':<16} {'opt':<4} {'mode':<12} {'cpu_s':>8} {'peak_MiB':>9}")
        for (name, opt, mode), values in results.items():
            cpu = statistics.median(v[0] for v in values)
            peak = statistics.median(v[1] for v in values)
            out.write(f"{name}\t{opt}\t{mode}\t{cpu:.2f}\t{peak:.0f}\n")
            print(f"{name:<16} {opt:<4} {mode:<12} {cpu:8.2f} {peak:9.0f}")
    print(f"medians written to {args.out}")
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
