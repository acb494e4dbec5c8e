#!/usr/bin/python3
"""Check the committed 1540 matrix template files against the format rules.

Reads data/template/sections.tsv, themes.tsv and every vN/ folder
(headings.tsv, items.tsv) and checks, without trusting the generator:

  - every file: UTF-8, '#' comments, then the exact header row, then rows
    with exactly as many TAB-separated fields as the header, none empty
  - sections are exactly OP1, OP2, OP3AB, OP3CD
  - theme and heading keys match ^[a-z0-9][a-z0-9.-]*$ and are unique
  - item ids match ^[A-Z0-9][A-Z0-9.-]{1,31}$ and are unique in a version
  - item section, weapon, heading and themes take defined values; an item's
    heading belongs to the item's section
  - each heading's items are contiguous, and headings.tsv lists the headings
    in the order their items first appear; no heading is without items
  - every theme in themes.tsv is used by some version, and themes are
    comma-separated without spaces
  - each version has 300 to 400 items
  - an id found in several versions keeps its section and weapon (ids are
    never reused for another meaning)

Prints one line per failed check and a closing 'N passed, N failed' line.
Exits 0 when everything passes, 1 otherwise, 2 if a file cannot be read.
"""

import os
import re
import sys

LANGS = ["en", "fr", "es", "ru", "zh", "ar"]
SECTIONS = ["OP1", "OP2", "OP3AB", "OP3CD"]
WEAPONS = {"nuclear", "chemical", "biological", "delivery", "-"}
ID_RE = re.compile(r"^[A-Z0-9][A-Z0-9.-]{1,31}$")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
VERSION_RE = re.compile(r"^v[0-9]+$")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what)
        return ok


def read_tsv(path, header, ck):
    """Return the data rows of a template TSV as lists; check its framing."""
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    ck.check(text.endswith("\n"), "%s: does not end with a newline" % rel)
    ck.check("\r" not in text, "%s: contains a carriage return" % rel)
    rows = []
    seen_header = False
    for lineno, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if not seen_header:
            ck.check(fields == header, "%s:%d: header is %r, expected %r"
                     % (rel, lineno, fields, header))
            seen_header = True
            continue
        if not ck.check(len(fields) == len(header), "%s:%d: %d fields, expected %d"
                        % (rel, lineno, len(fields), len(header))):
            continue
        for name, value in zip(header, fields):
            ck.check(value.strip() != "" and value == value.strip(),
                     "%s:%d: field %s is empty or has outer spaces" % (rel, lineno, name))
        rows.append((lineno, fields))
    ck.check(seen_header, "%s: no header row" % rel)
    return rows


def main():
    ck = Checker()
    try:
        sections = read_tsv(os.path.join(ROOT, "sections.tsv"), ["key"] + LANGS, ck)
        themes = read_tsv(os.path.join(ROOT, "themes.tsv"), ["key"] + LANGS, ck)
        versions = sorted((d for d in os.listdir(ROOT)
                           if VERSION_RE.match(d) and os.path.isdir(os.path.join(ROOT, d))),
                          key=lambda d: int(d[1:]))
        loaded = []
        for v in versions:
            headings = read_tsv(os.path.join(ROOT, v, "headings.tsv"),
                                ["key", "section"] + LANGS, ck)
            items = read_tsv(os.path.join(ROOT, v, "items.tsv"),
                             ["id", "section", "heading", "weapon", "themes"] + LANGS, ck)
            loaded.append((v, headings, items))
    except (OSError, UnicodeDecodeError) as e:
        print("check_template: cannot read template: %s" % e, file=sys.stderr)
        return 2

    ck.check([r[0] for _, r in sections] == SECTIONS,
             "sections.tsv: keys are %r, expected %r" % ([r[0] for _, r in sections], SECTIONS))
    theme_keys = [r[0] for _, r in themes]
    ck.check(len(set(theme_keys)) == len(theme_keys), "themes.tsv: duplicate keys")
    for lineno, r in themes:
        ck.check(bool(KEY_RE.match(r[0])), "themes.tsv:%d: bad key %r" % (lineno, r[0]))
    ck.check(len(loaded) > 0, "no vN/ version folder")

    used_themes = set()
    meaning = {}  # id -> (version, section, weapon)
    for v, headings, items in loaded:
        hsec = {}
        order = []
        for lineno, r in headings:
            key, sec = r[0], r[1]
            ck.check(bool(KEY_RE.match(key)), "%s/headings.tsv:%d: bad key %r" % (v, lineno, key))
            ck.check(key not in hsec, "%s/headings.tsv:%d: duplicate key %r" % (v, lineno, key))
            ck.check(sec in SECTIONS, "%s/headings.tsv:%d: bad section %r" % (v, lineno, sec))
            hsec[key] = sec
            order.append(key)
        ids = set()
        first_seen = []
        closed = set()
        current = None
        for lineno, r in items:
            item_id, sec, heading, weapon, tags = r[:5]
            where = "%s/items.tsv:%d" % (v, lineno)
            ck.check(bool(ID_RE.match(item_id)), "%s: bad id %r" % (where, item_id))
            ck.check(item_id not in ids, "%s: duplicate id %r" % (where, item_id))
            ids.add(item_id)
            ck.check(sec in SECTIONS, "%s: bad section %r" % (where, sec))
            ck.check(weapon in WEAPONS, "%s: bad weapon %r" % (where, weapon))
            if ck.check(heading in hsec, "%s: undefined heading %r" % (where, heading)):
                ck.check(hsec[heading] == sec, "%s: heading %r is in section %s, item in %s"
                         % (where, heading, hsec[heading], sec))
            if heading != current:
                ck.check(heading not in closed, "%s: heading %r is not contiguous" % (where, heading))
                if current is not None:
                    closed.add(current)
                current = heading
                first_seen.append(heading)
            tag_list = tags.split(",")
            ck.check(" " not in tags and "" not in tag_list,
                     "%s: themes %r are not comma-separated without spaces" % (where, tags))
            for t in tag_list:
                ck.check(t in theme_keys, "%s: undefined theme %r" % (where, t))
            ck.check(len(set(tag_list)) == len(tag_list), "%s: repeated theme" % where)
            used_themes.update(tag_list)
            if item_id in meaning:
                pv, psec, pweapon = meaning[item_id]
                ck.check((psec, pweapon) == (sec, weapon),
                         "%s: id %r changed section/weapon since %s" % (where, item_id, pv))
            meaning[item_id] = (v, sec, weapon)
        ck.check(first_seen == order,
                 "%s/headings.tsv: order differs from first appearance in items.tsv" % v)
        ck.check(300 <= len(items) <= 400, "%s/items.tsv: %d items, expected 300..400"
                 % (v, len(items)))
        counts = {}
        for _, r in items:
            counts[r[1]] = counts.get(r[1], 0) + 1
        print("%s: %d items (%s)" % (v, len(items),
                                      ", ".join("%s %d" % (s, counts.get(s, 0)) for s in SECTIONS)))

    unused = [t for t in theme_keys if t not in used_themes]
    ck.check(not unused, "themes.tsv: defined but never used: %s" % ", ".join(unused))

    print("template: %d passed, %d failed" % (ck.passed, ck.failed))
    return 0 if ck.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
