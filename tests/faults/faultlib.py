"""faultlib.py - what the fault tests share: letters made for them, the
binary run, and the checks a store must pass after any fault.

check_store(db) is the promise: SQLite's integrity check and foreign keys,
the full-text index consistent with its table, every letter held wholly
(its child rows as many as its stored record says, its index entry there,
and, given the records a clean run stored, the very same record), and the
audit log's chain and rows intact (`rapporteur audit verify`).
"""
import atexit
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
R = os.path.abspath(os.environ.get("RAPPORTEUR") or os.path.join(ROOT, "build", "rapporteur"))
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
sys.path.insert(0, os.path.join(ROOT, "tests", "http"))

# record field -> the child table that holds one row per item
CHILDREN = {"mandates": "communication_mandates", "questions": "questions", "citations": "citations",
            "signatories": "signatories", "figures": "figures"}


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def run(*args, ok=(0,), env=None, timeout=600):
    e = dict(os.environ, RAPPORTEUR_USER="faults")
    e.update(env or {})
    p = subprocess.run([R, *args], capture_output=True, text=True, env=e, timeout=timeout)
    if p.returncode not in ok:
        raise Failure("rapporteur %s exited %d:\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def workdir(name):
    """A temporary folder, removed at exit unless FAULTS_KEEP is set."""
    d = tempfile.mkdtemp(prefix="rapporteur-faults-%s-" % name)
    if not os.environ.get("FAULTS_KEEP"):
        atexit.register(shutil.rmtree, d, True)
    return d


def make_letters(folder, count, seed=6):
    """count synthetic letters (bench/gen_letters.py, the same each time) in folder."""
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_letters.py"), "--count", str(count),
                    "--out", folder, "--seed", str(seed)], check=True, capture_output=True)
    for f in os.listdir(folder):  # the queries it writes are no letters
        if not f.endswith(".md"):
            os.remove(os.path.join(folder, f))
    return sorted(os.listdir(folder))


def copy_store(src, dst):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copy(src, dst)
    shutil.copy(src + ".key", dst + ".key")


def records(db):
    c = sqlite3.connect(db, timeout=30)
    try:
        return dict(c.execute("SELECT reference, record FROM communications WHERE reference IS NOT NULL"))
    finally:
        c.close()


def check_store(db, expected=None, complete=False):
    """Raises Failure unless db holds together; returns how many letters it holds."""
    c = sqlite3.connect(db, timeout=30)
    try:
        problems = [r[0] for r in c.execute("PRAGMA integrity_check")]
        check(problems == ["ok"], "%s: integrity_check: %s" % (db, problems[:5]))
        broken = c.execute("PRAGMA foreign_key_check").fetchall()
        check(not broken, "%s: foreign keys: %s" % (db, broken[:5]))
        try:  # the index itself (drafts, never indexed, keep it from being compared with the whole table)
            c.execute("INSERT INTO communications_fts(communications_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as e:
            raise Failure("%s: the full-text index is damaged: %s" % (db, e))
        rows = c.execute("SELECT id, reference, record, search_key FROM communications "
                         "WHERE reference IS NOT NULL").fetchall()
        indexed = c.execute("SELECT count(*) FROM communications_fts_docsize").fetchone()[0]
        check(indexed == len(rows), "%s: %d letters, %d in the full-text index" % (db, len(rows), indexed))
        unindexed = c.execute("SELECT count(*) FROM communications c WHERE reference IS NOT NULL AND NOT EXISTS "
                              "(SELECT 1 FROM communications_fts_docsize WHERE id = c.search_key)").fetchone()[0]
        check(unindexed == 0, "%s: %d letters not in the full-text index" % (db, unindexed))
        for ident, reference, record, key in rows:
            r = json.loads(record)
            check(key is not None, "%s: %s has no search key" % (db, reference))
            for field, table in CHILDREN.items():
                n = c.execute("SELECT count(*) FROM %s WHERE communication_id = ?" % table, (ident,)).fetchone()[0]
                check(n == len(r.get(field) or []), "%s: %s: %d %s rows, its record has %d: half stored"
                      % (db, reference, n, table, len(r.get(field) or [])))
            if expected is not None:
                check(reference in expected, "%s: %s is no letter of the folder" % (db, reference))
                check(record == expected[reference], "%s: %s is not the record a clean ingest stores"
                      % (db, reference))
        if complete and expected is not None:
            missing = sorted(set(expected) - {r[1] for r in rows})
            check(not missing, "%s: %d letters missing after the ingest ran again: %s" % (db, len(missing), missing[:3]))
            undated = c.execute("SELECT count(*) FROM communications WHERE reference IS NOT NULL "
                                "AND date IS NOT NULL AND publication_date IS NULL").fetchone()[0]
            check(undated == 0, "%s: %d letters without their publication date" % (db, undated))
            unread = c.execute("SELECT count(*) FROM communications c WHERE reference IS NOT NULL AND NOT EXISTS "
                               "(SELECT 1 FROM figure_documents d WHERE d.communication_id = c.id "
                               "AND d.reply_id IS NULL)").fetchone()[0]
            check(unread == 0, "%s: %d letters whose figures were not read" % (db, unread))
    finally:
        c.close()
    p = run("audit", "verify", "--db", db, ok=(0, 1))
    check(p.returncode == 0, "%s: audit verify: %s" % (db, p.stderr.strip()))
    return len(rows)


def main(test):
    """Runs test(); prints its lines; exit 1 on a Failure."""
    try:
        test()
    except Failure as e:
        print("FAIL: %s" % e)
        sys.exit(1)
