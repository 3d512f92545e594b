#!/usr/bin/env bash
# Takes the README's screenshots of the real desktop app with demo data (main window, the error
# state with its log entry, the credentials dialog, the tray menu) into docs/screenshots/. They
# are taken under Xvfb with a tray host (tests/with-display.sh) and a throw-away keyring
# (tests/with-keyring.sh), against an in-process LivePerson simulator.
#
#   scripts/screenshots.sh [BUILD_DIR]     (default: build/dev, configured if needed)
set -euo pipefail
cd "$(dirname "$0")/.."

build="${1:-build/dev}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    if [[ "$build" != build/dev ]]; then
        echo "$0: $build is not a configured build directory" >&2
        exit 2
    fi
    cmake --preset dev
fi
cmake --build "$build" --target screenshots
