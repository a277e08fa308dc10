#!/bin/sh
# Runs the command-line tests: every tNNNN-*.sh here, in order, each in a
# fresh temporary folder. Needs $RAPPORTEUR (the binary) and $SHARED (the
# ../shared folder). Exit 1 when any test fails.
here=$(cd "$(dirname "$0")" && pwd)
: "${RAPPORTEUR:?set RAPPORTEUR to the rapporteur binary}"
: "${SHARED:?set SHARED to the shared folder}"
export RAPPORTEUR SHARED
export PROJECT="$(cd "$here/../.." && pwd)"
failed=0
ran=0
# drop_databases PREFIX: the PostgreSQL databases a test made
drop_databases() {
	psql=$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -rV | head -1)
	for d in $("${psql:-psql}" "$RAPPORTEUR_TEST_PG" -qAt -c "SELECT datname FROM pg_database WHERE datname LIKE '$1\\_%'"); do
		"${psql:-psql}" "$RAPPORTEUR_TEST_PG" -qAt -c "DROP DATABASE \"$d\" WITH (FORCE)" > /dev/null
	done
}
for t in "$here"/t[0-9]*.sh; do
	[ -n "${ONLY:-}" ] && case "$t" in *"$ONLY"*) ;; *) continue ;; esac
	TMP=$(mktemp -d)
	export TMP
	# on PostgreSQL, the databases a test makes (lib.sh newdb) share a prefix
	export RAPPORTEUR_TEST_DB_PREFIX="rt_$$_$ran"
	if (cd "$TMP" && sh "$t") > "$TMP.log" 2>&1; then
		echo "ok   $(basename "$t")"
	else
		echo "FAIL $(basename "$t")"
		sed 's/^/     /' "$TMP.log" | tail -40
		failed=$((failed + 1))
	fi
	ran=$((ran + 1))
	rm -rf "$TMP" "$TMP.log"
	[ -n "${RAPPORTEUR_TEST_PG:-}" ] && drop_databases "$RAPPORTEUR_TEST_DB_PREFIX"
done
echo "$ran command-line tests${RAPPORTEUR_TEST_PG:+ on PostgreSQL}, $failed failed"
[ "$failed" = 0 ]
