/*
 * utf8.c - UTF-8 validation and decoding. See utf8.h.
 */
#include "utf8.h"

size_t utf8_seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

static uint32_t decode(const unsigned char *s, size_t avail, size_t *len)
{
	unsigned char c = s[0];
	uint32_t cp;
	size_t n;
	if (c < 0x80) {
		*len = 1;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		*len = 0;
		return 0xFFFD;
	}
	if (avail < n) {
		*len = 0;
		return 0xFFFD;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 0;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF)) {
		*len = 0;
		return 0xFFFD;
	}
	*len = n;
	return cp;
}

bool utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t n;
		decode(p + i, len - i, &n);
		if (!n) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

uint32_t utf8_next(const char **p, const char *end)
{
	size_t n;
	uint32_t cp = decode((const unsigned char *)*p, (size_t)(end - *p), &n);
	*p += n ? n : 1;
	return cp;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool utf8_looks_binary(const char *s, size_t len)
{
	size_t controls = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0)
			return true;
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			controls++;
	}
	return controls > 8 && controls * 100 > len;
}

size_t utf8_line_of(const char *s, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}
