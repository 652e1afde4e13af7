"""The Content-Security-Policy every page carries, as a <meta> element.

The policy lets a page load scripts, styles, images, fonts, workers and connections from the
site itself only, runs no inline script except the page's own (allowed by their SHA-256
hashes), and allows no plugins, no <base> and no form submission. A <meta> policy holds on any
host and in the offline copies opened from disk; `frame-ancestors` can only be sent as a
header (hosting/).

The hashes are computed on the page's final HTML: the inline scripts are Material's (one of
them names the page's depth, so it differs between pages), and only the rendered page has
their exact bytes. That is why this works on HTML, not on the Markdown tree.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Data

# Inline scripts that run: no src, and a JavaScript type or none (data blocks such as
# Material's JSON configuration are not scripts and need no hash).
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)

# 'self' does not match file: URLs in Chromium, so an offline copy opened from disk names the
# scheme; a page served over HTTP(S) can never load a file: URL, so this adds nothing online.
SITE = "'self' file:"

DIRECTIVES = (
    ("default-src", "'none'"),
    ("script-src", SITE),  # + the inline scripts' hashes
    ("style-src", SITE),
    ("img-src", f"{SITE} data:"),  # Material's icons are data: SVGs in its stylesheet
    ("font-src", SITE),
    ("connect-src", SITE),
    ("worker-src", SITE),
    ("frame-src", SITE),  # the offline copy's search worker runs in a frame (iframe-worker)
    ("manifest-src", SITE),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
)

# Helpers


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-...' sources for every inline script that runs, in page order, once each."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        kind = _TYPE.search(match.group("attrs"))
        if " src=" in match.group("attrs") or (kind and kind.group(1).lower() not in _RUNNABLE_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(script_hashes: list[str]) -> str:
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src" and script_hashes:
            value = f"{value} {' '.join(script_hashes)}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def with_policy(html: str) -> str:
    """The page with its policy as the first element after <meta charset> (before any script)."""
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">'
    charset = _CHARSET.search(html)
    if charset:
        return html[: charset.end()] + meta + html[charset.end() :]
    head = html.lower().find("<head>")
    if head < 0:
        return meta + html
    return html[: head + 6] + meta + html[head + 6 :]
