#!/bin/sh
# bench/run.sh - `make bench` and `make bench-scale`: speed and memory,
# measured here and never in tests. Generates BENCH_N synthetic letters
# (bench/gen_letters.py), times `rapporteur ingest` into a fresh store
# against the floor (the raw libraries doing the same work in the same run:
# bench/floor, cmark and FTS5, on SQLite; bench/floor_pg, cmark and libpq
# into a tsvector table under RUM or GIN, on PostgreSQL), times searches
# (bench/search_bench) beside the same queries run raw on the floor's table
# (bench/search_floor), renders a letter to Markdown and PDF
# (bench/render_bench), and writes every figure to BENCH_RESULTS
# (bench/report.py prints the table); bench/web.sh then adds the pages
# under load.
#
# BENCH_STORE=sqlite (the default): a database file in the work folder.
# BENCH_STORE=postgres: a throwaway PostgreSQL server (tests/pg/server.sh,
# in a temporary folder, on a free loopback port, stopped and removed on
# exit), a database `bench` for the store and `floor` for the floor.
#
# usage: BENCH_N=10000 sh bench/run.sh build/rapporteur
# env:   BENCH_STORE (sqlite), BENCH_RESULTS (bench/results.json),
#        BENCH_DIR (build/bench/work-N, or work-N-postgres), BENCH_LETTERS
#        (build/bench/work-N/letters: both stores read the same letters),
#        BENCH_ROUNDS (5), BENCH_RENDER_ROUNDS (200), and web.sh's
set -eu
BIN=${1:?usage: run.sh RAPPORTEUR}
BUILD=$(dirname "$BIN")
N=${BENCH_N:-10000}
STORE=${BENCH_STORE:-sqlite}
case "$STORE" in
sqlite) WORK=${BENCH_DIR:-$BUILD/bench/work-$N}; LETTERS=${BENCH_LETTERS:-$WORK/letters} ;;
postgres) WORK=${BENCH_DIR:-$BUILD/bench/work-$N-postgres}; LETTERS=${BENCH_LETTERS:-$BUILD/bench/work-$N/letters} ;;
*) echo "bench: BENCH_STORE is sqlite or postgres, not $STORE" >&2; exit 2 ;;
esac
OUT=${BENCH_RESULTS:-bench/results.json}
mkdir -p "$WORK"
: > "$WORK/phases.out"

# the wall-clock time of each phase, for people estimating a larger run
phase_start=$(date +%s.%N)
phase_end() { # name
	t=$(date +%s.%N)
	awk -v a="$phase_start" -v b="$t" -v n="$1" 'BEGIN { printf "%s=%.1f\n", n, b - a }' >> "$WORK/phases.out"
	phase_start=$t
}

if [ ! -f "$LETTERS/queries.tsv" ] || [ "$(ls "$LETTERS" | grep -c '\.md$')" -ne "$N" ]; then
	rm -rf "$LETTERS"
	python3 bench/gen_letters.py --count "$N" --out "$LETTERS"
fi
phase_end generate

# /usr/bin/time -f gives the peak resident set of each command; the load
# average when it starts says how busy the machine was (timings from a
# shared machine are only comparable at a like load).
timed() { # name command...
	name=$1; shift
	cut -d' ' -f1 /proc/loadavg > "$WORK/$name.load" 2>/dev/null || true
	/usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@"
}
# bytes of a SQLite database with its write-ahead log
file_bytes() {
	echo $(( $(stat -c %s "$1") + $(stat -c %s "$1-wal" 2>/dev/null || echo 0) ))
}

if [ "$STORE" = postgres ]; then
	command -v psql > /dev/null || { echo "bench: psql not found (Debian package postgresql)" >&2; exit 1; }
	PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/rapporteur-bench-pg.XXXXXX")
	trap 'sh tests/pg/server.sh stop "$PGDIR"' EXIT
	trap 'exit 130' INT TERM
	SERVER_URL=$(sh tests/pg/server.sh start "$PGDIR")
	psql -q "$SERVER_URL" -c "CREATE DATABASE bench" -c "CREATE DATABASE floor"
	DB=${SERVER_URL%/postgres}/bench
	FLOOR_DB=${SERVER_URL%/postgres}/floor
	echo "bench: PostgreSQL $(psql -Atc 'SHOW server_version' "$DB") at ${SERVER_URL%/postgres} ($PGDIR)"
	# a PostgreSQL store names its key file (docs/PRIVACY.md)
	export RAPPORTEUR_KEY_FILE="$WORK/bench.key"
	rm -f "$RAPPORTEUR_KEY_FILE"
	phase_end postgres_start
	echo "bench: floor (cmark + libpq, to_tsvector into a RUM or GIN index) on $N letters"
	timed floor "$BUILD/bench/floor_pg" "$FLOOR_DB" "$LETTERS" > "$WORK/floor.out"
	phase_end floor
else
	DB="$WORK/bench.db"
	FLOOR_DB="$WORK/floor.db"
	rm -f "$FLOOR_DB" "$FLOOR_DB-wal" "$FLOOR_DB-shm"
	echo "bench: floor (cmark + FTS5 alone) on $N letters"
	timed floor "$BUILD/bench/floor" "$FLOOR_DB" "$LETTERS" > "$WORK/floor.out"
	phase_end floor
	rm -f "$DB" "$DB-wal" "$DB-shm"
fi

"$BIN" init --db "$DB" > /dev/null
echo "bench: rapporteur ingest of $N letters ($STORE)"
timed ingest "$BIN" ingest --db "$DB" "$LETTERS" > "$WORK/ingest.out" 2> "$WORK/ingest.err" || {
	echo "bench: ingest failed:" >&2; tail -5 "$WORK/ingest.err" >&2; exit 1; }
phase_end ingest

# the sizes (a PostgreSQL database after VACUUM ANALYZE, outside the
# clocks, as autovacuum would have left it on a running server: both
# databases, before any search)
if [ "$STORE" = postgres ]; then
	psql -q "$DB" -c "VACUUM ANALYZE"
	psql -q "$FLOOR_DB" -c "VACUUM ANALYZE"
	phase_end vacuum_analyze
	{
		echo "database_bytes=$(psql -Atc 'SELECT pg_database_size(current_database())' "$DB")"
		echo "floor_database_bytes=$(psql -Atc 'SELECT pg_database_size(current_database())' "$FLOOR_DB")"
		echo "postgres_version=PostgreSQL $(psql -Atc 'SHOW server_version' "$DB")"
	} > "$WORK/size.out"
else
	{
		echo "database_bytes=$(file_bytes "$DB")"
		echo "floor_database_bytes=$(file_bytes "$FLOOR_DB")"
	} > "$WORK/size.out"
fi

echo "bench: search"
timed search "$BUILD/bench/search_bench" "$DB" "$LETTERS/queries.tsv" ${BENCH_ROUNDS:-5} > "$WORK/search.out"
grep '^# ' "$WORK/search.out" | head -5
phase_end search
echo "bench: search floor (the same queries raw on the floor's table)"
"$BUILD/bench/search_floor" "$FLOOR_DB" "$LETTERS/queries.tsv" ${BENCH_ROUNDS:-5} > "$WORK/search_floor.out"
grep '^# ' "$WORK/search_floor.out" | head -5
phase_end search_floor

# render: a nine-mandate draft to Markdown, typeset as PDF, read back from
# the PDF (bench/render_bench: the domain functions, no process per letter)
echo "bench: render"
"$BUILD/bench/render_bench" tests/drafts/kaz-2024.json ${BENCH_RENDER_ROUNDS:-200} > "$WORK/render.out"
cat "$WORK/render.out"
phase_end render

python3 bench/report.py "$WORK" "$N" "$DB" "$STORE" > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"

# the web pages under load (wrk), merged into the same results file
BENCH_N=$N BENCH_DIR=$WORK BENCH_LETTERS=$LETTERS BENCH_DB=$DB BENCH_RESULTS=$OUT sh bench/web.sh "$BIN"
phase_end web

python3 bench/report.py --phases "$WORK/phases.out" "$OUT"
python3 bench/report.py --table "$OUT"
