#!/usr/bin/env bash
# Follows the README's "Add an endpoint" on a copy of the repository: adds the fictional
# service of tests/fixtures/fifth_endpoint to the copy's spec/ as a user would (catalog.yaml
# and its example response), regenerates with the documented commands, builds hwbind-mock,
# hwbind-cli and a program of its own, and calls the new operation through the client and
# through hwbind-cli against hwbind-mock. Exits non-zero at the first thing that is off.
# Instead of the README's last step, tools/test.sh (minutes), it builds only what it calls.
#
#   tools/check-add-endpoint.sh
#
# The copy holds the files git tracks and the new ones it does not ignore, as they are in the
# working tree, so uncommitted changes are checked too. It is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

fixture=tests/fixtures/fifth_endpoint
records=30
work=$(mktemp -d --suffix=.hwbind-add-endpoint) # in TMPDIR, else /tmp
source_dir="$work/hwbind"
build_dir="$source_dir/build"
mock_pid=

cleanup() {
    if [ -n "$mock_pid" ]; then
        kill "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "check-add-endpoint: $*" >&2
    exit 1
}

echo "== copy the repository to $source_dir"
mkdir "$source_dir"
git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do
        # A tracked file deleted in the working tree is not part of what is checked.
        if [ -e "$file" ]; then printf '%s\0' "$file"; fi
    done |
    tar --null --files-from=- -cf - | tar -xf - -C "$source_dir"

echo "== add the endpoint: spec/catalog.yaml, spec/examples/catalog/"
[ ! -e "$source_dir/spec/catalog.yaml" ] || fail "spec/ already has a catalog service"
cp "$fixture/catalog.yaml" "$source_dir/spec/"
cp -r "$fixture/examples/catalog" "$source_dir/spec/examples/"

echo "== regenerate and build"
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug
cmake --build "$build_dir" --target regenerate
cmake --build "$build_dir" --target hwbind-mock hwbind-cli
cmake -S "$source_dir/$fixture/program" -B "$work/program" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DHWBIND_SOURCE_DIR="$source_dir"
cmake --build "$work/program"

# The mock, the program and the CLI all take these; a proxy would be asked for 127.0.0.1.
export HUAWEICLOUD_SDK_AK=CHECKADDENDPOINTAK HUAWEICLOUD_SDK_SK=check-add-endpoint-sk
export HUAWEICLOUD_SDK_PROJECT_ID=p1
unset HUAWEICLOUD_SDK_SECURITY_TOKEN HTTPS_PROXY HTTP_PROXY https_proxy http_proxy

echo "== start hwbind-mock on 127.0.0.1, on a free port"
"$build_dir/tools/mock_server/hwbind-mock" --port 0 --records "$records" >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
first_line=
for _ in $(seq 100); do
    first_line=$(head -n 1 "$work/mock.out")
    if [ -n "$first_line" ] || ! kill -0 "$mock_pid" 2>/dev/null; then break; fi
    sleep 0.1
done
endpoint=${first_line#hwbind-mock listening on }
[[ $endpoint == http://127.0.0.1:* ]] ||
    fail "hwbind-mock's first line is '$first_line', not its endpoint; stderr: $(cat "$work/mock.err")"

echo "== call catalog list_entries through hwbind::client"
"$work/program/call_list_entries" "$endpoint" "$records"

echo "== call it through hwbind-cli"
cli="$build_dir/tools/cli/hwbind-cli"
"$cli" catalog list-entries --help >"$work/help.txt" || fail "hwbind-cli has no 'catalog list-entries'"
grep -q "Lists catalog entries of a project." "$work/help.txt" ||
    fail "the help of 'hwbind-cli catalog list-entries' lacks the spec's description: $(cat "$work/help.txt")"
"$cli" catalog list-entries --endpoint "$endpoint" --all --output jsonl >"$work/entries.jsonl"
lines=$(wc -l <"$work/entries.jsonl")
[ "$lines" -eq "$records" ] || fail "hwbind-cli --all printed $lines entries, not $records"
head -n 1 "$work/entries.jsonl" | grep -q '"entry_id":"e-1"' ||
    fail "the first entry is not the documented example: $(head -n 1 "$work/entries.jsonl")"

echo "check-add-endpoint: the added endpoint works through the client and hwbind-cli (${SECONDS}s)"
