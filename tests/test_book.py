"""The manual as a book, one PDF per language: every chapter, contents whose page numbers are the
printed ones, a bookmark per chapter, the language and a title, no blank page, links that stay
inside the book; and the pure functions of hooks/kb/book.py."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pypdf
import pypdfium2
import pytest
from mkdocs.utils.yaml import yaml_load

from conftest import LANGUAGES, PROJECT
from kb import book
from kb.printables import article, page_html_path, title_of

MM = 72 / 25.4  # PDF points per millimetre
HEADER, FOOTER = 16 * MM, 18 * MM  # the book's top and bottom margins, where header and footer print


def book_pages() -> list[str]:
    """The book's pages as mkdocs.yml orders them: its nav section, then its appendices."""
    with open(PROJECT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    settings = config["extra"]["book"]
    section = next(
        entry[settings["section"]]
        for entry in config["nav"]
        if isinstance(entry, dict) and settings["section"] in entry
    )
    return [
        page for page, _, _ in book.parts_in_order([p for p in section if isinstance(p, str)], settings["appendices"])
    ]


PAGES = book_pages()


def compact(value: str) -> str:
    return re.sub(r"\s+", "", value.replace("\ufffe", "-"))


def book_path(site, lang):
    return site.site / ("" if lang == "en" else lang) / "pdf" / "manual.pdf"


def titles(site, lang) -> list[str]:
    return [title_of(article(site.html(page_html_path(page, lang).removesuffix("index.html")))) for page in PAGES]


def page_texts(path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def body_text(page) -> str:
    """A page's text between the running header and the footer."""
    width, height = page.get_size()
    return page.get_textpage().get_text_bounded(0, FOOTER, width, height - HEADER)


def header_text(page) -> str:
    width, height = page.get_size()
    return page.get_textpage().get_text_bounded(0, height - HEADER, width, height)


def top_level_bookmarks(reader) -> list[tuple[str, int]]:
    return [
        (item.title, reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]


@pytest.fixture(scope="module")
def books(site):
    return {lang: pypdf.PdfReader(book_path(site, lang)) for lang in LANGUAGES}


@pytest.mark.browser  # reads the printed book
@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_holds_every_chapter_each_with_a_bookmark_where_it_starts(site, books, lang):
    reader = books[lang]
    bookmarks = top_level_bookmarks(reader)[book.FRONT_HEADINGS :]
    document = pypdfium2.PdfDocument(str(book_path(site, lang)))
    assert [compact(title) for title, _ in bookmarks] == [compact(title) for title in titles(site, lang)]
    for title, number in bookmarks:
        assert compact(title) in compact(body_text(document[number - 1])), (title, number)
        # A new page: the page before belongs to the part before (its running header).
        assert not compact(header_text(document[number - 2])).endswith(compact(title)), (title, number)
    sections = [item for item in reader.outline if isinstance(item, list)]
    assert len(sections) >= len(PAGES) - 1, "chapters' sections have no bookmarks"


@pytest.mark.browser  # reads the printed book
@pytest.mark.parametrize("lang", LANGUAGES)
def test_contents_numbers_are_the_printed_page_numbers_where_chapters_start(site, books, lang):
    path = book_path(site, lang)
    contents = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in contents.splitlines() if line.strip()]
    document = pypdfium2.PdfDocument(str(path))
    starts = dict(top_level_bookmarks(books[lang])[book.FRONT_HEADINGS :])
    for title in titles(site, lang):
        line = next((line for line in lines if " ".join(title.split()) in line), None)
        assert line, f"{title!r} is not in the contents: {lines}"
        listed = int(line.rsplit(" ", 1)[1])
        page = document[listed - 1]
        width, _ = page.get_size()
        printed = page.get_textpage().get_text_bounded(width / 2, 0, width, FOOTER).split()
        assert printed[-1:] == [str(listed)], (title, listed, printed)  # the footer ends with the page number
        assert compact(title) in compact(body_text(page)), (title, listed)
        assert listed == next(number for name, number in starts.items() if compact(name) == compact(title))


@pytest.mark.browser  # reads the printed book
@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_is_tagged_a4_with_its_language_title_and_no_blank_page(site, books, lang):
    reader = books[lang]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith(titles(site, lang)[0])
    for number, page in enumerate(pypdfium2.PdfDocument(str(book_path(site, lang))), 1):
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842), number
        assert len(body_text(page).split()) >= 5, f"page {number} is (nearly) blank"


@pytest.mark.browser  # reads the printed book
@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapter_pages_carry_their_title_as_running_header(site, lang):
    path = book_path(site, lang)
    document = pypdfium2.PdfDocument(str(path))
    for title, number in top_level_bookmarks(pypdf.PdfReader(path))[book.FRONT_HEADINGS :]:
        header = header_text(document[number - 1])
        assert compact(title) in compact(header), (title, number + 1, header)


@pytest.mark.browser  # reads the printed book
@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_between_chapters_stay_inside_the_book(site, books, lang):
    reader = books[lang]
    internal, site_links = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if action and action.get("/URI"):
                uri = str(action["/URI"])
                if not re.match(r"^(https?|mailto|tel):", uri) or "127.0.0.1" in uri:
                    site_links.append(uri)
            elif "/Dest" in annotation or (action and "/D" in action):
                internal += 1
    assert site_links == []  # built without SITE_URL: no link to an invented address
    assert internal >= len(PAGES), "the contents and the chapters' cross-references link inside the book"


@pytest.mark.browser  # reads the printed book
@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_is_offered_on_the_manual_index_and_downloads_and_in_the_offline_copy(site, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    assert 'href="../pdf/manual.pdf" download' in site.html(f"{prefix}manual/")
    assert 'href="../pdf/manual.pdf" download' in site.html(f"{prefix}downloads/")
    assert 'pdf/manual.pdf"' not in site.html(f"{prefix}manual/safety/")  # only on the manual's first page
    with zipfile.ZipFile(site.site / "downloads" / f"reintegration-kb-{lang}.zip") as copy:
        held = copy.namelist()
    assert f"reintegration-kb-{lang}/{prefix}pdf/manual.pdf" in held, [name for name in held if name.endswith(".pdf")][
        :3
    ]


@pytest.mark.browser  # reads the printed book
@pytest.mark.parametrize("lang", LANGUAGES)
def test_cover_names_language_version_and_the_translation_status(site, lang):
    from kb.ui_strings import load

    strings = load(PROJECT, [lang])[lang]
    cover = " ".join(page_texts(book_path(site, lang))[0].split())
    assert strings["language_name"] in cover
    assert re.search(re.escape(strings["pdf"]["version"]) + r" \d{4}-\d{2}-\d{2}", cover)
    if lang != "en":
        states = [
            strings["pdf"]["book_reviewed"],
            strings["translation"]["draft"]["title"],
            strings["translation"]["outdated"]["title"],
            strings["pdf"]["book_missing"],
        ]
        assert any(state in cover for state in states), cover


@pytest.mark.browser  # reads the printed book
def test_book_pages_render_as_pictures_with_a_title_and_a_header(site, tmp_path):
    # Cover, contents and a chapter's first page per language, as PNG: the cover's title is
    # large and high, the contents fill the page's upper part, a chapter page has a header line.
    from PIL import Image

    for lang in LANGUAGES:
        start = top_level_bookmarks(pypdf.PdfReader(book_path(site, lang)))[book.FRONT_HEADINGS + 1][1]
        for name, number in [("cover", 1), ("contents", 2), ("chapter", start)]:
            stem = tmp_path / f"{lang}-{name}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "40",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    str(book_path(site, lang)),
                    str(stem),
                ],
                check=True,
            )
            image = Image.open(f"{stem}.png").convert("L")
            ink = image.point(lambda value: 255 if value < 128 else 0)
            box = ink.getbbox()
            assert box, (lang, name)
            if name == "cover":
                assert box[1] < image.height * 0.3, (lang, "the cover's title is not near the top")
            else:
                header = ink.crop((0, 0, image.width, int(image.height * 16 / 297)))
                assert header.getbbox() or name == "contents", (lang, name, "no running header")


# The pure functions


def _part(page: str, lang: str = "en", content: str = "", number: str = "") -> book.Part:
    return book.Part(page, page_html_path(page, lang), "T", content, number)


ANCHORS = {"manual/": "kb-manual", "manual/safety/": "kb-manual-safety", "glossary/": "kb-glossary"}


@pytest.mark.parametrize(
    ("href", "site_url", "expected"),
    [
        ("../safety/", "", 'href="#kb-manual-safety"'),
        ("../safety/#risk", "", 'href="#kb-manual-safety--risk"'),
        ("../../glossary/#consent", "", 'href="#kb-glossary--consent"'),
        ("#pitfalls", "", 'href="#kb-manual-identification--pitfalls"'),
        ("../", "", 'href="#kb-manual"'),
        ("../../guides/mentoring/", "", ""),
        ("../../guides/mentoring/#a", "https://kb.example/", 'href="https://kb.example/guides/mentoring/#a"'),
        ("https://www.unodc.org/", "", 'href="https://www.unodc.org/"'),
    ],
)
def test_links_lead_inside_the_book_to_the_site_only_with_an_address(href, site_url, expected):
    part = _part("manual/identification.md", content=f'<p><a href="{href}">x</a></p>')
    assert book.linked_within(
        part, {**ANCHORS, "manual/identification/": "kb-manual-identification"}, site_url
    ) == f"<p><a {expected}>x</a></p>".replace("<a >", "<a>")


def test_ids_are_prefixed_by_their_part_so_chapters_cannot_collide():
    part = _part("manual/safety.md", content='<h2 id="pitfalls">P</h2><a href="#pitfalls">p</a>')
    assert (
        book.linked_within(part, ANCHORS, "")
        == '<h2 id="kb-manual-safety--pitfalls">P</h2><a href="#kb-manual-safety--pitfalls">p</a>'
    )


def test_parts_in_order_numbers_chapters_and_puts_appendices_last():
    ordered = book.parts_in_order(
        ["manual/index.md", "manual/a.md", "manual/t.md", "manual/b.md"], ["manual/t.md", "glossary.md"]
    )
    assert ordered == [
        ("manual/index.md", "", False),
        ("manual/a.md", "1", False),
        ("manual/b.md", "2", False),
        ("manual/t.md", "", True),
        ("glossary.md", "", True),
    ]
    assert book.parts_in_order(ordered and [page for page, _, _ in ordered], ["manual/t.md", "glossary.md"]) == ordered


def test_part_starts_matches_wrapped_headings_and_skips_the_cover():
    parts = [_part("manual/index.md"), book.Part("manual/a.md", "manual/a/index.html", "Long title wraps", "", "1")]
    parts[0] = book.Part("manual/index.md", "manual/index.html", "Manual", "")
    outline = [("Manual", 0), ("Contents", 1), ("Manual", 2), ("Long titlewraps", 4)]
    assert book.part_starts(outline, parts) == {"kb-manual": 3, "kb-manual-a": 5}
    with pytest.raises(ValueError, match="manual/a.md"):
        book.part_starts(outline[:3], parts)


def test_notices_leave_the_chapters_and_running_titles_are_css_strings():
    content = (
        '<p>a</p><details class="kb-notice kb-notice--draft" data-search-exclude><summary>D</summary><details>'
        "<p>x</p></details></details><p>b</p>"
    )
    assert book.without_notices(content) == "<p>a</p><p>b</p>"
    assert book.css_string('4 · "Safety" \\ x') == '"4 · \\"Safety\\" \\\\ x"'
