"""test_concurrency.py - more than one server, and a database that goes away.

* Two `rapporteur serve` processes on one store (SQLite's file, or one
  PostgreSQL database): sends that race from both get unique, consecutive
  references, since next_number() runs in the write transaction every
  writer queues for (SQLite's BEGIN IMMEDIATE, PostgreSQL's writers' lock:
  src/store/db.c).
* PostgreSQL restarted while serve runs (with RAPPORTEUR_TEST_PG_DIR, the
  test server's folder: tests/pg/server.sh): requests answer 503 with the
  error envelope while it is away and succeed once it is back, the same
  serve process throughout.
"""
import json
import os
import subprocess
import tempfile
import threading
import time
import unittest

import store
from test_workspace import OFFICER, Server, run

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class Twin(Server):
    """A second serve process on another server's store."""

    def __init__(self, other, today):
        self.dir = tempfile.mkdtemp(prefix="rapporteur-http-twin-")
        self.db = other.db
        self.log = os.path.join(self.dir, "serve.log")
        self.env = {}
        self.proc = None
        self.start(today)


class TwoServers(unittest.TestCase):
    SENDS = 16

    def test_racing_sends_number_consecutively(self):
        a = Server("race", users=[("olga", OFFICER, None)], today="2024-07-01")
        self.addCleanup(a.close)
        b = Twin(a, "2024-07-01")
        self.addCleanup(b.close)
        path = os.path.join(a.dir, "tur.json")
        with open(path, "w") as f:
            json.dump({"type": "UA", "addressee": "TUR", "mandates": ["expression"],
                       "facts": "A journalist was detained in Ankara.",
                       "questions": [{"text": "Please indicate the charges."}]}, f)
        drafts = []
        for _ in range(self.SENDS):
            out = run("draft", "new", "--db", a.db, "--file", path, "--as", "olga")
            d = out.split()[1]
            run("approve", d, "--db", a.db, "--mandate", "expression", "--as", "olga")
            drafts.append(d)
        clients = []
        for server in (a, b):
            c = server.client()
            self.assertEqual(c.login("olga").status, 303)
            clients.append(c)
        start = threading.Barrier(self.SENDS)
        answers = {}

        def send(i, d):
            start.wait()
            answers[d] = clients[i % 2].post("/work/c/%s/send" % d, [("date", "")]).status

        threads = [threading.Thread(target=send, args=(i, d)) for i, d in enumerate(drafts)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(sorted(answers.values()), [303] * self.SENDS, answers)
        numbers = [n for (n,) in a.sql("SELECT number FROM communications WHERE country = 'TUR' AND year = 2024")]
        self.assertEqual(sorted(numbers), list(range(1, self.SENDS + 1)), "unique and consecutive")
        refs = [r for (r,) in a.sql("SELECT reference FROM communications WHERE country = 'TUR' AND year = 2024")]
        self.assertEqual(len(set(refs)), self.SENDS)
        self.assertEqual(a.sql("SELECT last FROM reference_counters WHERE country = 'TUR' AND year = 2024"),
                         [(self.SENDS,)])
        # both servers took part
        for server in (a, b):
            with open(server.log) as f:
                self.assertNotIn("error", f.read().lower())


@unittest.skipUnless(store.PG and os.environ.get("RAPPORTEUR_TEST_PG_DIR"),
                     "PostgreSQL's restart: run by make check-pg")
class DatabaseRestart(unittest.TestCase):
    def server_sh(self, command):
        subprocess.run(["sh", os.path.join(ROOT, "tests", "pg", "server.sh"), command,
                        os.environ["RAPPORTEUR_TEST_PG_DIR"]], check=True, capture_output=True)

    def test_requests_fail_cleanly_and_recover(self):
        s = Server("restart", users=[("olga", OFFICER, None)], today="2024-08-01")
        self.addCleanup(s.close)
        c = s.client()
        self.assertEqual(c.login("olga").status, 303)
        pages = ["/api/v1/search?q=torture", "/search?q=torture", "/c/AL-KAZ-2-2024", "/work"]
        for p in pages:
            self.assertEqual(c.get(p).status, 200, p)
        pid = s.proc.pid
        self.server_sh("pause")
        resumed = False
        try:
            for p in pages * 2:
                r = c.get(p)
                self.assertEqual(r.status, 503, "%s while the database is away" % p)
            r = c.get("/api/v1/search?q=torture")
            self.assertEqual(json.loads(r.body)["error"]["status"], 503, "the API's error envelope")
            self.assertIn("The database is not available", json.loads(r.body)["error"]["message"])
            self.server_sh("resume")
            resumed = True
        finally:
            if not resumed:
                self.server_sh("resume")
        # back: every page again, the session still valid, the same process
        for p in pages * 2:
            self.assertEqual(c.get(p).status, 200, "%s after the restart" % p)
        self.assertEqual(s.proc.pid, pid)
        self.assertIsNone(s.proc.poll(), "serve kept running")


if __name__ == "__main__":
    unittest.main()
