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

rows() {
	sqlite3 "$1" "$2"
}

# draft_id: the number of the draft that the last `draft new` created (from out.txt).
draft_id() {
	sed -n 's/^draft \([0-9]*\) created.*/\1/p' out.txt
}
