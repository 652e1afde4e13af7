"""The build command replaces site/ only with a complete, good build."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess

from conftest import PROJECT


def test_failed_build_leaves_the_previous_site_in_place(tmp_path):
    project = tmp_path / "kb"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns(".git", ".venv", "site", "site.new", "site.old", "node_modules", ".cache", "__pycache__"))
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


def test_same_sources_give_byte_identical_output(build_small_site, monkeypatch):
    from conftest import run_mkdocs

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    story = (PROJECT / "stories" / "marko.md").read_text("utf-8")
    files = {
        "docs/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nSee [the guide](guides/workshops.md).\n",
        "guides/workshops.md": "---\ntitle: Workshops\ndescription: W.\n---\n\n# Workshops\n\nBack [home](../index.md).\n",
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
        assert (status, headers["Content-Encoding"], headers["Cache-Control"]) == (200, "gzip", "public, max-age=31536000, immutable")
        assert gzip.decompress(body) == (site.site / "assets" / "stylesheets" / css).read_bytes()
        status, headers, _ = get("sq/guides/stages/crisis/")
        assert (status, headers["Content-Encoding"], headers["Cache-Control"]) == (200, "gzip", "max-age=600")
        status, headers, body = get("sq/no-such-page/")
        assert status == 404 and '<html lang="sq"' in gzip.decompress(body).decode("utf-8")
    finally:
        server.shutdown()
