#!/usr/bin/env bash
# Installs the Debian 12 packages ShiftSync needs to build, test and run, and nothing else.
# Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ clang-format pkg-config python3
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev qtkeychain-qt6-dev
    # runtime: QtKeychain loads libsecret at run time without depending on it
    libsecret-1-0
    # tests: a real keychain on a private session bus, a display and a tray host for GUI tests
    dbus gnome-keyring libsecret-tools xvfb xauth trayer
)

# --list prints the package names, for CI's own apt-get line.
if [ "${1:-}" = "--list" ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi

echo "Installing: ${missing[*]}"
$sudo apt-get -o DPkg::Lock::Timeout=600 update -q
# Without --no-install-recommends the Qt packages alone pull in GTK and dozens of others.
DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
