"""The build command replaces site/ only with a complete, good build."""

from __future__ import annotations

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
