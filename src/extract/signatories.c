/*
 * signatories.c - who signs, under what title: the name and title pairs
 * after the closing formula and before the annex. A title opens with an
 * office word ("Special Rapporteur", "Vice-Chair", "Relatora Especial");
 * the block before it is the name. A name and title on one line are
 * split where the office word begins.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "../util/text.h"
#include "list.h"
#include "letter.h"

/* Where an office word starts in text (at a word start), or NULL. */
static const char *office_in(const struct extract_ctx *ctx, const char *text, bool at_start_only)
{
	for (const char *p = text; *p; p++) {
		if (!text_word_start(text, p) || !isupper((unsigned char)*p))
			continue;
		for (int l = 0; l < KB_LANGS; l++) {
			const struct strlist *w = &ctx->kb->languages[l].office_words;
			for (size_t i = 0; i < w->count; i++) {
				size_t n = strlen(w->items[i]);
				if (!strncmp(p, w->items[i], n) && !text_word_char((unsigned char)p[n]))
					return p;
			}
		}
		if (at_start_only)
			return NULL;
	}
	return NULL;
}

/* A plausible personal name: a few words, no digits, most capitalised. */
static bool looks_like_name(const char *t)
{
	size_t len = strlen(t), words = 0, capital = 0;
	if (len == 0 || len > 80)
		return false;
	for (const char *p = t; *p; p++) {
		if (isdigit((unsigned char)*p) || *p == ':' || *p == ';')
			return false;
		if (text_word_start(t, p) && text_word_char((unsigned char)*p)) {
			words++;
			if (isupper((unsigned char)*p) || (unsigned char)*p >= 0x80)
				capital++;
		}
	}
	return words >= 1 && words <= 7 && capital * 2 >= words && t[len - 1] != '.';
}

static void add(struct letter *l, const char *name, size_t name_len, const char *title)
{
	struct letter_signatory *s = PUSH(l, signatories);
	s->name = text_trimmed(name, name + name_len, ",");
	s->title = text_trimmed(title, title + strlen(title), ",.");
}

void extract_signatories(struct extract_ctx *ctx, struct letter *l)
{
	const struct document *doc = ctx->doc;
	if (ctx->at.closing == NO_BLOCK) {
		letter_warn(l, "no closing formula (\"Please accept, Excellency, ...\"), so no signatures read");
		return;
	}
	size_t end = ctx->at.annex != NO_BLOCK ? ctx->at.annex : doc->count;
	const char *pending = NULL;
	for (size_t i = ctx->at.closing + 1; i < end; i++) {
		const struct block *b = &doc->blocks[i];
		if (b->kind == BLOCK_FOOTNOTE)
			continue;
		const char *t = b->text;
		if (office_in(ctx, t, true)) {
			if (pending)
				add(l, pending, strlen(pending), t);
			pending = NULL;
			continue;
		}
		const char *office = office_in(ctx, t, false);
		if (office) {
			char *name = text_trimmed(t, office, ",");
			if (looks_like_name(name))
				add(l, t, (size_t)(office - t), office);
			free(name);
			pending = NULL;
			continue;
		}
		pending = looks_like_name(t) ? t : NULL;
	}
	if (!l->signatories_count)
		letter_warn(l, "no signatures found after the closing formula");
}
