/*
 * clock.c - today and now. See clock.h.
 */
#include "clock.h"

#include <stdlib.h>
#include <time.h>

#include "../util/date.h"

static int override = DATE_NONE;

int clock_set_today(const char *iso, struct error *err)
{
	int d = date_parse_iso(iso);
	if (d == DATE_NONE)
		return error_set(err, "today \"%s\": give a date as YYYY-MM-DD", iso);
	override = d;
	return 0;
}

int clock_today(void)
{
	if (override != DATE_NONE)
		return override;
	const char *env = getenv("RAPPORTEUR_TODAY");
	if (env && *env) {
		int d = date_parse_iso(env);
		if (d != DATE_NONE)
			return d;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void clock_now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
