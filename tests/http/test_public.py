"""The public record over real HTTP (servers and fixture from run.py):
every public page and answer, the search with its filters, facet counts
and pages, the query in the address, exports (CSV, JSON, Atom, the dump),
the API and its error envelope; an unpublished letter invisible before
its publication date and visible after; no confidential marker anywhere.
"""
import csv
import html.parser
import io
import json
import re
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from publiclib import fixture, get, query_of, sql

ATOM = "{http://www.w3.org/2005/Atom}"


class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import os
        cls.f = fixture()
        cls.A = os.environ["RAPPORTEUR_HTTP_URL"]
        cls.B = os.environ["RAPPORTEUR_HTTP_URL_BEFORE"]

    def ok(self, path, base=None, kind="text/html"):
        r = get(base or self.A, path)
        self.assertEqual(r.status, 200, "%s: %s" % (path, r.text[:300]))
        self.assertTrue((r.header("Content-Type") or "").startswith(kind), "%s: %s" % (path, r.header("Content-Type")))
        return r

    def api(self, path, base=None, status=200):
        r = get(base or self.A, path)
        self.assertEqual(r.status, status, "%s: %s" % (path, r.text[:300]))
        self.assertEqual(r.header("Content-Type"), "application/json")
        return r.json()

    def search(self, query, base=None):
        return self.api("/api/v1/search?" + query, base)

    def public_count(self, today, where="1 = 1", *params):
        return sql("SELECT count(*) FROM communications c WHERE c.reference IS NOT NULL AND c.status NOT IN "
                   "('draft', 'approved') AND c.publication_date IS NOT NULL AND c.publication_date <= ? AND "
                   + where, today, *params)[0][0]

    def slugs(self, answer):
        return [r["slug"] for r in answer["results"]]


class Pages(Base):
    def test_home_lists_the_latest_publications(self):
        text = self.ok("/").text
        self.assertIn('role="search"', text)
        self.assertIn("Latest publications", text)
        embargo = self.f["embargo"]
        # published 2026-05-01: the newest publication after, absent before
        first = re.search(r'<a href="/c/([^"]+)">', text[text.index("Latest publications"):]).group(1)
        self.assertEqual(first, embargo["slug"])
        self.assertNotIn(embargo["slug"], self.ok("/", self.B).text)

    def test_style_sheet_reads_on_phones_and_prints(self):
        css = self.ok("/static/style.css", kind="text/css").text
        self.assertIn("@media print", css)
        self.assertIn("@media (max-width", css)
        self.assertNotIn("url(", css, "no external assets")

    def test_security_headers(self):
        r = self.ok("/search?q=torture")
        self.assertIn("default-src 'none'", r.header("Content-Security-Policy"))
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertNotIn("<script", r.text)
        self.assertNotIn(" style=", r.text, "inline styles would be blocked by the CSP")

    def test_communication_page_early_letter(self):
        e = self.f["early"]
        text = self.ok("/c/" + e["slug"]).text
        self.assertIn("<h1>%s</h1>" % e["reference"], text)
        self.assertIn("Kazakhstan", text)
        self.assertIn('datetime="2022-02-03"', text)  # sent
        self.assertIn('datetime="2022-04-04"', text)  # due: 60 days on, and published
        self.assertIn('href="/mandate/torture"', text)
        self.assertIn('href="/mandate/arbitrary-detention"', text)
        # the letter, rendered from its text
        self.assertIn('<article class="letter">', text)
        self.assertIn("unregistered places of detention", text)
        # the questions, with what the reply said of each
        self.assertIn("Please provide information on the investigations into the beatings in custody.", text)
        self.assertRegex(text, r'Reply 1</a> \(<time datetime="2022-03-18">18 March 2022</time>\): '
                               r'<span class="reading-answered">answered</span>')
        # the reply itself, public with the letter
        self.assertIn("eleven officers were questioned", text)
        self.assertIn('<span class="tag reply-in-time">Replied in time</span>', text)
        # the chain: the later letter that cites it
        self.assertIn('href="/c/%s"' % self.f["follow"]["slug"], text)
        # the PDF and the JSON are linked
        self.assertIn('href="/c/%s.pdf"' % e["slug"], text)

    def test_communication_page_follow_up(self):
        fo, e = self.f["follow"], self.f["early"]
        text = self.ok("/c/" + fo["slug"]).text
        # the chain back: earlier letter -> its reply -> this letter
        self.assertRegex(text, r'<a href="/c/%s">%s</a> \(<time datetime="2022-02-03">3 February 2022</time>\) → '
                               r'reply <time datetime="2022-03-18">' % (re.escape(e["slug"]), re.escape(e["reference"])))
        # a late reply shows as late; the officer's reading replaces the suggestion
        self.assertIn('<span class="tag late">late</span>', text)
        self.assertIn('<span class="tag reply-late">Replied late</span>', text)
        self.assertRegex(text, r'<span class="reading-partly">partly</span></li>')
        self.assertIn("two officers were convicted", text)
        # provisions cited, as links to the search
        self.assertIn('href="/search?instrument=CAT&amp;article=13"', text)

    def test_pdf(self):
        r = get(self.A, "/c/%s.pdf" % self.f["early"]["slug"])
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertTrue(r.raw.startswith(b"%PDF-"))
        self.assertEqual(get(self.B, "/c/%s.pdf" % self.f["embargo"]["slug"]).status, 404)

    def test_unknown_and_unpublished_get_the_same_404(self):
        embargo = self.f["embargo"]
        unknown = get(self.B, "/c/UA-KGZ-99-2026")
        unpublished = get(self.B, "/c/" + embargo["slug"])
        self.assertEqual(unknown.status, 404)
        self.assertEqual(unpublished.status, 404)
        self.assertEqual(unknown.text, unpublished.text)
        self.assertNotIn(embargo["marker"], unpublished.text)
        a = self.api("/api/v1/communications/" + embargo["slug"], self.B, 404)
        b = self.api("/api/v1/communications/UA-KGZ-99-2026", self.B, 404)
        self.assertEqual(a, b)
        self.assertEqual(a["error"]["status"], 404)
        self.api("/api/v1/communications/%s/replies" % embargo["slug"], self.B, 404)
        # after its publication date it is there
        self.assertIn(embargo["marker"], self.ok("/c/" + embargo["slug"]).text)
        self.assertEqual(self.api("/api/v1/communications/" + embargo["slug"])["publication_date"],
                         embargo["publication_date"])

    def test_addressee_page_and_figures(self):
        text = self.ok("/addressee/KAZ").text
        self.assertIn("<h1>Kazakhstan</h1>", text)
        a = self.api("/api/v1/addressees/KAZ")
        fig = a["figures"]
        today = self.f["today_after"]
        self.assertEqual(fig["communications"], self.public_count(today, "c.country = 'KAZ'"))
        # the fixture's replies: one in time (43 days), one late (123 days)
        self.assertEqual(fig["replied"], 2)
        self.assertEqual(fig["replied_in_time"], 1)
        self.assertEqual(fig["replied_late"], 1)
        self.assertEqual(fig["median_days_to_reply"], 83)
        self.assertEqual(fig["no_reply"], fig["communications"] - 2)
        self.assertEqual(fig["overdue"], fig["no_reply"])
        self.assertAlmostEqual(fig["reply_rate"], int(2 * 1000 / fig["communications"]) / 1000)
        self.assertIn(self.f["follow"]["slug"], [c["slug"] for c in a["latest"]])
        for bad in ("ZZZ", "kaz", "KAZAKHSTAN"):
            self.assertEqual(get(self.A, "/addressee/" + bad).status, 404, bad)
            self.api("/api/v1/addressees/" + bad, status=404)

    def test_mandate_page(self):
        text = self.ok("/mandate/defenders").text
        self.assertIn("human rights defenders", text)
        m = self.api("/api/v1/mandates/defenders")
        self.assertEqual(m["figures"]["communications"], self.public_count(
            self.f["today_after"], "EXISTS (SELECT 1 FROM communication_mandates m WHERE m.communication_id = c.id "
            "AND m.slug = 'defenders')"))
        self.assertIn(self.f["follow"]["slug"], [c["slug"] for c in m["latest"]])
        self.assertEqual(get(self.A, "/mandate/no-such-mandate").status, 404)

    def test_stats_page_draws_svg(self):
        text = self.ok("/stats").text
        svgs = re.findall(r"<svg .*?</svg>", text, re.S)
        self.assertEqual(len(svgs), 3, "per year, reply rates by State, provisions")
        for s in svgs:
            root = ET.fromstring(s)  # well-formed, labels escaped
            self.assertEqual(root.get("role"), "img")
            labelled = root.get("aria-labelledby").split()
            ids = {el.get("id") for el in root.iter() if el.get("id")}
            self.assertTrue(set(labelled) <= ids, "the chart's title and description exist")
            self.assertTrue(root.find("{http://www.w3.org/2000/svg}title").text)
            self.assertTrue(root.findall(".//{http://www.w3.org/2000/svg}rect"), "bars")
        stats = self.api("/api/v1/stats")
        today = self.f["today_after"]
        self.assertEqual(stats["totals"]["communications"], self.public_count(today))
        per_year = {y["year"]: y["communications"] for y in stats["per_year"]}
        rows = sql("SELECT substr(c.date, 1, 4), count(*) FROM communications c WHERE c.reference IS NOT NULL AND "
                   "c.status NOT IN ('draft', 'approved') AND c.publication_date <= ? AND c.date IS NOT NULL "
                   "GROUP BY 1", today)
        self.assertEqual(per_year, {int(y): n for y, n in rows})
        self.assertTrue(stats["provisions"])
        top = stats["provisions"][0]
        cited = sql("SELECT count(DISTINCT ci.communication_id) FROM citations ci JOIN communications c ON "
                    "c.id = ci.communication_id WHERE ci.instrument = ? AND ci.article = ? AND c.reference IS NOT "
                    "NULL AND c.status NOT IN ('draft', 'approved') AND c.publication_date <= ?",
                    top["instrument"], top["article"], today)[0][0]
        self.assertEqual(top["communications"], cited)


class Search(Base):
    def test_words_phrases_stemming_and_snippets(self):
        torture = self.search("q=torture")
        self.assertGreater(torture["total"], 3)
        for r in torture["results"]:
            self.assertIn("<mark>", r["snippet_html"])
            self.assertNotIn("\x02", r["snippet"])
        # stemming: the same words found under another form
        self.assertEqual(self.search("q=tortured")["total"], torture["total"])
        phrase = self.search("q=%22hot+irons%22")
        self.assertIn(self.f["follow"]["slug"], self.slugs(phrase))
        self.assertGreaterEqual(self.search("q=hot+irons")["total"], phrase["total"])
        # the page shows the marks, the text around them escaped
        page = self.ok("/search?q=%22hot+irons%22").text
        self.assertTrue(re.search(r"<mark>hot(</mark>\W*<mark>|\s+)irons</mark>", page), "the phrase is marked")

    def test_boolean_operators(self):
        def total(q):
            return self.search("q=" + urllib.parse.quote(q))["total"]
        a, b = total("journalist"), total("defenders")
        self.assertEqual(total("journalist OR defenders") + total("journalist defenders"), a + b)
        self.assertEqual(total("journalist AND defenders"), total("journalist defenders"))
        self.assertEqual(total("defenders NOT journalist") + total("defenders AND journalist"), b)
        self.assertEqual(total("defenders -journalist"), total("defenders NOT journalist"))

    def test_every_facet_count_is_what_its_filter_finds(self):
        for query in ("", "q=torture", "q=detention&type=UA"):
            answer = self.search(query)
            base = dict(urllib.parse.parse_qsl(query))
            for name, values in answer["facets"].items():
                for v in values[:6]:
                    params = dict(base)
                    if name == "provision":
                        params.update(instrument=v["instrument"], article=v["article"])
                    elif name == "year":
                        params.update({"from": "%s-01-01" % v["value"], "to": "%s-12-31" % v["value"]})
                    elif name == "mandate":
                        params.update(mandate=v["value"], mandate_match="all")
                    else:
                        params[name if name != "addressee" else "addressee"] = str(v["value"])
                    got = self.search(urllib.parse.urlencode(params))["total"]
                    self.assertEqual(got, v["count"], "%s %s=%s" % (query, name, v))

    def test_reply_status_filters(self):
        early, follow = self.f["early"]["slug"], self.f["follow"]["slug"]
        late = self.search("reply=late&per_page=100")
        self.assertIn(follow, self.slugs(late))
        self.assertNotIn(early, self.slugs(late))
        in_time = self.search("reply=in-time&per_page=100")
        self.assertIn(early, self.slugs(in_time))
        self.assertNotIn(follow, self.slugs(in_time))
        replied = self.search("reply=replied")["total"]
        self.assertEqual(replied, late["total"] + in_time["total"])
        self.assertEqual(self.search("reply=none")["total"] + replied, self.search("")["total"])
        for r in late["results"]:
            self.assertEqual(r["reply_status"], "late")
            self.assertGreater(r["first_reply"], r["reply_due"])

    def test_mandates_any_and_all(self):
        any_ = self.search("mandate=torture&mandate=defenders&per_page=100")
        all_ = self.search("mandate=torture&mandate=defenders&mandate_match=all&per_page=100")
        today = self.f["today_after"]
        has = "EXISTS (SELECT 1 FROM communication_mandates m WHERE m.communication_id = c.id AND m.slug = '%s')"
        self.assertEqual(any_["total"], self.public_count(today, "(%s OR %s)" % (has % "torture", has % "defenders")))
        self.assertEqual(all_["total"], self.public_count(today, "%s AND %s" % (has % "torture", has % "defenders")))
        self.assertIn(self.f["follow"]["slug"], self.slugs(all_))
        self.assertNotIn(self.f["early"]["slug"], self.slugs(all_))
        for r in all_["results"]:
            self.assertTrue({"torture", "defenders"} <= set(r["mandates"]))

    def test_type_dates_session_instrument_article(self):
        for r in self.search("type=UA&per_page=100")["results"]:
            self.assertEqual(r["type"], "UA")
        ranged = self.search("from=2021-01-01&to=2022-12-31&per_page=100")
        self.assertTrue(ranged["results"])
        for r in ranged["results"]:
            self.assertTrue("2021-01-01" <= r["date"] <= "2022-12-31", r)
        follow = self.api("/api/v1/communications/" + self.f["follow"]["slug"])
        session = self.search("session=%d&per_page=100" % follow["session"])
        self.assertIn(follow["slug"], self.slugs(session))
        for r in session["results"]:
            self.assertEqual(r["session"], follow["session"])
        cat13 = self.slugs(self.search("instrument=CAT&article=13&per_page=100"))
        self.assertIn(self.f["follow"]["slug"], cat13)
        self.assertNotIn(self.f["early"]["slug"], cat13)
        cat = self.slugs(self.search("instrument=CAT&per_page=100"))
        self.assertIn(self.f["early"]["slug"], cat)
        self.assertEqual(self.search("addressee=KAZ&addressee=KGZ")["total"],
                         self.public_count(self.f["today_after"], "c.country IN ('KAZ', 'KGZ')"))

    def test_pages_cover_every_result_once(self):
        first = self.search("sort=newest&per_page=4")
        total, seen, page = first["total"], [], first
        self.assertEqual(page["pages"], (total + 3) // 4)
        while True:
            seen += [(r["date"], r["slug"]) for r in page["results"]]
            nxt = page["links"].get("next")
            if not nxt:
                break
            self.assertIn("per_page=4", nxt)
            page = self.api(nxt)
        self.assertEqual(len(seen), total)
        self.assertEqual(len(set(s for _, s in seen)), total)
        dates = [d for d, _ in seen if d]
        self.assertEqual(dates, sorted(dates, reverse=True), "newest first")
        past = self.search("sort=newest&per_page=4&page=999")
        self.assertEqual(past["results"], [])
        self.assertEqual(past["total"], total)
        oldest = [r["date"] for r in self.search("sort=oldest&per_page=100")["results"] if r["date"]]
        self.assertEqual(oldest, sorted(oldest))
        # the HTML page's own links
        text = self.ok("/search?sort=newest&per_page=4&page=2").text
        self.assertIn('rel="prev" href="/search?sort=newest&amp;per_page=4"', text)
        self.assertIn('rel="next" href="/search?sort=newest&amp;per_page=4&amp;page=3"', text)
        self.assertIn('aria-current="page" href="/search?sort=newest&amp;per_page=4&amp;page=2"', text)

    def test_query_round_trips_through_the_address_and_the_form(self):
        params = [("q", "torture custody"), ("addressee", "KAZ"), ("mandate", "torture"), ("mandate", "defenders"),
                  ("mandate_match", "all"), ("type", "AL"), ("from", "2020-01-01"), ("to", "2025-12-31"),
                  ("reply", "late"), ("session", "57"), ("instrument", "CAT"), ("article", "13"), ("sort", "newest")]
        url = "/search?" + urllib.parse.urlencode(params)
        text = self.ok(url).text
        form = FormReader()
        form.feed(text)
        self.assertEqual(sorted(p for p in form.submitted() if p[1]), sorted(params),
                         "submitting the form as it is gives the same search")
        for link in ("/search.csv?", "/search.json?", "/api/v1/search?"):
            m = re.search(r'href="(%s[^"]*)"' % re.escape(link), text)
            self.assertTrue(m, link)
            self.assertEqual(query_of(m.group(1).replace("&amp;", "&")), sorted(params), link)
        answer = self.search(urllib.parse.urlencode(params))
        q = answer["query"]
        self.assertEqual((q["q"], q["addressee"], q["mandate"], q["mandate_match"], q["reply"], q["session"]),
                         ("torture custody", ["KAZ"], ["torture", "defenders"], "all", "late", 57))
        self.assertEqual(query_of(answer["links"]["self"]), sorted(params))

    def test_bad_parameters_get_400_with_what_to_change(self):
        for query, words in (("from=2024-13-01", "from"), ("per_page=0", "per_page"), ("per_page=101", "per_page"),
                             ("sort=relevance", "relevance"), ("article=7", "instrument"),
                             ("q=NOT+torture", "only excludes"), ("reply=maybe", "reply"),
                             ("session=x", "session"), ("addressee=kazakhstan", "addressee"),
                             ("from=2024-05-01&to=2024-01-01", "after"), ("page=0", "page")):
            e = self.api("/api/v1/search?" + query, status=400)["error"]
            self.assertEqual(e["status"], 400)
            self.assertIn(words, e["message"], query)
            page = get(self.A, "/search?" + query)
            self.assertEqual(page.status, 400, query)
            self.assertIn('role="alert"', page.text)
            self.assertEqual(get(self.A, "/search.csv?" + query).status, 400)

    def test_hostile_queries_are_escaped_and_harmless(self):
        text = self.ok("/search?q=" + urllib.parse.quote('<script>alert("x")</script> torture')).text
        self.assertNotIn("<script>alert", text)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; torture", text)
        before = sql("SELECT count(*) FROM communications")[0][0]
        for q in ("'; DROP TABLE communications; --", '" OR 1=1 --', "torture) OR (1", "NEAR(a b)", "*", "^x"):
            r = get(self.A, "/api/v1/search?q=" + urllib.parse.quote(q))
            self.assertIn(r.status, (200, 400), q)
            self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(sql("SELECT count(*) FROM communications")[0][0], before)


class Exports(Base):
    def test_csv(self):
        total = self.search("q=torture")["total"]
        r = self.ok("/search.csv?q=torture", kind="text/csv")
        self.assertIn("attachment", r.header("Content-Disposition"))
        rows = list(csv.reader(io.StringIO(r.text)))
        self.assertEqual(rows[0][:3], ["reference", "url", "type"])
        self.assertEqual(len(rows) - 1, total)
        for row in rows[1:]:
            self.assertEqual(len(row), len(rows[0]))
            self.assertRegex(row[1], r"^http://127\.0\.0\.1:\d+/c/[A-Za-z0-9-]+$")
            for field in row:
                self.assertFalse(field[:1] in ("=", "+", "-", "@"), "formula guard: %r" % field)
        everything = list(csv.reader(io.StringIO(self.ok("/search.csv", kind="text/csv").text)))
        self.assertEqual(len(everything) - 1, self.public_count(self.f["today_after"]))

    def test_search_json(self):
        r = self.ok("/search.json?q=torture&addressee=KAZ", kind="application/json")
        data = r.json()
        self.assertEqual(data["total"], len(data["results"]))
        self.assertEqual(data["query"]["addressee"], ["KAZ"])
        for item in data["results"]:
            self.assertEqual(item["addressee"]["code"], "KAZ")
            self.assertEqual(item["links"]["html"], "/c/" + item["slug"])

    def test_dump(self):
        data = self.api("/dump.json")
        today = self.f["today_after"]
        self.assertEqual(data["total"], self.public_count(today))
        self.assertEqual(len(data["communications"]), data["total"])
        by_slug = {c["slug"]: c for c in data["communications"]}
        follow = by_slug[self.f["follow"]["slug"]]
        self.assertIn("hot irons", follow["text"])
        self.assertIn("two officers were convicted", follow["replies"][0]["text"])
        pages, seen, url = 0, [], "/dump.json?per_page=5"
        while url:
            part = self.api(url)
            pages += 1
            seen += [c["slug"] for c in part["communications"]]
            url = part["next"]
        self.assertEqual(sorted(seen), sorted(by_slug))
        self.assertEqual(pages, (data["total"] + 4) // 5)
        self.assertEqual(get(self.A, "/dump.json?per_page=5000").status, 400)
        before = self.api("/dump.json", self.B)
        self.assertNotIn(self.f["embargo"]["slug"], [c["slug"] for c in before["communications"]])

    def test_atom_feed(self):
        r = self.ok("/feed.atom", kind="application/atom+xml")
        root = ET.fromstring(r.raw)
        self.assertEqual(root.tag, ATOM + "feed")
        for tag in ("id", "title", "updated", "author"):
            self.assertIsNotNone(root.find(ATOM + tag), tag)
        self.assertRegex(root.find(ATOM + "updated").text, r"^\d{4}-\d\d-\d\dT00:00:00Z$")
        entries = root.findall(ATOM + "entry")
        self.assertTrue(0 < len(entries) <= 50)
        ids = set()
        published = []
        for e in entries:
            for tag in ("id", "title", "updated", "published", "summary"):
                self.assertTrue(e.find(ATOM + tag) is not None and e.find(ATOM + tag).text, tag)
            link = e.find(ATOM + "link[@rel='alternate']").get("href")
            self.assertTrue(link.startswith("http://127.0.0.1:"))
            ids.add(e.find(ATOM + "id").text)
            published.append(e.find(ATOM + "published").text)
        self.assertEqual(len(ids), len(entries))
        self.assertEqual(published, sorted(published, reverse=True))
        self.assertIn(self.f["embargo"]["slug"], entries[0].find(ATOM + "id").text)
        # a hostile Host header does not reach the XML unescaped
        hostile = get(self.A, "/feed.atom", headers={"Host": 'evil"><x a="'})
        ET.fromstring(hostile.raw)
        self.assertIn("http://localhost/c/", hostile.text)
        before = ET.fromstring(get(self.B, "/feed.atom").raw)
        self.assertNotIn(self.f["embargo"]["slug"], ET.tostring(before, encoding="unicode"))


class Api(Base):
    def test_index(self):
        index = self.api("/api/v1")
        paths = [e["path"] for e in index["endpoints"]]
        for p in ("/api/v1/search", "/api/v1/communications/{slug}", "/api/v1/communications/{slug}/replies",
                  "/api/v1/stats"):
            self.assertIn(p, paths)

    def test_communication_and_replies(self):
        fo = self.f["follow"]
        c = self.api("/api/v1/communications/" + fo["slug"])
        self.assertEqual(c["reference"], fo["reference"])
        self.assertEqual([m["slug"] for m in c["mandates"]], ["torture", "defenders"])
        self.assertEqual(c["reply_status"], "late")
        self.assertEqual(len(c["questions"]), 2)
        self.assertEqual(c["questions"][0]["answers"][0], {"reply": 1, "reading": "partly", "confirmed": True})
        self.assertEqual(c["chain"]["cites"][0]["communication"]["slug"], self.f["early"]["slug"])
        self.assertEqual(c["chain"]["cites"][0]["communication"]["first_reply"], "2022-03-18")
        self.assertIn({"instrument": "CAT", "article": "13", "violation": True}, c["citations"])
        self.assertIn("hot irons", c["text"])
        self.assertNotIn("text", c["replies"][0], "reply texts are at /replies")
        self.assertEqual(c["links"]["pdf"], "/c/%s.pdf" % fo["slug"])
        r = self.api(c["links"]["replies"])
        self.assertEqual(r["reference"], fo["reference"])
        self.assertEqual(r["replies"][0]["received"], "2024-09-20")
        self.assertTrue(r["replies"][0]["late"])
        self.assertEqual(r["replies"][0]["kind"], "rejection")
        self.assertIn("two officers were convicted", r["replies"][0]["text"])
        early = self.api("/api/v1/communications/" + self.f["early"]["slug"])
        self.assertIn(fo["slug"], [c["slug"] for c in early["chain"]["cited_by"]])

    def test_error_envelope(self):
        for path, status in (("/api/v1/nothing", 404), ("/api/v1/communications/NOPE-1-2020", 404),
                             ("/api/v1/search?from=x", 400), ("/api/v1/mandates/nope", 404)):
            e = self.api(path, status=status)
            self.assertEqual(set(e), {"error"})
            self.assertEqual(set(e["error"]), {"status", "title", "message"})
            self.assertEqual(e["error"]["status"], status)
        r = get(self.A, "/api/v1/search", method="POST", body=b"", headers={"Content-Length": "0"})
        self.assertIn(r.status, (401, 405))
        self.assertEqual(r.json()["error"]["status"], r.status)


class Confidentiality(Base):
    """Markers planted in every confidential field (run.py) never leave."""

    def paths(self, base):
        paths = ["/", "/search", "/search?q=torture", "/search?q=journalist", "/search?q=draft",
                 "/search.csv", "/search.json", "/search.json?q=torture",
                 "/feed.atom", "/dump.json", "/stats", "/api/v1", "/api/v1/search", "/api/v1/search?q=torture",
                 "/api/v1/stats", "/addressee/KAZ", "/addressee/KGZ", "/addressee/FRA", "/api/v1/addressees/KAZ",
                 "/api/v1/addressees/KGZ", "/mandate/torture", "/mandate/expression", "/api/v1/mandates/torture",
                 "/api/v1/mandates/expression"]
        for c in self.api("/dump.json", base)["communications"]:
            paths += ["/c/" + c["slug"], "/api/v1/communications/" + c["slug"],
                      "/api/v1/communications/%s/replies" % c["slug"]]
        return paths

    def test_no_marker_in_any_public_answer(self):
        markers = list(self.f["markers"].values())
        for base, also in ((self.A, []), (self.B, [self.f["embargo"]["marker"], self.f["embargo"]["slug"]])):
            for path in self.paths(base) + ["/c/" + self.f["embargo"]["slug"]]:
                r = get(base, path)
                body = r.raw.decode("utf-8", "replace")
                for m in markers + also:
                    self.assertNotIn(m.lower(), body.lower(), "%s%s holds %s" % (base, path, m))
            # the database does hold them: the test plants what it looks for
        held = sql("SELECT count(*) FROM communications WHERE draft LIKE ? OR created_by = ?",
                   "%" + self.f["markers"]["internal_notes"] + "%", self.f["markers"]["actor"])[0][0]
        self.assertGreater(held, 0)


class FormReader(html.parser.HTMLParser):
    """The search form's fields as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select, self.option_value = [], False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "search" in (a.get("class") or ""):
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button") and a.get("name"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_form = False

    def submitted(self):
        return self.fields


if __name__ == "__main__":
    unittest.main()
