#!/usr/bin/env python3
"""kill_ingest.py - kill -9 during ingest, at random moments (issue 6).

A folder of 200 synthetic letters is ingested into a fresh store and
killed with SIGKILL at a random moment: a random number of letters is let
in (watched through a reader's connection, as a tool would), then a random
few milliseconds more, so that the kill lands inside a letter's
transaction as often as between two; one kill in five comes after the last
letter, while the dates are filled and the figures proposed. Then, each
time:

- the store passes check_store(): integrity, the full-text index, every
  letter wholly there (the very record a clean ingest stores, its child
  rows all there) or wholly absent, the audit chain and rows intact;
- the same ingest, run again, completes it: all 200 letters, their
  publication dates and their figures, identical to a clean run's.

KILLS (20) cycles; SEED fixes the moments (printed, to replay a failure).
Prints the time per cycle.
"""
import os
import random
import signal
import sqlite3
import subprocess
import time

from faultlib import R, check, check_store, copy_store, main, make_letters, records, run, workdir

KILLS = int(os.environ.get("KILLS", "20"))
LETTERS = int(os.environ.get("LETTERS", "200"))


def test():
    seed = int(os.environ.get("SEED") or random.SystemRandom().randrange(1 << 30))
    rnd = random.Random(seed)
    d = workdir("kill")
    letters = os.path.join(d, "letters")
    os.mkdir(letters)
    make_letters(letters, LETTERS)
    template = os.path.join(d, "template.db")
    run("init", "--db", template)
    # the clean run: what every letter's record is, and how long an ingest takes
    clean = os.path.join(d, "clean.db")
    copy_store(template, clean)
    t0 = time.monotonic()
    run("ingest", "--quiet", "--db", clean, letters)
    full = time.monotonic() - t0
    expected = records(clean)
    check(len(expected) == LETTERS, "the clean run stored %d letters of %d" % (len(expected), LETTERS))
    check_store(clean, expected, complete=True)
    print("kill_ingest: %d letters, a clean ingest takes %.2f s; seed %d" % (LETTERS, full, seed))

    db = os.path.join(d, "k.db")
    stored_at_kill, cycle_times = [], []
    for i in range(KILLS):
        c0 = time.monotonic()
        copy_store(template, db)
        after_letters = rnd.random() < 0.2
        target = LETTERS if after_letters else rnd.randrange(0, LETTERS)
        extra = rnd.uniform(0, 0.3 if after_letters else 0.02)
        p = subprocess.Popen([R, "ingest", "--quiet", "--db", db, letters], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=dict(os.environ, RAPPORTEUR_USER="faults"))
        watch = sqlite3.connect(db, timeout=30)
        while p.poll() is None:
            if watch.execute("SELECT count(*) FROM communications").fetchone()[0] >= target:
                break
            time.sleep(0.002)
        watch.close()
        time.sleep(extra)
        killed = p.poll() is None
        if killed:
            p.send_signal(signal.SIGKILL)
        at = time.monotonic() - c0
        p.wait()
        held = check_store(db, expected)
        stored_at_kill.append(held)
        out = run("ingest", "--quiet", "--db", db, letters).stdout
        check(check_store(db, expected, complete=True) == LETTERS, "cycle %d: not every letter after resuming" % i)
        cycle_times.append(time.monotonic() - c0)
        print("  cycle %2d: killed at %.3f s%s, %3d letters whole, the rest absent; again: %s"
              % (i + 1, at, " (it had finished)" if not killed else " (after the letters)" if after_letters else "",
                 held, out.strip()))
    mid = sum(1 for n in stored_at_kill if 0 < n < LETTERS)
    print("kill_ingest: %d kills, %d in the middle of the letters; every store whole and completed; "
          "%.2f s a cycle (kill, check, resume, check)" % (KILLS, mid, sum(cycle_times) / len(cycle_times)))
    check(mid >= KILLS // 2, "only %d of %d kills landed among the letters" % (mid, KILLS))


if __name__ == "__main__":
    main(test)
