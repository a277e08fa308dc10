#!/usr/bin/env python3
"""disk_full.py - a full disk (issue 6): the store on a small tmpfs.

As root only (mount); otherwise it says so and passes. The store is made
on a tmpfs with room for the knowledge base and a few letters, beside a
file that fills most of the rest; 200 letters are ingested:

- the ingest stops at the letter that did not fit, with exit 1 and a
  message that says "disk full" and what to do; the store passes
  check_store() (every letter stored whole, none half, the audit log
  intact) and holds some letters, not all;
- a backup onto that full disk fails the same way and leaves no file;
- with the filling file removed (room freed), the same ingest completes
  it: every letter, identical to a clean run's; with the tmpfs made larger
  (mount -o remount), so does a second store that filled up.
"""
import os
import subprocess

from faultlib import check, check_store, main, make_letters, records, run, workdir

LETTERS = 200


def mount(path, size):
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755" % size, "tmpfs", path],
                          capture_output=True, text=True)


def fill_and_check(db, letters, expected):
    p = run("ingest", "--quiet", "--db", db, letters, ok=(1,))
    check("disk full" in p.stderr, "the message does not say disk full:\n" + p.stderr)
    check("run the same ingest again" in p.stderr, "the message does not say what to do:\n" + p.stderr)
    check("ingest:" not in p.stdout, "a summary as if it had finished: " + p.stdout)
    held = check_store(db, expected)
    check(0 < held < LETTERS, "%d letters held on the full disk" % held)
    last = p.stderr.strip().splitlines()[-1]
    return held, last


def test():
    if os.geteuid() != 0:
        print("disk_full: skipped: mounting a tmpfs needs root (run make check-faults as root)")
        return
    d = workdir("full")
    letters = os.path.join(d, "letters")
    os.mkdir(letters)
    make_letters(letters, LETTERS)
    clean = os.path.join(d, "clean.db")
    run("init", "--db", clean)
    run("ingest", "--quiet", "--db", clean, letters)
    expected = records(clean)
    mnt = os.path.join(d, "mnt")
    os.mkdir(mnt)
    m = mount(mnt, "128m")
    if m.returncode != 0:
        print("disk_full: skipped: cannot mount a tmpfs here: %s" % m.stderr.strip())
        return
    try:
        # 1. room freed: a file fills the disk but for about 3 MB
        db = os.path.join(mnt, "t.db")
        run("init", "--db", db)
        st = os.statvfs(mnt)
        free = st.f_bavail * st.f_frsize
        with open(os.path.join(mnt, "filler"), "wb") as f:
            f.write(b"\0" * (free - 3 * 1024 * 1024))
        held, message = fill_and_check(db, letters, expected)
        print("disk_full: %d of %d letters fitted; %s" % (held, LETTERS, message))
        p = run("backup", os.path.join(mnt, "b.db"), "--db", db, ok=(1,))
        check("disk full" in p.stderr, "backup onto a full disk: " + p.stderr)
        left = sorted(f for f in os.listdir(mnt) if f.startswith("b.db"))
        check(not left, "a failed backup left %s" % left)
        print("disk_full: backup on the full disk: %s" % p.stderr.strip())
        os.remove(os.path.join(mnt, "filler"))
        out = run("ingest", "--quiet", "--db", db, letters).stdout.strip()
        check(check_store(db, expected, complete=True) == LETTERS, "not every letter after freeing room")
        print("disk_full: room freed, again: %s" % out)
        run("backup", os.path.join(mnt, "b.db"), "--db", db)
        # 2. the disk made larger: a second store fills the rest, then the tmpfs grows
        db2 = os.path.join(mnt, "u.db")
        run("init", "--db", db2)
        st = os.statvfs(mnt)
        with open(os.path.join(mnt, "filler"), "wb") as f:
            f.write(b"\0" * (st.f_bavail * st.f_frsize - 3 * 1024 * 1024))
        held, message = fill_and_check(db2, letters, expected)
        size = (os.statvfs(mnt).f_blocks * os.statvfs(mnt).f_frsize) // (1024 * 1024) + 128
        r = subprocess.run(["mount", "-o", "remount,size=%dm" % size, mnt], capture_output=True, text=True)
        check(r.returncode == 0, "remount: " + r.stderr)
        out = run("ingest", "--quiet", "--db", db2, letters).stdout.strip()
        check(check_store(db2, expected, complete=True) == LETTERS, "not every letter after growing the disk")
        print("disk_full: a second store, %d letters fitted; the disk made larger, again: %s" % (held, out))
    finally:
        subprocess.run(["umount", "-l", mnt], capture_output=True)


if __name__ == "__main__":
    main(test)
