# Replies and the clock: several replies per letter, a late one attached and
# shown as late, kinds, per-question suggestions with their evidence and the
# officer's reading; refusals (unsent letter, before sending, in the
# future, the same file twice); time moves letters to overdue, published
# and reported; overdue and due lists; the follow-up chain both ways.
. "$PROJECT/tests/cli/lib.sh"
D="$PROJECT/tests/drafts"
export RAPPORTEUR_DB="$DB"
expect_exit 0 "$R" init
# an earlier letter, and its reply
cat > early.json <<'J'
{"type": "AL", "addressee": "KAZ", "mandates": ["torture", "arbitrary-detention"],
 "facts": "In January 2022 people detained after the protests in Almaty were beaten in custody.",
 "questions": [{"text": "Please provide information on the investigations into the beatings in custody."},
               {"text": "Please indicate the number of persons detained after the protests and where they were held."}]}
J
expect_exit 0 "$R" draft new --file early.json
early=$(draft_id)
expect_exit 0 "$R" approve $early --mandate torture
expect_exit 0 "$R" approve $early --mandate arbitrary-detention
expect_exit 0 "$R" send $early --date 2022-02-03
contains out.txt "sent AL KAZ 1/2022"
cat > r2022.md <<'M'
The Permanent Mission of Kazakhstan presents its compliments and replies to communication AL KAZ 1/2022.

1. Investigations into the alleged beatings in custody were opened by the prosecutor's office; forensic examinations were ordered and eleven officers were questioned.

2. In total 9,900 persons were detained after the protests, in temporary holding facilities of the police in Almaty and other cities.
M
expect_exit 0 "$R" reply add "AL KAZ 1/2022" --received 2022-03-18 --file r2022.md --today 2022-03-20 --as officer2
contains out.txt "reply 1 to AL KAZ 1/2022 filed: received 2022-03-18, substantive"
lacks out.txt "late"
contains out.txt "question 1   suggested answered"
contains out.txt "question 2   suggested answered"
same "$(rows "$DB" "select status from communications where reference = 'AL KAZ 1/2022'")" replied

# the follow-up: the renderer names the earlier letter and its reply
expect_exit 0 "$R" draft new --file "$D/kaz-2024.json"
kaz=$(draft_id)
for m in torture arbitrary-detention disappearances executions expression assembly-association defenders judges-lawyers counter-terrorism; do
	expect_exit 0 "$R" approve $kaz --mandate $m
done
expect_exit 0 "$R" send $kaz --date 2024-05-09
contains out.txt "sent AL KAZ 1/2024"
expect_exit 0 "$R" render "AL KAZ 1/2024"
contains out.txt "We refer to our earlier communication AL KAZ 1/2022 dated 3 February 2022, to which your Excellency's Government replied on 18 March 2022."
expect_exit 0 "$R" show "AL KAZ 1/2024"
contains out.txt "AL KAZ 1/2022 (2022-02-03) -> reply 2022-03-18 -> this letter"
expect_exit 0 "$R" show "AL KAZ 1/2022"
contains out.txt "this letter -> reply 2022-03-18 -> AL KAZ 1/2024 (2024-05-09)"

# refusals
expect_exit 1 "$R" reply add "AL KAZ 1/2024" --received 2024-05-01 --file r2022.md --today 2024-06-01
contains err.txt "before the letter was sent"
expect_exit 1 "$R" reply add "AL KAZ 1/2024" --received 2024-06-10 --file r2022.md --today 2024-06-01
contains err.txt "after today"
expect_exit 2 "$R" reply add "AL KAZ 1/2024" --received 10/06/2024 --file r2022.md
expect_exit 1 "$R" reply add "AL KAZ 1/2024" --received 2024-05-20 --file missing.md --today 2024-06-01
contains err.txt "missing.md"
printf '\000\001binary' > bin.md
expect_exit 1 "$R" reply add "AL KAZ 1/2024" --received 2024-05-20 --file bin.md --today 2024-06-01
contains err.txt "bin.md"
expect_exit 0 "$R" draft new --file early.json
expect_exit 1 "$R" reply add "$(draft_id)" --received 2024-05-20 --file r2022.md --today 2024-06-01
contains err.txt "has not been sent"
expect_exit 1 "$R" reply add "AL KAZ 1/2022" --received 2022-03-18 --file r2022.md --today 2022-03-20
contains err.txt "already filed as reply 1"
same "$(rows "$DB" "select count(*) from replies")" 1 "nothing filed by the refusals"

# the clock: due soon, then overdue, published, reported
expect_exit 0 "$R" due --within 14d --today 2024-06-30
contains out.txt "AL KAZ 1/2024"
contains out.txt "1 communication due within 14 days"
expect_exit 0 "$R" due --within 2w --today 2024-05-10
contains out.txt "0 communications due"
expect_exit 0 "$R" overdue --today 2024-07-08
contains out.txt "0 communications overdue"
expect_exit 0 "$R" overdue --today 2024-07-09
contains out.txt "AL KAZ 1/2024"
contains out.txt "1 communication overdue"
expect_exit 0 "$R" advance --today 2024-07-07
lacks out.txt "AL KAZ 1/2024"
expect_exit 0 "$R" advance --today 2024-07-08 --as clock
contains out.txt "AL KAZ 1/2024                sent      -> overdue   2024-07-08"
contains out.txt "AL KAZ 1/2024                overdue   -> published 2024-07-08"
same "$(rows "$DB" "select status from communications where reference = 'AL KAZ 1/2024'")" published
expect_exit 0 "$R" advance --today 2024-07-08
contains out.txt "0 changes"
expect_exit 0 "$R" advance --today 2024-09-09
contains out.txt "AL KAZ 1/2024                published -> reported  2024-09-09"

# a late reply: attached, shown as late, the letter stays reported
cat > r2024.md <<'M'
The Government acknowledges receipt of communication AL KAZ 1/2024. The communication has been transmitted to the competent authorities and a reply will be provided in due course.
M
expect_exit 0 "$R" reply add "AL KAZ 1/2024" --received 2024-09-20 --file r2024.md --today 2024-10-01
contains out.txt "acknowledgement, late"
contains out.txt "question 2   suggested not-answered"
same "$(rows "$DB" "select status from communications where reference = 'AL KAZ 1/2024'")" reported
cat > r2024b.md <<'M'
The Government categorically rejects the allegations, which are unfounded and politically motivated.

Regarding question 2: the investigation of the January 2022 events was conducted by the Prosecutor General's Office, which examined every complaint of torture and referred cases to the courts where evidence was found.
M
expect_exit 0 "$R" reply add "AL KAZ 1/2024" --received 2024-10-02 --file r2024b.md --today 2024-10-03 --language ru
contains out.txt "rejection, late"
contains out.txt "question 2   suggested answered      numbered answer"
expect_exit 0 "$R" reply add "AL KAZ 1/2024" --received 2024-10-03 --file r2022.md --today 2024-10-03 --kind substantive
contains out.txt "substantive, late"
expect_exit 0 "$R" reply list "AL KAZ 1/2024"
contains out.txt "received 2024-09-20, acknowledgement, late"
contains out.txt "received 2024-10-02, rejection, late, language ru"
# the officer's reading replaces the suggestion
expect_exit 0 "$R" reply mark 3 --question 2 --reading partly --as officer2
expect_exit 0 "$R" reply mark 3 --kind substantive
expect_exit 0 "$R" reply list "AL KAZ 1/2024"
contains out.txt "question 2   partly        (read by an officer)"
same "$(rows "$DB" "select kind || ' ' || read_by from replies r join reply_answers a on a.reply_id = r.id where r.id = 3 and a.question_n = 2")" "substantive officer2"
expect_exit 1 "$R" reply mark 3 --question 9 --reading partly
contains err.txt "no question 9"
expect_exit 2 "$R" reply mark 3 --question 2 --reading maybe
expect_exit 1 "$R" reply mark 99 --kind rejection
contains err.txt "no reply 99"
expect_exit 0 "$R" show "AL KAZ 1/2024" --json
same "$(json out.txt '[(x["received"], x["kind"], x["late"]) for x in r["replies"]]')" \
	'[["2024-09-20", "acknowledgement", true], ["2024-10-02", "substantive", true], ["2024-10-03", "substantive", true]]'
