# Custody: each detainee's chain with the register fields of ICPPED art.
# 17(3); the gaps computed from the steps (held unregistered, whereabouts
# not known, open until today) with bounds from uncertain dates; what does
# not fit flagged; steps refused field by field; medical documentation
# after the Istanbul Protocol, consent first.
. "$PROJECT/tests/cli/lib.sh"
export RAPPORTEUR_DB="$DB" RAPPORTEUR_TODAY=2024-05-01 RAPPORTEUR_USER=officer1
. "$PROJECT/tests/cases/build-case.sh"

# Victim A: apprehended in the street, two nights in a gymnasium, registered on the third day
expect_exit 0 "$R" case custody 1
contains out.txt "custody of person 1, Ерлан Жакупов (not to be named): free"
contains out.txt "2022-01-06T16:00 admission    the gymnasium of school No. 41 (unofficial) [NOT registered]"
contains out.txt "2022-01-08       transfer     (destination not known); authority: the city police department"
contains out.txt "[registered]; authority: the city police department; ordered by: an investigator of the city police department; grounds: suspected participation in mass riots; supervised by: the city prosecutor; notes (confidential): Bruises on the face"
contains out.txt "GAP Ерлан Жакупов was held without being entered in any official register for 2 days and 20 hours, from the apprehension (6 January 2022 at 14:30) to the admission (9 January 2022 at 10:00)."
lacks out.txt "whereabouts"
expect_exit 0 "$R" case custody 1 --json
same "$(json out.txt '[(g["kind"], g["min_minutes"], g["ongoing"]) for g in r["gaps"]]')" '[["unregistered", 4050, false]]'
same "$(json out.txt '[s["kind"] for s in r["steps"]]')" '["apprehension", "admission", "transfer", "admission", "release"]'
same "$(json out.txt '[r["state"], r["death_in_custody"], r["steps"][1]["official"], r["steps"][3]["registered"]]')" '["free", false, false, true]'

# Victim B: transferred to a place nobody names: missing to this day
expect_exit 0 "$R" case custody 2
contains out.txt "whereabouts unknown"
contains out.txt "GAP The whereabouts of Aigerim Bekova were not known from the transfer (10 January 2022) until today: 842 days."
expect_exit 0 "$R" case custody 2 --json
same "$(json out.txt '[(g["kind"], g["min_days"], g["ongoing"]) for g in r["gaps"]]')" '[["whereabouts-unknown", 842, true]]'
# ... until she is found: admitted two days later, then she died in custody
expect_exit 0 "$R" case add-step 1 --person 2 --kind admission --at 2022-01-12 --place 3 --registered yes \
	--authority "the city police department" --submission 1 --reliability possible
contains out.txt "custody step 9"
expect_exit 0 "$R" case custody 2 --json
same "$(json out.txt '[(g["kind"], g["min_days"], g["max_days"], g["ongoing"]) for g in r["gaps"]]')" '[["whereabouts-unknown", 2, 2, false]]'
same "$(json out.txt 'r["state"]')" held
expect_exit 0 "$R" case add-step 1 --person 2 --kind death --at "~2022-02-20" --place 3 --cause "heart failure, according to the authorities" --remains "returned to the family"
expect_exit 0 "$R" case add-step 1 --person 2 --kind release --at 2022-03-01
expect_exit 0 "$R" case custody 2
contains out.txt ": dead"
contains out.txt "cause: heart failure, according to the authorities; remains: returned to the family"
contains out.txt "DOES NOT FIT: release on 1 March 2022: comes after the death"
expect_exit 0 "$R" case custody 2 --json
same "$(json out.txt 'r["death_in_custody"]')" True
# a death in custody brings its questions and mandates to the draft
expect_exit 0 "$R" case draft 1
contains out.txt "custody of Aigerim Bekova: death in custody: mandates executions, torture; ICCPR 6"
expect_exit 0 "$R" render 1
contains out.txt "Aigerim Bekova died on or around 20 February 2022 at the temporary detention facility of the city police department; the cause of death given was heart failure, according to the authorities."

# uncertain dates give bounds
expect_exit 0 "$R" case add-victim 1 --name "Nurlan Sadykov" --consent yes
contains out.txt "person 5 (Victim D)"
expect_exit 0 "$R" case add-step 1 --person 5 --kind apprehension --at 2022-01 --place 1
expect_exit 0 "$R" case add-step 1 --person 5 --kind admission --at 2022-02-03 --place 4 --registered yes
expect_exit 0 "$R" case custody 5
contains out.txt "for between 3 and 33 days, from the apprehension (in January 2022) to the admission (3 February 2022)"
# custody with no apprehension recorded
expect_exit 0 "$R" case add-victim 1 --name "Bolat Ermekov" --consent no
expect_exit 0 "$R" case add-step 1 --person 6 --kind admission --at 2022-01-15 --place 3
expect_exit 0 "$R" case custody 6
contains out.txt "[registration not known]"
contains out.txt "DOES NOT FIT: admission on 15 January 2022: no apprehension is recorded before it"

# steps refused, each field named
expect_exit 1 "$R" case add-step 1 --person 1 --kind admission --at 2022-01-07 --place 2 --registered yes
contains err.txt "custody[0].steps[0].registered: the place is not an official place of detention: it keeps no official register"
expect_exit 1 "$R" case add-step 1 --person 1 --kind arrest --at 2022-01-07
contains err.txt "custody[0].steps[0].kind: \"arrest\" is not a custody step; one of: apprehension, admission, transfer, release, death"
expect_exit 1 "$R" case add-step 1 --person 1 --kind release --at 2022-01-07 --registered no
contains err.txt "custody[0].steps[0].registered: only an admission to a place is entered in a register"
expect_exit 1 "$R" case add-step 1 --person 1 --kind release --at 2022-01-07 --cause "x"
contains err.txt "custody[0].steps[0].cause: only a death has a cause and remains"
expect_exit 1 "$R" case add-step 1 --person 1 --kind release --at 2025-01-07
contains err.txt "custody[0].steps[0].at: \"2025-01-07\" is after today (2024-05-01)"
expect_exit 1 "$R" case add-step 1 --person 1 --kind release
contains err.txt "custody[0].steps[0].at: required"
expect_exit 1 "$R" case add-step 1 --person 42 --kind release --at 2022-01-07
contains err.txt "custody[0].person: there is no victim 42 in case 1"
expect_exit 1 "$R" case add-step 1 --kind release --at 2022-01-07
contains err.txt "custody[0].person: required"
expect_exit 1 "$R" case add-step 1 --person 1 --kind admission --at 2022-01-07 --registered yes
contains err.txt "custody[0].steps[0].place: a registered admission names the place that registered it"

# medical documentation: the officer's view, then what is refused
expect_exit 0 "$R" case medical 1
contains out.txt "exam 1 of person 1 on 2022-01-25 by Dr Saule Omarova, an independent forensic physician (consent given)"
contains out.txt "feet           typical of             electric-shocks (act documented) -- Small round burn marks on both soles"
contains out.txt "psychological  consistent with        hooding"
cat > exam.json <<'J'
{"person": 5, "examined": "2022-02-10", "examiner": "Dr A. Iskakova", "examiner_role": "a prison doctor",
 "findings": [{"location": "wrists", "description": "Circular abrasions.", "grade": "consistent", "method": "stress-positions"}]}
J
expect_exit 1 "$R" case add-exam 1 --file exam.json
contains err.txt "exam.json: medical[0].consent: required: \"given\" (informed consent to the examination) or \"refused\""
sed -i 's/"examined"/"consent": "refused", "examined"/' exam.json
expect_exit 1 "$R" case add-exam 1 --file exam.json
contains err.txt "medical[0].findings: the person refused the examination: there are no findings"
sed -i 's/"refused"/"given"/; s/"wrists"/"wrist"/' exam.json
expect_exit 1 "$R" case add-exam 1 --file exam.json
contains err.txt "medical[0].findings[0].location: \"wrist\" is not a body location; one of: head"
sed -i 's/"wrist"/"wrists"/; s/"stress-positions"}/"stress-positions", "act": 3}/' exam.json
expect_exit 1 "$R" case add-exam 1 --file exam.json
contains err.txt "medical[0].findings[0].act: act 3 was done to another victim"
sed -i 's/, "act": 3//' exam.json
expect_exit 0 "$R" case add-exam 1 --file exam.json
contains out.txt "medical exam 2"
expect_exit 0 "$R" case medical 1 --person 5
contains out.txt "wrists         consistent with        stress-positions -- Circular abrasions."
lacks out.txt "Omarova"
