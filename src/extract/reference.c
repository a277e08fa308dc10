/*
 * reference.c - the letter's own reference ("AL KAZ 2/2024", or the old
 * "UA G/SO 214 (53-24) SYR 3/2014") and the earlier communications it
 * cites ("KAZ 1/2022"). A reference's core is a country code the
 * knowledge base knows (or OTH), a number and a four-digit year; that is
 * what tells "AL KAZ 1/2022" from a law numbered "20/2022" or a
 * resolution "52/7".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/text.h"
#include "list.h"
#include "letter.h"

/* Communication types as letters write them (the OHCHR nomenclature). */
static const char *const types[] = {"AL", "UA", "OL", "JAL", "JUA", "JOL", NULL};

size_t reference_core_at(const struct kb *kb, const char *text, const char *p, char country[4],
			 int *number, int *year)
{
	if (!text_word_start(text, p) || !isupper((unsigned char)p[0]) ||
	    !isupper((unsigned char)p[1]) || !isupper((unsigned char)p[2]) ||
	    text_word_char((unsigned char)p[3]))
		return 0;
	char code[4] = {p[0], p[1], p[2], 0};
	if (!kb_country(kb, code))
		return 0;
	const char *q = p + 3;
	if (*q == ' ')
		q++;
	if (!isdigit((unsigned char)*q))
		return 0;
	int n = 0, digits = 0;
	while (isdigit((unsigned char)*q) && digits < 5) {
		n = n * 10 + (*q++ - '0');
		digits++;
	}
	if (*q == ' ')
		q++;
	if (*q != '/')
		return 0;
	q++;
	if (*q == ' ')
		q++;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)q[i]))
			return 0;
		y = y * 10 + (q[i] - '0');
	}
	if (isdigit((unsigned char)q[4]) || y < 1980 || y > 2100 || n == 0)
		return 0;
	memcpy(country, code, 4);
	*number = n;
	*year = y;
	return (size_t)(q + 4 - p);
}

/* The first reference core in text; returns its start, sets *len. */
static const char *find_core(const struct kb *kb, const char *text, size_t *len, char country[4],
			     int *number, int *year)
{
	for (const char *p = text; *p; p++) {
		if (!isupper((unsigned char)*p))
			continue;
		size_t n = reference_core_at(kb, text, p, country, number, year);
		if (n) {
			*len = n;
			return p;
		}
	}
	return NULL;
}

static void set_type(struct letter *l, const char *ref)
{
	for (int i = 0; types[i]; i++) {
		size_t n = strlen(types[i]);
		if (!strncmp(ref, types[i], n) && (ref[n] == ' ' || ref[n] == '\0')) {
			memcpy(l->type, types[i], n + 1);
			return;
		}
	}
}

void extract_reference(struct extract_ctx *ctx, struct letter *l)
{
	const struct document *doc = ctx->doc;
	size_t len = 0;
	const char *core = NULL;
	struct buf text = BUF_INIT;
	const char *start = NULL;
	if (ctx->at.reference != NO_BLOCK) {
		const char *t = doc->blocks[ctx->at.reference].text;
		size_t label;
		const char *at = phrase_find_any(ctx, LANG_LIST(reference_labels), t, &label);
		buf_adds(&text, text_skip_space(at + label));
		core = find_core(ctx->kb, text.data, &len, l->country, &l->number, &l->year);
		if (!core && ctx->at.reference + 1 < doc->count) {
			/* the reference wrapped onto the next line, a blank line between */
			buf_addch(&text, ' ');
			buf_adds(&text, doc->blocks[ctx->at.reference + 1].text);
			core = find_core(ctx->kb, text.data, &len, l->country, &l->number, &l->year);
		}
		start = text.data;
	} else {
		/* no label: a block near the top that is just a reference */
		for (size_t i = 0; i < doc->count && i < 16 && !core; i++) {
			const char *t = doc->blocks[i].text;
			for (int k = 0; types[k] && !core; k++) {
				size_t n = strlen(types[k]);
				if (!strncmp(t, types[k], n) && t[n] == ' ') {
					buf_reset(&text);
					buf_adds(&text, t);
					core = find_core(ctx->kb, text.data, &len, l->country,
							 &l->number, &l->year);
					if (core && core != text.data + n + 1)
						core = NULL;
				}
			}
		}
		start = text.data;
	}
	if (core) {
		l->reference = text_trimmed(start, core + len, NULL);
		set_type(l, l->reference);
		if (!l->type[0])
			letter_warn(l, "the reference \"%s\" does not start with a type (AL, UA, OL)",
				    l->reference);
	} else {
		l->country[0] = '\0';
		letter_warn(l, "no reference found (a line such as \"Ref.: AL KAZ 2/2024\")");
	}
	buf_release(&text);
}

void extract_related(struct extract_ctx *ctx, struct letter *l)
{
	const struct document *doc = ctx->doc;
	for (size_t b = 0; b < doc->count; b++) {
		if (b == ctx->at.reference)
			continue;
		const char *t = doc->blocks[b].text;
		for (const char *p = t; *p; p++) {
			if (!isupper((unsigned char)*p))
				continue;
			char country[4];
			int number, year;
			size_t n = reference_core_at(ctx->kb, t, p, country, &number, &year);
			if (!n)
				continue;
			p += n - 1;
			if (!strcmp(country, l->country) && number == l->number && year == l->year)
				continue;
			struct buf ref = BUF_INIT;
			buf_addf(&ref, "%s %d/%d", country, number, year);
			bool seen = false;
			for (size_t i = 0; i < l->related_count && !seen; i++)
				seen = !strcmp(l->related[i], ref.data);
			if (seen) {
				buf_release(&ref);
				continue;
			}
			char **slot = PUSH(l, related);
			*slot = buf_detach(&ref);
		}
	}
}
