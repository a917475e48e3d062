#!/usr/bin/env bash
# setup.sh [--test]: install what the build needs (fonts-noto-cjk, a venv in .venv with requirements.txt, Node
# and the pinned Pagefind binary in tools/); with --test
# also what the tests need: Debian chromium + CJK fonts + Java (apt, as root), the Python test packages
# and the pinned npm checkers (tests/tools/package.json). Idempotent; needs only the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0; [ "${1:-}" = "--test" ] && want_test=1
PY=${PYTHON:-python3}

apt_install() {  # apt_install PKG... (only what is missing; needs root)
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# a CJK font: the share cards (PNG) draw Chinese with Noto Sans CJK SC
apt_install fonts-noto-cjk

# Python: a venv (Debian's python3 needs python3-venv for that)
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv 2>/dev/null || { apt_install python3-venv; rm -rf .venv; "$PY" -m venv .venv; }
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt

# the search indexer: Pagefind extended from npm (pinned in tools/package-lock.json; PyPI has no 1.6)
command -v npm >/dev/null || apt_install nodejs npm
(cd tools && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

if [ $want_test -eq 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt
  # a real browser and fonts that draw Chinese; Java for the Nu Html Checker (Node is installed above)
  apt_install chromium default-jre-headless
  # npm checkers, pinned in tests/tools/package-lock.json; never let a package fetch its own browser
  (cd tests/tools && PUPPETEER_SKIP_DOWNLOAD=1 CHROMEDRIVER_SKIP_DOWNLOAD=true \
     npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "setup: ok"
