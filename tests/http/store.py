"""store.py - the HTTP tests' stores, on SQLite or PostgreSQL alike.

With RAPPORTEUR_TEST_PG unset, a store is a SQLite file in the test's
folder and is read with Python's sqlite3. With RAPPORTEUR_TEST_PG set (the
URL of a server's maintenance database, tests/pg/server.sh), each store is
a database made on that server and dropped when the tests end, read
through psql, and every store's confidential fields are sealed under one
key file (PostgreSQL has no folder to keep it beside the database).

    new_store(folder, name)   the target to give --db
    sql(target, query, *params)   rows as a list of tuples, as sqlite3 gives
                                  them; ? placeholders; writes commit
    dump(target)                  the whole store as SQL text
"""
import atexit
import glob
import json
import os
import re
import sqlite3
import subprocess
import tempfile

PG = os.environ.get("RAPPORTEUR_TEST_PG") or None
BACKEND = "postgres" if PG else "sqlite"


def _pg_tool(name):
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/" + name), reverse=True)
    return found[0] if found else name


_made = []
if PG and not os.environ.get("RAPPORTEUR_KEY_FILE"):
    _key_dir = tempfile.mkdtemp(prefix="rapporteur-key-")
    os.environ["RAPPORTEUR_KEY_FILE"] = os.path.join(_key_dir, "stores.key")


def _psql(target, *args, stdin=None):
    p = subprocess.run([_pg_tool("psql"), target, "-qAt", "-v", "ON_ERROR_STOP=1", *args], input=stdin,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("psql %s: %s" % (" ".join(args), p.stderr))
    return p.stdout


def new_store(folder, name):
    if not PG:
        return os.path.join(folder, name + ".db")
    db = "rh_%d_%d_%s" % (os.getpid(), len(_made), re.sub(r"\W", "_", name))
    _psql(PG, "-c", 'CREATE DATABASE "%s"' % db)
    _made.append(db)
    return PG.rsplit("/", 1)[0] + "/" + db


@atexit.register
def _drop_stores():
    for db in _made:
        try:
            _psql(PG, "-c", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % db)
        except RuntimeError:
            pass


def _literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def _bind(query, params):
    """The query with each ? outside quotes replaced by its parameter, quoted."""
    out, i, quote = [], 0, None
    for ch in query:
        if quote:
            quote = None if ch == quote else quote
            out.append(ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append(_literal(params[i]))
            i += 1
        else:
            out.append(ch)
    return "".join(out)


def sql(target, query, *params):
    if not PG:
        c = sqlite3.connect(target, timeout=10)
        try:
            with c:
                return c.execute(query, params).fetchall()
        finally:
            c.close()
    q = _bind(query, params).strip().rstrip(";")
    if not re.match(r"(?is)^\s*(select|with)\b", q):
        _psql(target, "-c", q)
        return []
    # rows as JSON, columns in order (row_to_json keeps it), values typed
    text = _psql(target, "-c", "SELECT coalesce(json_agg(row_to_json(t)), '[]') FROM (%s) t" % q)
    rows = json.loads(text, object_pairs_hook=lambda pairs: tuple(v for _, v in pairs))
    return [tuple(r) for r in rows]


def dump(target):
    if not PG:
        c = sqlite3.connect(target)
        try:
            return "\n".join(c.iterdump())
        finally:
            c.close()
    p = subprocess.run([_pg_tool("pg_dump"), target], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("pg_dump: " + p.stderr)
    return p.stdout
