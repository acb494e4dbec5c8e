#!/usr/bin/env python3
"""Compares the route table of src/web/router.c with the paths of an OpenAPI description.

Prints one line per difference ("missing in the description: GET /x", "not in the route
table: GET /y") and exits 1 if there is any. Routes flagged PAGE_ONLY have no API call and are
left out; a '*' of the route table matches any {name} of the description.
"""
import json
import re
import sys

router, doc = sys.argv[1], sys.argv[2]
table = set()
for m in re.finditer(r'^\s*\{"(GET|POST)", "([^"]*)", \w+, [^}]*\}', open(router).read(), re.M):
    if "PAGE_ONLY" not in m.group(0):
        table.add((m.group(1), "/" + m.group(2)))
described = set()
for path, ops in json.load(open(doc))["paths"].items():
    for method in ops:
        described.add((method.upper(), re.sub(r"\{[^}/]+\}", "*", path)))
bad = 0
for method, path in sorted(table - described):
    print(f"missing in the description: {method} {path}"); bad = 1
for method, path in sorted(described - table):
    print(f"not in the route table: {method} {path}"); bad = 1
print(f"{len(table)} routes, {len(described)} described")
sys.exit(bad)
