# Figures as records: ingest proposes the seed letter's figures, each with
# what it counts, as of when and who says so; durations are not proposed;
# reading a letter again adds nothing, a changed letter withdraws the
# proposals it no longer supports and keeps the officer's decisions; a
# reply's figures are proposed when it is filed; the officer confirms,
# corrects and rejects (and is refused what cannot be); the export in CSV
# (formula guard) and JSON, and the public export.
. "$PROJECT/tests/cli/lib.sh"
F="$PROJECT/tests/figures"
export RAPPORTEUR_DB="$DB" RAPPORTEUR_USER=officer1
expect_exit 0 "$R" init
cp "$SEED" seed.md
expect_exit 0 "$R" ingest seed.md
contains out.txt "1 added"

# the proposals, read from the seed's own sentences
expect_exit 0 "$R" figures list
contains out.txt "20 figures: 20 proposed, 0 confirmed, 0 rejected"
fig() { rows "$DB" "select id from figure_records where value = $1 and passage like '%$2%' order by id limit 1"; }
field() { rows "$DB" "select $2 from figure_records where id = $1"; }
same "$(field "$(fig 13 'General Prosecutor')" "category || ' ' || as_of || ' ' || as_of_basis || ' ' || source")" \
	"criminal-cases 2024-04-30 stated prosecutor-general" "13 criminal cases"
same "$(field "$(fig 35 'General Prosecutor')" "category || ' ' || source || ' ' || source_words")" \
	"officers-accused prosecutor-general General Prosecutor's Office" "35 officers"
same "$(field "$(fig 26 imprisonment)" "category || ' ' || source || ' ' || as_of_basis")" "imprisoned letter-source document"
same "$(field "$(fig 5 suspended)" category)" suspended-sentences
same "$(field "$(fig 1 acquittal)" category)" acquitted
same "$(field "$(fig 3 'under trial')" category)" cases-at-trial
same "$(field "$(fig 20 'pre-trial')" category)" cases-pre-trial
same "$(field "$(fig 301 complaints)" "category || ' ' || as_of || ' ' || source")" "complaints 2022-03-18 government"
same "$(field "$(fig 236 Committee)" "category || ' ' || as_of || ' ' || as_of_basis || ' ' || source")" \
	"cases-closed 2023-05-17 paragraph committee-against-torture" "236 closed, the Committee named earlier"
same "$(field "$(fig 9 'temporary detention')" "category || ' ' || as_of || ' ' || source")" \
	"custody-deaths 2022-03-18 government" "nine deaths, the reply of 18 March 2022"
same "$(field "$(fig 200 USD)" "coalesce(category, 'none')")" none "no cue for the Fund's 200 USD"
same "$(rows "$DB" "select count(*) from figure_records where unit in ('years', 'months')")" 0 "durations are not counts"
same "$(rows "$DB" "select count(*) from figure_records where category is null")" 1
# each keeps the program's reading, for when an officer corrects it
same "$(field "$(fig 13 'General Prosecutor')" proposed)" \
	'{"category":"criminal-cases","as_of":"2024-04-30","as_of_basis":"stated","source":"prosecutor-general","cue":"{n} ... cases of torture"}'
expect_exit 0 "$R" figures list --json --category officers-accused
same "$(json out.txt 'len(r)')" 1
same "$(json out.txt 'r[0]["source_label"] + " / " + r[0]["document"]["label"] + " / " + str(r[0]["value"])')" \
	"the Prosecutor General's Office / AL KAZ 2/2024 / 35"
expect_exit 0 "$R" figures list --category none
contains out.txt "(unclassified)"
contains out.txt "1 figure: 1 proposed"

# the same letter again adds nothing
expect_exit 0 "$R" ingest seed.md
contains out.txt "1 unchanged"
same "$(rows "$DB" 'select count(*) from figure_records')" 20

# decisions
ID13=$(fig 13 'General Prosecutor'); ID3=$(fig 3 'under trial'); ID200=$(fig 200 USD); ID256=$(fig 256 complaints)
expect_exit 0 "$R" figures confirm "$ID13" --as officer2
contains out.txt "1 figure confirmed"
same "$(field "$ID13" "status || ' ' || decided_by")" "confirmed officer2"
expect_exit 1 "$R" figures confirm "$ID200"
contains err.txt "figure $ID200 has no category"
expect_exit 0 "$R" figures set "$ID200" --category compensation-amount --note "paid by the State Fund, per victim"
contains out.txt "compensation-amount"
same "$(field "$ID200" "status || ' ' || category || ' ' || note")" "confirmed compensation-amount paid by the State Fund, per victim"
expect_exit 0 "$R" figures set "$ID256" --as-of 2022-03-10 --source prosecutor-general --value 257
same "$(field "$ID256" value) $(field "$ID256" "as_of || ' ' || as_of_basis || ' ' || source || ' ' || coalesce(source_words, '-')")" \
	"257.0 2022-03-10 officer prosecutor-general -"
contains "$(printf '%s' "$(field "$ID256" proposed)" > p.txt; echo p.txt)" '"as_of":"2022-03-18"'
expect_exit 0 "$R" figures reject "$ID3" --note "counted twice"
same "$(field "$ID3" "status || ' ' || note")" "rejected counted twice"
# refusals name what is wrong, and change nothing
expect_exit 2 "$R" figures set "$ID3" --category nonsense
contains err.txt "--category nonsense: not a category"
expect_exit 1 "$R" figures set "$ID3" --as-of 2024-13-01
contains err.txt "--as-of 2024-13-01"
expect_exit 1 "$R" figures set "$ID3" --value -4
contains err.txt "--value -4"
expect_exit 1 "$R" figures set "$ID3" --source rumour
contains err.txt "--source rumour: not a source"
expect_exit 1 "$R" figures confirm 9999
contains err.txt "figure 9999: no such figure"
same "$(field "$ID3" status)" rejected
expect_exit 2 "$R" figures confirm
expect_exit 2 "$R" figures confirm abc
expect_exit 2 "$R" figures confirm --all
contains err.txt "--situation S or --in REF"
expect_exit 2 "$R" figures set "$ID3"
expect_exit 2 "$R" figures list --status maybe
expect_exit 2 "$R" figures frobnicate
expect_exit 1 "$R" figures list --in "AL XYZ 9/2020"

# the letter changes: what it no longer says is withdrawn, decisions stay
sed 's/Three cases are still under trial/Four cases are still under trial/; s/five other perpetrators/six other perpetrators/' "$SEED" > seed.md
expect_exit 0 "$R" ingest seed.md
contains out.txt "1 updated"
same "$(rows "$DB" "select count(*) from figure_records where value = 4 and category = 'cases-at-trial' and status = 'proposed'")" 1
same "$(rows "$DB" "select count(*) from figure_records where value = 6 and category = 'suspended-sentences'")" 1
same "$(rows "$DB" "select count(*) from figure_records where value = 5 and category = 'suspended-sentences'")" 0 "the old 5 withdrawn"
same "$(field "$ID3" status)" rejected "a decision outlives the passage"
same "$(field "$ID13" status)" confirmed
cp "$SEED" seed.md
expect_exit 0 "$R" ingest seed.md

# a reply's figures are proposed when it is filed, as the Government's
expect_exit 0 "$R" reply add "AL KAZ 2/2024" --received 2024-07-05 --file "$F/reply-AL-KAZ-2-2024.md" --today 2024-07-10
contains out.txt "11 figures proposed: rapporteur figures list --in AL KAZ 2/2024"
expect_exit 0 "$R" figures list --in "AL KAZ 2/2024" --status proposed
contains out.txt "reply 1 to AL KAZ 2/2024 (2024-07-05)"
R39=$(fig 39 'Prosecutor General')
same "$(field "$R39" "category || ' ' || as_of || ' ' || source || ' ' || reply_id")" "officers-accused 2024-07-01 prosecutor-general 1"
same "$(field "$(fig 12 'sent to court')" "category || ' ' || source")" "cases-tried government" "unattributed in a reply: the Government"
same "$(field "$(fig 312 'Since January')" "category || ' ' || as_of || ' ' || as_of_basis")" "complaints 2024-07-05 document" \
	"since January 2022 is not the date it is as of"

# export: CSV through the formula guard, JSON
cat > reply2.md <<'M'
The Government wishes to add the following.

=SUM(A1) 12 people were detained on 3 March 2024, according to the Ministry of Internal Affairs, and all were released.
M
expect_exit 0 "$R" reply add "AL KAZ 2/2024" --received 2024-07-20 --file reply2.md --today 2024-07-25
expect_exit 0 "$R" figures export --format csv -o figures.csv
head -1 figures.csv > head.txt
contains head.txt "id,reference,document,category,category_label,value,unit,as_of,as_of_basis,source,source_label,source_words,passage,status,decided_by,decided_at"
contains figures.csv "\"'=SUM(A1) 12 people were detained"
contains figures.csv ",detained,detained,12,people,2024-03-03,stated,government,the Government,Ministry of Internal Affairs,"
python3 -c "import csv,sys; rows=list(csv.DictReader(open('figures.csv', newline=''))); assert len(rows)==$(rows "$DB" 'select count(*) from figure_records'), len(rows); assert all(r['passage'] for r in rows)"
expect_exit 0 "$R" figures export --format json --status confirmed
same "$(json out.txt 'len(r)')" 3
same "$(json out.txt 'sorted(x["category"] for x in r)')" '["compensation-amount", "criminal-cases", "criminal-cases"]'
expect_exit 2 "$R" figures export --format xml

# the public export: confirmed figures of published letters, no officer's names or notes
RAPPORTEUR_TODAY=2024-06-01 expect_exit 0 "$R" figures export --format json --public
same "$(json out.txt 'len(r)')" 0 "before publication"
RAPPORTEUR_TODAY=2024-08-01 expect_exit 0 "$R" figures export --format json --public
same "$(json out.txt 'len(r)')" 3
lacks out.txt officer1
lacks out.txt officer2
lacks out.txt decided_by
lacks out.txt "paid by the State Fund"
lacks out.txt '"proposed"'
RAPPORTEUR_TODAY=2024-08-01 expect_exit 0 "$R" figures export --format csv --public
lacks out.txt decided_by
lacks out.txt officer2

# the vocabulary
expect_exit 0 "$R" figures categories
contains out.txt "funnel: complaints -> criminal-cases -> officers-accused -> cases-tried"
contains out.txt "officers-accused = convicted + acquitted + accused-at-trial"
expect_exit 0 "$R" figures categories --json
same "$(json out.txt 'r["funnel"][0]')" complaints
