# Drafting and rendering: a draft from JSON and from flags, validation that
# names the field, the whole letter rendered for its date (resolutions in
# force, ratification dates, notices only when their mandates join,
# signatures of the holders then in office, annex), treaties the State is
# not party to recalled and not applied, French, companies, HTML escaping,
# and the round trip: the rendered letter parses back to what was drafted.
. "$PROJECT/tests/cli/lib.sh"
D="$PROJECT/tests/drafts"
export RAPPORTEUR_DB="$DB"
expect_exit 0 "$R" init

expect_exit 0 "$R" draft new --file "$D/kaz-2024.json" --as officer1
contains out.txt "draft 1 created"
expect_exit 0 "$R" draft show 1 --json
same "$(json out.txt 'r["status"]')" draft
same "$(json out.txt 'len(r["mandates"])')" 9
same "$(json out.txt 'r["questions"][0]["catalogue"]')" general-additional-information
expect_exit 0 "$R" draft list
contains out.txt "0/9"

# the rendered letter
expect_exit 0 "$R" render 1
cp out.txt kaz.md
contains kaz.md "pursuant to Human Rights Council resolutions 52/7, 51/8, 54/14, 53/4, 52/9, 50/17, 52/4, 53/12 and 49/10"
contains kaz.md "ratified by Kazakhstan on 24 January 2006"
contains kaz.md "acceded to by Kazakhstan on 26 August 1998"
contains kaz.md "acceded to by Kazakhstan on 27 February 2009"
contains kaz.md "Working Group on Arbitrary Detention may take up the case under its regular procedure"
contains kaz.md "humanitarian procedure"
contains kaz.md "Alice Jill Edwards"
contains kaz.md "Reference to international human rights law"
contains kaz.md "Article 12 of the CAT"
contains kaz.md "1. Please provide any additional information"
contains kaz.md "(given when the letter is sent)"
contains err.txt "AL KAZ 1/2022 is not held here"
lacks kaz.md "SOURCE-CONFIDENTIAL-7731"
lacks kaz.md "dated -"

# the round trip through our own parser
expect_exit 0 "$R" parse --json kaz.md
cp out.txt kaz.json
same "$(json kaz.json '[m["resolution"] for m in r["mandates"]]')" '["52/7", "51/8", "54/14", "53/4", "52/9", "50/17", "52/4", "53/12", "49/10"]'
same "$(json kaz.json '[(x["instrument"], x["date"]) for x in r["ratifications"]]')" '[["ICCPR", "2006-01-24"], ["CAT", "1998-08-26"], ["ICPPED", "2009-02-27"]]'
same "$(json kaz.json 'r["date"]')" 2024-05-09
# a draft has no reference yet: the parser says so, and nothing else
same "$(json kaz.json 'r["reference"]')" None
same "$(json kaz.json 'len(r["questions"])')" 3
same "$(json kaz.json 'r["reply_deadline_days"]')" 60
same "$(json kaz.json 'r["reply_due"]')" 2024-07-08
same "$(json kaz.json 'sorted(set(v["instrument"] for v in r["alleged_violations"]))')" '["CAT", "ICCPR", "ICPPED"]'
same "$(json kaz.json 'len(r["alleged_violations"])')" 9
same "$(json kaz.json 'len(r["signatories"])')" 9
same "$(json kaz.json 'r["signatories"][1]["name"]')" "Ganna Yudkivska"
same "$(json kaz.json 'r["related_references"]')" '["KAZ 1/2022"]'
same "$(json kaz.json 'len(r["warnings"])')" 1
contains kaz.json "no reference found"

# notices only when their mandates join; a single mandate writes "I"
expect_exit 0 "$R" draft new --file "$D/usa-2019.json"
contains out.txt "draft 2 created"
expect_exit 0 "$R" render 2
cp out.txt usa.md
contains usa.md "I have the honour"
contains usa.md "pursuant to Human Rights Council resolution 34/19"
contains usa.md "Nils Melzer"
lacks usa.md "regular procedure"
lacks usa.md "humanitarian procedure"
# not party to the ICPPED: recalled, never presented as binding
contains usa.md "is not a party to the International Convention for the Protection of All Persons from Enforced Disappearance"
expect_exit 0 "$R" parse --json usa.md
same "$(json out.txt 'sorted(set(v["instrument"] for v in r["alleged_violations"]))')" '["CAT"]'

# a treaty ratified after the letter's date is not binding on that date
cat > early.json <<'J'
{"type": "AL", "addressee": "KAZ", "date": "2005-03-01", "mandates": ["torture"],
 "facts": "Two men were beaten in a police station in 2005.", "concerns": "at the beatings.",
 "provisions": [{"instrument": "ICCPR", "articles": ["7"], "violation": true},
                {"instrument": "CAT", "articles": ["1"], "violation": true}],
 "questions": [{"text": "Please say what was done about the beatings."}]}
J
expect_exit 0 "$R" draft new --file early.json
expect_exit 0 "$R" render 3
contains out.txt "is not a party to the International Covenant on Civil and Political Rights"
contains out.txt "acceded to by Kazakhstan on 26 August 1998"

# French, and a company
expect_exit 0 "$R" draft new --file "$D/fra-fr.json"
expect_exit 0 "$R" render 4
cp out.txt fra.md
contains fra.md "conformément aux résolutions"
contains fra.md "Excellence,"
expect_exit 0 "$R" parse --json fra.md
same "$(json out.txt 'r["language"]')" fr
same "$(json out.txt '[m["resolution"] for m in r["mandates"]]')" '["50/17", "52/9"]'
same "$(json out.txt 'len(r["questions"])')" 2
expect_exit 0 "$R" draft new --file "$D/company.json"
expect_exit 0 "$R" render 5
contains out.txt "Dear Sir or Madam,"
lacks out.txt "Excellency"

# from flags, and edits
printf 'Police detained a journalist in Dhaka on 2 March 2024.\n' > facts.md
expect_exit 0 "$R" draft new --type UA --addressee BGD --date 2024-03-05 --lead expression \
	--join arbitrary-detention --facts facts.md --provision ICCPR:9,19 --question general-additional-information \
	--question "Please indicate where the journalist is held." --subject "Journalist detained"
contains out.txt "draft 6 created"
expect_exit 0 "$R" draft show 6 --json
same "$(json out.txt 'r["mandates"]')" '["expression", "arbitrary-detention"]'
same "$(json out.txt 'r["provisions"][0]["articles"]')" '["9", "19"]'
same "$(json out.txt 'r["questions"][1]["text"]')" "Please indicate where the journalist is held."
expect_exit 0 "$R" draft edit 6 --subject "Journalist detained in Dhaka" --join torture
expect_exit 0 "$R" draft show 6 --json
same "$(json out.txt 'r["subject"]')" "Journalist detained in Dhaka"
same "$(json out.txt 'r["mandates"]')" '["expression", "torture"]'

# bad drafts: a clear message naming the field, nothing stored
n=$(rows "$DB" "select count(*) from communications")
printf '{"type": "XX"}' > bad.json
expect_exit 1 "$R" draft new --file bad.json
contains err.txt "type"
printf '{"mandates": ["torture", "no-such-mandate"]}' > bad.json
expect_exit 1 "$R" draft new --file bad.json
contains err.txt "mandates[1]"
printf '{"colour": "red"}' > bad.json
expect_exit 1 "$R" draft new --file bad.json
contains err.txt "colour: not a field of a draft"
printf '{"date": "9 May 2024"}' > bad.json
expect_exit 1 "$R" draft new --file bad.json
contains err.txt "date"
printf '{"provisions": [{"instrument": "NOPE", "articles": ["1"]}]}' > bad.json
expect_exit 1 "$R" draft new --file bad.json
contains err.txt "provisions[0]"
printf '{"type": "AL",' > bad.json
expect_exit 1 "$R" draft new --file bad.json
contains err.txt "bad.json"
expect_exit 2 "$R" draft new --provision CAT
contains err.txt "INSTRUMENT:ARTICLE"
same "$(rows "$DB" "select count(*) from communications")" "$n" "no draft stored from bad input"

# HTML: a page that escapes what officers typed
cat > script.json <<'J'
{"type": "AL", "addressee": "KAZ", "date": "2024-05-09", "mandates": ["torture"],
 "facts": "A note <script>alert('x')</script> and <img src=x onerror=alert(1)> in the facts.",
 "questions": [{"text": "Please reply."}]}
J
expect_exit 0 "$R" draft new --file script.json
id=$(sed -n 's/draft \([0-9]*\) created/\1/p' out.txt)
expect_exit 0 "$R" render "$id" --format html
contains out.txt "<!DOCTYPE html>"
contains out.txt "Content-Security-Policy"
lacks out.txt "<script>"
lacks out.txt "<img"
expect_exit 2 "$R" render 1 --format docx
expect_exit 1 "$R" render 999
