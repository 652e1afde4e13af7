"""Configuration for static hosts that read `_headers` and `_redirects` files (Netlify,
Cloudflare Pages and others), written into the built site so that it always names the hashed
files of this very build.

The headers are those a <meta> policy cannot set (hosting/headers.conf holds the same for
nginx); files whose name carries a content hash get a year-long immutable cache, and each
language's missing pages its own 404 page.
"""

from __future__ import annotations

import re

# Data

HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")


def header_lines(headers_conf: str) -> list[tuple[str, str]]:
    """(name, value) of every `add_header` in hosting/headers.conf: one list for both hosts."""
    return re.findall(r'^add_header\s+([\w-]+)\s+"([^"]*)"', headers_conf, re.M)


def headers_file(site_files: list[str], headers: list[tuple[str, str]]) -> str:
    """`_headers`: security headers for every path, long caching for the hashed files."""
    lines = ["# Written by the build (hooks/hosting.py): security headers and cache lifetimes.", "/*"]
    lines += [f"  {name}: {value}" for name, value in headers]
    for path in sorted(p for p in site_files if HASHED.search(p)):
        lines += [f"/{path}", "  Cache-Control: public, max-age=31536000, immutable"]
    return "\n".join(lines) + "\n"


def redirects_file(languages: list[str]) -> str:
    """`_redirects`: a missing page under /sq/ gets the Albanian 404 page, and so on."""
    lines = ["# Written by the build (hooks/hosting.py): each language's 404 page."]
    lines += [f"/{lang}/*  /{lang}/404.html  404" for lang in languages]
    return "\n".join(lines) + "\n"
