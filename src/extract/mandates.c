/*
 * mandates.c - the mandates that send the letter, in header order, with
 * the Human Rights Council resolutions the opening paragraph gives them.
 *
 * The header ("Mandates of the Special Rapporteur on ...; the Working
 * Group on ... and the Special Rapporteur on ...") is split where a new
 * office begins ("; ", ", the ", " and the " before "Special Rapporteur",
 * "Working Group", "Groupe de travail", ...), never at the commas and
 * "and"s inside a title ("extrajudicial, summary or arbitrary executions").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/text.h"
#include "list.h"
#include "letter.h"

/* Joining words that may stand between two titles, longest first. */
static const char *const joins[] = {"; and the ", "; and ", ", and the ", " and the ", "; the ",
				    ", the ", ";  ", "; ", " and ", "; et du ", "; et de la ",
				    "; et de l'", " et du ", " et de la ", " et de l'", "; du ",
				    "; de la ", "; de l'", ", du ", ", de la ", " et ", "; y del ",
				    "; y de la ", " y del ", " y de la ", "; del ", "; de la ",
				    ", del ", " y ", ";", ", ", NULL};

/* Where an office word starts (case-sensitive: titles capitalise it). */
static size_t office_at(const struct extract_ctx *ctx, const char *p)
{
	for (int l = 0; l < KB_LANGS; l++) {
		const struct strlist *w = &ctx->kb->languages[l].office_words;
		for (size_t i = 0; i < w->count; i++) {
			size_t n = strlen(w->items[i]);
			if (!strncmp(p, w->items[i], n) && !text_word_char((unsigned char)p[n]))
				return n;
		}
	}
	return 0;
}

static const char *strip_article(const char *s)
{
	static const char *const articles[] = {"and the ", "and ", "the ", "et du ", "et de la ",
					       "et de l'", "du ", "de la ", "de l'", "des ",
					       "y del ", "y de la ", "del ", "de los ", "la ", "el ",
					       "le ", "l'", NULL};
	for (int i = 0; articles[i]; i++) {
		size_t n = text_prefix_ci(s, articles[i]);
		if (n)
			return s + n;
	}
	return s;
}

static void add_mandate(struct extract_ctx *ctx, struct letter *l, const char *start, const char *end)
{
	char *raw = text_trimmed(start, end, ".,;:");
	const char *t = strip_article(raw);
	if (*t) {
		struct letter_mandate *m = PUSH(l, mandates);
		m->title = xstrdup(t);
		const struct kb_mandate *km = kb_mandate_by_title(ctx->kb, m->title);
		m->slug = km ? km->slug : NULL;
		if (!km)
			letter_warn(l, "mandate not in the knowledge base: \"%s\"", m->title);
	}
	free(raw);
}

/* Splits a list of titles into mandates. */
static void split_titles(struct extract_ctx *ctx, struct letter *l, const char *text)
{
	const char *start = strip_article(text);
	const char *p = start;
	while (*p) {
		size_t jn = 0;
		if (*p != ';' && *p != ',' && *p != ' ') { /* how every join begins */
			p++;
			continue;
		}
		for (int i = 0; joins[i] && !jn; i++) {
			size_t n = strlen(joins[i]);
			if (!strncmp(p, joins[i], n)) {
				const char *after = strip_article(p + n);
				if (office_at(ctx, after) || (joins[i][0] == ';'))
					jn = (size_t)(after - p);
			}
		}
		if (jn) {
			add_mandate(ctx, l, start, p);
			start = p + jn;
			p = start;
			continue;
		}
		p++;
	}
	add_mandate(ctx, l, start, p);
}

/* The list of resolution symbols after a cue: "52/7, 51/8 and 49/10". */
static void read_resolutions(const struct extract_ctx *ctx, const char *p, char ***out, size_t *count)
{
	size_t cap = 0;
	for (;;) {
		p = text_skip_space(p);
		const char *s = p;
		while (isdigit((unsigned char)*p))
			p++;
		if (p == s || *p != '/' || !isdigit((unsigned char)p[1]))
			break;
		p++;
		while (isdigit((unsigned char)*p))
			p++;
		if (text_word_char((unsigned char)*p))
			break;
		ALLOC_GROW(*out, *count + 1, cap);
		(*out)[(*count)++] = xstrndup(s, (size_t)(p - s));
		/* separators: ", " " and " " et " " y " */
		if (*p == ',')
			p++;
		p = text_skip_space(p);
		size_t n = 0;
		for (int l = 0; l < KB_LANGS && !n; l++)
			n = phrase_at(ctx, &ctx->kb->languages[l].list_words, p);
		p += n;
	}
}

void extract_mandates(struct extract_ctx *ctx, struct letter *l)
{
	const struct document *doc = ctx->doc;
	if (ctx->at.header != NO_BLOCK) {
		const char *t = doc->blocks[ctx->at.header].text;
		/* "Mandates of the ...": the prefix may swallow the article or not */
		size_t n = phrase_at_any(ctx, LANG_LIST(mandates_header), t);
		split_titles(ctx, l, text_skip_space(t + n));
	} else if (ctx->at.capacity != NO_BLOCK) {
		/* "I write in my capacity as Special Rapporteur on ..., pursuant to" */
		const char *t = doc->blocks[ctx->at.capacity].text;
		size_t len;
		const char *cue = phrase_find_any(ctx, LANG_LIST(capacity_cues), t, &len);
		const char *start = cue + len;
		const char *end = text_find_ci(start, ", pursuant");
		if (!end)
			end = text_find_ci(start, ", conformément");
		if (!end)
			end = text_find_ci(start, ", de conformidad");
		if (!end)
			end = start + strlen(start);
		char *titles = xstrndup(start, (size_t)(end - start));
		split_titles(ctx, l, titles);
		free(titles);
	} else {
		letter_warn(l, "no mandates header (\"Mandates of ...\") found");
	}

	/* the resolutions, from the opening paragraph */
	char **res = NULL;
	size_t res_count = 0;
	size_t first = ctx->at.capacity != NO_BLOCK ? ctx->at.capacity : 0;
	for (size_t i = first; i < doc->count && i < first + 4 && !res_count; i++) {
		const char *t = doc->blocks[i].text;
		size_t len;
		const char *cue = phrase_find_any(ctx, LANG_LIST(resolution_cues), t, &len);
		while (cue && !res_count) {
			read_resolutions(ctx, cue + len, &res, &res_count);
			if (!res_count)
				cue = phrase_find_any(ctx, LANG_LIST(resolution_cues), cue + len, &len);
		}
	}
	if (res_count && res_count != l->mandates_count)
		letter_warn(l, "%zu mandates but %zu resolutions; paired in order", l->mandates_count,
			    res_count);
	else if (!res_count && l->mandates_count)
		letter_warn(l, "no Human Rights Council resolutions found for the mandates");
	for (size_t i = 0; i < res_count; i++) {
		if (i < l->mandates_count)
			l->mandates[i].resolution = res[i];
		else
			free(res[i]);
	}
	free(res);
}
