#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test inside a
# private D-Bus session with a real, unlocked, throw-away gnome-keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

cmake --preset ci
cmake --build --preset ci
tests/with-keyring.sh ctest --preset ci "$@"
