#!/usr/bin/env bash
# Run the benchmark: installs what it needs (the pinned Python packages, Debian's chromium, the
# npm packages package-lock.json pins, Lighthouse among them), then prints every figure.
# Arguments go to bench/run.py (--quick skips the scaling and serve measurements).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh requirements-test.txt
browser_for_pdfs
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if [ ! -x node_modules/.bin/lighthouse ] || ! cmp -s package-lock.json node_modules/.kb-lock; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.kb-lock
fi
exec .venv/bin/python bench/run.py "$@"
