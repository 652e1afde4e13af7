#!/usr/bin/env bash
# Build the whole four-language site into site/ with --strict.
#   scripts/build.sh                 build once (PDFs and offline copies included)
#   scripts/build.sh serve           preview on http://127.0.0.1:8000 with live reload (no PDFs,
#                                    no offline copies)
#   scripts/build.sh serve sq        the same for one language only (at /sq/), without search:
#                                    quicker rebuilds
#   KB_SKIP_PDF=1 scripts/build.sh   a quick authoring build without printing the PDFs
# The site is built into a new folder and only then put in place of site/: a failed build
# never leaves a half-written site where a good one was.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh requirements.txt
spelling_dictionaries
if [ -z "${KB_SKIP_PDF:-}" ]; then
  browser_for_pdfs
fi
if [ "${1:-build}" = serve ]; then
  shift
  if [ -n "${1:-}" ] && [ "${1#-}" = "$1" ]; then
    export KB_PREVIEW_LANGUAGE="$1"  # hooks/run.py: build English and this language only
    shift
  fi
  exec .venv/bin/mkdocs serve --strict "$@"
fi
rm -rf site.new
.venv/bin/mkdocs build --strict --site-dir site.new "$@"
rm -rf site.old
if [ -d site ]; then mv site site.old; fi
mv site.new site
rm -rf site.old
echo "site/ is ready"
