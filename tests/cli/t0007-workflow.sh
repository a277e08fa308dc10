# Approval, sending and numbering: every joining mandate approves before a
# letter can go; a wrong transition is refused with the reason; the
# reference is given at sending (next number for the addressee and year,
# across types, above the letters already held), never changes, and stays
# unique when sends race from parallel processes; the dates (due,
# publication, session) follow from the date sent; the sent letter reads
# back as drafted; every change is recorded with who and when.
. "$PROJECT/tests/cli/lib.sh"
D="$PROJECT/tests/drafts"
export RAPPORTEUR_DB="$DB"
expect_exit 0 "$R" init
expect_exit 0 "$R" ingest "$SEED"           # AL KAZ 2/2024 is held: the next KAZ number in 2024 is 3
# a letter read from a file gets its dates too: due 8 July 2024, public then, session 57
expect_exit 0 "$R" show "AL KAZ 2/2024" --json
same "$(json out.txt '[r["reply_due"], r["publication_date"], r["session"]]')" '["2024-07-08", "2024-07-08", 57]'
expect_exit 0 "$R" draft new --file "$D/kaz-2024.json" --as officer1
id=$(draft_id)

# not before every mandate has approved
expect_exit 1 "$R" send $id --date 2024-05-09
contains err.txt "awaiting approval from: torture, arbitrary-detention"
for m in torture arbitrary-detention disappearances executions expression assembly-association defenders judges-lawyers; do
	expect_exit 0 "$R" approve $id --mandate $m --as "holder-$m"
done
contains out.txt "1 mandate still to approve"
expect_exit 1 "$R" approve $id --mandate torture --as someone
contains err.txt "already approved"
expect_exit 1 "$R" approve $id --mandate health
contains err.txt "does not join"
expect_exit 1 "$R" send $id --date 2024-05-09
contains err.txt "awaiting approval from: counter-terrorism"
# an edit after approval withdraws the approvals
expect_exit 0 "$R" approve $id --mandate counter-terrorism --as holder-ct
contains out.txt "every mandate has approved"
expect_exit 0 "$R" draft edit $id --subject "January 2022: torture and unregistered detention" --as editor1
contains out.txt "must approve it again"
same "$(rows "$DB" "select status || ' ' || (select count(*) from approvals where communication_id = $id) from communications where id = $id")" "draft 0"
for m in torture arbitrary-detention disappearances executions expression assembly-association defenders judges-lawyers counter-terrorism; do
	expect_exit 0 "$R" approve $id --mandate $m --as "holder-$m"
done
same "$(rows "$DB" "select status from communications where id = $id")" approved

# sent: numbered, dated, read back
expect_exit 0 "$R" send $id --date 2024-05-09 --as officer1
contains out.txt "sent AL KAZ 3/2024"
contains out.txt "reply due 2024-07-08"
contains out.txt "HRC session 57"
expect_exit 0 "$R" show "AL KAZ 3/2024" --json
cp out.txt sent.json
same "$(json sent.json 'r["status"]')" sent
same "$(json sent.json 'r["reply_due"]')" 2024-07-08
same "$(json sent.json 'r["publication_date"]')" 2024-07-08
same "$(json sent.json 'r["session"]')" 57
same "$(json sent.json '[m["resolution"] for m in r["mandates"]]')" '["52/7", "51/8", "54/14", "53/4", "52/9", "50/17", "52/4", "53/12", "49/10"]'
same "$(json sent.json '[(x["instrument"], x["date"]) for x in r["ratifications"]]')" '[["ICCPR", "2006-01-24"], ["CAT", "1998-08-26"], ["ICPPED", "2009-02-27"]]'
same "$(json sent.json 'len(r["questions"])')" 3
same "$(json sent.json 'len(r["signatories"])')" 9
# the letter as sent, parsed from its Markdown: the same record
expect_exit 0 "$R" render "AL KAZ 3/2024"
cp out.txt sent.md
contains sent.md "Ref.: AL KAZ 3/2024"
lacks sent.md "SOURCE-CONFIDENTIAL-7731"
expect_exit 0 "$R" parse --json sent.md
same "$(json out.txt 'r["reference"]')" "AL KAZ 3/2024"
same "$(json out.txt 'r["country"]')" KAZ
same "$(json out.txt 'r["warnings"]')" '[]'
# and from the typeset PDF: the reference on every page, the same record
expect_exit 0 "$R" render "AL KAZ 3/2024" --format pdf -o sent.pdf
head -c 5 sent.pdf | grep -q '%PDF-' || fail "render --format pdf did not write a PDF"
expect_exit 0 "$R" parse --json sent.pdf
cp out.txt frompdf.json
expect_exit 0 "$R" parse --json sent.md
for field in reference date country type reply_deadline_days reply_due mandates questions alleged_violations ratifications signatories related_references warnings; do
	same "$(json frompdf.json "r['$field']")" "$(json out.txt "r['$field']")" "$field read from the PDF"
done
# the slug finds it too, and the internal notes stay internal
expect_exit 0 "$R" show AL-KAZ-3-2024
lacks out.txt "SOURCE-CONFIDENTIAL-7731"
expect_exit 0 "$R" search "Almaty"
contains out.txt "AL KAZ 3/2024"
expect_exit 0 "$R" search "SOURCE-CONFIDENTIAL-7731"
lacks out.txt "AL KAZ 3/2024"
expect_exit 0 "$R" export --format json
lacks out.txt "SOURCE-CONFIDENTIAL-7731"

# a sent letter never changes, and is not sent twice
expect_exit 1 "$R" draft edit $id --subject "changed"
contains err.txt "a sent letter never changes"
expect_exit 1 "$R" send $id
contains err.txt "only an approved draft can be sent"
expect_exit 1 "$R" approve $id --mandate torture
contains err.txt "only a draft can be approved"
expect_exit 0 "$R" render "AL KAZ 3/2024"
cmp -s out.txt sent.md || fail "the sent letter renders differently the second time"

# every transition, with who and when
same "$(rows "$DB" "select group_concat(e, ' ') from (select coalesce(from_status, '-') || '>' || to_status || ':' || actor as e from status_events where communication_id = $id order by id) s")" \
	"->draft:officer1 draft>approved:holder-ct approved>draft:editor1 draft>approved:holder-counter-terrorism approved>sent:officer1"
same "$(rows "$DB" "select effective from status_events where communication_id = $id and to_status = 'sent'")" 2024-05-09

# the next letter to the same addressee in the same year, of another type
cat > ua.json <<'J'
{"type": "UA", "addressee": "KAZ", "mandates": ["torture"], "facts": "A lawyer was detained on 1 June 2024.",
 "questions": [{"text": "Please indicate where the lawyer is held."}]}
J
expect_exit 0 "$R" draft new --file ua.json
ua=$(draft_id)
expect_exit 0 "$R" approve $ua --mandate torture
expect_exit 0 "$R" send $ua --date 2024-06-03
contains out.txt "sent UA KAZ 4/2024"
# a new year starts at 1
expect_exit 0 "$R" draft new --file ua.json
ua=$(draft_id)
expect_exit 0 "$R" approve $ua --mandate torture
expect_exit 0 "$R" send $ua --date 2025-01-06
contains out.txt "sent UA KAZ 1/2025"

# the deadline per type is a setting
expect_exit 0 "$R" settings reply_days.UA 30
expect_exit 0 "$R" draft new --file ua.json
ua=$(draft_id)
expect_exit 0 "$R" approve $ua --mandate torture
expect_exit 0 "$R" send $ua --date 2025-02-03
contains out.txt "sent UA KAZ 2/2025"
contains out.txt "reply due 2025-03-05"
expect_exit 0 "$R" render "UA KAZ 2/2025"
contains out.txt "within 30 days"
expect_exit 2 "$R" settings reply_days.XX 10
expect_exit 2 "$R" settings reply_days.AL -3

# racing sends: 8 processes at once get 8 distinct, consecutive numbers
cat > tur.json <<'J'
{"type": "AL", "addressee": "TUR", "mandates": ["expression"], "facts": "A journalist was detained in Ankara.",
 "questions": [{"text": "Please indicate the charges against the journalist."}]}
J
for k in 1 2 3 4 5 6 7 8; do
	expect_exit 0 "$R" draft new --file tur.json
	eval "tur$k=$(draft_id)"
	expect_exit 0 "$R" approve "$(draft_id)" --mandate expression
done
for k in 1 2 3 4 5 6 7 8; do
	eval "d=\$tur$k"
	("$R" send "$d" --date 2025-03-10 > "send$k.out" 2> "send$k.err"; echo $? > "send$k.rc") &
done
wait
for k in 1 2 3 4 5 6 7 8; do
	same "$(cat send$k.rc)" 0 "send $k exit status ($(cat send$k.err))"
done
same "$(cat send*.out | sed -n 's/^sent AL TUR \([0-9]*\)\/2025.*/\1/p' | sort -n | tr '\n' ' ')" "1 2 3 4 5 6 7 8 " "racing references"
same "$(rows "$DB" "select count(distinct reference) from communications where country = 'TUR' and year = 2025")" 8
same "$(rows "$DB" "select last from reference_counters where country = 'TUR' and year = 2025")" 8
