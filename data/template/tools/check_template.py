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
  - each version has 300 to 500 items
  - labels (headings, items, notes) in the six languages are written in their
    own script: Cyrillic in ru, Han in zh, Arabic without vowel marks in ar,
    Latin in en, fr, es; a means-of-delivery item names its weapon type with
    the glossary's term (data/glossary.tsv, concept means-of-delivery)
  - vN/notes.tsv, when present: ids of that version, each once
  - vN/from-vM.tsv, when present (the crosswalk): every vM id exactly once,
    mapped to a vN id with the same section and weapon (relation same) or to
    '-' (relation retired); no vN id receives two vM ids
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


# The script each language's labels are written in (a label may also hold
# digits, punctuation and Latin abbreviations such as NPT, IAEA, HCoC).
SCRIPTS = {
    "ru": re.compile(r"[\u0400-\u04FF]"),
    "zh": re.compile(r"[\u4E00-\u9FFF]"),
    "ar": re.compile(r"[\u0620-\u064A]"),
}
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
ARABIC_VOWEL_MARKS = re.compile(r"[\u064B-\u0652\u0670]")


def check_labels(ck, where, labels, frozen=False):
    """Each label is written in its language's script; Arabic carries no vowel
    marks, except in v1, whose bytes never change (approved matrices cite it)."""
    for lang, label in zip(LANGS, labels):
        if lang in SCRIPTS:
            ck.check(bool(SCRIPTS[lang].search(label)),
                     "%s: %s label %r is not in its script" % (where, lang, label))
        else:
            ck.check(bool(LATIN_LETTER.search(label)) and not any(
                         p.search(label) for p in SCRIPTS.values()),
                     "%s: %s label %r is not in Latin script" % (where, lang, label))
    if len(labels) == len(LANGS) and not frozen:
        ck.check(not ARABIC_VOWEL_MARKS.search(labels[LANGS.index("ar")]),
                 "%s: ar label carries vowel marks" % where)


def read_delivery_terms():
    """The glossary's renderings of 'means of delivery', per language."""
    path = os.path.join(os.path.dirname(ROOT), "glossary.tsv")
    terms = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "means-of-delivery":
                for lang, cell in zip(LANGS, fields[1:7]):
                    terms[lang] = [t.strip() for t in cell.split("|")]
    return terms


def check_delivery_term(ck, where, labels, terms):
    for lang, label in zip(LANGS, labels):
        forms = terms.get(lang, [])
        ck.check(any(t.lower() in label.lower() for t in forms),
                 "%s: %s label does not use the glossary term for means of delivery (%s)"
                 % (where, lang, " | ".join(forms)))


def check_notes(ck, v, notes, items):
    if notes is None:
        return
    seen = set()
    for lineno, r in notes:
        where = "%s/notes.tsv:%d" % (v, lineno)
        ck.check(r[0] in items, "%s: %r is not an item of %s" % (where, r[0], v))
        ck.check(r[0] not in seen, "%s: second note for %r" % (where, r[0]))
        seen.add(r[0])
        check_labels(ck, where, r[1:])


def check_crosswalk(ck, v, old, rows, old_items, new_items):
    name = "%s/from-%s.tsv" % (v, old)
    seen, targets = set(), set()
    for lineno, (a, b, relation) in rows:
        where = "%s:%d" % (name, lineno)
        ck.check(a in old_items, "%s: %r is not an item of %s" % (where, a, old))
        ck.check(a not in seen, "%s: %r listed twice" % (where, a))
        seen.add(a)
        if relation == "retired":
            ck.check(b == "-", "%s: a retired item maps to '-'" % where)
            continue
        if not ck.check(relation == "same", "%s: relation %r is not same or retired"
                        % (where, relation)):
            continue
        ck.check(b not in targets, "%s: %r receives two %s items" % (where, b, old))
        targets.add(b)
        if ck.check(b in new_items, "%s: %r is not an item of %s" % (where, b, v)) and a in old_items:
            ck.check(old_items[a][1] == new_items[b][1] and old_items[a][3] == new_items[b][3],
                     "%s: %s and %s differ in section or weapon" % (where, a, b))
    missing = sorted(set(old_items) - seen)
    ck.check(not missing, "%s: %d %s items are not listed (%s...)"
             % (name, len(missing), old, ", ".join(missing[:3])))
    print("%s: %d rows (%d same, %d retired)" % (name, len(rows), len(targets),
                                                len(rows) - len(targets)))


def main():
    ck = Checker()
    delivery_terms = read_delivery_terms()
    try:
        sections = read_tsv(os.path.join(ROOT, "sections.tsv"), ["key"] + LANGS, ck)
        themes = read_tsv(os.path.join(ROOT, "themes.tsv"), ["key"] + LANGS, ck)
        versions = sorted((d for d in os.listdir(ROOT)
                           if VERSION_RE.match(d) and os.path.isdir(os.path.join(ROOT, d))),
                          key=lambda d: int(d[1:]))
        loaded = []
        extras = {}  # version -> (notes rows or None, {from version: crosswalk rows})
        for v in versions:
            headings = read_tsv(os.path.join(ROOT, v, "headings.tsv"),
                                ["key", "section"] + LANGS, ck)
            items = read_tsv(os.path.join(ROOT, v, "items.tsv"),
                             ["id", "section", "heading", "weapon", "themes"] + LANGS, ck)
            loaded.append((v, headings, items))
            notes_path = os.path.join(ROOT, v, "notes.tsv")
            notes = (read_tsv(notes_path, ["id"] + LANGS, ck)
                     if os.path.exists(notes_path) else None)
            walks = {}
            for f in sorted(os.listdir(os.path.join(ROOT, v))):
                m = re.match(r"^from-(v[0-9]+)\.tsv$", f)
                if m:
                    walks[m.group(1)] = read_tsv(os.path.join(ROOT, v, f),
                                                 [m.group(1) + "_id", v + "_id", "relation"], ck)
            extras[v] = (notes, walks)
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
        ck.check(300 <= len(items) <= 500, "%s/items.tsv: %d items, expected 300..500"
                 % (v, len(items)))
        for lineno, r in headings:
            check_labels(ck, "%s/headings.tsv:%d" % (v, lineno), r[2:], v == "v1")
        for lineno, r in items:
            where = "%s/items.tsv:%d" % (v, lineno)
            check_labels(ck, where, r[5:], v == "v1")
            if r[3] == "delivery" and r[1] != "OP1":
                check_delivery_term(ck, where, r[5:], delivery_terms)
        counts = {}
        for _, r in items:
            counts[r[1]] = counts.get(r[1], 0) + 1
        print("%s: %d items (%s)" % (v, len(items),
                                      ", ".join("%s %d" % (s, counts.get(s, 0)) for s in SECTIONS)))

    by_version = {v: {r[0]: r for _, r in items} for v, _, items in loaded}
    for v in versions:
        notes, walks = extras[v]
        check_notes(ck, v, notes, by_version[v])
        for old, rows in sorted(walks.items()):
            if ck.check(old in by_version, "%s/from-%s.tsv: no version %s" % (v, old, old)):
                check_crosswalk(ck, v, old, rows, by_version[old], by_version[v])

    unused = [t for t in theme_keys if t not in used_themes]
    ck.check(not unused, "themes.tsv: defined but never used: %s" % ", ".join(unused))

    print("template: %d passed, %d failed" % (ck.passed, ck.failed))
    return 0 if ck.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
