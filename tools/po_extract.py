#!/usr/bin/env python3
"""Collects the web interface's msgids into data/po/web.pot and checks the
web.po catalogs against them.

    python3 tools/po_extract.py            writes data/po/web.pot
    python3 tools/po_extract.py --update   also merges it into each
                                           data/po/<lang>/web.po (msgmerge)
    python3 tools/po_extract.py --check    exits 1, listing the problems, when a
                                           web.po lacks a msgid (or has it empty
                                           or fuzzy), keeps one no longer used,
                                           or web.pot is out of date

Where msgids come from (the English text is the msgid, src/util/i18n.h):

  * web/templates/*.html: every {{_ text}} tag, trimmed of spaces and
    newlines at both ends as src/web/tmpl.c does;
  * src/web/*.c, src/app/*.c, src/core/*.c and src/cli/cmd_serve.c: every call
    web_tr(ARG, "..."), i18n_tr(ARG, "..."), app_tr(ARG, "..."),
    app_fail(A, E, RC, "...", ...), app_fail_field(A, E, RC, F, "..."),
    web_fail_field(R, E, S, RC, F, "..."), err_field(E, RC, F, "...", ...) or
    err_mark(E, F, "...") whose msgid argument is a string literal,
    adjacent literals joined as the C compiler does, across lines too;
  * the static tables of English strings that reach web_tr() through a
    variable, listed in TABLES below as (file, table name, column): each row
    of the table is a braced initializer, and the column-th string of each row
    (counting from 0, adjacent literals joined) is a msgid. A new table of
    translatable strings must be added to TABLES.

Only the review engineer's review.po files are never read or written here.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
LANGS = ["ar", "zh", "fr", "ru", "es"]
POT = "data/po/web.pot"
# the functions whose string-literal argument is a msgid, with its position
# (from 0); app_fail's msgid is a printf format (marked c-format, so that
# msgfmt --check-format holds each translation to the same conversions)
TR_FUNCS = {"web_tr": 1, "i18n_tr": 1, "app_tr": 1, "app_fail": 3, "app_fail_field": 4,
            "web_fail_field": 5, "err_field": 3, "err_mark": 2}
FORMAT_FUNCS = {"app_fail"}
FORMATS = set()
TABLES = [
    ("src/web/model.c", "labels", 1),       # report_kind_label
    ("src/web/h_public.c", "fl", 1),        # the states list's flags
    ("src/web/h_public.c", "data_files", 2),  # h_data: .what
    ("src/web/session.c", "msgs", 1),       # session_flash_text
    ("src/web/h_decision.c", "decisions", 0),  # decision_t: .title (the step is no string)
    ("src/web/h_decision.c", "decisions", 1),  # .effect
    ("src/web/h_decision.c", "decisions", 2),  # .button
    ("src/web/model_filter.c", "weapons", 1),  # the row filter's weapon types
    ("src/web/model_assist.c", "assist_kinds", 1),
    ("src/web/model_assist.c", "assist_statuses", 1),
    ("src/web/model_assist.c", "match_factors", 1),
    ("src/web/h_assist.c", "priorities", 1),  # a request's priority
    ("src/web/page_title.c", "page_names", 1),  # each page's <title>
    ("src/web/h_audit.c", "action_names", 1),   # the audit log's actions
]


# ---- C sources --------------------------------------------------------------

TOKEN = re.compile(r'''
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<str>(?:u8|u|U|L)?"(?:[^"\\\n]|\\.)*")
  | (?P<chr>'(?:[^'\\\n]|\\.)*')
  | (?P<pp>\#[^\n]*(?:\\\n[^\n]*)*)
  | (?P<id>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<num>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*)
  | (?P<punct>.)
''', re.S | re.X)

ESC = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
       "\\": "\\", "'": "'", '"': '"', "?": "?"}


def c_unescape(lit):
    body = lit[lit.index('"') + 1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode("utf-8")
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in ESC:
            out += ESC[nxt].encode()
            i += 2
        elif nxt == "x":
            m = re.match(r"[0-9A-Fa-f]+", body[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
        elif nxt in "01234567":
            m = re.match(r"[0-7]{1,3}", body[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:
            raise ValueError("unknown escape \\%s in %s" % (nxt, lit))
    return out.decode("utf-8")


def c_tokens(text):
    """(kind, text, line) for every token that is not space, comment or #line."""
    line = 1
    toks = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("ws", "comment", "pp"):
            toks.append((kind, m.group(0), line))
        line += m.group(0).count("\n")
    return toks


def literal_run(toks, i):
    """Joins the adjacent string literals from toks[i]: (text, line, next index)."""
    parts, line = [], toks[i][2]
    while i < len(toks) and toks[i][0] == "str":
        parts.append(c_unescape(toks[i][1]))
        i += 1
    return "".join(parts), line, i


def skip_balanced(toks, i):
    """From an opening bracket at toks[i], the index just past its partner."""
    depth = 0
    while i < len(toks):
        t = toks[i][1]
        if t in "([{":
            depth += 1
        elif t in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced brackets")


def c_calls(path, toks, add):
    for i, (kind, text, _) in enumerate(toks):
        if kind != "id" or text not in TR_FUNCS or i + 1 >= len(toks) or toks[i + 1][1] != "(":
            continue
        j, depth, commas = i + 2, 0, 0  # find the comma before the msgid argument
        while j < len(toks):
            t = toks[j][1]
            if t in "([{":
                depth += 1
            elif t in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif t == "," and depth == 0:
                commas += 1
                if commas == TR_FUNCS[text]:
                    break
            j += 1
        if j < len(toks) and toks[j][1] == "," and toks[j + 1][0] == "str":
            s, line, _ = literal_run(toks, j + 1)
            add(s, "%s:%d" % (path, line))
            if text in FORMAT_FUNCS:
                FORMATS.add(s)


def c_table(path, toks, name, column, add):
    for i, (kind, text, _) in enumerate(toks):
        if kind == "id" and text == name and i + 1 < len(toks) and toks[i + 1][1] == "[":
            j = i
            while j < len(toks) and toks[j][1] not in ("=", ";", ")"):
                j = skip_balanced(toks, j) if toks[j][1] == "[" else j + 1
            if j < len(toks) and toks[j][1] == "=" and toks[j + 1][1] == "{":
                break
    else:
        raise SystemExit("po_extract: %s: no table %s[] = {...} (see TABLES)" % (path, name))
    end = skip_balanced(toks, j + 1) - 1
    k, rows = j + 2, 0
    while k < end:
        if toks[k][1] != "{":
            k += 1
            continue
        row_end = skip_balanced(toks, k) - 1
        col, m = 0, k + 1
        while m < row_end:
            if toks[m][0] == "str":
                s, line, m = literal_run(toks, m)
                if col == column:
                    add(s, "%s:%d" % (path, line))
                col += 1
            elif toks[m][1] in "([{":
                m = skip_balanced(toks, m)
            else:
                m += 1
        rows += 1
        k = row_end + 1
    if rows == 0:
        raise SystemExit("po_extract: %s: table %s has no rows" % (path, name))


# ---- templates --------------------------------------------------------------

def template_msgids(path, text, add):
    """{{_ text}} tags, found the way src/web/tmpl.c finds tags."""
    p = 0
    while True:
        o = text.find("{{", p)
        if o < 0:
            return
        c = text.find("}}", o + 2)
        if c < 0:
            raise SystemExit("po_extract: %s: a tag is not closed" % path)
        if text[o + 2:o + 3] == "_":
            s = text[o + 3:c].strip(" \n")
            if s:
                add(s, "%s:%d" % (path, text.count("\n", 0, o) + 1))
        p = c + 2


def collect():
    msgs = {}  # msgid -> [references]

    def add(s, ref):
        refs = msgs.setdefault(s, [])
        if ref not in refs:
            refs.append(ref)

    tdir = os.path.join(ROOT, "web/templates")
    for name in sorted(os.listdir(tdir)):
        if name.endswith(".html"):
            with open(os.path.join(tdir, name), encoding="utf-8") as f:
                template_msgids("web/templates/" + name, f.read(), add)
    cfiles = [d + "/" + n for d in ("src/app", "src/core", "src/web")
              for n in sorted(os.listdir(os.path.join(ROOT, d))) if n.endswith(".c")]
    cfiles += ["src/cli/cmd_serve.c"]
    toks = {}
    for path in cfiles:
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            toks[path] = c_tokens(f.read())
        c_calls(path, toks[path], add)
    for path, name, column in TABLES:
        c_table(path, toks[path], name, column, add)
    return msgs


# ---- .po files --------------------------------------------------------------

def po_quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = s.split("\n")
    if len(lines) == 1:
        return '"%s"' % s
    parts = [l + "\\n" for l in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join('"%s"' % p for p in parts)


def pot_text(msgs):
    out = ['# Interface strings of the r1540 web server (templates and C).',
           '# Made by tools/po_extract.py; do not edit by hand.',
           '#, fuzzy',
           'msgid ""',
           'msgstr ""',
           '"Project-Id-Version: r1540\\n"',
           '"MIME-Version: 1.0\\n"',
           '"Content-Type: text/plain; charset=UTF-8\\n"',
           '"Content-Transfer-Encoding: 8bit\\n"',
           '']
    for msgid in sorted(msgs):
        line = "#:"
        for ref in msgs[msgid]:  # wrapped as msgmerge wraps them
            if line != "#:" and len(line) + 1 + len(ref) > 79:
                out.append(line)
                line = "#:"
            line += " " + ref
        out.append(line)
        if msgid in FORMATS:
            out.append("#, c-format")
        elif re.search(r"%[-+ #0]*[0-9*]*(?:\.[0-9*]+)?[a-zA-Z]", msgid):
            out.append("#, no-c-format")
        out.append("msgid " + po_quote(msgid))
        out.append('msgstr ""')
        out.append("")
    return "\n".join(out)


def po_unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    s = s[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), s)


def po_read(path):
    """msgid -> {'str': [msgstr...], 'fuzzy': bool}; obsolete (#~) entries are
    returned under the key None as a list of msgids."""
    entries, obsolete = {}, []
    cur, field, fuzzy = None, None, False

    def finish():
        nonlocal cur
        if cur is not None and "msgid" in cur:
            key = (cur.get("msgctxt", "") + "\004" if "msgctxt" in cur else "") + cur["msgid"]
            strs = [v for k, v in sorted(cur.items()) if k.startswith("msgstr")]
            if cur.get("obsolete"):
                obsolete.append(key)
            else:
                entries[key] = {"str": strs, "fuzzy": cur.get("fuzzy", False)}
        cur = None

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            obs = line.startswith("#~")
            if obs:
                line = line[2:].strip()
            if not line:
                finish()
                continue
            if line.startswith("#"):
                if line.startswith("#,") and "fuzzy" in line:
                    if cur is not None and "msgid" in cur:
                        finish()
                    cur = cur or {}
                    cur["fuzzy"] = True
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                if m.group(1) in ("msgctxt", "msgid") and cur is not None and "msgid" in cur:
                    finish()
                if cur is None:
                    cur = {}
                if obs:
                    cur["obsolete"] = True
                field = m.group(1)
                cur[field] = po_unquote(m.group(2))
            elif line.startswith('"'):
                cur[field] += po_unquote(line)
        finish()
    entries.pop("", None)  # the header
    return entries, obsolete


def check(msgs):
    problems = []
    # the template must hold the same msgids; its source references (file and
    # line) are left out of the comparison, or every edit that moves a line
    # would fail the check without any message having changed
    try:
        pot_entries, _ = po_read(os.path.join(ROOT, POT))
        if set(pot_entries) != set(msgs):
            problems.append("%s is out of date: run python3 tools/po_extract.py" % POT)
    except FileNotFoundError:
        problems.append("%s is missing: run python3 tools/po_extract.py" % POT)
    for lang in LANGS:
        path = "data/po/%s/web.po" % lang
        try:
            entries, obsolete = po_read(os.path.join(ROOT, path))
        except FileNotFoundError:
            problems.append("%s: missing" % path)
            continue
        for msgid in sorted(msgs):
            e = entries.get(msgid)
            where = msgs[msgid][0]
            if e is None:
                problems.append("%s: lacks %r (%s)" % (path, msgid, where))
            elif e["fuzzy"]:
                problems.append("%s: fuzzy %r (%s)" % (path, msgid, where))
            elif not e["str"] or any(not s for s in e["str"]):
                problems.append("%s: untranslated %r (%s)" % (path, msgid, where))
        for msgid in sorted(entries):
            if msgid not in msgs:
                problems.append("%s: %r is no longer used" % (path, msgid))
        for msgid in obsolete:
            problems.append("%s: obsolete #~ entry %r (delete it)" % (path, msgid))
    return problems


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode not in ("", "--check", "--update") or len(argv) > 2:
        sys.stderr.write("usage: python3 tools/po_extract.py [--check | --update]\n")
        return 2
    msgs = collect()
    if mode == "--check":
        problems = check(msgs)
        for p in problems:
            print(p)
        print("%d msgids, %d problems" % (len(msgs), len(problems)))
        return 1 if problems else 0
    with open(os.path.join(ROOT, POT), "w", encoding="utf-8") as f:
        f.write(pot_text(msgs))
    print("%s: %d msgids" % (POT, len(msgs)))
    if mode == "--update":
        for lang in LANGS:
            po = os.path.join(ROOT, "data/po/%s/web.po" % lang)
            if os.path.exists(po):
                subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none",
                                "--no-wrap", po, os.path.join(ROOT, POT)],
                               check=True)
                subprocess.run(["msgattrib", "--no-obsolete", "--no-wrap", "-o", po, po],
                               check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
