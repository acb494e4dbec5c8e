#!/bin/sh
# All benchmarks. Each prints its figures and the ratio to a baseline run
# side by side in the same script.
set -eu
cd "$(dirname "$0")/.."
sh bench/import_export.sh
sh bench/web.sh
sh bench/web_signed.sh
sh bench/pg_accounts.sh
sh bench/pg_web_signed.sh
sh bench/inbox_unread.sh
sh bench/match.sh
sh bench/review.sh
sh bench/fuzz.sh
sh bench/hostile.sh
sh bench/soak.sh
sh bench/fault.sh
sh bench/search.sh
sh bench/postgres_serve.sh
sh bench/copy.sh
