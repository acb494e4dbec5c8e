#!/bin/sh
# Installs the Debian packages r1540 needs to build, run, test and benchmark.
# Does nothing when they are all present; needs root (or sudo) otherwise.
set -e
cd "$(dirname "$0")/.."

# playwright-core for the browser tests (tests/browser), from package-lock.json,
# when node_modules is missing or older than the lock file
npm_ci() {
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error
    fi
}
PKGS="build-essential pkg-config libsqlite3-dev libjansson-dev libsodium-dev
libxlsxwriter-dev sqlite3 jq iso-codes gettext unicode-cldr-core unzip python3 clang
libclang-rt-14-dev libgettextpo-dev libmicrohttpd-dev libicu-dev wrk nginx-light curl chromium
libcairo2-dev libpango1.0-dev fonts-noto-core fonts-noto-cjk poppler-utils
python3-scipy time liburiparser-dev libstemmer-dev libpoppler-glib-dev libzip-dev libxml2-dev
libtesseract-dev tesseract-ocr-eng tesseract-ocr-ara tesseract-ocr-chi-sim tesseract-ocr-fra
tesseract-ocr-rus tesseract-ocr-spa python3-icalendar libxml2-utils
libcurl4-openssl-dev python3-aiosmtpd libpq-dev postgresql"
# Node.js and npm for playwright-core: Debian's packages unless a node and an
# npm are already there (NodeSource's nodejs bundles npm and conflicts with
# Debian's npm package)
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
    npm_ci
    exit 0
fi
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
npm_ci
