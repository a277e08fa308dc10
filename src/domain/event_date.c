/*
 * event_date.c - uncertain dates. See event_date.h. English month names
 * come from the knowledge base (data/languages.json).
 */
#include "event_date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "../util/date.h"

const char *const event_date_kind_names[6] = {"unknown", "exact", "range", "month", "year", "estimate"};

static const char *month_name(int m)
{
	const struct kb_language *en = kb_language(kb_shared(), "en");
	return en->months[m - 1].items[0];
}

/* "HH:MM" into minutes of the day, -1 if it is not one. */
static int parse_time(const char *s)
{
	int h, m, n = 0;
	if (strlen(s) != 5 || sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 || s[2] != ':' || h > 23 || m > 59 ||
	    h < 0 || m < 0)
		return -1;
	return h * 60 + m;
}

static int parse_day(const char *s, size_t len)
{
	char tmp[16];
	if (len != 10)
		return DATE_NONE;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	return date_parse_iso(tmp);
}

static const char *const forms =
	"write 2022-01-06, 2022-01-06T14:30, 2022-01-06/2022-01-09 (a range), 2022-01 (a month), 2022 (a year), "
	"~2022-01-06 (around that day) or unknown";

int event_date_parse(const char *text, int latest, struct event_date *d, struct error *err)
{
	*d = (struct event_date){EVENT_DATE_UNKNOWN, DATE_NONE, DATE_NONE, -1};
	if (!text || !*text)
		return error_set(err, "no date: %s", forms);
	size_t len = strlen(text);
	const char *slash = strchr(text, '/');
	int y, m, n = 0;
	if (!strcmp(text, "unknown"))
		return 0;
	if (text[0] == '~') {
		int day = parse_day(text + 1, len - 1);
		if (day == DATE_NONE)
			return error_set(err, "\"%s\": after ~ give a day (~2022-01-06)", text);
		*d = (struct event_date){EVENT_DATE_ESTIMATE, day - EVENT_DATE_ESTIMATE_DAYS, day + EVENT_DATE_ESTIMATE_DAYS, -1};
	} else if (slash) {
		int a = parse_day(text, (size_t)(slash - text)), b = parse_day(slash + 1, strlen(slash + 1));
		if (a == DATE_NONE || b == DATE_NONE)
			return error_set(err, "\"%s\": a range is two days, 2022-01-06/2022-01-09", text);
		if (b < a)
			return error_set(err, "\"%s\": the range ends before it begins", text);
		*d = (struct event_date){a == b ? EVENT_DATE_EXACT : EVENT_DATE_RANGE, a, b, -1};
	} else if (len == 4 && sscanf(text, "%4d%n", &y, &n) == 1 && n == 4) {
		if (y < 1900 || y > 2200)
			return error_set(err, "\"%s\": not a year we can place", text);
		*d = (struct event_date){EVENT_DATE_YEAR, date_from_ymd(y, 1, 1), date_from_ymd(y, 12, 31), -1};
	} else if (len == 7 && sscanf(text, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7 && text[4] == '-') {
		if (!date_valid_ymd(y, m, 1))
			return error_set(err, "\"%s\": not a month (YYYY-MM)", text);
		*d = (struct event_date){EVENT_DATE_MONTH, date_from_ymd(y, m, 1),
					 date_from_ymd(y, m, date_days_in_month(y, m)), -1};
	} else if (len == 16 && (text[10] == 'T' || text[10] == ' ')) {
		int day = parse_day(text, 10), minute = parse_time(text + 11);
		if (day == DATE_NONE || minute < 0)
			return error_set(err, "\"%s\": a day and a time are written 2022-01-06T14:30", text);
		*d = (struct event_date){EVENT_DATE_EXACT, day, day, minute};
	} else {
		int day = parse_day(text, len);
		if (day == DATE_NONE)
			return error_set(err, "\"%s\" is not a date: %s", text, forms);
		*d = (struct event_date){EVENT_DATE_EXACT, day, day, -1};
	}
	if (latest != DATE_NONE && d->from > latest) {
		char when[11];
		date_format_iso(latest, when);
		return error_set(err, "\"%s\" is after today (%s)", text, when);
	}
	return 0;
}

void event_date_format(const struct event_date *d, struct buf *out)
{
	char a[11], b[11];
	int y, m, day;
	switch (d->kind) {
	case EVENT_DATE_UNKNOWN:
		buf_adds(out, "unknown");
		return;
	case EVENT_DATE_EXACT:
		date_format_iso(d->from, a);
		buf_adds(out, a);
		if (d->minute >= 0)
			buf_addf(out, "T%02d:%02d", d->minute / 60, d->minute % 60);
		return;
	case EVENT_DATE_RANGE:
		date_format_iso(d->from, a);
		date_format_iso(d->to, b);
		buf_addf(out, "%s/%s", a, b);
		return;
	case EVENT_DATE_MONTH:
		date_to_ymd(d->from, &y, &m, &day);
		buf_addf(out, "%04d-%02d", y, m);
		return;
	case EVENT_DATE_YEAR:
		date_to_ymd(d->from, &y, &m, &day);
		buf_addf(out, "%04d", y);
		return;
	case EVENT_DATE_ESTIMATE:
		date_format_iso(d->from + EVENT_DATE_ESTIMATE_DAYS, a);
		buf_addf(out, "~%s", a);
		return;
	}
}

static void day_phrase(int date, struct buf *out)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	buf_addf(out, "%d %s %d", d, month_name(m), y);
}

void event_date_phrase(const struct event_date *d, struct buf *out)
{
	int y1, m1, d1, y2, m2, d2;
	switch (d->kind) {
	case EVENT_DATE_UNKNOWN:
		buf_adds(out, "on a date not known");
		return;
	case EVENT_DATE_EXACT:
		buf_adds(out, "on ");
		day_phrase(d->from, out);
		if (d->minute >= 0)
			buf_addf(out, " at %02d:%02d", d->minute / 60, d->minute % 60);
		return;
	case EVENT_DATE_RANGE:
		date_to_ymd(d->from, &y1, &m1, &d1);
		date_to_ymd(d->to, &y2, &m2, &d2);
		if (y1 == y2 && m1 == m2)
			buf_addf(out, "between %d and %d %s %d", d1, d2, month_name(m2), y2);
		else if (y1 == y2)
			buf_addf(out, "between %d %s and %d %s %d", d1, month_name(m1), d2, month_name(m2), y2);
		else {
			buf_adds(out, "between ");
			day_phrase(d->from, out);
			buf_adds(out, " and ");
			day_phrase(d->to, out);
		}
		return;
	case EVENT_DATE_MONTH:
		date_to_ymd(d->from, &y1, &m1, &d1);
		buf_addf(out, "in %s %d", month_name(m1), y1);
		return;
	case EVENT_DATE_YEAR:
		date_to_ymd(d->from, &y1, &m1, &d1);
		buf_addf(out, "in %d", y1);
		return;
	case EVENT_DATE_ESTIMATE:
		buf_adds(out, "on or around ");
		day_phrase(d->from + EVENT_DATE_ESTIMATE_DAYS, out);
		return;
	}
}

int event_date_from_columns(const char *kind, const char *from, const char *to, const char *time,
			    struct event_date *d)
{
	*d = (struct event_date){EVENT_DATE_UNKNOWN, DATE_NONE, DATE_NONE, -1};
	for (int k = 0; k < 6; k++)
		if (kind && !strcmp(kind, event_date_kind_names[k]))
			d->kind = (enum event_date_kind)k;
	if (d->kind == EVENT_DATE_UNKNOWN)
		return 0;
	d->from = date_parse_iso(from);
	d->to = date_parse_iso(to);
	if (d->from == DATE_NONE || d->to == DATE_NONE) {
		*d = (struct event_date){EVENT_DATE_UNKNOWN, DATE_NONE, DATE_NONE, -1};
		return -1;
	}
	if (time && d->kind == EVENT_DATE_EXACT)
		d->minute = parse_time(time);
	return 0;
}

bool event_date_bounds(const struct event_date *d, long long *earliest, long long *latest)
{
	if (d->kind == EVENT_DATE_UNKNOWN)
		return false;
	*earliest = (long long)d->from * 1440 + (d->minute >= 0 ? d->minute : 0);
	*latest = (long long)d->to * 1440 + (d->minute >= 0 ? d->minute : 1439);
	return true;
}

int event_date_compare(const struct event_date *a, const struct event_date *b)
{
	bool ua = a->kind == EVENT_DATE_UNKNOWN, ub = b->kind == EVENT_DATE_UNKNOWN;
	if (ua || ub)
		return ua - ub;
	long long ea, la, eb, lb;
	event_date_bounds(a, &ea, &la);
	event_date_bounds(b, &eb, &lb);
	/* by the middle of the span: "around 8 January" after "6 January",
	 * "6 to 8 January" between them */
	long long ma = ea + (la - ea) / 2, mb = eb + (lb - eb) / 2;
	return ma < mb ? -1 : ma > mb ? 1 : ea < eb ? -1 : ea > eb;
}
