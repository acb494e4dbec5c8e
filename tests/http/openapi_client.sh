#!/bin/sh
# A client generated from the API's description by standard generators
# (issue 18, "Done when"; docs/api.md "A generated client"): openapi-typescript
# writes the types from the running server's /api/v1/openapi.json, tsc
# compiles docs/examples/r1540_client.ts against them (strict), and the
# compiled client, making its calls with openapi-fetch, lists every state and
# downloads a published matrix as CSV, compared with what the CLI exports.
# The types are shown to matter: a copy of the client calling a path the
# description does not have, or passing a parameter of the wrong type, does
# not compile. One server, one demo database, no sign-in. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

for m in openapi-typescript openapi-fetch typescript @types/node; do
    [ -d "node_modules/$m" ] || { echo "Bail out! node_modules/$m is missing: run npm ci"; exit 1; }
done
# inside the repository, so that the compiled client finds node_modules
C=$(mktemp -d "$ROOT/build/client.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'stop_server >/dev/null 2>&1; rm -rf "$T" "$C"' EXIT
init_demo >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
start_server

tsc() { node node_modules/typescript/bin/tsc --strict --module nodenext --target es2022 "$@"; }
check "openapi-typescript writes the types from the server's /api/v1/openapi.json" \
    sh -c 'node node_modules/openapi-typescript/bin/cli.js "$1/api/v1/openapi.json" -o "$2/r1540_api.d.ts" >"$2/gen.log" 2>&1' - "$B" "$C"
check "the types name the calls" grep -q '"/states/{code}/versions/{n}/download/{format}": {' "$C/r1540_api.d.ts"
cp docs/examples/r1540_client.ts "$C/"
if tsc "$C/r1540_client.ts" >"$T/tsc.log" 2>&1; then ok "the client compiles against the generated types (tsc --strict)"
else not_ok "the client compiles against the generated types (tsc --strict)" "$(head -5 "$T/tsc.log")"; fi
# the same client, broken two ways, in a second file each (one tsc run)
sed 's|api.GET("/versions"|api.GET("/version"|' docs/examples/r1540_client.ts >"$C/wrong_path.ts"
sed 's|query: { page, per_page: 50 }|query: { page: "one", per_page: 50 }|' docs/examples/r1540_client.ts >"$C/wrong_type.ts"
tsc --noEmit "$C/wrong_path.ts" "$C/wrong_type.ts" >"$T/tsc_bad.log" 2>&1
check "a path the description lacks does not compile" grep -q 'wrong_path.ts.*"/version"' "$T/tsc_bad.log"
check "a page that is not a number does not compile" grep -q "wrong_type.ts.*Type 'string' is not assignable to type 'number" "$T/tsc_bad.log"

# ---- the compiled client against the server --------------------------------------
if node "$C/r1540_client.js" "$B" FRA "$T/fra.csv" >"$T/client.out" 2>&1; then ok "the client ran"
else not_ok "the client ran" "$(head -5 "$T/client.out")"; fi
NSTATES=$(r state list --format json 2>/dev/null | jq length)
expect_eq "it listed every state, through every page of 50" \
    "$(sed -n 's/^\([0-9]*\) states, from .*/\1/p' "$T/client.out")" "$NSTATES"
V=$(beneath_read "SELECT max(number) FROM matrix_version WHERE state = 'FRA' AND status = 'published'")
check "it found the newest published version of FRA" grep -q "^FRA version $V: " "$T/client.out"
r matrix show FRA "$V" --format csv -o "$T/cli.csv" >/dev/null 2>&1
check "the CSV it downloaded is the one the CLI exports" cmp -s "$T/fra.csv" "$T/cli.csv"
if node "$C/r1540_client.js" "$B" XXX "$T/x.csv" >"$T/client_x.out" 2>&1; then
    not_ok "an unknown state: the client stops with an error" "$(cat "$T/client_x.out")"
else
    check "an unknown state: the client stops with the server's message" grep -q 'no published matrix\|GET /versions' "$T/client_x.out"
fi

stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
done_testing
