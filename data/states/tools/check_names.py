#!/usr/bin/python3
"""Check the curated UN names of the Member States and of the M49 regions.

names.tsv (short names) and formal-names.tsv (formal names) must each hold
exactly the 193 states of states.tsv, with a name in each of the six UN
languages; no name may repeat within a language; Arabic names carry no vowel
marks (harakat, shadda, sukun, dagger alif) and no tatweel, because UN texts
write none and a search for the usual spelling must find them; no name has a
typographic apostrophe (UNTERM writes a straight one), a TAB, or space at either
end. m49-regions.tsv names follow the same rules.

Prints one TAP line per check (numbered from N with --first N) and exits 1 if
any fails, 2 on unreadable input.
"""

import os
import re
import sys

LANGS = ["en", "fr", "es", "ru", "zh", "ar"]
# U+064B..U+0652 tanwin, fatha, damma, kasra, shadda, sukun; U+0670 dagger alif;
# U+0640 tatweel.
ARABIC_MARKS = re.compile("[\u064B-\u0652\u0670\u0640]")


def read_rows(path):
    """Return (header, [(line number, fields)]) of a TSV file with '#' comments."""
    header, rows = None, []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
            else:
                rows.append((lineno, fields))
    return header, rows


def name_problems(path, key, langs_cols, rows):
    """Yield one message per bad name in rows (line, fields)."""
    seen = {lang: {} for lang in LANGS}
    for lineno, fields in rows:
        for lang, col in langs_cols:
            name = fields[col] if col < len(fields) else ""
            where = "%s:%d %s %s" % (path, lineno, fields[key], lang)
            if not name:
                yield "%s: no name" % where
                continue
            if name != name.strip() or "  " in name:
                yield "%s: stray space in %r" % (where, name)
            if "\u2019" in name:
                yield "%s: typographic apostrophe in %r" % (where, name)
            if lang == "ar" and ARABIC_MARKS.search(name):
                yield "%s: Arabic vowel mark or tatweel in %r" % (where, name)
            if name in seen[lang]:
                yield "%s: %r repeats line %d" % (where, name, seen[lang][name])
            seen[lang][name] = lineno


def check_names_file(path, states):
    header, rows = read_rows(path)
    if header != ["alpha3"] + LANGS:
        return ["%s: header must be alpha3 %s" % (path, " ".join(LANGS))]
    problems = list(name_problems(path, 0, [(l, i + 1) for i, l in enumerate(LANGS)], rows))
    codes = [fields[0] for _, fields in rows]
    if sorted(codes) != codes:
        problems.append("%s: rows are not sorted by alpha3" % path)
    missing, extra = states - set(codes), set(codes) - states
    if missing or extra or len(codes) != len(set(codes)):
        problems.append("%s: states missing %s, not members %s, %d rows for %d states"
                        % (path, sorted(missing), sorted(extra), len(codes), len(set(codes))))
    return problems


def main():
    first = int(sys.argv[2]) if len(sys.argv) == 3 and sys.argv[1] == "--first" else 1
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        header, rows = read_rows(os.path.join(here, "states.tsv"))
        states = {fields[header.index("alpha3")] for _, fields in rows}
        checks = [
            ("names.tsv has the UN short name of every Member State in six languages",
             check_names_file(os.path.join(here, "names.tsv"), states)),
            ("formal-names.tsv has the UN formal name of every Member State in six languages",
             check_names_file(os.path.join(here, "formal-names.tsv"), states)),
        ]
        rpath = os.path.join(here, "m49-regions.tsv")
        rheader, rrows = read_rows(rpath)
        checks.append(("m49-regions.tsv names every region in six languages",
                       list(name_problems(rpath, 0, [(l, rheader.index(l)) for l in LANGS],
                                          rrows))))
    except (OSError, ValueError) as exc:
        print("check_names.py: %s" % exc, file=sys.stderr)
        return 2
    if len(states) != 193:
        checks.append(("states.tsv lists 193 Member States", ["%d states" % len(states)]))
    failed = 0
    for i, (what, problems) in enumerate(checks, first):
        print("%s %d - %s" % ("not ok" if problems else "ok", i, what))
        for p in problems:
            print("#   %s" % p)
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
