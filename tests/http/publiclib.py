"""publiclib.py - what the public-record tests share: the servers and the
fixture that run.py made, and a small HTTP client (standard library only).
"""
import http.client
import json
import os
import unittest
import urllib.parse

import store


def fixture():
    raw = os.environ.get("RAPPORTEUR_HTTP_FIXTURE")
    if not raw:
        raise unittest.SkipTest("run through tests/http/run.py (it starts the servers)")
    return json.loads(raw)


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def json(self):
        return json.loads(self.text)


def get(base, path, method="GET", headers=None, body=None):
    """One request to the server at base ("http://127.0.0.1:PORT")."""
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return Answer(r.status, r.getheaders(), r.read())
    finally:
        c.close()


def sql(query, *params):
    return store.sql(os.environ["RAPPORTEUR_HTTP_DB"], query, *params)


def query_of(url):
    """The query string of a URL as a sorted list of (name, value)."""
    return sorted(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True))
