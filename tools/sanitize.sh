#!/usr/bin/env bash
# The test suite under AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer,
# every report fatal: installs what is missing, builds every test program in its own build,
# build-asan/ (override with HWBIND_ASAN_BUILD_DIR), and runs them.
#   tools/sanitize.sh [extra cmake configure arguments...]
# The tests that run no code compiled here are left to tools/test.sh: the generator's (Python),
# the consumer projects' and the CMake configuration checks, which build with flags of their
# own, and the single header's sync check, which compares files.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh

build_dir="${HWBIND_ASAN_BUILD_DIR:-build-asan}"
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" "$@"
cmake --build "$build_dir"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" \
    -E '^(generator|cmake_rejects_.*|consumer_.*|single_header_in_sync)$'
