#!/usr/bin/python3
"""Recomputes the review's coverage and assistance figures from the open-data
export alone.

usage: review_from_export.py EXPORT.json data/template/v1/items.tsv DATE

Prints one line per aggregate, "KEY X APPLICABLE", for the total, every M49
region, every theme and every operative paragraph (section), as of DATE, by
the formulas of docs/review.md; then the assistance figures, one line each:
"assist:total REQUESTS UNMET WITHDRAWN OFFERS CAPACITY", "assist:theme:KEY
REQUESTS UNMET OFFERS CAPACITY" (themes with any), "assist:region:KEY" and
"assist:flag:KEY REQUESTS UNMET", "assist:oldest ID..." and
"assist:to_first_proposal" / "assist:to_match COUNT MEDIAN MEAN" (days, one
decimal, "null" when nothing counts). tests/cli/20_review.sh compares these
lines with `r1540 review --format json`, so the documentation cannot drift
from the program.
"""
import csv
import json
import sys
from collections import defaultdict
from datetime import date


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


def real_date(s):
    """The date s (YYYY-MM-DD), or None when it is not a real date."""
    try:
        return date.fromisoformat(s) if len(s) == 10 else None
    except ValueError:
        return None


def codes(s):
    return [c for c in s.split(",") if c]


def proposal_dates(p, D):
    """(first proposed, matched) on D for one proposal, None when not (yet)."""
    first = {}
    for ev in p["history"]:
        d = real_date(ev["date"])
        if d is not None and d <= D and (ev["event"] not in first or d < first[ev["event"]]):
            first[ev["event"]] = d
    created = real_date(p["created"])
    created = created if created is not None and created <= D else None
    acc = [first.get("provider-accepted"), first.get("state-accepted")]
    proposed = first.get("proposed")
    if proposed is None and created and (not p["history"] or any(acc) or "delivered" in first):
        proposed = created
    if all(acc):
        matched = max(acc)
    elif "delivered" in first:
        matched = first["delivered"]
    elif not p["history"] and created and p["status"] in ("accepted", "delivered"):
        matched = created
    else:
        matched = None
    return proposed, matched


def flags_on(data, alpha3, D):
    """The LDC / LLDC / SIDS keys of a state on D: from the export's dated
    memberships (from <= D < to, empty bounds open) when it has them, else
    from the state's flags (an export from before dated memberships)."""
    periods = data.get("memberships")
    if periods is None:
        s = [x for x in data["states"] if x["alpha3"] == alpha3][0]
        return [f.upper() for f in ("ldc", "lldc", "sids") if s[f]]
    day = D.isoformat()
    return sorted({m["group"] for m in periods if m["state"] == alpha3
                   and m["group"] in ("LDC", "LLDC", "SIDS")
                   and (not m["from"] or m["from"] <= day) and (not m["to"] or day < m["to"])})


def delay(values):
    if not values:
        return "0 null null"
    v = sorted(values)
    n = len(v)
    median = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    return "%d %.1f %.1f" % (n, median, sum(v) / n)


def assistance(data, items, D):
    """The assistance figures of docs/review.md, as printed lines."""
    item_themes = {it["id"]: codes(it["themes"]) for it in items}
    state = {s["alpha3"]: s for s in data["states"]}
    themes_of = lambda r: set(codes(r["themes"])) | {t for i in codes(r["items"]) for t in item_themes.get(i, [])}
    dates = defaultdict(lambda: [None, None])
    for p in data["proposals"]:
        proposed, matched = proposal_dates(p, D)
        d = dates[p["request"]]
        d[0] = min(x for x in (d[0], proposed) if x) if d[0] or proposed else None
        d[1] = min(x for x in (d[1], matched) if x) if d[1] or matched else None
    total = defaultdict(int)
    by = defaultdict(lambda: [0, 0, 0, 0])
    unmet_list, to_prop, to_match = [], [], []
    for r in data["requests"]:
        sub = real_date(r["submitted"])
        if sub is None or sub > D:
            continue
        if r["status"] == "withdrawn":
            total["withdrawn"] += 1
            continue
        proposed, matched = dates[r["id"]]
        unmet = matched is None
        total["requests"] += 1
        total["unmet"] += unmet
        s = state[r["state"]]
        keys = ["theme:" + t for t in themes_of(r)] + ["region:" + s["m49_region"]]
        keys += ["flag:" + f for f in flags_on(data, r["state"], D)]
        for k in keys:
            by[k][0] += 1
            by[k][1] += unmet
        if unmet:
            unmet_list.append((r["submitted"], r["id"]))
        if proposed:
            to_prop.append(max(0, (proposed - sub).days))
        if matched:
            to_match.append(max(0, (matched - sub).days))
    for o in data["offers"]:
        start, end = real_date(o["start"]), real_date(o["end"])
        if o["status"] != "open" or (o["start"] and start is None) or (o["end"] and end is None):
            continue
        if (start and start > D) or (end and end < D):
            continue
        cap = max(0, o["capacity"])
        total["offers"] += 1
        total["capacity"] += cap
        for t in themes_of(o):
            by["theme:" + t][2] += 1
            by["theme:" + t][3] += cap
    lines = ["assist:total %d %d %d %d %d" % tuple(total[k] for k in ("requests", "unmet", "withdrawn", "offers", "capacity"))]
    for k in sorted(by):
        v = by[k] if k.startswith("theme:") else by[k][:2]
        lines.append("assist:%s %s" % (k, " ".join(map(str, v))))
    lines.append("assist:oldest " + " ".join(str(i) for _, i in sorted(unmet_list)[:5]))
    lines.append("assist:to_first_proposal " + delay(to_prop))
    lines.append("assist:to_match " + delay(to_match))
    return lines


def main():
    export, items_tsv, day = sys.argv[1:4]
    data = json.load(open(export, encoding="utf-8"))
    rows = [line for line in open(items_tsv, encoding="utf-8") if not line.startswith("#")]
    items = list(csv.DictReader(rows, delimiter="\t"))
    region = {s["alpha3"]: s["m49_region"] for s in data["states"]}
    count = defaultdict(lambda: defaultdict(int))
    for state, v in in_force(data["matrices"], day).items():
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
    for line in assistance(data, items, date.fromisoformat(day)):
        print(line)


if __name__ == "__main__":
    main()
