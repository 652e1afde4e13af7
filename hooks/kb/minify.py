"""The project's own stylesheet and scripts, as readers download them: without comments and
indentation. The sources keep their comments (they say why each rule is there); a phone on
a poor connection should not download them (about 3 KB of every first visit).

Only block comments and the whitespace at the start and end of lines go: line breaks stay,
so no rule or statement can run into the next. The files are the project's (kb.css, kb-*.js),
which hold no comment marker inside a string; a vendored file keeps its licence comment.
"""

from __future__ import annotations

import re

# Data

_BLOCK_COMMENT = re.compile(r"/\*(?!!).*?\*/", re.S)  # /*! ... */ is a licence: kept

# Helpers


def minified(text: str) -> str:
    """CSS or JavaScript without block comments, indentation or blank lines."""
    lines = (line.strip() for line in _BLOCK_COMMENT.sub("", text).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
