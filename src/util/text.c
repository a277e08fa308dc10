/*
 * text.c - scanning helpers over normalised text. See text.h.
 */
#include "text.h"

#include <ctype.h>
#include <string.h>

#include "die.h"

/* ASCII case folding and word characters by table: these run at every
 * byte of every letter, and ctype's locale lookups cost more than the
 * comparisons. Bytes >= 0x80 (UTF-8) are word characters and fold to
 * themselves. */
unsigned char text_fold_table[256];
bool text_word_table[256];
#define fold text_fold_table

__attribute__((constructor)) static void text_tables(void)
{
	for (int c = 0; c < 256; c++) {
		text_fold_table[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		text_word_table[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
				     (c >= 'A' && c <= 'Z') || c >= 0x80;
	}
}

size_t text_prefix_ci(const char *s, const char *prefix)
{
	const unsigned char *a = (const unsigned char *)s, *b = (const unsigned char *)prefix;
	size_t i = 0;
	for (; b[i]; i++)
		if (fold[a[i]] != fold[b[i]]) /* also stops at the end of s */
			return 0;
	return i;
}

size_t text_word_prefix_ci(const char *s, const char *prefix)
{
	size_t n = text_prefix_ci(s, prefix);
	if (!n)
		return 0;
	unsigned char last = (unsigned char)prefix[n - 1];
	if (text_word_char(last) && text_word_char((unsigned char)s[n]))
		return 0;
	return n;
}

const char *text_find_ci(const char *hay, const char *needle)
{
	unsigned char first = fold[(unsigned char)needle[0]];
	if (!first)
		return hay;
	unsigned char second = fold[(unsigned char)needle[1]];
	for (const unsigned char *p = (const unsigned char *)hay; *p; p++)
		if (fold[*p] == first && (!second || fold[p[1]] == second) &&
		    text_prefix_ci((const char *)p, needle))
			return (const char *)p;
	return NULL;
}

bool text_word_start(const char *text, const char *p)
{
	return p == text || !text_word_char((unsigned char)p[-1]);
}

const char *text_find_word_ci(const char *hay, const char *needle)
{
	const char *p = hay;
	while ((p = text_find_ci(p, needle))) {
		if ((!text_word_char((unsigned char)needle[0]) || text_word_start(hay, p)) &&
		    text_word_prefix_ci(p, needle))
			return p;
		p++;
	}
	return NULL;
}

/* Words after which a full stop does not end a sentence. */
static const char *const abbreviations[] = {
	"art", "arts", "no", "nos", "para", "paras", "mr", "ms", "mrs", "dr", "prof",
	"e.g", "i.e", "cf", "ref", "rev", "st", "vol", "p", "pp", "op", "cit", "al",
	"etc", "inc", "ltd", "co", "sr", "jr", "gen", "col", "lt", "sgt", "m", "mme",
	"mlle", "sra", "sr", "núm", "párr", "párrs", "art", "ibid", "n", "u.n", "u.s",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	NULL};

static bool abbreviation_before(const char *text, const char *dot)
{
	const char *w = dot;
	while (w > text && (isalpha((unsigned char)w[-1]) || w[-1] == '.' ||
			    (unsigned char)w[-1] >= 0x80))
		w--;
	size_t n = (size_t)(dot - w);
	if (n == 0)
		return false;
	if (n == 1 && isupper((unsigned char)*w))
		return true; /* an initial: "Alice J. Edwards" */
	for (int i = 0; abbreviations[i]; i++)
		if (strlen(abbreviations[i]) == n && text_prefix_ci(w, abbreviations[i]) == n)
			return true;
	return false;
}

static bool sentence_end_at(const char *text, const char *p)
{
	/* p points at '.', '?', '!' or ';' */
	if (*p == '?' || *p == '!')
		return p[1] == ' ' || p[1] == '\0';
	if (*p != '.')
		return false;
	const char *q = p + 1;
	while (*q == '"' || *q == ')' || *q == '\'' || (unsigned char)*q == 0xE2) {
		if ((unsigned char)*q == 0xE2) /* closing curly quotes */
			q += 3;
		else
			q++;
	}
	if (*q == '\0')
		return true;
	if (*q != ' ')
		return false;
	if (abbreviation_before(text, p))
		return false;
	q++;
	unsigned char c = (unsigned char)*q;
	return isupper(c) || c == '"' || c == '(' || c >= 0x80 || isdigit(c);
}

void text_sentence(const char *text, size_t pos, size_t *start, size_t *end)
{
	size_t len = strlen(text);
	if (pos > len)
		pos = len;
	size_t s = 0;
	for (size_t i = 0; i < pos; i++) {
		char c = text[i];
		if ((c == '.' || c == '?' || c == '!') && sentence_end_at(text, text + i)) {
			s = i + 1;
			while (text[s] && text[s] != ' ')
				s++; /* closing quotes and brackets */
			while (text[s] == ' ')
				s++;
			if (s > pos)
				s = pos;
		}
	}
	size_t e = pos;
	while (e < len) {
		char c = text[e];
		if ((c == '.' || c == '?' || c == '!') && sentence_end_at(text, text + e)) {
			e++;
			break;
		}
		e++;
	}
	*start = s;
	*end = e;
}

static bool three_digits(const char *s)
{
	return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	       isdigit((unsigned char)s[2]) && !isdigit((unsigned char)s[3]);
}

size_t text_parse_number(const char *s, double *value)
{
	if (!isdigit((unsigned char)*s))
		return 0;
	const char *p = s;
	double v = 0;
	size_t lead = 0;
	while (isdigit((unsigned char)*p)) {
		v = v * 10 + (*p - '0');
		p++;
		lead++;
	}
	/* thousands groups: 10'000, 10,000, 12 000, 1.250.000 (but "3.5" is a decimal) */
	if (lead <= 3) {
		char sep = 0;
		for (;;) {
			char c = *p;
			bool ok = (c == '\'' || c == ',' || c == ' ' || c == '.') && three_digits(p + 1);
			if (!ok || (sep && c != sep))
				break;
			/* a "." followed by exactly three digits and then more dots is a group;
			 * "2.500" alone is ambiguous: French and Spanish letters group with it,
			 * English ones never write decimals with three places in figures. */
			if (c == ',' && p[4] == ' ' && isdigit((unsigned char)p[5]))
				break; /* "1, 234 and" is a list, not a number */
			sep = c;
			v = v * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
			p += 4;
		}
	}
	if ((*p == '.' || *p == ',') && isdigit((unsigned char)p[1]) && !three_digits(p + 1)) {
		double scale = 0.1;
		p++;
		while (isdigit((unsigned char)*p)) {
			v += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
	}
	*value = v;
	return (size_t)(p - s);
}

const char *text_skip_space(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

char *text_trimmed(const char *start, const char *end, const char *strip)
{
	while (start < end && (*start == ' ' || *start == '\n'))
		start++;
	while (end > start && (end[-1] == ' ' || end[-1] == '\n' ||
			       (strip && strchr(strip, end[-1]))))
		end--;
	return xstrndup(start, (size_t)(end - start));
}

bool text_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}
