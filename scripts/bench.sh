#!/usr/bin/env bash
# Run the benchmark: installs what it needs (the pinned Python packages, Debian's chromium, the
# npm packages package-lock.json pins, Lighthouse among them), then prints every figure.
# Arguments go to bench/run.py (--quick skips the scaling and serve measurements).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh requirements-test.txt
browser_for_pdfs
# Lighthouse and axe-core.
node_packages
exec .venv/bin/python bench/run.py "$@"
