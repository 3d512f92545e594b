#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so that
# keychain tests go through the real Secret Service without touching the user's keyring.
#
#   tests/with-keyring.sh CMD [ARGS...]     e.g. tests/with-keyring.sh ctest --test-dir build
#
# Every XDG directory and HOME point into one temporary directory that is removed afterwards.
# They are exported BEFORE dbus-run-session because D-Bus-activated daemons only see the
# environment the bus was started with. DISPLAY and WAYLAND_DISPLAY are dropped for the same
# reason: a keyring that can reach a display puts up an unlock prompt and the job never ends.
# Needs the Debian packages dbus, gnome-keyring, libsecret-1-0 (and libsecret-tools for the
# tests' secret-tool checks). Never install dbus-x11: it autolaunches a second bus.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
        echo "$0: $tool not found; install the Debian packages dbus and gnome-keyring" >&2
        exit 2
    fi
done

base=$(mktemp -d "${TMPDIR:-/tmp}/shiftsync-keyring.XXXXXX")

# gnome-keyring-daemon normally leaves with its bus, but not always (one outlived a session in
# which a test had locked the keyring). End the daemons of THIS session only, recognised by the
# private data directory in their environment, by process id.
stop_session_daemons() {
    local environ pid
    for environ in /proc/[0-9]*/environ; do
        pid=${environ#/proc/}
        pid=${pid%/environ}
        [[ $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") == gnome-keyring-daemon* ]] || continue
        if tr '\0' '\n' <"$environ" 2>/dev/null | grep -qxF "XDG_DATA_HOME=$base/data"; then
            kill "$pid" 2>/dev/null || true
        fi
    done
}

cleanup() {
    stop_session_daemons
    rm -rf "$base" 2>/dev/null || { sleep 1; rm -rf "$base"; }
}
trap cleanup EXIT

mkdir -p "$base/data" "$base/config" "$base/cache" "$base/home" "$base/runtime"
chmod 700 "$base/runtime" "$base/home"

export XDG_DATA_HOME="$base/data"
export XDG_CONFIG_HOME="$base/config"
export XDG_CACHE_HOME="$base/cache"
export XDG_RUNTIME_DIR="$base/runtime"
export HOME="$base/home"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

# The keyring password, so a test that locks the keyring can unlock it again. It protects
# nothing: the keyring lives in a temporary directory and holds test values only.
export SHIFTSYNC_TEST_KEYRING_PASSWORD="${SHIFTSYNC_TEST_KEYRING_PASSWORD:-PASS}"

status=0
dbus-run-session -- bash -c '
    printf %s "$SHIFTSYNC_TEST_KEYRING_PASSWORD" \
        | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' _ "$@" || status=$?
exit "$status"
