# Intake: a submission from a file and from flags; anonymous information
# refused (no source, a name that names nobody, no contact); every bad
# field named and nothing half-written; mandates suggested from its words
# with the words as evidence; the list shows nothing confidential; the
# officer's decision with its reason; duplicates found across spellings
# and scripts, linked or kept apart.
. "$PROJECT/tests/cli/lib.sh"
C="$PROJECT/tests/cases"
export RAPPORTEUR_DB="$DB" RAPPORTEUR_TODAY=2024-05-01 RAPPORTEUR_USER=officer1
expect_exit 0 "$R" init

expect_exit 0 "$R" intake add --file "$C/submission-almaty.json"
contains out.txt "submission 1 received (pending)"
contains out.txt "suggested mandates: torture"
contains out.txt '"electric shock"'
contains out.txt "disappearances"
contains out.txt "a victim is a journalist"
lacks out.txt "possible duplicates"

# anonymous information is refused, whatever shape it takes
expect_exit 1 "$R" intake add --file "$C/submission-anonymous.json"
contains err.txt "submission-anonymous.json: source.name: anonymous submissions are refused"
printf '{"narrative": "Beaten at a police station."}' > nosource.json
expect_exit 1 "$R" intake add --file nosource.json
contains err.txt "source: required: anonymous submissions are refused"
printf 'People were beaten.' > narrative.txt
expect_exit 1 "$R" intake add --source-name "Dana" --narrative narrative.txt
contains err.txt "source.contact: required"
expect_exit 1 "$R" intake add --source-name "N/A" --source-contact x@y --narrative narrative.txt
contains err.txt "source.name: anonymous"

# each bad field is named; nothing is stored
expect_exit 1 "$R" intake add --source-name Dana --source-contact d@x --narrative narrative.txt --victim "Marat Ospanov"
contains err.txt "victims[0].consent: required"
expect_exit 2 "$R" intake add --consent yes
contains err.txt "--consent: give it after the --victim or --group it is about"
expect_exit 1 "$R" intake add --source-name Dana --source-contact d@x --narrative narrative.txt --group "detainees"
contains err.txt "victims[0].count: required"
expect_exit 1 "$R" intake add --source-name Dana --source-contact d@x --narrative narrative.txt --country KZZ
contains err.txt "country: \"KZZ\" is not an ISO 3166-1 alpha-3 code"
expect_exit 1 "$R" intake add --source-name Dana --source-contact d@x --narrative narrative.txt --incident-date 2022-01-09/2022-01-06
contains err.txt "incident_date: \"2022-01-09/2022-01-06\": the range ends before it begins"
expect_exit 1 "$R" intake add --source-name Dana --source-contact d@x --narrative narrative.txt --urgency soon
contains err.txt "urgency: \"soon\" is not a urgency; one of: routine, urgent"
printf '{"narrative": "x",\n "source": {"name": "Dana", "contact": "d@x"},\n "victims": [{"name": "A", "consent": "yes"}]}' > badconsent.json
expect_exit 1 "$R" intake add --file badconsent.json
contains err.txt "badconsent.json: victims[0].consent: give true or false"
printf '{"narrative": "x", "source": {"name": "Dana", "contact": "d@x"}, "victim": []}' > typo.json
expect_exit 1 "$R" intake add --file typo.json
contains err.txt "victim: unknown field; the fields are: source, received"
printf '{"narrative": "x",' > broken.json
expect_exit 1 "$R" intake add --file broken.json
contains err.txt "broken.json: line 1"
same "$(rows "$DB" 'SELECT count(*) FROM submissions')" 1
same "$(rows "$DB" 'SELECT count(*) FROM sources')" 1
same "$(rows "$DB" 'SELECT count(*) FROM persons')" 3

# from flags
expect_exit 0 "$R" intake add --source-name "Marat Ospanov" --source-contact "+7 701 000 0000" --source-kind victim \
	--country KAZ --subject "Beaten at police station No. 5" --narrative narrative.txt \
	--victim "Marat Ospanov" --consent yes --urgency urgent
contains out.txt "submission 2 received (pending)"

# the same man, reported by a relative in Russian, his name in Latin letters
expect_exit 0 "$R" intake add --file "$C/submission-relative.json"
contains out.txt "submission 3 received (pending)"
contains out.txt '"пытал"'
contains out.txt "possible duplicates: 1 (rapporteur intake duplicates 3)"
expect_exit 0 "$R" intake duplicates 3
contains out.txt 'person 1 "Ерлан Жакупов (not to be named)" 1.00 ~ victim 1 "Yerlan Zhakupov (not to be named)"'
contains out.txt "rapporteur intake link 3 --victim 1 --person 1"
expect_exit 0 "$R" intake duplicates 3 --json
same "$(json out.txt '[(m["kind"], m["target"], m["score"] >= 0.9) for m in r]')" '[["person", 1, true]]'
# a submission about someone else finds nothing
expect_exit 0 "$R" intake add --file "$C/submission-other.json"
expect_exit 0 "$R" intake duplicates 4
contains out.txt "submission 4: no possible duplicates"

# the list: nothing of the source, newest first, filtered by status
expect_exit 0 "$R" intake list
contains out.txt "Detained protesters ill-treated in Almaty, January 2022; torture,"
lacks out.txt "Steppe Legal"
lacks out.txt "Жакупов"
lacks out.txt "Dana"
same "$(sed -n 2p out.txt | cut -c1-5 | tr -d " ")" 2   # received today: the newest
expect_exit 0 "$R" intake list --json
same "$(json out.txt '[s["id"] for s in r]')" '[2, 4, 3, 1]'
same "$(json out.txt '[s["urgency"] for s in r if s["id"] == 1]')" '["urgent"]'
expect_exit 2 "$R" intake list --status maybe

# the officer's view opens the sealed fields
expect_exit 0 "$R" intake show 1
contains out.txt "source 1 (organisation, confidential): Steppe Legal Monitor Initiative <monitor.desk@steppe-legal.example>"
contains out.txt "1. person 1: Ерлан Жакупов (not to be named)"
contains out.txt "2. person 2: Aigerim Bekova (consented to be named)"
contains out.txt "3. person 3: a group of 40 people (protesters held in the gymnasium of school No. 41)"
contains out.txt "narrative (confidential):"
contains out.txt "temporary detention facility"
expect_exit 0 "$R" intake show 1 --json
same "$(json out.txt '[r["status"], r["country"], r["incident_date"], r["source"]["kind"]]')" '["pending", "KAZ", "2022-01-06/2022-01-12", "organisation"]'
expect_exit 1 "$R" intake show 99
contains err.txt "no submission 99"

# decisions need a reason; a pending submission joins no case
expect_exit 2 "$R" intake decide 1 --admissible
contains err.txt "--reason: required"
expect_exit 2 "$R" intake decide 1 --reason "x"
contains err.txt "give --admissible or --inadmissible"
expect_exit 0 "$R" case new --title "Almaty, January 2022" --country KAZ
expect_exit 1 "$R" intake link 1 --case 1
contains err.txt "submission 1 is pending: only an admissible submission joins a case"
expect_exit 0 "$R" intake decide 1 --admissible --reason "Credible, detailed, within the torture mandate" --as officer2
contains out.txt "submission 1: admissible"
expect_exit 0 "$R" intake decide 4 --inadmissible --reason "Already before the mandate under another reference"
same "$(rows "$DB" "SELECT status || '|' || decided_by || '|' || decision_reason FROM submissions WHERE id = 1")" \
	"admissible|officer2|Credible, detailed, within the torture mandate"
expect_exit 0 "$R" intake list --status inadmissible
contains out.txt "Blogger prosecuted for posts"
lacks out.txt "Almaty"

# linked: the victim is the person already held; the submission joins the case
expect_exit 1 "$R" intake link 3 --victim 2 --person 1
contains err.txt "--victim 2: submission 3 has no victim 2"
expect_exit 2 "$R" intake link 3 --person 1
contains err.txt "give --victim N"
expect_exit 0 "$R" intake link 3 --victim 1 --person 1
contains out.txt "submission 3: its victim is person 1"
same "$(rows "$DB" 'SELECT merged_into FROM persons WHERE id = (SELECT max(id) FROM persons)')" ""
same "$(rows "$DB" 'SELECT person_id FROM submission_victims WHERE submission_id = 3')" 1
same "$(rows "$DB" 'SELECT count(*) FROM persons WHERE merged_into = 1')" 1
expect_exit 0 "$R" intake duplicates 3
contains out.txt "[linked]"
expect_exit 0 "$R" intake link 1 --case 1
contains out.txt "submission 1: part of case 1"
expect_exit 1 "$R" intake decide 1 --inadmissible --reason "changed my mind"
contains err.txt "submission 1 is part of case 1: it cannot become inadmissible"

# a namesake kept apart is not suggested again as undecided
printf '{"source": {"name": "Gulnara Abenova", "contact": "g@x.example"}, "narrative": "My neighbour was arrested in Shymkent.", "victims": [{"name": "Erlan Zhakupov", "consent": false}]}' > namesake.json
expect_exit 0 "$R" intake add --file namesake.json
contains out.txt "submission 5 received"
expect_exit 0 "$R" intake duplicates 5
contains out.txt 'person 1 "Ерлан Жакупов (not to be named)" 1.00 ~ victim 1 "Erlan Zhakupov (not to be named)"'
contains out.txt "case 1 \"Almaty, January 2022\" 1.00 ~ victim 1 \"Erlan Zhakupov (not to be named)\": victim 1 is alike to Victim A of this case"
expect_exit 0 "$R" intake apart 5 --person 1
contains out.txt "submission 5: kept apart from person 1"
expect_exit 0 "$R" intake apart 5 --case 1
expect_exit 0 "$R" intake duplicates 5 --json
same "$(json out.txt 'sorted((m["kind"], m["decision"]) for m in r)')" '[["case", "apart"], ["person", "apart"]]'
expect_exit 2 "$R" intake apart 5
contains err.txt "give --person P or --case C"
expect_exit 2 "$R" intake frobnicate
contains err.txt "unknown subcommand frobnicate"
