#!/usr/bin/env bash
# Run the whole test suite: installs the pinned Python packages and Debian's chromium for the
# browser tests, then runs pytest. Extra arguments go to pytest (e.g. -k checklist, or
# -m "not browser" for the fast lane: no Chromium, no PDFs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh requirements-test.txt
spelling_dictionaries
browser_for_pdfs
web_server_for_tests
# axe-core for the accessibility tests.
node_packages --omit=dev
# Lint and format first: a finding fails the run before the tests start.
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
