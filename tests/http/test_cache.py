"""The public pages kept in memory (src/web/cache.h) over real HTTP.

What a reader depends on: a kept page is never older than the store (a
reply filed, a letter ingested, a situation made show at once), never
outlives its day (publication is by date), never carries a workspace
user's page to the public nor the public's to a user, and a reader who
holds the current version gets 304 with no body. The same server with
--cache-mb 0 answers the same bytes.

Runs its own servers (test_workspace.Server); ignores run.py's.
"""
import http.client
import os
import socket
import subprocess
import tempfile
import time
import unittest

import test_workspace as ws

ROOT = ws.ROOT
SEED_SLUG = "AL-KAZ-2-2024"


def get(server, path, headers=None, method="GET"):
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    c.request(method, path, headers=headers or {})
    r = c.getresponse()
    res = ws.Response(r, r.read())
    c.close()
    return res


def letter(folder, name, reference, date, subject):
    """A short letter of our own in the project's words."""
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write("""Mandate of the Special Rapporteur on the independence of judges and lawyers

Ref.: %s

%s

Excellency,

I have the honour to address you in my capacity as Special Rapporteur on the independence of judges
and lawyers, pursuant to Human Rights Council resolution 53/12.

I wish to draw the attention of your Excellency's Government to information I have received
concerning %s.

Please accept, Excellency, the assurances of my highest consideration.

Margaret Satterthwaite
Special Rapporteur on the independence of judges and lawyers
""" % (reference, date, subject))
    return path


class Cache(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ws.Server("cache", users=[("olga", ws.OFFICER, None)], today="2026-06-01")
        cls.tmp = tempfile.mkdtemp(prefix="rapporteur-cache-")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_a_kept_page_comes_back_the_same_with_its_tag(self):
        first = get(self.server, "/c/" + SEED_SLUG)
        second = get(self.server, "/c/" + SEED_SLUG)
        self.assertEqual(first.status, 200)
        self.assertEqual(second.status, 200)
        self.assertEqual(first.body, second.body)
        tag = first.header("ETag")
        self.assertRegex(tag or "", r'^"[0-9a-f]{20}"$')
        self.assertEqual(second.header("ETag"), tag)
        self.assertEqual(first.header("Cache-Control"), "no-cache")
        # the security headers come with a kept page too
        self.assertIn("default-src 'none'", second.header("Content-Security-Policy") or "")
        # the reader who holds this version gets no body again
        again = get(self.server, "/c/" + SEED_SLUG, {"If-None-Match": tag})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, "")
        self.assertEqual(again.header("ETag"), tag)
        other = get(self.server, "/c/" + SEED_SLUG, {"If-None-Match": '"0000000000"'})
        self.assertEqual(other.status, 200)
        self.assertEqual(other.body, first.body)
        head = get(self.server, "/c/" + SEED_SLUG, method="HEAD")
        self.assertEqual(head.status, 200)
        self.assertEqual(head.body, "")

    def test_a_change_in_the_store_shows_at_once(self):
        reference = "AL TJK 7/2025"
        query = "/search?q=%22Khorog+bar+association%22"
        before = get(self.server, query)
        self.assertEqual(before.status, 200)
        self.assertNotIn(reference, before.body)
        self.assertEqual(get(self.server, query).body, before.body)  # now kept
        path = letter(self.tmp, "tjk.md", reference, "3 March 2025",
                      "the disbarment of the members of the Khorog bar association")
        ws.run("ingest", "--db", self.server.db, path)
        after = get(self.server, query)
        self.assertEqual(after.status, 200)
        self.assertIn(reference, after.body)
        self.assertNotEqual(after.header("ETag"), before.header("ETag"))
        # the old tag no longer earns a 304
        self.assertEqual(get(self.server, query, {"If-None-Match": before.header("ETag")}).status, 200)

    def test_a_reply_filed_shows_on_the_kept_page(self):
        page = "/c/" + SEED_SLUG
        before = get(self.server, page)
        self.assertNotIn("bar association of Almaty replied", before.body)
        reply = os.path.join(self.tmp, "reply.md")
        with open(reply, "w") as f:
            f.write("Reply of the Government\n\nThe bar association of Almaty replied that the lawyers were "
                    "admitted to the detention centre on 10 January 2022.\n")
        ws.run("reply", "add", "AL KAZ 2/2024", "--db", self.server.db, "--received", "2024-07-01",
               "--file", reply, "--as", "olga")
        after = get(self.server, page)
        self.assertEqual(after.status, 200)
        self.assertNotEqual(after.body, before.body)
        self.assertNotEqual(after.header("ETag"), before.header("ETag"))

    def test_a_situation_made_shows_on_the_statistics_page(self):
        before = get(self.server, "/stats")
        self.assertNotIn("Kazakhstan, the lawyers of January", before.body)
        ws.run("situation", "new", "kaz-lawyers", "--title", "Kazakhstan, the lawyers of January", "--country",
               "KAZ", "--db", self.server.db, "--as", "olga")
        ws.run("situation", "link", "kaz-lawyers", "AL KAZ 2/2024", "--db", self.server.db, "--as", "olga")
        after = get(self.server, "/stats")
        self.assertIn("Kazakhstan, the lawyers of January", after.body)

    def test_a_figure_confirmed_shows_on_the_kept_situation_page(self):
        # only confirmed figures are public: confirming one must move the store's generation
        ws.run("situation", "new", "kaz-figures", "--title", "Kazakhstan, the figures of January", "--country",
               "KAZ", "--db", self.server.db, "--as", "olga")
        ws.run("situation", "link", "kaz-figures", "AL KAZ 2/2024", "--db", self.server.db, "--as", "olga")
        page = "/situation/kaz-figures"
        before = get(self.server, page)
        self.assertEqual(before.status, 200)
        self.assertNotIn("301", before.body)
        self.assertEqual(get(self.server, page).body, before.body)  # now kept
        ws.run("figures", "confirm", "--all", "--situation", "kaz-figures", "--db", self.server.db, "--as", "olga")
        after = get(self.server, page)
        self.assertEqual(after.status, 200)
        self.assertIn("301", after.body)  # the complaints the Government counted
        self.assertNotEqual(after.header("ETag"), before.header("ETag"))

    def test_workspace_pages_are_never_kept_nor_given_to_the_public(self):
        c = self.server.client()
        self.assertEqual(c.login("olga").status, 303)
        public = get(self.server, "/")  # kept for the public
        mine = c.get("/")
        self.assertEqual(mine.status, 200)
        self.assertIn("olga", mine.body)  # the page names who is logged in
        self.assertEqual(mine.header("Cache-Control"), "no-store")
        self.assertIsNone(mine.header("ETag"))
        self.assertNotEqual(mine.body, public.body)
        again = get(self.server, "/")
        self.assertNotIn("olga", again.body)
        self.assertEqual(again.body, public.body)
        # a reader with any session cookie, even a stale one, is never served a kept page
        stale = get(self.server, "/", {"Cookie": "rapporteur_session=" + "0" * 64})
        self.assertIsNone(stale.header("ETag"))

    def test_each_host_its_own_feed(self):
        a = get(self.server, "/feed.atom", {"Host": "records.example.org"})
        b = get(self.server, "/feed.atom", {"Host": "mirror.example.net"})
        self.assertIn("records.example.org", a.body)
        self.assertNotIn("records.example.org", b.body)
        self.assertIn("mirror.example.net", b.body)


class NoCache(unittest.TestCase):
    """`serve --cache-mb 0` makes every page afresh: the same bytes and the
    same tag as the kept page. (That a new day empties the cache is
    tests/unit/test_cache.c's: the day here is fixed per process.)"""

    def test_without_a_cache_the_same_bytes(self):
        server = ws.Server("nocache", today="2026-06-01")
        try:
            kept = get(server, "/search?q=torture")
            self.assertEqual(get(server, "/search?q=torture").body, kept.body)
            server.stop()
            # the same store and day, no cache
            server.port = ws.free_port()
            server.proc = subprocess.Popen([ws.BIN, "serve", "--db", server.db, "--port", str(server.port),
                                            "--cache-mb", "0"], env=dict(os.environ, RAPPORTEUR_TODAY="2026-06-01"),
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", server.port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.05)
            plain = get(server, "/search?q=torture")
            self.assertEqual(plain.status, 200)
            self.assertEqual(plain.body, kept.body)
            # the tag still lets a reader skip the body
            self.assertEqual(plain.header("ETag"), kept.header("ETag"))
            self.assertEqual(get(server, "/search?q=torture", {"If-None-Match": kept.header("ETag")}).status, 304)
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
