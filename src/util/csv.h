/*
 * csv.h - writing RFC 4180 CSV: every field quoted when it holds a comma,
 * quote or line break. A field that opens with = + - @ gets a leading
 * apostrophe, so a spreadsheet never runs a letter's text as a formula.
 */
#ifndef RAPPORTEUR_CSV_H
#define RAPPORTEUR_CSV_H

#include <stdio.h>

void csv_field(FILE *out, const char *s, int last);
void csv_row(FILE *out, const char *const *fields, int count);

#endif
