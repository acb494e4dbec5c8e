#!/usr/bin/python3
"""Recomputes the review's coverage figures from the open-data export alone.

usage: review_from_export.py EXPORT.json data/template/v1/items.tsv DATE

Prints one line per aggregate, "KEY X APPLICABLE", for the total, every M49
region, every theme and every operative paragraph (section), as of DATE, by
the formulas of docs/review.md. tests/cli/20_review.sh compares these lines
with `r1540 review --format json`, so the documentation cannot drift from
the program.
"""
import csv
import json
import sys
from collections import defaultdict


def in_force(matrices, date):
    """Per state, the approved or published version in force on date."""
    best = {}
    for v in matrices:
        when = v["approved"] or v["published"]
        if v["status"] not in ("approved", "published") or when > date:
            continue
        old = best.get(v["state"])
        if old is None or (when, v["version"]) > (old["approved"] or old["published"], old["version"]):
            best[v["state"]] = v
    return best


def main():
    export, items_tsv, date = sys.argv[1:4]
    data = json.load(open(export, encoding="utf-8"))
    rows = [line for line in open(items_tsv, encoding="utf-8") if not line.startswith("#")]
    items = list(csv.DictReader(rows, delimiter="\t"))
    region = {s["alpha3"]: s["m49_region"] for s in data["states"]}
    count = defaultdict(lambda: defaultdict(int))
    for state, v in in_force(data["matrices"], date).items():
        marks = {e["item"]: e["mark"] for e in v["entries"]}
        for it in items:
            mark = marks.get(it["id"], "") or "blank"
            keys = ["total", "region:" + region[state], "section:" + it["section"]]
            keys += ["theme:" + t for t in it["themes"].split(",") if t]
            for key in keys:
                count[key][mark] += 1
    for key in sorted(count):
        c = count[key]
        print(key, c["X"], c["X"] + c["?"] + c["blank"])


if __name__ == "__main__":
    main()
