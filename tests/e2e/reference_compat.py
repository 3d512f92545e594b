#!/usr/bin/env python3
"""Checks ShiftSync against an independent LivePerson fake, written from the API reference
without any of ShiftSync's code (this file shares nothing with src/ or the simulator).

1. `--sync-once --json` must PATCH exactly the object LivePerson's reference FaaS job would
   build from the same shift-status data: {"timestamp": <ISO date>, String(skillId): entry},
   timestamp aside, with the key order and number spelling of JSON irrelevant but every value
   identical (big ids, ms timestamps, null vs missing fields).
2. `--headless --cycles 5` must make exactly 2 requests per cycle after the first
   (shift-status + PATCH), counted by the fake, not by ShiftSync.

Usage: reference_compat.py PATH_TO_SHIFTSYNC
Prints 'N passed, N failed' and exits non-zero on any failure.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCOUNT = "77700077"
USERNAME, CLIENT_ID, CLIENT_SECRET = "ref-bot", "ref-client", "ref-client-secret"
MAVEN_KEY = "ref-maven-key"

# Shift-status data chosen to break naive shaping: ids above 2^31 and 2^32, an id sent as a
# string, null and missing next-times, an extra field, and one entry without an id.
SHIFT_STATUS = [
    {"skillId": 326244912, "onShift": True, "nextOn": 1535979600000, "nextOff": None},
    {"skillId": 4300000001, "onShift": False},
    {"skillId": 1111111111111, "onShift": True, "nextOn": 1700050000000, "nextOff": 1700020000000},
    {"skillId": "12", "onShift": True},
    {"skillId": 99, "onShift": False, "nextOn": None, "extra": {"nested": [1, 2.5, "x"]}},
]


def reference_document(entries):
    """What the reference job builds: formatted[skill.skillId] = skill, for every entry.
    JavaScript turns the id into a property name with String(); an entry without an id would
    become the key "undefined", which ShiftSync deliberately skips (so do we here)."""
    document = {}
    for entry in entries:
        if "skillId" not in entry:
            continue
        document[str(entry["skillId"])] = entry
    return document


class Fake(BaseHTTPRequestHandler):
    log = []
    store = {}
    bearer = secrets.token_hex(32)

    def log_message(self, *args):
        pass

    def _send(self, status, body=None, headers=()):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length)

    def _record(self, body=b""):
        Fake.log.append({"method": self.command, "path": self.path, "body": body,
                         "headers": dict(self.headers)})

    def do_GET(self):
        self._record()
        host = "127.0.0.1:%d" % self.server.server_port
        if self.path == "/api/account/%s/service/baseURI.json?version=1.0" % ACCOUNT:
            services = ["agentVep", "asyncMessagingEnt", "accountConfigReadOnly"]
            return self._send(200, {"baseURIs": [
                {"service": s, "account": ACCOUNT, "baseURI": host} for s in services]})
        if self.path == "/api/account/%s/shift-status" % ACCOUNT:
            if self.headers.get("Authorization") != "Bearer " + Fake.bearer:
                return self._send(401, {"error": "unauthorized"})
            return self._send(200, SHIFT_STATUS)
        if self.path == "/v1/account/%s/shift-status-api/properties" % ACCOUNT:
            return self._send(200, Fake.store)
        return self._send(404, {"message": "not found"})

    def do_POST(self):
        body = self._body()
        self._record(body)
        if self.path == "/api/account/%s/login?v=1.3" % ACCOUNT:
            creds = json.loads(body)
            if (creds.get("username"), creds.get("appKey"), creds.get("secret")) != (USERNAME, CLIENT_ID, CLIENT_SECRET):
                return self._send(401, {"error": {"message": "bad credentials"}})
            return self._send(200, {"bearer": Fake.bearer, "csrf": "c", "sessionTTl": "28800000"},
                              [("Set-Cookie", "Session_id=s1; Path=/")])
        if self.path == "/api/account/%s/logout?v=1.3" % ACCOUNT:
            return self._send(200)
        return self._send(404, {"message": "not found"})

    def do_PATCH(self):
        body = self._body()
        self._record(body)
        if self.path != "/v1/account/%s/shift-status-api/properties" % ACCOUNT:
            return self._send(404, {"message": "not found"})
        if self.headers.get("maven-api-key") != MAVEN_KEY:
            return self._send(403, {"message": "bad key"})
        Fake.store.update(json.loads(body))
        return self._send(204)


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
            print("PASS  " + what)
        else:
            self.failed += 1
            print("FAIL  " + what)


def main():
    shiftsync = sys.argv[1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % server.server_port
    checks = Checks()

    with tempfile.TemporaryDirectory() as home:
        creds = os.path.join(home, "creds.json")
        with open(os.open(creds, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            json.dump({"username": USERNAME, "appKey": CLIENT_ID, "secret": CLIENT_SECRET, "mavenApiKey": MAVEN_KEY}, f)
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "c"), XDG_DATA_HOME=os.path.join(home, "d"))
        common = [shiftsync, "--account", ACCOUNT, "--csds-url", url, "--context-url", url,
                  "--credentials-file", creds, "--json", "--timeout", "5"]

        once = subprocess.run(common + ["--sync-once"], env=env, capture_output=True, text=True, timeout=60)
        checks.check(once.returncode == 0, "--sync-once exits 0 (stderr: %s)" % once.stderr.strip()[-300:])
        report = json.loads(once.stdout.strip().splitlines()[-1]) if once.stdout.strip() else {}
        checks.check(report.get("ok") is True, "--json reports ok")
        checks.check(report.get("skills") == len(reference_document(SHIFT_STATUS)), "--json counts the skills")

        patches = [entry for entry in Fake.log if entry["method"] == "PATCH"]
        checks.check(len(patches) == 1, "exactly one PATCH")
        written = json.loads(patches[0]["body"]) if patches else {}
        timestamp = written.pop("timestamp", "")
        checks.check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", timestamp) is not None,
                     "timestamp is ISO-8601 UTC with milliseconds and Z: %r" % timestamp)
        expected = reference_document(SHIFT_STATUS)
        checks.check(written == expected, "PATCH body equals the reference job's object, timestamp aside")
        checks.check(b"4300000001" in patches[0]["body"] and b"e+" not in patches[0]["body"],
                     "big ids are written as digits, never in exponent form")
        checks.check(patches[0]["headers"].get("Content-Type", "").startswith("application/json"),
                     "PATCH carries Content-Type: application/json")

        Fake.log.clear()
        loop = subprocess.run(common + ["--headless", "--cycles", "5", "--interval", "1"], env=env,
                              capture_output=True, text=True, timeout=120)
        checks.check(loop.returncode == 0, "--headless --cycles 5 exits 0 (stderr: %s)" % loop.stderr.strip()[-300:])
        lines = [json.loads(line) for line in loop.stdout.splitlines() if line.strip()]
        checks.check(len(lines) == 5 and all(line.get("ok") for line in lines), "five successful cycles")

        # Split the fake's own request log into cycles at each shift-status fetch.
        cycles, current = [], []
        for entry in Fake.log:
            if entry["path"].endswith("/shift-status") and any(e["path"].endswith("/shift-status") for e in current):
                cycles.append(current)
                current = []
            current.append(entry)
        cycles.append(current)
        data_requests = [[e for e in cycle if "logout" not in e["path"]] for cycle in cycles]
        counts = [len(cycle) for cycle in data_requests]
        checks.check(len(counts) == 5 and all(count == 2 for count in counts[1:]),
                     "2 requests per cycle after the first, counted by the fake: %s" % counts)
        logins = sum(1 for e in Fake.log if e["path"].startswith("/api/account/%s/login" % ACCOUNT))
        checks.check(logins == 1, "one login for five cycles (%d)" % logins)

    server.shutdown()
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
