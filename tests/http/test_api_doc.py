"""Every example of docs/API.md, run against a real server (run.py's).

Each ```sh block holds one curl command; the block after it shows the
answer. The command runs with the documented address replaced by the test
server's (through curl when it is installed, else the same request made
here), and the answer must have what the documentation shows: for JSON,
every key shown (recursively; for a list, the keys of its first item in
every item the server gives); for a status line, the same status; for
CSV, the same header; for Atom, a feed with entries.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from publiclib import fixture, get

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOC = os.path.join(ROOT, "docs", "API.md")
DOC_BASE = "http://127.0.0.1:8080"


def examples():
    """(line, command, kind, expected text) for each example of the page."""
    text = open(DOC, encoding="utf-8").read()
    blocks = [(text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2))
              for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.M | re.S)]
    out = []
    for i, (line, kind, body) in enumerate(blocks):
        if kind != "sh":
            continue
        if i + 1 >= len(blocks) or blocks[i + 1][1] == "sh":
            raise AssertionError("docs/API.md line %d: an example without its answer" % line)
        out.append((line, body.strip(), blocks[i + 1][1], blocks[i + 1][2]))
    return out


def run_curl(command, base):
    """The command's output: curl itself when installed, else the same request."""
    command = command.replace(DOC_BASE, base)
    args = shlex.split(command)
    if args[0] != "curl":
        raise AssertionError("only curl examples: " + command)
    if shutil.which("curl"):
        p = subprocess.run(command, shell=True, capture_output=True, timeout=60)
        if p.returncode != 0:
            raise AssertionError("%s: exit %d %s" % (command, p.returncode, p.stderr.decode()))
        return p.stdout.decode("utf-8")
    flags = [a for a in args[1:] if a.startswith("-")]
    urls = [a for a in args[1:] if not a.startswith("-")]
    if set(flags) - {"-s", "-i"} or len(urls) != 1:
        raise AssertionError("docs/API.md examples use curl -s [-i] URL only: " + command)
    u = urllib.parse.urlsplit(urls[0])
    r = get(base, u.path + ("?" + u.query if u.query else ""))
    if "-i" not in flags:
        return r.text
    head = "HTTP/1.1 %d %s\r\n" % (r.status, "")
    head += "".join("%s: %s\r\n" % (k, v) for k, v in r.headers)
    return head + "\r\n" + r.text


def has_shape(test, shown, got, where):
    """got has every key shown (recursively)."""
    if isinstance(shown, dict):
        test.assertIsInstance(got, dict, where)
        for k, v in shown.items():
            test.assertIn(k, got, "%s: no %r" % (where, k))
            has_shape(test, v, got[k], "%s.%s" % (where, k))
    elif isinstance(shown, list) and shown:
        test.assertIsInstance(got, list, where)
        for i, item in enumerate(got):
            has_shape(test, shown[0], item, "%s[%d]" % (where, i))


class ApiDoc(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        fixture()
        cls.base = os.environ["RAPPORTEUR_HTTP_URL"]

    def test_the_page_has_examples_for_every_endpoint(self):
        commands = " ".join(c for _, c, _, _ in examples())
        for path in ("/api/v1 ", "/api/v1/search", "/api/v1/communications/", "/replies", "/api/v1/addressees/",
                     "/api/v1/mandates/", "/api/v1/stats", "/search.csv", "/search.json", "/dump.json", "/feed.atom",
                     "/api/v1/situations ", "/api/v1/situations/", "/situation/"):
            self.assertIn(path, commands + " ")

    def test_every_example(self):
        for line, command, kind, shown in examples():
            with self.subTest(line=line, command=command):
                out = run_curl(command, self.base)
                where = "docs/API.md:%d" % line
                if kind == "json":
                    has_shape(self, json.loads(shown), json.loads(out), where)
                elif kind == "http":
                    status = re.match(r"HTTP/1\.1 (\d+)", shown).group(1)
                    self.assertRegex(out, r"^HTTP/1\.1 %s\b" % status, where)
                    head, _, body = out.replace("\r\n", "\n").partition("\n\n")
                    self.assertIn("content-type: application/json", head.lower(), where)
                    has_shape(self, json.loads(shown.split("\n\n", 1)[1]), json.loads(body), where)
                elif kind == "csv":
                    self.assertEqual(out.splitlines()[0], shown.splitlines()[0], where)
                    self.assertGreater(len(out.splitlines()), 1, where)
                elif kind == "xml":
                    root = ET.fromstring(out.encode("utf-8"))
                    self.assertEqual(root.tag, "{http://www.w3.org/2005/Atom}feed", where)
                    self.assertTrue(root.findall("{http://www.w3.org/2005/Atom}entry"), where)
                else:
                    self.fail("%s: an answer block must be json, http, csv or xml, not %r" % (where, kind))


if __name__ == "__main__":
    unittest.main()
