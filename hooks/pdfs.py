"""Hook: PDFs for trainers, in every language (hooks/printables.py decides what they hold).

- checklist, guide and story pages get "Download ... (PDF)" buttons in the reader's language;
- the Downloads page lists every PDF of its language;
- at the end of the run, one headless Chromium (Debian's, through Playwright) prints every
  PDF on A4 from the built pages, with the site's print stylesheet, a title, the language
  and text that can be searched and copied.

`mkdocs serve` and builds with KB_SKIP_PDF=1 skip the printing (the links stay), for quick
authoring; the default build always prints.
"""

from __future__ import annotations

import html as htmllib
import logging
import os
import re
import shutil
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import page_source
import printables
from kb import run as kb_run
from kb.chromium import CHROMIUM, CHROMIUM_ARGS
from run import current_language, run_of, serving
from site_layout import DEFAULT_LANGUAGE, LANGUAGES, project_dir
from source_checks import published_stories

log = logging.getLogger("mkdocs.hooks.pdfs")

# Data

LISTING_MARKER = "<!-- printables -->"
PAGE_MARGIN = {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}  # the footer prints in the bottom one
SKIP_VARIABLE = "KB_SKIP_PDF"
WORK_DIR = ".pdf-work"

_plan: dict[str, list] = {}  # docs dir -> this build's PDFs; reset in on_config

# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if current_language(config) == DEFAULT_LANGUAGE:  # once per run: the later builds share config
        config.extra["kb_version_date"] = run_of(config).version_date
    _plan.clear()
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if LISTING_MARKER in markdown:
        return markdown.replace(LISTING_MARKER, listing(page, config, files))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    pdfs = printables.offered_on(page.file.norm_src_uri, plan(config))
    if not pdfs:
        return html
    labels = config.extra["kb"]["pdf"]
    lang = current_language(config)
    buttons = "".join(
        f'<a class="md-button" href="{get_relative_url(pdf.path(lang), page.url)}" download>{htmllib.escape(labels["download_" + pdf.kind])}</a> '
        for pdf in pdfs
    )
    block = f'<div class="kb-downloads" data-search-exclude>{buttons}</div>'
    head, found, rest = html.partition("</h1>")
    return head + found + block + rest if found else block + html


def at_run_end(*, config: MkDocsConfig) -> None:
    """Print every PDF (hooks/run.py calls this at the end of the run, in its order)."""
    if serving() or os.environ.get(SKIP_VARIABLE):
        log.info(f"PDFs not printed ({'mkdocs serve' if serving() else SKIP_VARIABLE + ' is set'})")
        return
    if not os.path.exists(CHROMIUM):
        log.warning(f"PDFs need Debian's chromium at {CHROMIUM} (scripts/build.sh installs it); set {SKIP_VARIABLE}=1 to build without PDFs")
        return
    started = time.monotonic()
    count = render_all(Path(config.site_dir), config)
    log.info(f"printed {count} PDFs in {time.monotonic() - started:.1f} s")


# Helpers


def version_time(project: Path) -> int:
    """When this version of the content was made (kb/run.py: never the clock)."""
    return kb_run.version_time(project)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")


def fix_dates(pdf: bytes, epoch: int) -> bytes:
    """Chromium stamps the time of printing; use the content's time instead (same length, so
    the file's byte offsets stay right)."""
    stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch)).encode()
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + stamp + b")", pdf)


def plan(config) -> list[printables.Pdf]:
    """The PDFs of every language: those whose pages exist in this project (once per build)."""
    if config.docs_dir not in _plan:
        english = Path(config.docs_dir) / DEFAULT_LANGUAGE
        pdfs = printables.plan(published_stories(run_of(config)))
        _plan[config.docs_dir] = [pdf for pdf in pdfs if all((english / page).is_file() for page in pdf.pages)]
    return _plan[config.docs_dir]


def listing(page, config, files) -> str:
    """Markdown: every PDF of this language, titled in the language, linked from Downloads."""
    labels = config.extra["kb"]["pdf"]
    lang = current_language(config)
    rows = [f"| {labels['material']} | PDF |", "|---|---|"]
    for pdf in plan(config):
        source = files.get_file_from_path(pdf.pages[0])
        title = page_source.parse(Path(source.abs_src_path).read_text("utf-8")).meta.get("title", pdf.name) if source else pdf.name
        title = str(title).replace("|", "\\|")
        href = get_relative_url(pdf.path(lang), page.url)
        rows.append(f'| {labels["kind_" + pdf.kind]}: {title} | <a href="{href}" download>{pdf.name}.pdf</a> |')
    return "\n".join(rows)


def render_all(site: Path, config) -> int:
    from playwright.sync_api import sync_playwright

    project = project_dir(config.config_file_path)
    work = site / WORK_DIR
    work.mkdir(exist_ok=True)
    epoch = version_time(project)
    count = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for lang in LANGUAGES:
                strings = _strings(project, lang)
                for pdf in plan(config):
                    document = build_document(site, pdf, lang, strings, config)
                    source = work / f"{lang}-{pdf.name}.html"
                    first_page = printables.page_html_path(pdf.pages[0], lang)
                    styles = printables.stylesheets_of((site / first_page).read_text("utf-8"), first_page)
                    source.write_text(document.html(["../" + s for s in styles], strings["site_name"]), "utf-8")
                    page.goto(source.as_uri(), wait_until="load")
                    target = site / pdf.path(lang)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    page.pdf(
                        path=str(target), format="A4", print_background=True, tagged=True, outline=True,
                        margin=PAGE_MARGIN,
                        display_header_footer=True, header_template="<span></span>",
                        footer_template=footer(strings, config, lang),
                    )
                    target.write_bytes(fix_dates(target.read_bytes(), epoch))
                    count += 1
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return count


def _strings(project: Path, lang: str) -> dict:
    import ui_strings

    return ui_strings.load(project, [lang])[lang]


def online_url(config, lang: str, pdf: printables.Pdf) -> str | None:
    """The online address of the PDF's first page; None without SITE_URL (none is invented)."""
    if not config.site_url:
        return None
    return config.site_url.rstrip("/") + "/" + printables.page_html_path(pdf.pages[0], lang).removesuffix("index.html")


def footer(strings: dict, config, lang: str) -> str:
    text = f'{strings["site_name"]} · {strings["language_name"]} · {strings["pdf"]["version"]} {config.extra["kb_version_date"]}'
    return (
        '<div style="font-size:8px;font-family:DejaVu Sans,sans-serif;width:100%;margin:0 16mm;display:flex;justify-content:space-between;color:#333">'
        f'<span>{htmllib.escape(text)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
    )


def build_document(site: Path, pdf: printables.Pdf, lang: str, strings: dict, config) -> printables.Document:
    labels = strings["pdf"]
    site_url = config.site_url or ""
    pages = [
        printables.online_links((site / printables.page_html_path(page, lang)).read_text("utf-8"), printables.page_html_path(page, lang), site_url)
        for page in pdf.pages
    ]
    first = printables.article(pages[0])
    title = printables.title_of(first)
    direction = printables.direction_of(pages[0])
    online = online_url(config, lang, pdf)
    meta = [
        f'{labels["language"]}: {strings["language_name"]}',
        *([f'{labels["online"]}: {online}'] if online else []),
        f'{labels["version"]} {config.extra["kb_version_date"]}',
    ]
    if pdf.kind == "checklist":
        guide = strings["nav"]["Stages of recovery"] if pdf.pages[0].startswith("guides/stages/") else title
        meta.insert(0, f'{labels["guide"]}: {guide}')
        body = printables.checklist_part(pages[0])
        return printables.Document(lang, f'{labels["kind_checklist"]}: {title}', htmllib.escape(title), body, meta, direction)
    if pdf.kind == "guide":
        body = "".join(f'<section class="kb-pdf__part">{printables.article(html)}</section>' for html in pages)
        body = printables.first_notices_only(printables.without_h1(body))
        return printables.Document(lang, title, htmllib.escape(title), body, meta, direction)
    if pdf.kind == "handout":
        return printables.Document(lang, title, htmllib.escape(title), printables.without_h1(first), meta, direction)
    body = printables.facilitator_part(pages[0])
    return printables.Document(lang, f'{labels["kind_facilitator"]}: {title}', f'{htmllib.escape(labels["kind_facilitator"])}: {htmllib.escape(title)}', body, meta, direction)
