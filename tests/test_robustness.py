"""Sources that never crash anything: badly broken pages give `path:line: what is wrong;
what was expected` lines from the standalone check and a clean failure of the strict build,
never a traceback; property-based tests (hypothesis) over the parsers and over mutated real
pages find no exception."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, run_mkdocs, small_config, write_tree
from kb import checklist_rules, link_rules, page_source, story_rules, translation_rules

GOOD = b"---\ntitle: A page\ndescription: What it is for.\n---\n\n# A page\n\nText.\n"

# (bytes of docs/broken.md, the line and the words the problem must name)
BROKEN = {
    "front matter unclosed": (b"---\ntitle: A\n\n# A\n", 1, "front matter opened at line 1 is never closed"),
    "front matter not a mapping": (b"---\n- a\n- b\n---\n\n# A\n", 2, "front matter is not a mapping"),
    "title of the wrong type": (b"---\ntitle: [1, 2]\ndescription: d\n---\n\n# A\n", 2, "'title' is a list, not text"),
    "duplicate keys": (
        b"---\ntitle: A\ntitle: B\ndescription: d\n---\n\n# A\n",
        3,
        "front-matter key 'title' again (first at line 2)",
    ),
    "tab in front matter": (b"---\ntitle: A\n\tdescription: d\n---\n\n# A\n", 3, "front matter is not valid YAML"),
    "impossible date": (
        b"---\ntitle: A\ndescription: d\nreviewed: 2026-02-30\n---\n\n# A\n",
        4,
        "front-matter value cannot be read",
    ),
    "NUL byte": (b"---\ntitle: A\ndescription: d\n---\n\n# A\x00\n", 6, "invisible character U+0000"),
    "invalid UTF-8": (b"---\ntitle: A\ndescription: d\n---\n\n# A \xff\xfe\n", 6, "byte 0xff is not UTF-8 text"),
    "empty file": (b"", 1, "the page is empty"),
    "only front matter": (b"---\ntitle: A\ndescription: d\n---\n", 5, "nothing after the front matter"),
    "truncated file": (b"---\ntitle: A\ndescr", 1, "front matter opened at line 1 is never closed"),
    "unclosed fence": (
        b"---\ntitle: A\ndescription: d\n---\n\n```\ncode\n",
        6,
        "code block opened here is never closed",
    ),
    "unclosed comment": (
        b"---\ntitle: A\ndescription: d\n---\n\n<!-- hidden\n",
        6,
        "HTML comment opened here is never closed",
    ),
    "zero-width space": ("---\ntitle: A\u200b\ndescription: d\n---\n\n# A\n".encode(), 2, "invisible character U+200B"),
    "bidirectional override": (
        "---\ntitle: A\ndescription: d\n---\n\n# A \u202eevil\n".encode(),
        6,
        "invisible character U+202E",
    ),
}
# Broken, but readable as the author meant: no problem, and no crash.
TOLERATED = {
    "byte-order mark": b"\xef\xbb\xbf" + GOOD,
    "CRLF line endings": GOOD.replace(b"\n", b"\r\n"),
    "a huge line": GOOD + b"word " * 100_000 + b"\n",
    "deeply nested list": GOOD + b"".join(b"  " * depth + b"- item\n" for depth in range(150)),
}


def _project(tmp_path, files: dict[str, bytes]):
    root = tmp_path / "project"
    write_tree(root, {"docs/index.md": GOOD.decode()})
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    import shutil

    import yaml

    shutil.copytree(PROJECT / "strings", root / "strings")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(small_config(None), allow_unicode=True), "utf-8")
    return root


def _check(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT / "hooks" / "check.py"), str(root)], capture_output=True, text=True
    )


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_page_is_a_path_line_problem_of_the_check(tmp_path, name):
    data, line, words = BROKEN[name]
    done = _check(_project(tmp_path, {"docs/broken.md": data}))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stdout.splitlines()
    assert any(
        message.startswith(f"docs/broken.md:{line}: ") and words in message and "; expected" in message
        for message in lines
    ), lines


@pytest.mark.parametrize("name", TOLERATED)
def test_a_page_readable_as_meant_passes_the_check(tmp_path, name):
    done = _check(_project(tmp_path, {"docs/odd.md": TOLERATED[name]}))
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


def test_the_strict_build_fails_cleanly_on_every_kind_of_broken_page(tmp_path):
    files = {f"docs/broken-{number}.md": data for number, (data, _, _) in enumerate(BROKEN.values())}
    files |= {f"docs/odd-{number}.md": data for number, data in enumerate(TOLERATED.values())}
    root = _project(tmp_path, files)
    built = run_mkdocs(root)
    assert built.returncode == 1
    assert "Traceback" not in built.log, built.log[-3000:]
    for number, (_, line, words) in enumerate(BROKEN.values()):
        assert any(f"docs/broken-{number}.md:{line}: " in w and words in w for w in built.warnings), (number, words)
    assert "not UTF-8 text" in built.log and "nothing was built" in built.log
    assert not (built.site / "index.html").exists()  # nothing half-built in its place


# Property-based tests: no input makes a parser raise, and every problem names a real line.

CHECKS = [
    ("page", lambda text: page_source.parse(text).problems + page_source.page_problems(text)),
    ("checklist", checklist_rules.find_problems),
    ("checklist comparison", lambda text: checklist_rules.compare(text, text[::-1], "docs/x.md")),
    ("story", story_rules.find_problems),
    ("links", lambda text: link_rules.find_problems(text, "manual/safety.md", lambda page: page.startswith("manual/"))),
    ("translation review", translation_rules.review_problems),
    ("numbers", translation_rules.number_problems),
    ("invisible characters", page_source.invisible_characters),
]
MARKDOWN_BITS = st.sampled_from(
    [
        "---\n",
        "title: ",
        "description: x\n",
        'checklist: "2"\n',
        "## Checklist { .checklist }\n",
        "### Group\n",
        "- [ ] Do it.\n",
        "- [x] Done\n",
        "* plain\n",
        "  - nested\n",
        "1. one\n",
        "```\n",
        "~~~\n",
        "<!--",
        "-->",
        "[link](../x.md)",
        "[S1]",
        "|a|b|\n",
        "\n",
        "\r\n",
        "\t",
        ": ",
        "'",
        '"',
        "2026-02-30",
        "status: published\n",
        "translation:\n  status: reviewed\n",
        "\u200b",
        "\u202e",
        "\x00",
        "ë",
        "ѓ",
        "1,711",
        "21.6%",
        "{ #id }",
        '!!! tip "T"\n    ',
    ]
)
MARKDOWN = st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=20)), max_size=40).map("".join)
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_sane(problems, text: str) -> None:
    lines = text.replace("\r\n", "\n").count("\n") + 2
    for problem in problems:
        assert 1 <= problem.line <= lines, problem
        assert problem.message.strip(), problem


@pytest.mark.parametrize("name, check", CHECKS, ids=[name for name, _ in CHECKS])
@BOUNDED
@given(text=MARKDOWN)
def test_no_markdown_makes_a_check_raise(name, check, text):
    _assert_sane(check(text), text)


@BOUNDED
@given(raw=st.binary(max_size=300))
def test_no_bytes_make_decoding_raise(raw):
    text, problems = page_source.decode(raw)
    assert isinstance(text, str)
    _assert_sane(problems, text)


REAL_PAGES = sorted(p for p in (PROJECT / "guides").rglob("*.md")) + sorted(
    (PROJECT / "translations" / "mk" / "guides").rglob("*.md")
)


@st.composite
def mutated_page(draw):
    text = draw(st.sampled_from(REAL_PAGES)).read_text("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        where = draw(st.integers(0, max(len(lines) - 1, 0)))
        mutation = draw(st.sampled_from(["delete", "duplicate", "insert", "truncate", "swap"]))
        if mutation == "delete":
            del lines[where]
        elif mutation == "duplicate":
            lines.insert(where, lines[where])
        elif mutation == "insert":
            lines.insert(where, draw(MARKDOWN))
        elif mutation == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        else:
            lines = lines[:where]
        text = "\n".join(lines)
    return text


@pytest.mark.parametrize("name, check", CHECKS, ids=[name for name, _ in CHECKS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_page())
def test_no_mutation_of_a_real_page_makes_a_check_raise(name, check, text):
    _assert_sane(check(text), text)
