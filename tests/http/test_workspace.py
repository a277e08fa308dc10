"""The workspace over real HTTP: `rapporteur serve` on a loopback port with a
fresh database, spoken to with the standard library only.

- every workspace route refuses whoever lacks the role it needs: anonymous
  (pages redirect to the login, forms get 401), a wrong role (403), a form
  without its CSRF token (403); the table below must name every /work route
  of src/web/routes.c;
- logging in: the session cookie's flags, the same answer for an unknown
  name and a wrong password, the login form's own CSRF defence, attempts
  limited per name and per address (429), idle and absolute expiry,
  logging out, a disabled user;
- the whole flow: an officer drafts (with the preview), each joining
  holder approves for their own mandate only, the officer sends, logs the
  reply and reads each question;
- internal notes never reach a public page, before or after publication;
- an uploaded letter is shown parsed and stored only when confirmed;
- administrators add users; script in every field comes back escaped.

Environment: RAPPORTEUR (the binary; default build/rapporteur), SHARED (the
shared folder; default ../shared). Run: python3 -m unittest discover tests/http
"""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import uuid

import store

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("RAPPORTEUR") or os.path.join(ROOT, "build", "rapporteur"))
SHARED = os.path.abspath(os.environ.get("SHARED") or os.path.join(ROOT, "..", "shared"))
SEED = os.path.join(SHARED, "corpus", "AL-KAZ-2-2024.md")
PASSWORD = "correct horse battery staple 7"


# --- a server of our own ------------------------------------------------------------------

def run(*args, env=None, input=None):
    """Runs the binary; returns its stdout, raising with its stderr on failure."""
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run([BIN, *args], env=e, input=input, capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError("rapporteur %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`rapporteur serve` on a fresh database in a temporary folder."""

    def __init__(self, name, users=(), today="2024-07-01", env=None):
        self.dir = tempfile.mkdtemp(prefix="rapporteur-http-%s-" % name)
        self.db = store.new_store(self.dir, "t")
        self.log = os.path.join(self.dir, "serve.log")
        self.env = env or {}
        run("init", "--db", self.db)
        run("ingest", "--db", self.db, SEED)
        for user, role, mandate in users:
            self.add_user(user, role, mandate)
        self.proc = None
        self.start(today)

    def add_user(self, name, role, mandate=None, password=PASSWORD):
        args = ["user", "add", name, "--role", role, "--db", self.db]
        if mandate:
            args += ["--mandate", mandate]
        run(*args, env={"RAPPORTEUR_PASSWORD": password})

    def start(self, today):
        self.stop()
        self.today = today
        for _ in range(5):
            self.port = free_port()
            env = dict(os.environ, RAPPORTEUR_TODAY=today, **self.env)
            logf = open(self.log, "a")
            self.proc = subprocess.Popen([BIN, "serve", "--db", self.db, "--port", str(self.port)], env=env,
                                         stdout=logf, stderr=subprocess.STDOUT)
            logf.close()
            for _ in range(200):
                if self.proc.poll() is not None:
                    break
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                    return
                except OSError:
                    time.sleep(0.05)
            self.stop()
        with open(self.log) as f:
            raise AssertionError("rapporteur serve did not start:\n" + f.read())

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def close(self):
        self.stop()
        if not os.environ.get("HTTP_KEEP"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def sql(self, query, *params):
        return store.sql(self.db, query, *params)

    def client(self, source=None):
        return Client(self, source)


class Response:
    def __init__(self, r, body):
        self.status = r.status
        self.headers = r.getheaders()
        self.body = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def cookies(self):
        return [v for k, v in self.headers if k.lower() == "set-cookie"]


def multipart(fields, files):
    boundary = "----rapporteur" + uuid.uuid4().hex
    out = []
    for name, value in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, name)).encode())
        out.append(value.encode() + b"\r\n")
    for name, filename, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: application/octet-stream\r\n\r\n" % (boundary, name, filename)).encode())
        out.append(data + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=" + boundary


class Client:
    """One browser: keeps the session cookie, never follows redirects."""

    def __init__(self, server, source=None):
        self.server = server
        self.source = source  # the loopback address it speaks from (127.0.0.2...), for limits per address
        self.cookie = None  # the value of rapporteur_session
        self.csrf = None

    def request(self, method, path, fields=None, files=None, headers=None, raw=None):
        c = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30,
                                       source_address=(self.source, 0) if self.source else None)
        h = dict(headers or {})
        body = None
        if raw is not None:
            body = raw
            h["Content-Type"] = "application/x-www-form-urlencoded"
        elif files is not None:
            body, h["Content-Type"] = multipart(fields or [], files)
        elif fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie is not None:
            h["Cookie"] = "rapporteur_session=" + self.cookie
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        res = Response(r, r.read())
        c.close()
        for v in res.cookies():
            m = re.match(r"rapporteur_session=([^;]*)", v)
            if m:
                self.cookie = m.group(1) if "Max-Age=0" not in v else None
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', res.body)
        if m:
            self.csrf = m.group(1)
        return res

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields=None, files=None, csrf=True):
        fields = list(fields or [])
        if csrf:
            fields.append(("csrf", self.csrf or ""))
        return self.request("POST", path, fields, files)

    def login(self, name, password=PASSWORD, next_path=None):
        self.get("/login")
        fields = [("name", name), ("password", password)]
        if next_path:
            fields.append(("next", next_path))
        r = self.post("/login", fields)
        if r.status == 303:
            self.get("/work")  # the session's CSRF token, from the page's forms
        return r


def draft_fields(marker="", subject="Beatings in the Karaganda pre-trial centre", joins=("arbitrary-detention",)):
    return [
        ("type", "AL"), ("addressee", "KAZ"), ("language", "en"), ("date", ""),
        ("lead", "torture"), *[("join", j) for j in joins],
        ("subject", subject),
        ("facts", "Mr. Ruslan Test was arrested on 2 January 2024 in Karaganda and beaten with batons "
                  "in the pre-trial detention centre.\n\nHe was not allowed to see a lawyer."),
        ("concerns", "about the allegations of torture and of detention without access to a lawyer."),
        ("internal_notes", "Source: contact via %s; do not disclose." % marker),
        ("provisions_violated", "ICCPR:7,9\nCAT:2,12"),
        ("provisions_cited", ""),
        ("questions", "@general-additional-information\n"
                      "Please indicate whether an investigation into the beating of Mr. Ruslan Test has been opened."),
        ("related", ""), ("interim_measures", "1"),
    ]


def route_table():
    """The workspace routes of src/web/routes.c: (method, pattern, roles)."""
    with open(os.path.join(ROOT, "src", "web", "routes.c")) as f:
        text = f.read()
    section = text[text.index("/* --- workspace ---"):text.index("/* --- end of workspace ---")]
    return [(m, p, r) for m, p, r in re.findall(r'\{"(GET|POST)", "([^"]+)", ([A-Z_| 0]+),', section)]


# --- every route refuses whoever lacks its role -------------------------------------------

# method, pattern, who may, a path to try, and the status the right role gets
# with a valid CSRF token (never 401 or 403).
OFFICER, HOLDER, ADMIN = "officer", "holder", "admin"
ANY = (OFFICER, HOLDER, ADMIN)
ROUTES = [
    ("POST", "/logout", ANY, "/logout", None),  # the allowed case would log out: tested in Login
    ("GET", "/work", ANY, "/work", 200),
    ("GET", "/work/drafts", ANY, "/work/drafts", 200),
    ("GET", "/work/drafts/new", (OFFICER,), "/work/drafts/new", 200),
    ("POST", "/work/drafts/new", (OFFICER,), "/work/drafts/new", 200),  # with action=preview
    ("POST", "/work/preview", (OFFICER,), "/work/preview", 200),
    ("GET", "/work/letters", ANY, "/work/letters", 200),
    ("GET", "/work/c/*", ANY, "/work/c/1", 200),
    ("GET", "/work/c/*/edit", (OFFICER,), "/work/c/999999/edit", 404),
    ("POST", "/work/c/*/edit", (OFFICER,), "/work/c/999999/edit", 404),
    ("POST", "/work/c/*/approve", (HOLDER,), "/work/c/999999/approve", 404),
    ("POST", "/work/c/*/send", (OFFICER,), "/work/c/999999/send", 404),
    ("POST", "/work/c/*/reply", (OFFICER,), "/work/c/999999/reply", 404),
    ("POST", "/work/replies/*/mark", (OFFICER,), "/work/replies/999999/mark", 404),
    ("GET", "/work/upload", (OFFICER,), "/work/upload", 200),
    ("POST", "/work/upload", (OFFICER,), "/work/upload", 400),
    ("POST", "/work/upload/confirm", (OFFICER,), "/work/upload/confirm", 400),
    ("GET", "/work/users", (ADMIN,), "/work/users", 200),
    ("POST", "/work/users", (ADMIN,), "/work/users", 400),
    ("POST", "/work/users/*/disable", (ADMIN,), "/work/users/nobody/disable", 404),
    ("GET", "/work/intake", (OFFICER,), "/work/intake", 200),
    ("GET", "/work/intake/*", (OFFICER,), "/work/intake/999999", 404),
    ("POST", "/work/intake/*/decide", (OFFICER,), "/work/intake/999999/decide", 404),
    ("POST", "/work/intake/*/link", (OFFICER,), "/work/intake/999999/link", 404),
    ("POST", "/work/intake/*/apart", (OFFICER,), "/work/intake/999999/apart", 404),
    ("POST", "/work/intake/*/case", (OFFICER,), "/work/intake/999999/case", 404),
    ("GET", "/work/cases", (OFFICER,), "/work/cases", 200),
    ("GET", "/work/cases/*", (OFFICER,), "/work/cases/999999", 404),
    ("POST", "/work/cases/*/event", (OFFICER,), "/work/cases/999999/event", 404),
    ("POST", "/work/cases/*/import", (OFFICER,), "/work/cases/999999/import", 404),
    ("POST", "/work/cases/*/draft", (OFFICER,), "/work/cases/999999/draft", 404),
    ("GET", "/work/figures", (OFFICER,), "/work/figures", 200),
    ("POST", "/work/figures/*", (OFFICER,), "/work/figures/999999", 404),
    ("GET", "/work/situations", (OFFICER,), "/work/situations", 200),
    ("POST", "/work/situations", (OFFICER,), "/work/situations", 400),
    ("GET", "/work/situations/*", (OFFICER,), "/work/situations/nowhere", 404),
    ("POST", "/work/situations/*/link", (OFFICER,), "/work/situations/nowhere/link", 404),
]
ROLE_BITS = {"ROLE_OFFICER": {OFFICER}, "ROLE_HOLDER": {HOLDER}, "ROLE_ADMIN": {ADMIN},
             "ROLE_WORKSPACE": set(ANY), "0": set()}


class Access(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("access", users=[("olga", OFFICER, None), ("oscar", OFFICER, None),
                                             ("tomas", HOLDER, "torture"), ("ada", HOLDER, "arbitrary-detention"),
                                             ("root", ADMIN, None)])
        cls.clients = {}
        for role, name in ((OFFICER, "olga"), (HOLDER, "tomas"), (ADMIN, "root")):
            c = cls.server.client()
            assert c.login(name).status == 303, name
            cls.clients[role] = c

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_table_names_every_workspace_route(self):
        listed = {(m, p) for m, p, *_ in ROUTES}
        for method, pattern, roles in route_table():
            if pattern in ("/login", "/static/work.css", "/static/preview.js"):
                self.assertEqual(roles.strip(), "0", pattern)
                continue
            self.assertIn((method, pattern), listed, "no access test for %s %s" % (method, pattern))
            want = set()
            for bit in roles.split("|"):
                want |= ROLE_BITS[bit.strip()]
            got = set(next(r for m, p, r, *_ in ROUTES if (m, p) == (method, pattern)))
            self.assertEqual(got, want, "%s %s: roles in routes.c differ from the test's" % (method, pattern))

    def test_anonymous_is_sent_to_the_login(self):
        anon = self.server.client()
        for method, pattern, _, path, _ in ROUTES:
            with self.subTest(route="%s %s" % (method, pattern)):
                r = anon.get(path) if method == "GET" else anon.post(path, [("csrf", "0" * 64)], csrf=False)
                if method == "GET":
                    self.assertEqual(r.status, 303)
                    self.assertEqual(r.header("Location"), "/login?next=" + path)
                else:
                    self.assertEqual(r.status, 401)
                    self.assertIn("Log in", r.body)

    def test_a_wrong_role_is_refused(self):
        n = 0
        for method, pattern, allowed, path, _ in ROUTES:
            for role, c in self.clients.items():
                if role in allowed:
                    continue
                n += 1
                with self.subTest(route="%s %s" % (method, pattern), role=role):
                    r = c.get(path) if method == "GET" else c.post(path, [("action", "preview")])
                    self.assertEqual(r.status, 403)
                    self.assertIn("Your role does not allow this", r.body)
        self.assertGreater(n, 20)

    def test_a_form_without_its_csrf_token_is_refused(self):
        for method, pattern, allowed, path, _ in ROUTES:
            if method != "POST":
                continue
            c = self.clients[allowed[0]]
            with self.subTest(route=pattern):
                self.assertEqual(c.post(path, [("action", "preview")], csrf=False).status, 403)
                r = c.post(path, [("action", "preview"), ("csrf", "f" * 64)], csrf=False)
                self.assertEqual(r.status, 403)
                self.assertIn("did not come from this site", r.body)
                # another session's token is no better
                other = self.clients[ADMIN if allowed[0] != ADMIN else OFFICER]
                r = c.post(path, [("action", "preview"), ("csrf", other.csrf)], csrf=False)
                self.assertEqual(r.status, 403)

    def test_the_right_role_gets_in(self):
        for method, pattern, allowed, path, want in ROUTES:
            if want is None:
                continue
            for role in allowed:
                with self.subTest(route="%s %s" % (method, pattern), role=role):
                    c = self.clients[role]
                    r = c.get(path) if method == "GET" else c.post(path, [("action", "preview")])
                    self.assertEqual(r.status, want, r.body[:300])
                    self.assertEqual(r.header("Cache-Control"), "no-store")

    def test_pages_carry_the_csp_and_no_inline_script(self):
        c = self.clients[OFFICER]
        r = c.get("/work/drafts/new")
        csp = r.header("Content-Security-Policy")
        self.assertIn("script-src 'self'", csp)
        self.assertIn("connect-src 'self'", csp, "preview.js posts the form with fetch")
        self.assertIn('<script src="/static/preview.js" defer></script>', r.body)
        self.assertIsNone(re.search(r"<script(?![^>]*\bsrc=)", r.body), "an inline script")
        self.assertIsNone(re.search(r"\son[a-z]+=", r.body), "an inline event handler")
        js = c.get("/static/preview.js")
        self.assertEqual(js.status, 200)
        self.assertTrue(js.header("Content-Type").startswith("text/javascript"))
        self.assertIn("fetch(", js.body)
        self.assertEqual(c.get("/static/work.css").status, 200)

    def test_upload_is_shown_parsed_then_stored_on_confirmation(self):
        olga, oscar = self.clients[OFFICER], self.server.client()
        self.assertEqual(oscar.login("oscar").status, 303)
        path = os.path.join(ROOT, "tests", "letters")
        name = sorted(f for f in os.listdir(path) if f.endswith(".md"))[0]
        with open(os.path.join(path, name), "rb") as f:
            data = f.read()
        reference = run("parse", "--json", os.path.join(path, name))
        reference = re.search(r'"reference": "([^"]+)"', reference).group(1)
        self.assertEqual(self.server.sql("SELECT count(*) FROM communications WHERE reference = ?", reference), [(0,)])
        r = olga.post("/work/upload", [], files=[("file", "../../" + name, data)])
        self.assertEqual(r.status, 200, r.body[:500])
        self.assertIn(reference, r.body)
        self.assertIn("Questions (", r.body)
        self.assertIn("Warnings (", r.body)
        token = re.search(r'name="token" value="([0-9a-f]{64})"', r.body).group(1)
        # nothing stored before the confirmation, and the token is kept hashed
        self.assertEqual(self.server.sql("SELECT count(*) FROM communications WHERE reference = ?", reference), [(0,)])
        self.assertEqual(self.server.sql("SELECT count(*) FROM uploads WHERE token_hash = ?", token), [(0,)])
        self.assertEqual(self.server.sql("SELECT name FROM uploads"), [(name,)], "folders are dropped from the name")
        # another officer cannot confirm it
        self.assertEqual(oscar.post("/work/upload/confirm", [("token", token), ("action", "store")]).status, 404)
        r = olga.post("/work/upload/confirm", [("token", token), ("action", "store")])
        self.assertEqual(r.status, 200, r.body[:500])
        self.assertIn("stored", r.body)
        row = self.server.sql("SELECT source_name, publication_date IS NOT NULL FROM communications WHERE reference = ?",
                              reference)
        self.assertEqual(row, [(name, 1)])
        # once only
        self.assertEqual(olga.post("/work/upload/confirm", [("token", token), ("action", "store")]).status, 404)
        # a file with no reference is shown, and cannot be confirmed
        r = olga.post("/work/upload", [], files=[("file", "note.txt", b"Dear colleague,\n\nNothing to see here.\n")])
        self.assertEqual(r.status, 422)
        self.assertIn("No reference was found", r.body)
        self.assertNotIn('name="token"', r.body)
        # bytes that are not a letter get a clear 400
        r = olga.post("/work/upload", [], files=[("file", "x.md", b"\xff\xfe\x00\x01binary")])
        self.assertEqual(r.status, 400)
        # cancelling stores nothing
        r = olga.post("/work/upload", [], files=[("file", name, data)])
        token = re.search(r'name="token" value="([0-9a-f]{64})"', r.body).group(1)
        r = olga.post("/work/upload/confirm", [("token", token), ("action", "cancel")])
        self.assertEqual((r.status, r.header("Location")), (303, "/work/upload?cancelled=1"))
        self.assertEqual(self.server.sql("SELECT count(*) FROM uploads"), [(0,)])

    def test_administrators_add_and_disable_users(self):
        root = self.clients[ADMIN]
        r = root.post("/work/users", [("name", "newbie"), ("role", "holder"), ("mandate", "health"),
                                      ("password", "short"), ("password2", "short")])
        self.assertEqual(r.status, 400)
        self.assertIn("at least 10", r.body)
        r = root.post("/work/users", [("name", "newbie"), ("role", "holder"), ("mandate", ""),
                                      ("password", PASSWORD), ("password2", PASSWORD)])
        self.assertEqual(r.status, 400)
        self.assertIn("needs the mandate", r.body)
        r = root.post("/work/users", [("name", "newbie"), ("role", "holder"), ("mandate", "health"),
                                      ("password", PASSWORD), ("password2", PASSWORD)])
        self.assertEqual((r.status, r.header("Location")), (303, "/work/users?added=newbie"))
        self.assertIn("newbie", root.get("/work/users").body)
        newbie = self.server.client()
        self.assertEqual(newbie.login("newbie").status, 303)
        self.assertEqual(newbie.get("/work").status, 200)
        self.assertEqual(root.post("/work/users/newbie/disable").status, 303)
        self.assertEqual(newbie.get("/work").status, 303, "a disabled user's session ends")
        self.assertEqual(newbie.login("newbie").status, 401)
        self.assertEqual(root.post("/work/users/root/disable").status, 409, "not oneself")


# --- logging in -------------------------------------------------------------------------------

class Login(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("login", users=[("olga", OFFICER, None), ("victim", OFFICER, None),
                                            ("tomas", HOLDER, "torture")])

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_session_cookie_flags(self):
        c = self.server.client()
        c.get("/login")
        r = c.post("/login", [("name", "olga"), ("password", PASSWORD)])
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/work")
        cookie = [v for v in r.cookies() if v.startswith("rapporteur_session=")][0]
        attributes = [a.strip() for a in cookie.split(";")]
        self.assertRegex(attributes[0], r"^rapporteur_session=[0-9a-f]{64}$")
        self.assertIn("HttpOnly", attributes)
        self.assertIn("SameSite=Strict", attributes)
        self.assertIn("Path=/", attributes)
        self.assertNotIn("Secure", attributes, "plain-HTTP loopback: a Secure cookie would never come back")
        # the store keeps a hash of the token, never the token
        token = attributes[0].split("=", 1)[1]
        self.assertEqual(self.server.sql("SELECT count(*) FROM sessions WHERE token_hash = ?", token), [(0,)])
        self.assertEqual(self.server.sql("SELECT count(*) FROM sessions WHERE token_hash LIKE ?", "%" + token[:16] + "%"),
                         [(0,)])
        self.assertEqual(c.get("/work").status, 200)

    def test_secure_cookies_behind_tls(self):
        s = Server("secure", users=[("olga", OFFICER, None)], env={"RAPPORTEUR_SECURE_COOKIES": "1"})
        try:
            c = s.client()
            r = c.login("olga")
            self.assertEqual(r.status, 303)
            self.assertIn("Secure", [a.strip() for a in r.cookies()[0].split(";")])
        finally:
            s.close()

    def test_same_answer_for_unknown_name_and_wrong_password(self):
        c = self.server.client()
        wrong = c.login("olga", "not the password at all")
        unknown = c.login("nobody-at-all", "not the password at all")
        self.assertEqual(wrong.status, 401)
        self.assertEqual(unknown.status, 401)
        strip = lambda r: re.sub(r'value="[^"]*"', "", r.body)
        self.assertEqual(strip(wrong).replace("olga", "X"), strip(unknown).replace("nobody-at-all", "X"))
        self.assertIn("The name or the password is not right.", wrong.body)
        self.assertIsNone(c.cookie if c.cookie and not c.cookie.startswith("login.") else None)
        self.server.sql("DELETE FROM login_attempts")

    def test_the_login_form_has_its_own_csrf_defence(self):
        c = self.server.client()
        # no login cookie: a form posted from another site
        r = c.request("POST", "/login", [("name", "olga"), ("password", PASSWORD), ("csrf", "a" * 64)])
        self.assertEqual(r.status, 403)
        c.get("/login")
        r = c.post("/login", [("name", "olga"), ("password", PASSWORD)], csrf=False)
        self.assertEqual(r.status, 403, "the cookie without the form's copy")
        c.get("/login")
        r = c.request("POST", "/login", [("name", "olga"), ("password", PASSWORD), ("csrf", "b" * 64)])
        self.assertEqual(r.status, 403, "a token that is not the cookie's")
        self.assertEqual(c.login("olga").status, 303)

    def test_login_goes_back_where_it_was_asked_for_and_nowhere_else(self):
        c = self.server.client()
        self.assertEqual(c.get("/work/drafts").header("Location"), "/login?next=/work/drafts")
        self.assertEqual(c.login("olga", next_path="/work/drafts").header("Location"), "/work/drafts")
        for bad in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
            c = self.server.client()
            self.assertEqual(c.login("olga", next_path=bad).header("Location"), "/work", bad)

    def test_attempts_are_limited_per_name(self):
        c = self.server.client()
        for i in range(5):
            self.assertEqual(c.login("victim", "wrong password %d" % i).status, 401)
        r = c.login("victim")  # the right password, too late
        self.assertEqual(r.status, 429)
        self.assertIn("Too many failed logins", r.body)
        self.assertEqual(r.header("Retry-After"), "900")
        self.assertIsNone(c.cookie if c.cookie and not c.cookie.startswith("login.") else None)
        self.assertEqual(c.login("VICTIM").status, 429, "names are counted without regard to case")
        # another name is not locked out by it
        self.assertEqual(self.server.client().login("tomas").status, 303)
        # the window passes
        self.server.sql("UPDATE login_attempts SET at = at - 901")
        self.assertEqual(c.login("victim").status, 303)
        self.assertEqual(self.server.sql("SELECT count(*) FROM login_attempts WHERE name = 'victim'"), [(0,)],
                         "a success forgets the name's failures")

    def test_attempts_are_limited_per_address(self):
        self.server.sql("DELETE FROM login_attempts")
        c = self.server.client()
        for i in range(20):
            self.assertEqual(c.login("name%d" % (i % 4), "wrong password").status, 401)
        r = c.login("olga")
        self.assertEqual(r.status, 429)
        self.server.sql("DELETE FROM login_attempts")
        self.assertEqual(c.login("olga").status, 303)

    def test_sessions_expire(self):
        c = self.server.client()
        self.assertEqual(c.login("olga").status, 303)
        self.assertEqual(c.get("/work").status, 200)
        self.server.sql("UPDATE sessions SET last_seen = last_seen - 12 * 3600 - 5")
        self.assertEqual(c.get("/work").status, 303, "12 hours idle")
        c = self.server.client()
        self.assertEqual(c.login("olga").status, 303)
        self.server.sql("UPDATE sessions SET expires = created WHERE last_seen > ?", int(time.time()) - 60)
        self.assertEqual(c.get("/work").status, 303, "past its absolute expiry")

    def test_logout_ends_the_session(self):
        c = self.server.client()
        self.assertEqual(c.login("olga").status, 303)
        token = c.cookie
        r = c.post("/logout")
        self.assertEqual((r.status, r.header("Location")), (303, "/"))
        self.assertTrue(any("Max-Age=0" in v for v in r.cookies()))
        c.cookie = token  # the old cookie, kept by an attacker
        self.assertEqual(c.get("/work").status, 303)

    def test_the_password_is_never_logged_or_stored(self):
        c = self.server.client()
        c.login("olga", "a-wrong-password-for-the-log")
        c.login("olga")
        with open(self.server.log) as f:
            log = f.read()
        self.assertNotIn(PASSWORD, log)
        self.assertNotIn("a-wrong-password-for-the-log", log)
        dump = store.dump(self.server.db)
        self.assertNotIn(PASSWORD, dump)
        self.assertNotIn("a-wrong-password-for-the-log", dump)
        self.assertRegex(self.server.sql("SELECT password_hash FROM users WHERE name = 'olga'")[0][0],
                         r"^\$argon2id\$v=19\$m=65536,t=2,p=1\$")


# --- the whole flow -----------------------------------------------------------------------------

class Flow(unittest.TestCase):
    MARKER = "ZQX-NOTE-7731"  # in the internal notes only

    @classmethod
    def setUpClass(cls):
        cls.server = Server("flow", today="2024-07-01", users=[
            ("olga", OFFICER, None), ("tomas", HOLDER, "torture"), ("ada", HOLDER, "arbitrary-detention"),
            ("hana", HOLDER, "health"), ("root", ADMIN, None)])

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def logged(self, name):
        c = self.server.client()
        self.assertEqual(c.login(name).status, 303)
        return c

    def test_flow(self):
        s = self.server
        olga = self.logged("olga")
        # the overview: the seed letter AL KAZ 2/2024 is due on 8 July 2024
        r = olga.get("/work")
        due = r.body[r.body.index("Due within 14 days"):]
        self.assertIn("AL KAZ 2/2024", due)

        # the form, its preview (a button and the endpoint preview.js calls), then saving
        fields = draft_fields(self.MARKER)
        r = olga.post("/work/drafts/new", fields + [("action", "preview")])
        self.assertEqual(r.status, 200)
        preview = r.body[r.body.index('id="preview"'):]
        self.assertIn("Excellency", preview)
        self.assertIn("Please indicate whether an investigation", preview)
        self.assertIn("Karaganda", preview)
        self.assertNotIn(self.MARKER, preview, "internal notes are not in the letter")
        self.assertIn('value="arbitrary-detention" checked', r.body, "the form comes back as typed")
        r = olga.post("/work/preview", fields)
        self.assertEqual(r.status, 200)
        self.assertNotIn("<html", r.body)
        self.assertIn('<article class="letter">', r.body)
        r = olga.post("/work/preview", [("lead", "no-such-mandate")])
        self.assertIn('class="error"', r.body)
        self.assertIn("no-such-mandate", r.body)
        r = olga.post("/work/drafts/new", fields + [("action", "save")])
        self.assertEqual(r.status, 303, r.body[:400])
        draft = r.header("Location").split("?")[0]
        self.assertRegex(draft, r"^/work/c/\d+$")
        page = olga.get(draft).body
        self.assertIn("awaiting approval", page)
        self.assertIn(self.MARKER, page, "the workspace shows the notes, marked confidential")
        self.assertIn("Internal notes (confidential)", page)
        self.assertEqual(s.sql("SELECT created_by FROM communications WHERE id = ?", int(draft.split("/")[-1])),
                         [("olga",)])

        # an invalid field: named, nothing stored
        n = s.sql("SELECT count(*) FROM communications")[0][0]
        bad = [(k, v) for k, v in fields if k != "provisions_violated"] + [("provisions_violated", "NOPE:1")]
        r = olga.post("/work/drafts/new", bad + [("action", "save")])
        self.assertEqual(r.status, 400)
        self.assertIn("NOPE", r.body)
        self.assertEqual(s.sql("SELECT count(*) FROM communications")[0][0], n)

        # approval: officers cannot, a holder whose mandate does not join cannot see it, each holder approves once
        self.assertEqual(olga.post(draft + "/approve").status, 403)
        hana = self.logged("hana")
        self.assertEqual(hana.get(draft).status, 403)
        self.assertEqual(hana.post(draft + "/approve").status, 403)
        self.assertNotIn(draft, hana.get("/work/drafts").body)
        tomas = self.logged("tomas")
        self.assertIn(draft, tomas.get("/work").body, "on the holder's overview")
        page = tomas.get(draft).body
        self.assertEqual(page.count("Approve for"), 1, "one button: the holder's own mandate")
        self.assertEqual(tomas.post(draft + "/approve").status, 303)
        self.assertEqual(tomas.post(draft + "/approve").status, 409, "once")
        self.assertIn("approved by tomas", olga.get(draft).body)
        self.assertEqual(olga.post(draft + "/send").status, 409, "not before every mandate has approved")
        ada = self.logged("ada")
        self.assertEqual(ada.post(draft + "/approve").status, 303)
        page = olga.get(draft).body
        self.assertRegex(page, r'<dd class="status">approved</dd>')
        self.assertIn("Send the letter", page)

        # an edit after approval withdraws the approvals; they approve again
        r = olga.post(draft + "/edit", fields + [("action", "save")])
        self.assertEqual(r.header("Location"), draft + "?withdrawn=1")
        self.assertRegex(olga.get(draft).body, r'<dd class="status">draft</dd>')
        self.assertEqual(tomas.post(draft + "/approve").status, 303)
        self.assertEqual(ada.post(draft + "/approve").status, 303)

        # sending: not in the future, then today
        self.assertEqual(olga.post(draft + "/send", [("date", "2024-07-02")]).status, 400)
        r = olga.post(draft + "/send", [("date", "")])
        self.assertEqual((r.status, r.header("Location")), (303, draft + "?sent=1"))
        page = olga.get(draft).body
        self.assertIn("<h1>AL KAZ 3/2024</h1>", page, "the next number after the held AL KAZ 2/2024")
        self.assertIn("2024-08-30", page, "reply due 60 days after 1 July 2024")
        self.assertEqual(olga.post(draft + "/edit", fields + [("action", "save")]).status, 409,
                         "a sent letter never changes")
        self.assertEqual(s.sql("SELECT sent_by, status FROM communications WHERE reference = 'AL KAZ 3/2024'"),
                         [("olga", "sent")])
        self.assertEqual([a for (a,) in s.sql("SELECT actor FROM status_events WHERE communication_id = ? "
                                                "ORDER BY id", int(draft.split("/")[-1]))],
                         ["olga", "ada", "olga", "ada", "olga"])

        # a reply, pasted, in the future refused; then read question by question
        s.start("2024-07-20")
        olga, tomas = self.logged("olga"), self.logged("tomas")
        overdue = olga.get("/work").body
        self.assertIn("AL KAZ 2/2024", overdue[overdue.index("Overdue"):overdue.index("Due within")])
        reply = ("The Permanent Mission presents its compliments.\n\n"
                 "1. The Government categorically rejects the allegations as unfounded and has nothing to add "
                 "to what it has already said about them.\n\n"
                 "2. Regarding question 2, no investigation was opened.")
        self.assertEqual(olga.post(draft + "/reply", [("received", "2024-07-21"), ("text", reply)], files=[]).status,
                         400)
        self.assertEqual(olga.post(draft + "/reply", [("received", "2024-07-15")], files=[]).status, 400,
                         "neither a file nor text")
        self.assertEqual(tomas.post(draft + "/reply", [("received", "2024-07-15"), ("text", reply)], files=[]).status,
                         403, "holders do not file replies")
        r = olga.post(draft + "/reply", [("received", "2024-07-15"), ("language", "en"), ("kind", ""),
                                         ("text", reply)], files=[])
        self.assertEqual(r.status, 303, r.body[:400])
        rid = int(re.search(r"#reply-(\d+)$", r.header("Location")).group(1))
        page = olga.get(draft).body
        self.assertRegex(page, r'<dd class="status">replied</dd>')
        self.assertIn("categorically rejects", page)
        r = olga.post("/work/replies/%d/mark" % rid, [("q1", "partly"), ("q2", "not-answered"), ("kind", "rejection")])
        self.assertEqual(r.status, 303)
        self.assertEqual(s.sql("SELECT question_n, reading, read_by FROM reply_answers WHERE reply_id = ? "
                               "ORDER BY question_n", rid), [(1, "partly", "olga"), (2, "not-answered", "olga")])
        self.assertEqual(s.sql("SELECT kind FROM replies WHERE id = ?", rid), [("rejection",)])
        self.assertEqual(olga.post("/work/replies/%d/mark" % rid, [("q1", "maybe")]).status, 400)
        self.assertEqual(s.sql("SELECT reading FROM reply_answers WHERE reply_id = ? AND question_n = 1", rid),
                         [("partly",)], "a bad reading changes nothing")
        # the same reply as an uploaded file is refused as a duplicate
        r = olga.post(draft + "/reply", [("received", "2024-07-15")], files=[("file", "pasted-reply.txt",
                                                                               reply.encode())])
        self.assertEqual(r.status, 400)
        self.assertIn("already filed", r.body)

        # the notes never reach a public page: before publication, and after
        slug = "AL-KAZ-3-2024"
        self.assertEqual(self.server.client().get("/c/" + slug).status, 404, "embargoed until 30 August 2024")
        self.public_pages_lack_marker(slug)
        s.start("2024-09-10")
        self.assertEqual(self.server.client().get("/c/" + slug).status, 200)
        self.public_pages_lack_marker(slug)
        self.assertEqual(s.sql("SELECT count(*) FROM communications WHERE coalesce(letter_md, '') || body || "
                               "record LIKE ?", "%" + self.MARKER + "%"), [(0,)], "not in the letter or its record")

    def public_pages_lack_marker(self, slug):
        anon = self.server.client()
        paths = ["/", "/c/" + slug, "/c/" + slug + ".pdf", "/search?q=Karaganda", "/search?q=disclose",
                 "/search.csv?q=Karaganda", "/search.json?q=disclose", "/feed.atom", "/dump.json",
                 "/addressee/KAZ", "/mandate/torture", "/stats", "/api/v1/search?q=disclose",
                 "/api/v1/communications/" + slug, "/api/v1/communications/" + slug + "/replies",
                 "/api/v1/addressees/KAZ", "/api/v1/mandates/torture", "/api/v1/stats"]
        for p in paths:
            r = anon.get(p)
            with self.subTest(path=p):
                self.assertNotIn(self.MARKER, r.body)
                self.assertNotIn("Internal notes", r.body)
                self.assertLess(r.status, 500)

    def test_script_comes_back_escaped(self):
        olga = self.logged("olga")
        evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
        fields = [(k, (v + evil) if k in ("subject", "facts", "concerns", "internal_notes") else v)
                  for k, v in draft_fields("escape")]
        fields += [("addressee_name", evil)]
        for path in ("/work/drafts/new", "/work/preview"):
            r = olga.post(path, fields + [("action", "preview")])
            with self.subTest(path=path):
                self.assertNotIn("<script>alert", r.body)
                self.assertNotIn("<img src=x", r.body)
        r = olga.post("/work/drafts/new", fields + [("action", "save")])
        self.assertEqual(r.status, 303)
        page = olga.get(r.header("Location")).body
        self.assertNotIn("<script>alert", page)
        self.assertNotIn("<img src=x", page)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
        r = olga.get("/work/letters?ref=" + urllib.parse.quote(evil))
        self.assertNotIn("<script>alert", r.body)
        self.assertNotIn("<img src=x", r.body)
        # in the questions and references too
        fields = [(k, v) for k, v in draft_fields("escape") if k not in ("questions", "related")]
        fields += [("questions", "Please explain " + evil), ("related", "AL KAZ 1/2022" + evil)]
        r = olga.post("/work/drafts/new", fields + [("action", "preview")])
        self.assertNotIn("<script>alert", r.body)
        self.assertNotIn("<img src=x", r.body)

    def test_hostile_input(self):
        s = self.server
        olga = self.logged("olga")
        # SQL metacharacters are text like any other
        sql = "Robert'); DROP TABLE users; -- \" OR 1=1"
        fields = [(k, sql if k == "subject" else v) for k, v in draft_fields("sql")]
        r = olga.post("/work/drafts/new", fields + [("action", "save")])
        self.assertEqual(r.status, 303)
        draft_id = int(r.header("Location").split("/")[-1].split("?")[0])
        self.assertEqual(s.sql("SELECT json_extract(draft, '$.subject') FROM communications WHERE id = ?", draft_id),
                         [(sql,)])
        self.assertGreater(s.sql("SELECT count(*) FROM users")[0][0], 0)
        self.assertEqual(olga.get("/work/letters?ref=" + urllib.parse.quote("1' OR '1'='1")).status, 200)
        # bad UTF-8, oversized fields and bodies: a clear 4xx, nothing stored
        n = s.sql("SELECT count(*) FROM communications")[0][0]
        body = ("csrf=%s&action=save&type=AL&subject=" % olga.csrf).encode() + b"%FF%FEbad"
        r = olga.request("POST", "/work/drafts/new", raw=body)
        self.assertEqual(r.status, 400)
        self.assertIn("UTF-8", r.body)
        r = olga.post("/work/drafts/new", [("action", "save"), ("facts", "x" * (300 * 1024))])
        self.assertEqual(r.status, 413)
        r = olga.post("/work/drafts/new", [("action", "save")] + [("facts%d" % i, "y" * 200000) for i in range(6)])
        self.assertEqual(r.status, 413)
        r = olga.post("/work/drafts/new", [("action", "save"), ("type", "XX")])
        self.assertEqual(r.status, 400)
        self.assertIn("type", r.body)
        r = olga.post("/work/drafts/new", [("action", "save"), ("date", "2024-02-30")])
        self.assertEqual(r.status, 400)
        self.assertEqual(s.sql("SELECT count(*) FROM communications")[0][0], n)
        # addresses that are not ids
        for path in ("/work/c/abc", "/work/c/1%27%20OR%20%271%27=%271", "/work/c/-1", "/work/c/99999999999999999999"):
            with self.subTest(path=path):
                self.assertEqual(olga.get(path).status, 404)
        for path in ("/work/c/../../etc/passwd", "/work/c/..%2f..%2fetc%2fpasswd", "/work/%2e%2e/c/1"):
            with self.subTest(path=path):
                self.assertIn(olga.get(path).status, (400, 404))


if __name__ == "__main__":
    unittest.main()
