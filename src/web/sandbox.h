/*
 * sandbox.h - `serve` restricts itself, once its socket, its database
 * connections and its key are open, to the system calls serving needs
 * (seccomp, through libseccomp: an allow-list). Every thread of the
 * process is filtered, those running already and those started later.
 * What the filter refuses fails with EPERM; running a program (execve)
 * kills the process. See docs/SECURITY.md.
 */
#ifndef RAPPORTEUR_SANDBOX_H
#define RAPPORTEUR_SANDBOX_H

#include <stdbool.h>

#include "../util/buf.h"
#include "../util/error.h"

/* Enters the sandbox. store_over_network: the store is a PostgreSQL
 * server, which a connection lost (the server restarted) reaches again
 * with a new socket: sockets may then be made and connected. A SQLite
 * store needs none. $RAPPORTEUR_SANDBOX=off skips it (and says so on
 * stderr), for a kernel without seccomp. -1 with err set when the filter
 * cannot be loaded. */
int sandbox_enter(bool store_over_network, struct error *err);

/* For the tests (tests/http/test_sandbox.py) and only when the server was
 * started with $RAPPORTEUR_SANDBOX_PROBE=1: true for the path
 * /_sandbox/probe, whose request tries what the sandbox must refuse. */
bool sandbox_probe_asked(const char *path);
/* Tries `what` (exec, write, read, socket, thread-write) on path, and
 * writes what happened into out, one line. exec does not come back. */
void sandbox_probe(const char *what, const char *path, struct buf *out);

#endif
