#!/usr/bin/env bash
# Run the whole test suite: installs the pinned Python packages and Debian's chromium for the
# browser tests, then runs pytest. Extra arguments go to pytest (e.g. -k checklist).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh requirements-test.txt
spelling_dictionaries
browser_for_pdfs
# axe-core for the accessibility tests.
node_packages --omit=dev
exec .venv/bin/python -m pytest "$@"
