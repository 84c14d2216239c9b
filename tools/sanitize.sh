#!/usr/bin/env bash
# The tests under sanitizers, every report fatal. Installs what is missing, then:
#   tools/sanitize.sh [address] [extra cmake configure arguments...]
#     AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer: builds the unit
#     tests, the coroutine and fifth-endpoint tests, hwbind-mock and hwbind-cli in build-asan/
#     (override with HWBIND_ASAN_BUILD_DIR) and runs their tests.
#   tools/sanitize.sh thread [extra cmake configure arguments...]
#     ThreadSanitizer: builds hwbind_tests in build-tsan/ (override with HWBIND_TSAN_BUILD_DIR)
#     and runs the tests that share one client or transport among threads, and the fault
#     table, where the transport's watchdog thread interrupts calls blocked at their deadline.
# The rest is left to tools/test.sh: the generator's tests (Python), the consumer projects and
# CMake checks (built with flags of their own), the single-header copy of the unit tests and
# the examples (the same library code again).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=address
if [[ $# -gt 0 && ( "$1" == address || "$1" == thread ) ]]; then
    mode="$1"
    shift
fi

tools/install-deps.sh

configure() { # build directory, sanitizer flags, extra arguments
    local build_dir="$1" flags="$2"
    shift 2
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" "$@"
}

if [[ "$mode" == thread ]]; then
    build_dir="${HWBIND_TSAN_BUILD_DIR:-build-tsan}"
    # ThreadSanitizer does not model std::atomic_thread_fence, which Asio's reference counts
    # pair with a release decrement: every executor or strand freed on another thread than the
    # last one to use it would be reported. Without std::atomic, Asio counts with Boost's
    # atomic_count, whose decrements ThreadSanitizer sees.
    flags="-fsanitize=thread -fno-omit-frame-pointer -DBOOST_ASIO_DISABLE_STD_ATOMIC"
    # GCC warns of those fences in headers, and the tests build with -Werror.
    if "${CXX:-c++}" --version | grep -q "Free Software Foundation"; then
        flags+=" -Wno-tsan"
    fi
    configure "$build_dir" "$flags" "$@"
    cmake --build "$build_dir" --target hwbind_tests
    export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1}"
    "$build_dir/tests/hwbind_tests" \
        -tc="client: one client shared by several threads*,transport: concurrent calls from several threads,faults: each fails*"
    exit
fi

build_dir="${HWBIND_ASAN_BUILD_DIR:-build-asan}"
configure "$build_dir" "-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" "$@"
# The programs whose code differs: the second build of the unit tests against the single header
# and the examples run the same library code as these, and would double the build time.
cmake --build "$build_dir" --target hwbind_tests hwbind_client_coroutine_tests hwbind_fifth_endpoint \
    hwbind-mock hwbind-cli
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" \
    -R '^(cpp_tests|client_coroutine_tests|fifth_endpoint|mock_program|cli)$'
