#!/usr/bin/env bash
# Build the whole four-language site into site/ with --strict.
#   scripts/build.sh          build once
#   scripts/build.sh serve    preview on http://127.0.0.1:8000 with live reload (no PDFs)
#   KB_SKIP_PDF=1 scripts/build.sh   a quick authoring build without printing the PDFs
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh requirements.txt
if [ -z "${KB_SKIP_PDF:-}" ]; then
  browser_for_pdfs
fi
if [ "${1:-build}" = serve ]; then
  exec .venv/bin/mkdocs serve --strict "${@:2}"
fi
exec .venv/bin/mkdocs build --strict "${@:2}"
