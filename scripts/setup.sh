# Sourced by build.sh and test.sh: make .venv hold exactly the pinned requirements.
# Usage: . scripts/setup.sh requirements.txt
set -euo pipefail
export NO_MKDOCS_2_WARNING=1  # Material's end-of-life banner: known, see README

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  # Debian packages the project needs (python3-venv, chromium); `apt-get update` once per run.
  if [ -z "${KB_APT_UPDATED:-}" ]; then as_root apt-get update -qq; KB_APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

spelling_dictionaries() {
  # The spelling check (hooks/kb/language_checks.py) uses hunspell with Debian's Albanian and
  # Bosnian dictionaries; translations/<lang>/language.yml names them.
  if ! command -v hunspell >/dev/null || [ ! -f /usr/share/hunspell/bs_BA.dic ] || [ ! -f /usr/share/hunspell/sq_AL.dic ]; then
    apt_install hunspell hunspell-bs myspell-sq
  fi
}

browser_for_pdfs() {
  # The default build prints PDFs with Debian's chromium; DejaVu covers Cyrillic and ë ç č ć đ š ž.
  if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -q "DejaVu Sans"; then
    apt_install chromium fonts-dejavu-core fontconfig
  fi
}

node_packages() {
  # The npm packages at the versions package-lock.json pins. `node_packages --omit=dev` installs
  # what the tests need (axe-core); without arguments, also the benchmark's Lighthouse. A stamp
  # of the lock skips the install when nothing changed (a full install serves both).
  command -v npm >/dev/null || apt_install nodejs npm
  local kind="${1:+omit-dev}"
  if cmp -s package-lock.json node_modules/.kb-lock-all || cmp -s package-lock.json "node_modules/.kb-lock-${kind:-all}"; then
    return
  fi
  npm ci --no-audit --no-fund --loglevel=error "$@"
  cp package-lock.json "node_modules/.kb-lock-${kind:-all}"
}

requirements="$1"
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv
    python3 -m venv .venv
  fi
fi
# Reinstall only when the pinned requirements change.
stamp=".venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$(basename "$requirements")"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
