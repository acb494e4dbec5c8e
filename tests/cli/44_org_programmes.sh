# Programmes and partners (issue 17, item 4): an organization's programmes
# (themes, M49 regions, languages, period, contact) through `r1540 programme`,
# who may keep them (the organization's own accounts, the Committee, the
# experts; not another organization, a point of contact or an administrator),
# offers under a programme (only the organization's own), the overlap view,
# bad, hostile and oversized input changing nothing, and the audit entries.
. tests/cli/lib.sh
init_db
jc() { f=$1; shift; r "$@" --format json | jq -c "$f"; }
PW="correct horse battery staple"
for spec in iaea:provider:IAEA opcw:provider:OPCW usa:provider:USA pocfra:poc:FRA \
    exp:expert: com:committee: adm:admin:; do
    name=${spec%%:*}; rest=${spec#*:}; role=${rest%%:*}; arg=${rest#*:}
    case $role in provider) set -- --org "$arg" ;; poc) set -- --state "$arg" ;; *) set -- ;; esac
    echo "$PW" | r user add "$name" --role "$role" "$@" >/dev/null 2>>"$T/init.err" ||
        { cat "$T/init.err"; exit 1; }
done

# ---- adding, by role -----------------------------------------------------------
audited "a provider adds its own organization's programme (no --org needed)" programme.add programme:1 \
    r --as iaea programme add --title "Demo: nuclear security legislation" --themes legislation,physical-protection \
    --regions 002 --languages en,fr --from 2026-01-01 --until 2027-12-31 --contact "Office X, x@example.org"
expect_eq "... stored for IAEA with every field" \
    "$(jc '[.org, .themes, .regions, .languages, .start, .end, .contact, .offers]' programme show 1)" \
    '["IAEA","legislation,physical-protection","002","en,fr","2026-01-01","2027-12-31","Office X, x@example.org",[]]'
audited "an expert adds one for OPCW" programme.add programme:2 \
    r --as exp programme add --org OPCW --title "Demo: chemical border controls" --themes legislation,border-control \
    --regions 014 --from 2027-06-01
audited "the Committee adds one for WCO" programme.add programme:3 \
    r --as com programme add --org WCO --title "Demo: customs enforcement" --themes border-control --regions 150
audited "the system actor adds a worldwide one" programme.add programme:4 \
    r programme add --org UNODA --title "Demo: outreach" --themes legislation --until 2026-12-31

h=$(db_hash)
unaudited "a provider for another organization is refused" 7 "organization's own accounts" \
    r --as opcw programme add --org IAEA --title x --themes legislation
unaudited "a state as provider keeps no programme (organizations only)" 3 "organization of the registry" \
    r --as usa programme add --title x --themes legislation
unaudited "a point of contact may not" 7 "programme-edit" r --as pocfra programme add --org IAEA --title x --themes legislation
unaudited "an administrator may not" 7 "programme-edit" r --as adm programme add --org IAEA --title x --themes legislation
unaudited "an unknown organization" 3 "organization of the registry" r programme add --org NOBODY --title x --themes legislation
unaudited "an unknown theme" 3 "themes: unknown code 'space'" r programme add --org IAEA --title x --themes legislation,space
unaudited "no theme" 4 "themes" r programme add --org IAEA --title x
unaudited "a theme twice" 4 "themes" r programme add --org IAEA --title x --themes legislation,legislation
unaudited "an unknown region" 3 "regions: unknown code '999'" r programme add --org IAEA --title x --themes legislation --regions 002,999
unaudited "a region that is not a code" 4 "regions" r programme add --org IAEA --title x --themes legislation --regions "002;DROP TABLE programme"
unaudited "a language that is not a code" 4 "languages" r programme add --org IAEA --title x --themes legislation --languages EN
unaudited "the end before the start" 4 "start 2027-01-01 is after end 2026-01-01" \
    r programme add --org IAEA --title x --themes legislation --from 2027-01-01 --until 2026-01-01
unaudited "a date that is not one" 2 "--from" r programme add --org IAEA --title x --themes legislation --from 2026-02-30
unaudited "a title on two lines" 4 "title: must be one line" r programme add --org IAEA --title "a
b" --themes legislation
unaudited "a title over 300 bytes" 4 "title" r programme add --org IAEA --title "$(head -c 301 /dev/zero | tr '\0' x)" --themes legislation
unaudited "a description over 4000 bytes" 4 "description" \
    r programme add --org IAEA --title x --themes legislation --description "$(head -c 4001 /dev/zero | tr '\0' x)"
unaudited "a contact over 300 bytes" 4 "contact" \
    r programme add --org IAEA --title x --themes legislation --contact "$(head -c 301 /dev/zero | tr '\0' x)"
unaudited "invalid UTF-8 in the title" 4 "title" r programme add --org IAEA --title "$(printf 'bad\377')" --themes legislation
unaudited "an unknown option" 2 "unknown option" r programme add --org IAEA --title x --themes legislation --capacity 3
expect_eq "nothing refused changed the database" "$(db_hash)" "$h"

# ---- hostile text is kept as text ------------------------------------------------
HOSTILE="<script>alert(1)</script> ' OR 1=1; --"
audited "markup and SQL in a title are stored as they are" programme.add programme:5 \
    r --as iaea programme add --title "$HOSTILE" --themes legislation --description "$HOSTILE"
expect_eq "... and read back unchanged" "$(r programme show 5 --format json | jq -r .title)" "$HOSTILE"
audited "... and removed" programme.remove programme:5 r --as iaea programme remove 5

# ---- updating and removing -------------------------------------------------------
audited "the provider updates its programme's title only" programme.update programme:1 \
    r --as iaea programme update 1 --title "Demo: nuclear security law"
expect_eq "... the other fields stay" "$(jc '[.title, .themes, .regions, .contact]' programme show 1)" \
    '["Demo: nuclear security law","legislation,physical-protection","002","Office X, x@example.org"]'
h=$(db_hash)
unaudited "another organization may not update it" 7 "organization's own accounts" r --as opcw programme update 1 --title y
unaudited "nor remove it" 7 "organization's own accounts" r --as opcw programme remove 1
unaudited "an update to a bad period" 4 "after end" r --as iaea programme update 1 --from 2028-01-01
unaudited "an update of no programme" 3 "no such programme" r programme update 99 --title y
unaudited "removing no programme" 3 "no such programme" r programme remove 99
unaudited "an id that is not one" 2 "programme id" r programme remove 1x
expect_eq "nothing refused changed the database" "$(db_hash)" "$h"
expect_sql_refused "the organization never changes, by SQL" "stays with its organization" \
    "UPDATE programme SET org = 'WCO' WHERE id = 1"

# ---- offers under a programme --------------------------------------------------
r assistance offer add IAEA --kinds training --themes physical-protection --title "Demo offer A" --capacity 1 >/dev/null
r assistance offer add WCO --kinds training --themes border-control --title "Demo offer B" --capacity 1 >/dev/null
r assistance offer add USA --kinds training --themes legislation --title "Demo offer C" --capacity 1 >/dev/null
audited "the provider puts its offer under its programme" programme.offer.link programme:1 \
    r --as iaea programme link 1 --offer 1
expect_eq "... the programme lists it" "$(jc .offers programme show 1)" "[1]"
h=$(db_hash)
unaudited "another organization's offer is refused" 5 "programme's organization makes" r programme link 1 --offer 2
unaudited "a state's offer is refused" 5 "programme's organization makes" r programme link 1 --offer 3
unaudited "another provider may not link to it" 7 "organization's own accounts" r --as opcw programme link 1 --offer 1
unaudited "no such offer" 3 "no such assistance offer" r programme link 1 --offer 77
unaudited "no such programme" 3 "no such programme" r programme link 77 --offer 1
unaudited "link without --offer" 2 "--offer" r programme link 1
expect_eq "nothing refused changed the database" "$(db_hash)" "$h"
expect_sql_refused "another organization's offer, by SQL" "organization that makes it" \
    "INSERT INTO programme_offer (programme_id, offer_id) VALUES (1, 2)"
audited "unlinking" programme.offer.unlink programme:1 r --as iaea programme unlink --offer 1
expect_eq "... the programme has no offer" "$(jc .offers programme show 1)" "[]"
unaudited "unlinking again" 3 "in no programme" r programme unlink --offer 1
r programme link 1 --offer 1 >/dev/null

# ---- the overlap view ----------------------------------------------------------
# 1 IAEA legislation,physical-protection 002 2026..2027; 2 OPCW legislation,border-control
# 014 (inside 002) from 2027-06; 3 WCO border-control 150; 4 UNODA legislation worldwide
# until 2026-12-31.
expect_eq "overlaps: a shared theme, a region inside the other, periods that meet" \
    "$(jc 'map([.a, .b, .themes, .regions, .from, .until])' programme overlap)" \
    '[[1,2,"legislation","014","2027-06-01","2027-12-31"],[1,4,"legislation","002","2026-01-01","2026-12-31"]]'
expect_eq "... filtered by theme" "$(jc 'map([.a, .b])' programme overlap --theme border-control)" "[]"
expect_eq "... the text view" "$(r programme overlap | head -1)" \
    "1 IAEA ~ 2 OPCW  themes legislation  regions 014  2027-06-01..2027-12-31"
audited "the WCO programme comes to Eastern Africa" programme.update programme:3 \
    r --as com programme update 3 --regions 150,014
expect_eq "... and overlaps OPCW's on border control" \
    "$(jc 'map(select(.a == 2 and .b == 3)) | map([.themes, .regions])' programme overlap)" '[["border-control","014"]]'

# ---- reading -------------------------------------------------------------------
expect_eq "list --org" "$(jc 'map(.id)' programme list --org IAEA)" "[1]"
expect_eq "list, all, by organization" "$(jc 'map(.org)' programme list)" '["IAEA","OPCW","UNODA","WCO"]'
audited "removing a programme keeps its offer" programme.remove programme:1 r --as iaea programme remove 1
expect_eq "... the offer is still there" "$(r assistance offer show 1 --format json | jq -r .title)" "Demo offer A"
expect_fail "an unknown subcommand" 2 "unknown subcommand" r programme frobnicate
done_testing
