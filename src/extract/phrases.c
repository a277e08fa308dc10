/*
 * phrases.c - finding the knowledge base's phrases in normalised text.
 */
#include <string.h>

#include "../util/text.h"
#include "letter.h"

size_t phrase_at(const struct strlist *list, const char *text)
{
	size_t best = 0;
	for (size_t i = 0; i < list->count; i++) {
		size_t n = text_word_prefix_ci(text, list->items[i]);
		if (n > best)
			best = n;
	}
	return best;
}

const char *phrase_find(const struct strlist *list, const char *text, size_t *len)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < list->count; i++) {
		const char *p = text_find_word_ci(text, list->items[i]);
		if (p && (!best || p < best || (p == best && strlen(list->items[i]) > best_len))) {
			best = p;
			best_len = strlen(list->items[i]);
		}
	}
	if (best)
		*len = best_len;
	return best;
}

static const struct strlist *list_of(const struct kb_language *lang, size_t offset)
{
	return (const struct strlist *)((const char *)lang + offset);
}

const char *phrase_find_any(const struct extract_ctx *ctx, size_t offset, const char *text,
			    size_t *len)
{
	const char *p = phrase_find(list_of(ctx->lang, offset), text, len);
	if (p)
		return p;
	for (int l = 0; l < KB_LANGS; l++) {
		const struct kb_language *lang = &ctx->kb->languages[l];
		if (lang == ctx->lang)
			continue;
		if ((p = phrase_find(list_of(lang, offset), text, len)))
			return p;
	}
	return NULL;
}

size_t phrase_at_any(const struct extract_ctx *ctx, size_t offset, const char *text)
{
	size_t n = phrase_at(list_of(ctx->lang, offset), text);
	for (int l = 0; l < KB_LANGS && !n; l++)
		n = phrase_at(list_of(&ctx->kb->languages[l], offset), text);
	return n;
}
