"""Which pages are checklists and which make up the guides: the sources decide (AUTHORING.md,
"Checklists" and "Guide PDFs"). Plain functions: site paths, nav entries and front matter in.

- a page whose front matter has `checklist:` is a checklist page: it is numbered, listed on the
  checklists page and printed as `checklist-<file name>.pdf`;
- the guide series lives in guides/: `guides/<name>.md` is the guide `guide-<name>.pdf`, and
  the pages of a folder `guides/<name>/` are together the one guide `guide-<name>.pdf`, in the
  order of the navigation; guides/index.md introduces the series and is no guide.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

# Data

GUIDES_FOLDER = "guides/"
SERIES_INDEX = "guides/index.md"

# Helpers


def nav_pages(nav) -> list[str]:
    """The Markdown pages of mkdocs.yml's `nav` in reading order (titles and links left out)."""
    found: list[str] = []
    for entry in nav or []:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            if isinstance(value, list):
                found += nav_pages(value)
            elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
                found.append(value)
    return found


def section_of(nav, page: str) -> str | None:
    """The title of the navigation section below the top level that holds the page (a guide of
    several pages, e.g. "Stages of recovery"), or None."""

    def walk(entries, depth: int, title: str | None) -> str | None | bool:
        for entry in entries or []:
            for key, value in entry.items() if isinstance(entry, dict) else [(None, entry)]:
                if isinstance(value, list):
                    found = walk(value, depth + 1, key)
                    if found is not False:
                        return found
                elif value == page:
                    return title if depth >= 2 else None
        return False

    found = walk(nav, 0, None)
    return None if found is False else found


def guide_title(nav, page: str, page_title: str, nav_labels: dict) -> str:
    """The guide a page belongs to, as readers see it named: for a guide of several pages its
    section's title in the reader's language (`nav_labels`: strings/<lang>.yml, nav.*), else
    the page's own title."""
    section = section_of(nav, page)
    return nav_labels.get(section, section) if section else page_title


def reading_order(nav, pages: Iterable[str]) -> list[str]:
    """The pages in the navigation's order; those it leaves out (or all, without a nav) after
    it, folder by folder with each folder's index first, as MkDocs orders them."""
    pages = set(pages)
    ordered = [page for page in dict.fromkeys(nav_pages(nav)) if page in pages]
    rest = sorted(
        pages - set(ordered), key=lambda page: (posixpath.dirname(page), posixpath.basename(page) != "index.md", page)
    )
    return ordered + rest


def checklist_pages(pages: Iterable[str], meta_of: Callable[[str], dict]) -> list[str]:
    """The pages, in the given order, whose front matter declares a checklist."""
    return [page for page in pages if "checklist" in meta_of(page)]


def checklist_pdf(page: str) -> str:
    """guides/stages/crisis.md -> checklist-crisis."""
    return "checklist-" + posixpath.splitext(posixpath.basename(page))[0]


def guide_pdfs(pages: Iterable[str]) -> dict[str, list[str]]:
    """{guide PDF name: its pages} from pages in reading order, e.g. guide-stages: the pages of
    guides/stages/, guide-mentoring: guides/mentoring.md."""
    guides: dict[str, list[str]] = {}
    for page in pages:
        if not page.startswith(GUIDES_FOLDER) or page == SERIES_INDEX:
            continue
        name = page[len(GUIDES_FOLDER) :].split("/")[0]
        guides.setdefault("guide-" + posixpath.splitext(name)[0], []).append(page)
    return guides


def pdf_name_clashes(pages: Iterable[str], checklists: Iterable[str]) -> list[tuple[str, bool, str]]:
    """(page, whether its checklist is at fault, message) for each page whose PDF would take the
    name of another page's PDF: two checklist pages with the same file name, or
    guides/<name>.md beside a folder guides/<name>/."""
    clashes: list[tuple[str, bool, str]] = []
    first: dict[str, str] = {}
    for page in sorted(checklists):
        name = checklist_pdf(page)
        if name in first:
            clashes.append(
                (
                    page,
                    True,
                    f"its checklist PDF would be {name}.pdf, as that of {first[name]}; "
                    "expected a file name no other checklist page has",
                )
            )
        first.setdefault(name, page)
    for name, parts in guide_pdfs(sorted(pages)).items():
        single = [page for page in parts if page.count("/") == 1]
        if single and len(parts) > 1:
            clashes.append(
                (
                    single[0],
                    False,
                    f"its guide PDF would be {name}.pdf, as that of the folder {posixpath.splitext(single[0])[0]}/; "
                    "expected a file name no guide folder has",
                )
            )
    return clashes
