"""Hook: an offline copy of each language's site, for workshops without a connection.

Each language's pages, its PDFs and the shared assets are zipped into
downloads/reintegration-kb-<lang>.zip. Inside the copy every link names its index.html (a
browser shows a folder, not its page, for file:// links), links written from the site's root
(the home pages' language menu) are made relative, search loads its index from
search_index.js, and the iframe-worker shim lets Material's search worker run from disk.
Links to what is not in the copy (other languages) lead to the online site when SITE_URL
gives its address; without it they are not offered: the language menu keeps only the copy's
own language, a link to another language's version of a page or to a download goes, and any
other such link keeps its text without a target. The zip is reproducible: entries in build order, then
sorted, all with the date of this version of the content (kb/run.py).

The copies are written while the site builds: each page goes to a background thread of its
language's copy as soon as MkDocs has rendered it, and the rest of a language's folder when
its build ends (compression runs outside Python's lock, on another core). At the end of the
run the files that only exist then (assets, PDFs, the English search index) are added and
each archive replaces the previous one in one step.
"""

from __future__ import annotations

import functools
import logging
import os
import posixpath
import re
import time
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.run import zip_date
from kb.site_layout import DEFAULT_LANGUAGE, TRANSLATED_LANGUAGES
from run import built_languages, current_language, run_of

log = logging.getLogger("mkdocs.hooks.offline")

# Data

ARCHIVE = "reintegration-kb-{lang}"
DOWNLOADS = "downloads"
SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
# Not needed from disk: source maps, the JSON index (search_index.js replaces it), lunr's
# language packs (not used), the sitemap, 404 pages and other archives.
LEFT_OUT = re.compile(
    r"(\.map$|(^|/)search/search_index(\.full)?\.json$|^assets/javascripts/lunr/|^sitemap\.xml|(^|/)404\.html$|^downloads/.*\.zip(\.part)?$|\.gz$)"
)
# Compressed already: storing them saves time and costs no space. Not PDFs: Chromium writes a
# tagged PDF's structure tree uncompressed, and deflating halves the PDFs (4.2 MB to about 2 MB a
# language), which is most of an offline copy.
STORED = (".png", ".jpg", ".svgz", ".woff2")
_URL_ATTR = re.compile(r'(?P<attr>(?:href|src)=")(?P<url>[^"]*)"')  # no \b: four times faster
_LOCATION = re.compile(r'("location":")([^"#]*)')
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)
# A link with no target in the copy and no online address, marked in place of its href.
DEAD = "data-kb-dead"
_DEAD_MENU_ITEM = re.compile(rf'<li class="md-select__item">\s*<a {DEAD}\b[^>]*>.*?</a>\s*</li>\s*', re.S)
_DEAD_LINK = re.compile(rf"<a (?P<attrs>[^>]*\b{DEAD}\b[^>]*)>(?P<text>.*?)</a>", re.S)
# Links that only point somewhere (another language's version, a file to download): without
# their target they have nothing to offer.
_POINTER = re.compile(r"(?:^|\s)(?:hreflang=|download\b)")

COPY_MARKER = "<!-- offline-copy -->"
_SIZE = re.compile(
    r'(<span class="kb-size" data-kb-archive="(?P<name>[^"]+)" data-kb-format="(?P<format>[^"]+)">)[^<]*(</span>)'
)


# Hooks


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if COPY_MARKER not in markdown:
        return markdown
    name = f"{ARCHIVE.format(lang=current_language(config))}.zip"
    href = get_relative_url(f"{DOWNLOADS}/{name}", page.url)
    strings = config.extra["kb"]["downloads"]
    size = f'<span class="kb-size" data-kb-archive="{name}" data-kb-format="{strings["size"]}"></span>'
    link = f'<a class="md-button md-button--primary" href="{href}" download>{strings["offline_copy"]} {size}</a>'
    return markdown.replace(COPY_MARKER, link)


def on_pre_build(*, config: MkDocsConfig) -> None:
    if current_language(config) == DEFAULT_LANGUAGE:
        # The English build writes to the site's root; the other languages to folders in it.
        run = run_of(config)
        run.cache["offline"] = Copies(Path(config.site_dir), config.site_url or "", zip_date(run.version_time))


def at_page_end(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """The page as written, after every other hook (hooks/run.py, PAGE_END)."""
    copies, lang = _copies(config), current_language(config)
    path = (Path(config.site_dir) / page.file.dest_uri).relative_to(copies.root).as_posix()
    if not LEFT_OUT.search(path) and in_copy(path, lang):
        copies.of(lang).add_page(path, output)
    return output


def at_language_end(lang: str, *, config: MkDocsConfig) -> None:
    """The language's folder is complete but for its PDFs (printed at the end of the run):
    add the rest while the next language builds."""
    copies = _copies(config)
    if lang in copies.by_language:
        copies.of(lang).add_files(
            [path for path in members(site_files(copies.root, lang), lang) if not path.endswith(".pdf")]
        )


def at_run_end(*, config: MkDocsConfig) -> None:
    """Add what only exists now (assets, PDFs, the English search index) and put each archive
    in place (hooks/run.py, RUN_END: last)."""
    copies = _copies(config)
    root = copies.root
    files = site_files(root)
    for lang in built_languages(config):  # a language without pages (only in test sites) gets one too
        copies.of(lang).add_files(members(files, lang))
    archives = [future.result() for future in [copy.finish() for copy in copies.by_language.values()]]
    sizes = {archive.name: archive.stat().st_size for archive in archives}
    log.info(
        "offline copies: %s; %.2f s of work beside the build",
        ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in sorted(sizes.items())),
        sum(copy.seconds for copy in copies.by_language.values()),
    )
    for page in [root / path for path in files if path.endswith(f"{DOWNLOADS}/index.html")]:
        html = page.read_text("utf-8")
        page.write_text(
            _SIZE.sub(
                lambda m: (
                    m.group(1) + m.group("format").format(size=f"{sizes[m.group('name')] / 1e6:.1f}") + m.group(4)
                ),
                html,
            ),
            "utf-8",
        )


# Helpers


@dataclass
class Copies:
    """This run's offline copies: the site's root, what every copy needs, a copy per language."""

    root: Path
    site_url: str
    date: tuple  # every entry's: the version date (kb/run.py)
    by_language: dict = field(default_factory=dict)

    def of(self, lang: str) -> OfflineCopy:
        if lang not in self.by_language:
            self.by_language[lang] = OfflineCopy(self.root, lang, self.site_url, self.date)
        return self.by_language[lang]


def _copies(config: MkDocsConfig) -> Copies:
    return run_of(config).cache["offline"]


class OfflineCopy:
    """One language's archive, written by its own background thread in the order of the calls."""

    def __init__(self, site: Path, lang: str, site_url: str, date: tuple):
        self.site, self.lang, self.site_url = site, lang, site_url
        self.name = ARCHIVE.format(lang=lang)
        self.target = site / DOWNLOADS / f"{self.name}.zip"
        self.partial = self.target.with_suffix(".zip.part")
        self.date = date  # every entry's: the version date (kb/run.py)
        self.added: set[str] = set()
        self.seconds = 0.0  # CPU time of the background thread
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"offline-{lang}")
        self.archive: zipfile.ZipFile | None = None
        self.pending: list[Future] = [self.worker.submit(self._timed, self._open)]

    def add_page(self, path: str, html: str) -> None:
        self.pending.append(self.worker.submit(self._timed, self._add_page, path, html))

    def add_files(self, paths: list[str]) -> None:
        """Add files of the site that are not in the copy yet."""
        self.pending.append(self.worker.submit(self._timed, self._add_files, paths))

    def finish(self) -> Future:
        """Close the archive and put it in place; the future gives its path."""
        return self.worker.submit(self._timed, self._finish)

    def _timed(self, function, *args):
        started = time.thread_time()
        try:
            return function(*args)
        finally:
            self.seconds += time.thread_time() - started

    def _open(self) -> None:
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        self.archive = zipfile.ZipFile(self.partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        if self.lang != DEFAULT_LANGUAGE:
            start = (
                '<!doctype html><meta charset="utf-8">'
                f'<meta http-equiv="refresh" content="0; url={self.lang}/index.html">'
                f'<a href="{self.lang}/index.html">{self.lang}/index.html</a>'
            )
            self._add(f"{self.name}/index.html", start.encode("utf-8"))

    def _add_page(self, path: str, html: str) -> None:
        if path not in self.added:
            self._add(f"{self.name}/{path}", offline_html(html, path, self.lang, self.site_url).encode("utf-8"))
            self.added.add(path)

    def _add_files(self, paths: list[str]) -> None:
        for path in paths:
            if path in self.added:
                continue
            data = (self.site / path).read_bytes()
            if path.endswith(".html"):
                data = offline_html(data.decode("utf-8"), path, self.lang, self.site_url).encode("utf-8")
            elif path.endswith("search/search_index.js"):
                data = offline_index(data.decode("utf-8")).encode("utf-8")
            self._add(f"{self.name}/{path}", data)
            self.added.add(path)

    def _finish(self) -> Path:
        for future in self.pending:
            future.result()  # raises what went wrong with a page or file
        self.archive.close()
        os.replace(self.partial, self.target)  # never a half-written archive where a good one was
        self.worker.shutdown(wait=False)
        return self.target

    def _add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self.date)
        info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.archive.writestr(info, data, compresslevel=6)


def site_files(site: Path, folder: str = "") -> list[str]:
    """Every file under a folder of the site, as sorted site paths."""
    found = []
    for directory, _, names in os.walk(site / folder):
        base = Path(directory).relative_to(site).as_posix()
        found += [name if base == "." else f"{base}/{name}" for name in names]
    return sorted(found)


def members(paths: list[str], lang: str) -> list[str]:
    """The site paths that belong in a language's offline copy."""
    return [path for path in paths if in_copy(path, lang) and not LEFT_OUT.search(path)]


def in_copy(path: str, lang: str) -> bool:
    """Whether a site path is part of a language's offline copy."""
    top = path.split("/")[0]
    if top == "assets":
        return True
    if lang == DEFAULT_LANGUAGE:
        return top not in TRANSLATED_LANGUAGES
    return top == lang


@functools.lru_cache(maxsize=8192)  # pages of one folder share most of their links
def offline_url(url: str, folder: str, lang: str, site_url: str) -> str | None:
    """A link of a page in `folder` (a site path) as it must be inside the offline copy: to a
    file of the copy, else to the online site; None when it has no online address either."""
    if _ABSOLUTE.match(url):
        return url
    path, _, anchor = url.partition("#")
    anchor = f"#{anchor}" if anchor else ""
    if path.startswith("/"):  # from the site's root: relative to the page, as in the copy
        base = urlsplit(site_url).path if site_url else "/"
        if not path.startswith(base):
            return None
        path = posixpath.relpath(path[len(base) :] or ".", folder or ".") + ("/" if path.endswith("/") else "")
    resolved = posixpath.normpath(posixpath.join(folder, path.partition("?")[0] or "."))
    if not in_copy(resolved, lang) or LEFT_OUT.search(resolved):  # another language, the archives: online
        if not site_url:
            return None
        online = "" if resolved == "." else resolved + ("/" if not posixpath.splitext(resolved)[1] else "")
        return f"{site_url.rstrip('/')}/{online}{anchor}"
    if path in ("", "."):
        path = "index.html"
    elif path.partition("?")[0].rsplit("/", 1)[-1] in ("", ".", ".."):  # a folder: its page
        path = path.rstrip("/") + "/index.html"
    return path + anchor


def offline_html(html: str, page: str, lang: str, site_url: str) -> str:
    folder = posixpath.dirname(page)

    def rewrite(match: re.Match) -> str:
        url = offline_url(match.group("url"), folder, lang, site_url)
        return DEAD if url is None else match.group("attr") + url + '"'

    html = _URL_ATTR.sub(rewrite, html)
    if DEAD in html:
        html = without_dead_links(html)
    shim = posixpath.relpath(SHIM, folder or ".")
    return html.replace("</head>", f'<script src="{shim}"></script></head>', 1)


def without_dead_links(html: str) -> str:
    """The page without the links that `offline_html` marked as leading nowhere."""
    html = _DEAD_MENU_ITEM.sub("", html)
    return _DEAD_LINK.sub(lambda m: "" if _POINTER.search(m.group("attrs")) else m.group("text"), html)


def offline_index(script: str) -> str:
    """search_index.js with locations that name index.html (in compact JSON, an unescaped
    "location":" can only be a key)."""
    return _LOCATION.sub(
        lambda m: (
            m.group(1) + (m.group(2) + "index.html" if m.group(2) == "" or m.group(2).endswith("/") else m.group(2))
        ),
        script,
    )
