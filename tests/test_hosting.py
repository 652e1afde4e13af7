"""The hosting configuration, tested: Debian's nginx with hosting/nginx.conf over the real
build (headers, compression, cache lifetimes, each language's 404 page), and the `_headers`
and `_redirects` files the build writes for static hosts."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import PROJECT
from kb import hosting

NGINX = "/usr/sbin/nginx"
SECURITY = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=()",
    "Strict-Transport-Security": "max-age=31536000",
}


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: scripts/test.sh installs Debian's nginx")
    prefix = tmp_path_factory.mktemp("nginx")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = (PROJECT / "hosting" / "nginx.conf").read_text("utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("/srv/reintegration-kb/site", str(site.site)).replace(
        "/srv/reintegration-kb/", f"{PROJECT}/"
    )
    (prefix / "site.conf").write_text(server, "utf-8")
    # As root, nginx's workers would run as nobody, who cannot read pytest's private folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"{user} daemon off; worker_processes 1; pid {prefix}/nginx.pid; error_log {prefix}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{ include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;\n"
        f"  client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy; fastcgi_temp_path {prefix}/fastcgi;\n"
        f"  uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;\n"
        f"  include {prefix}/site.conf; }}\n",
        "utf-8",
    )
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode())
            time.sleep(0.05)
    yield base
    process.terminate()
    process.wait(timeout=10)


def get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        response = urllib.request.urlopen(request, timeout=5)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, response.headers, body


def _hashed(site: Path, pattern: str) -> str:
    return "/" + next(site.glob(pattern)).relative_to(site).as_posix()


def test_every_response_carries_the_security_headers(nginx, site):
    paths = {
        "/": 200,
        "/sq/guides/stages/crisis/": 200,
        _hashed(site.site, "assets/stylesheets/main.*.min.css"): 200,
        "/mk/nowhere/": 404,
        "/assets/favicon.svg": 200,
    }
    for path, expected in paths.items():
        status, headers, _ = get(nginx + path)
        assert status == expected, path
        for name, value in SECURITY.items():
            assert value in (headers.get(name) or ""), f"{path}: {name} is {headers.get(name)!r}"
        assert headers.get("Server") == "nginx", path  # no version number


@pytest.mark.parametrize(
    "pattern, compressed, cache",
    [
        ("index.html", True, "max-age=600"),
        ("assets/stylesheets/main.*.min.css", True, "public, max-age=31536000, immutable"),
        ("assets/javascripts/bundle.*.min.js", True, "public, max-age=31536000, immutable"),
        ("assets/stylesheets/kb.css", True, "max-age=600"),
        ("sq/search/search_index.json", True, "max-age=600"),
        ("assets/javascripts/kb-exit.js", True, "max-age=600"),
        ("assets/favicon.svg", True, "max-age=600"),
        pytest.param(
            "mk/pdf/*.pdf", True, "max-age=600", marks=pytest.mark.browser
        ),  # a printed PDF: half of it is an uncompressed structure tree
    ],
)
def test_compression_and_cache_lifetimes(nginx, site, pattern, compressed, cache):
    path = _hashed(site.site, pattern)
    status, headers, body = get(nginx + path)
    assert status == 200, path
    assert (headers.get("Content-Encoding") == "gzip") is compressed, path
    assert headers.get("Cache-Control") == cache, path
    assert body == (site.site / path.lstrip("/")).read_bytes() or path.endswith("/") or not compressed


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "bs"])
def test_each_language_has_its_own_404_page(nginx, lang):
    prefix = "" if lang == "en" else f"/{lang}"
    status, headers, body = get(f"{nginx}{prefix}/no/such/page/")
    assert status == 404
    assert f'<html lang="{lang}"'.encode() in body
    assert "max-age=600" == headers.get("Cache-Control")


def test_the_build_writes_headers_and_redirects_for_static_hosts(site):
    headers = (site.site / "_headers").read_text("utf-8")
    for name, value in hosting.header_lines((PROJECT / "hosting" / "headers.conf").read_text("utf-8")):
        assert f"  {name}: {value}\n" in headers
    hashed = sorted(
        p.relative_to(site.site).as_posix() for p in site.site.rglob("*.min.*") if hosting.HASHED.search(p.name)
    )
    assert hashed and all(
        f"/{path}\n  Cache-Control: public, max-age=31536000, immutable" in headers for path in hashed
    )
    redirects = (site.site / "_redirects").read_text("utf-8")
    for lang in ("sq", "mk", "bs"):
        assert f"/{lang}/*  /{lang}/404.html  404" in redirects


def test_nginx_configuration_is_valid_as_shipped(tmp_path):
    if not shutil.which("nginx") and not Path(NGINX).exists():
        pytest.fail("nginx is missing: scripts/test.sh installs it")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {PROJECT}/hosting/nginx.conf; }}\n".replace(
            f"include {PROJECT}/hosting/nginx.conf", f"include {tmp_path}/server.conf"
        ),
        "utf-8",
    )
    server = (
        (PROJECT / "hosting" / "nginx.conf")
        .read_text("utf-8")
        .replace("/srv/reintegration-kb/", f"{PROJECT}/")
        .replace("listen 80;", "listen 127.0.0.1:1;")
    )
    (tmp_path / "server.conf").write_text(server, "utf-8")
    done = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
