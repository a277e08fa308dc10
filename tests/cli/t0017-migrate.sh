# rapporteur migrate: a SQLite store moved whole into an empty one (on
# PostgreSQL when the suite runs there, else another SQLite file) and back
# into a new file; every table compared row by row with the original after
# each move, the audit log's chain verified, the full text searched alike,
# the confidential fields opened with the same key; a target that holds a
# store is refused.
. "$PROJECT/tests/cli/lib.sh"
export RAPPORTEUR_USER=officer1 RAPPORTEUR_TODAY=2024-05-01 RAPPORTEUR_KEY_FILE="$TMP/store.key"
src="$TMP/src.db"
export RAPPORTEUR_DB="$src"

# the source: letters, the Almaty case (sealed fields, victims in order),
# a letter drafted, approved, sent and answered, users, figures and a situation
. "$PROJECT/tests/cases/build-case.sh"
expect_exit 0 "$R" ingest "$LETTERS" "$SEED"
expect_exit 0 "$R" draft new --file "$PROJECT/tests/drafts/kaz-2024.json"
d=$(draft_id)
for m in $("$R" draft show "$d" --json | python3 -c "import json,sys; print(' '.join(json.load(sys.stdin)['mandates']))"); do
	expect_exit 0 "$R" approve "$d" --mandate "$m"
done
expect_exit 0 "$R" send "$d" --date 2024-05-09
ref=$(sed -n 's/.*sent \([A-Z]* [A-Z]* [0-9]*\/[0-9]*\).*/\1/p' out.txt)
printf 'The Government replies to the allegations.\n\n1. An investigation was opened.\n' > reply.md
expect_exit 0 "$R" reply add "$ref" --received 2024-06-01 --file reply.md --today 2024-06-02
RAPPORTEUR_PASSWORD="a long password" expect_exit 0 "$R" user add olga --role officer
RAPPORTEUR_PASSWORD="a long password" expect_exit 0 "$R" user add Tomas --role holder --mandate torture
expect_exit 0 "$R" situation new kaz-2022-01 --title "Kazakhstan, January 2022" --country KAZ
expect_exit 0 "$R" situation link kaz-2022-01 "AL KAZ 2/2024"
expect_exit 0 "$R" figures confirm --all --situation kaz-2022-01

# tables_of DB: the store's tables (SQLite's catalogue)
tables=$(rows "$src" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'communications_fts%' AND name <> 'schema_migrations' ORDER BY name")
[ "$(echo "$tables" | wc -l)" -ge 40 ] || fail "only $(echo "$tables" | wc -l) tables"
# same_tables A B: every table of the source holds the same rows in A and B
same_tables() {
	for t in $tables; do
		cols=$(rows "$src" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$t')")
		n=$(rows "$src" "SELECT count(*) FROM pragma_table_info('$t')")
		order=$(seq "$n" | sed 's/$/ NULLS FIRST/' | paste -sd, -) # SQLite's order of NULLs
		rows "$1" "SELECT $cols FROM \"$t\" ORDER BY $order" > a.txt
		rows "$2" "SELECT $cols FROM \"$t\" ORDER BY $order" > b.txt
		cmp -s a.txt b.txt || { diff a.txt b.txt | head -10 >&2; fail "table $t differs between $1 and $2"; }
		[ -s a.txt ] && nonempty=$((nonempty + 1))
	done
	# the tables read in insertion order keep it
	for t in question_catalogue case_victims; do
		cols=$(rows "$src" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$t')")
		rows "$1" "SELECT $cols FROM \"$t\" ORDER BY rowid" > a.txt
		rows "$2" "SELECT $cols FROM \"$t\" ORDER BY rowid" > b.txt
		cmp -s a.txt b.txt || fail "$t is not in the same order in $2"
	done
}

moved=$(newdb moved)
expect_exit 0 "$R" migrate --to "$moved"
contains out.txt "rows copied from $src to $moved"
nonempty=0
same_tables "$src" "$moved"
[ "$nonempty" -ge 30 ] || fail "only $nonempty tables held rows"

# the audit log moved whole and its chain still verifies there, rows and all
expect_exit 0 "$R" audit verify --db "$src"
expect_exit 0 "$R" audit verify --db "$moved"

# the moved store works: searches find the same letters, the key opens it, it takes new work
for q in 'Taldykorgan' '"enforced disappearance"' 'tortur* NOT Kazakhstan' 'detentions'; do
	"$R" search --db "$src" "$q" --order newest --limit 100 > a.txt
	"$R" search --db "$moved" "$q" --order newest --limit 100 > b.txt
	cmp -s a.txt b.txt || fail "search $q differs after the move"
done
expect_exit 0 "$R" intake show 1 --db "$moved"
contains out.txt "Steppe Legal Monitor"
expect_exit 0 "$R" user list --db "$moved"
contains out.txt "Tomas"
RAPPORTEUR_PASSWORD="a long password" expect_exit 1 "$R" user add tomas --role officer --db "$moved"
contains err.txt "exists already"

# and back, into a new file
back="$TMP/back.db"
expect_exit 0 "$R" migrate --db "$moved" --to "$back"
same_tables "$src" "$back"
for q in 'Taldykorgan' 'tortur* NOT Kazakhstan'; do
	"$R" search --db "$src" "$q" --limit 100 > a.txt
	"$R" search --db "$back" "$q" --limit 100 > b.txt
	cmp -s a.txt b.txt || fail "search $q differs after the move back"
done
expect_exit 0 "$R" audit verify --db "$back"
expect_exit 0 "$R" draft new --db "$back" --file "$PROJECT/tests/drafts/kaz-2024.json"
contains out.txt "draft $((d + 1)) created"

# refusals: a target that holds a store, a source that is not one
expect_exit 1 "$R" migrate --to "$back"
contains err.txt "already holds a Rapporteur database"
expect_exit 2 "$R" migrate
contains err.txt "--to"
