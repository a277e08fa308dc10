/*
 * event_date.h - when something happened, as sure as the source is: an
 * exact day (with the time when known), a range of days, a month, a year,
 * a day give or take a few, or not known. Every such date is also a span
 * [from, to] of days, so that dates of different certainty can be sorted,
 * compared and measured (custody gaps: at least N days, at most M).
 *
 * Written as text: "2022-01-06", "2022-01-06T14:30", "2022-01-06/2022-01-09",
 * "2022-01", "2022", "~2022-01-06", "unknown". Knows nothing of the store.
 */
#ifndef RAPPORTEUR_EVENT_DATE_H
#define RAPPORTEUR_EVENT_DATE_H

#include <stdbool.h>

#include "../util/buf.h"
#include "../util/error.h"

enum event_date_kind {
	EVENT_DATE_UNKNOWN,
	EVENT_DATE_EXACT,
	EVENT_DATE_RANGE,
	EVENT_DATE_MONTH,
	EVENT_DATE_YEAR,
	EVENT_DATE_ESTIMATE,
};

/* The names stored and accepted ("exact", "range", ...), by kind. */
extern const char *const event_date_kind_names[6];

/* "~2022-01-06": that day give or take this many days. */
#define EVENT_DATE_ESTIMATE_DAYS 3

struct event_date {
	enum event_date_kind kind;
	int from, to; /* day numbers (util/date.h); DATE_NONE when unknown */
	int minute;   /* minute of the day (0..1439) for an exact day with a time, else -1 */
};

/* Parses one of the written forms; -1 with err naming what is wrong. A
 * date after latest (today, for things that happened) is refused. */
int event_date_parse(const char *text, int latest, struct event_date *d, struct error *err);
/* The written form back ("2022-01-06T14:30", "2022-01"...), into out. */
void event_date_format(const struct event_date *d, struct buf *out);
/* The date in English with its preposition: "on 6 January 2022", "between
 * 6 and 9 January 2022", "in January 2022", "in 2022", "on or around 6
 * January 2022", "on a date not known". */
void event_date_phrase(const struct event_date *d, struct buf *out);
/* Rebuilds a date from the store's columns (kind, from, to, time). */
int event_date_from_columns(const char *kind, const char *from, const char *to, const char *time,
			    struct event_date *d);
/* The earliest and latest minute it can have been (minutes since
 * 1970-01-01T00:00); false when not known. */
bool event_date_bounds(const struct event_date *d, long long *earliest, long long *latest);
/* a comes before b: by the middle of their spans, then the earliest;
 * unknown dates last. */
int event_date_compare(const struct event_date *a, const struct event_date *b);

#endif
