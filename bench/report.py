#!/usr/bin/env python3
"""report.py - gathers the key=value outputs of bench/run.sh into
bench/results.json (with the targets of the foundation issue and whether
each is met), or prints that file as a table (--table)."""
import json
import os
import sys


def keyvals(path):
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        k, v = line.split("=", 1)
        try:
            out[k] = float(v)
        except ValueError:
            out[k] = v
    return out


def timing(path):
    if not os.path.exists(path):
        return None, None
    parts = open(path).read().split()
    return float(parts[-2]), int(parts[-1])  # seconds, peak KB


def gather(work, n, db):
    floor = keyvals(os.path.join(work, "floor.out"))
    search = keyvals(os.path.join(work, "search.out"))
    render = keyvals(os.path.join(work, "render.out"))
    ingest_s, ingest_kb = timing(os.path.join(work, "ingest.time"))
    floor_s, floor_kb = timing(os.path.join(work, "floor.time"))
    r = {
        "letters": int(n),
        "bytes": int(floor.get("bytes", 0)),
        "ingest_s": ingest_s,
        "ingest_letters_per_s": round(int(n) / ingest_s, 1),
        "ingest_peak_rss_mb": round(ingest_kb / 1024, 1),
        "floor_parse_s": floor.get("parse_s"),
        "floor_fts_s": floor.get("fts_s"),
        "floor_s": floor.get("total_s"),
        "floor_peak_rss_mb": round(floor_kb / 1024, 1),
        "ingest_to_floor_ratio": round(ingest_s / floor["total_s"], 2),
        "database_mb": round(os.path.getsize(db) / 1e6, 1),
    }
    for step in ("floor", "ingest", "search"):
        path = os.path.join(work, step + ".load")
        if os.path.exists(path):
            try:
                r["load_average_before_" + step] = float(open(path).read().split()[0])
            except (ValueError, IndexError):
                pass
    for k, v in search.items():
        if k.startswith("search_"):
            r[k] = v
    for k in ("render_md_ms", "render_pdf_ms", "read_pdf_back_ms", "render_letter_bytes", "render_pdf_bytes"):
        if k in render:
            r[k] = render[k]
    targets = {
        "ingest at least 500 letters/s": r["ingest_letters_per_s"] >= 500,
        "ingest at most 1.5x the floor": r["ingest_to_floor_ratio"] <= 1.5,
        "search p99 newest-first under 5 ms": r.get("search_newest_p99_ms", 1e9) < 5,
        "search p99 by relevance under 25 ms": r.get("search_relevance_p99_ms", 1e9) < 25,
    }
    r["targets"] = targets
    return r


def table(path):
    r = json.load(open(path))
    for k, v in r.items():
        if k == "targets":
            continue
        print("%-34s %s" % (k, v))
    for k, ok in r["targets"].items():
        print("%-6s %s" % ("met" if ok else "MISSED", k))


if __name__ == "__main__":
    if sys.argv[1] == "--table":
        table(sys.argv[2])
    else:
        print(json.dumps(gather(sys.argv[1], sys.argv[2], sys.argv[3]), indent=2))
