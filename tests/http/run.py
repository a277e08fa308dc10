#!/usr/bin/env python3
"""run.py - the HTTP tests: `rapporteur serve` on loopback ports against a
fresh database, then every tests/http/test_*.py (unittest), then the
servers stopped. Python 3 standard library only.

The database (built here, with the command line, as an officer would):
our letters (tests/letters) and the seed letter (SHARED/corpus), plus
letters drafted, approved and sent through the workflow with replies in
time and late, a letter not yet published, and a draft never sent. Every
confidential thing carries a marker (internal notes, who acted, the file a
reply came from, the unsent draft) that no public answer may contain.

Two servers read it: "after" with today 2026-06-01, when every sent letter
is public, and "before" with today 2026-04-15, when the last one is not.
Tests find them through the environment:

  RAPPORTEUR_HTTP_URL          the "after" server, http://127.0.0.1:PORT
  RAPPORTEUR_HTTP_URL_BEFORE   the "before" server
  RAPPORTEUR_HTTP_DB           the database (read it with store.sql to check)
  RAPPORTEUR_HTTP_FIXTURE      JSON: the references made here and the markers

test_workspace.py starts servers of its own and ignores these.

On SQLite by default; with RAPPORTEUR_TEST_PG (a PostgreSQL server's URL,
tests/pg/server.sh) every store is a database made on that server
(store.py).

usage: python3 tests/http/run.py [test_file.py ...]   (default: every test_*.py)
env:   RAPPORTEUR (the binary; default build/rapporteur), RAPPORTEUR_SERVER (the binary
       that serves, if another: a sanitizer build), SHARED (../shared), HTTP_KEEP=1 keeps
       the temporary folder and prints it
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import store

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BIN = os.path.abspath(os.environ.get("RAPPORTEUR") or os.path.join(ROOT, "build", "rapporteur"))
# the binary that serves, if not BIN: a sanitizer build, say
SERVER_BIN = os.path.abspath(os.environ.get("RAPPORTEUR_SERVER") or BIN)
SHARED = os.path.abspath(os.environ.get("SHARED") or os.path.join(ROOT, "..", "shared"))

TODAY_AFTER = "2026-06-01"
TODAY_BEFORE = "2026-04-15"
# markers of what is confidential; each must never be served publicly
MARKERS = {
    "internal_notes": "NOTEMARK7d41",
    "actor": "actormark7d41",
    "reply_file": "FILEMARK7d41",
    "draft": "DRAFTMARK7d41",
}
# in the letter sent last: public only from its publication date
UNPUBLISHED_MARKER = "EMBARGOMARK7d41"
# a submission's source, its contact and narrative, and a victim who did not consent to be
# named: a letter is drafted from its case and published, and none may ever be served publicly
CASE_MARKERS = {
    "source": "Srcmarkova",
    "contact": "srcmark7d41@example.org",
    "narrative": "NARRMARK7d41",
    "victim": "Vicmarkov",
}


def run(*args, env=None, cwd=None):
    e = dict(os.environ)
    e.pop("RAPPORTEUR_TODAY", None)
    e.update(env or {})
    p = subprocess.run([BIN, *args], env=e, cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("run.py: rapporteur %s failed (%d):\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p.stdout


def sent_reference(out):
    m = re.search(r"sent ((?:AL|UA|OL|JAL|JUA|JOL) [A-Z]{3} \d+/\d{4})", out)
    if not m:
        sys.exit("run.py: no reference in the output of send:\n" + out)
    return m.group(1)


def draft_id(out):
    m = re.search(r"^draft (\d+) created", out, re.M)
    if not m:
        sys.exit("run.py: no draft id in:\n" + out)
    return m.group(1)


def slug(reference):
    return re.sub(r"[ /]", "-", reference)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def build_database(folder):
    """The fixture database; returns what tests need to know of it."""
    db = store.new_store(folder, "public")
    actor = MARKERS["actor"]
    run("init", "--db", db)
    seed = os.path.join(SHARED, "corpus", "AL-KAZ-2-2024.md")
    letters = [os.path.join(ROOT, "tests", "letters")] + ([seed] if os.path.exists(seed) else [])
    run("ingest", "--db", db, *letters)

    def draft(name, data):
        path = os.path.join(folder, name + ".json")
        write(path, json.dumps(data))
        return draft_id(run("draft", "new", "--db", db, "--file", path, "--as", actor))

    def send(ident, mandates, date):
        for m in mandates:
            run("approve", ident, "--db", db, "--mandate", m, "--as", actor)
        return sent_reference(run("send", ident, "--db", db, "--date", date, "--as", actor))

    # 1. an allegation letter to Kazakhstan, answered in time
    early = draft("early", {
        "type": "AL", "addressee": "KAZ", "mandates": ["torture", "arbitrary-detention"],
        "subject": "Beatings in custody after the January 2022 protests",
        "facts": "In January 2022 people detained after the protests in Almaty were beaten in custody "
                 "and held in unregistered places of detention.",
        "internal_notes": MARKERS["internal_notes"] + ": the source is reached through the lawyer only.",
        "provisions": [{"instrument": "ICCPR", "articles": ["7", "9"], "violation": True},
                       {"instrument": "CAT", "articles": ["12"], "violation": True}],
        "questions": [{"text": "Please provide information on the investigations into the beatings in custody."},
                      {"text": "Please indicate the number of persons detained after the protests and where they "
                               "were held."}],
    })
    early_ref = send(early, ["torture", "arbitrary-detention"], "2022-02-03")
    reply1 = os.path.join(folder, MARKERS["reply_file"] + "-in-time.md")
    write(reply1, "The Permanent Mission of Kazakhstan presents its compliments and replies to communication "
                  + early_ref + ".\n\n"
                  "1. Investigations into the alleged beatings in custody were opened by the prosecutor's office; "
                  "forensic examinations were ordered and eleven officers were questioned.\n\n"
                  "2. In total 9,900 persons were detained after the protests, in temporary holding facilities "
                  "of the police in Almaty and other cities.\n")
    run("reply", "add", early_ref, "--db", db, "--received", "2022-03-18", "--file", reply1,
        "--today", "2022-03-20", "--as", actor)

    # 2. its follow-up, from two mandates, answered late; the officer reads question 1
    follow = draft("follow", {
        "type": "AL", "addressee": "KAZ", "mandates": ["torture", "defenders"],
        "subject": "Follow-up on the investigations of torture after the January 2022 unrest",
        "facts": "Human rights defenders who documented the beatings of detainees in Almaty report that no "
                 "officer has been prosecuted. Several detainees reported burns inflicted with hot irons.",
        "internal_notes": MARKERS["internal_notes"] + ": second source, do not name.",
        "provisions": [{"instrument": "ICCPR", "articles": ["7"], "violation": True},
                       {"instrument": "CAT", "articles": ["12", "13"], "violation": True}],
        "questions": [{"text": "Please explain why no officer has been prosecuted for the beatings in custody."},
                      {"text": "Please describe the measures taken to protect the human rights defenders who "
                               "documented them."}],
        "related": [early_ref],
    })
    follow_ref = send(follow, ["torture", "defenders"], "2024-05-20")
    reply2 = os.path.join(folder, MARKERS["reply_file"] + "-late.md")
    write(reply2, "The Government categorically rejects the allegations, which are unfounded.\n\n"
                  "Regarding question 1: the prosecutor general examined every complaint of torture and referred "
                  "cases to the courts where evidence was found; two officers were convicted in 2023.\n")
    out = run("reply", "add", follow_ref, "--db", db, "--received", "2024-09-20", "--file", reply2,
              "--today", "2024-10-01", "--as", actor)
    reply_id = re.search(r"reply (\d+) to", out).group(1)
    run("reply", "mark", reply_id, "--db", db, "--question", "1", "--reading", "partly", "--as", actor)

    # 3. an urgent appeal sent in 2026: published on 2026-05-01, after "before" and before "after"
    late = draft("embargo", {
        "type": "UA", "addressee": "KGZ", "mandates": ["expression"],
        "subject": "Arrest of a journalist",
        "facts": "A journalist was arrested on 20 February 2026 after reporting on the border conflict. "
                 + UNPUBLISHED_MARKER + ".",
        "questions": [{"text": "Please provide the legal basis for the arrest of the journalist."}],
    })
    embargo_ref = send(late, ["expression"], "2026-03-02")

    # 4. a draft never sent
    draft("never", {
        "type": "AL", "addressee": "FRA", "mandates": ["torture"],
        "facts": "This draft was never sent: " + MARKERS["draft"] + ".",
        "questions": [{"text": "Please comment on " + MARKERS["draft"] + "."}],
    })

    # 5. information from a source becomes a case, and a letter drafted from the case is sent
    # and published: the source and the victim who did not consent are never named publicly
    case_letter = case_to_letter(folder, db, actor)

    # 6. situations: the seed's figures confirmed make its funnel; the embargoed letter's
    # situation is public only from that letter's publication date
    if os.path.exists(seed):
        run("situation", "new", "kaz-2022-01", "--title", "Kazakhstan, January 2022", "--country", "KAZ",
            "--from", "2022-01-01", "--to", "2022-01-31", "--db", db, "--as", actor)
        run("situation", "link", "kaz-2022-01", "AL KAZ 2/2024", "--db", db, "--as", actor)
        run("figures", "confirm", "--all", "--situation", "kaz-2022-01", "--db", db, "--as", actor)
    run("situation", "new", "kgz-2026-border", "--title", "Kyrgyzstan, the border conflict of 2026", "--country",
        "KGZ", "--db", db, "--as", actor)
    run("situation", "link", "kgz-2026-border", embargo_ref, "--db", db, "--as", actor)
    return {
        "db": db,
        "today_after": TODAY_AFTER,
        "today_before": TODAY_BEFORE,
        "early": {"reference": early_ref, "slug": slug(early_ref)},
        "follow": {"reference": follow_ref, "slug": slug(follow_ref)},
        "embargo": {"reference": embargo_ref, "slug": slug(embargo_ref), "marker": UNPUBLISHED_MARKER,
                    "publication_date": "2026-05-01"},
        "markers": MARKERS,
        "case_markers": CASE_MARKERS,
        "case_letter": case_letter,
        "situation": "kaz-2022-01" if os.path.exists(seed) else None,
        "embargo_situation": "kgz-2026-border",
        "seed": os.path.exists(seed),
    }


def case_to_letter(folder, db, actor):
    """A submission (markers in its source, contact, narrative and a victim who did not consent),
    decided, a case from it with an event, a letter drafted from the case, approved and sent."""
    m = CASE_MARKERS
    path = os.path.join(folder, "submission.json")
    write(path, json.dumps({
        "source": {"kind": "organisation", "name": "Marat " + m["source"] + " Human Rights Centre",
                   "contact": m["contact"]},
        "received": "2025-01-10", "country": "UZB", "language": "en", "urgency": "routine",
        "subject": "A protester beaten in police custody in Tashkent",
        "incident_date": "2025-01-06",
        "narrative": "Timur " + m["victim"] + " was beaten by police officers in station No. 3. " + m["narrative"],
        "victims": [{"name": "Timur " + m["victim"], "consent": False, "sex": "male", "age": 41,
                     "profiles": ["protester"]},
                    {"name": "Dilnoza Karimova", "consent": True, "sex": "female"}],
    }))
    sid = re.search(r"submission (\d+) received", run("intake", "add", "--db", db, "--file", path, "--as", actor,
                                                      "--today", "2025-01-12")).group(1)
    run("intake", "decide", sid, "--admissible", "--reason", "Detailed and corroborated", "--db", db, "--as", actor)
    cid = re.search(r"case (\d+) created", run("case", "new", "--from-submission", sid, "--db", db,
                                                "--as", actor)).group(1)
    victims = json.loads(run("case", "show", cid, "--json", "--db", db))["victims"]
    path = os.path.join(folder, "case.json")
    write(path, json.dumps({
        "places": [{"ref": "station", "name": "police station No. 3", "kind": "police-station",
                    "locality": "Tashkent"}],
        "perpetrators": [{"ref": "police", "kind": "state-agent", "unit": "the Tashkent city police",
                          "role": "officers"}],
        "events": [{"date": "2025-01-06", "place": "station",
                    "summary": "Victim A and Dilnoza Karimova were questioned about the protest.",
                    "sources": [{"submission": int(sid), "reliability": "probable"}],
                    "acts": [{"victim": victims[0]["id"], "method": "beating", "perpetrator": "police"},
                             {"victim": victims[1]["id"], "method": "threats-of-death", "perpetrator": "police"}]}],
    }))
    run("case", "import", cid, "--file", path, "--db", db, "--today", "2025-01-12")
    did = re.search(r"draft (\d+) created", run("case", "draft", cid, "--db", db, "--as", actor,
                                                 "--today", "2025-01-20")).group(1)
    for mandate in json.loads(run("draft", "show", did, "--json", "--db", db))["mandates"]:
        run("approve", did, "--db", db, "--mandate", mandate, "--as", actor)
    reference = sent_reference(run("send", did, "--db", db, "--date", "2025-01-20", "--as", actor))
    return {"reference": reference, "slug": slug(reference), "case": int(cid), "submission": int(sid)}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db, today, log):
        self.proc, self.url = None, None
        for _ in range(5):
            port = free_port()
            with open(log, "a") as logf:
                self.proc = subprocess.Popen([SERVER_BIN, "serve", "--db", db, "--port", str(port)],
                                             env=dict(os.environ, RAPPORTEUR_TODAY=today),
                                             stdout=logf, stderr=subprocess.STDOUT)
            self.url = "http://127.0.0.1:%d" % port
            for _ in range(200):
                if self.proc.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(self.url + "/static/style.css", timeout=1) as r:
                        if r.status == 200:
                            return
                except OSError:
                    time.sleep(0.05)
            self.stop()
        with open(log) as f:
            sys.exit("run.py: rapporteur serve did not start:\n" + f.read())

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return False
        return True


def main(argv):
    if not os.access(BIN, os.X_OK):
        sys.exit("run.py: %s is not built (make all)" % BIN)
    folder = tempfile.mkdtemp(prefix="rapporteur-http-")
    servers = []
    ok = False
    try:
        fixture = build_database(folder)
        after = Server(fixture["db"], TODAY_AFTER, os.path.join(folder, "after.log"))
        servers.append(after)
        before = Server(fixture["db"], TODAY_BEFORE, os.path.join(folder, "before.log"))
        servers.append(before)
        os.environ.update({
            "RAPPORTEUR": BIN,
            "SHARED": SHARED,
            "RAPPORTEUR_HTTP_URL": after.url,
            "RAPPORTEUR_HTTP_URL_BEFORE": before.url,
            "RAPPORTEUR_HTTP_DB": fixture["db"],
            "RAPPORTEUR_HTTP_FIXTURE": json.dumps(fixture),
        })
        sys.path.insert(0, HERE)
        loader = unittest.TestLoader()
        suite = unittest.TestSuite()
        names = [os.path.basename(a) for a in argv] or sorted(
            f for f in os.listdir(HERE) if f.startswith("test_") and f.endswith(".py"))
        for name in names:
            suite.addTests(loader.loadTestsFromName(name[:-3] if name.endswith(".py") else name))
        result = unittest.TextTestRunner(verbosity=1 if not os.environ.get("HTTP_VERBOSE") else 2).run(suite)
        ok = result.wasSuccessful()
    finally:
        for s in servers:
            if not s.stop():
                print("run.py: a server did not stop on SIGTERM", file=sys.stderr)
                ok = False
        # a sanitizer build's findings are failures too
        for log in ("after.log", "before.log"):
            path = os.path.join(folder, log)
            text = open(path, errors="replace").read() if os.path.exists(path) else ""
            if re.search(r"ERROR: (Address|Leak)Sanitizer|runtime error:", text):
                print("run.py: %s:\n%s" % (log, text), file=sys.stderr)
                ok = False
        if os.environ.get("HTTP_KEEP"):
            print("run.py: kept", folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
