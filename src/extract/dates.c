/*
 * dates.c - dates written in running text, in the three languages the
 * knowledge base knows: "9 May 2024", "May 9, 2024", "1er juin 2015",
 * "12 de marzo de 2020", "2024-05-09". Month names come from the kb.
 */
#include <ctype.h>
#include <string.h>

#include "../util/date.h"
#include "../util/text.h"
#include "letter.h"

static size_t digits(const char *p, int max, int *value)
{
	size_t n = 0;
	int v = 0;
	while (isdigit((unsigned char)p[n]) && (int)n < max)
		v = v * 10 + (p[n++] - '0');
	if (isdigit((unsigned char)p[n]))
		return 0;
	*value = v;
	return n;
}

/* A month name at p in any language; returns its length and sets *month. */
static size_t month_at(const struct kb *kb, const char *p, int *month, bool english_only)
{
	size_t best = 0;
	for (int l = 0; l < (english_only ? 1 : KB_LANGS); l++)
		for (int m = 0; m < 12; m++) {
			const struct strlist *names = &kb->languages[l].months[m];
			for (size_t i = 0; i < names->count; i++) {
				size_t n = text_word_prefix_ci(p, names->items[i]);
				if (!n && names->items[i][strlen(names->items[i]) - 1] == '.')
					n = text_prefix_ci(p, names->items[i]);
				if (n > best) {
					best = n;
					*month = m + 1;
				}
			}
		}
	return best;
}

static size_t skip_word(const char *p, const char *word)
{
	size_t n = text_word_prefix_ci(p, word);
	if (n && p[n] == ' ')
		return n + 1;
	return 0;
}

size_t date_at(const struct kb *kb, const char *text, const char *p, int *date)
{
	int day, month, year;
	size_t n;
	if (!text_word_start(text, p))
		return 0;
	if (isdigit((unsigned char)*p)) {
		/* ISO: 2024-05-09 */
		if (digits(p, 4, &year) == 4 && p[4] == '-' && digits(p + 5, 2, &month) == 2 &&
		    p[7] == '-' && digits(p + 8, 2, &day) == 2 && date_valid_ymd(year, month, day)) {
			*date = date_from_ymd(year, month, day);
			return 10;
		}
		/* 9 May 2024, 1er juin 2015, 12 de marzo de 2020, 9th May 2024 */
		if (!(n = digits(p, 2, &day)))
			return 0;
		const char *q = p + n;
		static const char *const suffixes[] = {"er", "st", "nd", "rd", "th", "º", NULL};
		for (int i = 0; suffixes[i]; i++) {
			size_t s = text_prefix_ci(q, suffixes[i]);
			if (s && !text_word_char((unsigned char)q[s])) {
				q += s;
				break;
			}
		}
		if (*q != ' ')
			return 0;
		q++;
		q += skip_word(q, "de");
		size_t m = month_at(kb, q, &month, false);
		if (!m)
			return 0;
		q += m;
		if (*q == ',')
			q++;
		if (*q != ' ')
			return 0;
		q++;
		q += skip_word(q, "de");
		q += skip_word(q, "del");
		if (digits(q, 4, &year) != 4 || !date_valid_ymd(year, month, day))
			return 0;
		*date = date_from_ymd(year, month, day);
		return (size_t)(q + 4 - p);
	}
	if (isupper((unsigned char)*p)) {
		/* May 9, 2024 */
		size_t m = month_at(kb, p, &month, true);
		if (!m || p[m] != ' ')
			return 0;
		const char *q = p + m + 1;
		if (!(n = digits(q, 2, &day)))
			return 0;
		q += n;
		if (text_prefix_ci(q, "st") || text_prefix_ci(q, "nd") || text_prefix_ci(q, "rd") ||
		    text_prefix_ci(q, "th"))
			q += 2;
		if (*q == ',')
			q++;
		if (*q != ' ')
			return 0;
		q++;
		if (digits(q, 4, &year) != 4 || !date_valid_ymd(year, month, day))
			return 0;
		*date = date_from_ymd(year, month, day);
		return (size_t)(q + 4 - p);
	}
	return 0;
}

const char *date_find(const struct kb *kb, const char *text, const char *from, size_t *len,
		      int *date)
{
	for (const char *p = from; *p; p++) {
		if (!isdigit((unsigned char)*p) && !isupper((unsigned char)*p))
			continue;
		if (p > text && text_word_char((unsigned char)p[-1]))
			continue;
		size_t n = date_at(kb, text, p, date);
		if (n) {
			*len = n;
			return p;
		}
	}
	return NULL;
}

/* The letter's date: the first date between the reference and the
 * salutation (inclusive: some letters put it on the salutation line),
 * else the first date above the letter's first body paragraph. */
void extract_date(struct extract_ctx *ctx, struct letter *l)
{
	const struct document *doc = ctx->doc;
	size_t from = ctx->at.reference != NO_BLOCK ? ctx->at.reference : 0;
	size_t to = ctx->at.salutation != NO_BLOCK ? ctx->at.salutation : from + 4;
	size_t limit = ctx->at.capacity != NO_BLOCK ? ctx->at.capacity : 16;
	for (int pass = 0; pass < 2 && l->date == DATE_NONE; pass++) {
		size_t a = pass ? 0 : from, z = pass ? limit : to;
		for (size_t i = a; i <= z && i < doc->count && l->date == DATE_NONE; i++) {
			if (i == ctx->at.header)
				continue;
			size_t len;
			int date;
			const char *t = doc->blocks[i].text;
			if (date_find(ctx->kb, t, t, &len, &date))
				l->date = date;
		}
	}
	if (l->date == DATE_NONE)
		letter_warn(l, "no date found near the reference or the salutation");
}
