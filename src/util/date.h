/*
 * date.h - calendar dates as day numbers.
 *
 * A date is an int: days since 1970-01-01 in the proleptic Gregorian
 * calendar, so that "sent + 60 days" is plain addition. DATE_NONE marks a
 * date a letter does not state. Knows nothing of languages: month names
 * live in the knowledge base (kb) and the date extractor.
 */
#ifndef RAPPORTEUR_DATE_H
#define RAPPORTEUR_DATE_H

#include <stdbool.h>

#define DATE_NONE (-2147483647 - 1)

int date_from_ymd(int year, int month, int day);
void date_to_ymd(int date, int *year, int *month, int *day);
bool date_valid_ymd(int year, int month, int day);
/* Parses "YYYY-MM-DD" exactly; returns DATE_NONE if s is not one. */
int date_parse_iso(const char *s);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format_iso(int date, char out[static 11]);
int date_days_in_month(int year, int month);
/* 1 = Monday ... 7 = Sunday */
int date_weekday(int date);

#endif
