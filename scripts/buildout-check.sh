#!/usr/bin/env bash
# Smoke-test the buildout install: boot Zope with `bin/instance fg` on PORT.
#
#   scripts/buildout-check.sh PORT        (after scripts/buildout.sh)
#
# The instance under test is generated from the same buildout.cfg and the same
# eggs, but in a throwaway directory (its own parts/, bin/, var/ and a fresh
# Data.fs) listening on 127.0.0.1:PORT only, so the administrator's bin/instance,
# its port and its data are never touched.  Its admin password is random.
#
# Passes (exit 0) when, within 120 s, http://127.0.0.1:PORT/ answers 200 or 401
# and the Zope root (/manage_main) answers 200 to zopeadmin.  The instance is
# always stopped and the throwaway directory removed; no process is left behind.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT="${1:-}"
TIMEOUT=120
VENV=.venv-buildout

say() { printf '==> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] && (( PORT > 0 && PORT < 65536 )) || fail "usage: $0 PORT"
[ -x "$VENV/bin/buildout" ] || fail "$VENV/bin/buildout is missing: run scripts/buildout.sh first."
PY="$VENV/bin/python"

# Refuse to test whatever else might already answer on that port.
if "$PY" -c 'import socket, sys; s = socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(("127.0.0.1", int(sys.argv[1]))) != 0)' "$PORT"; then
    fail "port $PORT is already in use on 127.0.0.1."
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/communesplone-buildout-check.XXXXXX")"
PID=""

stop_instance() {
    [ -n "$PID" ] || return 0
    # bin/instance fg runs Zope in a child process: signal the whole group.
    local sig waited
    for sig in INT TERM KILL; do
        kill -0 -- "-$PID" 2>/dev/null || break
        say "Stopping the instance (SIG$sig)"
        kill "-$sig" -- "-$PID" 2>/dev/null || true
        for waited in $(seq 1 30); do
            kill -0 -- "-$PID" 2>/dev/null || break
            sleep 1
        done
    done
    wait "$PID" 2>/dev/null || true
    if kill -0 -- "-$PID" 2>/dev/null; then
        printf 'FAIL: could not stop process group %s\n' "$PID" >&2
        return 1
    fi
    PID=""
}

cleanup() {
    local rc=$?
    stop_instance || rc=1
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_log() {
    printf -- '---- last lines of the instance output ----\n' >&2
    tail -n 40 "$WORK/instance.log" >&2 || true
    printf -- '-------------------------------------------\n' >&2
}

PASSWORD="check-$("$PY" -c 'import secrets; print(secrets.token_hex(16))')"

say "Generating a throwaway instance on 127.0.0.1:$PORT in $WORK"
if ! COMMUNESPLONE_ADMIN_PASSWORD="$PASSWORD" "$VENV/bin/buildout" -N -c buildout.cfg \
        "buildout:installed=$WORK/.installed.cfg" \
        "buildout:parts-directory=$WORK/parts" \
        "buildout:bin-directory=$WORK/bin" \
        "buildout:http-address=127.0.0.1:$PORT" \
        "instance:var=$WORK/var" \
        >"$WORK/buildout.log" 2>&1; then
    tail -n 40 "$WORK/buildout.log" >&2
    fail "buildout could not generate the instance."
fi
[ -x "$WORK/bin/instance" ] || fail "buildout did not produce bin/instance."

say "Starting bin/instance fg"
# Own session and process group (PGID = PID) so that the whole tree can be
# signalled, and SIGINT back to its default: bash ignores it in background
# jobs, and cannot undo that when this script itself was started ignoring it.
"$PY" -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.setsid()
os.execv(sys.argv[1], sys.argv[1:])' "$WORK/bin/instance" fg </dev/null >"$WORK/instance.log" 2>&1 &
PID=$!

say "Waiting up to $TIMEOUT s for http://127.0.0.1:$PORT/"
start=$(date +%s)
code=""
while :; do
    if ! kill -0 "$PID" 2>/dev/null; then
        show_log
        fail "the instance exited before answering HTTP."
    fi
    code="$("$PY" - "$PORT" <<'EOF' || true
import sys, urllib.error, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=5) as r:
        print(r.status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    pass
EOF
)"
    [ -n "$code" ] && break
    if (( $(date +%s) - start >= TIMEOUT )); then
        show_log
        fail "no HTTP answer on port $PORT after $TIMEOUT s."
    fi
    sleep 2
done
say "HTTP answered after $(( $(date +%s) - start )) s: GET / -> $code"
case "$code" in
    200|401) ;;
    *) show_log; fail "GET / answered $code, expected 200 or 401." ;;
esac

if ! root="$(COMMUNESPLONE_CHECK_PASSWORD="$PASSWORD" "$PY" - "$PORT" <<'EOF'
import base64, os, sys, urllib.error, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/manage_main"
token = base64.b64encode(f"zopeadmin:{os.environ['COMMUNESPLONE_CHECK_PASSWORD']}".encode()).decode()
request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
try:
    with urllib.request.urlopen(request, timeout=30) as r:
        body = r.read().decode("utf-8", "replace")
        status = r.status
except urllib.error.HTTPError as e:
    sys.exit(f"GET /manage_main as zopeadmin answered {e.code}, expected 200")
if status != 200 or "Zope" not in body:
    sys.exit(f"GET /manage_main as zopeadmin answered {status} without the Zope root page")
print(f"GET /manage_main as zopeadmin -> {status} (Zope root)")
EOF
)"; then
    show_log
    fail "the Zope root did not answer as expected."
fi
say "$root"

stop_instance || fail "the instance did not stop."
say "OK: the buildout instance boots and answers on port $PORT."
