"""Information coming in and what becomes of it, over real HTTP (docs/CASES.md,
docs/PRIVACY.md, docs/WORKSPACE.md, docs/FIGURES.md):

- the public form (/submit): no login; anonymous information refused with a
  clear message; the source's contact and each person's consent to be named
  asked for; its own CSRF defence (the login form's double-submit token);
  at most 5 submissions an hour from one address (429), another address
  unaffected; stored sealed: the database file, checkpointed, holds no
  source name, contact, narrative or victim's name; the answer is a receipt
  that repeats nothing and is never cached;
- the officers' screens: submissions listed with the mandates suggested, one
  opened (the source for officers only), admissibility with its reason, a
  duplicate across scripts linked, a case opened from a submission, an event
  and custody added, custody gaps flagged, a communication drafted from the
  case with the victim who did not consent by their label, figures
  confirmed, corrected and rejected, a situation and its funnel; and then,
  sent and published, the letter names neither the source nor that victim;
- the public situation page (/situation/SLUG) with its funnel as SVG, the
  checks that do not add up, its figures as CSV and JSON and in the API; a
  situation public from its first public communication, the same 404 before;
- markers planted in the source and in a victim who did not consent (run.py's
  fixture: a letter drafted from a case and published) on no public page,
  export or API answer.

The first two groups start servers of their own (test_workspace.Server); the
third reads run.py's. Run: python3 tests/http/run.py test_intake.py
"""
import csv
import io
import json
import os
import re
import time
import unittest
import xml.etree.ElementTree as ET

import store
from publiclib import fixture, get, sql as fixture_sql
from test_workspace import ADMIN, HOLDER, OFFICER, Server, run

SVG = "{http://www.w3.org/2000/svg}"

SOURCE = "Gulnara Srcmarkerova"
CONTACT = "gulnara.srcmark@example.org"
NARRATIVE = "NARRATIVEMARK-4417: on 6 January 2025 police officers beat the detainees with batons and gave them " \
            "electric shocks in the gymnasium; the family searched three days for him."
VICTIM = "Ерлан Маркерович"  # did not consent: never named outside the officers' screens
VICTIM_LATIN = "Yerlan Markerovich"
NAMED = "Aigerim Bekova"  # consented


def form(**change):
    """A complete submission as the form posts it; change=None drops a field."""
    fields = {
        "source_kind": "organisation", "source_name": SOURCE, "source_contact": CONTACT,
        "country": "KAZ", "language": "en", "urgency": "urgent", "incident_date": "2025-01-06",
        "subject": "Detained protesters beaten in Almaty", "narrative": NARRATIVE,
        "persons": "2", "person_name_1": VICTIM, "person_consent_1": "no", "person_sex_1": "male",
        "person_age_1": "34", "person_profile_1": "protester",
        "person_name_2": NAMED, "person_consent_2": "yes", "person_profile_2": "journalist",
        "groups": "1", "group_description_1": "protesters held in the gymnasium", "group_count_1": "40",
        "action": "send",
    }
    for k, v in change.items():
        if v is None:
            fields.pop(k, None)
        else:
            fields[k] = v
    return list(fields.items())


def alert(r):
    m = re.search(r'role="alert"[^>]*>(.*?)</p>', r.body, re.S)
    return m.group(1) if m else ""


class PublicForm(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("intake", today="2025-01-15", users=[("olga", OFFICER, None), ("root", ADMIN, None)])

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def anon(self, n):
        """A member of the public at 127.0.0.n, with the form open."""
        c = self.server.client("127.0.0.%d" % n)
        r = c.get("/submit")
        self.assertEqual(r.status, 200)
        return c

    def count(self):
        return self.server.sql("SELECT count(*) FROM submissions")[0][0]

    def test_the_form_needs_no_login_and_is_never_cached(self):
        c = self.server.client("127.0.0.10")
        r = c.get("/submit")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertTrue(any(v.startswith("rapporteur_session=login.") and "SameSite=Strict" in v and "HttpOnly" in v
                            for v in r.cookies()), r.cookies())
        for field in ('name="source_name"', 'name="source_contact"', 'name="narrative"', 'name="country"',
                      'name="language"', 'name="urgency" value="urgent"', 'name="person_consent_1" value="no"',
                      'name="person_consent_1" value="yes"', 'name="incident_date"', 'name="csrf"'):
            self.assertIn(field, r.body)
        self.assertIsNone(re.search(r"<script", r.body), "the form works without script")
        self.assertIsNone(re.search(r"\son[a-z]+=", r.body))
        self.assertIn('href="/submit"', get("http://127.0.0.1:%d" % self.server.port, "/").text,
                      "every page links the form")
        # another row, and nothing stored
        n = self.count()
        r = c.post("/submit", form(action="more-person"))
        self.assertEqual(r.status, 200)
        self.assertIn('name="person_name_3"', r.body)
        self.assertIn('value="%s"' % NAMED, r.body, "what was typed comes back")
        self.assertEqual(self.count(), n)

    def test_anonymous_information_is_refused(self):
        c = self.anon(11)
        n = self.count()
        for name in ("", "Anonymous", "anonymous", "N/A", "-", "   "):
            with self.subTest(name=name):
                r = c.post("/submit", form(source_name=name))
                self.assertEqual(r.status, 400)
                self.assertIn("Your name: anonymous submissions are refused", alert(r))
                self.assertEqual(r.header("Cache-Control"), "no-store")
        r = c.post("/submit", form(source_name=None, source_contact=None))
        self.assertEqual(r.status, 400)
        self.assertIn("anonymous submissions are refused", alert(r))
        for kind in ("organisation", "media"):  # a contact even where the command line needs none
            with self.subTest(kind=kind):
                r = c.post("/submit", form(source_kind=kind, source_contact=""))
                self.assertEqual(r.status, 400)
                self.assertIn("How to reach you: required", alert(r))
        self.assertEqual(self.count(), n, "nothing stored")

    def test_each_field_is_checked_and_named_as_the_form_names_it(self):
        c = self.anon(12)
        n = self.count()
        cases = [
            (form(person_consent_1=None), "Person 1 (agreed to be named): required"),
            (form(narrative=""), "What happened: required"),
            (form(country="XXX"), "Country:"),
            (form(incident_date="the sixth"), "When it happened:"),
            (form(person_age_1="old"), "Person 1 (age)"),
            (form(group_count_1=""), "Group 1 (how many)"),
            (form(subject="Yerlan Markerovich beaten"), "Subject: it names Person 1"),
            (form(subject="A report by Gulnara Srcmarkerova"), "Subject: it names the source"),
            (form(group_description_1="Aigerim Bekova and friends"), "Group 1 (who they are): it names Person 2"),
        ]
        for fields, message in cases:
            with self.subTest(message=message):
                r = c.post("/submit", fields)
                self.assertEqual(r.status, 400, alert(r))
                self.assertIn(message, alert(r))
                self.assertNotIn(VICTIM, alert(r), "the message never repeats a name")
                self.assertIn('value="%s"' % SOURCE, r.body, "the form comes back as typed (no-store)")
                self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertEqual(self.count(), n)

    def test_script_comes_back_as_text(self):
        c = self.anon(13)
        evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
        r = c.post("/submit", form(source_name=evil, narrative=evil, person_name_2=evil, source_contact=""))
        self.assertEqual(r.status, 400)
        self.assertNotIn("<script>alert", r.body)
        self.assertNotIn("<img src=x", r.body)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", r.body)

    def test_csrf(self):
        n = self.count()
        # a form posted from another site: no cookie
        c = self.server.client("127.0.0.14")
        r = c.request("POST", "/submit", form() + [("csrf", "a" * 64)])
        self.assertEqual(r.status, 403)
        self.assertIn("Nothing was sent", r.body)
        self.assertEqual(r.cookies(), [], "a refusal sets no cookie: it may not replace a session's")
        # the cookie without the form's copy, or another token
        c = self.anon(14)
        self.assertEqual(c.post("/submit", form(), csrf=False).status, 403)
        self.assertEqual(c.request("POST", "/submit", form() + [("csrf", "b" * 64)]).status, 403)
        self.assertEqual(self.count(), n)
        # an officer logged in uses the session's token: the session survives
        olga = self.server.client("127.0.0.15")
        self.assertEqual(olga.login("olga").status, 303)
        session = olga.cookie
        r = olga.get("/submit")
        self.assertEqual(r.cookies(), [], "no login cookie over a session")
        self.assertIn('value="%s"' % olga.csrf, r.body)
        self.assertEqual(olga.post("/submit", form()).status, 303)
        self.assertEqual(olga.cookie, session)
        self.assertEqual(olga.get("/work").status, 200)

    def test_a_submission_is_stored_sealed_and_never_repeated(self):
        s = self.server
        c = self.anon(16)
        r = c.post("/submit", form())
        self.assertEqual(r.status, 303, alert(r))
        self.assertRegex(r.header("Location"), r"^/submit\?receipt=\d+$")
        n = int(r.header("Location").split("=")[1])
        r = c.get(r.header("Location"))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertIn("Your receipt number is <strong class=\"receipt\">%d</strong>" % n, r.body)
        self.assertIn("What happens next", r.body)
        for secret in (SOURCE, CONTACT, NARRATIVE[:30], VICTIM, NAMED, "gymnasium"):
            self.assertNotIn(secret, r.body, "the receipt repeats nothing the source sent")
        self.assertEqual(s.sql("SELECT status, urgency, country, received, created_by FROM submissions WHERE id = ?", n),
                         [("pending", "urgent", "KAZ", "2025-01-15", "public form")])
        self.assertEqual(s.sql("SELECT count(*) FROM submission_victims WHERE submission_id = ?", n), [(3,)])
        # no table holds any of it in clear
        dump = store.dump(s.db)
        for secret in (SOURCE, CONTACT, "NARRATIVEMARK-4417", VICTIM, VICTIM_LATIN, NAMED, "Srcmarkerova", "Маркерович"):
            self.assertNotIn(secret, dump)
        # nor the file (SQLite's; PostgreSQL's rows are its dump): the server stopped, the log written through
        s.stop()
        raw = dump.encode()
        if store.BACKEND == "sqlite":
            store.sql(s.db, "PRAGMA wal_checkpoint(TRUNCATE)")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(s.db + suffix):
                    with open(s.db + suffix, "rb") as f:
                        raw += f.read()
        with open(s.log, "rb") as f:
            log = f.read()
        for secret in (SOURCE, CONTACT, "NARRATIVEMARK-4417", VICTIM, "Markerovich", NAMED, "Srcmarkerova",
                       "srcmark@"):
            self.assertNotIn(secret.encode(), raw, "in the database file: %s" % secret)
            self.assertNotIn(secret.encode(), log, "in the log: %s" % secret)
        # the key opens it: the test planted what it looks for
        shown = run("intake", "show", str(n), "--db", s.db)
        self.assertIn(SOURCE, shown)
        self.assertIn(CONTACT, shown)
        self.assertIn(VICTIM, shown)
        s.start(s.today)

    def test_at_most_five_an_hour_from_one_address(self):
        c = self.anon(2)
        for _ in range(2):  # refused ones do not count
            self.assertEqual(c.post("/submit", form(source_name="")).status, 400)
        for i in range(5):
            r = c.post("/submit", form(subject="Submission %d from one address" % i))
            self.assertEqual(r.status, 303, "submission %d: %s" % (i + 1, alert(r)))
        n = self.count()
        r = c.post("/submit", form(subject="One too many"))
        self.assertEqual(r.status, 429)
        self.assertIn("Too many submissions from your address in the last hour (at most 5)", alert(r))
        self.assertIn("Nothing was sent", alert(r))
        self.assertTrue(3500 <= int(r.header("Retry-After")) <= 3600, r.header("Retry-After"))
        self.assertIn(NARRATIVE[:40], r.body, "the text is not lost")
        self.assertEqual(self.count(), n)
        # another address is not held back by it
        self.assertEqual(self.anon(3).post("/submit", form()).status, 303)


class Officers(unittest.TestCase):
    """A submission from the public becomes a case, a letter drafted from it, and a published letter
    that names neither the source nor the victim who did not consent."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server("cases", today="2025-01-15", users=[("olga", OFFICER, None),
                                                                 ("tomas", HOLDER, "torture"), ("root", ADMIN, None)])

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def logged(self, name):
        c = self.server.client()
        self.assertEqual(c.login(name).status, 303)
        return c

    def submit(self, n, fields):
        c = self.server.client("127.0.0.%d" % n)
        c.get("/submit")
        r = c.post("/submit", fields)
        self.assertEqual(r.status, 303, alert(r))
        return int(r.header("Location").split("=")[1])

    def test_flow(self):
        s = self.server
        first = self.submit(20, form())
        # the same man, from his sister, in Latin letters
        second = self.submit(21, form(source_kind="relative", source_name="Dana Srcmarkerova",
                                      source_contact="+7 700 555 0199", person_name_1=VICTIM_LATIN,
                                      persons="1", person_name_2=None, person_consent_2=None,
                                      person_profile_2=None, groups="0", urgency="routine",
                                      subject="Brother beaten after arrest in Almaty"))
        self.assertEqual(self.logged("tomas").get("/work/intake").status, 403, "officers only")
        olga = self.logged("olga")

        # the list: no source, the mandates suggested
        r = olga.get("/work/intake")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertIn('href="/work/intake/%d"' % first, r.body)
        self.assertIn("torture", r.body)
        self.assertNotIn(SOURCE, r.body)
        self.assertNotIn(VICTIM, r.body)

        # one submission: the officer's view opens the source, the narrative and the names
        r = olga.get("/work/intake/%d" % first)
        self.assertEqual(r.status, 200)
        for shown in (SOURCE, CONTACT, "NARRATIVEMARK-4417", VICTIM, "(not to be named)", NAMED,
                      "Source (confidential)", "electric shock"):
            self.assertIn(shown, r.body)
        self.assertEqual(r.header("Cache-Control"), "no-store")

        # admissibility: a reason is required
        r = olga.post("/work/intake/%d/decide" % first, [("decision", "admissible"), ("reason", "")])
        self.assertEqual(r.status, 400)
        self.assertIn("reason", alert(r))
        self.assertEqual(olga.post("/work/intake/%d/case" % first, [("title", "x")]).status, 400,
                         "only an admissible submission joins a case")
        r = olga.post("/work/intake/%d/decide" % first, [("decision", "admissible"),
                                                        ("reason", "Detailed, and the family confirms it")])
        self.assertEqual(r.status, 303)
        self.assertEqual(s.sql("SELECT status, decided_by FROM submissions WHERE id = ?", first),
                         [("admissible", "olga")])

        # a case from it: its victims join with labels
        r = olga.post("/work/intake/%d/case" % first, [("title", "Protesters beaten in Almaty, January 2025")])
        self.assertEqual(r.status, 303, alert(r))
        case = re.match(r"^/work/cases/(\d+)\?opened=1$", r.header("Location"))
        self.assertTrue(case, r.header("Location"))
        case = int(case.group(1))
        page = olga.get("/work/cases/%d" % case).body
        self.assertIn("Victim A", page)
        self.assertIn(VICTIM, page, "the officer's view names them")
        self.assertIn("did not consent to be named", page)

        # the second submission: the same man across scripts, linked, and joined to the case
        r = olga.get("/work/intake/%d" % second)
        self.assertIn("The same person: link", r.body)
        self.assertIn("Join case %d" % case, r.body)
        person = int(re.search(r'name="victim" value="1"><input type="hidden" name="person" value="(\d+)"',
                               r.body).group(1))
        r = olga.post("/work/intake/%d/link" % second, [("victim", "1"), ("person", str(person))])
        self.assertEqual(r.status, 303, alert(r))
        self.assertIn("linked", olga.get("/work/intake/%d" % second).body)
        self.assertEqual(olga.post("/work/intake/%d/decide" % second,
                                   [("decision", "admissible"), ("reason", "The same events")]).status, 303)
        self.assertEqual(olga.post("/work/intake/%d/link" % second, [("case", str(case))]).status, 303)
        page = olga.get("/work/cases/%d" % case).body
        self.assertIn('href="/work/intake/%d"' % second, page)

        # an event with an act: a summary naming the victim is refused, saying which label to write
        victim = re.search(r'<option value="(\d+)">Victim A: ', page).group(1)
        event = [("date", "2025-01-06"), ("place", "new"), ("place_name", "the gymnasium of school No. 12"),
                 ("place_kind", "gymnasium"), ("place_locality", "Almaty"), ("victim", victim),
                 ("method", "electric-shocks"), ("perpetrator", "new"), ("perpetrator_kind", "state-agent"),
                 ("perpetrator_unit", "the city police"), ("perpetrator_role", "officers"),
                 ("submission", str(first)), ("reliability", "probable")]
        r = olga.post("/work/cases/%d/event" % case, event + [("summary", "Yerlan was questioned at night.")])
        self.assertEqual(r.status, 400)
        self.assertIn('write &quot;Victim A&quot; instead', alert(r))
        r = olga.post("/work/cases/%d/event" % case, event + [("summary", "Victim A was questioned at night.")])
        self.assertEqual(r.status, 303, alert(r))
        # custody, as JSON: three days unregistered in the gymnasium
        place = re.search(r'<option value="(\d+)">the gymnasium of school No. 12</option>',
                          olga.get("/work/cases/%d" % case).body).group(1)
        custody = {"custody": [{"person": int(victim), "steps": [
            {"kind": "apprehension", "at": "2025-01-06T14:00", "authority": "the city police"},
            {"kind": "admission", "at": "2025-01-06T16:00", "place": int(place), "registered": False},
            {"kind": "release", "at": "2025-01-09"}]}]}
        self.assertEqual(olga.post("/work/cases/%d/import" % case, [("json", "{not json")]).status, 400)
        r = olga.post("/work/cases/%d/import" % case, [("json", json.dumps(custody))])
        self.assertEqual(r.status, 303, alert(r))
        page = olga.get("/work/cases/%d" % case).body
        self.assertIn("Held unregistered", page)
        self.assertIn("electric shocks", page)
        self.assertIn("the gymnasium of school No. 12", page)

        # a communication drafted from the case: the victim by label, never by name
        r = olga.post("/work/cases/%d/draft" % case)
        self.assertEqual(r.status, 303, alert(r))
        draft = r.header("Location")
        self.assertRegex(draft, r"^/work/c/\d+\?fromcase=%d$" % case)
        page = olga.get(draft).body
        self.assertIn("Drafted from the case", page)
        letter = page[page.index('<article class="letter">'):]
        self.assertIn("Victim A", letter)
        self.assertIn(NAMED, letter, "a victim who consented is named")
        for secret in (VICTIM, VICTIM_LATIN, "Маркерович", "Markerovich", SOURCE, CONTACT, "NARRATIVEMARK"):
            self.assertNotIn(secret, letter)
        draft_id = int(draft.split("/")[3].split("?")[0])

        # figures of the seed letter: confirmed, corrected, rejected; a situation and its funnel
        r = olga.get("/work/figures")
        ids = [int(x) for x in re.findall(r'<article class="figure" id="figure-(\d+)"', r.body)]
        self.assertGreater(len(ids), 10)
        self.assertEqual(olga.post("/work/figures/%d" % ids[0], [("action", "confirm")]).status, 303)
        self.assertEqual(olga.post("/work/figures/%d" % ids[1], [("action", "reject"), ("note", "quoted")]).status, 303)
        r = olga.post("/work/figures/%d" % ids[2], [("action", "set"), ("category", "nope")])
        self.assertEqual(r.status, 400)
        self.assertEqual(s.sql("SELECT status FROM figure_records WHERE id = ?", ids[2]), [("proposed",)])
        self.assertEqual(s.sql("SELECT status, decided_by FROM figure_records WHERE id IN (?, ?) ORDER BY id",
                               ids[0], ids[1]), [("confirmed", "olga"), ("rejected", "olga")])
        r = olga.post("/work/situations", [("slug", "kaz-2022-01"), ("title", "Kazakhstan, January 2022"),
                                          ("country", "KAZ")])
        self.assertEqual((r.status, r.header("Location")), (303, "/work/situations/kaz-2022-01"))
        self.assertEqual(olga.post("/work/situations", [("slug", "kaz-2022-01"), ("title", "again")]).status, 400)
        r = olga.post("/work/situations/kaz-2022-01/link", [("reference", "AL KAZ 2/2024"), ("action", "link")])
        self.assertEqual(r.status, 303, alert(r))
        for f in s.sql("SELECT id FROM figure_records WHERE status = 'proposed' AND category IS NOT NULL"):
            olga.post("/work/figures/%d" % f[0], [("action", "confirm")])
        page = olga.get("/work/situations/kaz-2022-01").body
        self.assertIn('role="img"', page)
        self.assertIn("What does not add up", page)
        self.assertIn("not accounted for", page)

        # approved (the command line), sent here, published 60 days later: no name, no source
        for mandate in s.sql("SELECT m.value FROM communications c, json_each(c.draft, '$.mandates') m WHERE c.id = ?",
                             draft_id):
            run("approve", str(draft_id), "--db", s.db, "--mandate", mandate[0], "--as", "a-holder")
        r = olga.post("/work/c/%d/send" % draft_id, [("date", "")])
        self.assertEqual(r.status, 303, r.body[:300])
        slug = s.sql("SELECT slug FROM communications WHERE id = ?", draft_id)[0][0]
        s.start("2025-04-01")
        anon = s.client()
        paths = ["/c/" + slug, "/c/%s.pdf" % slug, "/api/v1/communications/" + slug, "/dump.json", "/feed.atom",
                 "/search?q=gymnasium", "/search.json?q=gymnasium", "/search.csv?q=gymnasium",
                 "/api/v1/search?q=Almaty", "/addressee/KAZ", "/stats", "/situation/kaz-2022-01",
                 "/situation/kaz-2022-01.json", "/situation/kaz-2022-01.csv", "/api/v1/situations"]
        for p in paths:
            r = anon.get(p)
            with self.subTest(path=p):
                self.assertEqual(r.status, 200)
                for secret in (VICTIM, VICTIM_LATIN, "Маркерович", "Markerovich", SOURCE, "Srcmarkerova", CONTACT,
                               "NARRATIVEMARK"):
                    self.assertNotIn(secret, r.body)
        self.assertIn("Victim A", anon.get("/c/" + slug).body)


class PublicSituations(unittest.TestCase):
    """run.py's servers: the situation of the seed letter, with every figure confirmed, and one
    whose only letter is under embargo until 2026-05-01."""

    @classmethod
    def setUpClass(cls):
        cls.f = fixture()
        cls.A = os.environ["RAPPORTEUR_HTTP_URL"]
        cls.B = os.environ["RAPPORTEUR_HTTP_URL_BEFORE"]
        cls.slug = cls.f["situation"]

    def need_seed(self):
        if not self.slug:
            self.skipTest("the seed letter (SHARED/corpus) is not there")

    def ok(self, path, kind, base=None):
        r = get(base or self.A, path)
        self.assertEqual(r.status, 200, "%s: %s" % (path, r.text[:300]))
        self.assertTrue((r.header("Content-Type") or "").startswith(kind), r.header("Content-Type"))
        return r

    def public_figures(self):
        return fixture_sql("SELECT count(*) FROM figure_records WHERE status = 'confirmed' AND communication_id IN "
                           "(SELECT communication_id FROM situation_communications l JOIN situations s ON "
                           "s.id = l.situation_id WHERE s.slug = ?)", self.slug)[0][0]

    def test_the_page_draws_the_funnel_and_what_does_not_add_up(self):
        self.need_seed()
        r = self.ok("/situation/" + self.slug, "text/html")
        page = r.text
        self.assertIn("<h1>Kazakhstan, January 2022</h1>", page)
        self.assertIn('href="/c/AL-KAZ-2-2024"', page)
        svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
        root = ET.fromstring(svg)
        self.assertEqual(root.get("role"), "img")
        self.assertIn("Kazakhstan, January 2022", root.find(SVG + "title").text)
        self.assertIn("301 complaints", root.find(SVG + "desc").text)
        self.assertFalse(any(e.get("style") for e in root.iter()), "no style attribute: the CSP forbids them")
        self.assertIn("<th>Stage</th>", page)
        checks = page[page.index("What does not add up"):]
        self.assertIn("3 not accounted for", checks)
        self.assertIn("more than 13 criminal cases", checks)
        self.assertIn("Raised at earlier dates", checks)
        self.assertEqual(page.count('<tr id="figure-'), self.public_figures())
        self.assertIn("Content-Security-Policy", dict(r.headers))
        for leak in ("decided_by", self.f["markers"]["actor"], "Drafted from", "proposed"):
            self.assertNotIn(leak, page)

    def test_the_chart_alone_and_the_exports(self):
        self.need_seed()
        r = self.ok("/situation/%s.svg" % self.slug, "image/svg+xml")
        self.assertEqual(ET.fromstring(r.raw).get("role"), "img")
        r = self.ok("/situation/%s.csv" % self.slug, "text/csv")
        rows = list(csv.reader(io.StringIO(r.text)))
        self.assertEqual(rows[0], ["id", "reference", "document", "category", "category_label", "value", "unit",
                                   "as_of", "as_of_basis", "source", "source_label", "source_words", "passage",
                                   "status"])
        self.assertEqual(len(rows) - 1, self.public_figures())
        self.assertIn(["301"], [[row[5]] for row in rows[1:] if row[3] == "complaints"])
        j = self.ok("/situation/%s.json" % self.slug, "application/json").json()
        api = self.ok("/api/v1/situations/" + self.slug, "application/json").json()
        self.assertEqual(j, api)
        self.assertEqual(len(j["figures"]), self.public_figures())
        self.assertEqual(j["funnel"]["flags"], 2)
        self.assertEqual([c["reference"] for c in j["communications"]], ["AL KAZ 2/2024"])
        self.assertEqual(j["links"]["csv"], "/situation/%s.csv" % self.slug)
        text = json.dumps(j)
        for key in ("decided_by", "decided_at", '"note"', '"proposed"', '"evidence"', "created_by"):
            self.assertNotIn(key, text)

    def test_listed_in_the_api_and_on_the_statistics_page(self):
        names = [s["slug"] for s in self.ok("/api/v1/situations", "application/json").json()["situations"]]
        self.assertIn(self.f["embargo_situation"], names)
        if self.slug:
            self.assertIn(self.slug, names)
            self.assertIn('href="/situation/%s"' % self.slug, self.ok("/stats", "text/html").text)

    def test_a_situation_is_public_from_its_first_public_communication(self):
        e = self.f["embargo_situation"]
        before = [s["slug"] for s in self.ok("/api/v1/situations", "application/json", self.B).json()["situations"]]
        self.assertNotIn(e, before)
        self.assertNotIn("/situation/" + e, self.ok("/stats", "text/html", self.B).text)
        unknown = get(self.B, "/situation/no-such-situation")
        for path in ("/situation/" + e, "/situation/%s.csv" % e, "/situation/%s.json" % e,
                     "/situation/%s.svg" % e, "/api/v1/situations/" + e):
            r = get(self.B, path)
            with self.subTest(path=path):
                self.assertEqual(r.status, 404)
                if path.startswith("/situation/%s" % e) and path.endswith(e):
                    self.assertEqual(r.text, unknown.text, "the same 404 as a situation that never was")
        self.assertEqual(get(self.B, "/api/v1/situations/" + e).json()["error"]["message"],
                         get(self.B, "/api/v1/situations/nowhere").json()["error"]["message"])
        r = self.ok("/situation/" + e, "text/html")
        self.assertIn(self.f["embargo"]["reference"], r.text)
        self.assertIn("No confirmed figures yet", r.text)

    def test_no_source_and_no_unnamed_victim_on_any_public_answer(self):
        m = self.f["case_markers"]
        letter = self.f["case_letter"]
        for base in (self.A, self.B):
            dump = get(base, "/dump.json?per_page=1000").json()["communications"]
            self.assertIn(letter["reference"], [c["reference"] for c in dump])
            paths = ["/", "/search", "/search?q=Tashkent", "/search?q=beaten", "/search.csv?q=Tashkent",
                     "/search.json?q=Tashkent", "/feed.atom", "/dump.json?per_page=1000", "/stats", "/api/v1",
                     "/api/v1/search?q=Tashkent", "/api/v1/stats", "/addressee/UZB", "/api/v1/addressees/UZB",
                     "/mandate/torture", "/api/v1/mandates/torture", "/api/v1/situations", "/submit"]
            for s in ([self.slug] if self.slug else []) + [self.f["embargo_situation"]]:
                paths += ["/situation/" + s, "/situation/%s.csv" % s, "/situation/%s.json" % s,
                          "/situation/%s.svg" % s, "/api/v1/situations/" + s]
            for c in dump:
                paths += ["/c/" + c["slug"], "/api/v1/communications/" + c["slug"],
                          "/api/v1/communications/%s/replies" % c["slug"]]
            for path in paths:
                body = get(base, path).raw.decode("utf-8", "replace").lower()
                for marker in m.values():
                    self.assertNotIn(marker.lower(), body, "%s%s holds %s" % (base, path, marker))
        # the letter names the victim who consented and labels the other
        text = get(self.A, "/api/v1/communications/" + letter["slug"]).json()["text"]
        self.assertIn("Victim A", text)
        self.assertIn("Dilnoza Karimova", text)
        # the database holds the markers, sealed: no table has them in clear
        dump = store.dump(os.environ["RAPPORTEUR_HTTP_DB"])
        for marker in m.values():
            self.assertNotIn(marker, dump)
        self.assertEqual(fixture_sql("SELECT count(*) FROM submissions WHERE id = ?", letter["submission"]), [(1,)])


if __name__ == "__main__":
    unittest.main()
