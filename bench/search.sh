#!/bin/sh
# Search over report pages (issue 15): bench/search_bench.c indexes a generated
# multilingual corpus (PAGES, default 12,000 pages, 6 languages) with r1540's
# analysis and with SQLite FTS5's stock unicode61 tokenizer side by side in
# the same run, and runs the same 60 queries on both: indexing MB/s, p50/p99
# per language for one- and two-word queries, the p99 ratio, and how many
# queries each finds something for.
set -eu
cd "$(dirname "$0")/.."
O=$PWD/bench/out/search
rm -rf "$O" && mkdir -p "$O"
make -s r1540 >/dev/null
OBJ=$(find src -name '*.c' ! -path src/main.c | sort | sed 's|^|build/rel/|; s|\.c$|.o|')
PKGS="sqlite3 jansson libsodium xlsxwriter libmicrohttpd icu-uc icu-i18n pangocairo fontconfig liburiparser libzip libxml-2.0 poppler-glib tesseract lept"
# shellcheck disable=SC2046,SC2086 # flags and objects split on spaces
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror $(pkg-config --cflags $PKGS) -o "$O/search_bench" bench/search_bench.c $OBJ \
    $(pkg-config --libs $PKGS) -lgettextpo -lstemmer -lm
./r1540 --db "$O/bench.db" init >/dev/null
"$O/search_bench" "$O/bench.db" "${PAGES:-12000}" "$O/queries.tsv"
