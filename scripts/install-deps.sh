#!/bin/sh
# Installs the Debian packages r1540 needs to build, run, test and benchmark.
# Does nothing when they are all present; needs root (or sudo) otherwise.
set -e
PKGS="build-essential pkg-config libsqlite3-dev libjansson-dev libsodium-dev
libxlsxwriter-dev sqlite3 iso-codes gettext unicode-cldr-core unzip python3 clang
libclang-rt-14-dev python3-scipy time"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
