#!/usr/bin/env bash
# The tests under sanitizers, every report fatal. Installs what is missing, then:
#   tools/sanitize.sh [address] [extra cmake configure arguments...]
#     AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, in build-asan/
#     (override with HWBIND_ASAN_BUILD_DIR): the unit tests, through their single-header build
#     (the same tests and library code as hwbind_tests, compiled as two translation units
#     instead of ten, so instrumented templates are instantiated once), the coroutine and
#     fifth-endpoint tests, and the
#     hwbind-mock and hwbind-cli programs with their tests.
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

tools/install-deps.sh

if [[ "$mode" == address ]]; then
    build_dir="${HWBIND_ASAN_BUILD_DIR:-build-asan}"
    # UBSan's vptr check probes the object's memory through a pipe; with the descriptors
    # exhausted (mock_program's EMFILE case, a state the mock must survive) the probe fails and
    # every test of an error_code is reported as a member access through an invalid vptr. The
    # library has no class hierarchy of its own for that check to guard.
    flags="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all -fno-omit-frame-pointer"
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" "$@"
    cmake --build "$build_dir" --target hwbind_tests_single_header hwbind_client_coroutine_tests \
        hwbind_fifth_endpoint hwbind-mock hwbind-cli
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
    exec ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" \
        -R '^(cpp_tests_single_header|client_coroutine_tests|fifth_endpoint|cli|mock_program)$'
fi

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
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/tools/tsan.supp}"
"$build_dir/tests/hwbind_thread_tests"
