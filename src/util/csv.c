/*
 * csv.c - CSV output. See csv.h.
 */
#include "csv.h"

#include <string.h>

void csv_field(FILE *out, const char *s, int last)
{
	if (!s)
		s = "";
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
	if (quote || formula)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote || formula)
		fputc('"', out);
	fputs(last ? "\r\n" : ",", out);
}

void csv_row(FILE *out, const char *const *fields, int count)
{
	for (int i = 0; i < count; i++)
		csv_field(out, fields[i], i == count - 1);
}
