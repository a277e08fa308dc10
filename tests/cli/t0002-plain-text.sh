# The same letter given as plain text gives the same record.
. "$PROJECT/tests/cli/lib.sh"
strip() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); r.pop('source'); print(json.dumps(r, sort_keys=True, indent=1))" "$1"; }
# content fields: everything but free-text contexts, which carry the
# addresses a text export writes next to link texts
content() { python3 -c "
import json,sys; r=json.load(open(sys.argv[1])); r.pop('source')
for c in r['citations']: c.pop('context')
for f in r['figures']: f.pop('context')
print(json.dumps(r, sort_keys=True, indent=1))" "$1"; }

python3 "$PROJECT/tests/tools/md2txt" "$SEED" > seed.txt
lacks seed.txt "<sup>"
lacks seed.txt "**"
"$R" parse --json "$SEED" > md.json
"$R" parse --json seed.txt > txt.json
strip md.json > a.json
strip txt.json > b.json
diff a.json b.json || fail "the seed as text gives another record"

for f in "$LETTERS"/*.md; do
	case "$f" in */README.md) continue ;; esac
	b=$(basename "$f" .md)
	python3 "$PROJECT/tests/tools/md2txt" "$f" > "$b.txt"
	"$R" parse --json "$f" > "$b.md.json"
	"$R" parse --json "$b.txt" > "$b.txt.json"
	content "$b.md.json" > a.json
	content "$b.txt.json" > b.json
	diff a.json b.json || fail "$b as text gives another record"
done
