"""The browser that prints the PDFs and runs the browser tests and the benchmark: Debian's
chromium through Playwright (never a downloaded one), with the one list of flags they share."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
