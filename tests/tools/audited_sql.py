#!/usr/bin/env python3
"""audited_sql.py DB SQL [ACTOR]: runs SQL on a Rapporteur database with the
audit log's SQL functions registered, as the rapporteur binary registers
them (migrations/sqlite/008_audit.sql): a plain sqlite3 shell lacks them and
cannot write an audited table. Written apart from src/store/db_sqlite.c on
purpose: the tests check that both compute the same chain.

    rapporteur_sha256(x1, ..., xn): SHA-256 (hex) of each argument written
        as "~" when NULL, else as its length in bytes, ":" and its bytes.
    rapporteur_actor(): ACTOR (default "test").

Prints the rows a SELECT gives, one per line, columns joined by "|".
"""
import hashlib
import sqlite3
import sys


def encode(*values):
    out = b""
    for v in values:
        if v is None:
            out += b"~"
            continue
        b = v if isinstance(v, bytes) else str(v).encode("utf-8")
        out += str(len(b)).encode() + b":" + b
    return out


def rapporteur_sha256(*values):
    return hashlib.sha256(encode(*values)).hexdigest()


def connect(path, actor="test"):
    c = sqlite3.connect(path, timeout=10)
    c.create_function("rapporteur_sha256", -1, rapporteur_sha256, deterministic=True)
    c.create_function("rapporteur_actor", 0, lambda: actor)
    return c


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: audited_sql.py DB SQL [ACTOR]")
    c = connect(sys.argv[1], sys.argv[3] if len(sys.argv) > 3 else "test")
    with c:
        cur = c.execute(sys.argv[2]) if sys.argv[2].lstrip().upper().startswith("SELECT") else None
        if cur is None:
            c.executescript(sys.argv[2])
        else:
            for row in cur:
                print("|".join("" if v is None else str(v) for v in row))
    c.close()


if __name__ == "__main__":
    main()
