# Situations and the accountability funnel: a situation groups the
# communications about Kazakhstan, January 2022 (linked with the follow-up
# chain); the funnel from the seed's figures as of its date, with the
# flags the issue names (26 + 5 + 1 = 32 of 35 officers; cases that do not
# add up; 329 criminal cases above 301 complaints at an earlier date);
# then a later letter of our own (an NGO's count) and the Government's
# reply (tests/figures/) move the funnel on: two sources disagree on the
# same count and date, and the parts of the convictions exceed them. An
# officer's correction clears a flag. JSON for programs, an SVG chart, the
# public view.
. "$PROJECT/tests/cli/lib.sh"
F="$PROJECT/tests/figures"
export RAPPORTEUR_DB="$DB" RAPPORTEUR_USER=officer1
expect_exit 0 "$R" init
expect_exit 0 "$R" ingest "$SEED"

# situations
expect_exit 0 "$R" situation new kaz-2022-01 --title "Kazakhstan, January 2022" --country KAZ --from 2022-01-01 --to 2022-01-31
contains out.txt "situation kaz-2022-01 created: Kazakhstan, January 2022"
expect_exit 1 "$R" situation new kaz-2022-01 --title "again"
contains err.txt "exists already"
expect_exit 1 "$R" situation new "Bad Name" --title "x"
contains err.txt "lower-case letters, digits and hyphens"
expect_exit 1 "$R" situation new xyz --title "x" --country XXX
contains err.txt "--country XXX: not a country code"
expect_exit 1 "$R" situation new xyz --title "x" --from 2022-02-01 --to 2022-01-01
contains err.txt "before --from"
expect_exit 2 "$R" situation new xyz
expect_exit 1 "$R" situation link nowhere "AL KAZ 2/2024"
contains err.txt "situation nowhere: no such situation"
expect_exit 1 "$R" situation link kaz-2022-01 "AL KAZ 9/2031"
expect_exit 0 "$R" situation link kaz-2022-01 "AL-KAZ-2-2024"
contains out.txt "1 communication linked"
expect_exit 0 "$R" situation link kaz-2022-01 "AL KAZ 2/2024"
contains out.txt "0 communications linked"
expect_exit 0 "$R" situation list
contains out.txt "kaz-2022-01"
contains out.txt "1 situation"

# nothing confirmed yet: an empty funnel, or a preview of the proposals
expect_exit 0 "$R" funnel kaz-2022-01
contains out.txt "no confirmed figures"
expect_exit 0 "$R" funnel kaz-2022-01 --include-proposed
contains out.txt "(proposed figures included as if confirmed)"
contains out.txt "checks: 2 flags"

# the officer confirms what was proposed; the funnel of the seed
expect_exit 0 "$R" figures confirm --all --situation kaz-2022-01
contains out.txt "19 figures confirmed"
expect_exit 0 "$R" funnel kaz-2022-01
cp out.txt seed-funnel.txt
contains out.txt "Kazakhstan, January 2022 (kaz-2022-01): the accountability funnel as of 2024-05-09"
contains out.txt "complaints                                301  2022-03-18 the Government (AL KAZ 2/2024, figure"
contains out.txt "criminal cases                             13  2024-04-30 the Prosecutor General's Office"
contains out.txt "officers accused                           35  2024-04-30 the Prosecutor General's Office"
contains out.txt "the sum of its parts: 13 cases tried (10 cases with convictions + 3 cases still at trial)"
contains out.txt "the sum of its parts: 31 persons convicted (26 sentenced to imprisonment + 5 suspended sentences)"
contains out.txt "cases closed                              236  2023-05-17 the Committee against Torture"
contains out.txt "checks: 2 flags"
contains out.txt "= 32, short of 35 officers accused (the Prosecutor General's Office, as of 2024-04-30, AL KAZ 2/2024"
contains out.txt "3 not accounted for"
contains out.txt "= 269, more than 13 criminal cases (the Prosecutor General's Office"
contains out.txt "2023-05-17 329 criminal cases (the Committee against Torture, as of 2023-05-17, AL KAZ 2/2024"
contains out.txt "is larger than the stage before it, 301 complaints (the Government, as of 2022-03-18"
contains out.txt "  2022-03-18  complaints 301, criminal cases 256"
contains out.txt "10000 detained (the Government"
# as of an earlier date, that flag is the funnel's own
expect_exit 0 "$R" funnel kaz-2022-01 --as-of 2023-12-31
contains out.txt "as of 2023-12-31"
contains out.txt "checks: 1 flag"
contains out.txt "FLAG 329 criminal cases"
expect_exit 2 "$R" funnel kaz-2022-01 --as-of yesterday
expect_exit 2 "$R" funnel
expect_exit 1 "$R" funnel nowhere

# JSON: stages over time, checks naming their figures
expect_exit 0 "$R" funnel kaz-2022-01 --json
same "$(json out.txt 'r["as_of"]')" 2024-05-09
same "$(json out.txt 'r["flags"]')" 2
same "$(json out.txt '[s["value"] for s in r["stages"]]')" '[301, 13, 35, 13, 10, 31, 26, 5, 1, 236]'
same "$(json out.txt '[s["category"] for s in r["stages"] if s["derived"]]')" '["cases-tried", "convicted"]'
same "$(json out.txt '[p["value"] for p in r["stages"][1]["over_time"]]')" '[256, 329, 13, 13]'
ACC=$(rows "$DB" "select id from figure_records where value = 35")
same "$(json out.txt "[c['ok'] for c in r['checks'] if c['key'] == 'parts:officers-accused']")" '[false]'
same "$(json out.txt "$ACC in [c for c in r['checks'] if c['key'] == 'parts:officers-accused'][0]['figures']")" True
same "$(json out.txt 'r["situation"]["communications"][0]["reference"]')" "AL KAZ 2/2024"
expect_exit 0 "$R" funnel kaz-2022-01 --json -o funnel.json
same "$(json funnel.json 'len(r["earlier_flags"])')" 1

# the chart
expect_exit 0 "$R" funnel kaz-2022-01 --svg -o funnel.svg
python3 - funnel.svg <<'P'
import sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
assert root.get("role") == "img", root.attrib
assert root.find("s:title", ns).text == "Accountability funnel: Kazakhstan, January 2022, as of 2024-05-09"
desc = root.find("s:desc", ns).text
assert "13 cases tried (10 cases with convictions + 3 cases still at trial)" in desc, desc
assert "2 flags" in desc
labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
assert "officers accused" in labels and "cases closed" in labels, labels
assert not any(e.get("style") for e in root.iter()), "no style attributes (CSP)"
P
lacks funnel.svg "<?xml"

# the follow-up: a letter of our own, linked with the chain, and the Government's reply
expect_exit 0 "$R" ingest "$F/AL-KAZ-3-2024.md"
expect_exit 0 "$R" reply add "AL KAZ 2/2024" --received 2024-07-05 --file "$F/reply-AL-KAZ-2-2024.md" --today 2024-07-10
contains out.txt "11 figures proposed"
expect_exit 0 "$R" situation link kaz-2022-01 "AL KAZ 3/2024" --related
contains out.txt "1 communication linked"
expect_exit 0 "$R" situation show kaz-2022-01
contains out.txt "AL KAZ 2/2024    2024-05-09 replied   1 reply"
contains out.txt "AL KAZ 3/2024    2024-09-02 sent      0 replies"
contains out.txt "figures: 16 proposed, 19 confirmed, 0 rejected"
# the NGO's "and not 13 as announced" quotes the authorities: not a count of its own
QUOTED=$(rows "$DB" "select id from figure_records where value = 13 and passage like '%not 13 as announced%'")
same "$(rows "$DB" "select coalesce(category, 'none') || ' ' || source from figure_records where id = $QUOTED")" "none ngo"
expect_exit 0 "$R" figures reject "$QUOTED" --note "the authorities' count, quoted"
expect_exit 0 "$R" figures confirm --all --situation kaz-2022-01
contains out.txt "14 figures confirmed"
expect_exit 0 "$R" situation show kaz-2022-01 --json
same "$(json out.txt 'r["figures"]')" '{"confirmed": 33, "proposed": 1, "rejected": 1}'

expect_exit 0 "$R" funnel kaz-2022-01
contains out.txt "as of 2024-08-31"
contains out.txt "officers accused                           39  2024-07-01 the Prosecutor General's Office (reply 1 to AL KAZ 2/2024 (2024-07-05)"
contains out.txt "criminal cases                             14  2024-04-30 a non-governmental organization (AL KAZ 3/2024"
contains out.txt "checks: 3 flags"
# two sources, the same count and date, different numbers
contains out.txt "FLAG criminal cases as of 2024-04-30: 13 (the Prosecutor General's Office, AL KAZ 2/2024, figure"
contains out.txt "against 14 (a non-governmental organization, AL KAZ 3/2024, figure"
# the reply's parts sum: 33 + 2 + 4 = 39 officers, 27 + 6 = 33 convictions, 11 + 1 = 12 cases tried
contains out.txt "= 39, within 39 officers accused"
contains out.txt "= 12, within 12 cases tried"
# the source's nine suspended sentences (end of August) against the Government's 33 convictions
contains out.txt "+ 9 suspended sentences (the source (information received), as of 2024-08-31, AL KAZ 3/2024"
contains out.txt "= 36, more than 33 persons convicted"
# the seed's 32 of 35 is history now
contains out.txt "2024-05-09 31 persons convicted (26 sentenced to imprisonment + 5 suspended sentences) + 1 acquitted"
# as of the reply, the Government's numbers add up
expect_exit 0 "$R" funnel kaz-2022-01 --as-of 2024-07-05 --json
same "$(json out.txt 'sorted(c["key"] for c in r["checks"] if not c["ok"])')" '["parts:criminal-cases"]'
same "$(json out.txt '[c["key"] for c in r["disagreements"] if not c["ok"]]')" '["agreement:criminal-cases:2024-04-30"]'

# the officer reads the seed's 13 as the cases sent to court: the cases add up
S13=$(rows "$DB" "select id from figure_records where value = 13 and passage like '%General Prosecutor%'")
expect_exit 0 "$R" figures set "$S13" --category cases-tried --note "investigated = sent to court"
expect_exit 0 "$R" funnel kaz-2022-01 --as-of 2024-05-09
contains out.txt "= 13, within 13 cases tried (the Prosecutor General's Office"
lacks out.txt "FLAG criminal cases as of 2024-04-30"

# the public sees confirmed figures of published letters only, without officers' names
RAPPORTEUR_TODAY=2024-06-01 expect_exit 0 "$R" funnel kaz-2022-01 --public
contains out.txt "no confirmed figures"
RAPPORTEUR_TODAY=2024-12-01 expect_exit 0 "$R" funnel kaz-2022-01 --public --json
lacks out.txt officer1
lacks out.txt '"note"'
same "$(json out.txt 'r["stages"][2]["value"]')" 39
expect_exit 2 "$R" funnel kaz-2022-01 --public --include-proposed

# unlinking takes a letter's figures out of the situation's funnel
expect_exit 0 "$R" situation unlink kaz-2022-01 "AL KAZ 3/2024"
contains out.txt "1 communication unlinked"
expect_exit 0 "$R" funnel kaz-2022-01 --json
same "$(json out.txt 'r["as_of"]')" 2024-07-05
