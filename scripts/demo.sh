#!/usr/bin/env bash
# Installs what is missing, builds ShiftSync, starts the built-in LivePerson simulator on
# loopback and syncs against it with the simulator's demo credentials: in the desktop app when
# there is a display and a keychain, otherwise once on the command line, showing the skill
# table and what bots would read from the namespace. Nothing leaves this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target shiftsync shiftsync-simulator

bin="$PWD/build/dev/bin"
work=$(mktemp -d)
trap 'kill "${sim_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== Starting the LivePerson simulator"
"$bin/shiftsync-simulator" --port 0 --port-file "$work/port" --quiet >"$work/simulator.log" 2>&1 &
sim_pid=$!
for _ in $(seq 50); do
    [ -s "$work/port" ] && break
    sleep 0.1
done
port=$(cat "$work/port")
url="http://127.0.0.1:$port"
echo "   listening on $url (account 90000001)"

# The simulator's documented demo credentials, in a file only this user can read: ShiftSync
# refuses secrets on the command line and credentials files that others can read.
umask 077
cat >"$work/demo-credentials.json" <<JSON
{"username": "shift-bot", "appKey": "demo-client-id", "secret": "demo-client-secret",
 "mavenApiKey": "demo-maven-key"}
JSON

common=(--profile demo --account 90000001 --csds-url "$url" --context-url "$url")

# On a desktop with a keychain, open the desktop app synced against the simulator; the demo
# credentials go into the keychain under the profile "demo" (your own profiles are untouched).
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] \
    && "$bin/shiftsync" --profile demo --account 90000001 --import-credentials "$work/demo-credentials.json"; then
    echo "== Opening the desktop app (quit it from its File menu or tray icon to end the demo)"
    "$bin/shiftsync" "${common[@]}"
    exit 0
fi

echo "== Syncing once (login -> shift status -> PATCH), then reading the namespace back"
"$bin/shiftsync" "${common[@]}" --credentials-file "$work/demo-credentials.json" --sync-once --show-cache
