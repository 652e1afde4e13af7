"""Printing for trainers: PDFs for every checklist, guide and story in every language, and clean
A4 printouts from Ctrl+P."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pypdf
import pypdfium2
import pytest

import checklist_rules
from conftest import LANGUAGES, PROJECT
from site_layout import source_for_page

CHECKLIST_PAGES = {
    "checklist-crisis": "guides/stages/crisis.md",
    "checklist-transition": "guides/stages/transition.md",
    "checklist-reintegration": "guides/stages/reintegration.md",
    "checklist-children-of-victims": "guides/children-of-victims.md",
    "checklist-mentoring": "guides/mentoring.md",
}
GUIDES = ("guide-stages", "guide-children-of-victims", "guide-mentoring", "guide-workshops")
STORIES = sorted(p.stem for p in (PROJECT / "stories").glob("*.md") if p.stem != "index")
LANGUAGE_TITLE = {"en": "Checklist", "sq": "Lista e kontrollit", "mk": "Листа за проверка", "bs": "Kontrolna lista"}


def pdf_path(site, lang: str, name: str):
    return site.site / ("" if lang == "en" else lang) / "pdf" / f"{name}.pdf"


def text(path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def squash(value: str) -> str:
    # pdfium reports a hyphen at which a line was broken as U+FFFE.
    return re.sub(r"\s+", " ", value.replace("\ufffe", "-")).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_checklist_guide_and_story_has_its_pdfs(site, lang):
    expected = [*CHECKLIST_PAGES, *GUIDES] + [f"story-{s}" for s in STORIES] + [f"story-{s}-facilitator" for s in STORIES]
    folder = pdf_path(site, lang, "x").parent
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted(expected)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CHECKLIST_PAGES)
def test_checklist_pdf_holds_its_numbered_items_in_the_language_on_at_most_two_pages(site, lang, name):
    path = pdf_path(site, lang, name)
    reader = pypdf.PdfReader(path)
    assert 1 <= len(reader.pages) <= 2
    assert reader.metadata.title.startswith(LANGUAGE_TITLE[lang] + ": ")
    assert reader.trailer["/Root"]["/Lang"] == lang
    source = (PROJECT / source_for_page(CHECKLIST_PAGES[name], lang)).read_text("utf-8")
    checklist = checklist_rules.parse(source).checklist
    assert checklist.item_count <= 40
    extracted = squash(text(path))
    for number, item in checklist.numbered_items():
        assert squash(f"{number} {checklist_rules.plain_text(item.text)}") in extracted, number
    if lang == "mk":
        letters = re.findall(r"[^\W\d_]", re.sub(r"https?://\S+", "", extracted))
        assert sum("\u0400" <= ch <= "\u04ff" for ch in letters) / len(letters) > 0.99


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_and_story_pdfs_have_titles_language_and_sane_page_counts(site, lang):
    for name, low, high in [("guide-stages", 8, 40), ("guide-mentoring", 4, 20), ("story-drita", 1, 4), ("story-drita-facilitator", 1, 3)]:
        reader = pypdf.PdfReader(pdf_path(site, lang, name))
        assert low <= len(reader.pages) <= high, (name, len(reader.pages))
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert reader.metadata.title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_story_handout_has_warnings_story_and_questions_but_notes_apart(site, lang):
    handout = squash(text(pdf_path(site, lang, "story-luka")))
    notes = squash(text(pdf_path(site, lang, "story-luka-facilitator")))
    labels = {
        "en": ("Content warnings", "Discussion questions", "Introducing the story"),
        "sq": ("Paralajmërime për përmbajtjen", "Pyetje për diskutim", "Si ta prezantoni historinë"),
        "mk": ("Предупредувања за содржината", "Прашања за дискусија", "Како да ја претставите приказната"),
        "bs": ("Upozorenja o sadržaju", "Pitanja za diskusiju", "Kako predstaviti priču"),
    }[lang]
    warnings, questions, facilitator = labels
    assert handout.index(warnings) < handout.index(questions)
    assert facilitator not in handout
    assert facilitator in notes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_links_to_its_pdfs_and_the_links_resolve(site, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    for page, count in (("guides/stages/crisis/", 2), ("guides/mentoring/", 2), ("stories/amra/", 2), ("guides/workshops/", 1), ("downloads/", 25)):
        html = site.html(prefix + page)
        links = re.findall(r'href="([^"]+\.pdf)" download', html)
        assert len(links) == count, (page, links)
        for link in links:
            target = (site.site / prefix / page / link).resolve()
            assert target.is_file(), (page, link)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rendered_checklist_page_shows_boxes_and_no_blank_page(site, lang):
    path = pdf_path(site, lang, "checklist-crisis")
    document = pypdfium2.PdfDocument(str(path))
    for number in range(len(document)):
        image = document[number].render(scale=1).to_pil().convert("L")
        dark = sum(1 for value in image.getdata() if value < 128)
        assert dark > 2_000, f"page {number + 1} looks blank"
    # Boxes: in the column left of the item numbers on page 1, the top and bottom edge of a
    # square for every item (side edges are only a pixel or two wide).
    image = document[0].render(scale=2).to_pil().convert("L")
    left, right = int(image.width * 0.09), int(image.width * 0.2)
    starts: dict[int, list[int]] = {}  # row -> starts of box-wide dark runs
    for y in range(image.height):
        run = 0
        for x in range(left, right + 1):
            if x < right and image.getpixel((x, y)) < 100:
                run += 1
                continue
            if 10 <= run <= 20:
                starts.setdefault(y, []).append(x - run)
            run = 0
    column = max({x for row in starts.values() for x in row}, key=lambda x: sum(x in row for row in starts.values()))
    edges, previous = 0, -2
    for y in sorted(y for y, row in starts.items() if any(abs(x - column) <= 1 for x in row)):
        edges += y != previous + 1
        previous = y
    page_one = document[0].get_textpage().get_text_range()
    items_on_page_one = len(re.findall(r"(?m)^\s*1\.\d+\.\d+ ", page_one))
    assert items_on_page_one >= 10
    assert 2 * items_on_page_one <= edges <= 2 * items_on_page_one + 2  # a bold heading digit may match once


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_ctrl_p_prints_content_with_title_language_address_and_date_only(browser, served_site, lang, tmp_path):
    prefix = "" if lang == "en" else f"{lang}/"
    page = browser.new_page()
    page.goto(served_site + prefix + "guides/stages/transition/", wait_until="networkidle")
    target = tmp_path / "print.pdf"
    page.pdf(path=str(target), prefer_css_page_size=True)
    page.close()
    printed = squash(text(target))
    language = {"en": "English", "sq": "Shqip", "mk": "Македонски", "bs": "Bosanski"}[lang]
    head = printed[:400]
    assert language in head and "://" not in head  # built without SITE_URL: no address (test_publishing.py sets one)
    assert re.search(r"\d{4}-\d{2}-\d{2}", head)
    for hidden in ({"en": "Exit this page", "sq": "Dil nga kjo faqe", "mk": "Излези од страницата", "bs": "Napusti stranicu"}[lang], "(PDF)"):
        assert hidden not in printed
    assert "2.1.1" in printed
    assert pypdf.PdfReader(target).pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_in_pdfs_lead_to_no_invented_address(site, lang):
    # Built without SITE_URL, links to the site's pages stay as text; only the authors' own
    # external links may remain (with SITE_URL they lead online: tests/test_publishing.py).
    from test_offline import hosts_named_in_sources

    uris = set()
    for path in pdf_path(site, lang, "x").parent.glob("guide-*.pdf"):
        for page in pypdf.PdfReader(path).pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A")
                if action and action.get("/URI"):
                    uris.add(str(action["/URI"]))
    known = hosts_named_in_sources()
    assert [uri for uri in uris if urlsplit(uri).hostname not in known] == []
