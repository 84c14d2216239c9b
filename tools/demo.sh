#!/usr/bin/env bash
# The demo: installs what is missing, builds hwbind-mock and hwbind-cli, starts the mock on a
# free port of 127.0.0.1 and lists every operation of the spec through the CLI against it.
#   tools/demo.sh        (from any directory; the build goes to build/, override with HWBIND_BUILD_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh

build_dir="${HWBIND_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug
# Only the two programs: the tests and examples are not needed for the demo.
cmake --build "$build_dir" --target hwbind-mock hwbind-cli
# Absolute, so that the command printed at the end works from any directory.
build_dir="$(cd "$build_dir" && pwd)"
mock="$build_dir/tools/mock_server/hwbind-mock"
cli="$build_dir/tools/cli/hwbind-cli"

# Made-up credentials the mock accepts; they replace any real ones for this script only, and
# loopback traffic must not go through a proxy the environment may name.
export HUAWEICLOUD_SDK_AK=DEMOACCESSKEY HUAWEICLOUD_SDK_SK=demo-secret-key HUAWEICLOUD_SDK_PROJECT_ID=demo-project
unset HUAWEICLOUD_SDK_SECURITY_TOKEN
export NO_PROXY="127.0.0.1${NO_PROXY:+,$NO_PROXY}"

# Port 0 lets the system pick a free port; the mock prints its endpoint on its first line.
# Few records, so that the tables stay short and --all still walks more than one page.
exec {mock_output}< <(exec "$mock" --port 0 --records 15)
mock_pid=$!
# Waited for, so that its last words come before the shell's prompt.
trap 'kill "$mock_pid" 2>/dev/null && wait "$mock_pid" || true' EXIT
prefix="hwbind-mock listening on "
read -r first_line <&"$mock_output" || true
if [[ "$first_line" != "$prefix"* ]]; then
    echo "demo: hwbind-mock did not start" >&2
    exit 1
fi
endpoint="${first_line#"$prefix"}"

for operation in "coc list-documents" "coc list-scheduled-tasks" "hss list-jobs" "swr list-instance-jobs"; do
    echo
    echo "\$ hwbind-cli $operation --endpoint $endpoint --all --output table"
    # shellcheck disable=SC2086 # the service and the operation are two words
    "$cli" $operation --endpoint "$endpoint" --all --output table
done

cat <<EOF

The same CLI against the real cloud: drop --endpoint, give your region and your credentials.

    export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=...
    $cli hss list-jobs --region cn-north-4 --all --output table

'$cli --help' lists every operation; examples/ makes the same calls from C++.
EOF
