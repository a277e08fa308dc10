/*
 * clock.h - what day it is. The workflow's dates (due, overdue, published)
 * all hang on "today", which tests and replays set with RAPPORTEUR_TODAY
 * (YYYY-MM-DD) or --today; otherwise it is the local calendar date.
 */
#ifndef RAPPORTEUR_CLOCK_H
#define RAPPORTEUR_CLOCK_H

#include "../util/error.h"

int clock_today(void);
/* Sets today from "YYYY-MM-DD" for this process; -1 with err if malformed. */
int clock_set_today(const char *iso, struct error *err);
/* The wall-clock time, "2024-05-09T10:11:12Z", for event records. */
void clock_now_iso(char out[32]);

#endif
