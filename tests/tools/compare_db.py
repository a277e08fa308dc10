#!/usr/bin/env python3
"""compare_db.py A.db B.db: every table of two SQLite databases compared row
by row (the schema too: tables, indexes, views, triggers); exit 1 naming the
first difference. Virtual tables are compared through their shadow tables
(communications_fts_data, ...), which hold what they index."""
import sqlite3
import sys


def tables(c):
    return [r[0] for r in c.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]


def rows(c, table):
    cols = [r[1] for r in c.execute('SELECT * FROM pragma_table_info(?)', (table,))]
    order = ", ".join('"%s"' % col for col in cols)
    return c.execute('SELECT * FROM "%s" ORDER BY %s' % (table.replace('"', '""'), order)).fetchall()


def main():
    a, b = (sqlite3.connect("file:%s?mode=ro" % p, uri=True) for p in sys.argv[1:3])
    sa = a.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    sb = b.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    if sa != sb:
        sys.exit("compare_db: the schemas differ: %s" % sorted(set(sa) ^ set(sb))[:3])
    total = 0
    for t in tables(a):
        ra, rb = rows(a, t), rows(b, t)
        if ra != rb:
            for i, (x, y) in enumerate(zip(ra, rb)):
                if x != y:
                    sys.exit("compare_db: %s differs at row %d: %r != %r" % (t, i + 1, x[:4], y[:4]))
            sys.exit("compare_db: %s: %d rows in %s, %d in %s" % (t, len(ra), sys.argv[1], len(rb), sys.argv[2]))
        total += len(ra)
    print("compare_db: %d tables, %d rows, the same" % (len(tables(a)), total))


if __name__ == "__main__":
    main()
