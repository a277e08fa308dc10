#!/usr/bin/env python3
"""backup_live.py - backup while a server serves and writes, and restore
(issue 6).

A store with 100 letters is served by `rapporteur serve`, which meanwhile
answers readers (home, search, communications) and writes: an officer logs
in (sessions) and saves drafts through the workspace, each an audited
change made by the server. Beside it, the command line ingests 100 more
letters one file at a time. While all that runs:

- `rapporteur backup` is taken five times; each backup is restored into a
  new store (`rapporteur restore`), which equals the backup row by row
  (tests/tools/compare_db.py) and passes check_store(): a consistent
  snapshot, every letter whole, the audit chain and every audited row
  matching (so no write was caught half-way);
- readers never see an error.
Then the writers stop (the server keeps serving), a last backup is taken
and restored, and the restored store equals the served one, table by
table and row by row. Prints how long each backup took.
"""
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from faultlib import ROOT, R, check, check_store, main, make_letters, run, workdir
from test_workspace import Client, draft_fields

PASSWORD = "a long officer's password 6"


class Served:
    def __init__(self, db, log):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen([R, "serve", "--db", db, "--port", str(self.port)],
                                     env=dict(os.environ, RAPPORTEUR_TODAY="2026-06-01"),
                                     stdout=open(log, "w"), stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("serve did not start")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(20)


def compare(a, b):
    p = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "tools", "compare_db.py"), a, b],
                       capture_output=True, text=True)
    check(p.returncode == 0, "%s != %s: %s%s" % (a, b, p.stdout, p.stderr))
    return p.stdout.strip()


def test():
    d = workdir("backup")
    first, second = os.path.join(d, "first"), os.path.join(d, "second")
    os.mkdir(first)
    os.mkdir(second)
    make_letters(first, 100, seed=11)
    make_letters(second, 100, seed=12)
    db = os.path.join(d, "live.db")
    run("init", "--db", db)
    run("ingest", "--quiet", "--db", db, first)
    run("user", "add", "olga", "--role", "officer", "--db", db, env={"RAPPORTEUR_PASSWORD": PASSWORD})
    server = Served(db, os.path.join(d, "serve.log"))
    stop = threading.Event()
    errors, counts = [], {"read": 0, "draft": 0, "ingested": 0}

    def reader():
        c = Client(server)
        paths = ["/", "/search?q=torture", "/search?q=detention&sort=newest", "/stats"]
        while not stop.is_set():
            for path in paths:
                r = c.get(path)
                if r.status != 200:
                    errors.append("GET %s: %d" % (path, r.status))
                counts["read"] += 1

    def web_writer():
        c = Client(server)
        if c.login("olga", PASSWORD).status != 303:
            errors.append("olga could not log in")
            return
        n = 0
        while not stop.is_set():
            n += 1
            r = c.post("/work/drafts/new", draft_fields("LIVE-%d" % n, subject="Draft %d during backups" % n)
                       + [("action", "save")])
            if r.status != 303:
                errors.append("draft %d: %d %s" % (n, r.status, r.body[:200]))
            counts["draft"] += 1

    def cli_writer():
        for f in sorted(os.listdir(second)):
            if stop.is_set():
                break
            p = subprocess.run([R, "ingest", "--quiet", "--db", db, os.path.join(second, f)], capture_output=True,
                               text=True)
            if p.returncode != 0:
                errors.append("ingest %s: %s" % (f, p.stderr))
            counts["ingested"] += 1

    threads = [threading.Thread(target=t) for t in (reader, reader, web_writer, cli_writer)]
    for t in threads:
        t.start()
    try:
        for i in range(5):
            time.sleep(0.4)
            backup, restored = os.path.join(d, "b%d.db" % i), os.path.join(d, "r%d.db" % i)
            t0 = time.monotonic()
            out = run("backup", backup, "--db", db).stdout.splitlines()[0]
            took = time.monotonic() - t0
            run("restore", backup, "--db", restored)
            os.link(db + ".key", restored + ".key")
            compare(backup, restored)
            letters = check_store(restored)
            drafts = int(run("sql", "--db", restored, "SELECT count(*) FROM communications WHERE status = 'draft'")
                         .stdout)
            by_olga = int(run("sql", "--db", restored, "SELECT count(*) FROM audit_log WHERE actor = 'olga'").stdout)
            print("backup_live: backup %d in %.2f s while serving and writing: %d letters, %d drafts (%d audit "
                  "entries by olga); restored, equal, whole" % (i + 1, took, letters, drafts, by_olga))
            check(by_olga >= drafts, "the server's writes are not all in the audit log")
    finally:
        stop.set()
        for t in threads:
            t.join()
    check(not errors, "while backing up: %s" % errors[:5])
    check(counts["draft"] > 0 and counts["ingested"] > 0, "nothing was written meanwhile: %s" % counts)
    # quiet now but for readers: the last backup equals the store it was taken from
    c = Client(server)
    check(c.get("/search?q=torture").status == 200, "the server stopped answering")
    final, restored = os.path.join(d, "final.db"), os.path.join(d, "final-restored.db")
    run("backup", final, "--db", db)
    run("restore", final, "--db", restored)
    print("backup_live: %d reads, %d drafts saved and %d letters ingested during the backups; the last: %s"
          % (counts["read"], counts["draft"], counts["ingested"], compare(db, restored)))
    server.stop()


if __name__ == "__main__":
    main(test)
