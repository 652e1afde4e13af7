"""Hook: an offline copy of each language's site, for workshops without a connection.

After the whole run, each language's pages, its PDFs and the shared assets are zipped into
downloads/reintegration-kb-<lang>.zip. Inside the copy every link names its index.html (a
browser shows a folder, not its page, for file:// links), links to other languages point to
the online site, search loads its index from search_index.js, and the iframe-worker shim lets
Material's search worker run from disk. The zip is reproducible: sorted entries, one fixed date.
"""

from __future__ import annotations

import functools
import json
import os
import posixpath
import re
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from site_layout import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATED_LANGUAGES, current_language, finished_language

# Data

ARCHIVE = "reintegration-kb-{lang}"
DOWNLOADS = "downloads"
SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
# Not needed from disk: source maps, the JSON index (search_index.js replaces it), lunr's
# language packs (not used), the sitemap, 404 pages and other archives.
LEFT_OUT = re.compile(r"(\.map$|(^|/)search/search_index(\.full)?\.json$|^assets/javascripts/lunr/|^sitemap\.xml|(^|/)404\.html$|^downloads/.*\.zip(\.part)?$|\.gz$)")
_URL_ATTR = re.compile(r'(?P<attr>(?:href|src)=")(?P<url>[^"]*)"')  # no \b: four times faster

_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)

COPY_MARKER = "<!-- offline-copy -->"
_SIZE = re.compile(r'(<span class="kb-size" data-kb-archive="(?P<name>[^"]+)" data-kb-format="(?P<format>[^"]+)">)[^<]*(</span>)')

# Hooks


def on_page_markdown(markdown, page, config, files):
    if COPY_MARKER not in markdown:
        return markdown
    name = f"{ARCHIVE.format(lang=current_language(config))}.zip"
    href = get_relative_url(f"{DOWNLOADS}/{name}", page.url)
    strings = config.extra["kb"]["downloads"]
    size = f'<span class="kb-size" data-kb-archive="{name}" data-kb-format="{strings["size"]}"></span>'
    link = f'<a class="md-button md-button--primary" href="{href}" download>{strings["offline_copy"]} {size}</a>'
    return markdown.replace(COPY_MARKER, link)



@event_priority(-200)  # after search indexes and PDFs
def on_post_build(config):
    if finished_language(config) != DEFAULT_LANGUAGE:
        return
    site = Path(config.site_dir)
    # zlib compresses outside Python's lock, so the four archives are written side by side.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        archives = list(pool.map(lambda lang: write_archive(site, lang, config.site_url or ""), LANGUAGES))
    sizes = {archive.name: archive.stat().st_size for archive in archives}
    for page in site.rglob(f"{DOWNLOADS}/index.html"):
        html = page.read_text("utf-8")
        page.write_text(_SIZE.sub(lambda m: m.group(1) + m.group("format").format(size=f"{sizes[m.group('name')] / 1e6:.1f}") + m.group(4), html), "utf-8")


# Helpers


def members(site: Path, lang: str) -> list[str]:
    """Site paths that belong in a language's offline copy."""
    others = tuple(f"{other}/" for other in LANGUAGES if other != lang and other != DEFAULT_LANGUAGE)
    found = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if LEFT_OUT.search(name) or name.startswith(others):
            continue
        if lang != DEFAULT_LANGUAGE and not (name.startswith(f"{lang}/") or name.startswith("assets/")):
            continue
        found.append(name)
    return sorted(found)


def in_copy(path: str, lang: str) -> bool:
    """Whether a site path is part of a language's offline copy."""
    top = path.split("/")[0]
    if top == "assets":
        return True
    if lang == DEFAULT_LANGUAGE:
        return top not in TRANSLATED_LANGUAGES
    return top == lang


@functools.lru_cache(maxsize=8192)  # pages of one folder share most of their links
def offline_url(url: str, folder: str, lang: str, site_url: str) -> str:
    """A link of a page in `folder` (a site path) as it must be inside the offline copy."""
    if _ABSOLUTE.match(url) or url.startswith("/"):
        return url
    path, _, anchor = url.partition("#")
    anchor = f"#{anchor}" if anchor else ""
    resolved = posixpath.normpath(posixpath.join(folder, path.partition("?")[0] or "."))
    if not in_copy(resolved, lang):  # another language: its online page
        online = "" if resolved == "." else resolved + ("/" if not posixpath.splitext(resolved)[1] else "")
        return f"{site_url.rstrip('/')}/{online}{anchor}"
    if path in ("", "."):
        path = "index.html"
    elif path == ".." or path.endswith("/"):
        path = path.rstrip("/") + "/index.html"
    return path + anchor


def offline_html(html: str, page: str, lang: str, site_url: str) -> str:
    folder = posixpath.dirname(page)
    html = _URL_ATTR.sub(lambda m: m.group("attr") + offline_url(m.group("url"), folder, lang, site_url) + '"', html)
    shim = posixpath.relpath(SHIM, folder or ".")
    return html.replace("</head>", f'<script src="{shim}"></script></head>', 1)


def offline_index(script: str) -> str:
    """search_index.js with locations that name index.html."""
    data = json.loads(script.removeprefix("var __index = "))
    for doc in data["docs"]:
        path, hash_, anchor = doc["location"].partition("#")
        if path == "" or path.endswith("/"):
            path += "index.html"
        doc["location"] = path + hash_ + anchor
    return "var __index = " + json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def fixed_date() -> tuple:
    """The date every entry carries: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, zip's first date
    return time.gmtime(max(epoch, 315532800))[:6]


def write_archive(site: Path, lang: str, site_url: str) -> Path:
    name = ARCHIVE.format(lang=lang)
    target = site / DOWNLOADS / f"{name}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    date = fixed_date()
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        if lang != DEFAULT_LANGUAGE:
            start = f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={lang}/index.html"><a href="{lang}/index.html">{lang}/index.html</a>'
            _add(archive, f"{name}/index.html", start.encode("utf-8"), date)
        for member in members(site, lang):
            data = (site / member).read_bytes()
            if member.endswith(".html"):
                data = offline_html(data.decode("utf-8"), member, lang, site_url).encode("utf-8")
            elif member.endswith("search/search_index.js"):
                data = offline_index(data.decode("utf-8")).encode("utf-8")
            _add(archive, f"{name}/{member}", data, date)
    os.replace(partial, target)  # never a half-written archive where a good one was
    return target


def _add(archive: zipfile.ZipFile, name: str, data: bytes, date: tuple) -> None:
    info = zipfile.ZipInfo(name, date_time=date)
    # PDFs and images are compressed already: storing them saves time and costs no space.
    info.compress_type = zipfile.ZIP_STORED if name.endswith((".pdf", ".png", ".jpg", ".svgz")) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=6)
