/*
 * date.c - civil dates <-> day numbers (Howard Hinnant's algorithms).
 */
#include "date.h"

#include <stdio.h>
#include <string.h>

int date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int z, int *year, int *month, int *day)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);
	*year = y + (m <= 2);
	*month = m;
	*day = d;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

bool date_valid_ymd(int year, int month, int day)
{
	return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= date_days_in_month(year, month);
}

int date_parse_iso(const char *s)
{
	int y, m, d, n = 0;
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return DATE_NONE;
	if (s[4] != '-' || s[7] != '-' || !date_valid_ymd(y, m, d))
		return DATE_NONE;
	return date_from_ymd(y, m, d);
}

void date_format_iso(int date, char out[static 11])
{
	int y, m, d;
	char tmp[32];
	date_to_ymd(date, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int date_weekday(int date)
{
	int w = (date + 3) % 7; /* 1970-01-01 was a Thursday */
	if (w < 0)
		w += 7;
	return w + 1;
}
