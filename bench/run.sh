#!/bin/sh
# bench/run.sh - `make bench`: speed and memory, measured here and never in
# tests. Generates BENCH_N synthetic letters (bench/gen_letters.py), times
# `rapporteur ingest` into a fresh database against the floor (bench/floor:
# raw cmark parsing plus raw FTS5 indexing of the same files, same run),
# times searches (bench/search_bench), renders a letter to Markdown and PDF
# (bench/render_bench), and writes every
# figure to bench/results.json (bench/report.py prints the table).
#
# usage: BENCH_N=10000 sh bench/run.sh build/rapporteur
set -eu
BIN=${1:?usage: run.sh RAPPORTEUR}
BUILD=$(dirname "$BIN")
N=${BENCH_N:-10000}
WORK=${BENCH_DIR:-$BUILD/bench/work-$N}
OUT=bench/results.json
mkdir -p "$WORK"

if [ ! -f "$WORK/letters/queries.tsv" ] || [ "$(ls "$WORK/letters" | grep -c '\.md$')" -ne "$N" ]; then
	rm -rf "$WORK/letters"
	python3 bench/gen_letters.py --count "$N" --out "$WORK/letters"
fi

# /usr/bin/time -f gives the peak resident set of each command; the load
# average when it starts says how busy the machine was (timings from a
# shared machine are only comparable at a like load).
timed() { # name command...
	name=$1; shift
	cut -d' ' -f1 /proc/loadavg > "$WORK/$name.load" 2>/dev/null || true
	/usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@"
}

rm -f "$WORK/floor.db" "$WORK/floor.db-wal" "$WORK/floor.db-shm"
echo "bench: floor (cmark + FTS5 alone) on $N letters"
timed floor "$BUILD/bench/floor" "$WORK/floor.db" "$WORK/letters" > "$WORK/floor.out"

DB="$WORK/bench.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN" init --db "$DB" > /dev/null
echo "bench: rapporteur ingest of $N letters"
timed ingest "$BIN" ingest --db "$DB" "$WORK/letters" > "$WORK/ingest.out" 2> "$WORK/ingest.err" || {
	echo "bench: ingest failed:" >&2; tail -5 "$WORK/ingest.err" >&2; exit 1; }

echo "bench: search"
timed search "$BUILD/bench/search_bench" "$DB" "$WORK/letters/queries.tsv" ${BENCH_ROUNDS:-5} > "$WORK/search.out"
grep '^# ' "$WORK/search.out" | head -8

# render: a nine-mandate draft to Markdown, typeset as PDF, read back from
# the PDF (bench/render_bench: the domain functions, no process per letter)
echo "bench: render"
"$BUILD/bench/render_bench" tests/drafts/kaz-2024.json ${BENCH_RENDER_ROUNDS:-200} > "$WORK/render.out"
cat "$WORK/render.out"

python3 bench/report.py "$WORK" "$N" "$DB" > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
python3 bench/report.py --table "$OUT"

# the web pages under load (wrk), merged into the same results.json
sh bench/web.sh "$BIN"
