# PDF out and back: every letter typeset with `pdf` reads back with the
# record its Markdown gives (score 1.000), with the reference heading every
# page and its number at the foot; a damaged PDF is refused by name; ingest
# takes PDFs from a folder.
. "$PROJECT/tests/cli/lib.sh"

mkdir pdfs
for f in "$LETTERS"/*.md "$SHARED"/corpus/*.md; do
	case "$f" in */README.md) continue ;; esac
	b=$(basename "$f" .md)
	expect_exit 0 "$R" pdf "$f" -o "pdfs/$b.pdf"
	cp "${f%.md}.expected.json" pdfs/
done
"$SHARED/tools/score-extraction" --cmd "$R parse --json" --min 1.0 pdfs > score.txt 2>&1 ||
	{ cat score.txt >&2; fail "the letters read back from PDF score below 1.000"; }
contains score.txt "score: 1.000"

# the record is the Markdown's, field for field, but for the file name
strip() { python3 -c "import json,sys; r=json.load(sys.stdin); r.pop('source'); print(json.dumps(r, sort_keys=True, indent=1))"; }
"$R" parse --json "$SEED" | strip > md.json
"$R" parse --json pdfs/AL-KAZ-2-2024.pdf | strip > pdf.json
diff md.json pdf.json || fail "the seed read back from PDF gives another record"

# every page: the reference as its first line, "Page N of M" at its foot
for pdf in pdfs/*.pdf; do
	b=$(basename "$pdf" .pdf)
	"$R" parse --json "$pdf" > rec.json
	ref=$(json rec.json "r['reference']")
	rm -rf pages
	mkdir pages
	mutool draw -q -F txt -o "pages/%d.txt" "$pdf" 2> /dev/null
	n=$(ls pages | wc -l)
	[ "$n" -ge 2 ] || fail "$b: $n page(s)"
	i=1
	while [ "$i" -le "$n" ]; do
		tr -d '\f' < "pages/$i.txt" | grep . > lines.txt || true
		same "$(head -1 lines.txt)" "$ref" "$b page $i header"
		same "$(tail -1 lines.txt)" "Page $i of $n" "$b page $i footer"
		i=$((i + 1))
	done
done

# the output name defaults to the letter's, with .pdf
cp "$LETTERS/AL-AUS-1-2024.md" aus.md
expect_exit 0 "$R" pdf aus.md
[ -s aus.pdf ] || fail "pdf aus.md wrote no aus.pdf"
expect_exit 1 "$R" pdf aus.pdf
contains err.txt "aus.pdf: is a PDF already"
expect_exit 2 "$R" pdf
expect_exit 1 "$R" pdf missing.md
contains err.txt "missing.md: cannot open"

# a PDF cut short: a clear message naming it, exit 1, for parse and ingest
head -c 20000 pdfs/AL-KAZ-2-2024.pdf > cut.pdf
expect_exit 1 "$R" parse cut.pdf
contains err.txt "cut.pdf: the PDF is damaged"
# not a PDF at all behind the signature
printf '%%PDF-1.5\nnothing else\n' > fake.pdf
expect_exit 1 "$R" parse fake.pdf
contains err.txt "fake.pdf: "
lacks err.txt "warning"
# encrypted with a password
mutool clean -E aes-256 -U secret -O secret pdfs/AL-AUS-1-2024.pdf locked.pdf
expect_exit 1 "$R" parse locked.pdf
contains err.txt "locked.pdf: the PDF is encrypted"

# ingest: a folder of PDFs goes in, one communication each
expect_exit 0 "$R" init --db "$DB"
expect_exit 0 "$R" ingest --db "$DB" --quiet pdfs
count=$(ls pdfs/*.pdf | wc -l)
contains out.txt "$count files: $count added"
same "$(rows "$DB" 'select count(*) from communications')" "$count" "communications from PDFs"
same "$(rows "$DB" "select count(*) from questions q join communications c on c.id = q.communication_id where c.reference = 'AL KAZ 2/2024'")" \
	"$(json md.json 'len(r["questions"])')" "questions of the seed from its PDF"
mkdir mixed
cp pdfs/UA-IRN-14-2022.pdf cut.pdf mixed/
expect_exit 1 "$R" ingest --db "$DB" --quiet mixed
contains err.txt "mixed/cut.pdf: the PDF is damaged"
contains out.txt "2 files: 0 added, 0 updated, 1 unchanged, 1 failed"
