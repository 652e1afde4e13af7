#!/usr/bin/env bash
# Run the whole test suite: installs the pinned Python packages and Debian's chromium for the
# browser tests, then runs pytest. Extra arguments go to pytest (e.g. -k checklist).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh requirements-test.txt
browser_for_pdfs
# axe-core for the accessibility tests, at the version package-lock.json pins.
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.kb-lock; then
  npm ci --omit=dev --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.kb-lock
fi
exec .venv/bin/python -m pytest "$@"
