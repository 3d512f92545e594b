#!/usr/bin/env bash
# Installs what is missing, builds ShiftSync, starts the built-in LivePerson simulator on
# loopback and runs a real sync against it with the simulator's demo credentials, then shows
# what bots would read from the namespace. Nothing leaves this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev

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

echo "== Syncing once (login -> shift status -> PATCH), then reading the namespace back"
"$bin/shiftsync" --profile demo --account 90000001 --csds-url "$url" --context-url "$url" \
    --credentials-file "$work/demo-credentials.json" --sync-once --show-cache
