#!/bin/sh
# A multipart form sent in pieces loses no field. MHD may hand a part's start
# over as an empty piece and then its bytes, again at offset 0; the server
# once took that for a second field of the same name and read the empty one
# (a browser's fetch lost "language" about one post in two). Each way of
# cutting the body (tests/http/multipart_pieces.py) must store every field.
# The real server on a fresh database. TAP output.
cd "$(dirname "$0")/../.." || exit 2
. tests/http/lib.sh

r init >/dev/null 2>"$T/init.err" || { cat "$T/init.err"; echo "Bail out! init"; exit 1; }
echo 'a long pass for the expert' | r user add exp --role expert >/dev/null
TOKEN=$(r token add exp --scope write 2>/dev/null | head -n 1)
start_server

n=0
for how in headers middle bytes headers middle; do
    n=$((n + 1))
    title="Pieces $how $n"
    out=$(python3 tests/http/multipart_pieces.py "$PORT" "$TOKEN" "$title" "$how")
    expect_eq "a form cut $how ($n): created" "${out%% *}" "201"
    id=$(printf '%s' "${out#* }" | jq -r '.id // .practice.id // empty')
    api_r=$(curl -s -H "Authorization: Bearer $TOKEN" "$B/api/v1/practices/$id")
    expect_eq "... every field stored" \
        "$(printf '%s' "$api_r" | jq -r '[.title // .practice.title, .language // .practice.language] | join("|")')" \
        "$title|fr"
done

stop_server
expect_eq "the server stopped cleanly" "$SRC" 0
done_testing
