#!/usr/bin/env bash
# Installs the Debian (bookworm) packages hwbind needs to build and test, if any is missing.
#   tools/install-deps.sh [extra package...]   (the fuzz and benchmark scripts add theirs)
# Boost comes from the versioned 1.81 packages: Debian's default libboost-dev is 1.74, which
# lacks Boost.Describe. The generator runs on the system python3, which gets Jinja2 from apt.
set -euo pipefail

packages=(
    g++ cmake ninja-build git
    libboost1.81-dev libboost-json1.81-dev
    libssl-dev doctest-dev libcli11-dev
    python3 python3-jinja2 python3-yaml
    openssl libjq-dev
    "$@"
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

echo "hwbind: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
