"""Checklists: the parser and checks (table-driven), the rendering, the build and the standalone
command, and in a browser the boxes as people use them (shape, forced colours, focus, Back,
reload, printing) and the checklists page."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import lxml.html
import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import CHROMIUM, CHROMIUM_ARGS, LANGUAGES, PROJECT, as_translation
from kb import checklist_rules, page_source
from kb.checklist_tree import ChecklistNumbering, ChecklistPage

# A valid page; each case below changes some of its lines. Line numbers are file lines.
VALID = """\
---
title: Stage 2
description: A stage page.
checklist: "2"
---

# Stage 2

Some text before the checklist.

## Checklist for practitioners { .checklist }

Tick each item when it is done.

### Safety

- [ ] Assess the risks.
- [ ] Agree a safety plan.

### Health

- [ ] Offer a medical check-up.

## References

- [S1] A source.
"""


def edit(replace: dict[int, str] | None = None, insert: dict[int, str] | None = None, text: str = VALID) -> str:
    """VALID with lines replaced ({line: text}) and lines inserted after a line ({line: text})."""
    lines = text.split("\n")
    for number, new in (replace or {}).items():
        lines[number - 1] = new
    for number, new in sorted((insert or {}).items(), reverse=True):
        lines[number:number] = new.split("\n")
    return "\n".join(lines)


LONG = "Explain " + "x" * 152  # 160 characters
CASES = [
    (
        "plain bullet",
        edit({18: "- Agree a safety plan."}),
        [(18, "plain bullet inside the checklist; expected a task item (- [ ] ...)")],
    ),
    (
        "star bullet",
        edit({18: "* Agree a safety plan."}),
        [(18, "plain bullet inside the checklist; expected a task item (- [ ] ...)")],
    ),
    (
        "numbered item",
        edit({18: "1. Agree a safety plan."}),
        [(18, "numbered item inside the checklist; expected a task item (- [ ] ...), numbers are generated")],
    ),
    (
        "nested task",
        edit(insert={17: "    - [ ] Check the doors."}),
        [(18, "nested list inside the checklist; expected one level of task items (- [ ] ...)")],
    ),
    (
        "nested bullet",
        edit(insert={17: "  - the doors"}),
        [(18, "nested list inside the checklist; expected one level of task items (- [ ] ...)")],
    ),
    (
        "ticked item",
        edit({18: "- [x] Agree a safety plan."}),
        [(18, "ticked item [x]; expected an empty box (- [ ] ...): checklists are printed to be ticked")],
    ),
    (
        "ticked capital X",
        edit({18: "- [X] Agree a safety plan."}),
        [(18, "ticked item [x]; expected an empty box (- [ ] ...): checklists are printed to be ticked")],
    ),
    ("empty item", edit({18: "- [ ]"}), [(18, "empty item; expected an action after - [ ]")]),
    (
        "item of spaces and emphasis only",
        edit({18: "- [ ] ** **"}),
        [(18, "empty item; expected an action after - [ ]")],
    ),
    ("empty group", edit({22: ""}), [(20, "empty group 'Health'; expected at least one task item (- [ ] ...)")]),
    (
        "duplicate group",
        edit({20: "### Safety"}),
        [(20, "duplicate group heading 'Safety' (also at line 15); expected each group once")],
    ),
    (
        "duplicate group, other case",
        edit({20: "### SAFETY"}),
        [(20, "duplicate group heading 'SAFETY' (also at line 15); expected each group once")],
    ),
    (
        "duplicate item",
        edit({18: "- [ ] Assess the  risks."}),
        [(18, "duplicate item in group 'Safety' (also at line 17); expected each action once")],
    ),
    (
        "item too long",
        edit({18: f"- [ ] {LONG}y"}),
        [(18, "item is 161 characters long; expected at most 160 (two printed lines), split it into two actions")],
    ),
    (
        "item before the first group",
        edit(insert={13: "\n- [ ] Read the plan."}),
        [(15, "task item before the first group; expected a group heading (###) above it")],
    ),
    (
        "level-4 heading",
        edit(insert={18: "\n#### More safety"}),
        [(20, "level-4 heading inside the checklist; expected group headings of level 3 (###) only")],
    ),
    (
        "text after the first group",
        edit(insert={18: "\nRemember the children."}),
        [
            (
                20,
                "text after the first group; "
                "expected only group headings (###) and task items (- [ ] ...) after the introduction",
            )
        ],
    ),
    (
        "table",
        edit(insert={13: "\n| a | b |"}),
        [
            (
                15,
                "unexpected block (table, quote, admonition or HTML) inside the checklist; "
                "expected only an introduction, group headings and task items",
            )
        ],
    ),
    (
        "admonition",
        edit(insert={18: '\n!!! note "Tip"'}),
        [
            (
                20,
                "unexpected block (table, quote, admonition or HTML) inside the checklist; "
                "expected only an introduction, group headings and task items",
            )
        ],
    ),
    (
        "code block",
        edit(insert={13: "\n```\n- [ ] code\n```"}),
        [
            (15, "code block inside the checklist; expected only group headings (###) and task items (- [ ] ...)"),
            (17, "code block inside the checklist; expected only group headings (###) and task items (- [ ] ...)"),
        ],
    ),
    (
        "second checklist",
        edit(insert={23: "## Again { .checklist }\n\n### Legal\n\n- [ ] Explain the rights.\n"}),
        [(24, "second checklist section (the first is at line 11); expected exactly one per page")],
    ),
    (
        "declared but missing",
        edit({11: "## Checklist for practitioners"}),
        [
            (
                4,
                "no checklist section; "
                "expected a level-2 heading marked { .checklist } followed by groups of task items",
            )
        ],
    ),
    (
        "section without prefix",
        edit({4: "other: x"}),
        [(11, 'checklist section but no number prefix in the front matter; expected e.g. checklist: "2"')],
    ),
    (
        "invalid prefix",
        edit({4: 'checklist: "2a"'}),
        [
            (
                4,
                "checklist number prefix '2a' is not valid; expected 1 to 3 capital letters or digits, "
                'e.g. checklist: "2"',
            )
        ],
    ),
    (
        "no groups",
        edit({15: "", 17: "", 18: "", 20: "", 22: ""}),
        [(11, "checklist has no groups; expected group headings (###) each followed by task items")],
    ),
    ("empty group heading", edit({20: "###"}), [(20, "empty group heading; expected a title after ###")]),
    (
        "two problems, both reported",
        edit({17: "- [x] Assess the risks.", 22: "- Offer a check-up."}),
        [
            (17, "ticked item [x]; expected an empty box (- [ ] ...): checklists are printed to be ticked"),
            (20, "empty group 'Health'; expected at least one task item (- [ ] ...)"),
            (22, "plain bullet inside the checklist; expected a task item (- [ ] ...)"),
        ],
    ),
]

VALID_VARIANTS = [
    ("the reference page", VALID),
    ("an item of exactly 160 characters", edit({18: f"- [ ] {LONG}"})),
    ("a long item wrapped onto the next line", edit({18: "- [ ] Agree a safety plan", 19: "  with the person.\n"})),
    ("the {: .checklist } spelling", edit({11: "## Checklist {: .checklist }"})),
    ("a link in an item, counted by its text", edit({18: f"- [ ] [{LONG}](https://example.org/a/very/long/address)"})),
    ("task items elsewhere on the page are not checklist items", edit(insert={9: "\n- [x] An example outside."})),
    ("no checklist and none declared", edit({4: "other: x", 11: "## Notes"}).replace("- [ ]", "-")),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[case[0] for case in CASES])
def test_malformed_checklist_is_reported_with_line_and_message(name, text, expected):
    problems = checklist_rules.find_problems(text)
    assert [(p.line, p.message) for p in problems] == expected


@pytest.mark.parametrize("name, text", VALID_VARIANTS, ids=[case[0] for case in VALID_VARIANTS])
def test_valid_checklist_has_no_problems(name, text):
    assert checklist_rules.find_problems(text) == []


def test_parse_counts_groups_items_and_numbers():
    checklist = checklist_rules.parse(edit({18: "- [ ] Agree a safety plan", 19: "  with the person.\n"})).checklist
    assert [(g.title, len(g.items)) for g in checklist.groups] == [("Safety", 2), ("Health", 1)]
    assert [number for number, _ in checklist.numbered_items()] == ["2.1.1", "2.1.2", "2.2.1"]
    assert checklist.groups[0].items[1].text == "Agree a safety plan with the person."


@pytest.mark.parametrize(
    "front, line, reason",
    [
        ("title: [unclosed\n", 3, "expected ',' or ']', but got '<stream end>'"),
        ("title: A\ndescription: B\n  bad: indent\n", 4, "mapping values are not allowed here"),
        ("- a list\n", 2, None),
    ],
)
def test_unreadable_front_matter_names_the_yaml_error_line(front, line, reason):
    source = page_source.parse(f"---\n{front}---\n\n# Title\n")
    assert [p.line for p in source.problems] == [line]
    if reason:
        assert reason in source.problems[0].message
    else:
        assert (
            source.problems[0].message
            == "front matter is not a mapping; expected 'key: value' lines between the --- lines"
        )


# Translations against their English source

TRANSLATED = (
    VALID.replace("Stage 2", "Faza 2")
    .replace("Checklist for practitioners", "Lista e kontrollit")
    .replace("Tick each item when it is done.", "Shënoni çdo pikë.")
    .replace("### Safety", "### Siguria")
    .replace("### Health", "### Shëndeti")
    .replace("Assess the risks.", "Vlerësoni rreziqet.")
    .replace("Agree a safety plan.", "Bini dakord për një plan sigurie.")
    .replace("Offer a medical check-up.", "Ofroni një kontroll mjekësor.")
)

COMPARE_CASES = [
    (
        "missing item",
        edit({18: ""}, text=TRANSLATED),
        [(15, "group 1 'Siguria' has 1 items; expected 2 as in group 'Safety' of guides/x.md (line 15)")],
    ),
    (
        "extra group",
        edit(insert={22: "\n### Ligjore\n\n- [ ] Shpjegoni të drejtat."}, text=TRANSLATED),
        [(24, "extra group 3 'Ligjore'; expected 2 groups as in guides/x.md")],
    ),
    (
        "missing group",
        edit({20: "", 22: ""}, text=TRANSLATED),
        [(11, "group 2 'Health' of guides/x.md (line 20) is missing; expected 2 groups")],
    ),
    (
        "untranslated item",
        edit({22: "- [ ] Offer a medical check-up."}, text=TRANSLATED),
        [(22, "item 2.2.1 is identical to the English item; expected a translation")],
    ),
    (
        "other prefix",
        edit({4: 'checklist: "3"'}, text=TRANSLATED),
        [(4, "checklist prefix '3' differs from '2' in guides/x.md; expected the same numbering in every language")],
    ),
    (
        "no checklist",
        edit({11: "## Lista e kontrollit"}, text=TRANSLATED),
        [(4, "no checklist section; expected the checklist of guides/x.md (line 11) with 2 groups")],
    ),
]


@pytest.mark.parametrize("name, text, expected", COMPARE_CASES, ids=[case[0] for case in COMPARE_CASES])
def test_translation_is_compared_with_its_english_source(name, text, expected):
    problems = checklist_rules.compare(VALID, text, "guides/x.md")
    assert [(p.line, p.message) for p in problems] == expected


def test_faithful_translation_matches_english():
    assert checklist_rules.compare(VALID, TRANSLATED, "guides/x.md") == []


# Rendering


def render(text: str, prefix: str | None = "2", go_to: str = "Go to the checklist") -> tuple[str, list]:
    """A page's body as the site converts it (mkdocs.yml's extensions): HTML and toc entries."""
    numbering = ChecklistNumbering()
    md = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "toc", "pymdownx.tasklist", numbering],
        extension_configs={"toc": {"permalink": True}, "pymdownx.tasklist": {"custom_checkbox": True}},
    )
    numbering.page = None if prefix is None else ChecklistPage(prefix, go_to)
    return md.convert(page_source.parse(text).body), md.toc_tokens


def test_numbers_and_accessible_names_are_generated_in_reading_order():
    html, _ = render(edit(insert={9: "\n- [ ] An example outside.", 24: "\n### Not numbered"}))
    assert html.count('<span class="kb-check-number">') == 5
    assert '<div class="kb-checklist" data-prefix="2"><h2 class="checklist" id="checklist-for-practitioners">' in html
    assert '<h3 id="safety"><span class="kb-check-number">2.1</span> Safety<a class="headerlink"' in html
    assert '<h3 id="health"><span class="kb-check-number">2.2</span> Health<a class="headerlink"' in html
    assert (
        '<li class="task-list-item kb-check-item" id="check-2-1-2"><label class="task-list-control">'
        '<input type="checkbox" autocomplete="off">'
        '<span class="task-list-indicator"></span>'
        '<span class="kb-check-number">2.1.2</span> Agree a safety plan.</label></li>'
    ) in html
    assert 'id="check-2-2-1"' in html
    assert html.count("disabled") == 1  # only the task item outside the checklist
    assert '</ul>\n</div><h2 id="references">' in html
    assert '<h3 id="not-numbered">Not numbered' in html


def test_page_without_a_prefix_is_not_numbered():
    html, _ = render(VALID, prefix=None)
    assert "kb-check" not in html and "kb-checklist" not in html


def test_link_to_the_checklist_comes_right_after_the_title():
    html, _ = render(VALID, go_to="Go to <the> checklist")
    assert (
        '</h1><p class="kb-go-to-checklist" data-search-exclude>'
        '<a href="#checklist-for-practitioners">Go to &lt;the&gt; checklist</a></p>\n<p>Some text' in html
    )


def test_table_of_contents_numbers_only_the_checklist_groups():
    _, toc = render(edit(insert={9: "\n## Overview\n\n### Detail"}))

    def titles(tokens):
        return [(token["id"], token["name"]) for token in tokens] + [
            pair for token in tokens for pair in titles(token["children"])
        ]

    assert titles(toc) == [
        ("stage-2", "Stage 2"),
        ("overview", "Overview"),
        ("checklist-for-practitioners", "Checklist for practitioners"),
        ("references", "References"),
        ("detail", "Detail"),
        ("safety", "2.1 Safety"),
        ("health", "2.2 Health"),
    ]


# Any checklist the checks accept renders in full: what the source parser counts is what is numbered.
ITEMS = [
    lambda n: f"- [ ] Do thing {n}.",
    lambda n: f"* [ ] Do thing {n}.",
    lambda n: f"+ [ ] Do thing {n}.",
    lambda n: f"- [ ] Do *thing* `{n}` [here](x.md).",
]
OTHER_LINES = [
    "",
    "  and more",
    "and more",
    "Some text.",
    "    - [ ] Nested.",
    "1. [ ] Numbered.",
    "#### Deeper",
    "- Plain.",
]


@st.composite
def checklist_bodies(draw) -> str:
    """Groups of items written every way (bullets, blank lines, wrapped lines, inline markup),
    sometimes with a line the checks reject somewhere."""
    lines, n = [], 0
    for g in range(draw(st.integers(1, 3))):
        lines += [f"### Group {g}"] + [""] * draw(st.integers(0, 1))
        for _ in range(draw(st.integers(1, 4))):
            n += 1
            lines.append(draw(st.sampled_from(ITEMS))(n))
            lines += draw(st.lists(st.sampled_from(["  and more", "and more"]), max_size=1)) + [""] * draw(
                st.integers(0, 2)
            )
        lines.append("")
    for _ in range(draw(st.integers(0, 1))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(OTHER_LINES)))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(checklist_bodies(), st.booleans())
def test_every_checklist_the_checks_accept_renders_every_item_numbered_and_usable(body, crlf):
    text = (
        VALID.split("## Checklist for practitioners")[0] + "## Checklist { .checklist }\n\n" + body + "\n\n## After\n"
    )
    if crlf:
        text = text.replace("\n", "\r\n")
    html, _ = render(text.replace("\r\n", "\n"))  # as MkDocs reads a file: universal newlines
    if checklist_rules.find_problems(text):
        return  # rejected, with path:line, by the build
    section = lxml.html.fromstring(html).xpath('//div[@class="kb-checklist"]')[0]
    rendered = [
        (
            li.get("id"),
            " ".join(li.text_content().split()),
            [box.get("disabled") is None and box.getparent().tag == "label" for box in li.iter("input")],
        )
        for li in section.iter("li")
    ]
    expected = [
        (f"check-{number.replace('.', '-')}", f"{number} {checklist_rules.plain_text(item.text)}", [True])
        for number, item in checklist_rules.parse(text).checklist.numbered_items()
    ]
    assert rendered == expected


# The build and the standalone command

STAGE_EN = VALID.replace("title: Stage 2", "title: Crisis")
STAGE_TRANSLATIONS = {
    "sq": TRANSLATED,
    "mk": TRANSLATED.replace("Vlerësoni rreziqet.", "Проценете ги ризиците.")
    .replace("Bini dakord për një plan sigurie.", "Договорете безбедносен план.")
    .replace("Ofroni një kontroll mjekësor.", "Понудете медицински преглед."),
    "bs": TRANSLATED.replace("Vlerësoni rreziqet.", "Procijenite rizike.")
    .replace("Bini dakord për një plan sigurie.", "Dogovorite sigurnosni plan.")
    .replace("Ofroni një kontroll mjekësor.", "Ponudite ljekarski pregled."),
}


def stage_site(**changed: str) -> dict[str, str]:
    files = {
        "docs/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n",
        "guides/stages/crisis.md": STAGE_EN,
    }
    for lang, text in STAGE_TRANSLATIONS.items():
        files[f"translations/{lang}/guides/stages/crisis.md"] = as_translation(changed.get(lang, text))
    return files


def test_clean_four_language_site_builds_without_warnings(build_small_site):
    built = build_small_site(stage_site())
    assert built.returncode == 0, built.log
    assert built.warnings == []
    assert 'id="check-2-2-1"' in built.html("mk/guides/stages/crisis/")


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        (
            "sq",
            edit({18: ""}, text=STAGE_TRANSLATIONS["sq"]),
            "translations/sq/guides/stages/crisis.md:17: group 1 'Siguria' has 1 items; "
            "expected 2 as in group 'Safety' of guides/stages/crisis.md (line 15)",
        ),
        (
            "bs",
            edit(insert={22: "\n### Pravno\n\n- [ ] Objasnite prava."}, text=STAGE_TRANSLATIONS["bs"]),
            "translations/bs/guides/stages/crisis.md:26: extra group 3 'Pravno'; "
            "expected 2 groups as in guides/stages/crisis.md",
        ),
        (
            "mk",
            edit({3: "description: [broken"}, text=STAGE_TRANSLATIONS["mk"]),
            "translations/mk/guides/stages/crisis.md:4: front matter is not valid YAML (expected ',' or ']', "
            "but got ':'); expected 'key: value' lines between the --- lines",
        ),
        (
            "bs",
            edit({9: "Program je pomogao 1,711 osoba."}, text=STAGE_TRANSLATIONS["bs"]),
            "translations/bs/guides/stages/crisis.md:11: number '1,711' in the English format; "
            "expected '1.711' (thousands with a point, decimals with a comma)",
        ),
    ],
    ids=["translation lacks an item", "translation has an extra group", "broken front matter", "english number format"],
)
def test_broken_translation_fails_strict_build_with_one_warning(build_small_site, lang, text, expected):
    built = build_small_site(stage_site(**{lang: text}))
    assert built.returncode == 1
    assert built.warnings == [f"WARNING -  {expected}"]
    check = subprocess.run(
        [sys.executable, str(PROJECT / "hooks" / "check.py"), str(built.root)], capture_output=True, text=True
    )
    assert check.returncode == 1
    assert check.stdout.splitlines() == [expected]


def test_standalone_command_passes_on_the_real_project(project_copy):
    # On a copy: the check keeps its language results in the project's .cache/.
    check = subprocess.run(
        [sys.executable, str(PROJECT / "hooks" / "check.py"), str(project_copy)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    assert check.stdout == ""
    assert "no problems found" in check.stderr


# The checklists page

TABLE_ROW = re.compile(r"<tr>\s*<td[^>]*><a href=\"([^\"]+)\">.*?</td>.*?<a href=\"([^\"]+\.pdf)\" download>", re.S)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_checklists_page_links_each_checklist_section_and_its_pdf(site, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    folder = site.site / prefix / "checklists"
    rows = TABLE_ROW.findall(site.html(prefix + "checklists/"))
    assert len(rows) == len(set(rows)) >= 5
    for section, pdf in rows:
        page, _, anchor = section.partition("#")
        target = (folder / page / "index.html").resolve()
        assert anchor and re.search(
            rf'<h2 class="checklist"[^>]* id="{re.escape(anchor)}"', target.read_text("utf-8")
        ), section
        assert (folder / pdf).resolve().is_file(), pdf
        assert (folder / pdf).resolve().parent == (site.site / prefix / "pdf").resolve()


# In a browser: the boxes as people use them

STAGE = "guides/stages/crisis/"
INK = 60  # a pixel this far from the background's grey level is ink


def box_image(page, item: str) -> Image.Image:
    """A screenshot of the visible box of a checklist item (the indicator drawn before it)."""
    page.locator(item).scroll_into_view_if_needed()
    box = page.evaluate(
        """item => {
            const li = document.querySelector(item), label = li.querySelector(".task-list-indicator");
            const size = parseFloat(getComputedStyle(li).fontSize), text = li.getBoundingClientRect();
            const print = getComputedStyle(label, "::before").position === "static";
            const left = print ? text.left : text.left - 1.5 * size, top = text.top + (print ? 0.25 : 0.2) * size;
            return {x: left, y: top, width: 1.1 * size, height: 1.1 * size};
        }""",
        item,
    )
    shot = page.screenshot(clip=box)
    return Image.open(io.BytesIO(shot)).convert("L")


def ink(image: Image.Image, inner: bool) -> float:
    """The share of ink pixels in the centre of the image (inner) or in its outer band."""
    width, height = image.size
    histogram = image.histogram()
    background = histogram.index(max(histogram))
    inside = lambda x, y: 0.3 * width <= x < 0.7 * width and 0.3 * height <= y < 0.7 * height  # noqa: E731
    band = lambda x, y: min(x, y, width - 1 - x, height - 1 - y) < 0.25 * min(width, height)  # noqa: E731
    chosen = [image.getpixel((x, y)) for x in range(width) for y in range(height) if (inside if inner else band)(x, y)]
    return sum(abs(value - background) > INK for value in chosen) / len(chosen)


def phone_page(browser, served_site, path, **media):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    page = context.new_page()
    if media:
        page.emulate_media(**media)
    page.goto(served_site + path, wait_until="networkidle")
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["normal", "forced colours"])
def test_unticked_box_is_an_empty_square_and_a_ticked_one_holds_a_tick(browser, served_site, mode):
    media = {"forced_colors": "active", "color_scheme": "dark"} if mode == "forced colours" else {}
    context, page = phone_page(browser, served_site, "mk/" + STAGE, **media)
    page.locator("#check-1-1-2 label").tap()
    style = page.evaluate(
        """() => ["#check-1-1-1", "#check-1-1-2"].map(item => {
            const indicator = document.querySelector(item + " .task-list-indicator");
            const box = getComputedStyle(indicator, "::before"), tick = getComputedStyle(indicator, "::after");
            return {border: box.borderTopStyle, width: box.width, height: box.height,
                    radius: parseFloat(box.borderTopLeftRadius) / parseFloat(box.width),
                    mask: box.maskImage, tick: tick.content !== "none" && tick.borderRightStyle === "solid"};
        })"""
    )
    empty, ticked = box_image(page, "#check-1-1-1"), box_image(page, "#check-1-1-2")
    assert ink(empty, inner=False) > 0.2, "the empty box's edges are not visible"
    assert ink(empty, inner=True) < 0.05, "the empty box is not empty"
    assert ink(ticked, inner=True) > 0.15, "the ticked box shows no tick"
    for each in style:  # a square drawn by its border (no icon), the tick a shape of its own
        assert (
            each["border"] == "solid"
            and each["mask"] == "none"
            and each["width"] == each["height"]
            and each["radius"] < 0.2
        ), each
    assert [each["tick"] for each in style] == [False, True]
    context.close()


ACCENT = (0x8A, 0x3B, 0x12)  # --md-accent-fg-color in kb.css: the focus ring


def around_start(page, item: str) -> dict:
    """Where an item starts: its box, its number, and its font size (page coordinates)."""
    page.locator(item).scroll_into_view_if_needed()
    return page.evaluate(
        """item => {
            const li = document.querySelector(item), size = parseFloat(getComputedStyle(li).fontSize);
            const text = li.getBoundingClientRect();
            const number = li.querySelector(".kb-check-number").getBoundingClientRect();
            return {size, left: text.left, top: text.top, number: number.left};
        }""",
        item,
    )


def ring_pixels(page, item: str) -> list[tuple[float, float]]:
    """Positions of focus-ring-coloured pixels from left of an item's box to past its number."""
    found = around_start(page, item)
    size = found["size"]
    clip = {"x": max(0, found["left"] - 2.2 * size), "y": found["top"] - 0.4 * size, "height": 1.9 * size}
    clip["width"] = found["number"] - clip["x"] + 1.5 * size
    image = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    scale = image.width / clip["width"]
    return [
        (x / scale + clip["x"], y / scale + clip["y"])
        for x in range(image.width)
        for y in range(image.height)
        if sum(abs(a - b) for a, b in zip(image.getpixel((x, y)), ACCENT)) < 90
    ]


@pytest.mark.browser
def test_focus_ring_surrounds_the_box_not_the_item_number(browser, served_site):
    context, page = phone_page(browser, served_site, "sq/" + STAGE)
    page.locator("#check-1-1-2 input").focus()
    page.keyboard.press("Tab")  # focus moved by the keyboard, as its user does
    assert page.evaluate("document.activeElement.closest('li').id") == "check-1-1-3"
    ring = ring_pixels(page, "#check-1-1-3")
    assert ring, "no focus ring"
    found = around_start(page, "#check-1-1-3")
    box_left, box_right = found["left"] - 1.5 * found["size"], found["left"] - 0.4 * found["size"]
    left, right = min(x for x, _ in ring), max(x for x, _ in ring)
    assert left < box_left and box_right < right, "the ring does not surround the box"
    assert right < found["number"], "the ring overlaps the item number"
    context.close()


@pytest.fixture(scope="module")
def browser_with_back_forward_cache(browser):
    """Chromium as people have it: Playwright turns the back-forward cache off by default."""
    cached = browser.browser_type.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, ignore_default_args=["--disable-back-forward-cache"]
    )
    yield cached
    cached.close()


def ticked(page) -> list[str]:
    return page.evaluate(
        "[...document.querySelectorAll('.kb-checklist input')].filter(b => b.checked).map(b => b.closest('li').id)"
    )


@pytest.mark.browser
@pytest.mark.parametrize("restored_by", ["form restoration", "back-forward cache"])
def test_ticks_do_not_come_back_after_back(request, served_site, restored_by):
    # Form restoration is tested without scripts, so that autocomplete="off" alone must hold;
    # a page from the back-forward cache comes back as it was left, scripts and all.
    from_cache = restored_by == "back-forward cache"
    browser = request.getfixturevalue("browser_with_back_forward_cache" if from_cache else "browser")
    context = browser.new_context(java_script_enabled=from_cache)
    page = context.new_page()
    page.goto(served_site + "bs/" + STAGE, wait_until="load")
    page.locator("#check-1-1-2 label").click()
    page.locator("#check-1-2-1 label").click()
    assert ticked(page) == ["check-1-1-2", "check-1-2-1"]
    if from_cache:
        page.evaluate("window.kbLeftAt = 'the crisis page'")
    page.locator("a[href$='/transition/']").first.click()
    page.wait_for_load_state("load")
    page.go_back(wait_until="commit")
    page.wait_for_function("() => document.readyState === 'complete'")
    page.wait_for_timeout(200)
    if from_cache:
        assert page.evaluate("window.kbLeftAt") == "the crisis page", (
            "the page did not come from the back-forward cache"
        )
    assert ticked(page) == []
    context.close()


@pytest.mark.browser
def test_ticks_do_not_come_back_after_reload(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "mk/" + STAGE, wait_until="load")
    page.locator("#check-1-1-2 label").click()
    assert ticked(page) == ["check-1-1-2"]
    page.reload(wait_until="load")
    assert ticked(page) == []
    assert page.evaluate("Object.keys(localStorage).length + Object.keys(sessionStorage).length") == 0
    page.close()


@pytest.mark.browser
def test_printout_shows_the_ticks_on_screen_without_the_focus_ring(browser, served_site):
    context, page = phone_page(browser, served_site, "sq/" + STAGE)
    page.locator("#check-1-1-2 label").click()
    page.locator("#check-1-1-3 input").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # the focus ring is on 1.1.3, as after ticking with the keyboard
    assert page.evaluate("document.activeElement.closest('li').id") == "check-1-1-3"
    # (Emulated print media hides the real checkbox, which moves the focus away; a real
    # printout is made from the page as it is, focus included: the ring must not print.)
    page.emulate_media(media="print")
    empty, ticked_box, focused = (box_image(page, f"#check-1-1-{n}") for n in (1, 2, 3))
    assert ring_pixels(page, "#check-1-1-1") == []  # nothing of the colour where nothing is focused
    assert ink(empty, inner=False) > 0.2 and ink(empty, inner=True) < 0.05
    assert ink(ticked_box, inner=True) > 0.15, "the tick on screen is not printed"
    assert ink(focused, inner=True) < 0.05, "the focused box is printed ticked"
    assert ring_pixels(page, "#check-1-1-3") == [], "the focus ring is printed"
    context.close()
