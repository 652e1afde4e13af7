"""Check the sources without building the site: every check the build runs, the same messages.

    .venv/bin/python hooks/check.py [PROJECT_DIR]

Exits 1 and prints `path:line: message` lines when there are problems, 0 when there are none.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kb.source_checks import check_project, read_project


def main(argv: list[str]) -> int:
    project = Path(argv[0]) if argv else Path(__file__).resolve().parents[1]
    messages = check_project(read_project(project))
    for message in messages:
        print(message)
    print(f"{len(messages)} problem(s) found" if messages else "no problems found", file=sys.stderr)
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
