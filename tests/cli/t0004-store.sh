# init, ingest (unchanged and changed files), list with filters, show with
# the chain both ways, search with snippets and filters, export.
. "$PROJECT/tests/cli/lib.sh"
expect_exit 0 "$R" init --db "$DB"
contains out.txt "mandates"
same "$(rows "$DB" "select name_fr from countries where alpha3 = 'KAZ'")" "Kazakhstan" "country from iso-codes"
same "$(rows "$DB" "select count(*) from mandates where slug in ('torture','arbitrary-detention','disappearances','executions','expression','assembly-association','defenders','judges-lawyers','counter-terrorism')")" 9 "the seed's mandates"
same "$(rows "$DB" "select date from ratifications where country = 'KAZ' and instrument = 'CAT'")" "1998-08-26" "exact ratification date"
same "$(rows "$DB" "select year from ratifications where country = 'FRA' and instrument = 'ICCPR'")" "1980" "year from treaty-status"
# init again changes nothing and fails nothing
expect_exit 0 "$R" init --db "$DB"
contains out.txt "(0 applied)"

mkdir letters
cp "$LETTERS"/*.md "$LETTERS"/*.txt letters/
cp "$SEED" letters/
n=$(ls letters | grep -v README | wc -l)
expect_exit 0 "$R" ingest --db "$DB" letters
contains out.txt "$n files: $n added, 0 updated, 0 unchanged, 0 failed"
expect_exit 0 "$R" ingest --db "$DB" letters
contains out.txt "$n files: 0 added, 0 updated, $n unchanged, 0 failed"
before=$(rows "$DB" "select count(*) from questions")

# a changed file updates its record in place
sed 's/Please provide any additional information/Please share any additional information/' letters/AL-KAZ-2-2024.md > x && mv x letters/AL-KAZ-2-2024.md
expect_exit 0 "$R" ingest --db "$DB" letters/AL-KAZ-2-2024.md
contains out.txt "1 file: 0 added, 1 updated, 0 unchanged, 0 failed"
same "$(rows "$DB" "select count(*) from communications")" "$n" "no duplicate after an update"
same "$(rows "$DB" "select count(*) from questions")" "$before" "questions replaced, not added"
expect_exit 0 "$R" search --db "$DB" '"Please share any additional"'
contains out.txt "1 match"
expect_exit 0 "$R" search --db "$DB" '"Please provide any additional information" AND Kazakhstan'
contains out.txt "0 matches"

# list and its filters
expect_exit 0 "$R" list --db "$DB"
contains out.txt "AL KAZ 2/2024"
contains out.txt "$n communications"
expect_exit 0 "$R" list --db "$DB" --country KAZ
contains out.txt "1 communication"
expect_exit 0 "$R" list --db "$DB" --type UA --year 2022
contains out.txt "UA IRN 14/2022"
lacks out.txt "AL EGY 14/2022"
expect_exit 0 "$R" list --db "$DB" --mandate torture --from 2024-01-01 --to 2024-12-31
contains out.txt "AL KAZ 2/2024"
lacks out.txt "OL KGZ 2/2024"
expect_exit 2 "$R" list --db "$DB" --from 2024-13-01
contains err.txt "YYYY-MM-DD"
expect_exit 2 "$R" list --db "$DB" --country kazakhstan
contains err.txt "alpha-3"

# show: by reference, slug or core; the chain both ways
expect_exit 0 "$R" show --db "$DB" "AL KAZ 2/2024"
contains out.txt "KAZ 1/2022 (not held) -> replies unknown -> this letter"
expect_exit 0 "$R" show --db "$DB" AL-KAZ-2-2024 --json
same "$(json out.txt 'r["cites"][0]["reference"]')" "KAZ 1/2022" cites
cat > letters/AL-KAZ-1-2022.md <<'LETTER'
**Mandates of the Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment and the Working Group on Arbitrary Detention**

Ref.: AL KAZ 1/2022
(Please use this reference in your reply)

18 January 2022

Excellency,

We have the honour to address you in our capacities as Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment and Working Group on Arbitrary Detention, pursuant to Human Rights Council resolutions 43/20 and 42/22.

We write about the force used against protesters in early January and the mass arrests that followed.

We would be grateful for your observations on the following matters:

1. Please give any further information on these allegations.
2. Please say what investigations have been opened.

We would appreciate receiving a response within 60 days.

Please accept, Excellency, the assurances of our highest consideration.

Nils Melzer

Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment
LETTER
expect_exit 0 "$R" ingest --db "$DB" letters/AL-KAZ-1-2022.md
expect_exit 0 "$R" show --db "$DB" "KAZ 1/2022"
contains out.txt "followed up by:"
contains out.txt "this letter -> no reply -> AL KAZ 2/2024 (2024-05-09)"
expect_exit 0 "$R" show --db "$DB" "AL KAZ 2/2024"
contains out.txt "AL KAZ 1/2022 (2022-01-18) -> no reply -> this letter"
expect_exit 1 "$R" show --db "$DB" "AL XYZ 1/2020"
contains err.txt "no communication"

# search: ranked, snippet with the match marked, filters, query errors
expect_exit 0 "$R" search --db "$DB" "Taldykorgan"
contains out.txt "AL KAZ 2/2024"
contains out.txt "[Taldykorgan]"
contains out.txt "1 match"
expect_exit 0 "$R" search --db "$DB" '"enforced disappearance"' --country KAZ
contains out.txt "AL KAZ 2/2024"
expect_exit 0 "$R" search --db "$DB" 'torture NOT Kazakhstan' --limit 100
lacks out.txt "AL KAZ 2/2024"
expect_exit 0 "$R" search --db "$DB" 'tortur*' --order newest --limit 3
head -1 out.txt > first.txt
contains first.txt "2024"
# stemming: "detained" finds "detention"
expect_exit 0 "$R" search --db "$DB" 'detentions' --country KAZ
contains out.txt "AL KAZ 2/2024"
expect_exit 1 "$R" search --db "$DB" 'NOT torture'
contains err.txt "only excludes"
expect_exit 0 "$R" search --db "$DB" "'; DROP TABLE communications; --"
same "$(rows "$DB" 'select count(*) from communications')" "$((n + 1))" "nothing dropped"

# environment and defaults: --db, then $RAPPORTEUR_DB
RAPPORTEUR_DB="$DB" expect_exit 0 "$R" list --country KAZ
contains out.txt "AL KAZ 2/2024"

# export: JSON records, CSV with questions and citations
expect_exit 0 "$R" export --db "$DB" --format json --country KAZ
same "$(json out.txt 'len(r)')" 2 "exported records"
same "$(json out.txt 'r[1]["reference"]')" "AL KAZ 2/2024" "export order"
mkdir csv
expect_exit 0 "$R" export --db "$DB" --format csv --out csv
head -1 csv/communications.csv > h.txt
contains h.txt "reference,type,country,number,year,date"
same "$(($(wc -l < csv/communications.csv) - 1))" "$((n + 1))" "CSV rows"
contains csv/questions.csv "AL KAZ 2/2024,10,"
contains csv/citations.csv "AL KAZ 2/2024,CAT,1,1,"
python3 -c "import csv,sys; rows=list(csv.reader(open('csv/citations.csv'))); assert all(len(r)==len(rows[0]) for r in rows)"
expect_exit 2 "$R" export --db "$DB" --format xml
