/*
 * letter.c - the record's lifecycle and the order extractors run in.
 */
#include "letter.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "list.h"

void *list_push(void **array, size_t *count, size_t *cap, size_t size)
{
	if (*count + 1 > *cap) {
		size_t n = *cap ? *cap * 2 : 8;
		*array = xrealloc(*array, n * size);
		*cap = n;
	}
	char *slot = (char *)*array + (*count)++ * size;
	memset(slot, 0, size);
	return slot;
}

void letter_init(struct letter *l)
{
	memset(l, 0, sizeof(*l));
	l->date = DATE_NONE;
	l->reply_due = DATE_NONE;
}

static void free_strings(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void letter_release(struct letter *l)
{
	free(l->source);
	free(l->reference);
	for (size_t i = 0; i < l->mandates_count; i++) {
		free(l->mandates[i].title);
		free(l->mandates[i].resolution);
	}
	free(l->mandates);
	free_strings(l->related, l->related_count);
	for (size_t i = 0; i < l->questions_count; i++)
		free(l->questions[i].text);
	free(l->questions);
	for (size_t i = 0; i < l->citations_count; i++) {
		free(l->citations[i].article);
		free(l->citations[i].context);
	}
	free(l->citations);
	free(l->ratifications);
	for (size_t i = 0; i < l->signatories_count; i++) {
		free(l->signatories[i].name);
		free(l->signatories[i].title);
	}
	free(l->signatories);
	free_strings(l->documents, l->documents_count);
	free_strings(l->links, l->links_count);
	for (size_t i = 0; i < l->figures_count; i++)
		free(l->figures[i].context);
	free(l->figures);
	free_strings(l->warnings, l->warnings_count);
	free(l->body);
	letter_init(l);
}

void letter_warn(struct letter *l, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	char **slot = PUSH(l, warnings);
	*slot = buf_detach(&b);
}

static void set_body(struct letter *l, const struct document *doc)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < doc->count; i++) {
		if (b.len)
			buf_adds(&b, "\n\n");
		if (doc->blocks[i].kind == BLOCK_LIST_ITEM && doc->blocks[i].number)
			buf_addf(&b, "%d. ", doc->blocks[i].number);
		buf_adds(&b, doc->blocks[i].text);
	}
	l->body = buf_detach(&b);
}

void letter_extract(struct letter *l, const struct document *doc, const struct kb *kb)
{
	struct extract_ctx ctx = {.doc = doc, .kb = kb, .phrases = phrase_cache_new()};
	const char *slash = strrchr(doc->path, '/');
	l->source = xstrdup(slash ? slash + 1 : doc->path);
	set_body(l, doc);
	extract_language(&ctx, l);
	extract_landmarks(&ctx, l);
	extract_reference(&ctx, l);
	extract_date(&ctx, l);
	extract_mandates(&ctx, l);
	extract_related(&ctx, l);
	extract_questions(&ctx, l);
	extract_deadline(&ctx, l);
	extract_citations(&ctx, l);
	extract_signatories(&ctx, l);
	extract_documents(&ctx, l);
	for (size_t i = 0; i < doc->link_count; i++) {
		char **slot = PUSH(l, links);
		*slot = xstrdup(doc->links[i]);
	}
	extract_figures(&ctx, l);
	phrase_cache_free(ctx.phrases);
}
