#!/usr/bin/python3
"""Regenerate the derived parts of r1540's Member State reference data.

data/states/ mixes two kinds of facts. Some are curated by hand because no
package on a Debian machine carries them: which countries are UN Member
States and their UN regional group (the alpha3 and un_group columns of
states.tsv, with the dated comment header above them); the dated LDC / LLDC /
SIDS and group memberships are in memberships.tsv (checked by
tools/check_names.py). Everything else is derived from Debian packages,
and this script derives it:

  states.tsv       alpha2 and numeric from iso-codes' iso_3166-1.json;
                   m49_region, m49_subregion and m49_intermediate from the
                   CLDR territoryContainment table (unicode-cldr-core).
                   The curated columns and the comment header are kept.
  m49-regions.tsv  every M49 code used in states.tsv plus 001 World, with its
                   parent from CLDR; the six name columns are curated (the M49
                   standard's titles) and kept as they are.

The names of the states (names.tsv, formal-names.tsv) are curated UN names,
not derived from a package; tools/check_names.py checks them.

Run it from anywhere; paths default to the Debian locations and to the
directory above this script. With --check nothing is written: the script
exits 1 and prints a unified diff if any committed file differs from what it
would generate (suitable for `make test`). It exits 2 on bad input (unknown
alpha3, malformed row, missing catalog), naming the file and line.

Needs: /usr/bin/python3 (3.9 or later), iso-codes, unicode-cldr-core, and
dpkg-query for the package versions written into the headers.
"""

import argparse
import difflib
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
CLDR_DIR = "/usr/share/unicode/cldr/common"

NAME_LANGS = ["en", "fr", "es", "ru", "zh", "ar"]

STATES_COLUMNS = ["alpha2", "alpha3", "numeric", "un_group", "m49_region",
                  "m49_subregion", "m49_intermediate"]
UN_GROUPS = {"AFR", "APG", "EEG", "GRULAC", "WEOG", "NONE"}

# CLDR models M49's two three-level branches as "grouping" overlays on a
# two-level tree: 202 Sub-Saharan Africa over 011/014/017/018 and 419 Latin
# America and the Caribbean over 005/013/029. In M49 these two are the
# sub-regions and their children the intermediate regions. Other CLDR
# groupings (003 North America, EU, EZ, UN) are not M49 levels.
M49_SUBREGION_GROUPINGS = ("202", "419")


class InputError(Exception):
    """Bad or missing input; the message names the file (and line)."""


def package_version(name):
    """Return the installed Debian version of package NAME, or raise InputError."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                             check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise InputError("cannot read the version of package %s: %s" % (name, exc))
    return out.strip()


def read_tsv(path):
    """Split PATH into (comment lines, header fields, rows of fields).

    Each row is (line number, fields). Raises InputError on a missing header
    or a row whose field count differs from the header's.
    """
    comments, header, rows = [], None, []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                if header is None:
                    comments.append(line)
                continue
            if line == "":
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
            elif len(fields) != len(header):
                raise InputError("%s:%d: %d fields, header has %d"
                                 % (path, lineno, len(fields), len(header)))
            else:
                rows.append((lineno, fields))
    if header is None:
        raise InputError("%s: no header row" % path)
    return comments, header, rows


def format_tsv(comments, header, rows):
    """Return the text of a TSV file; refuses fields holding TAB or newline."""
    out = list(comments)
    for fields in [header] + rows:
        for field in fields:
            if "\t" in field or "\n" in field or "\r" in field:
                raise InputError("field %r holds a TAB or newline" % field)
        out.append("\t".join(fields))
    return "\n".join(out) + "\n"


def load_iso(path):
    """Return {alpha3: record} from iso-codes' iso_3166-1.json."""
    with open(path, encoding="utf-8") as f:
        records = json.load(f)["3166-1"]
    return {r["alpha_3"]: r for r in records}


def load_containment(cldr_dir):
    """Return (parent, overlay) from CLDR's territoryContainment.

    parent maps each country (alpha-2) and region to its container in the
    primary tree (groups with neither a status nor a grouping attribute);
    overlay maps each child of 202 / 419 to that M49 sub-region.
    """
    path = os.path.join(cldr_dir, "supplemental", "supplementalData.xml")
    root = ET.parse(path).getroot()
    parent, overlay = {}, {}
    for group in root.iter("group"):
        kind = group.get("type")
        members = group.get("contains", "").split()
        if group.get("status") is not None:
            continue
        if group.get("grouping") == "true":
            if kind in M49_SUBREGION_GROUPINGS:
                for member in members:
                    overlay[member] = kind
            continue
        for member in members:
            if member in parent and parent[member] != kind:
                raise InputError("%s: %s has two containers (%s, %s)"
                                 % (path, member, parent[member], kind))
            parent[member] = kind
    return parent, overlay


def load_cldr_un_members(cldr_dir):
    """Return the alpha-2 codes of CLDR's "UN" grouping (a cross-check only)."""
    path = os.path.join(cldr_dir, "supplemental", "supplementalData.xml")
    for group in ET.parse(path).getroot().iter("group"):
        if group.get("type") == "UN":
            return set(group.get("contains", "").split())
    return set()


def m49_levels(alpha2, parent, overlay):
    """Return (region, sub-region, intermediate) M49 codes for one country.

    Raises InputError if CLDR does not place the country two levels below
    001 World.
    """
    leaf = parent.get(alpha2)
    region = parent.get(leaf) if leaf else None
    if leaf is None or region is None or parent.get(region) != "001":
        raise InputError("CLDR territoryContainment does not place %s under a "
                         "region of 001 World" % alpha2)
    if leaf in overlay:
        return region, overlay[leaf], leaf
    return region, leaf, ""


def load_region_names(path):
    """Return {code: [names in NAME_LANGS order]} from the curated m49-regions.tsv."""
    _, header, rows = read_tsv(path)
    if header != ["code", "parent"] + NAME_LANGS:
        raise InputError("%s: header must be code parent %s" % (path, " ".join(NAME_LANGS)))
    names = {}
    for lineno, fields in rows:
        if not all(fields[2:]):
            raise InputError("%s:%d: a region needs a name in every language" % (path, lineno))
        names[fields[0]] = fields[2:]
    return names


def build(states_path, iso_json, cldr_dir):
    """Return ({path: new text}, summary lines) for the two generated files."""
    data_dir = os.path.dirname(states_path)
    comments, header, rows = read_tsv(states_path)
    if header != STATES_COLUMNS:
        raise InputError("%s: header must be %s" % (states_path, " ".join(STATES_COLUMNS)))

    iso = load_iso(iso_json)
    parent, overlay = load_containment(cldr_dir)
    cldr_version = package_version("unicode-cldr-core")

    states, seen = [], set()
    for lineno, fields in rows:
        row = dict(zip(header, fields))
        where = "%s:%d" % (states_path, lineno)
        alpha3 = row["alpha3"]
        if alpha3 in seen:
            raise InputError("%s: duplicate alpha3 %s" % (where, alpha3))
        seen.add(alpha3)
        if alpha3 not in iso:
            raise InputError("%s: alpha3 %s is not in %s" % (where, alpha3, iso_json))
        if row["un_group"] not in UN_GROUPS:
            raise InputError("%s: un_group %r is not one of %s"
                             % (where, row["un_group"], " ".join(sorted(UN_GROUPS))))
        record = iso[alpha3]
        row["alpha2"] = record["alpha_2"]
        row["numeric"] = record["numeric"]
        (row["m49_region"], row["m49_subregion"],
         row["m49_intermediate"]) = m49_levels(record["alpha_2"], parent, overlay)
        states.append(row)
    states.sort(key=lambda r: r["alpha3"])

    outputs = {}
    outputs[states_path] = format_tsv(
        comments, STATES_COLUMNS, [[r[c] for c in STATES_COLUMNS] for r in states])

    # m49-regions.tsv
    region_parent = {"001": ""}
    for row in states:
        region_parent[row["m49_region"]] = "001"
        region_parent[row["m49_subregion"]] = row["m49_region"]
        if row["m49_intermediate"]:
            region_parent[row["m49_intermediate"]] = row["m49_subregion"]
    regions_path = os.path.join(data_dir, "m49-regions.tsv")
    curated = load_region_names(regions_path)
    region_rows = []
    for code in sorted(region_parent):
        if code not in curated:
            raise InputError("%s: no row (names) for M49 region %s, which states.tsv uses"
                             % (regions_path, code))
        region_rows.append([code, region_parent[code]] + curated[code])
    region_comments = [
        "# UN M49 regions used by states.tsv (region, sub-region, intermediate region),",
        "# plus 001 World. code and parent are GENERATED by tools/gen_names.py from",
        "# territoryContainment in CLDR supplemental/supplementalData.xml (Debian package",
        "# unicode-cldr-core %s), which follows M49; parent is empty for 001." % cldr_version,
        "# The names are CURATED: the M49 standard's own titles in each language, from the UN",
        "# Statistics Division's six-language M49 lists (unstats.un.org/unsd/methodology/m49/",
        "# overview, 2024 downloads), not CLDR's display names (CLDR says \"Latin America\",",
        "# \"Southeast Asia\", \"Australasia\", \"world\"). See README.md.",
    ]
    outputs[os.path.join(data_dir, "m49-regions.tsv")] = format_tsv(
        region_comments, ["code", "parent"] + NAME_LANGS, region_rows)

    # Summary and cross-checks (informative; they do not change the output).
    summary = ["states: %d" % len(states)]
    for group in sorted(UN_GROUPS):
        summary.append("un_group %s: %d" % (group, sum(r["un_group"] == group for r in states)))
    cldr_un = load_cldr_un_members(cldr_dir)
    ours = {r["alpha2"] for r in states}
    if cldr_un and cldr_un != ours:
        summary.append("NOTE: CLDR's UN grouping differs: only in CLDR %s, only here %s"
                       % (sorted(cldr_un - ours), sorted(ours - cldr_un)))
    return outputs, summary


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--states", default=os.path.join(os.path.dirname(here), "states.tsv"),
                    help="states.tsv to read (the other files are written beside it)")
    ap.add_argument("--iso-json", default=ISO_JSON)
    ap.add_argument("--cldr-dir", default=CLDR_DIR)
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 with a diff if a file is out of date")
    ap.add_argument("--quiet", action="store_true", help="print nothing but errors and (with --check) diffs")
    args = ap.parse_args()

    try:
        outputs, summary = build(args.states, args.iso_json, args.cldr_dir)
    except (InputError, OSError, ET.ParseError, KeyError, ValueError) as exc:
        print("gen_names.py: %s" % exc, file=sys.stderr)
        return 2

    stale = 0
    for path, text in outputs.items():
        try:
            with open(path, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current == text:
            continue
        if args.check:
            stale += 1
            sys.stdout.writelines(difflib.unified_diff(
                current.splitlines(True), text.splitlines(True), path, path + " (generated)"))
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            if not args.quiet:
                print("wrote %s" % path, file=sys.stderr)
    if not args.quiet:
        for line in summary:
            print(line, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
