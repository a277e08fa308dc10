/*
 * phrases.c - finding the knowledge base's phrases in normalised text.
 *
 * Extraction asks "does a phrase of this list start here?" at every word
 * of a letter, and "where is the first phrase of this list?" of whole
 * blocks. Each list asked about is indexed once per letter (the cache
 * hangs off the extract_ctx) by the case-folded first byte of its
 * phrases, in list order: a question looks only at the phrases that can
 * match there, and a search reads the text once for the whole list
 * instead of once per phrase. The answers are the plain loops' answers:
 * the longest phrase at a place, the earliest place of any phrase (the
 * longest of those starting there), the first of a list in its order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "../util/text.h"
#include "letter.h"

/* The phrases of one list by first byte: words[order[start[b] ..
 * start[b + 1])] are those whose first byte folds to b, in list order. */
struct phrase_index {
	const void *key; /* the list's array, which names it */
	size_t count;
	const char **words; /* the phrases, in list order */
	uint16_t start[257];
	uint16_t *order;
};

#define CACHE_SLOTS 128 /* 2^7, well above the lists a letter asks about */

struct phrase_cache {
	struct phrase_index *slots[CACHE_SLOTS]; /* open addressing on the key */
	size_t count;
	/* instruments' names, aliases and generic words by their first bytes
	 * (folded): where kb_instrument_at cannot match, it need not run. Two
	 * bytes exactly for names of one or two; three, hashed, for longer. */
	uint8_t *instrument_pairs;   /* 65536 bits */
	uint8_t *instrument_triples; /* 65536 bits */
};

void phrase_cache_free(struct phrase_cache *cache)
{
	if (!cache)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		if (!cache->slots[i])
			continue;
		free(cache->slots[i]->words);
		free(cache->slots[i]->order);
		free(cache->slots[i]);
	}
	free(cache->instrument_pairs);
	free(cache->instrument_triples);
	free(cache);
}

/* The index of count items of size stride from base, the phrase of each
 * `offset` bytes in: made on first use in this letter. */
static const struct phrase_index *index_of(const struct extract_ctx *ctx, const void *base, size_t count,
					   size_t stride, size_t offset)
{
	struct phrase_cache *cache = ctx->phrases;
	if (!cache)
		BUG("extract_ctx without a phrase cache");
	size_t slot = (size_t)(((uint64_t)(uintptr_t)base * 0x9E3779B97F4A7C15ULL) >> 57); /* 7 bits */
	while (cache->slots[slot]) {
		if (cache->slots[slot]->key == base && cache->slots[slot]->count == count)
			return cache->slots[slot];
		slot = (slot + 1) & (CACHE_SLOTS - 1);
	}
	if (count > UINT16_MAX)
		BUG("a knowledge base list of %zu phrases", count);
	if (cache->count >= CACHE_SLOTS / 2)
		BUG("more than %d lists asked about in one letter", CACHE_SLOTS / 2);
	struct phrase_index *ix = xcalloc(1, sizeof(*ix));
	cache->slots[slot] = ix;
	cache->count++;
	ix->key = base;
	ix->count = count;
	ix->words = xmalloc((count ? count : 1) * sizeof(*ix->words));
	ix->order = xmalloc((count ? count : 1) * sizeof(*ix->order));
	uint16_t per_byte[256];
	memset(per_byte, 0, sizeof(per_byte));
	for (size_t i = 0; i < count; i++) {
		ix->words[i] = *(const char *const *)((const char *)base + i * stride + offset);
		if (ix->words[i] && ix->words[i][0])
			per_byte[text_fold((unsigned char)ix->words[i][0])]++;
	}
	size_t at = 0;
	for (int b = 0; b < 256; b++) {
		ix->start[b] = (uint16_t)at;
		at += per_byte[b];
	}
	ix->start[256] = (uint16_t)at;
	uint16_t fill[256];
	memcpy(fill, ix->start, sizeof(fill));
	for (size_t i = 0; i < count; i++)
		if (ix->words[i] && ix->words[i][0])
			ix->order[fill[text_fold((unsigned char)ix->words[i][0])]++] = (uint16_t)i;
	return ix;
}

static const struct phrase_index *list_index(const struct extract_ctx *ctx, const struct strlist *list)
{
	return index_of(ctx, list->items, list->count, sizeof(list->items[0]), 0);
}

const struct phrase_index *phrase_list(const struct extract_ctx *ctx, const struct strlist *list)
{
	return list_index(ctx, list);
}

const struct phrase_index *phrase_words(const struct extract_ctx *ctx, const struct kb_word_value *words,
					size_t count)
{
	return index_of(ctx, words, count, sizeof(words[0]), offsetof(struct kb_word_value, word));
}

size_t phrase_at(const struct extract_ctx *ctx, const struct strlist *list, const char *text)
{
	return phrase_index_at(list_index(ctx, list), text);
}

size_t phrase_index_at(const struct phrase_index *ix, const char *text)
{
	unsigned char b = text_fold((unsigned char)*text);
	size_t best = 0;
	for (size_t k = ix->start[b]; k < ix->start[b + 1]; k++) {
		size_t n = text_word_prefix_ci(text, ix->words[ix->order[k]]);
		if (n > best)
			best = n;
	}
	return best;
}

const char *phrase_find(const struct extract_ctx *ctx, const struct strlist *list, const char *text,
			size_t *len)
{
	const struct phrase_index *ix = list_index(ctx, list);
	for (const char *p = text; *p; p++) {
		unsigned char b = text_fold((unsigned char)*p);
		size_t best = 0;
		for (size_t k = ix->start[b]; k < ix->start[b + 1]; k++) {
			const char *w = ix->words[ix->order[k]];
			/* a phrase that starts with a word starts a word */
			if (text_word_char((unsigned char)w[0]) && !text_word_start(text, p))
				continue;
			size_t n = text_word_prefix_ci(p, w);
			if (n > best)
				best = n;
		}
		if (best) {
			*len = best;
			return p;
		}
	}
	return NULL;
}

static const struct strlist *list_of(const struct kb_language *lang, size_t offset)
{
	return (const struct strlist *)((const char *)lang + offset);
}

const char *phrase_find_any(const struct extract_ctx *ctx, size_t offset, const char *text,
			    size_t *len)
{
	const char *p = phrase_find(ctx, list_of(ctx->lang, offset), text, len);
	if (p)
		return p;
	for (int l = 0; l < KB_LANGS; l++) {
		const struct kb_language *lang = &ctx->kb->languages[l];
		if (lang == ctx->lang)
			continue;
		if ((p = phrase_find(ctx, list_of(lang, offset), text, len)))
			return p;
	}
	return NULL;
}

size_t phrase_at_any(const struct extract_ctx *ctx, size_t offset, const char *text)
{
	size_t n = phrase_at(ctx, list_of(ctx->lang, offset), text);
	for (int l = 0; l < KB_LANGS && !n; l++)
		n = phrase_at(ctx, list_of(&ctx->kb->languages[l], offset), text);
	return n;
}

const struct kb_word_value *word_value_at(const struct extract_ctx *ctx, const struct kb_word_value *words,
					  size_t count, const char *text, bool positive, size_t *len)
{
	return word_index_at(phrase_words(ctx, words, count), words, text, positive, len);
}

const struct kb_word_value *word_index_at(const struct phrase_index *ix, const struct kb_word_value *words,
					  const char *text, bool positive, size_t *len)
{
	unsigned char b = text_fold((unsigned char)*text);
	for (size_t k = ix->start[b]; k < ix->start[b + 1]; k++) {
		const struct kb_word_value *w = &words[ix->order[k]];
		size_t n = text_word_prefix_ci(text, w->word);
		if (n && (!positive || w->value > 0)) {
			*len = n;
			return w;
		}
	}
	return NULL;
}

static void bit_set(uint8_t *bits, unsigned i)
{
	bits[i >> 3] |= (uint8_t)(1u << (i & 7));
}

static bool bit_get(const uint8_t *bits, unsigned i)
{
	return bits[i >> 3] & (1u << (i & 7));
}

static unsigned triple(unsigned a, unsigned b, unsigned c)
{
	return (unsigned)(((a << 16 | b << 8 | c) * 2654435761u) >> 16);
}

static void instrument_prefix(struct phrase_cache *cache, const char *s)
{
	if (!s || !s[0])
		return;
	unsigned a = text_fold((unsigned char)s[0]);
	if (!s[1]) {
		for (unsigned b = 0; b < 256; b++)
			bit_set(cache->instrument_pairs, a << 8 | b);
		return;
	}
	unsigned b = text_fold((unsigned char)s[1]);
	if (!s[2])
		bit_set(cache->instrument_pairs, a << 8 | b);
	else
		bit_set(cache->instrument_triples, triple(a, b, text_fold((unsigned char)s[2])));
}

bool instrument_may_start(const struct extract_ctx *ctx, const char *p)
{
	struct phrase_cache *cache = ctx->phrases;
	if (!cache->instrument_pairs) {
		/* what kb_instrument_at matches: each instrument's names (any
		 * case), aliases (as written) and generic words */
		cache->instrument_pairs = xcalloc(65536 / 8, 1);
		cache->instrument_triples = xcalloc(65536 / 8, 1);
		const struct kb *kb = ctx->kb;
		for (size_t i = 0; i < kb->instrument_count; i++) {
			const struct kb_instrument *ins = &kb->instruments[i];
			for (size_t k = 0; k < ins->names.count; k++)
				instrument_prefix(cache, ins->names.items[k]);
			for (size_t k = 0; k < ins->aliases.count; k++)
				instrument_prefix(cache, ins->aliases.items[k]);
			for (int l = 0; l < KB_LANGS; l++)
				instrument_prefix(cache, ins->generic[l]);
		}
	}
	if (!p[0])
		return false; /* the end of the text: nothing starts here, and nothing may be read after it */
	unsigned a = text_fold((unsigned char)p[0]), b = text_fold((unsigned char)p[1]);
	if (bit_get(cache->instrument_pairs, a << 8 | b))
		return true;
	return b && bit_get(cache->instrument_triples, triple(a, b, text_fold((unsigned char)p[2])));
}

struct phrase_cache *phrase_cache_new(void)
{
	return xcalloc(1, sizeof(struct phrase_cache));
}
