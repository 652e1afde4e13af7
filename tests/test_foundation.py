"""The four-language site from the project's layout: bridge, languages, fallbacks, 404s."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import LANGUAGES, PROJECT, as_translation, page_language, run_mkdocs, write_small_project
from kb.site_layout import classify, find_collisions, find_sources, source_for_staged, sync_staging

# The layout bridge (pure)


@pytest.mark.parametrize(
    "source, staged, page",
    [
        ("docs/index.md", "en/index.md", "index.md"),
        ("docs/manual/safety.md", "en/manual/safety.md", "manual/safety.md"),
        ("guides/stages/crisis.md", "en/guides/stages/crisis.md", "guides/stages/crisis.md"),
        ("stories/ilir.md", "en/stories/ilir.md", "stories/ilir.md"),
        ("translations/sq/docs/index.md", "sq/index.md", "index.md"),
        ("translations/mk/guides/mentoring.md", "mk/guides/mentoring.md", "guides/mentoring.md"),
        ("translations/bs/stories/luka.md", "bs/stories/luka.md", "stories/luka.md"),
        ("docs/img/map.png", "en/img/map.png", "img/map.png"),
    ],
)
def test_classify_maps_sources_to_staged_paths_and_back(source, staged, page):
    item = classify(source)
    assert (item.staged, item.page) == (staged, page)
    assert source_for_staged(staged) == source


@pytest.mark.parametrize(
    "source",
    [
        "README.md",
        "hooks/bridge.py",
        "translations/de/docs/index.md",  # not a configured language
        "translations/sq/index.md",  # outside the three trees
        "docs/.hidden.md",
        "guides",
    ],
)
def test_classify_ignores_files_outside_the_site(source):
    assert classify(source) is None


def test_collision_between_docs_guides_and_guides_is_reported(tmp_path):
    for name in ("docs/guides/x.md", "guides/x.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x\n")
    assert find_collisions(find_sources(tmp_path)) == [
        "guides/x.md: same site path as docs/guides/x.md; keep guides in guides/ and stories in stories/, "
        "not under docs/"
    ]


def test_sync_copies_changes_and_removes_deleted_sources(tmp_path):
    project, staging = tmp_path / "p", tmp_path / "p" / ".cache" / "docs"
    (project / "guides").mkdir(parents=True)
    (project / "guides" / "a.md").write_text("one")
    (project / "guides" / "b.md").write_text("two")
    assert sync_staging(project, staging, find_sources(project)) == 2
    assert sync_staging(project, staging, find_sources(project)) == 0  # nothing changed
    (project / "guides" / "a.md").write_text("three")
    (project / "guides" / "b.md").unlink()
    assert sync_staging(project, staging, find_sources(project)) == 2
    assert (staging / "en" / "guides" / "a.md").read_text() == "three"
    assert not (staging / "en" / "guides" / "b.md").exists()


# A small four-language site

PAGE = "---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n{body}\n"
SITE_URL = "https://kb.test.invalid/"  # the sitemap needs an address
SMALL_SITE = {
    "docs/index.md": PAGE.format(title="Home", body="Welcome."),
    "docs/manual/safety.md": PAGE.format(title="Safety", body="Plan for safety."),
    "guides/workshops.md": PAGE.format(title="Workshops", body="Running a session."),
    "translations/sq/docs/index.md": as_translation(PAGE.format(title="Kreu", body="Mirë se vini.")),
    "translations/sq/docs/manual/safety.md": as_translation(PAGE.format(title="Siguria", body="Plani i sigurisë.")),
    "translations/mk/docs/index.md": as_translation(PAGE.format(title="Почетна", body="Добредојдовте.")),
    "translations/bs/docs/index.md": as_translation(PAGE.format(title="Početna", body="Dobro došli.")),
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """Built once: the tests below only read it."""
    built = run_mkdocs(write_small_project(tmp_path_factory.mktemp("small") / "project", SMALL_SITE, site_url=SITE_URL))
    assert built.returncode == 0, built.log
    assert built.warnings == []
    return built


def test_each_tree_is_served_at_its_url_in_every_language(small_site):
    for prefix in ("", "sq/", "mk/", "bs/"):
        for page in ("", "manual/safety/", "guides/workshops/"):
            assert (small_site.site / prefix / page / "index.html").is_file(), prefix + page


def test_every_page_has_its_language_in_html_lang(small_site):
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        for page in ("", "manual/safety/", "guides/workshops/"):
            assert page_language(small_site.html(prefix + page)) == lang, prefix + page


def test_bosnian_pages_use_bosnian_theme_strings_not_croatian(small_site):
    html = small_site.html("bs/")
    assert '<html lang="bs"' in html
    assert "Preskoči na sadržaj" in html  # the skip link, from overrides/partials/languages/bs.html
    assert "Odaberite jezik" in html


def test_translated_page_has_no_fallback_notice(small_site):
    html = small_site.html("sq/manual/safety/")
    assert "Siguria" in html
    assert "kb-notice--untranslated" not in html


@pytest.mark.parametrize(
    "lang, notice",
    [
        ("sq", "Kjo faqe nuk është përkthyer ende në shqip."),
        ("mk", "Оваа страница сè уште не е преведена на македонски."),
        ("bs", "Ova stranica još nije prevedena na bosanski jezik."),
    ],
)
def test_untranslated_page_shows_notice_in_readers_language_and_marks_english(small_site, lang, notice):
    html = small_site.html(f"{lang}/guides/workshops/")
    assert page_language(html) == lang
    assert notice in html
    english = re.search(r'<div lang="en">(.*?)</div>\s*</article>', html, re.S)
    assert english and "Running a session." in english.group(1)


def test_language_switcher_keeps_the_same_page(small_site):
    html = small_site.html("sq/guides/workshops/")
    links = dict(
        (lang, href)
        for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', html)
    )
    assert links == {
        "en": "../../../guides/workshops/",
        "sq": "./",
        "mk": "../../../mk/guides/workshops/",
        "bs": "../../../bs/guides/workshops/",
    }


def test_pages_carry_no_alternate_links_that_make_material_fetch_sitemaps(small_site):
    for path in ("", "sq/manual/safety/", "mk/guides/workshops/"):
        assert '<link rel="alternate"' not in small_site.html(path)


def sitemap_entries(built) -> dict[str, dict[str, str]]:
    """{page url: {hreflang: alternate url}} from sitemap.xml, URLs relative to the site."""
    base = SITE_URL
    sitemap = (built.site / "sitemap.xml").read_text("utf-8")
    entries = {}
    for block in re.findall(r"<url>(.*?)</url>", sitemap, re.S):
        loc = re.search(r"<loc>(.*?)</loc>", block).group(1).removeprefix(base)
        links = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block)
        entries[loc] = {lang: href.removeprefix(base) for lang, href in links}
    return entries


def test_sitemap_lists_only_real_pages_and_real_translations(small_site):
    both = {"en": "manual/safety/", "sq": "sq/manual/safety/", "x-default": "manual/safety/"}
    homes = {"en": "", "sq": "sq/", "mk": "mk/", "bs": "bs/", "x-default": ""}
    assert sitemap_entries(small_site) == {
        "": homes,
        "sq/": homes,
        "mk/": homes,
        "bs/": homes,
        "manual/safety/": both,
        "sq/manual/safety/": both,
        "guides/workshops/": {"en": "guides/workshops/"},  # no fallback copies
    }


@pytest.mark.parametrize(
    "path, lang, title",
    [
        ("404.html", "en", "Page not found"),
        ("sq/404.html", "sq", "Faqja nuk u gjet"),
        ("mk/404.html", "mk", "Страницата не е пронајдена"),
        ("bs/404.html", "bs", "Stranica nije pronađena"),
    ],
)
def test_a_404_page_per_language_with_absolute_asset_links(small_site, path, lang, title):
    html = (small_site.site / path).read_text("utf-8")
    assert page_language(html) == lang
    assert f"<h1>{title}</h1>" in html
    assert re.search(r'href="/assets/stylesheets/main\.[0-9a-f]+\.min\.css"', html)


def test_missing_interface_string_is_a_warning_once(tmp_path):
    root = write_small_project(tmp_path / "project", SMALL_SITE)  # small_site shows it builds clean
    bs = root / "strings" / "bs.yml"
    bs.write_text(bs.read_text("utf-8").replace("  title: Stranica nije pronađena\n", ""), "utf-8")
    rebuilt = run_mkdocs(root)
    assert rebuilt.returncode == 1
    assert rebuilt.warnings == ["WARNING -  strings/bs.yml: missing key 'not_found.title'"]


@pytest.mark.parametrize(
    "damage, expected",
    [
        (None, "strings/mk.yml: missing; expected the interface strings of 'mk', with the keys of strings/en.yml"),
        ("site_name: [unclosed\n", "strings/mk.yml:2: not readable as YAML"),
        ("- a list\n- not keys\n", "strings/mk.yml: not a mapping of keys; expected the keys of strings/en.yml"),
    ],
    ids=["missing", "broken YAML", "a list"],
)
def test_an_unusable_strings_file_is_named_by_the_check_and_stops_the_build_cleanly(tmp_path, damage, expected):
    root = write_small_project(tmp_path / "project", SMALL_SITE)
    mk = root / "strings" / "mk.yml"
    if damage is None:
        mk.unlink()
    else:
        mk.write_text(damage, "utf-8")
    check = subprocess.run(
        [sys.executable, str(PROJECT / "hooks" / "check.py"), str(root)], capture_output=True, text=True
    )
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    assert [line for line in check.stdout.splitlines() if line.startswith(expected)], check.stdout
    built = run_mkdocs(root)
    assert built.returncode == 1 and "Traceback" not in built.log, built.log
    assert expected in built.log


def test_standalone_check_reports_what_the_build_reports_about_strings_and_paths(tmp_path):
    # hooks/check.py runs every check of the build: the interface strings and two sources
    # for one site path too (pre-commit runs it on strings/).
    shutil.copytree(PROJECT / "strings", tmp_path / "strings")
    bs = tmp_path / "strings" / "bs.yml"
    bs.write_text(bs.read_text("utf-8").replace("  title: Stranica nije pronađena\n", ""), "utf-8")
    for name in ("docs/guides/x.md", "guides/x.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# X\n\nText.\n", "utf-8")
    done = subprocess.run(
        [sys.executable, str(PROJECT / "hooks" / "check.py"), str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert "strings/bs.yml: missing key 'not_found.title'" in lines
    assert (
        "guides/x.md: same site path as docs/guides/x.md; keep guides in guides/ and stories in stories/, "
        "not under docs/" in lines
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_translation_changes(tmp_path):
    root = write_small_project(tmp_path / "project", SMALL_SITE)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/sq/manual/safety/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert "Plani i sigurisë." in _fetch(url)
                break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.3)
        source = root / "translations/sq/docs/manual/safety.md"
        source.write_text(as_translation(PAGE.format(title="Siguria", body="Plani i ri.")), "utf-8")
        deadline = time.monotonic() + 60
        while True:
            try:
                if "Plani i ri." in _fetch(url):
                    break
            except OSError:  # on busy cores a request can time out while the server rebuilds
                pass
            assert time.monotonic() < deadline, "the edit in translations/ was not rebuilt"
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)


# The real site


def test_real_site_every_page_has_the_language_of_its_folder(site):
    pages = list(site.site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        relative = path.relative_to(site.site).as_posix()
        first = relative.split("/")[0]
        expected = first if first in ("sq", "mk", "bs") else "en"
        assert page_language(path.read_text("utf-8")) == expected, relative


def test_real_site_home_pages_link_the_three_entry_points(site):
    for prefix in ("", "sq/", "mk/", "bs/"):
        html = site.html(prefix)
        for target in ('href="manual/"', 'href="guides/"', 'href="stories/"'):
            assert target in html, prefix + target


def test_pages_load_only_the_stylesheets_they_use(site):
    # An empty palette keeps Material from loading palette.css (2 KB, render-blocking, unused:
    # the colours are in kb.css) and from reading a saved palette from localStorage.
    html = site.html("mk/guides/stages/crisis/")
    sheets = [
        href.rsplit("/", 1)[-1].split(".")[0] for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    ]
    assert sheets == ["main", "kb"]
    assert "__palette" not in html
