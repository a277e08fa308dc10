/*
 * questions.c - the numbered questions put to the addressee, and the
 * reply deadline ("within 60 days", "dans un délai de 60 jours",
 * "within 48 hours" -> 2 days).
 *
 * Questions are the list items after the block that introduces them,
 * numbered 1, 2, 3 ... in one run even where footnotes or a page break
 * fall between them (mend.c has already dropped the rules). Sub-items
 * (a), (b) belong to the question above them.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "../util/text.h"
#include "list.h"
#include "letter.h"

static void append(char **text, const char *more)
{
	size_t n = strlen(*text), m = strlen(more);
	*text = xrealloc(*text, n + m + 2);
	(*text)[n] = ' ';
	memcpy(*text + n + 1, more, m + 1);
}

/* Reads a run of numbered items starting at block i; returns how many. */
static size_t read_run(const struct document *doc, size_t i, struct letter *l, bool store)
{
	int expect = 0;
	size_t taken = 0;
	int top_level = 0;
	for (; i < doc->count; i++) {
		const struct block *b = &doc->blocks[i];
		if (b->kind == BLOCK_FOOTNOTE)
			continue;
		if (b->kind != BLOCK_LIST_ITEM)
			break;
		if (!top_level)
			top_level = b->level;
		if (b->level > top_level || (b->number == 0 && taken)) {
			if (store && taken)
				append(&l->questions[l->questions_count - 1].text, b->text);
			continue;
		}
		if (expect == 0)
			expect = b->number;
		if (b->number != expect || b->number == 0)
			break;
		if (store) {
			struct letter_question *q = PUSH(l, questions);
			q->n = b->number;
			q->text = xstrdup(b->text);
		}
		taken++;
		expect++;
	}
	return taken;
}

void extract_questions(struct extract_ctx *ctx, struct letter *l)
{
	const struct document *doc = ctx->doc;
	if (ctx->at.questions != NO_BLOCK) {
		read_run(doc, ctx->at.questions + 1, l, true);
		return;
	}
	/* No introduction found: the last run numbered from 1 before the closing. */
	size_t end = ctx->at.closing != NO_BLOCK ? ctx->at.closing : doc->count;
	size_t best = NO_BLOCK;
	for (size_t i = 0; i < end; i++) {
		const struct block *b = &doc->blocks[i];
		if (b->kind == BLOCK_LIST_ITEM && b->number == 1 && read_run(doc, i, l, false) > 0)
			best = i;
	}
	if (best != NO_BLOCK) {
		read_run(doc, best, l, true);
		letter_warn(l, "the questions were taken from the last numbered list before the closing; no sentence introduces them");
	} else {
		letter_warn(l, "no numbered questions found");
	}
}

/* A number written in digits or words ("60", "sixty") at p. */
static size_t count_at(const struct extract_ctx *ctx, const char *p, double *value)
{
	size_t n = text_parse_number(p, value);
	if (n)
		return n;
	for (int l = 0; l < KB_LANGS; l++) {
		const struct kb_language *lang = &ctx->kb->languages[l];
		size_t m;
		const struct kb_word_value *w =
			word_value_at(ctx, lang->number_words, lang->number_word_count, p, true, &m);
		if (w) {
			*value = w->value;
			return m;
		}
	}
	return 0;
}

/* "within 60 days" at p (p at "within"): sets *days; returns true. */
static bool deadline_at(const struct extract_ctx *ctx, const char *p, int *days)
{
	size_t n = phrase_at_any(ctx, LANG_LIST(within), p);
	if (!n)
		return false;
	const char *q = text_skip_space(p + n);
	double value;
	size_t m = count_at(ctx, q, &value);
	if (!m || value <= 0 || value > 365 * 24)
		return false;
	q = text_skip_space(q + m);
	if (*q == '(') { /* "sixty (60) days" */
		const char *close = strchr(q, ')');
		if (close && close - q < 8)
			q = text_skip_space(close + 1);
	}
	if (phrase_at_any(ctx, LANG_LIST(day_words), q)) {
		*days = (int)value;
		return true;
	}
	if (phrase_at_any(ctx, LANG_LIST(hour_words), q)) {
		*days = (int)ceil(value / 24.0); /* the schema: hours round up to days */
		return true;
	}
	return false;
}

/* Looks for the deadline in blocks [from, to); true when found. */
static bool deadline_in(struct extract_ctx *ctx, struct letter *l, size_t from, size_t to)
{
	const struct document *doc = ctx->doc;
	for (size_t b = from; b < to && b < doc->count; b++) {
		const char *t = doc->blocks[b].text;
		if (doc->blocks[b].kind == BLOCK_FOOTNOTE)
			continue;
		for (const char *p = t; *p; p++) {
			int days;
			if (!text_word_start(t, p) || !deadline_at(ctx, p, &days))
				continue;
			/* only a deadline for the reply counts, not one in a quoted law */
			size_t s, e;
			text_sentence(t, (size_t)(p - t), &s, &e);
			char *sentence = xstrndup(t + s, e - s);
			size_t len;
			bool reply = phrase_find_any(ctx, LANG_LIST(reply_words), sentence, &len) != NULL;
			bool quoted = false;
			for (size_t k = s; k < (size_t)(p - t); k++)
				if (t[k] == '"')
					quoted = !quoted;
			free(sentence);
			if (reply && !quoted) {
				l->reply_deadline_days = days;
				return true;
			}
		}
	}
	return false;
}

void extract_deadline(struct extract_ctx *ctx, struct letter *l)
{
	size_t after = ctx->at.questions != NO_BLOCK ? ctx->at.questions : 0;
	size_t end = ctx->at.annex != NO_BLOCK ? ctx->at.annex : ctx->doc->count;
	if (!deadline_in(ctx, l, after, end) && !deadline_in(ctx, l, 0, after)) {
		letter_warn(l, "no reply deadline found (\"a response within 60 days\")");
		return;
	}
	if (l->date != DATE_NONE)
		l->reply_due = l->date + l->reply_deadline_days;
}
