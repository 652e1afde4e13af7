"""Checklists as they render: every valid way of writing one (tight or loose lists, any bullet,
wrapped items, inline markup, CRLF line endings...) numbered in full with every box usable, in
every language; and a guide with a checklist added with a Markdown file and a nav line only.

One small site holds one guide page per variant in the four languages, built once per module."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import lxml.html
import pypdfium2
import pytest
import yaml

from conftest import LANGUAGES, PROJECT, as_translation, run_mkdocs, small_config, write_tree
from kb import checklist_rules
from kb.checklist_tree import item_anchor

WORDS = {
    "en": {
        "title": "Checklist variant",
        "intro": "Tick each item when it is done.",
        "section": "Checklist for practitioners",
        "groups": ["Safety", "Health"],
        "items": [
            ["Assess the risks.", "Agree a safety plan.", "Write down the contacts."],
            ["Offer a medical check-up."],
        ],
        "after": "Notes",
        "note": "Keep the list with the case file.",
    },
    "sq": {
        "title": "Varianti i listës",
        "intro": "Shënoni çdo pikë.",
        "section": "Lista e kontrollit",
        "groups": ["Siguria", "Shëndeti"],
        "items": [
            ["Vlerësoni rreziqet.", "Bini dakord për një plan sigurie.", "Shkruani kontaktet."],
            ["Ofroni një kontroll mjekësor."],
        ],
        "after": "Shënime",
        "note": "Mbajeni listën me dosjen.",
    },
    "mk": {
        "title": "Варијанта на листата",
        "intro": "Означете ја секоја точка.",
        "section": "Листа за проверка",
        "groups": ["Безбедност", "Здравје"],
        "items": [
            ["Проценете ги ризиците.", "Договорете безбедносен план.", "Запишете ги контактите."],
            ["Понудете медицински преглед."],
        ],
        "after": "Белешки",
        "note": "Чувајте ја листата со досието.",
    },
    "bs": {
        "title": "Varijanta liste",
        "intro": "Označite svaku stavku.",
        "section": "Kontrolna lista",
        "groups": ["Sigurnost", "Zdravlje"],
        "items": [
            ["Procijenite rizike.", "Dogovorite sigurnosni plan.", "Zapišite kontakte."],
            ["Ponudite ljekarski pregled."],
        ],
        "after": "Bilješke",
        "note": "Čuvajte listu uz dosije.",
    },
}


def wrapped(indent: str):
    return lambda g, i, text: text.replace(" ", "\n" + indent, 1)


def marked(g, i, text):
    """Emphasis, inline code, a link and strong text, one kind per item."""
    first, _, rest = text.partition(" ")
    return [f"*{first}* {rest}", f"{first} `{rest}`", f"[{first}](../index.md) {rest}", f"**{first}** {rest}"][
        (g * 3 + i) % 4
    ]


# name, prefix, how items are written: bullet(g, i), blank line after item(g, i), text(g, i, text); options
VARIANTS = [
    ("tight list", "11", {}),
    ("one blank line between two items", "12", {"gap": lambda g, i: (g, i) == (0, 0)}),
    ("loose list", "13", {"gap": lambda g, i: True}),
    ("star bullets", "14", {"bullet": lambda g, i: "*"}),
    ("plus bullets", "15", {"bullet": lambda g, i: "+"}),
    ("mixed bullets", "16", {"bullet": lambda g, i: "-*+"[i % 3]}),
    ("item wrapped over two lines, indented", "17", {"text": wrapped("  ")}),
    ("item wrapped over two lines, not indented", "18", {"text": wrapped("")}),
    ("inline code, emphasis and links", "B7", {"text": marked}),
    ("loose list with inline markup", "20", {"gap": lambda g, i: True, "text": marked}),
    ("CRLF line endings", "21", {"newline": "\r\n"}),
    ("loose list with CRLF line endings", "22", {"gap": lambda g, i: True, "newline": "\r\n"}),
    ("{: .checklist } spelling", "23", {"marker": "{: .checklist }"}),
    ("group headings with closing hashes", "24", {"closing": " ###"}),
    ("checklist at the end of the page", "25", {"last": True}),
]


def slug(name: str) -> str:
    return "variant-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def page(
    lang: str,
    number: int,
    prefix: str,
    bullet=None,
    gap=None,
    text=None,
    newline="\n",
    marker="{ .checklist }",
    closing="",
    last=False,
) -> str:
    words = WORDS[lang]
    lines = [
        "---",
        f"title: {words['title']} {number}",
        "description: A checklist written one way.",
        f'checklist: "{prefix}"',
        "---",
        "",
    ]
    lines += [f"# {words['title']} {number}", "", f"## {words['section']} {marker}", "", words["intro"], ""]
    for g, (group, items) in enumerate(zip(words["groups"], words["items"])):
        lines += [f"### {group}{closing}", ""]
        for i, item in enumerate(items):
            lines.append(f"{bullet(g, i) if bullet else '-'} [ ] {text(g, i, item) if text else item}")
            if gap and gap(g, i) and i < len(items) - 1:
                lines.append("")
        lines.append("")
    if not last:
        lines += [f"## {words['after']}", "", words["note"], ""]
    result = "\n".join(lines)
    if lang != "en":
        result = as_translation(result)
    return result.replace("\n", newline)


HOME = "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n"
LISTING = "---\ntitle: All checklists\ndescription: Every checklist.\n---\n\n# All checklists\n\n<!-- checklists -->\n"


def variant_files() -> dict[str, str]:
    files = {"docs/index.md": HOME, "docs/checklists.md": LISTING}
    for number, (name, prefix, how) in enumerate(VARIANTS, start=1):
        for lang in LANGUAGES:
            folder = "" if lang == "en" else f"translations/{lang}/"
            files[f"{folder}guides/{slug(name)}.md"] = page(lang, number, prefix, **how)
    return files


def build(root, files: dict[str, str], nav, pdfs: bool = False):
    """Like conftest's build_small_site, into a folder of the caller's (one per module here)."""
    shutil.copytree(PROJECT / "strings", root / "strings")
    write_tree(root, files)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(small_config(nav), allow_unicode=True), "utf-8")
    return run_mkdocs(root, pdfs=pdfs)


@pytest.fixture(scope="module")
def variants_site(tmp_path_factory):
    nav = [{"Home": "index.md"}, {"Guides": [f"guides/{slug(name)}.md" for name, _, _ in VARIANTS] + ["checklists.md"]}]
    built = build(tmp_path_factory.mktemp("checklist-variants"), variant_files(), nav)
    assert built.returncode == 0, built.log
    assert built.warnings == []
    return built


def prefixed(lang: str, path: str) -> str:
    return path if lang == "en" else f"{lang}/{path}"


def squash(text: str) -> str:
    return " ".join(text.split())


def usable(box) -> bool:
    """A box that can be ticked, kept by no browser, inside its item's label (so that the number
    and the text name it, and a tap on either ticks it)."""
    label = box.getparent()
    return (
        box.get("type") == "checkbox"
        and box.get("disabled") is None
        and box.get("autocomplete") == "off"
        and label.tag == "label"
        and label.get("class") == "task-list-control"
        and label.getparent().tag == "li"
        and "kb-check-item" in label.getparent().get("class").split()
    )


CASES = [(name, prefix, lang) for name, prefix, _ in VARIANTS for lang in LANGUAGES]


@pytest.mark.parametrize("name, prefix, lang", CASES, ids=[f"{name}, {lang}" for name, _, lang in CASES])
def test_every_valid_way_of_writing_a_checklist_renders_fully_numbered_with_usable_boxes(
    variants_site, name, prefix, lang
):
    folder = "" if lang == "en" else f"translations/{lang}/"
    source = (variants_site.root / f"{folder}guides/{slug(name)}.md").read_bytes().decode("utf-8")
    assert checklist_rules.find_problems(source) == []  # valid, so it must render in full
    expected = checklist_rules.parse(source.replace("\r\n", "\n")).checklist
    html = lxml.html.fromstring(variants_site.html(prefixed(lang, f"guides/{slug(name)}/")))
    [section] = html.xpath('//div[@class="kb-checklist"]')
    assert section.get("data-prefix") == prefix
    groups = [
        (squash(h3.xpath('string(span[@class="kb-check-number"])')), squash(h3.text_content().rstrip("¶")))
        for h3 in section.iter("h3")
    ]
    assert groups == [
        (f"{prefix}.{g}", f"{prefix}.{g} {checklist_rules.plain_text(group.title.rstrip('# '))}")
        for g, group in enumerate(expected.groups, start=1)
    ]
    items = [
        (
            li.get("id"),
            li.xpath('string(label/span[@class="kb-check-number"])'),
            squash(li.text_content()),
            [usable(box) for box in li.iter("input")],
        )
        for li in section.iter("li")
    ]
    assert items == [
        (item_anchor(number), number, f"{number} {checklist_rules.plain_text(item.text)}", [True])
        for number, item in expected.numbered_items()
    ]
    contents = {squash(link.text_content()) for link in html.xpath('//nav[contains(@class, "md-nav--secondary")]//a')}
    assert {f"{prefix}.{g} {group}" for g, group in enumerate(WORDS[lang]["groups"], start=1)} <= contents
    [go_to] = html.xpath('//p[@class="kb-go-to-checklist"]/a')
    assert go_to.get("href") == "#" + section[0].get("id")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_guide_with_a_checklist_gets_its_row_and_pdf_links_without_python(variants_site, lang):
    listing = lxml.html.fromstring(variants_site.html(prefixed(lang, "checklists/")))
    rows = [[squash(cell.text_content()) for cell in row.xpath("td")] for row in listing.xpath("//table/tbody/tr")]
    expected = [
        [
            f"{WORDS[lang]['title']} {number}",
            f"{WORDS[lang]['title']} {number}",
            f"{prefix}.1.1 – {prefix}.2.1",
            "4",
            f"checklist-{slug(name)}.pdf",
            f"checklist-{slug(name)}-casefile.pdf",
        ]
        for number, (name, prefix, _) in enumerate(VARIANTS, start=1)
    ]
    assert rows == expected  # in the navigation's order
    for _number, (name, _, _) in enumerate(VARIANTS, start=1):
        buttons = lxml.html.fromstring(variants_site.html(prefixed(lang, f"guides/{slug(name)}/"))).xpath(
            '//div[@class="kb-downloads"]/a/@href'
        )
        assert [href.rsplit("/", 1)[-1] for href in buttons] == [
            f"checklist-{slug(name)}.pdf",
            f"checklist-{slug(name)}-casefile.pdf",
            f"guide-{slug(name)}.pdf",
        ]


@pytest.mark.browser  # prints PDFs
def test_a_new_guide_with_a_checklist_is_printed_as_its_own_checklist_pdf(tmp_path):
    files = {"docs/index.md": HOME, "guides/new-guide.md": page("en", 1, "7")}
    files.update({f"translations/{lang}/guides/new-guide.md": page(lang, 1, "7") for lang in LANGUAGES if lang != "en"})
    built = build(tmp_path, files, [{"Home": "index.md"}, {"Guides": ["guides/new-guide.md"]}], pdfs=True)
    assert built.returncode == 0, built.log
    for lang in LANGUAGES:
        pdf = built.site / prefixed(lang, "pdf/checklist-new-guide.pdf")
        document = pypdfium2.PdfDocument(str(pdf))
        printed = squash(" ".join(document[i].get_textpage().get_text_range() for i in range(len(document))))
        for number, item in checklist_rules.parse(page(lang, 1, "7")).checklist.numbered_items():
            assert f"{number} {item.text}" in printed, (lang, number)
        assert (built.site / prefixed(lang, "pdf/guide-new-guide.pdf")).is_file()
        assert (built.site / prefixed(lang, "pdf/checklist-new-guide-casefile.pdf")).is_file()


CLASHES = [
    (
        "two checklist pages with the same file name",
        {"guides/a/plan.md": page("en", 1, "1"), "guides/b/plan.md": page("en", 2, "2")},
        "guides/b/plan.md:4: its checklist PDF would be checklist-plan.pdf, as that of guides/a/plan.md; "
        "expected a file name no other checklist page has",
    ),
    (
        "a guide page named as a guide folder",
        {"guides/stages.md": HOME, "guides/stages/crisis.md": page("en", 1, "1")},
        "guides/stages.md:1: its guide PDF would be guide-stages.pdf, as that of the folder guides/stages/; "
        "expected a file name no guide folder has",
    ),
]


@pytest.mark.parametrize("name, files, expected", CLASHES, ids=[case[0] for case in CLASHES])
def test_pdf_names_taken_twice_are_reported_at_the_source(tmp_path, name, files, expected):
    write_tree(tmp_path, {"docs/index.md": HOME, **files})
    shutil.copytree(PROJECT / "strings", tmp_path / "strings")  # a project has its interface strings
    check = subprocess.run(
        [sys.executable, str(PROJECT / "hooks" / "check.py"), str(tmp_path)], capture_output=True, text=True
    )
    assert check.stdout.splitlines() == [expected]
    assert check.returncode == 1
