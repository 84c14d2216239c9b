#!/usr/bin/env bash
# Fuzzes the sans-I/O codec: installs what is missing (the default build's packages, then Clang
# and its runtime, which holds libFuzzer), builds the targets of fuzz/ with ASan and UBSan,
# replays the inputs of fuzz/regressions/, then runs each target from its seed corpus for a
# bounded time. Exits non-zero on any finding.
#   tools/fuzz.sh [seconds per target]        (default 60)
# Targets run as many at a time as there are cores, so on 2 cores the five targets take about
# twice the time given. The build goes to build-fuzz/ (override with HWBIND_FUZZ_BUILD_DIR);
# inputs that fail are written to <build>/findings/<target>/: once the bug is fixed, keep each
# one under fuzz/regressions/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: tools/fuzz.sh [seconds per target]" >&2
    exit 2
fi

tools/install-deps.sh clang libclang-rt-14-dev

targets=(decode api_error request_encoding signer multipart)
build_dir="${HWBIND_FUZZ_BUILD_DIR:-build-fuzz}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DHWBIND_BUILD_TESTS=OFF -DHWBIND_BUILD_FUZZERS=ON
cmake --build "$build_dir" --target "${targets[@]/#/fuzz_}"

export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
shopt -s nullglob
failed=()

# Report the end of a failed run's log and where its input is.
report_failure() {
    local target=$1 log=$2
    failed+=("$target")
    echo "error: fuzz_$target failed; the end of $log:" >&2
    tail -n 60 "$log" >&2
}

echo "== regression inputs"
for target in "${targets[@]}"; do
    inputs=(fuzz/regressions/"$target"/*)
    if [ "${#inputs[@]}" -eq 0 ]; then
        continue
    fi
    log="$build_dir/regressions-$target.log"
    if "$build_dir/fuzz/fuzz_$target" "${inputs[@]}" >"$log" 2>&1; then
        echo "fuzz_$target: ${#inputs[@]} inputs pass"
    else
        report_failure "$target" "$log"
    fi
done

# One target for `seconds`: new inputs go to <build>/fuzz-corpus/<target>, which later runs on
# this machine start from; the committed seeds are only read.
start_target() {
    local target=$1
    local corpus="$build_dir/fuzz-corpus/$target"
    local findings="$build_dir/findings/$target"
    mkdir -p "$corpus" "$findings"
    local options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$findings/")
    if [ -f "fuzz/$target.dict" ]; then
        options+=(-dict="fuzz/$target.dict")
    fi
    "$build_dir/fuzz/fuzz_$target" "${options[@]}" "$corpus" "fuzz/corpus/$target" \
        >"$build_dir/fuzz-$target.log" 2>&1 &
}

echo "== fuzzing each target for ${seconds}s"
jobs=$(nproc)
for ((first = 0; first < ${#targets[@]}; first += jobs)); do
    wave=("${targets[@]:first:jobs}")
    pids=()
    for target in "${wave[@]}"; do
        start_target "$target"
        pids+=($!)
    done
    for i in "${!wave[@]}"; do
        target=${wave[$i]}
        log="$build_dir/fuzz-$target.log"
        if wait "${pids[$i]}"; then
            echo "fuzz_$target: $(grep -a -m1 -o 'DONE .*' "$log" || true)"
        else
            report_failure "$target" "$log"
        fi
    done
done

if [ "${#failed[@]}" -ne 0 ]; then
    echo "error: findings in: ${failed[*]}; failing inputs are under $build_dir/findings/" >&2
    exit 1
fi
echo "fuzzing: no findings"
