"""Story booklets (participants, facilitators) and case-file checklists, in every language."""

from __future__ import annotations

import html as htmllib
import re

import pypdf
import pypdfium2
import pytest

from conftest import LANGUAGES, PROJECT, project_pdfs
from kb import casefile, checklist_rules, page_source, printables, ui_strings
from kb.site_layout import source_for_page
from kb.source_checks import published_stories, read_project

CHECKLISTS, _ = project_pdfs()  # {page: PDF name}, from the sources

STRINGS = ui_strings.load(PROJECT, LANGUAGES)
# The English stories that are published, in the order of the stories index.
STORIES = published_stories(read_project(PROJECT))  # in the order of the stories index


def pdf_path(site, lang: str, name: str):
    return site.site / ("" if lang == "en" else lang) / "pdf" / f"{name}.pdf"


def pages_text(path) -> list[str]:
    return [page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(str(path))]


def compact(value: str) -> str:
    """Text without white space (pdfium reports a hyphen where a line broke as U+FFFE)."""
    return re.sub(r"\s+", "", value.replace("\ufffe", "-"))


def story_meta(page: str, lang: str) -> dict:
    source = PROJECT / source_for_page(page, lang)
    if not source.is_file():
        source = PROJECT / source_for_page(page, "en")
    return page_source.parse(source.read_text("utf-8")).meta


def checklist_of(page: str, lang: str) -> checklist_rules.Checklist:
    source = PROJECT / source_for_page(page, lang)
    if not source.is_file():
        source = PROJECT / source_for_page(page, "en")
    return checklist_rules.parse(source.read_text("utf-8")).checklist


# What exists and where it is offered (no build)


def test_booklets_follow_the_index_order_and_are_offered_on_the_stories_index_only():
    stories = ["stories/b.md", "stories/a.md"]  # index order, not alphabetical
    checklists = {"guides/mentoring.md": "checklist-mentoring"}
    guides = {"guide-workshops": ["guides/workshops.md"], "guide-mentoring": ["guides/mentoring.md"]}
    pdfs = {pdf.name: pdf for pdf in printables.plan(stories, checklists, guides)}
    assert pdfs["stories-participants"].pages == ("stories/index.md", "stories/b.md", "stories/a.md")
    assert pdfs["stories-facilitators"].pages == (
        "stories/index.md",
        "guides/workshops.md",
        "stories/b.md",
        "stories/a.md",
    )

    def offered(page):
        return [pdf.name for pdf in printables.offered_on(page, list(pdfs.values()))]

    assert offered("stories/index.md") == ["stories-participants", "stories-facilitators"]
    assert offered("stories/a.md") == ["story-a", "story-a-facilitator"]
    assert offered("guides/workshops.md") == ["guide-workshops"]
    assert offered("guides/mentoring.md") == ["checklist-mentoring", "checklist-mentoring-casefile", "guide-mentoring"]
    assert not [
        pdf for pdf in printables.plan([], checklists, guides) if pdf.kind in printables.BOOKLETS
    ]  # no stories, no booklets


def test_case_file_form_has_a_field_set_for_every_item_and_asks_for_no_name():
    labels = STRINGS["en"]["pdf"]["casefile"]
    checklist = checklist_of("guides/mentoring.md", "en")
    form = casefile.body(checklist, labels)
    numbers = [number for number, _ in checklist.numbered_items()]
    assert re.findall(r'<span class="kb-check-number">([^<]+)</span>', form) == [n for n in _with_groups(numbers)]
    assert form.count('class="kb-casefile__item"') == len(numbers)
    assert form.count(labels["initials"]) == len(numbers)
    assert labels["case_code"] in form and htmllib.escape(labels["no_name"]) in form
    assert "name" in labels["no_name"]


def _with_groups(numbers: list[str]) -> list[str]:
    """Item numbers with each group's number before its first item, as the form shows them."""
    out, group = [], None
    for number in numbers:
        if number.rsplit(".", 1)[0] != group:
            group = number.rsplit(".", 1)[0]
            out.append(group)
        out.append(number)
    return out


# The real site's PDFs (built once per session)


@pytest.mark.browser  # reads printed PDFs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_participants_booklet_holds_every_published_story_in_order_and_no_facilitator_notes(site, lang):
    path = pdf_path(site, lang, "stories-participants")
    pages = pages_text(path)
    whole = compact(" ".join(pages))
    labels = STRINGS[lang]
    assert compact(labels["pdf"]["booklets"]["introduction"]["paragraphs"][0]) in whole
    # Each story starts a page of its own, in the order of the stories index.
    starts = []
    for page in STORIES:
        meta = story_meta(page, lang)
        title = compact(str(meta["title"]))
        starts.append(next(n for n, text in enumerate(pages) if compact(text).startswith(title)))
        assert compact(meta["discussion_questions"][0]) in whole, page
        for note in (meta.get("facilitator_notes") or {}).values():
            assert compact(note)[:80] not in whole, page
    assert starts == sorted(starts) and len(set(starts)) == len(STORIES)
    assert compact(labels["stories"]["facilitator_notes"]) not in whole
    assert compact(labels["stories"]["introduction"]) not in whole  # the notes' first heading
    reader = pypdf.PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title.startswith(labels["pdf"]["booklets"]["participants"])
    assert pypdf.PdfReader(path).pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
    bookmarks = {compact(item.title) for item in reader.outline if not isinstance(item, list)}
    assert all(compact(str(story_meta(page, lang)["title"])) in bookmarks for page in STORIES)


@pytest.mark.browser  # reads printed PDFs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_facilitators_booklet_holds_the_workshop_guide_and_every_storys_notes_and_questions(site, lang):
    path = pdf_path(site, lang, "stories-facilitators")
    whole = compact(" ".join(pages_text(path)))
    guide = story_meta("guides/workshops.md", lang)
    assert compact(str(guide["title"])) in whole
    for page in STORIES:
        meta = story_meta(page, lang)
        assert compact(str(meta["title"])) in whole, page
        for note in meta["facilitator_notes"].values():
            assert compact(note)[:80] in whole, page
        for question in meta["discussion_questions"]:
            assert compact(question) in whole, page
        for warning in meta["content_warnings"]:
            assert compact(STRINGS[lang]["stories"]["warnings"][warning]) in whole, page
    reader = pypdf.PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title.startswith(STRINGS[lang]["pdf"]["booklets"]["facilitators"])


@pytest.mark.browser  # reads printed PDFs
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page, name", CHECKLISTS.items())
def test_case_file_checklist_has_every_item_number_and_no_item_split_across_pages(site, lang, page, name):
    path = pdf_path(site, lang, f"{name}-casefile")
    labels = STRINGS[lang]["pdf"]["casefile"]
    checklist = checklist_of(page, lang)
    numbers = [number for number, _ in checklist.numbered_items()]
    pattern = re.compile(rf"(?m)^\s*({re.escape(checklist.prefix)}\.\d+\.\d+)\s")
    found = []
    for number, text in enumerate(pages_text(path), 1):
        on_page = pattern.findall(text)
        found += on_page
        # An item split across pages would leave its number and its fields on different pages.
        for label in ("initials", "note", "not_applicable"):
            assert text.count(labels[label]) == len(on_page), (name, number, label)
    assert found == numbers
    first = pages_text(path)[0]
    assert labels["case_code"] in first and compact(labels["no_name"]) in compact(first)
    reader = pypdf.PdfReader(path)
    assert all(
        p.mediabox.width == pytest.approx(595.3, abs=1) and p.mediabox.height == pytest.approx(841.9, abs=1)
        for p in reader.pages
    )
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title.startswith(STRINGS[lang]["pdf"]["kind_casefile"] + ": ")


@pytest.mark.browser  # reads printed PDFs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_booklets_and_case_files_are_linked_where_trainers_look_and_the_links_resolve(site, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    for page, expected in (
        ("stories/", {"stories-participants.pdf", "stories-facilitators.pdf"}),
        ("guides/stages/crisis/", {"checklist-crisis.pdf", "checklist-crisis-casefile.pdf"}),
        (
            "checklists/",
            {f"{name}-casefile.pdf" for name in CHECKLISTS.values()} | {f"{name}.pdf" for name in CHECKLISTS.values()},
        ),
        ("downloads/", {"stories-participants.pdf", "stories-facilitators.pdf", "checklist-mentoring-casefile.pdf"}),
    ):
        links = re.findall(r'href="([^"]+\.pdf)" download', site.html(prefix + page))
        assert expected <= {link.rsplit("/", 1)[-1] for link in links}, page
        for link in links:
            assert (site.site / prefix / page / link).resolve().is_file(), (page, link)
    assert "stories-participants.pdf" not in site.html(prefix + "stories/amra/")


# A small site: what the booklets hold follows the stories' state at each build

PUBLISHED = (PROJECT / "stories" / "marko.md").read_text("utf-8")
OTHER = (PROJECT / "stories" / "amra.md").read_text("utf-8")
DRAFT_MARKER = "ZQX-BOOKLET-DRAFT-5521"


def test_a_withdrawn_or_draft_story_is_in_neither_booklet_from_the_next_build(build_small_site):
    files = {
        "docs/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n",
        "stories/index.md": (PROJECT / "stories" / "index.md").read_text("utf-8"),
        "guides/workshops.md": (
            "---\ntitle: Workshops\ndescription: Workshops.\n---\n\n# Workshops\n\nHow to use the stories.\n"
        ),
        "stories/marko.md": PUBLISHED,
        "stories/amra.md": OTHER,
        "stories/draft.md": PUBLISHED.replace("status: published", "status: draft").replace(
            'title: "Marko and the adults who noticed"', f'title: "{DRAFT_MARKER}"'
        ),
    }
    nav = [{"Home": "index.md"}, {"Stories": ["stories/index.md"]}]

    def booklets(built) -> list[str]:
        assert built.returncode == 0, built.log
        return [compact(" ".join(pages_text(pdf_path(built, "en", name)))) for name in printables.BOOKLETS.values()]

    amra = compact("Amra's early shift")
    for content in booklets(build_small_site(files, nav=nav, pdfs=True)):
        assert compact("Marko and the adults who noticed") in content and amra in content
        assert DRAFT_MARKER not in content
    files["stories/amra.md"] = OTHER.replace("withdrawn: false", "withdrawn: true")
    for content in booklets(build_small_site(files, nav=nav, pdfs=True)):
        assert compact("Marko and the adults who noticed") in content
        assert amra not in content and DRAFT_MARKER not in content
