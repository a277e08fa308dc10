# The joint communications report of a session (A. sent in the window with
# their replies; B. replies in the window to earlier letters; by addressee,
# then date; WGAD regular-procedure and WGEID case items left out; nothing
# confidential) and the reply statistics.
. "$PROJECT/tests/cli/lib.sh"
export RAPPORTEUR_DB="$DB"
expect_exit 0 "$R" init
expect_exit 0 "$R" ingest "$SEED" "$LETTERS/AL-BGD-5-2023.md" "$LETTERS/OL-KGZ-2-2024.md" "$LETTERS/AL-AUS-1-2024.md"
send() { # file date mandate
	expect_exit 0 "$R" draft new --file "$1"
	d=$(draft_id)
	expect_exit 0 "$R" approve "$d" --mandate "$3"
	expect_exit 0 "$R" send "$d" --date "$2"
}
cat > tur.json <<'J'
{"type": "UA", "addressee": "TUR", "mandates": ["expression"], "facts": "A journalist was detained in Ankara.",
 "internal_notes": "CONFIDENTIAL-NOTE-5521", "questions": [{"text": "Please indicate the charges."}]}
J
cat > arm.json <<'J'
{"type": "AL", "addressee": "ARM", "mandates": ["arbitrary-detention"], "facts": "A man is held without charge.",
 "questions": [{"text": "Please indicate the legal basis of his detention."}]}
J
send tur.json 2024-04-02 expression        # UA TUR 1/2024, in session 57's window (1 March - 31 May 2024)
send tur.json 2024-03-05 expression        # UA TUR 2/2024
send arm.json 2024-04-10 arbitrary-detention   # AL ARM 1/2024: to be a WGAD regular-procedure item
send tur.json 2024-06-15 expression        # UA TUR 3/2024: after the window
printf 'The Government replies that the journalist was charged under article 314 of the Criminal Code.\n' > r.md
expect_exit 0 "$R" reply add "UA TUR 1/2024" --received 2024-05-02 --file r.md --today 2024-06-01
# a reply in the window to a letter sent before it: part B
expect_exit 0 "$R" reply add "AL BGD 5/2023" --received 2024-06-12 --file r.md --today 2024-07-01
sql_write "$DB" "update communications set procedure = 'wgad-regular' where reference = 'AL ARM 1/2024'"

expect_exit 0 "$R" report session 57
cp out.txt report.md
contains report.md "Human Rights Council, session 57 (9 September 2024 to 11 October 2024)"
contains report.md "## A. Communications sent from 1 March 2024 to 31 May 2024"
contains report.md "| 9 May 2024 | AL KAZ 2/2024 |"
contains report.md "| 18 March 2024 | OL KGZ 2/2024 |"
contains report.md "| 2 April 2024 | UA TUR 1/2024 | expression | 2 May 2024 (substantive) |"
contains report.md "| 5 March 2024 | UA TUR 2/2024 | expression | No reply |"
lacks report.md "AL ARM 1/2024"
lacks report.md "UA TUR 3/2024"
lacks report.md "AL AUS 1/2024"          # sent 15 February 2024: session 56
lacks report.md "CONFIDENTIAL-NOTE-5521"
# by addressee (Kazakhstan, Kyrgyzstan, Türkiye), then date
order=$(grep -n '^### ' report.md | cut -d: -f2 | tr '\n' '|')
same "$order" "### Kazakhstan|### Kyrgyzstan|### Türkiye|### Bangladesh|" "addressees in order (A, then B)"
[ "$(grep -n 'UA TUR 2/2024' report.md | cut -d: -f1)" -lt "$(grep -n 'UA TUR 1/2024' report.md | cut -d: -f1)" ] || fail "by date within an addressee"
sed -n '/^## B/,$p' report.md > partb.md
contains partb.md "| 21 November 2023 | AL BGD 5/2023 |"
contains partb.md "12 June 2024 (substantive, late)"
contains report.md "4 communications sent in the period; 1 earlier communications with replies in the period."
expect_exit 0 "$R" report session 57 --format html -o report.html
contains report.html "<table>"
contains report.html "<h2>A. Communications sent"
contains report.html "<td>UA TUR 1/2024</td>"
expect_exit 1 "$R" report session 12
contains err.txt "session 12"
expect_exit 2 "$R" report session x

# statistics: share replied, share within the deadline, median days
expect_exit 0 "$R" stats replies --by state --json
cp out.txt s.json
same "$(json s.json '[x for x in r if x["key"] == "TUR"][0]["communications"]')" 3
same "$(json s.json '[x for x in r if x["key"] == "TUR"][0]["replied"]')" 1
same "$(json s.json '[x for x in r if x["key"] == "TUR"][0]["replied_in_deadline"]')" 1
same "$(json s.json '[x for x in r if x["key"] == "TUR"][0]["median_days_to_reply"]')" 30.0
same "$(json s.json '[x for x in r if x["key"] == "BGD"][0]["replied_in_deadline"]')" 0
same "$(json s.json '[x for x in r if x["key"] == "BGD"][0]["median_days_to_reply"]')" 204.0
expect_exit 0 "$R" stats replies --by type --json
same "$(json out.txt '{x["key"]: x["communications"] for x in r}')" '{"AL": 4, "OL": 1, "UA": 3}'
expect_exit 0 "$R" stats replies --by year --json
same "$(json out.txt '{x["key"]: x["replied"] for x in r}')" '{"2023": 1, "2024": 1}'
expect_exit 0 "$R" stats replies --by mandate
contains out.txt "expression"
expect_exit 0 "$R" stats replies --by all
contains out.txt "all"
expect_exit 2 "$R" stats replies --by colour
