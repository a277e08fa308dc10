/*
 * fts_tokens.c - FTS5's unicode61 token boundaries for common text. See
 * fts_tokens.h. Knows nothing of SQLite: it repeats, for the characters
 * it knows, the rule of unicode61 with its default categories ("L* N*
 * Co" are token characters, all else separates), and refuses the rest.
 */
#include "fts_tokens.h"

#include <stdint.h>

enum kind { SEPARATOR, TOKEN, UNKNOWN };

/* The kind of the character at text[*i] (at most n), moving *i past it. */
static enum kind next_kind(const unsigned char *text, int n, int *i)
{
	unsigned char c = text[*i];
	if (c < 0x80) {
		(*i)++;
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? TOKEN
														   : SEPARATOR;
	}
	/* U+00C0-U+024F: two bytes, C3..C9 then a continuation byte */
	if (c >= 0xC3 && c <= 0xC9 && *i + 1 < n && (text[*i + 1] & 0xC0) == 0x80) {
		uint32_t cp = (uint32_t)(c & 0x1F) << 6 | (text[*i + 1] & 0x3F);
		if (cp > 0x24F)
			return UNKNOWN;
		*i += 2;
		return cp == 0xD7 || cp == 0xF7 ? SEPARATOR : TOKEN; /* x and divide signs: symbols */
	}
	/* U+2000-U+206F, General Punctuation (spaces, dashes, quotes, marks):
	 * E2 80..81 then a continuation byte */
	if (c == 0xE2 && *i + 2 < n && (text[*i + 1] == 0x80 || text[*i + 1] == 0x81) &&
	    (text[*i + 2] & 0xC0) == 0x80) {
		uint32_t cp = 0x2000 | (uint32_t)(text[*i + 1] & 0x3F) << 6 | (text[*i + 2] & 0x3F);
		if (cp > 0x206F)
			return UNKNOWN;
		*i += 3;
		return SEPARATOR;
	}
	return UNKNOWN;
}

bool fts_tokens(const char *text, int n, int (*token)(void *ctx, int start, int end), void *ctx)
{
	const unsigned char *t = (const unsigned char *)text;
	for (int i = 0; i < n;)
		if (next_kind(t, n, &i) == UNKNOWN)
			return false;
	int i = 0;
	while (i < n) {
		int start = i;
		if (next_kind(t, n, &i) != TOKEN)
			continue;
		int end = i;
		while (i < n) {
			int at = i;
			if (next_kind(t, n, &i) != TOKEN) {
				i = at; /* a separator: the next round skips it */
				break;
			}
			end = i;
		}
		if (token(ctx, start, end))
			break;
	}
	return true;
}
