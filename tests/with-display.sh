#!/usr/bin/env bash
# Runs a command on a private X display (Xvfb, 1280x800) with a system tray host (trayer), for
# the tests and screenshots that need a real tray: QSystemTrayIcon::isSystemTrayAvailable() is
# true only while a tray host runs.
#
#   tests/with-display.sh CMD [ARGS...]
#
# Under tests/with-keyring.sh the D-Bus session (and gnome-keyring) is started first, outside
# the display, so the keyring can never put up an unlock prompt that blocks a job. The command
# runs with QT_QPA_PLATFORM=xcb, whatever the caller set (CTest sets offscreen for GUI tests).
# Needs the Debian packages xvfb, xauth and trayer.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

if [[ "${SHIFTSYNC_WITH_DISPLAY_INSIDE:-}" != 1 ]]; then
    for tool in xvfb-run xauth trayer; do
        if ! command -v "$tool" >/dev/null; then
            echo "$0: $tool not found; install the Debian packages xvfb, xauth and trayer" >&2
            exit 2
        fi
    done
    export SHIFTSYNC_WITH_DISPLAY_INSIDE=1
    exec xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$@"
fi

# Inside xvfb-run: DISPLAY is set. The tray host docks icons at the top right; tests wait for
# isSystemTrayAvailable() themselves, so there is no fixed sleep here.
trayer --edge top --align right --widthtype request --height 24 --SetDockType true --expand true \
    --transparent false --tint 0x303030 >/dev/null 2>&1 &
trayer_pid=$!
# tst_tray ends it on purpose once, to check that the app adapts when the tray goes away.
export SHIFTSYNC_TRAYER_PID=$trayer_pid
trap 'kill "$trayer_pid" 2>/dev/null || true; wait "$trayer_pid" 2>/dev/null || true' EXIT

export QT_QPA_PLATFORM=xcb
status=0
"$@" || status=$?
exit "$status"
