# Helpers for the command-line tests (sourced). Each test runs with set -e
# in its own temporary folder ($TMP); $R runs the binary.
set -eu
R="$RAPPORTEUR"
SEED="$SHARED/corpus/AL-KAZ-2-2024.md"
LETTERS="$PROJECT/tests/letters"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_exit STATUS CMD...: runs CMD with output in out.txt/err.txt and
# checks its exit status.
expect_exit() {
	want=$1
	shift
	set +e
	"$@" > out.txt 2> err.txt
	got=$?
	set -e
	[ "$got" = "$want" ] || {
		echo "--- stdout" >&2; head -20 out.txt >&2
		echo "--- stderr" >&2; head -20 err.txt >&2
		fail "'$*' exited $got, wanted $want"
	}
}

# contains FILE TEXT: FILE holds TEXT (fixed string).
contains() {
	grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; head -30 "$1" >&2; fail "$1 does not contain: $2"; }
}

lacks() {
	if grep -qF -- "$2" "$1"; then fail "$1 contains: $2"; fi
}

# json FILE EXPR: evaluates a Python expression over the JSON in FILE (as r).
json() {
	python3 -c "import json,sys; r=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(v if not isinstance(v,(dict,list)) else json.dumps(v, sort_keys=True))" "$1" "$2"
}

# same VALUE WANT [WHAT]
same() {
	[ "$1" = "$2" ] || fail "${3:-value}: got '$1', wanted '$2'"
}

# The store a test uses, $DB: a SQLite file in $TMP, or, when the suite
# runs on PostgreSQL ($RAPPORTEUR_TEST_PG, the URL of a server's maintenance
# database: tests/pg/server.sh), a database made on that server for this
# test and dropped by run.sh after it. $BACKEND says which.
if [ -n "${RAPPORTEUR_TEST_PG:-}" ]; then BACKEND=postgres; else BACKEND=sqlite; fi
pg_tool() { # pg_tool NAME: PostgreSQL's client program NAME
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
		[ -x "$d/$1" ] && { echo "$d/$1"; return; }
	done
	echo "$1"
}
# newdb NAME: prints the target of a new, empty store called NAME.
newdb() {
	if [ "$BACKEND" = sqlite ]; then
		echo "$TMP/$1.db"
		return
	fi
	name="${RAPPORTEUR_TEST_DB_PREFIX:-rt$$}_$1"
	"$(pg_tool psql)" "$RAPPORTEUR_TEST_PG" -qAt -c "CREATE DATABASE \"$name\"" > /dev/null
	echo "${RAPPORTEUR_TEST_PG%/*}/$name"
}
DB=$(newdb t)
# PostgreSQL has no folder to keep the key of the confidential fields
# beside the database: it goes where SQLite's would be.
if [ "$BACKEND" = postgres ]; then export RAPPORTEUR_KEY_FILE="$TMP/t.db.key"; fi

# rows DB SQL: the rows of a read-only query, columns parted by |.
rows() {
	"$R" sql --db "$1" "$2"
}

# sql_write DB SQL: a change no command makes (a test's setting up). On
# SQLite with the audit log's functions, which a plain sqlite3 shell lacks
# (tests/tools/audited_sql.py; migrations/sqlite/008_audit.sql).
sql_write() {
	if [ "$BACKEND" = sqlite ]; then python3 "$PROJECT/tests/tools/audited_sql.py" "$1" "$2"; else "$(pg_tool psql)" "$1" -qAt -v ON_ERROR_STOP=1 -c "$2"; fi
}

# dump_db DB: the whole store as SQL text (what a copy of it reveals).
dump_db() {
	if [ "$BACKEND" = sqlite ]; then sqlite3 "$1" .dump; else "$(pg_tool pg_dump)" "$1"; fi
}

# draft_id: the number of the draft that the last `draft new` created (from out.txt).
draft_id() {
	sed -n 's/^draft \([0-9]*\) created.*/\1/p' out.txt
}
