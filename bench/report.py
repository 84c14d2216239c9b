#!/usr/bin/env python3
"""Prints one Markdown table of ratios, all taken from one run, against the targets of issue 7.

    bench/report.py RESULTS_DIR

RESULTS_DIR holds the Google Benchmark JSON output of each benchmark executable (*.json, run
with --benchmark_repetitions and aggregates) and compile_cost.tsv from bench/compile_cost.sh.
Every figure is a median over the repetitions; the ± is the coefficient of variation.

Benchmark names say what is compared:
  decode/<response>/<shape>/<size>/<peer>  MB/s (bytes_per_second), hwbind ÷ peer
  request/<operation>/<step>               CPU time per request
  e2e/<body>/<peer>                        requests/s (items_per_second), hwbind ÷ peer
  concurrency/<body>/<threads>t/n<N>/<peer> requests/s with N calls in flight, hwbind ÷ peer
  paging/<sync|async>/in_flight:<K>        wall time of one walk, K = 8 ÷ K = 1
"""

import json
import pathlib
import sys

DECODE_PEERS = ["boost_value_to", "boost_dom", "nlohmann", "rapidjson", "simdjson", "hand", "hwbind_lenient",
                "hwbind_reuse"]
E2E_PEERS = ["beast", "curl"]
# (family, peer, case filter, minimum ratio hwbind ÷ peer)
RATIO_TARGETS = {
    ("decode", "boost_value_to"): 4.0,
    ("decode", "simdjson"): 1.0,
    ("decode", "hand"): 1.0,  # issue 19: the hand-written basic_parser handler (HSS only)
    ("e2e", "beast", "small"): 0.95,
    ("e2e", "curl", "small"): 1.5,
    ("concurrency", "beast"): 0.9,  # replays hwbind's request bytes: builds no request
    ("concurrency", "beast_built"): 0.9,  # builds each request with http::request, as a user would
}
REQUEST_LIMIT_NS = 2000.0
COMPILE_LIMIT = 1.25
PAGING_LIMIT = 0.2  # issue 19: a walk with 8 pages in flight takes at most 1/5 of one with 1

NS_PER_UNIT = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load_benchmarks(results):
    """{name: {"median": run, "cv": run, "error": message}} from every JSON file."""
    found = {}
    for path in sorted(results.glob("*.json")):
        for run in json.loads(path.read_text())["benchmarks"]:
            name = run.get("run_name", run["name"]).removesuffix("/real_time")
            entry = found.setdefault(name, {})
            if run.get("error_occurred"):
                entry["error"] = run.get("error_message", "error")
            elif run.get("run_type") == "aggregate":
                entry[run["aggregate_name"]] = run
            else:
                entry.setdefault("runs", []).append(run)
    for entry in found.values():
        # Without aggregates (one repetition), the single run stands for the median.
        if "median" not in entry and entry.get("runs"):
            entry["median"] = entry["runs"][0]
    return found


def cv_text(entry, key):
    cv = entry.get("cv", {}).get(key)
    return f" ±{cv * 100:.0f}%" if isinstance(cv, (int, float)) else ""


def throughput(entry, key, scale, unit):
    if entry is None or "median" not in entry:
        return None, (entry or {}).get("error", "not measured")
    value = entry["median"].get(key)
    if value is None:
        return None, "no " + key
    return value, f"{value / scale:,.0f} {unit}{cv_text(entry, key)}"


def verdict(ratio, minimum=None, maximum=None):
    if minimum is None and maximum is None:
        return "", ""
    target = f"≥ {minimum:g}×" if minimum is not None else f"≤ {maximum:g}×"
    if ratio is None:
        return target, "not measured"
    met = ratio >= minimum if minimum is not None else ratio <= maximum
    return target, "met" if met else "MISSED"


def ratio_rows(benchmarks, family, key, scale, unit, peers):
    rows = []
    cases = sorted({n.rsplit("/", 1)[0] for n in benchmarks if n.startswith(family + "/")})
    for case in cases:
        subject, subject_text = throughput(benchmarks.get(case + "/hwbind"), key, scale, unit)
        first = True
        for peer in peers:
            entry = benchmarks.get(f"{case}/{peer}")
            if entry is None:
                continue
            value, text = throughput(entry, key, scale, unit)
            text = text.split(" [")[0]  # Boost.JSON's messages end with a source location
            ratio = subject / value if subject and value else None
            minimum = RATIO_TARGETS.get((family, peer))
            if minimum is None:
                minimum = RATIO_TARGETS.get((family, peer, case.split("/")[1]))
            target, met = verdict(ratio, minimum=minimum)
            if ratio is None and text.startswith("cannot decode") and target:
                met = "peer cannot decode"
            rows.append([case if first else "", subject_text if first else "", peer, text,
                         f"{ratio:.2f}×" if ratio else "—", target, met])
            first = False
    return rows


def request_rows(benchmarks):
    rows = []
    for name in sorted(n for n in benchmarks if n.startswith("request/")):
        entry = benchmarks[name]
        if "median" not in entry:
            rows.append([name, entry.get("error", "not measured"), "", "", "", "", ""])
            continue
        run = entry["median"]
        ns = run["cpu_time"] * NS_PER_UNIT[run["time_unit"]]
        target, met = "", ""
        if name.endswith("/full"):
            target, met = f"< {REQUEST_LIMIT_NS:g} ns", "met" if ns < REQUEST_LIMIT_NS else "MISSED"
        rows.append([name, f"{ns:,.0f} ns{cv_text(entry, 'cpu_time')}", "", "", "", target, met])
    return rows


def paging_rows(benchmarks):
    rows = []
    for mode in ("sync", "async"):
        def wall_ms(k):
            entry = benchmarks.get(f"paging/{mode}/in_flight:{k}")
            if entry is None or "median" not in entry:
                return None, (entry or {}).get("error", "not measured")
            run = entry["median"]
            ms = run["real_time"] * NS_PER_UNIT[run["time_unit"]] / 1e6
            return ms, f"{ms:,.1f} ms{cv_text(entry, 'real_time')}"
        ahead, ahead_text = wall_ms(8)
        one, one_text = wall_ms(1)
        if ahead is None and one is None:
            continue
        ratio = ahead / one if ahead and one else None
        target, met = verdict(ratio, maximum=PAGING_LIMIT)
        rows.append([f"paging/{mode} in_flight:8", ahead_text, "in_flight:1", one_text,
                     f"{ratio:.2f}×" if ratio else "—", target, met])
    return rows


def compile_rows(path):
    if not path.exists():
        return [["compile", "not measured", "", "", "", f"≤ {COMPILE_LIMIT:g}×", "not measured"]]
    lines = [line.split("\t") for line in path.read_text().splitlines()]
    data = [dict(zip(lines[0], line)) for line in lines[1:]]
    rows = []
    for opt in ("-O0", "-O2"):
        by_tu = {d["tu"]: d for d in data if d["opt"] == opt}
        if "hwbind" not in by_tu:
            continue
        mine = by_tu["hwbind"]
        for measure, unit in (("wall_s", "s wall"), ("peak_mib", "MiB peak"), ("cpu_s", "s CPU")):
            first = True
            for tu in ("boost_beast", "boost_codec"):
                if tu not in by_tu:
                    continue
                ratio = float(mine[measure]) / float(by_tu[tu][measure])
                # The target holds hwbind to the bare TU with what its headers bring: Beast
                # and SSL once they bring the client, the codec's Boost libraries before.
                targeted = by_tu[tu].get("baseline") == "yes" and measure in ("wall_s", "peak_mib")
                target, met = verdict(ratio, maximum=COMPILE_LIMIT if targeted else None)
                rows.append([f"compile {opt} {measure.split('_')[0]}" if first else "",
                             f"{float(mine[measure]):g} {unit}" if first else "", tu,
                             f"{float(by_tu[tu][measure]):g} {unit}", f"{ratio:.2f}×", target, met])
                first = False
        # A TU of a program that compiles hwbind/src.hpp elsewhere: for information, no target.
        separate = by_tu.get("hwbind_separate")
        if separate is not None and "boost_beast" in by_tu:
            for measure, unit in (("wall_s", "s wall"), ("peak_mib", "MiB peak"), ("cpu_s", "s CPU")):
                ratio = float(separate[measure]) / float(by_tu["boost_beast"][measure])
                rows.append([f"compile {opt} {measure.split('_')[0]}, separate compilation",
                             f"{float(separate[measure]):g} {unit}", "boost_beast",
                             f"{float(by_tu['boost_beast'][measure]):g} {unit}", f"{ratio:.2f}×", "", ""])
    return rows


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    results = pathlib.Path(sys.argv[1])
    benchmarks = load_benchmarks(results)
    rows = []
    rows += ratio_rows(benchmarks, "decode", "bytes_per_second", 1e6, "MB/s", DECODE_PEERS)
    rows += request_rows(benchmarks)
    e2e = ratio_rows(benchmarks, "e2e", "items_per_second", 1, "req/s", E2E_PEERS)
    rows += e2e or [["e2e", "not measured", "", "", "", "", "not measured"]]
    rows += ratio_rows(benchmarks, "concurrency", "items_per_second", 1, "req/s", ["beast", "beast_built"])
    rows += paging_rows(benchmarks)
    rows += compile_rows(results / "compile_cost.tsv")

    header = ["case", "hwbind", "peer", "peer figure", "hwbind ÷ peer", "target", ""]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    verdicts = [r[6] for r in rows]
    print(f"\ntargets: {verdicts.count('met')} met, {verdicts.count('MISSED')} missed, "
          f"{verdicts.count('not measured')} not measured")


if __name__ == "__main__":
    main()
