#!/bin/sh
# bench/web.sh - the web part of `make bench` (bench/run.sh calls it last):
# `rapporteur serve` with BENCH_N letters loaded, and wrk against the search
# page (by relevance and newest first, the queries of gen_letters.py in
# turn, and its broad queries alone), a communication page (published
# letters in turn) and, as the floor, a static copy of a communication
# page's bytes served by the same binary (--static-copy), CONNS connections
# for SECS seconds each; then the search and the page again on the same
# server with no cache (--cache-mb 0), every page made afresh (web_made_*).
# Every figure (requests/s, p99 latency, errors) and serve's peak resident
# memory go to $WORK/web.out as key=value lines and are merged into
# BENCH_RESULTS with the targets.
#
# usage: BENCH_N=10000 sh bench/web.sh build/rapporteur
# env:   BENCH_DIR (default build/bench/work-N, shared with run.sh),
#        BENCH_LETTERS (BENCH_DIR/letters), BENCH_DB (the store: BENCH_DIR/
#        bench.db, made here when it lacks letters, or a postgresql:// URL,
#        which run.sh fills), BENCH_WEB_SECONDS (10), BENCH_WEB_CONNECTIONS
#        (16), BENCH_WEB_THREADS (the server's, 4), BENCH_WEB_TIMEOUT (wrk's,
#        30s), BENCH_RESULTS (bench/results.json)
set -eu
BIN=${1:?usage: web.sh RAPPORTEUR}
N=${BENCH_N:-10000}
WORK=${BENCH_DIR:-$(dirname "$BIN")/bench/work-$N}
LETTERS=${BENCH_LETTERS:-$WORK/letters}
DB=${BENCH_DB:-$WORK/bench.db}
OUT=${BENCH_RESULTS:-bench/results.json}
SECS=${BENCH_WEB_SECONDS:-10}
CONNS=${BENCH_WEB_CONNECTIONS:-16}
THREADS=${BENCH_WEB_THREADS:-4}
# wrk leaves a request slower than this out of its latencies and counts it
# as an error; a broad search made afresh on 100,000 letters takes seconds
TIMEOUT=${BENCH_WEB_TIMEOUT:-30s}
# every synthetic letter (2011-2025) is public on this day
TODAY=${BENCH_WEB_TODAY:-2026-06-30}
command -v wrk > /dev/null || { echo "bench: wrk not found (Debian package wrk: make deps)" >&2; exit 1; }
mkdir -p "$WORK"

# the letters and the database: run.sh's when it made them, else made here
if [ ! -f "$LETTERS/queries.tsv" ] || [ "$(ls "$LETTERS" | grep -c '\.md$')" -ne "$N" ]; then
	rm -rf "$LETTERS"
	python3 bench/gen_letters.py --count "$N" --out "$LETTERS"
fi
# (rapporteur sql reads either store; a database this binary cannot open,
# made by another version, is made again)
have=$("$BIN" sql --db "$DB" "SELECT count(*) FROM communications" 2> /dev/null) || have=0
case "$have" in '' | *[!0-9]*) have=0 ;; esac
if [ "$have" -lt "$N" ]; then
	case "$DB" in postgres://* | postgresql://*)
		echo "bench: web: $DB holds $have letters, not $N (BENCH_STORE=postgres sh bench/run.sh fills it)" >&2
		exit 1 ;;
	esac
	rm -f "$DB" "$DB-wal" "$DB-shm"
	"$BIN" init --db "$DB" > /dev/null
	echo "bench: web: ingest of $N letters"
	"$BIN" ingest --db "$DB" "$LETTERS" > "$WORK/ingest-web.out" 2>&1 || {
		echo "bench: ingest failed:" >&2; tail -5 "$WORK/ingest-web.out" >&2; exit 1; }
fi

# the paths wrk asks for, in turn: 100 queries (and the broad ones alone),
# 200 published letters
"$BIN" sql --db "$DB" "SELECT slug FROM communications WHERE slug IS NOT NULL AND publication_date <= '$TODAY'
	ORDER BY id LIMIT 200" > "$WORK/web-slugs.txt"
python3 - "$WORK" "$LETTERS" "$WORK/web-slugs.txt" <<'EOF'
import csv, os, sys, urllib.parse
work, letters, slugs_file = sys.argv[1:4]
queries, broad = [], []
with open(os.path.join(letters, "queries.tsv"), encoding="utf-8") as f:
    for row in csv.reader(f, delimiter="\t"):
        if row and not row[0].startswith("#") and len(row) >= 3:
            queries.append(row[2])
            if row[0] == "broad":
                broad.append(row[2])
slugs = [s.strip() for s in open(slugs_file, encoding="utf-8") if s.strip()]
if not queries or not broad or not slugs:
    sys.exit("bench: web: no queries or no published letters to ask for")
def write(name, paths):
    with open(os.path.join(work, "web-%s.paths" % name), "w") as f:
        f.write("\n".join(paths) + "\n")
q = lambda s: urllib.parse.quote_plus(s)
write("search", ["/search?q=" + q(s) for s in queries])
write("search_newest", ["/search?q=%s&sort=newest" % q(s) for s in queries])
write("search_broad", ["/search?q=" + q(s) for s in broad])
write("search_newest_broad", ["/search?q=%s&sort=newest" % q(s) for s in broad])
write("page", ["/c/" + s for s in slugs])
write("static", ["/bench/static"])
with open(os.path.join(work, "web-static-source"), "w") as f:
    f.write("/c/" + slugs[0] + "\n")
EOF

# wrk asks for the lines of the file named by $WRK_PATHS in turn
cat > "$WORK/web-paths.lua" <<'EOF'
local paths, i = {}, 0
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
request = function()
	i = i % #paths + 1
	return wrk.format("GET", paths[i])
end
EOF

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# the floor: the bytes of a communication page, served as is by the same
# binary (--static-copy), fetched from a first run of the server
RAPPORTEUR_TODAY=$TODAY "$BIN" serve --db "$DB" --address 127.0.0.1 --port "$PORT" > "$WORK/serve0.out" 2>&1 &
FIRST=$!
python3 - "http://127.0.0.1:$PORT" "$(cat "$WORK/web-static-source")" "$WORK/static-copy.html" <<'EOF'
import sys, time, urllib.request
url, path, out = sys.argv[1:4]
for _ in range(200):
    try:
        data = urllib.request.urlopen(url + path, timeout=5).read(); break
    except Exception:
        time.sleep(0.05)
else:
    sys.exit("bench: web: the first server did not answer " + path)
open(out, "wb").write(data)
EOF
kill $FIRST; wait $FIRST 2> /dev/null || true
RAPPORTEUR_TODAY=$TODAY "$BIN" serve --db "$DB" --address 127.0.0.1 --port "$PORT" --threads "$THREADS" \
	--static-copy "$WORK/static-copy.html" > "$WORK/serve.out" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2> /dev/null || true' EXIT INT TERM
URL="http://127.0.0.1:$PORT"

# every path must answer 200 before it is timed (a fast 404 measures nothing)
python3 - "$URL" "$WORK" <<'EOF'
import sys, time, urllib.request, urllib.error
url, work = sys.argv[1:3]
for _ in range(200):
    try:
        urllib.request.urlopen(url + "/bench/static", timeout=2).read(); break
    except Exception:
        time.sleep(0.05)
else:
    sys.exit("bench: web: the server did not start (%s/serve.out)" % work)
for name in ("search", "search_newest", "page", "static"):
    for path in open("%s/web-%s.paths" % (work, name)).read().split():
        try:
            r = urllib.request.urlopen(url + path, timeout=120); r.read()
        except urllib.error.HTTPError as e:
            sys.exit("bench: web: %s answers %d, not 200" % (path, e.code))
EOF

: > "$WORK/web.out"
# bench_wrk NAME PATHS: CONNS connections for SECS seconds over the paths of
# $WORK/web-PATHS.paths in turn; its figures as web_NAME_* lines
bench_wrk() {
	echo "bench: web: wrk $1, $CONNS connections, ${SECS}s"
	WRK_PATHS="$WORK/web-$2.paths" wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout "$TIMEOUT" --latency \
		-s "$WORK/web-paths.lua" "$URL" > "$WORK/wrk-$1.out"
	python3 - "$1" "$WORK/wrk-$1.out" >> "$WORK/web.out" <<'EOF'
import re, sys
name, path = sys.argv[1:3]
text = open(path).read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
total = int(re.search(r"(\d+) requests in", text).group(1))
errors = 0
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if sock:
    errors += sum(int(x) for x in sock.groups())
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if non2xx:
    errors += int(non2xx.group(1))
print("web_%s_requests=%d" % (name, total))
print("web_%s_rps=%.1f" % (name, rps))
print("web_%s_p50_ms=%.3f" % (name, ms(*p50.groups())))
print("web_%s_p99_ms=%.3f" % (name, ms(*p99.groups())))
print("web_%s_errors=%d" % (name, errors))
EOF
}
# the pages as readers get them: every path was asked for once above, so
# these are the pages kept in memory (src/web/cache.c) ...
for name in search search_newest search_broad search_newest_broad page static; do
	bench_wrk "$name" "$name"
done
# serve's peak resident memory, its cache full
echo "web_serve_peak_rss_mb=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$SERVER/status)" >> "$WORK/web.out"
kill $SERVER 2> /dev/null || true
wait $SERVER 2> /dev/null || true
# ... and every page made afresh: the same server with no cache
RAPPORTEUR_TODAY=$TODAY "$BIN" serve --db "$DB" --address 127.0.0.1 --port "$PORT" --threads "$THREADS" \
	--cache-mb 0 > "$WORK/serve-nocache.out" 2>&1 &
SERVER=$!
python3 - "$URL" <<'EOF'
import sys, time, urllib.request
for _ in range(200):
    try:
        urllib.request.urlopen(sys.argv[1] + "/", timeout=2).read(); break
    except Exception:
        time.sleep(0.05)
else:
    sys.exit("bench: web: the server without a cache did not start")
EOF
for name in search search_newest search_broad search_newest_broad page; do
	bench_wrk "made_$name" "$name"
done
echo "web_made_serve_peak_rss_mb=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$SERVER/status)" >> "$WORK/web.out"
kill $SERVER 2> /dev/null || true
wait $SERVER 2> /dev/null || true
trap - EXIT INT TERM

# merged into results.json: the figures, the ratios to the static floor, the
# targets of issue 6 (at 100,000 letters on SQLite), with the page cache
# warm and with every page made afresh
python3 - "$WORK/web.out" "$OUT" "$N" "$CONNS" "$SECS" <<'EOF'
import json, os, sys
src, out, n, conns, secs = sys.argv[1:6]
web = {}
for line in open(src):
    k, v = line.strip().split("=", 1)
    web[k] = float(v) if "." in v else int(v)
web["web_letters"] = int(n)
web["web_connections"] = int(conns)
web["web_seconds_each"] = int(secs)
pages = ("search", "search_newest", "search_broad", "search_newest_broad", "page")
for name in pages + tuple("made_" + p for p in pages):
    web["web_%s_rps_to_static" % name] = round(web["web_%s_rps" % name] / web["web_static_rps"], 3)
    web["web_%s_p99_to_static" % name] = round(web["web_%s_p99_ms" % name] / max(web["web_static_p99_ms"], 0.001), 1)
r = json.load(open(out)) if os.path.exists(out) else {}
targets = r.pop("targets", {})
# the keys of earlier versions of this script
for k in ("web: communication page p99 under 10 ms", "web: newest-first search page p99 under 10 ms"):
    targets.pop(k, None)
r = {k: v for k, v in r.items() if not k.startswith("web_")}
r.update(web)
targets["web: no errors"] = sum(web["web_%s_errors" % k] for k in pages + ("static",) +
                                tuple("made_" + p for p in pages)) == 0
for label, pre, rss in (("web (page cache warm)", "web_", "web_serve_peak_rss_mb"),
                        ("web (no cache)", "web_made_", "web_made_serve_peak_rss_mb")):
    targets.update({
        label + ": search p99 newest-first under 10 ms": web[pre + "search_newest_p99_ms"] < 10,
        label + ": search p99 by relevance under 50 ms": web[pre + "search_p99_ms"] < 50,
        label + ": broad search p99 newest-first under 10 ms": web[pre + "search_newest_broad_p99_ms"] < 10,
        label + ": broad search p99 by relevance under 50 ms": web[pre + "search_broad_p99_ms"] < 50,
        label + ": communication page p99 under 10 ms": web[pre + "page_p99_ms"] < 10,
        label + ": serve under 100 MB resident": web[rss] < 100,
    })
r["targets"] = targets
with open(out + ".tmp", "w") as f:
    json.dump(r, f, indent=2)
    f.write("\n")
os.replace(out + ".tmp", out)
for k, v in web.items():
    print("%-38s %s" % (k, v))
EOF
