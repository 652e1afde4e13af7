"""A static server as the README asks a host to be: text compressed with gzip, a long cache
lifetime for files whose name carries a content hash, a short one for everything else, and
each language's 404 page. For the benchmark (Lighthouse must see what a reader would get).

    .venv/bin/python bench/static_server.py site 8000
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import sys
import threading
from io import BytesIO
from pathlib import Path

# Data

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")
LANGUAGE_404 = re.compile(r"^/(sq|mk|bs)/")

# Helpers


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status = 404
            language = LANGUAGE_404.match(self.path)
            path = Path(self.directory) / (f"{language.group(1)}/404.html" if language else "404.html")
        data = path.read_bytes()
        kind = self.guess_type(str(path))
        compress = kind.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            data = gzip.compress(data, 6, mtime=0)
        self.send_response(status)
        self.send_header(
            "Content-Type",
            kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith(("javascript", "json")) else ""),
        )
        self.send_header("Content-Length", str(len(data)))
        self.send_header(
            "Cache-Control", "public, max-age=31536000, immutable" if HASHED.search(path.name) else "max-age=600"
        )
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return BytesIO(data)


def start(site: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site` in a background thread; returns the server and its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


if __name__ == "__main__":
    server, url = start(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {sys.argv[1]} at {url}")
    threading.Event().wait()
