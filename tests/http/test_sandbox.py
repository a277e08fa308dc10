"""The seccomp sandbox of `rapporteur serve` (src/web/sandbox.c), over real HTTP.

Every server the HTTP tests start runs under the filter, so the whole suite
passing is the proof that serving needs nothing it refuses. Here, a server
started with RAPPORTEUR_SANDBOX_PROBE=1 answers /_sandbox/probe, which tries
from a server thread what the filter must refuse:

- opening a file for writing, outside the database's folder and inside it,
  from a thread that was running before the filter and from one started
  after it: refused with EPERM, and no file appears;
- making a socket: refused (on SQLite: a PostgreSQL store's connections are
  made again when its server restarts);
- running a program (execve): the process is killed (SIGSYS);
while reading a file still works, every thread of the process is under the
filter (/proc), and the server still reads and writes its database (a login,
a draft saved, and the audit log naming who saved it). Without the variable
the address is a 404; with RAPPORTEUR_SANDBOX=off the same probe succeeds,
which shows the probe really tries.
"""
import os
import signal
import unittest

import store
from test_workspace import PASSWORD, Server, draft_fields


def probe(client, what, path):
    r = client.get("/_sandbox/probe?try=%s&path=%s" % (what, path))
    return r.status, r.body.strip()


class Sandbox(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("sandbox", users=[("olga", "officer", None)],
                            env={"RAPPORTEUR_SANDBOX_PROBE": "1"})

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def setUp(self):
        if self.server.proc.poll() is not None:  # the exec test ends it
            self.server.start(self.server.today)

    def test_writing_a_file_is_refused_everywhere(self):
        c = self.server.client()
        outside = os.path.join(os.path.dirname(self.server.dir), "rapporteur-sandbox-escape.txt")
        inside = os.path.join(self.server.dir, "written-by-the-server.txt")
        for what in ("write", "thread-write"):
            for path in (outside, inside) + ((self.server.db,) if store.BACKEND == "sqlite" else ()):
                status, text = probe(c, what, path)
                self.assertEqual(status, 200)
                self.assertEqual(text, "write %s: refused: Operation not permitted" % path, what)
        self.assertFalse(os.path.exists(outside))
        self.assertFalse(os.path.exists(inside))

    def test_reading_a_file_is_allowed(self):
        status, text = probe(self.server.client(), "read", self.server.log)
        self.assertEqual(text, "read %s: opened" % self.server.log)

    @unittest.skipIf(store.BACKEND == "postgres", "a PostgreSQL store's connections are made again after a restart")
    def test_a_socket_cannot_be_made(self):
        status, text = probe(self.server.client(), "socket", "-")
        self.assertEqual(text, "socket: refused: Operation not permitted")

    def test_every_thread_is_filtered(self):
        pid = self.server.proc.pid
        tasks = os.listdir("/proc/%d/task" % pid)
        self.assertGreater(len(tasks), 2, "the main thread and libmicrohttpd's")
        for t in tasks:
            with open("/proc/%d/task/%s/status" % (pid, t)) as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
            self.assertEqual(status["Seccomp"].strip(), "2", "thread %s is filtered" % t)
            self.assertEqual(status["NoNewPrivs"].strip(), "1")

    def test_the_database_is_read_and_written(self):
        c = self.server.client()
        self.assertEqual(c.get("/").status, 200)
        self.assertEqual(c.get("/search?q=torture").status, 200)
        self.assertEqual(c.login("olga", PASSWORD).status, 303)
        r = c.post("/work/drafts/new", draft_fields("SANDBOX-NOTE") + [("action", "save")])
        self.assertEqual(r.status, 303, r.body[:300])
        ident = r.header("Location").split("?")[0].split("/")[-1]
        if store.BACKEND == "postgres":
            return  # the audit log is SQLite's so far
        self.assertEqual(self.server.sql("SELECT actor, op FROM audit_log WHERE table_name = 'communications' "
                                         "AND row_key = ? ORDER BY seq LIMIT 1", ident), [("olga", "insert")])

    def test_zz_running_a_program_kills_the_server(self):
        c = self.server.client()
        with self.assertRaises(Exception):
            probe(c, "exec", "/bin/true")
        self.assertEqual(self.server.proc.wait(10), -signal.SIGSYS)


class NoProbe(unittest.TestCase):
    def test_the_probe_is_not_there_unless_asked_for(self):
        s = Server("sandbox-noprobe")
        try:
            self.assertEqual(s.client().get("/_sandbox/probe?try=write&path=/tmp/x").status, 404)
        finally:
            s.close()

    def test_without_the_sandbox_the_probe_succeeds(self):
        s = Server("sandbox-off", env={"RAPPORTEUR_SANDBOX_PROBE": "1", "RAPPORTEUR_SANDBOX": "off"})
        try:
            path = os.path.join(s.dir, "written.txt")
            self.assertEqual(probe(s.client(), "write", path)[1], "write %s: opened" % path)
            self.assertTrue(os.path.exists(path))
        finally:
            s.close()
