"""In a real browser, no page in any language makes a request that leaves this machine."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "manual chapter": "manual/safety/",
    "stage page": "guides/stages/crisis/",
    "guide": "guides/mentoring/",
    "stories index": "stories/",
    "story": "stories/ilir/",
    "glossary": "glossary/",
    "checklists": "checklists/",
    "downloads": "downloads/",
    "staying safe": "staying-safe-online/",
    "translation status": "translation-status/",
    "about": "about/",
    "404": "404.html",
}


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "bs"])
def test_no_request_leaves_localhost(browser, served_site, lang):
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    prefix = "" if lang == "en" else f"{lang}/"
    for name, path in PAGE_TYPES.items():
        response = page.goto(served_site + prefix + path, wait_until="networkidle")
        assert response.status == 200, name
    # Searching loads the search worker and index: those requests must stay local too.
    page.goto(served_site + prefix, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("safety")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    hosts = {urlsplit(url).hostname for url in requested if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(url for url in requested if "127.0.0.1" not in url)
    assert len(requested) >= len(PAGE_TYPES)
    assert context.cookies() == []
    assert page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    context.close()
