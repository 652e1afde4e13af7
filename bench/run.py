"""Benchmark: build times, the hooks' share, scaling, serve rebuilds, transfer sizes, search
index sizes, PDF times and Lighthouse scores, for the real content. Prints figures; asserts
nothing.

    scripts/bench.sh            # installs what it needs, then everything (about seven minutes on 2 cores)
    scripts/bench.sh --quick    # no scaling and no serve measurement
    scripts/bench.sh --search   # also the search relevance benchmark (bench/search_relevance.py)
    scripts/bench.sh --serve    # only the serve rebuilds: all languages, and one language

Absolute times vary from machine to machine; the ratios to the plain MkDocs floor count.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

import static_server

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "hooks"))
from kb.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the project's one list of Chromium flags)
from kb.run import configured_languages  # noqa: E402

PYTHON = sys.executable
LANGUAGES = configured_languages(PROJECT)  # mkdocs.yml's i18n languages, English first
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
PAGE_TYPES = {
    "home": "",
    "manual chapter": "manual/safety/",
    "stage page": "guides/stages/crisis/",
    "story": "stories/marko/",
    "stories index": "stories/",
    "glossary": "glossary/",
    "404": "404.html",
}
LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_VERSION = json.loads((PROJECT / "package.json").read_text("utf-8"))["devDependencies"]["lighthouse"]
LIGHTHOUSE_BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
BUDGETS = {
    "build ratio": 1.5,
    "hook share": 0.10,
    "growth 10x": 11.0,
    "serve one language": 1.5,
    "first visit": 80_000,
    "repeat visit": 15_000,
    "ms per PDF page": 50,
    "full ratio": 15,
}


def mkdocs_build(root: Path, site: Path, pdfs: bool, config: Path | None = None) -> tuple[float, str]:
    env = dict(ENV)
    if pdfs:
        env.pop("KB_SKIP_PDF", None)
    else:
        env["KB_SKIP_PDF"] = "1"
    command = [PYTHON, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if config:
        command += ["-f", str(config)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"build failed in {root}:\n{done.stderr[-3000:]}")
    return elapsed, done.stderr


class _LanguageClock:
    """Notes when mkdocs-static-i18n starts building each language."""

    def __init__(self):
        import logging

        self.starts: list[tuple[str, float]] = []
        self.beside = 0.0  # CPU seconds of the offline copies' background threads
        self.checks = 0.0  # CPU seconds of the source checks' process
        self.handler = logging.Handler()
        self.handler.emit = self._emit

    def _emit(self, record):
        message = record.getMessage()
        found = re.search(r"Building '(\w+)' documentation", message)
        if found:
            self.starts.append((found.group(1), time.perf_counter()))
        beside = re.search(r"offline copies: .*; ([\d.]+) s of work beside the build", message)
        if beside:
            self.beside = float(beside.group(1))
        checks = re.search(r"source checks: ([\d.]+) s of work beside the build", message)
        if checks:
            self.checks = float(checks.group(1))

    def per_language(self, end: float) -> dict[str, float]:
        times = [t for _, t in self.starts] + [end]
        return {lang: times[i + 1] - times[i] for i, (lang, _) in enumerate(self.starts)}


def hook_shares() -> tuple[float, dict[str, float], dict[str, float], float, float]:
    """Each hook's total time in one in-process build without PDFs (a timer around every hook
    event function, no profiler), the time of each language's build within it, and the CPU
    time of the offline copies' background threads (work beside the build, not in a hook)."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["KB_SKIP_PDF"] = "1"
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    site = Path(tempfile.mkdtemp())
    config = load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(site))
    shares: dict[str, float] = {}

    def timed(function, hook):
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                shares[hook] = shares.get(hook, 0.0) + time.perf_counter() - started

        return run

    for functions in config.plugins.events.values():
        for i, function in enumerate(functions):
            code = getattr(function, "__code__", None)
            if code is not None and code.co_filename.startswith(f"{PROJECT}/hooks/"):
                functions[i] = timed(function, Path(code.co_filename).name)
    clock = _LanguageClock()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(clock.handler)
    started = time.perf_counter()
    build(config)
    ended = time.perf_counter()
    shutil.rmtree(site, ignore_errors=True)
    os.environ.pop("KB_SKIP_PDF")
    return ended - started, shares, clock.per_language(ended), clock.beside, clock.checks


def hook_run_in_fresh_process() -> dict:
    """hook_shares() in a fresh process, so every measurement starts with cold caches."""
    done = subprocess.run([PYTHON, __file__, "--hook-shares"], cwd=PROJECT, env=ENV, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"hook measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def floor_config(lang: str, folder: Path) -> Path:
    """Plain MkDocs + Material over one language's pages: no hooks, no i18n."""
    project = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "x", (PROJECT / "mkdocs.yml").read_text("utf-8")))
    config = {
        "site_name": "floor",
        "docs_dir": str(PROJECT / ".cache" / "docs" / lang),
        "theme": {
            "name": "material",
            "language": "en" if lang == "bs" else lang,
            "font": False,
            "features": project["theme"]["features"],
        },
        "markdown_extensions": project["markdown_extensions"],
        "plugins": ["search"],
        "validation": {"links": {"not_found": "info", "unrecognized_links": "info"}},
    }
    path = folder / f"floor-{lang}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def transfer_sizes(site: Path) -> dict[tuple[str, str], tuple[int, int]]:
    """(page type, language) -> (first visit, repeat visit) compressed bytes."""
    sizes = {}
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        for kind, path in PAGE_TYPES.items():
            file = site / prefix / path
            file = file / "index.html" if path.endswith("/") or path == "" else file
            html = file.read_bytes()
            first = gz(html)
            text = html.decode("utf-8")
            assets = set(re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)) | set(
                re.findall(r'<script src="([^"]+)"', text)
            )
            worker = re.search(r'"search": "([^"?]+)', text)
            if worker:  # only the wrapper: Material's worker and the index come with a search
                assets.add(worker.group(1))
            for asset in assets:
                target = (
                    (file.parent / asset.split("?")[0]).resolve()
                    if not asset.startswith("/")
                    else site / asset.lstrip("/").split("?")[0]
                )
                if target.is_file():
                    first += gz(target.read_bytes())
            sizes[(kind, lang)] = (first, gz(html))
    return sizes


def synthetic_corpus(copies: int, folder: Path) -> tuple[Path, int]:
    """The project with its three trees repeated `copies` times (in every language)."""
    root = folder / f"corpus-{copies}"
    shutil.copytree(
        PROJECT,
        root,
        ignore=shutil.ignore_patterns(".git", ".venv", "site", "node_modules", ".cache", "__pycache__", "bench"),
    )
    checklists = [path.stem for path in (root / "guides").rglob("*.md") if "\nchecklist:" in path.read_text("utf-8")]
    for k in range(2, copies + 1):
        for base in [root, *[(root / "translations" / lang) for lang in LANGUAGES[1:]]]:
            for tree in ("guides", "stories"):
                shutil.copytree(base / tree, base / "docs" / f"copy{k}" / tree)
            shutil.copytree(
                base / "docs", base / "docs" / f"copy{k}", ignore=shutil.ignore_patterns("copy*"), dirs_exist_ok=True
            )
            _rename_checklist_pages(base / "docs" / f"copy{k}", checklists, f"-copy{k}")
    for lang in LANGUAGES[1:]:
        _allow_terms_in_copies(root / "translations" / lang / "termbase.yml", copies)
    pages = sum(1 for _ in root.rglob("*.md")) - sum(1 for _ in root.glob("*.md"))
    return root, pages


def _rename_checklist_pages(tree: Path, stems: list[str], suffix: str) -> None:
    """Give a copy's checklist pages their own file names, and its links the new names: each
    checklist page has a PDF named after its file, and the build refuses two of one name."""
    for stem in stems:
        for path in tree.rglob(f"{stem}.md"):
            path.rename(path.with_name(f"{stem}{suffix}.md"))
    links = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, stems)) + r")\.md\b")
    for path in tree.rglob("*.md"):
        text = path.read_text("utf-8")
        path.write_text(links.sub(lambda found: f"{found.group(1)}{suffix}.md", text), "utf-8")


def _allow_terms_in_copies(termbase: Path, copies: int) -> None:
    """A variant allowed on a page (an institution's name in its country's guide) is allowed on
    that page's copies too."""
    if not termbase.is_file():
        return
    terms = yaml.safe_load(termbase.read_text("utf-8")) or {}
    for term in terms.get("terms", []) if isinstance(terms, dict) else terms:
        pages = term.get("allowed_in") or []
        term["allowed_in"] = pages + [f"copy{k}/{page}" for k in range(2, copies + 1) for page in pages]
    termbase.write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), "utf-8")


# The edit: one more sentence in the page's language (the spelling check passes it).
MORE = {
    "en": "One more sentence.",
    "sq": "Një fjali më shumë.",
    "mk": "Уште една реченица.",
    "bs": "Još jedna rečenica.",
}


def serve_rebuilds(folder: Path, language: str | None = None, edits: int = 3) -> list[tuple[float, float]]:
    """For each of `edits` edits in a row of one page under `mkdocs serve` (of the whole site,
    or of one language, `scripts/build.sh serve <language>`, whose page is the one edited):
    seconds from saving the page to the browsers' reload, and of those the rebuild's, from
    MkDocs noticing the change to the reload. The difference is the wait for MkDocs' file
    watcher, which looks every 0.5 s, and its 0.1 s pause for further changes."""
    root = folder / f"serve-{language or 'all'}"
    shutil.copytree(
        PROJECT, root, ignore=shutil.ignore_patterns(".git", ".venv", "site", "node_modules", ".cache", "__pycache__")
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**ENV, "KB_PREVIEW_LANGUAGE": language} if language else ENV
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    times = []
    try:
        for line in process.stderr:
            if "Serving on" in line:
                break
        page = root / ("translations/" + language if language else "") / "docs" / "manual" / "safety.md"
        for _ in range(edits):
            time.sleep(1)
            started = time.perf_counter()
            page.write_text(page.read_text("utf-8") + f"\n{MORE[language or 'en']}\n", "utf-8")
            for line in process.stderr:
                if "Detected file changes" in line:
                    noticed = time.perf_counter()
                if "Reloading browsers" in line:
                    times.append((time.perf_counter() - started, time.perf_counter() - noticed))
                    break
    finally:
        process.terminate()
        process.wait(timeout=20)
    return times


def lighthouse(url: str) -> dict:
    """Lighthouse's report of one page: its default phone profile (an emulated mid-range phone
    on a simulated slow 4G connection), Debian's chromium."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--form-factor=mobile",
        f"--only-categories={','.join(LIGHTHOUSE_BUDGETS)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    done = subprocess.run(command, env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=180)
    if done.returncode:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def print_lighthouse(site: Path) -> None:
    """Lighthouse scores of the stage page in every language, served as a host should serve it."""
    if not LIGHTHOUSE.exists():
        print("\nLighthouse: not measured: node_modules/.bin/lighthouse is missing (scripts/bench.sh installs it)")
        return
    server, base = static_server.start(site)
    try:
        print(f"\nLighthouse {LIGHTHOUSE_VERSION}, phone profile, stage page (guides/stages/crisis/), gzip server:")
        print(
            "language "
            + "".join(f"{category:>16}" for category in LIGHTHOUSE_BUDGETS)
            + "   FCP     LCP     TBT    CLS"
        )
        for lang in LANGUAGES:
            report = lighthouse(f"{base}{'' if lang == 'en' else lang + '/'}guides/stages/crisis/")
            scores = {key: round(report["categories"][key]["score"] * 100) for key in LIGHTHOUSE_BUDGETS}
            audits = report["audits"]
            timings = "  ".join(
                audits[key]["displayValue"].replace("\xa0", " ")
                for key in (
                    "first-contentful-paint",
                    "largest-contentful-paint",
                    "total-blocking-time",
                    "cumulative-layout-shift",
                )
            )
            print(f"{lang:8s} " + "".join(f"{score:16d}" for score in scores.values()) + "   " + timings)
            for key, score in scores.items():
                if score < LIGHTHOUSE_BUDGETS[key]:
                    failed = [
                        audit["title"]
                        for ref in report["categories"][key]["auditRefs"]
                        if ref["weight"] and (audit := audits[ref["id"]])["score"] is not None and audit["score"] < 1
                    ]
                    print(f"  {key} {score} < {LIGHTHOUSE_BUDGETS[key]}: " + "; ".join(failed))
            hreflang, console = audits["hreflang"], audits["errors-in-console"]
            print(
                f"         hreflang: {'pass' if hreflang['score'] == 1 else 'FAIL'}; "
                f"console errors: {len(console['details']['items']) if console.get('details') else 0}"
            )
        print("budgets: " + ", ".join(f"{key} at least {value}" for key, value in LIGHTHOUSE_BUDGETS.items()))
    finally:
        server.shutdown()


def print_serve_rebuilds(work: Path) -> None:
    def said(times: list[tuple[float, float]]) -> str:
        def each(index: int) -> str:
            values = [pair[index] for pair in times]
            return f"median {statistics.median(values):.2f} s (" + ", ".join(f"{t:.2f}" for t in values) + ")"

        return f"save to reload {each(0)}; of which the rebuild {each(1)}"

    print("\nmkdocs serve, three edits of one page in a row:")
    print(f"  all languages: {said(serve_rebuilds(work))}")
    language = LANGUAGES[1]
    print(
        f"  scripts/build.sh serve {language}: {said(serve_rebuilds(work, language))} "
        f"(budget {BUDGETS['serve one language']} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip scaling and serve")
    parser.add_argument(
        "--search", action="store_true", help="also the search relevance benchmark (bench/search_relevance.py)"
    )
    parser.add_argument("--serve", action="store_true", help="only the serve rebuild times")
    parser.add_argument("--hook-shares", action="store_true", help=argparse.SUPPRESS)  # one measurement, as JSON
    args = parser.parse_args()
    if args.hook_shares:
        total, shares, languages, beside, checks = hook_shares()
        print(
            json.dumps({"total": total, "shares": shares, "languages": languages, "beside": beside, "checks": checks})
        )
        return
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    print(f"# Benchmark ({os.cpu_count()} cores)\n")
    if args.serve:
        print_serve_rebuilds(work)
        shutil.rmtree(work, ignore_errors=True)
        return

    full, log = mkdocs_build(PROJECT, work / "full", pdfs=True)
    printed = re.search(r"printed (\d+) PDFs in ([\d.]+) s", log)
    no_pdf, _ = mkdocs_build(PROJECT, work / "nopdf", pdfs=False)
    print(f"full build (4 languages, PDFs, offline copies): {full:6.1f} s")
    print(f"build without PDFs:                             {no_pdf:6.1f} s")
    if printed:
        count, seconds = int(printed.group(1)), float(printed.group(2))
        print(
            f"PDFs: {count} in {seconds:.1f} s ({seconds / count * 1000:.0f} ms per PDF; "
            "two Chromiums print at once, hooks/pdfs.py PRINTERS)"
        )
        kinds = re.findall(r"(\w+) (\d+) \((\d+) pages, ([\d.]+) s\)", log[printed.end() :].split("\n", 1)[0])
        for kind, number, pages, spent in kinds:
            print(
                f"  {kind:12s} {number:>3} PDFs, {pages:>4} pages, {float(spent):5.1f} s, "
                f"{float(spent) / int(pages) * 1000:4.0f} ms per page"
            )
        if kinds:
            pages = sum(int(pages) for _, _, pages, _ in kinds)
            print(
                f"  all          {pages} pages, "
                f"{seconds / pages * 1000:.0f} ms per printed page (budget {BUDGETS['ms per PDF page']})"
            )

    floors = {
        lang: mkdocs_build(PROJECT, work / f"floor-{lang}", pdfs=False, config=floor_config(lang, work))[0]
        for lang in LANGUAGES
    }
    floor = sum(floors.values())
    print(
        "\nplain MkDocs + Material floor, per language: " + ", ".join(f"{lang} {t:.1f} s" for lang, t in floors.items())
    )
    print(
        f"floor total {floor:.1f} s; "
        f"build without PDFs / floor = {no_pdf / floor:.2f} (budget {BUDGETS['build ratio']})"
    )
    print(f"full build with every PDF / floor = {full / floor:.1f} (budget {BUDGETS['full ratio']})")

    # The share moves by a point or two from run to run on a busy machine: measure it in five
    # fresh processes (cold caches, as a real build) and show the median run.
    runs = sorted(
        (hook_run_in_fresh_process() for _ in range(5)), key=lambda run: sum(run["shares"].values()) / run["total"]
    )
    total, shares, languages, beside, checks = (
        runs[2][key] for key in ("total", "shares", "languages", "beside", "checks")
    )
    hooks = sum(shares.values())
    print(
        "\nper language (in-process build, the median run): "
        + ", ".join(f"{lang} {t:.1f} s" for lang, t in languages.items())
    )
    print(f"\nhooks in one in-process build without PDFs ({total:.1f} s):")
    for hook, seconds in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"  {hook:24s} {seconds:6.2f} s  {seconds / total:5.1%}")
    each = ", ".join(f"{sum(run['shares'].values()) / run['total']:.1%}" for run in runs)
    print(
        f"  all hooks                {hooks:6.2f} s  {hooks / total:5.1%} (budget {BUDGETS['hook share']:.0%}; "
        f"five runs: {each})"
    )
    print(
        f"  beside the build: the source checks' process {checks:.2f} s of CPU, the offline copies' "
        f"background threads {beside:.2f} s (zlib runs outside Python's lock)"
    )

    sizes = transfer_sizes(work / "full")
    print("\ncompressed transfer sizes (first visit: HTML+CSS+JS, no fonts are loaded; repeat: HTML), KB")
    print("page type          " + "".join(f"{lang:>14}" for lang in LANGUAGES))
    for kind in PAGE_TYPES:
        print(
            f"{kind:18s} "
            + "".join(
                f"{sizes[(kind, lang)][0] / 1000:7.1f}/{sizes[(kind, lang)][1] / 1000:5.1f} " for lang in LANGUAGES
            )
        )
    worst_first = max(first for first, _ in sizes.values())
    worst_repeat = max(repeat for _, repeat in sizes.values())
    print(
        f"largest first visit {worst_first / 1000:.1f} KB (budget 80), "
        f"largest repeat visit {worst_repeat / 1000:.1f} KB (budget 15)"
    )

    search_indexes = {
        lang: work / "full" / ("" if lang == "en" else lang) / "search" / "search_index.full.json" for lang in LANGUAGES
    }
    print(
        "\nsearch index per language (gzip): "
        + ", ".join(f"{lang} {gz(index.read_bytes()) / 1000:.0f} KB" for lang, index in search_indexes.items())
    )
    print("  (pages load a stub of under 1 KB; the index comes when someone searches)")
    print(
        "offline copies: "
        + ", ".join(
            f"{p.name} {p.stat().st_size / 1e6:.2f} MB" for p in sorted((work / "full" / "downloads").glob("*.zip"))
        )
    )
    if args.search:
        import search_relevance

        print()
        search_relevance.report(search_relevance.measure(work / "full"))

    if not args.quick:
        print("\nscaling (builds without PDFs):")
        base = None
        for copies in (1, 5, 10):
            root, pages = synthetic_corpus(copies, work)
            seconds, _ = mkdocs_build(root, work / f"scale-{copies}", pdfs=False)
            base = base or seconds
            print(
                f"  {copies:2d}x: {pages:5d} pages  {seconds:6.1f} s  {seconds / pages * 1000:5.1f} ms/page  "
                f"({seconds / base:.1f}x the 1x time)"
            )
        print(f"  budget: 10x within {BUDGETS['growth 10x']}x the 1x time")
        print_serve_rebuilds(work)

    print_lighthouse(work / "full")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
