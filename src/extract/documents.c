/*
 * documents.c - UN document symbols a letter cites: "A/HRC/52/30",
 * "CAT/C/KAZ/CO/4", "A/HRC/30/38/Add.5". A symbol opens with a series the
 * knowledge base lists (data/document-series.txt), has at least two
 * slashes and a digit, and is not part of a URL.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "../util/text.h"
#include "list.h"
#include "letter.h"

static bool symbol_char(unsigned char c)
{
	return isalnum(c) || c == '/' || c == '.' || c == '-' || c == '(' || c == ')';
}

static size_t symbol_at(const struct kb *kb, const char *text, const char *p)
{
	if (p > text && (isalnum((unsigned char)p[-1]) || strchr("/.-=%", p[-1])))
		return 0;
	bool known = false;
	for (size_t i = 0; i < kb->document_series.count && !known; i++) {
		const char *series = kb->document_series.items[i];
		size_t n = strlen(series);
		known = !strncmp(p, series, n) && p[n] == '/';
	}
	if (!known)
		return 0;
	const char *q = p;
	size_t slashes = 0, digits = 0;
	int depth = 0;
	while (symbol_char((unsigned char)*q)) {
		if (*q == '(')
			depth++;
		if (*q == ')' && --depth < 0)
			break;
		slashes += *q == '/';
		digits += isdigit((unsigned char)*q) != 0;
		q++;
	}
	while (q > p && (q[-1] == '.' || q[-1] == '-' || q[-1] == '/' ||
			 (q[-1] == ')' && depth < 0)))
		q--;
	/* "(art. 5)" style brackets that do not belong: drop an unbalanced ')' */
	if (q > p && q[-1] == ')' && !memchr(p, '(', (size_t)(q - p)))
		q--;
	if (slashes < 2 || !digits)
		return 0;
	return (size_t)(q - p);
}

void extract_documents(struct extract_ctx *ctx, struct letter *l)
{
	const struct document *doc = ctx->doc;
	for (size_t b = 0; b < doc->count; b++) {
		const char *t = doc->blocks[b].text;
		for (const char *p = t; *p; p++) {
			if ((*p == 'h' || *p == 'H') && (text_prefix_ci(p, "http://") || text_prefix_ci(p, "https://"))) {
				while (*p && *p != ' ')
					p++; /* symbols inside a URL are the URL's */
				if (!*p)
					break;
				continue;
			}
			if (!isupper((unsigned char)*p))
				continue;
			size_t n = symbol_at(ctx->kb, t, p);
			if (!n)
				continue;
			char *sym = xstrndup(p, n);
			bool seen = false;
			for (size_t i = 0; i < l->documents_count && !seen; i++)
				seen = !strcmp(l->documents[i], sym);
			if (seen) {
				free(sym);
			} else {
				char **slot = PUSH(l, documents);
				*slot = sym;
			}
			p += n - 1;
		}
	}
}
