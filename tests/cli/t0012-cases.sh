# Cases: built from admissible submissions and a JSON import (refs between
# items, ids held), item by item from flags; every bad field named and an
# import all or nothing; summaries may not name a victim who did not
# consent, in any script; the officer's view and the public one; and the
# draft made from the case: facts with labels, provisions, questions and
# mandates suggested, a letter that reads back.
. "$PROJECT/tests/cli/lib.sh"
C="$PROJECT/tests/cases"
export RAPPORTEUR_DB="$DB" RAPPORTEUR_TODAY=2024-05-01 RAPPORTEUR_USER=officer1
expect_exit 0 "$R" init
expect_exit 0 "$R" intake add --file "$C/submission-almaty.json"
expect_exit 0 "$R" intake add --file "$C/submission-relative.json"

# a case from a pending submission is refused; from an admissible one it takes its victims
expect_exit 1 "$R" case new --from-submission 1
contains err.txt "submission 1 is pending"
same "$(rows "$DB" 'SELECT count(*) FROM cases')" 0
expect_exit 0 "$R" intake decide 1 --admissible --reason "Credible and detailed"
expect_exit 0 "$R" intake decide 2 --admissible --reason "The same events"
expect_exit 0 "$R" case new --from-submission 1
contains out.txt "case 1 created"
contains out.txt "submission 1: part of case 1"
expect_exit 0 "$R" intake link 2 --victim 1 --person 1
expect_exit 0 "$R" intake link 2 --case 1
expect_exit 0 "$R" case show 1 --json
same "$(json out.txt '[(v["id"], v["label"]) for v in r["victims"]]')" '[[1, "Victim A"], [2, "Victim B"], [3, "Victim C"]]'
same "$(json out.txt 'r["title"] + " / " + r["country"]')" "Detained protesters ill-treated in Almaty, January 2022 / KAZ"
same "$(json out.txt 'r["submissions"]')" '[1, 2]'

# the import: all or nothing, every field named
cp "$C/case-almaty.json" bad.json
python3 - bad.json <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
d["medical"][0]["findings"][1]["grade"] = "very-consistent"
json.dump(d, open(sys.argv[1], "w"))
P
expect_exit 1 "$R" case import 1 --file bad.json
contains err.txt "bad.json: medical[0].findings[1].grade: \"very-consistent\" is not a Istanbul Protocol grade; one of: not-consistent, consistent, highly-consistent, typical, diagnostic"
same "$(rows "$DB" 'SELECT count(*) FROM places') $(rows "$DB" 'SELECT count(*) FROM events') $(rows "$DB" 'SELECT count(*) FROM acts') $(rows "$DB" 'SELECT count(*) FROM sources')" "0 0 0 2"
expect_exit 0 "$R" case import 1 --file "$C/case-almaty.json"
contains out.txt 'place "gym": place 2 (unofficial)'
contains out.txt 'place "ivs": place 3 (official)'
contains out.txt 'act "shocks": act 5'
contains out.txt "custody step 8"
contains out.txt "medical exam 1"
same "$(rows "$DB" 'SELECT count(*) FROM acts')" 12

# one item at a time, from flags
expect_exit 0 "$R" case add-place 1 --name "the basement of the akimat" --kind informal-detention-centre --locality Almaty
contains out.txt "place 6 (unofficial)"
expect_exit 1 "$R" case add-place 1 --name "district hospital" --kind hospital
contains err.txt "places[0].official: say whether district hospital (a hospital) is an official place of deprivation of liberty"
expect_exit 1 "$R" case add-place 1 --name "x" --kind cellar
contains err.txt "places[0].kind: \"cellar\" is not a place kind; one of: formal-detention-centre"
expect_exit 0 "$R" case add-event 1 --date 2022-01-07 --place 6 --summary "Detainees were held in the basement overnight" \
	--submission 1 --reliability possible
contains out.txt "event 4"
expect_exit 0 "$R" case add-act 1 --event 4 --victim 3 --method stress-positions --perpetrator 1
contains out.txt "act 13"
expect_exit 1 "$R" case add-act 1 --event 4 --victim 3 --type arbitrary-detention --method hooding
contains err.txt "acts[0].method: \"hooding\" is not a method of arbitrary-detention; it is one of: torture"
expect_exit 1 "$R" case add-act 1 --event 4 --victim 9 --method beating
contains err.txt "acts[0].victim: there is no victim 9 in case 1"
expect_exit 1 "$R" case add-act 1 --event e1 --victim 1 --method beating
contains err.txt "acts[0].event: \"e1\" is not a event defined before it in this import"
expect_exit 1 "$R" case add-act 1 --event 4 --victim 1
contains err.txt "acts[0].type: required when no method is given"
expect_exit 1 "$R" case add-event 1 --date 2022-01-32 --summary "x"
contains err.txt "events[0].date: \"2022-01-32\" is not a date"
expect_exit 1 "$R" case add-event 1 --date 2022-01-07 --summary "x" --source 1 --reliability sure
contains err.txt "events[0].sources[0].reliability: \"sure\" is not a reliability grade"
expect_exit 2 "$R" case add-event 1 --date 2022-01-07 --summary "x" --reliability probable
contains err.txt "--source S (or --submission N) and --reliability GRADE go together"
expect_exit 0 "$R" case add-victim 1 --name "Aliya Dzhaksybekova" --consent no --sex female --profile trade-unionist
contains out.txt "(Victim D)"
expect_exit 1 "$R" case add-victim 1 --name "Somebody"
contains err.txt "victims[0].consent: required"
expect_exit 1 "$R" case add-victim 1 --name "Somebody" --consent no --profile astronaut
contains err.txt "victims[0].profiles[0]: \"astronaut\" is not a profile"
expect_exit 0 "$R" case add-perpetrator 1 --unit "special rapid response unit" --role "masked officers"
contains out.txt "perpetrator 3"
expect_exit 1 "$R" case add-perpetrator 1 --kind state-agent
contains err.txt "perpetrators[0].unit: give the unit or the role"

# a summary may not name a victim who did not consent, in any spelling or script
expect_exit 1 "$R" case add-event 1 --date 2022-01-07 --summary "Yerlan Zhakupov was beaten again"
contains err.txt "events[0].summary: names Ерлан Жакупов, who did not consent to be named: write \"Victim A\" instead"
expect_exit 1 "$R" case add-event 1 --date 2022-01-07 --summary "Officers kicked ZHAKUPOV in the corridor"
contains err.txt "write \"Victim A\" instead"
expect_exit 1 "$R" case add-event 1 --date 2022-01-07 --summary "Жаксыбекова was threatened"
contains err.txt "write \"Victim D\" instead"
# the journalist consented: her name may be written
expect_exit 0 "$R" case add-event 1 --date 2022-01-09 --summary "Aigerim Bekova was questioned again"

# the officer's view and the public one
expect_exit 0 "$R" case show 1
contains out.txt "person 1  Victim A: Ерлан Жакупов (not to be named: Victim A)"
contains out.txt "Aigerim Bekova (consented to be named)"
contains out.txt "name (confidential): Captain Timur Serikbayev"
contains out.txt "source 3 (document, confirmed)"
contains out.txt "Three parallel linear bruises"
contains out.txt "custody of Victim A: free, 5 steps, 1 gaps"
# events in the order they happened, whatever their certainty
same "$(grep -o '^  event [0-9]*' out.txt | tr -d ' ' | tr '\n' ,)" "event1,event2,event4,event3,event5,"
expect_exit 0 "$R" case show 1 --public
cp out.txt public.txt
contains public.txt "Victim A: Victim A"
contains public.txt "Victim B: Aigerim Bekova"
contains public.txt "Victim D: Victim D"
for secret in "Жакупов" "Zhakupov" "Dzhaksybekova" "Serikbayev" "Steppe" "Dana" "Omarova" "parallel linear" "+7 700" "source 3"; do
	lacks public.txt "$secret"
done
expect_exit 0 "$R" case show 1 --public --json
lacks out.txt "Жакупов"
lacks out.txt "\"contact\""
same "$(json out.txt '[v["public_name"] for v in r["victims"]][:2]')" '["Victim A", "Aigerim Bekova"]'
expect_exit 0 "$R" case list
contains out.txt "Detained protesters ill-treated in Almaty, January 2022"
expect_exit 1 "$R" case show 7
contains err.txt "no case 7"

# the draft: facts with labels; what the acts and custody suggest
expect_exit 0 "$R" case draft 1 --as officer2
contains out.txt "draft 1 created from case 1"
contains out.txt "acts of torture (acts 3, 4, 5, 6, 7, 8, 9, 13, 12)"
contains out.txt "custody of Victim A: held unregistered"
contains out.txt "left out: 1 fact whose every source is graded doubtful"
expect_exit 0 "$R" draft show 1 --json
same "$(json out.txt 'r["type"] + " " + r["addressee"] + " " + r["mandates"][0]')" "UA KAZ torture"
same "$(json out.txt '"disappearances" in r["mandates"] and "arbitrary-detention" in r["mandates"] and "expression" in r["mandates"]')" True
same "$(json out.txt 'sorted(p["instrument"] for p in r["provisions"])')" '["CAT", "ICCPR", "ICPPED"]'
same "$(json out.txt '[p["articles"] for p in r["provisions"] if p["instrument"] == "CAT"][0]')" '["1", "2", "12", "13", "14", "16"]'
same "$(json out.txt 'r["questions"][0]["catalogue"]')" general-additional-information
same "$(json out.txt '"disappearance-registers" in [q["catalogue"] for q in r["questions"]]')" True
same "$(json out.txt 'r["internal_notes"]')" "Drafted from case 1 on 2024-05-01."
same "$(rows "$DB" "SELECT case_id || ':' || communication_id FROM case_communications")" "1:1"
expect_exit 0 "$R" render 1
cp out.txt letter.md
contains letter.md "The information received concerns Victim A, a man aged 34 and a protester; Aigerim Bekova, a woman aged 29 and a journalist"
contains letter.md "Victim A was beaten, hooded and subjected to electric shocks by officers of the National Guard."
contains letter.md "Aigerim Bekova was burned with hot irons by investigators of the city police department."
contains letter.md "(a gymnasium, not an official place of detention)"
contains letter.md "Victim A was held without being entered in any official register for 2 days and 20 hours"
contains letter.md "The fate and whereabouts of Aigerim Bekova remain unknown."
contains letter.md "The findings on the feet were assessed as typical of electric shocks."
contains letter.md "acceded to by Kazakhstan on 27 February 2009"
lacks letter.md "Zhakupov"
lacks letter.md "Жакупов"
lacks letter.md "Dzhaksybekova"
lacks letter.md "Serikbayev"
lacks letter.md "sexual violence by"
# the drafted letter reads back through our own parser
expect_exit 0 "$R" parse --json letter.md
same "$(json out.txt 'sorted(set(v["instrument"] for v in r["alleged_violations"]))')" '["CAT", "ICCPR", "ICPPED"]'
same "$(json out.txt 'r["mandates"][0]["slug"]')" torture
# a case with no events yet has nothing to draft
expect_exit 0 "$R" case new --title "Shymkent, March 2023" --country KAZ
expect_exit 1 "$R" case draft 2
contains err.txt "case 2 has no events yet"
expect_exit 1 "$R" case new --title "x" --country ZZZ
contains err.txt "country: \"ZZZ\" is not an ISO 3166-1 alpha-3 code"
expect_exit 1 "$R" case new --country KAZ
contains err.txt "title: required"
