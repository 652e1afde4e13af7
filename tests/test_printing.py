"""Printing for trainers: PDFs for every checklist, guide and story in every language, and clean
A4 printouts from Ctrl+P."""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

import pypdf
import pypdfium2
import pytest
from PIL import ImageChops

from conftest import LANGUAGES, PROJECT, project_pdfs
from kb import checklist_rules, page_source, ui_strings
from kb.site_layout import source_for_page
from pdfs import PAGE_MARGIN

_CHECKLISTS, _GUIDES = project_pdfs()
CHECKLIST_PAGES = {name: page for page, name in _CHECKLISTS.items()}  # {PDF name: page}, from the sources
GUIDES = tuple(_GUIDES)
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


def compact(value: str) -> str:
    """Text without any white space, to find a sentence whatever the line breaks."""
    return re.sub(r"\s+", "", value.replace("\ufffe", "-"))


STRINGS = ui_strings.load(PROJECT, LANGUAGES)
FOOTER_HEIGHT = float(PAGE_MARGIN["bottom"].removesuffix("mm")) * 72 / 25.4  # PDF points


def pdfs_of(site, lang: str) -> list:
    """Every PDF the build printed for a language."""
    found = sorted(pdf_path(site, lang, "x").parent.glob("*.pdf"))
    assert found
    return found


def above_footer(page) -> str:
    """A PDF page's text without the running footer, which prints in the bottom margin."""
    width, height = page.get_size()
    return page.get_textpage().get_text_bounded(0, FOOTER_HEIGHT, width, height)


def coloured_letters(page, scale: float = 1) -> str:
    """The letters of a PDF page on which something coloured is drawn. On paper all text is
    black, so a coloured pixel inside a letter's box is an icon (or a colour) over the text."""
    red, green, blue = page.render(scale=scale).to_pil().convert("RGB").split()
    brightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    coloured = ImageChops.subtract(brightest, darkest).point(lambda chroma: 255 if chroma > 80 else 0)
    if not coloured.getbbox():
        return ""
    band = 8  # rows; each band's coloured x-range, to look closely only at letters near colour
    spans = {}
    for y in range(0, coloured.height, band):
        box = coloured.crop((0, y, coloured.width, y + band)).getbbox()
        if box:
            spans[y // band] = (box[0], box[2])
    textpage = page.get_textpage()
    height = page.get_height()
    letters = []
    for index in range(textpage.count_chars()):
        left, bottom, right, top = textpage.get_charbox(index)
        x0, x1 = int(left * scale), math.ceil(right * scale)
        y0, y1 = int((height - top) * scale), math.ceil((height - bottom) * scale)
        near = any(x0 < spans[b][1] and spans[b][0] < x1 for b in range(y0 // band, y1 // band + 1) if b in spans)
        if x1 > x0 and near and coloured.crop((x0, y0, x1, y1)).getbbox():
            letters.append(textpage.get_text_range(index, 1))
    return "".join(letters)


def story_meta(story: str, lang: str) -> dict:
    source = PROJECT / source_for_page(f"stories/{story}.md", lang)
    if not source.is_file():
        source = PROJECT / source_for_page(f"stories/{story}.md", "en")
    return page_source.parse(source.read_text("utf-8")).meta


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_checklist_guide_and_story_has_its_pdfs(site, lang):
    expected = (
        [*CHECKLIST_PAGES, *GUIDES, "manual"]
        + [f"story-{s}" for s in STORIES]
        + [f"story-{s}-facilitator" for s in STORIES]
    )
    expected += [f"{name}-casefile" for name in CHECKLIST_PAGES] + ["stories-participants", "stories-facilitators"]
    folder = pdf_path(site, lang, "x").parent
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted(expected)


@pytest.mark.browser
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


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_and_story_pdfs_have_titles_language_and_sane_page_counts(site, lang):
    for name, low, high in [
        ("guide-stages", 8, 40),
        ("guide-mentoring", 4, 20),
        ("story-drita", 1, 4),
        ("story-drita-facilitator", 1, 3),
    ]:
        reader = pypdf.PdfReader(pdf_path(site, lang, name))
        assert low <= len(reader.pages) <= high, (name, len(reader.pages))
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert reader.metadata.title


@pytest.mark.browser
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


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_links_to_its_pdfs_and_the_links_resolve(site, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    every_pdf = len(pdfs_of(site, lang))
    pages = (
        ("guides/stages/crisis/", 3),
        ("guides/mentoring/", 3),
        ("stories/amra/", 2),
        ("guides/workshops/", 1),
        ("stories/", 2),
        ("manual/", 1),
        ("downloads/", every_pdf),
    )
    for page, count in pages:
        html = site.html(prefix + page)
        links = re.findall(r'href="([^"]+\.pdf)" download', html)
        assert len(links) == count, (page, links)
        for link in links:
            target = (site.site / prefix / page / link).resolve()
            assert target.is_file(), (page, link)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_rendered_checklist_page_shows_boxes_and_no_blank_page(site, lang):
    path = pdf_path(site, lang, "checklist-crisis")
    document = pypdfium2.PdfDocument(str(path))
    for number in range(len(document)):
        image = document[number].render(scale=1).to_pil().convert("L")
        dark = sum(image.histogram()[:128])
        assert dark > 2_000, f"page {number + 1} looks blank"
    # Boxes: in the column left of the item numbers on page 1, a square for every item: a top
    # and a bottom edge (box-wide dark runs starting in the same column) joined by the left side.
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
    edges, previous = [], -2
    for y in sorted(y for y, row in starts.items() if any(abs(x - column) <= 1 for x in row)):
        if y != previous + 1:
            edges.append(y)
        previous = y

    def side(top, bottom):
        return all(min(image.getpixel((x, y)) for x in range(column - 1, column + 3)) < 100 for y in range(top, bottom))

    boxes, index = 0, 0
    while index + 1 < len(edges):
        top, bottom = edges[index], edges[index + 1]
        if 8 <= bottom - top <= 24 and side(top, bottom):
            boxes, index = boxes + 1, index + 2
        else:
            index += 1  # a stroke of a heading's digit, not a box
    page_one = document[0].get_textpage().get_text_range()
    items_on_page_one = len(re.findall(r"(?m)^\s*1\.\d+\.\d+ ", page_one))
    assert items_on_page_one >= 10
    assert boxes == items_on_page_one


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
    for hidden in (
        {"en": "Exit this page", "sq": "Dil nga kjo faqe", "mk": "Излези од страницата", "bs": "Napusti stranicu"}[
            lang
        ],
        "(PDF)",
    ):
        assert hidden not in printed
    assert "2.1.1" in printed
    assert pypdf.PdfReader(target).pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4


@pytest.mark.browser
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


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_pdf_page_holds_only_the_running_footer(site, lang):
    for path in pdfs_of(site, lang):
        for number, page in enumerate(pypdfium2.PdfDocument(str(path)), 1):
            where = f"{path.name} page {number}"
            assert above_footer(page).strip(), f"{where}: no text above the footer"
            image = page.render(scale=0.5).to_pil().convert("L")
            content = image.crop((0, 0, image.width, int(image.height * (1 - FOOTER_HEIGHT / page.get_height()))))
            assert sum(content.histogram()[:200]) > 50, f"{where}: nothing printed above the footer"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_pdf_page_holds_only_one_or_two_lines(site, lang):
    for path in pdfs_of(site, lang):
        for number, page in enumerate(pypdfium2.PdfDocument(str(path)), 1):
            lines = [line for line in above_footer(page).splitlines() if line.strip()]
            assert len(lines) >= 3, f"{path.name} page {number} holds only {lines}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pdf_names_its_version_once_and_each_translation_notice_at_most_once(site, lang):
    # The head of a PDF names site, language, address and version; nothing repeats it, nor
    # a page's notice in a PDF made of several pages (the running footer aside).
    version = re.escape(STRINGS[lang]["pdf"]["version"]) + r" \d{4}-\d{2}-\d{2}"
    notices = [STRINGS[lang]["untranslated"]["title"]] + [
        STRINGS[lang]["translation"][kind]["title"] for kind in ("draft", "outdated")
    ]
    for path in pdfs_of(site, lang):
        printed = squash(" ".join(above_footer(page) for page in pypdfium2.PdfDocument(str(path))))
        assert len(re.findall(version, printed)) == 1, path.name
        for notice in notices:
            assert printed.count(notice) <= 1, (path.name, notice)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_icon_or_colour_lies_on_the_letters_of_a_pdf(site, lang):
    for path in pdfs_of(site, lang):
        for number, page in enumerate(pypdfium2.PdfDocument(str(path)), 1):
            letters = coloured_letters(page)
            assert not letters, f"{path.name} page {number}: something coloured on the letters {letters[:40]!r}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_participants_printouts_of_a_story_hold_no_facilitator_notes(site, browser, served_site, lang, tmp_path):
    # A participant gets the handout PDF or a printout of the story page (Ctrl+P); the
    # facilitator notes are only in the facilitator PDF.
    prefix = "" if lang == "en" else f"{lang}/"
    summary = compact(STRINGS[lang]["stories"]["facilitator_notes"])
    page = browser.new_page()
    for story in STORIES:
        notes = [compact(note)[:80] for note in (story_meta(story, lang).get("facilitator_notes") or {}).values()]
        assert notes, story
        facilitator = compact(
            " ".join(
                above_footer(p) for p in pypdfium2.PdfDocument(str(pdf_path(site, lang, f"story-{story}-facilitator")))
            )
        )
        assert all(note in facilitator for note in notes), story
        page.goto(served_site + prefix + f"stories/{story}/", wait_until="load")
        printed = tmp_path / f"{story}.pdf"
        page.pdf(path=str(printed), prefer_css_page_size=True)
        printouts = {
            "handout PDF": compact(text(pdf_path(site, lang, f"story-{story}"))),
            "Ctrl+P": compact(text(printed)),
        }
        for printout, content in printouts.items():
            assert summary not in content, (story, printout)
            assert not [note for note in notes if note in content], (story, printout)
    page.close()


def _notice(kind: str, text: str = "t") -> str:
    return (
        f'<div class="admonition kb-notice kb-notice--{kind}" role="note"><p class="admonition-title">{kind}</p><div>'
        f"<p>{text}</p></div></div>"
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        (_notice("draft") + "<p>a</p>", _notice("draft") + "<p>a</p>"),
        (
            _notice("draft", "1") + "<p>a</p>" + _notice("draft", "2") + "<p>b</p>",
            _notice("draft", "1") + "<p>a</p><p>b</p>",
        ),
        (
            _notice("draft") + _notice("untranslated") + _notice("draft") + _notice("untranslated"),
            _notice("draft") + _notice("untranslated"),
        ),
        ("<p>no notice</p>", "<p>no notice</p>"),
    ],
)
def test_a_pdf_of_several_pages_keeps_the_first_notice_of_each_kind(content, expected):
    from kb import printables

    assert printables.first_notices_only(content) == expected
