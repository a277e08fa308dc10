/*
 * report.h - what the Council reads: the joint communications report of a
 * session (A. communications sent in its window, with their replies; B.
 * replies received in its window to earlier communications; by addressee,
 * then date; WGAD regular-procedure and WGEID case items left out), and
 * the reply statistics. Public output: only public fields ever appear.
 */
#ifndef RAPPORTEUR_REPORT_H
#define RAPPORTEUR_REPORT_H

#include <stdbool.h>

#include "../store/db.h"

/* The report of session n as Markdown, or as an HTML fragment (caller
 * frees); NULL with err. */
char *report_session(struct db *db, int session, bool html, struct error *err);

enum stats_by { STATS_STATE, STATS_MANDATE, STATS_YEAR, STATS_TYPE, STATS_ALL };

struct stats_row {
	char *key;
	long long communications, replied, on_time;
	double median_days; /* -1 when none replied */
};

/* Reply statistics per group, largest groups first (caller frees with
 * stats_release). Drafts are not counted. */
int stats_replies(struct db *db, enum stats_by by, struct stats_row **rows, size_t *count, struct error *err);
void stats_release(struct stats_row *rows, size_t count);

#endif
