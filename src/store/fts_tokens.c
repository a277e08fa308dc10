/*
 * fts_tokens.c - FTS5's unicode61 token boundaries for common text. See
 * fts_tokens.h. Knows nothing of SQLite: it repeats, for the characters
 * it knows, the rule of unicode61 with its default categories ("L* N*
 * Co" are token characters, all else separates), and gives up on the
 * rest.
 */
#include "fts_tokens.h"

#include <stdint.h>

/* By byte: 0 an ASCII separator, 1 an ASCII letter or digit, 2 the first
 * byte of a longer character. */
static const unsigned char byte_class[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
	['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1,
	['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	[0x80] = 2, [0x81] = 2, [0x82] = 2, [0x83] = 2, [0x84] = 2, [0x85] = 2, [0x86] = 2, [0x87] = 2,
	[0x88] = 2, [0x89] = 2, [0x8A] = 2, [0x8B] = 2, [0x8C] = 2, [0x8D] = 2, [0x8E] = 2, [0x8F] = 2,
	[0x90] = 2, [0x91] = 2, [0x92] = 2, [0x93] = 2, [0x94] = 2, [0x95] = 2, [0x96] = 2, [0x97] = 2,
	[0x98] = 2, [0x99] = 2, [0x9A] = 2, [0x9B] = 2, [0x9C] = 2, [0x9D] = 2, [0x9E] = 2, [0x9F] = 2,
	[0xA0] = 2, [0xA1] = 2, [0xA2] = 2, [0xA3] = 2, [0xA4] = 2, [0xA5] = 2, [0xA6] = 2, [0xA7] = 2,
	[0xA8] = 2, [0xA9] = 2, [0xAA] = 2, [0xAB] = 2, [0xAC] = 2, [0xAD] = 2, [0xAE] = 2, [0xAF] = 2,
	[0xB0] = 2, [0xB1] = 2, [0xB2] = 2, [0xB3] = 2, [0xB4] = 2, [0xB5] = 2, [0xB6] = 2, [0xB7] = 2,
	[0xB8] = 2, [0xB9] = 2, [0xBA] = 2, [0xBB] = 2, [0xBC] = 2, [0xBD] = 2, [0xBE] = 2, [0xBF] = 2,
	[0xC0] = 2, [0xC1] = 2, [0xC2] = 2, [0xC3] = 2, [0xC4] = 2, [0xC5] = 2, [0xC6] = 2, [0xC7] = 2,
	[0xC8] = 2, [0xC9] = 2, [0xCA] = 2, [0xCB] = 2, [0xCC] = 2, [0xCD] = 2, [0xCE] = 2, [0xCF] = 2,
	[0xD0] = 2, [0xD1] = 2, [0xD2] = 2, [0xD3] = 2, [0xD4] = 2, [0xD5] = 2, [0xD6] = 2, [0xD7] = 2,
	[0xD8] = 2, [0xD9] = 2, [0xDA] = 2, [0xDB] = 2, [0xDC] = 2, [0xDD] = 2, [0xDE] = 2, [0xDF] = 2,
	[0xE0] = 2, [0xE1] = 2, [0xE2] = 2, [0xE3] = 2, [0xE4] = 2, [0xE5] = 2, [0xE6] = 2, [0xE7] = 2,
	[0xE8] = 2, [0xE9] = 2, [0xEA] = 2, [0xEB] = 2, [0xEC] = 2, [0xED] = 2, [0xEE] = 2, [0xEF] = 2,
	[0xF0] = 2, [0xF1] = 2, [0xF2] = 2, [0xF3] = 2, [0xF4] = 2, [0xF5] = 2, [0xF6] = 2, [0xF7] = 2,
	[0xF8] = 2, [0xF9] = 2, [0xFA] = 2, [0xFB] = 2, [0xFC] = 2, [0xFD] = 2, [0xFE] = 2, [0xFF] = 2,
};

/* The character at t[i] that is not ASCII: 0 a separator, 1 a token
 * character, -1 one this file does not know; *len its bytes. */
static int other_class(const unsigned char *t, int n, int i, int *len)
{
	unsigned char c = t[i];
	/* U+00C0-U+024F: two bytes, C3..C9 then a continuation byte */
	if (c >= 0xC3 && c <= 0xC9 && i + 1 < n && (t[i + 1] & 0xC0) == 0x80) {
		uint32_t cp = (uint32_t)(c & 0x1F) << 6 | (t[i + 1] & 0x3F);
		if (cp > 0x24F)
			return -1;
		*len = 2;
		return cp == 0xD7 || cp == 0xF7 ? 0 : 1; /* the times and divide signs separate */
	}
	/* U+2000-U+206F, General Punctuation (spaces, dashes, quotes, marks):
	 * E2, 80 or 81, then a continuation byte */
	if (c == 0xE2 && i + 2 < n && (t[i + 1] == 0x80 || t[i + 1] == 0x81) && (t[i + 2] & 0xC0) == 0x80) {
		uint32_t cp = 0x2000 | (uint32_t)(t[i + 1] & 0x3F) << 6 | (t[i + 2] & 0x3F);
		if (cp > 0x206F)
			return -1;
		*len = 3;
		return 0;
	}
	return -1;
}

bool fts_tokens(const char *text, int n, int (*token)(void *ctx, int start, int end), void *ctx)
{
	const unsigned char *t = (const unsigned char *)text;
	int i = 0, len, k;
	for (;;) {
		/* separators */
		for (;;) {
			while (i < n && byte_class[t[i]] == 0)
				i++;
			if (i >= n)
				return true;
			if (byte_class[t[i]] == 1)
				break;
			if ((k = other_class(t, n, i, &len)) < 0)
				return false;
			if (k == 1)
				break;
			i += len;
		}
		/* a token */
		int start = i;
		for (;;) {
			while (i < n && byte_class[t[i]] == 1)
				i++;
			if (i >= n || byte_class[t[i]] == 0)
				break;
			if ((k = other_class(t, n, i, &len)) < 0)
				return false;
			if (k == 0)
				break;
			i += len;
		}
		if (token(ctx, start, i))
			return true;
	}
}
