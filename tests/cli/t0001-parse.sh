# parse: the seed letter's record, JSON and summary; usage errors.
. "$PROJECT/tests/cli/lib.sh"

expect_exit 0 "$R" parse --json "$SEED"
cp out.txt rec.json
same "$(json rec.json 'r["reference"]')" "AL KAZ 2/2024" reference
same "$(json rec.json 'r["date"]')" "2024-05-09" date
same "$(json rec.json 'r["reply_due"]')" "2024-07-08" reply_due
same "$(json rec.json 'len(r["questions"])')" "10" questions
same "$(json rec.json '[q["n"] for q in r["questions"]]')" "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]" numbering
# question 7 follows the footnote and page rule: its whole text is there
json rec.json 'r["questions"][6]["text"]' > q7.txt
contains q7.txt "rehabilitation and remedy"
contains q7.txt "article 2(3) of the ICCPR."
same "$(json rec.json '[m["resolution"] for m in r["mandates"]]')" '["52/7", "51/8", "54/14", "53/4", "52/9", "50/17", "52/4", "53/12", "49/10"]' resolutions
same "$(json rec.json '[m["slug"] for m in r["mandates"]][:3]')" '["torture", "arbitrary-detention", "disappearances"]' slugs
same "$(json rec.json 'r["warnings"]')" "[]" warnings
# 10'000 is ten thousand, with its context
json rec.json '[f for f in r["figures"] if f["value"] == 10000]' > f.json
contains f.json '"unit": "people"'
contains f.json "10'000 people were detained"
same "$(json rec.json 'sorted({(f["value"], f["unit"]) for f in r["figures"] if f["value"] in (236, 329)})')" '[[236, "cases"], [329, "cases"]]' "236 out of 329 cases"
same "$(json rec.json 'sorted(r["links"])[0][:40]')" "https://normlex.ilo.org/dyn/normlex/en/f" links
same "$(json rec.json 'len(r["links"])')" 4 "distinct links"
same "$(json rec.json '[[s["name"], s["title"]] for s in r["signatories"]][1]')" '["Ganna Yudkivska", "Vice-Chair on communications of the Working Group on Arbitrary Detention"]' signatory

# the readable summary
expect_exit 0 "$R" parse "$SEED"
contains out.txt "AL KAZ 2/2024"
contains out.txt "due 2024-07-08"
contains out.txt "Ben Saul"

# usage errors exit 2 and say what is wrong
expect_exit 2 "$R" parse
contains err.txt "give a FILE"
expect_exit 2 "$R" parse --jsn "$SEED"
contains err.txt "unknown option --jsn"
expect_exit 2 "$R" nosuchcommand
contains err.txt "not a command"
# a missing file is a failed run (1) naming the file
expect_exit 1 "$R" parse "$TMP/missing.md"
contains err.txt "missing.md"
