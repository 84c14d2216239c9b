#!/usr/bin/env bash
# The tests under sanitizers, every report fatal. Installs what is missing, then:
#   tools/sanitize.sh [address] [extra cmake configure arguments...]
#     The test command, tools/test.sh, with everything it builds instrumented by
#     AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, in build-asan/
#     (override with HWBIND_ASAN_BUILD_DIR). The consumer projects build with flags of their own.
#   tools/sanitize.sh thread [extra cmake configure arguments...]
#     ThreadSanitizer: builds hwbind_thread_tests (the transport, client and fault-injection
#     tests: one client or transport shared among threads, and the watchdog thread that
#     interrupts calls blocked at their deadline) in build-tsan/ (override with
#     HWBIND_TSAN_BUILD_DIR) and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=address
if [[ $# -gt 0 && ( "$1" == address || "$1" == thread ) ]]; then
    mode="$1"
    shift
fi

if [[ "$mode" == address ]]; then
    flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
    HWBIND_BUILD_DIR="${HWBIND_ASAN_BUILD_DIR:-build-asan}" exec tools/test.sh \
        -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" "$@"
fi

tools/install-deps.sh
build_dir="${HWBIND_TSAN_BUILD_DIR:-build-tsan}"
# ThreadSanitizer does not model std::atomic_thread_fence, which Asio's reference counts pair
# with a release decrement: every executor or strand freed on another thread than the last one
# to use it would be reported. Without std::atomic, Asio counts with Boost's atomic_count,
# whose decrements ThreadSanitizer sees.
flags="-fsanitize=thread -fno-omit-frame-pointer -DBOOST_ASIO_DISABLE_STD_ATOMIC"
# GCC warns of those fences in headers, and the tests build with -Werror.
if "${CXX:-c++}" --version | grep -q "Free Software Foundation"; then
    flags+=" -Wno-tsan"
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" "$@"
cmake --build "$build_dir" --target hwbind_thread_tests
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1}"
"$build_dir/tests/hwbind_thread_tests"
