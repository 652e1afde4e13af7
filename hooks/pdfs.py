"""Hook: PDFs for trainers, in every language (hooks/kb/printables.py decides what they hold).

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
import posixpath
import re
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb import book, booklets, casefile, checklist_rules, guides, page_source, printables, translation_rules
from kb.chromium import CHROMIUM, CHROMIUM_ARGS
from kb.site_layout import DEFAULT_LANGUAGE, LANGUAGES, project_dir
from kb.source_checks import english_pages, published_stories, run_translation_rows, shown_source
from run import current_language, previewing, run_of

log = logging.getLogger("mkdocs.hooks.pdfs")

# Data

LISTING_MARKER = "<!-- printables -->"
PAGE_MARGIN = {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}  # the footer prints in the bottom one
SKIP_VARIABLE = "KB_SKIP_PDF"
WORK_DIR = ".pdf-work"
PRINTERS = 2  # Chromiums printing at once: on 2 cores, one prints while Python builds the next document

_record_lock = threading.Lock()  # the printers record from their own threads
_PDF_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")

# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if current_language(config) == DEFAULT_LANGUAGE:  # once per run: the later builds share config
        config.extra["kb_version_date"] = run_of(config).version_date
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
        f'<a class="md-button" href="{get_relative_url(pdf.path(lang), page.url)}" download>'
        f"{htmllib.escape(labels['download_' + pdf.kind])}</a> "
        for pdf in pdfs
    )
    block = f'<div class="kb-downloads" data-search-exclude>{buttons}</div>'
    head, found, rest = html.partition("</h1>")
    return head + found + block + rest if found else block + html


def at_run_end(*, config: MkDocsConfig) -> None:
    """Print every PDF (hooks/run.py calls this at the end of the run, in its order)."""
    if previewing() or os.environ.get(SKIP_VARIABLE):
        log.info(f"PDFs not printed ({'a preview' if previewing() else SKIP_VARIABLE + ' is set'})")
        return
    if not os.path.exists(CHROMIUM):
        log.warning(
            f"PDFs need Debian's chromium at {CHROMIUM} (scripts/build.sh installs it); "
            f"set {SKIP_VARIABLE}=1 to build without PDFs"
        )
        return
    started = time.monotonic()
    printed: dict[str, list] = {}  # kind -> [PDFs, pages, seconds]
    count = render_all(Path(config.site_dir), config, printed)
    kinds = ", ".join(f"{kind} {n} ({pages} pages, {seconds:.1f} s)" for kind, (n, pages, seconds) in printed.items())
    log.info(f"printed {count} PDFs in {time.monotonic() - started:.1f} s: {kinds}")


# Helpers


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")


def fix_dates(pdf: bytes, epoch: int) -> bytes:
    """Chromium stamps the time of printing; use the content's time instead (same length, so
    the file's byte offsets stay right)."""
    stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch)).encode()
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + stamp + b")", pdf)


def plan(config) -> list[printables.Pdf]:
    """The PDFs of every language: those whose pages exist in this project (once per run)."""
    run = run_of(config)

    def make() -> list[printables.Pdf]:
        english = Path(config.docs_dir) / DEFAULT_LANGUAGE
        pdfs = printables.site_plan(english_pages(run), config.nav, published_stories(run)) + book_plan(config)
        return [pdf for pdf in pdfs if all((english / page).is_file() for page in pdf.pages)]

    return run.once("pdf plan", make)


def listing(page, config, files) -> str:
    """Markdown: every PDF of this language, titled in the language, linked from Downloads."""
    labels = config.extra["kb"]["pdf"]
    lang = current_language(config)
    rows = [f"| {labels['material']} | PDF |", "|---|---|"]
    run = run_of(config)
    for pdf in plan(config):
        source = shown_source(run, pdf.pages[0], lang)
        meta = page_source.parse(run.texts[source]).meta if source else {}
        title = str(meta.get("title", pdf.name)).replace("|", "\\|")
        href = get_relative_url(pdf.path(lang), page.url)
        rows.append(f'| {labels["kind_" + pdf.kind]}: {title} | <a href="{href}" download>{pdf.name}.pdf</a> |')
    return "\n".join(rows)


def render_all(site: Path, config, printed: dict[str, list]) -> int:
    """Print every PDF of every language with PRINTERS Chromiums at once, each on its own share
    of the work: Python builds one document while a Chromium prints another; `printed` gets
    each kind's count, pages and seconds."""
    project = project_dir(config.config_file_path)
    work = site / WORK_DIR
    work.mkdir(exist_ok=True)
    epoch = run_of(config).version_time
    strings = {lang: _strings(project, lang) for lang in LANGUAGES}
    # The books first, one to each printer in turn: they are the longest jobs.
    jobs = sorted(((lang, pdf) for lang in LANGUAGES for pdf in plan(config)), key=lambda job: job[1].kind != "book")
    shares = [jobs[i::PRINTERS] for i in range(PRINTERS)]
    try:
        with ThreadPoolExecutor(PRINTERS) as printers:
            done = printers.map(lambda share: _print_share(share, site, strings, config, work, epoch, printed), shares)
            return sum(done)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _print_share(
    jobs: list[tuple[str, printables.Pdf]], site: Path, strings: dict, config, work: Path, epoch: int, printed: dict
) -> int:
    """Print these PDFs with a Chromium of this thread's own (Playwright's sync API is per thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for lang, pdf in jobs:
            started = time.monotonic()
            if pdf.kind == "book":
                print_book(page, site, pdf, lang, strings[lang], config, work, epoch)
                _record(printed, pdf, site / pdf.path(lang), time.monotonic() - started)
                continue
            document = build_document(site, pdf, lang, strings[lang], config)
            source = work / f"{lang}-{pdf.name}.html"
            first_page = printables.page_html_path(pdf.pages[0], lang)
            styles = printables.stylesheets_of((site / first_page).read_text("utf-8"), first_page)
            source.write_text(document.html(["../" + s for s in styles], strings[lang]["site_name"]), "utf-8")
            page.goto(source.as_uri(), wait_until="load")
            target = site / pdf.path(lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                tagged=True,
                outline=True,
                margin=PAGE_MARGIN,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer(strings[lang], config, lang),
            )
            target.write_bytes(fix_dates(target.read_bytes(), epoch))
            _record(printed, pdf, target, time.monotonic() - started)
        browser.close()
    return len(jobs)


def _record(printed: dict, pdf: printables.Pdf, target: Path, seconds: float) -> None:
    """Count a printed PDF, its pages and its time under its kind (the build log reports them;
    the printers' times add up, so a kind's seconds can exceed the printing's)."""
    pages = len(_PDF_PAGE.findall(target.read_bytes()))
    with _record_lock:
        totals = printed.setdefault(pdf.kind, [0, 0, 0.0])
        totals[0] += 1
        totals[1] += pages
        totals[2] += seconds


def _strings(project: Path, lang: str) -> dict:
    from kb import ui_strings

    return ui_strings.load(project, [lang])[lang]


def online_url(config, lang: str, pdf: printables.Pdf) -> str | None:
    """The online address of the PDF's first page; None without SITE_URL (none is invented)."""
    if not config.site_url:
        return None
    return config.site_url.rstrip("/") + "/" + printables.page_html_path(pdf.pages[0], lang).removesuffix("index.html")


def footer(strings: dict, config, lang: str) -> str:
    text = (
        f"{strings['site_name']} · {strings['language_name']} · {strings['pdf']['version']} "
        f"{config.extra['kb_version_date']}"
    )
    return (
        '<div style="font-size:8px;font-family:DejaVu Sans,sans-serif;width:100%;'
        'margin:0 16mm;display:flex;justify-content:space-between;color:#333">'
        f'<span>{htmllib.escape(text)}</span><span><span class="pageNumber"></span> / <span class="totalPages">'
        "</span></span></div>"
    )


def checklist_in(config, page: str, lang: str) -> checklist_rules.Checklist:
    """The checklist of a page in a language (the English one until it is translated)."""
    run = run_of(config)
    return checklist_rules.parse(run.texts[shown_source(run, page, lang)]).checklist


def build_document(site: Path, pdf: printables.Pdf, lang: str, strings: dict, config) -> printables.Document:
    labels = strings["pdf"]
    site_url = config.site_url or ""
    pages = [
        printables.online_links(
            (site / printables.page_html_path(page, lang)).read_text("utf-8"),
            printables.page_html_path(page, lang),
            site_url,
        )
        for page in pdf.pages
    ]
    first = printables.article(pages[0])
    title = printables.title_of(first)
    direction = printables.direction_of(pages[0])
    online = online_url(config, lang, pdf)
    meta = [
        f"{labels['language']}: {strings['language_name']}",
        *([f"{labels['online']}: {online}"] if online else []),
        f"{labels['version']} {config.extra['kb_version_date']}",
    ]
    if pdf.kind in ("checklist", "casefile"):
        guide = guides.guide_title(config.nav, pdf.pages[0], title, strings["nav"])
        meta.insert(0, f"{labels['guide']}: {guide}")
        if pdf.kind == "casefile":
            body = casefile.body(checklist_in(config, pdf.pages[0], lang), labels["casefile"])
            return printables.Document(
                lang, f"{labels['kind_casefile']}: {title}", htmllib.escape(title), body, meta, direction, "casefile"
            )
        body = printables.checklist_part(pages[0])
        return printables.Document(
            lang, f"{labels['kind_checklist']}: {title}", htmllib.escape(title), body, meta, direction
        )
    if pdf.kind in printables.BOOKLETS:
        booklet = labels["booklets"][pdf.kind]
        if pdf.kind == "participants":
            body = booklets.participants(pages[1:], labels["booklets"]["introduction"])
        else:
            body = booklets.facilitators(pages[1], pages[2:])
        return printables.Document(lang, booklet, htmllib.escape(booklet), body, meta, direction, "booklet")
    if pdf.kind == "guide":
        body = "".join(f'<section class="kb-pdf__part">{printables.article(html)}</section>' for html in pages)
        body = printables.first_notices_only(printables.without_h1(body))
        return printables.Document(lang, title, htmllib.escape(title), body, meta, direction)
    if pdf.kind == "handout":
        return printables.Document(lang, title, htmllib.escape(title), printables.without_h1(first), meta, direction)
    body = printables.facilitator_part(pages[0])
    return printables.Document(
        lang,
        f"{labels['kind_facilitator']}: {title}",
        f"{htmllib.escape(labels['kind_facilitator'])}: {htmllib.escape(title)}",
        body,
        meta,
        direction,
    )


def book_plan(config) -> list[printables.Pdf]:
    """The manual as a book: the pages of the nav section named in mkdocs.yml (extra.book),
    then its appendices; none when the nav has no such section (small test sites)."""
    settings = config.extra.get("book")
    if not settings:
        return []
    for entry in config.nav or []:
        if isinstance(entry, dict) and settings["section"] in entry:
            pages = [page for page in entry[settings["section"]] if isinstance(page, str)]
            appendices = list(settings.get("appendices", []))
            ordered = book.parts_in_order(pages, appendices)
            return [printables.Pdf(settings["name"], "book", tuple(page for page, _, _ in ordered))]
    return []


def print_book(
    browser_page, site: Path, pdf: printables.Pdf, lang: str, strings: dict, config, work: Path, epoch: int
) -> None:
    """Print the book twice: the first printing shows (in its outline) where each part starts,
    the second puts those page numbers into the contents and is checked the same way (a third
    only if they moved)."""
    from pypdf import PdfReader

    labels = strings["pdf"]
    settings = config.extra["book"]
    states = book_states(config, pdf, lang)
    parts = []
    for page, number, appendix in book.parts_in_order(list(pdf.pages), list(settings.get("appendices", []))):
        html_path = printables.page_html_path(page, lang)
        content = printables.article((site / html_path).read_text("utf-8"))
        fallback = (
            DEFAULT_LANGUAGE if lang != DEFAULT_LANGUAGE and states.get(page) == translation_rules.MISSING else ""
        )
        parts.append(book.Part(page, html_path, printables.title_of(content), content, number, appendix, fallback))
    anchors = {
        posixpath.dirname(part.html_path) + "/" if posixpath.dirname(part.html_path) else "": part.anchor
        for part in parts
    }
    bodies = [book.without_notices(book.linked_within(part, anchors, config.site_url or "")) for part in parts]
    first_page = parts[0].html_path
    first_html = (site / first_page).read_text("utf-8")
    styles = ["../" + s for s in printables.stylesheets_of(first_html, first_page)]
    cover = book.cover_html(book_cover(parts, lang, strings, config, states))
    footer_text = f"{strings['site_name']} · {parts[0].title} · {strings['language_name']}"
    page_styles = book.page_styles(parts, footer_text)
    source = work / f"{lang}-{pdf.name}.html"
    target = site / pdf.path(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    numbers = None  # the first printing only shows where the parts start
    for _ in range(3):
        final = numbers is not None
        contents = book.contents_html(parts, labels["book_contents"], labels["book_appendices"], numbers)
        source.write_text(
            book.book_html(
                lang,
                parts[0].title,
                strings["site_name"],
                printables.direction_of(first_html),
                styles,
                page_styles,
                cover,
                contents,
                parts,
                bodies,
            ),
            "utf-8",
        )
        browser_page.goto(source.as_uri(), wait_until="load")
        browser_page.pdf(path=str(target), tagged=True, outline=True, prefer_css_page_size=True, print_background=True)
        reader = PdfReader(target)
        starts = book.part_starts(
            [
                (item.title, reader.get_destination_page_number(item))
                for item in reader.outline
                if not isinstance(item, list)
            ],
            parts,
        )
        if final and starts == numbers:
            break
        numbers = starts
    else:
        log.warning(f"{pdf.path(lang)}: the contents' page numbers did not settle after three printings")
    target.write_bytes(fix_dates(target.read_bytes(), epoch))


def book_states(config, pdf: printables.Pdf, lang: str) -> dict[str, str]:
    """Each of the book's pages' translation state in a language (nothing for English)."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    rows = run_translation_rows(run_of(config))  # as the status page reads them
    return {row.page: row.state for row in rows if row.language == lang and row.page in pdf.pages}


def book_cover(parts: list[book.Part], lang: str, strings: dict, config, states: dict[str, str]) -> book.Cover:
    """The cover: title, language, online address (only with SITE_URL), version, and for a
    translation the state of its parts: reviewed, draft, outdated or still in English."""
    labels = strings["pdf"]
    online = (
        config.site_url.rstrip("/") + "/" + parts[0].html_path.removesuffix("index.html") if config.site_url else None
    )
    lines = [
        f"{labels['language']}: {strings['language_name']}",
        *([f"{labels['online']}: {online}"] if online else []),
        f"{labels['version']} {config.extra['kb_version_date']}",
    ]
    if lang == DEFAULT_LANGUAGE:
        return book.Cover(strings["site_name"], parts[0].title, lines, [])
    names = {
        translation_rules.CURRENT: labels["book_reviewed"],
        translation_rules.DRAFT: strings["translation"]["draft"]["title"],
        translation_rules.OUTDATED: strings["translation"]["outdated"]["title"],
        translation_rules.MISSING: labels["book_missing"],
    }
    status = []
    for state, label in names.items():
        which = [part.running_title for part in parts if states.get(part.page) == state]
        if which:
            status.append((label, labels["book_all_parts"] if len(which) == len(parts) else "; ".join(which)))
    note = (
        strings["translation"]["draft"]["text"]
        if any(state != translation_rules.CURRENT for state in states.values())
        else ""
    )
    return book.Cover(strings["site_name"], parts[0].title, lines, status, note)
