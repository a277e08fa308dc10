/*
 * structure.c - the letter's language and its landmarks: where the
 * mandates header, reference, salutation, questions, closing and annex
 * are. Later extractors look only where a landmark tells them to.
 */
#include <ctype.h>
#include <string.h>

#include "../util/text.h"
#include "letter.h"

/* Enough running text to tell English, French and Spanish apart. */
#define LANGUAGE_SAMPLE_WORDS 600

void extract_language(struct extract_ctx *ctx, struct letter *l)
{
	size_t hits[KB_LANGS] = {0};
	size_t words = 0;
	const struct phrase_index *stopwords[KB_LANGS];
	for (int lang = 0; lang < KB_LANGS; lang++)
		stopwords[lang] = phrase_list(ctx, &ctx->kb->languages[lang].stopwords);
	for (size_t b = 0; b < ctx->doc->count && words < LANGUAGE_SAMPLE_WORDS; b++) {
		const char *t = ctx->doc->blocks[b].text;
		for (const char *p = t; *p; p++) {
			if (!text_word_char((unsigned char)*p) || !text_word_start(t, p))
				continue;
			words++;
			for (int lang = 0; lang < KB_LANGS; lang++)
				if (phrase_index_at(stopwords[lang], p))
					hits[lang]++;
		}
	}
	int best = KB_EN;
	for (int lang = 0; lang < KB_LANGS; lang++)
		if (hits[lang] > hits[best])
			best = lang;
	ctx->lang = &ctx->kb->languages[best];
	memcpy(l->language, ctx->lang->code, 3);
	if (words < 20)
		letter_warn(l, "the letter is too short to tell its language; assumed %s", l->language);
}

static bool short_block(const struct block *b, size_t max)
{
	return strlen(b->text) <= max;
}

void extract_landmarks(struct extract_ctx *ctx, struct letter *l)
{
	(void)l;
	const struct document *doc = ctx->doc;
	struct landmarks *at = &ctx->at;
	at->header = at->reference = at->salutation = at->capacity = NO_BLOCK;
	at->questions = at->closing = at->annex = NO_BLOCK;
	size_t n = doc->count;
	for (size_t i = 0; i < n && i < 8 && at->header == NO_BLOCK; i++)
		if (phrase_at_any(ctx, LANG_LIST(mandates_header), doc->blocks[i].text))
			at->header = i;
	/* the label opens its block, or follows the date on the same line */
	for (size_t i = 0; i < n && i < 16 && at->reference == NO_BLOCK; i++) {
		size_t len;
		const char *t = doc->blocks[i].text;
		const char *label = phrase_find_any(ctx, LANG_LIST(reference_labels), t, &len);
		if (label && label - t < 40)
			at->reference = i;
	}
	size_t from = at->reference == NO_BLOCK ? 0 : at->reference + 1;
	for (size_t i = from; i < n && i < from + 12 && at->salutation == NO_BLOCK; i++) {
		const char *t = doc->blocks[i].text;
		/* the salutation may follow the date on the same line */
		for (const char *p = t; p && *p && p - t < 60; p = strchr(p + 1, ' ')) {
			const char *w = *p == ' ' ? p + 1 : p;
			if (phrase_at_any(ctx, LANG_LIST(salutations), w)) {
				at->salutation = i;
				break;
			}
		}
	}
	size_t body = at->salutation != NO_BLOCK ? at->salutation : from;
	for (size_t i = body; i < n && at->capacity == NO_BLOCK; i++) {
		size_t len;
		if (phrase_find_any(ctx, LANG_LIST(capacity_cues), doc->blocks[i].text, &len))
			at->capacity = i;
	}
	for (size_t i = body; i < n && at->questions == NO_BLOCK; i++) {
		const struct block *b = &doc->blocks[i];
		size_t len;
		if (b->kind == BLOCK_LIST_ITEM || b->kind == BLOCK_FOOTNOTE)
			continue;
		if (!phrase_find_any(ctx, LANG_LIST(questions_cues), b->text, &len))
			continue;
		size_t j = i + 1;
		while (j < n && doc->blocks[j].kind == BLOCK_FOOTNOTE)
			j++;
		if (j < n && doc->blocks[j].kind == BLOCK_LIST_ITEM && doc->blocks[j].number > 0)
			at->questions = i;
	}
	size_t after = at->questions != NO_BLOCK ? at->questions + 1 : body;
	for (size_t i = after; i < n && at->closing == NO_BLOCK; i++) {
		const struct block *b = &doc->blocks[i];
		if (b->kind == BLOCK_FOOTNOTE)
			continue;
		if (phrase_at_any(ctx, LANG_LIST(closing_cues), b->text))
			at->closing = i;
	}
	after = at->closing != NO_BLOCK ? at->closing + 1 : after;
	for (size_t i = after; i < n && at->annex == NO_BLOCK; i++) {
		const struct block *b = &doc->blocks[i];
		if ((b->kind == BLOCK_HEADING || b->kind == BLOCK_PARAGRAPH) && short_block(b, 90) &&
		    phrase_at_any(ctx, LANG_LIST(annex_words), b->text))
			at->annex = i;
	}
}
