#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (C++ and generator).
#   tools/test.sh [extra cmake configure arguments...]
# The build goes to build/ (override with HWBIND_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh

build_dir="${HWBIND_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug "$@"
cmake --build "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
