/*
 * mend.c - repairs what page breaks do to a letter, once, for every reader.
 *
 * A letter printed to PDF and copied back comes in pages: a rule where a
 * page ended, footnotes between two halves of a list, a sentence cut in
 * two paragraphs. Here rules are dropped and a paragraph or list item that
 * stops mid-sentence is joined with its continuation (the next flow block
 * that opens in lowercase, or any next paragraph when the cut fell after
 * a word like "of the"). Footnotes stay, out of the flow, so a list split
 * by one keeps its numbers in order.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "../util/text.h"
#include "block.h"

static bool ends_sentence(const char *text)
{
	size_t n = strlen(text);
	if (!n)
		return true;
	unsigned char c = (unsigned char)text[n - 1];
	if (strchr(".:;?!\")]", c))
		return true;
	/* closing curly quote or guillemet */
	if (n >= 3 && (unsigned char)text[n - 3] == 0xE2 && (unsigned char)text[n - 2] == 0x80 &&
	    ((unsigned char)text[n - 1] == 0x9D))
		return true;
	if (n >= 2 && (unsigned char)text[n - 2] == 0xC2 && c == 0xBB)
		return true;
	return false;
}

/* Words a sentence cannot end with: a cut after one of them is mid-sentence
 * even when the next page opens with a capital ("of the\n\nInternational"). */
static const char *const dangling[] = {
	"the", "of", "and", "or", "to", "a", "an", "in", "by", "with", "for", "on", "at",
	"from", "as", "that", "which", "under", "into", "its", "their", "his", "her",
	"de", "du", "des", "la", "le", "les", "et", "ou", "à", "au", "aux", "par", "pour",
	"del", "el", "los", "las", "y", "o", "en", "con", "por", "para", "al", NULL};

static bool ends_dangling(const char *text)
{
	size_t n = strlen(text);
	size_t w = n;
	while (w > 0 && text[w - 1] != ' ')
		w--;
	const char *word = text + w;
	for (int i = 0; dangling[i]; i++)
		if (strlen(dangling[i]) == n - w && text_prefix_ci(word, dangling[i]) == n - w)
			return true;
	return false;
}

static bool opens_lowercase(const char *text)
{
	unsigned char c = (unsigned char)text[0];
	if (c == '"' || c == '(')
		c = (unsigned char)text[1];
	return islower(c);
}

static void join(struct block *into, struct block *from)
{
	size_t n = strlen(into->text), m = strlen(from->text);
	char *t = xmalloc(n + m + 2);
	memcpy(t, into->text, n);
	size_t at = n;
	if (n >= 2 && into->text[n - 1] == '-' && islower((unsigned char)into->text[n - 2]) &&
	    islower((unsigned char)from->text[0]))
		at = n - 1; /* "viola-" + "tions" */
	else
		t[at++] = ' ';
	memcpy(t + at, from->text, m + 1);
	free(into->text);
	into->text = t;
	free(from->text);
	from->text = NULL;
}

void document_mend(struct document *doc)
{
	size_t out = 0;
	/* 1. rules go: in a letter they mark where a page ended */
	for (size_t i = 0; i < doc->count; i++) {
		if (doc->blocks[i].kind == BLOCK_RULE) {
			free(doc->blocks[i].text);
			continue;
		}
		doc->blocks[out++] = doc->blocks[i];
	}
	doc->count = out;

	/* 2. a block cut mid-sentence takes its continuation, across footnotes */
	for (size_t i = 0; i < doc->count; i++) {
		struct block *b = &doc->blocks[i];
		if (!b->text || (b->kind != BLOCK_PARAGRAPH && b->kind != BLOCK_LIST_ITEM) ||
		    b->strong)
			continue;
		while (!ends_sentence(b->text)) {
			size_t j = i + 1;
			while (j < doc->count && (doc->blocks[j].kind == BLOCK_FOOTNOTE || !doc->blocks[j].text))
				j++;
			if (j >= doc->count || doc->blocks[j].kind != BLOCK_PARAGRAPH ||
			    doc->blocks[j].strong)
				break;
			struct block *next = &doc->blocks[j];
			if (!opens_lowercase(next->text) && !ends_dangling(b->text))
				break;
			join(b, next);
		}
	}
	out = 0;
	for (size_t i = 0; i < doc->count; i++)
		if (doc->blocks[i].text)
			doc->blocks[out++] = doc->blocks[i];
	doc->count = out;
}
