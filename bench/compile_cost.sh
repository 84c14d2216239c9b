#!/usr/bin/env bash
# Compile cost of using hwbind against using bare Boost for comparable work: wall time, CPU
# time and peak memory (/usr/bin/time -v) of compiling one TU to an object file, at -O0 and -O2,
# each the median of several runs.
#
#   bench/compile_cost.sh [-r RUNS] [-o OUT.tsv] [HEADER...]
#
# HEADER...: the hwbind headers the hwbind TU includes, paths from the repository root. By
# default the single header single_include/hwbind/hwbind.hpp when it exists, otherwise the
# umbrella headers (services/all.hpp and the runtime's request, decode and signer headers,
# plus runtime/client.hpp once it exists).
#
# TUs (bench/compile_cost/): hwbind (hwbind_tu.cpp), boost_codec (boost_tu.cpp: Boost.JSON,
# Describe, OpenSSL's HMAC) and boost_beast (the same plus Beast and Asio SSL). When the hwbind
# headers bring Beast (the client), the hwbind TU also calls the four operations through
# `hwbind::client` and boost_beast is the baseline it is held to; otherwise boost_codec is.
# With the client, hwbind_separate is the hwbind TU with HWBIND_SEPARATE_COMPILATION (for
# information: the target is the header-only TU).
# Prints a table and writes the medians as TSV (tu, opt, wall_s, cpu_s, peak_mib, baseline)
# to OUT, by default build-bench/compile_cost.tsv. CXX chooses the compiler (default g++).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
out=build-bench/compile_cost.tsv
while getopts "r:o:" flag; do
    case "$flag" in
    r) runs="$OPTARG" ;;
    o) out="$OPTARG" ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

headers=("$@")
if [ "${#headers[@]}" -eq 0 ]; then
    if [ -f single_include/hwbind/hwbind.hpp ]; then
        headers=(single_include/hwbind/hwbind.hpp)
    else
        headers=(include/hwbind/services/all.hpp include/hwbind/runtime/codec/request.hpp
                 include/hwbind/runtime/codec/json_decode.hpp include/hwbind/runtime/auth/signer.hpp)
        if [ -f include/hwbind/runtime/client/client.hpp ]; then
            headers+=(include/hwbind/runtime/client/client.hpp)
        fi
    fi
fi
hwbind_flags=(-Iinclude)
for header in "${headers[@]}"; do
    hwbind_flags+=(-include "$PWD/$header")
done

cxx="${CXX:-g++}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

baseline=boost_codec
dependencies="$("$cxx" -std=c++17 -M "${hwbind_flags[@]}" bench/compile_cost/hwbind_tu.cpp)"
if [[ "$dependencies" == *boost/beast/* ]]; then
    baseline=boost_beast
    hwbind_flags+=(-DHWBIND_TU_CLIENT)
fi

# measure NAME OPT FLAGS...: one line "wall cpu peak" per run in $work/NAME.OPT
measure() {
    local name="$1" opt="$2"
    shift 2
    for ((i = 0; i < runs; ++i)); do
        /usr/bin/time -v "$cxx" -std=c++17 "$opt" -c "$@" -o "$work/out.o" 2> "$work/time.txt"
        awk -F': ' '
            /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = 0; for (k = 1; k <= n; ++k) wall = wall * 60 + t[k] }
            /User time/ { cpu += $2 } /System time/ { cpu += $2 }
            /Maximum resident set size/ { peak = $2 / 1024 }
            END { printf "%.2f %.2f %.0f\n", wall, cpu, peak }' "$work/time.txt" >> "$work/$name.$opt"
    done
}

median() { # column of a results file
    sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

echo "compile cost: $cxx, $runs runs each; hwbind TU includes: ${headers[*]}; baseline: $baseline"
# With the client, also the same hwbind TU built with HWBIND_SEPARATE_COMPILATION: what
# each TU of a program costs once one other TU compiles hwbind/src.hpp (not the target's TU).
tus=(hwbind boost_codec boost_beast)
if [ "$baseline" = boost_beast ]; then
    tus+=(hwbind_separate)
fi
for opt in -O0 -O2; do
    measure hwbind "$opt" "${hwbind_flags[@]}" bench/compile_cost/hwbind_tu.cpp
    measure boost_codec "$opt" bench/compile_cost/boost_tu.cpp
    measure boost_beast "$opt" -DHWBIND_BENCH_BEAST bench/compile_cost/boost_tu.cpp
    if [ "$baseline" = boost_beast ]; then
        measure hwbind_separate "$opt" "${hwbind_flags[@]}" -DHWBIND_SEPARATE_COMPILATION bench/compile_cost/hwbind_tu.cpp
    fi
done

mkdir -p "$(dirname "$out")"
printf 'tu\topt\twall_s\tcpu_s\tpeak_mib\tbaseline\n' > "$out"
printf '%-15s %-4s %8s %8s %9s\n' TU opt wall_s cpu_s peak_MiB
for opt in -O0 -O2; do
    for name in "${tus[@]}"; do
        file="$work/$name.$opt"
        row=("$name" "$opt" "$(median "$file" 1)" "$(median "$file" 2)" "$(median "$file" 3)")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${row[@]}" "$([ "$name" = "$baseline" ] && echo yes || echo no)" >> "$out"
        printf '%-15s %-4s %8s %8s %9s\n' "${row[@]}"
    done
done
echo "medians written to $out"
