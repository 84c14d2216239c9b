#!/usr/bin/env bash
# Runs every benchmark and prints one table of ratios, all from this run, against the targets
# of issue 7 (bench/report.py). Installs what is missing, builds with -O2 into build-bench/.
#
#   bench/run.sh [extra cmake configure arguments...]
#
# Environment:
#   HWBIND_BENCH_REPETITIONS  repetitions of each benchmark, reported as medians (default 5)
#   HWBIND_BENCH_MIN_TIME     seconds each repetition runs at least (default 0.2)
#   HWBIND_BENCH_FILTER       regular expression of the benchmarks to run (default all)
#   HWBIND_BENCH_COMPILE      0 to skip the compile-cost measurement (default 1)
#   HWBIND_BENCH_SCALING      0 to skip the compile-scaling measurement (default 1; a whole
#                             service of 550 operations: tens of minutes and GBs of memory)
#   HWBIND_BUILD_DIR          build directory (default build-bench)
#
# Every executable bench/CMakeLists.txt makes with hwbind_add_benchmark (hwbind_bench_*) is
# run; its results go to <build>/results/<name>.json, which report.py reads with the
# compile-cost medians (results/compile_cost.tsv). Repetitions are interleaved at random
# across benchmarks, so that a burst of load from elsewhere does not fall on one peer only.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh libbenchmark-dev nlohmann-json3-dev rapidjson-dev libsimdjson-dev \
    libcurl4-openssl-dev time

build_dir="${HWBIND_BUILD_DIR:-build-bench}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHWBIND_BUILD_BENCHMARKS=ON \
    -DHWBIND_BUILD_TESTS=OFF "$@"
cmake --build "$build_dir" --target hwbind_benchmarks

results="$build_dir/results"
rm -rf "$results"
mkdir -p "$results"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), " \
     "$(${CXX:-g++} --version | head -1), Boost $(sed -n 's/^#define BOOST_LIB_VERSION "\(.*\)"/\1/p' \
     /usr/include/boost/version.hpp | tr _ .), load average $(cut -d' ' -f1-3 /proc/loadavg)"

for exe in "$build_dir"/bench/hwbind_bench_*; do
    name="${exe##*/hwbind_bench_}"
    echo "== $name"
    "$exe" --benchmark_repetitions="${HWBIND_BENCH_REPETITIONS:-5}" \
        --benchmark_min_time="${HWBIND_BENCH_MIN_TIME:-0.2}" \
        --benchmark_enable_random_interleaving=true \
        --benchmark_report_aggregates_only=true \
        --benchmark_filter="${HWBIND_BENCH_FILTER:-.}" \
        --benchmark_out="$results/$name.json" --benchmark_out_format=json
done

echo "== download memory (1 GiB to a callback and to a file; peak RSS must stay under 64 MiB)"
"$build_dir/bench/hwbind_download_rss" 1024 | tee "$results/download_rss.txt"

if [ "${HWBIND_BENCH_COMPILE:-1}" != 0 ]; then
    echo "== compile cost"
    bench/compile_cost.sh -o "$results/compile_cost.tsv"
fi

if [ "${HWBIND_BENCH_SCALING:-1}" != 0 ]; then
    echo "== compile scaling"
    "${HWBIND_PYTHON:-/usr/bin/python3}" bench/compile_scaling.py --out "$results/compile_scaling.tsv"
fi

echo
python3 bench/report.py "$results"
