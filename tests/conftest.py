"""Shared fixtures: the real site built once per session, and small sites built from a dict."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "hooks"))  # the hooks' pure modules, as MkDocs imports them

from kb.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian's chromium, as the build uses it)
from kb.run import configured_languages  # noqa: E402

LANGUAGES = configured_languages(PROJECT)  # mkdocs.yml's i18n languages, English first


@dataclass
class Built:
    root: Path  # the project folder that was built
    site: Path  # the output folder
    returncode: int
    log: str

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith(("WARNING", "ERROR"))]

    def html(self, url_path: str) -> str:
        """The HTML of a page given by its URL path, e.g. 'sq/manual/safety/'."""
        path = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return path.read_text("utf-8")


def run_mkdocs(root: Path, *args: str, site: Path | None = None, pdfs: bool = False) -> Built:
    """`mkdocs build --strict`; small sites skip printing PDFs unless a test needs them."""
    site = site or root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *args]
    env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)  # builds name no address unless a test gives one (small sites: site_url)
    if pdfs:
        env.pop("KB_SKIP_PDF", None)
    else:
        env["KB_SKIP_PDF"] = "1"
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
    return Built(root, site, done.returncode, done.stdout + done.stderr)


def small_config(nav=None, **overrides) -> dict:
    """The project's mkdocs.yml with absolute paths to the project's hooks and theme overrides."""
    from mkdocs.utils.yaml import yaml_load

    with open(PROJECT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    config["theme"]["custom_dir"] = str(PROJECT / "overrides")
    config["hooks"] = [str(PROJECT / hook) for hook in config["hooks"]]
    config.pop("nav")
    if nav is not None:
        config["nav"] = nav
    config.update(overrides)
    return config


def project_pdfs() -> tuple[dict[str, str], dict[str, list[str]]]:
    """The real project's checklist PDFs ({page: name}) and guide PDFs ({name: pages}), found
    in its sources and nav as the build finds them (no list to keep up to date here)."""
    from mkdocs.utils.yaml import yaml_load

    from kb import printables
    from kb.source_checks import english_pages, published_stories, read_project

    with open(PROJECT / "mkdocs.yml", encoding="utf-8") as f:
        nav = yaml_load(f)["nav"]
    run = read_project(PROJECT)
    pdfs = printables.site_plan(english_pages(run), nav, published_stories(run))
    checklists = {pdf.pages[0]: pdf.name for pdf in pdfs if pdf.kind == "checklist"}
    return checklists, {pdf.name: list(pdf.pages) for pdf in pdfs if pdf.kind == "guide"}


def as_translation(text: str) -> str:
    """A translated page's text: its front matter says it is a draft translation."""
    head, sep, rest = text.partition("\n---\n")
    return f"{head}\ntranslation:\n  status: draft{sep}{rest}"


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def write_small_project(root: Path, files: dict[str, str], nav=None, **overrides) -> Path:
    """A small project from {path: text} with the project's hooks, theme and strings."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(PROJECT / "strings", root / "strings", dirs_exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    write_tree(root, files)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(small_config(nav, **overrides), allow_unicode=True), "utf-8")
    return root


@pytest.fixture
def build_small_site(tmp_path):
    """Build a small site from {path: text}; for a site that several tests of a module read,
    use a module-scoped fixture with write_small_project and run_mkdocs instead."""

    def build(files: dict[str, str], nav=None, pdfs: bool = False, **overrides) -> Built:
        return run_mkdocs(write_small_project(tmp_path / "project", files, nav, **overrides), pdfs=pdfs)

    return build


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory) -> Path:
    """The project's sources copied to a temporary folder, so that builds and checks of the real
    content write their .cache/ there. Its .git is the project's (the version date comes from
    the last commit) and its .venv the project's; tests read it, never change it."""
    root = tmp_path_factory.mktemp("real") / "project"
    ignored = (
        ".git",
        ".venv",
        "node_modules",
        ".cache",
        "site",
        "site.new",
        "site.old",
        "__pycache__",
        ".pytest_cache",
        ".hypothesis",
    )
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns(*ignored))
    for link in (".git", ".venv", "node_modules"):
        if (PROJECT / link).exists():
            (root / link).symlink_to(PROJECT / link)
    return root


def browser_tests_selected(session) -> bool:
    return any(item.get_closest_marker("browser") for item in session.items)


@pytest.fixture(scope="session")
def site(project_copy, request) -> Built:
    """The real knowledge base, built once for the whole session. It prints its PDFs only when
    tests marked `browser` run: a test that reads the printed PDFs is marked `browser`."""
    pdfs = browser_tests_selected(request.session)
    built = run_mkdocs(project_copy, site=project_copy.parent / "site", pdfs=pdfs)
    assert built.returncode == 0, built.log
    return built


def page_language(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_site(site):
    """The built site on a local HTTP server: yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
