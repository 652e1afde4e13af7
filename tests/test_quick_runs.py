"""What makes runs quick without changing what they build: the checks beside the build, the
theme's templates found and compiled once per process, and the one-language preview."""

from __future__ import annotations

import os
import subprocess
import sys

import jinja2
import pytest

from conftest import as_translation, write_small_project
from kb.parallel import InChildProcess
from kb.theme_templates import CompiledTemplates, ListedOnce

# The checks beside the build (hooks/kb/parallel.py)


def test_the_child_computes_from_the_parents_memory_and_sends_the_value():
    big = {"text": "x" * 100_000}  # not sent: the child has it from the fork
    work = InChildProcess(lambda: (os.getpid(), len(big["text"])))
    child_pid, length = work.result()
    assert child_pid != os.getpid()
    assert length == 100_000


def test_a_failure_in_the_child_is_raised_where_the_result_is_asked_for():
    def broken():
        raise ValueError("bad input")

    work = InChildProcess(broken)
    with pytest.raises(ValueError, match="bad input"):
        work.result()


def test_a_result_that_cannot_travel_is_computed_again_here():
    work = InChildProcess(lambda: (os.getpid(), lambda: None))  # a local function does not pickle
    pid, _ = work.result()
    assert pid == os.getpid()


def test_ready_tells_whether_result_would_wait(tmp_path):
    gate = tmp_path / "go"

    def wait_for_gate():
        while not gate.exists():
            pass
        return "done"

    work = InChildProcess(wait_for_gate)
    assert not work.ready()
    gate.touch()
    assert work.result() == "done"


# The theme's templates (hooks/kb/theme_templates.py)


def _environment(folder, compiled, listings, project):
    env = jinja2.Environment(loader=ListedOnce(jinja2.FileSystemLoader([str(folder)]), project, listings))
    env.bytecode_cache = compiled
    return env


def test_a_template_is_compiled_once_for_every_environment_until_its_source_changes(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("Hello {{ name }}", "utf-8")
    compiled, listings = CompiledTemplates(), {}
    compilations = []
    original = jinja2.Environment.compile

    def counted(self, source, *args, **kwargs):
        compilations.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    for _ in range(4):  # a run: one environment per language
        assert _environment(tmp_path, compiled, listings, tmp_path).get_template("page.html").render(name="A") == (
            "Hello A"
        )
    assert len(compilations) == 1
    (tmp_path / "page.html").write_text("Goodbye {{ name }}", "utf-8")
    assert _environment(tmp_path, compiled, listings, tmp_path).get_template("page.html").render(name="A") == (
        "Goodbye A"
    )
    assert len(compilations) == 2


def test_an_installed_theme_is_listed_once_and_the_projects_folder_every_time(tmp_path):
    installed, project = tmp_path / "site-packages" / "theme", tmp_path / "project"
    (installed / ".icons" / "set").mkdir(parents=True)
    (installed / ".icons" / "set" / "a.svg").write_text("<svg/>", "utf-8")
    (installed / "assets").mkdir()
    (installed / "assets" / "theme.css").write_text("", "utf-8")
    (installed / ".hidden.css").write_text("", "utf-8")
    (project / "overrides").mkdir(parents=True)
    listings: dict = {}

    def listed():
        loader = jinja2.FileSystemLoader([str(project / "overrides"), str(installed)])
        return ListedOnce(loader, project, listings).list_templates()

    assert listed() == ["assets/theme.css"]  # hidden files and folders: MkDocs never copies them
    (installed / "assets" / "late.css").write_text("", "utf-8")
    (project / "overrides" / "extra.css").write_text("", "utf-8")
    assert listed() == ["assets/theme.css", "extra.css"]  # the installed theme is not listed again
    loader = jinja2.FileSystemLoader([str(project / "overrides"), str(installed)])
    env = jinja2.Environment(loader=ListedOnce(loader, project, listings))
    assert env.get_template(".icons/set/a.svg").render() == "<svg/>"  # still found when included


# The one-language preview (scripts/build.sh serve sq)

PAGES = {
    "docs/index.md": "---\ntitle: Home\ndescription: Start.\n---\n\n# Home\n\nWelcome.\n",
    "docs/manual/safety.md": "---\ntitle: Safety\ndescription: Safety.\n---\n\n# Safety\n\nPlan each step.\n",
    "translations/sq/docs/manual/safety.md": as_translation(
        "---\ntitle: Siguria\ndescription: Siguria.\n---\n\n# Siguria\n\nPlanifikoni çdo hap.\n"
    ),
}


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = write_small_project(
        tmp_path_factory.mktemp("preview") / "project", PAGES, nav=["index.md", {"Manual": ["manual/safety.md"]}]
    )
    env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1", "KB_PREVIEW_LANGUAGE": "sq"}
    env.pop("KB_SKIP_PDF", None)  # a preview prints nothing, asked or not
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    return root / "site", done


def test_a_preview_builds_the_language_and_of_english_only_the_home_page(preview):
    site, done = preview
    assert done.returncode == 0, done.stderr
    assert (site / "sq" / "manual" / "safety" / "index.html").is_file()
    assert (site / "index.html").is_file()
    assert not (site / "manual" / "safety" / "index.html").exists()
    assert "previewing sq only" in done.stderr
    assert "A reference to" not in done.stderr  # the English pages left out are not listed


def test_a_preview_prints_no_pdfs_and_makes_no_offline_copies(preview):
    site, done = preview
    assert "PDFs not printed (a preview)" in done.stderr
    assert not list(site.rglob("*.pdf"))
    assert not list(site.rglob("*.zip"))
    assert not (site / "_headers").exists()


def test_a_preview_has_no_search_box_and_no_index(preview):
    site, _ = preview
    page = (site / "sq" / "manual" / "safety" / "index.html").read_text("utf-8")
    assert "Planifikoni" in page
    assert 'for="__search"' not in page
    assert not (site / "sq" / "search").exists()
