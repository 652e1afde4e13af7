"""Publishing: the build command replaces site/ only with a complete, good build, and the
site's address comes from SITE_URL or is named nowhere."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import zipfile
from urllib.parse import urlsplit

import pypdf
import pypdfium2
import pytest
import yaml

from conftest import LANGUAGES, PROJECT, as_translation, run_mkdocs, small_config, write_small_project, write_tree
from test_offline import crawl, hosts_named_in_sources


def test_failed_build_leaves_the_previous_site_in_place(tmp_path):
    pages = {
        "docs/index.md": PAGE.format(title="Home", body="Welcome."),
        "docs/manual/safety.md": PAGE.format(title="Safety", body="Plan for safety."),
    }
    project = write_small_project(tmp_path / "kb", pages)  # with the project's build script
    shutil.copytree(PROJECT / "scripts", project / "scripts")
    for name in ("requirements.txt", "requirements-test.txt"):  # setup.sh's install stamp
        shutil.copy(PROJECT / name, project / name)
    (project / ".venv").symlink_to(PROJECT / ".venv")
    env = {**os.environ, "KB_SKIP_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    good = subprocess.run(["bash", "scripts/build.sh"], cwd=project, env=env, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr[-2000:]
    page = project / "site" / "manual" / "safety" / "index.html"
    before = page.read_bytes()
    before_names = [p.name for p in (project / "site").iterdir()]

    chapter = project / "docs" / "manual" / "safety.md"
    chapter.write_text(chapter.read_text("utf-8").replace("title:", "title: [broken", 1), "utf-8")
    bad = subprocess.run(["bash", "scripts/build.sh"], cwd=project, env=env, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "docs/manual/safety.md:3: front matter is not valid YAML" in bad.stderr + bad.stdout
    assert page.read_bytes() == before
    assert sorted(p.name for p in (project / "site").iterdir()) == sorted(before_names)


@pytest.mark.browser
def test_same_sources_give_byte_identical_output(build_small_site, monkeypatch):
    from conftest import run_mkdocs

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    story = (PROJECT / "stories" / "marko.md").read_text("utf-8")
    files = {
        "docs/index.md": (
            "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nSee [the guide](guides/workshops.md).\n"
        ),
        "guides/workshops.md": (
            "---\ntitle: Workshops\ndescription: W.\n---\n\n# Workshops\n\nBack [home](../index.md).\n"
        ),
        "stories/index.md": "---\ntitle: Stories\ndescription: S.\n---\n\n# Stories\n\n<!-- stories -->\n",
        "stories/marko.md": story,
    }
    first = build_small_site(files, pdfs=True)
    assert first.returncode == 0, first.log
    second = run_mkdocs(first.root, site=first.root / "again", pdfs=True)
    assert second.returncode == 0, second.log
    names = sorted(p.relative_to(first.site).as_posix() for p in first.site.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second.site).as_posix() for p in second.site.rglob("*") if p.is_file())
    assert any(name.endswith(".pdf") for name in names) and any(name.endswith(".zip") for name in names)
    assert [n for n in names if (first.site / n).read_bytes() != (second.site / n).read_bytes()] == []
    assert b"D:20261118110640+00'00'" in (first.site / "pdf" / "guide-workshops.pdf").read_bytes()


def test_benchmark_server_serves_as_the_readme_asks_a_host_to(site):
    # Lighthouse's figures are only worth something if the server behaves like a good host.
    import sys
    import urllib.error
    import urllib.request

    sys.path.insert(0, str(PROJECT / "bench"))
    import static_server

    server, base = static_server.start(site.site)
    try:
        css = next((site.site / "assets" / "stylesheets").glob("main.*.min.css")).name

        def get(path: str):
            request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
            try:
                with urllib.request.urlopen(request) as response:
                    return response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                return error.code, error.headers, error.read()

        status, headers, body = get(f"assets/stylesheets/{css}")
        assert (status, headers["Content-Encoding"], headers["Cache-Control"]) == (
            200,
            "gzip",
            "public, max-age=31536000, immutable",
        )
        assert gzip.decompress(body) == (site.site / "assets" / "stylesheets" / css).read_bytes()
        status, headers, _ = get("sq/guides/stages/crisis/")
        assert (status, headers["Content-Encoding"], headers["Cache-Control"]) == (200, "gzip", "max-age=600")
        status, headers, body = get("sq/no-such-page/")
        assert status == 404 and '<html lang="sq"' in gzip.decompress(body).decode("utf-8")
    finally:
        server.shutdown()


# The site's address


def pdf_text_and_links(path) -> tuple[str, list[str]]:
    document = pypdfium2.PdfDocument(str(path))
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    links = [
        str(action["/URI"])
        for page in pypdf.PdfReader(path).pages
        for annotation in page.get("/Annots") or []
        if (action := annotation.get_object().get("/A")) and action.get("/URI")
    ]
    return re.sub(r"\s+", " ", text.replace("\ufffe", "-")), links


def online_labels() -> dict[str, str]:
    """The PDFs' "Online version" label in each language."""
    return {
        lang: yaml.safe_load((PROJECT / "strings" / f"{lang}.yml").read_text("utf-8"))["pdf"]["online"]
        for lang in LANGUAGES
    }


def test_without_site_url_no_output_names_an_online_address(site):
    # The session's site is built without SITE_URL: a trainer must never hand out an address
    # that does not exist, so no page, printout, PDF, sitemap or offline copy names one.
    known, labels = hosts_named_in_sources(), online_labels()
    invented = []
    for path in sorted(site.site.rglob("*")):
        name = path.relative_to(site.site).as_posix()
        if path.suffix in (".html", ".xml", ".js", ".json", ".css", ".txt"):
            text = path.read_text("utf-8")
            if "example.org" in text:
                invented.append(f"{name}: example.org")
            if path.suffix == ".html":
                if 'rel="canonical"' in text:
                    invented.append(f"{name}: a canonical link")
                meta = re.search(r'<p class="kb-print-meta">(.*?)</p>', text, re.S)
                if meta and "://" in meta.group(1):
                    invented.append(f"{name}: printed address {meta.group(1)}")
                for url in re.findall(r'(?:href|src)="((?:https?:)?//[^"]*)"', text):
                    if urlsplit(url).hostname not in known:
                        invented.append(f"{name}: {url}")
        elif path.suffix == ".pdf":
            text, links = pdf_text_and_links(path)
            lang = name.split("/")[0] if name.split("/")[0] in LANGUAGES else "en"
            if "example.org" in text or f"{labels[lang]}:" in text:
                invented.append(f"{name}: an online address in the text")
            invented += [f"{name}: link to {url}" for url in links if urlsplit(url).hostname not in known]
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                invented += [
                    f"{name}/{member}" for member in archive.namelist() if b"example.org" in archive.read(member)
                ]
    assert invented == [], f"{len(invented)} addresses the build made up, e.g. {invented[:8]}"
    # No sitemap (it is a list of addresses), and the build says why, once.
    assert not (site.site / "sitemap.xml").exists() and not (site.site / "sitemap.xml.gz").exists()
    assert len(re.findall(r"^INFO .*SITE_URL is not set", site.log, re.M)) == 1


SITE_URL = "https://kb.test.invalid/kb/"  # in a folder, as on a GitHub Pages project site
PAGE = "---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n{body}\n"


@pytest.fixture(scope="module")
def site_with_address(tmp_path_factory):
    """A small site built with SITE_URL set, once for the tests below (it prints PDFs)."""
    root = tmp_path_factory.mktemp("addressed")
    shutil.copytree(PROJECT / "strings", root / "strings")
    write_tree(
        root,
        {
            "docs/index.md": PAGE.format(title="Home", body="See [safety](manual/safety.md)."),
            "docs/manual/safety.md": PAGE.format(
                title="Safety", body="Plan for safety. [Workshops](../guides/workshops.md)."
            ),
            "translations/sq/docs/manual/safety.md": as_translation(
                PAGE.format(title="Siguria", body="Planifikoni sigurinë.")
            ),
            "guides/workshops.md": PAGE.format(title="Workshops", body="Back [to safety](../manual/safety.md)."),
        },
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)  # read by mkdocs.yml, as scripts/build.sh passes it on
        config = small_config()
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    built = run_mkdocs(root, pdfs=True)
    assert built.returncode == 0, built.log
    return built


@pytest.mark.browser
def test_with_site_url_every_output_names_it(site_with_address, tmp_path):
    built = site_with_address
    assert "SITE_URL is not set" not in built.log
    labels, known = online_labels(), hosts_named_in_sources()
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        page = built.html(prefix + "manual/safety/")
        assert f'<link rel="canonical" href="{SITE_URL}{prefix}manual/safety/">' in page
        meta = re.search(r'<p class="kb-print-meta">(.*?)</p>', page, re.S).group(1)
        assert f" · {SITE_URL}{prefix}manual/safety/ · " in meta
        text, links = pdf_text_and_links(built.site / prefix / "pdf" / "guide-workshops.pdf")
        assert f"{labels[lang]}: {SITE_URL}{prefix}guides/workshops/" in text
        assert links and all(link.startswith(SITE_URL) for link in links), links
        # 404 pages are served at any depth: their assets are named from the host's root.
        assert re.search(
            r'href="/kb/assets/stylesheets/main\.[0-9a-f]+\.min\.css"',
            (built.site / prefix / "404.html").read_text("utf-8"),
        )
        # The offline copy: everything it holds resolves from disk, the rest leads online.
        with zipfile.ZipFile(built.site / "downloads" / f"reintegration-kb-{lang}.zip") as archive:
            archive.extractall(tmp_path)
        root = tmp_path / f"reintegration-kb-{lang}"
        broken, addresses = crawl(root)
        assert broken == [], broken[:8]
        assert [url for url in addresses if urlsplit(url).hostname not in known and not url.startswith(SITE_URL)] == []
        for path, online in (("index.html", ""), ("manual/safety/index.html", "manual/safety/")):
            copied = root / prefix / path
            menu = {
                hreflang: href
                for href, hreflang in re.findall(
                    r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', copied.read_text("utf-8")
                )
            }
            assert (copied.parent / menu.pop(lang)).resolve() == copied.resolve()
            assert menu == {
                other: f"{SITE_URL}{'' if other == 'en' else other + '/'}{online}"
                for other in LANGUAGES
                if other != lang
            }
    sitemap = (built.site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{SITE_URL}sq/manual/safety/</loc>" in sitemap
    assert all(
        (loc or href).startswith(SITE_URL) for loc, href in re.findall(r'<loc>([^<]*)</loc>|href="([^"]*)"', sitemap)
    )
