#!/usr/bin/env python3
"""Checks that the catalogs render each concept of data/glossary.tsv with the
glossary's term, and that no catalog entry or template label uses a form the
glossary says to avoid. Prints TAP lines (numbered from N with --first N) and
exits 1 if any check fails, 2 if the glossary cannot be read.
"""
import glob
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
LANGS = ["en", "fr", "es", "ru", "zh", "ar"]


def read_glossary(path):
    header, rows = None, []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                if header != ["concept"] + LANGS + ["avoid", "source"]:
                    raise ValueError("%s: header must be concept %s avoid source" % (path, " ".join(LANGS)))
                continue
            if len(fields) != len(header):
                raise ValueError("%s:%d: %d fields, header has %d" % (path, lineno, len(fields), len(header)))
            row = dict(zip(header, fields))
            if not all(row[l] for l in LANGS) or not row["source"]:
                raise ValueError("%s:%d: a term in every language and a source are required" % (path, lineno))
            row["forms"] = {l: [t.strip() for t in row[l].split("|") if t.strip()] for l in LANGS}
            row["avoided"] = []
            for a in filter(None, (x.strip() for x in row["avoid"].split(";"))):
                lang, _, form = a.partition(":")
                if lang not in LANGS or not form:
                    raise ValueError("%s:%d: avoid entries are LANG:form" % (path, lineno))
                row["avoided"].append((lang, form))
            rows.append(row)
    return rows


def po_entries(path):
    """Yield (msgid, msgstr) of a .po file (plain entries; headers skipped)."""
    text = open(path, encoding="utf-8").read()
    for block in re.split(r"\n\s*\n", text):
        parts = {"msgid": [], "msgstr": []}
        key = None
        for line in block.split("\n"):
            m = re.match(r'^(msgid|msgstr|msgctxt|msgid_plural|msgstr\[\d+\])\s+"(.*)"$', line)
            if m:
                key = m.group(1) if m.group(1) in parts else ("msgstr" if m.group(1).startswith("msgstr") else None)
                if key:
                    parts[key].append(m.group(2))
            elif key and line.startswith('"'):
                parts[key].append(line[1:-1])
        msgid, msgstr = "".join(parts["msgid"]), "".join(parts["msgstr"])
        if msgid and msgstr:
            yield msgid.replace('\\"', '"'), msgstr.replace('\\"', '"')


def has(text, forms, lang):
    low = text.lower()
    for f in forms:
        if lang == "en":
            if re.search(r"(?<![a-z])" + re.escape(f.lower()) + r"(?![a-z])", low):
                return True
        elif f.lower() in low:
            return True
    return False


def main():
    first = int(sys.argv[2]) if len(sys.argv) == 3 and sys.argv[1] == "--first" else 1
    try:
        glossary = read_glossary(os.path.join(ROOT, "data", "glossary.tsv"))
    except (OSError, ValueError) as exc:
        print("check_glossary.py: %s" % exc, file=sys.stderr)
        return 2
    failed, n = 0, first
    for row in glossary:
        problems, used = [], 0
        for lang in LANGS[1:]:
            for po in sorted(glob.glob(os.path.join(ROOT, "data", "po", lang, "*.po"))):
                for msgid, msgstr in po_entries(po):
                    uses = has(msgid, row["forms"]["en"], "en")
                    used += uses
                    if uses and not has(msgstr, row["forms"][lang], lang):
                        problems.append("%s: %r renders %r without %s" % (
                            os.path.relpath(po, ROOT), msgstr[:70], row["en"], " | ".join(row["forms"][lang])))
                    for alang, form in row["avoided"]:
                        if alang == lang and form.lower() in msgstr.lower():
                            problems.append("%s: %r uses %r (avoid it)" % (os.path.relpath(po, ROOT), msgstr[:70], form))
        for tsv in sorted(glob.glob(os.path.join(ROOT, "data", "template", "*.tsv")) +
                          glob.glob(os.path.join(ROOT, "data", "template", "v*", "*.tsv"))):
            text = open(tsv, encoding="utf-8").read().lower()
            for alang, form in row["avoided"]:
                if form.lower() in text:
                    problems.append("%s uses %r (avoid it in %s)" % (os.path.relpath(tsv, ROOT), form, alang))
        print("%s %d - glossary: '%s' rendered as the UN does in every catalog (%d entries)"
              % ("not ok" if problems else "ok", n, row["concept"], used))
        for p in problems[:20]:
            print("#   " + p)
        failed += bool(problems)
        n += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
