#!/usr/bin/env bash
# Install CommunesPlone with zc.buildout: produces bin/instance.
#
#   export COMMUNESPLONE_ADMIN_PASSWORD='...'   # required, no default
#   scripts/buildout.sh [extra buildout arguments, e.g. buildout:http-address=8081]
#
# Steps (each is skipped or a no-op when already done, so it is safe to rerun):
#   1. create .venv-buildout with python3.11 (override: PYTHON=/path/to/python3.11)
#   2. install the pinned zc.buildout into it (pip install -c constraints.txt)
#   3. check that versions.cfg matches constraints.txt
#   4. run .venv-buildout/bin/buildout -c buildout.cfg
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3.11}"
VENV=.venv-buildout

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

if [ -z "${COMMUNESPLONE_ADMIN_PASSWORD:-}" ]; then
    die "COMMUNESPLONE_ADMIN_PASSWORD is not set. The Zope admin password has no default:
    export COMMUNESPLONE_ADMIN_PASSWORD='a-strong-password'
and run $0 again (user name: zopeadmin)."
fi

start=$(date +%s)

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found (set PYTHON=/path/to/python3.11)."
    say "Creating $VENV with $PYTHON"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
else
    say "Reusing $VENV ($("$VENV/bin/python" --version))"
fi

say "Installing the pinned zc.buildout into $VENV (pip install -c constraints.txt zc.buildout)"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt zc.buildout
say "zc.buildout $("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("zc.buildout"))') is installed"

say "Checking that versions.cfg matches constraints.txt"
"$VENV/bin/python" scripts/make_versions_cfg.py --check

say "Running $VENV/bin/buildout -c buildout.cfg $*"
"$VENV/bin/buildout" -c buildout.cfg "$@"

# .installed.cfg records the part options, the admin password among them.
[ -f .installed.cfg ] && chmod 600 .installed.cfg

[ -x bin/instance ] || die "buildout finished but bin/instance is missing."
say "Done in $(( $(date +%s) - start )) s. Start Zope with: bin/instance fg (operator: zopeadmin)"
