/*
 * limit.h - how often one client may do something, counted in memory: the
 * public intake form's submissions per address per hour. Nothing is
 * written to the store, so the server keeps no lasting record of which
 * address sent a submission (a source's address is as confidential as
 * their name); a restart forgets the counts. Knows nothing of pages.
 */
#ifndef RAPPORTEUR_WEB_LIMIT_H
#define RAPPORTEUR_WEB_LIMIT_H

#include <stdbool.h>

/* At most this many events per client in one limiter. */
#define WEB_LIMIT_MAX_EVENTS 32

/* Counts one event of kind ("intake") for client (an IPv4 or IPv6
 * address; an IPv6 address counts by its /64, which one host may hold
 * whole) at now (seconds), unless max events were counted in the
 * window_s seconds before now: then nothing is counted, false is returned
 * and *retry_after (when not NULL) says in how many seconds one is
 * allowed again. Thread-safe. max is at most WEB_LIMIT_MAX_EVENTS. */
bool web_limit_take(const char *kind, const char *client, int max, int window_s, long long now, int *retry_after);

/* Forgets every count (the unit tests). */
void web_limit_reset(void);

#endif
