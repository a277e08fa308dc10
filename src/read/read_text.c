/*
 * read_text.c - plain-text letters into blocks.
 *
 * Paragraphs are separated by blank lines; a line opening with "N." or
 * "N)" starts a numbered item even without a blank line before it; a line
 * of dashes, underscores or stars, or a form feed, is a page rule; a
 * paragraph opening with a superscript number ("¹ See ...") is a
 * footnote, as is one opening with "N " just after a rule or footnote.
 * The result is the same blocks the Markdown reader gives for the same
 * letter, so extractors need not know which reader ran.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/utf8.h"
#include "block.h"
#include "read.h"

struct line {
	const char *start;
	size_t len;
	size_t offset;
};

static bool blank(const struct line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (!isspace((unsigned char)l->start[i]))
			return false;
	return true;
}

static bool rule_line(const struct line *l)
{
	size_t marks = 0;
	char mark = 0;
	for (size_t i = 0; i < l->len; i++) {
		char c = l->start[i];
		if (c == ' ' || c == '\t' || c == '\r')
			continue;
		if (c != '-' && c != '_' && c != '*' && c != '=')
			return false;
		if (mark && c != mark)
			return false;
		mark = c;
		marks++;
	}
	return marks >= 3;
}

/* "12. text" or "12) text": returns the number and sets *text_at. */
static int numbered_line(const struct line *l, size_t *text_at)
{
	size_t i = 0;
	while (i < l->len && (l->start[i] == ' ' || l->start[i] == '\t'))
		i++;
	size_t d = i;
	int n = 0;
	while (i < l->len && isdigit((unsigned char)l->start[i]) && i - d < 3)
		n = n * 10 + (l->start[i++] - '0');
	if (i == d || i >= l->len || (l->start[i] != '.' && l->start[i] != ')'))
		return 0;
	i++;
	if (i >= l->len || (l->start[i] != ' ' && l->start[i] != '\t'))
		return 0;
	while (i < l->len && (l->start[i] == ' ' || l->start[i] == '\t'))
		i++;
	*text_at = i;
	return n;
}

static bool bullet_line(const struct line *l, size_t *text_at)
{
	size_t i = 0;
	while (i < l->len && (l->start[i] == ' ' || l->start[i] == '\t'))
		i++;
	if (i + 1 < l->len && (l->start[i] == '-' || l->start[i] == '*') && l->start[i + 1] == ' ') {
		*text_at = i + 2;
		return true;
	}
	if (i + 3 < l->len && !memcmp(l->start + i, "\xE2\x80\xA2", 3)) { /* • */
		*text_at = i + 3;
		return true;
	}
	return false;
}

/* A leading footnote number: superscript digits, or "[N]". Returns the
 * number (0 if none) and the offset of the text after it. */
static int footnote_mark(const char *s, size_t len, size_t *after)
{
	static const char *const sup[] = {"\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
					  "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
					  "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9"};
	size_t i = 0;
	int n = 0, digits = 0;
	while (i < len) {
		int d = -1;
		for (int k = 0; k < 10; k++) {
			size_t sl = strlen(sup[k]);
			if (i + sl <= len && !memcmp(s + i, sup[k], sl)) {
				d = k;
				i += sl;
				break;
			}
		}
		if (d < 0)
			break;
		n = n * 10 + d;
		digits++;
	}
	if (!digits && len > 2 && s[0] == '[' && isdigit((unsigned char)s[1])) {
		i = 1;
		while (i < len && isdigit((unsigned char)s[i]))
			n = n * 10 + (s[i++] - '0');
		if (i < len && s[i] == ']') {
			i++;
			digits = 1;
		} else {
			n = 0;
		}
	}
	if (!digits)
		return 0;
	*after = i;
	return n;
}

struct para {
	struct buf raw;
	size_t offset;
	enum block_kind kind;
	int number;
	bool open;
};

static void flush(struct document *doc, struct para *p, bool *footnote_zone)
{
	if (!p->open)
		return;
	enum block_kind kind = p->kind;
	int number = p->number;
	const char *raw = p->raw.data;
	size_t len = p->raw.len, after = 0;
	if (kind == BLOCK_PARAGRAPH) {
		int fn = footnote_mark(raw, len, &after);
		if (!fn && *footnote_zone && len > 2 && isdigit((unsigned char)raw[0])) {
			/* "3 Noteworthy is ..." under a page rule */
			size_t i = 0;
			int n = 0;
			while (i < len && i < 3 && isdigit((unsigned char)raw[i]))
				n = n * 10 + (raw[i++] - '0');
			if (i < len && raw[i] == ' ') {
				fn = n;
				after = i;
			}
		}
		if (fn) {
			kind = BLOCK_FOOTNOTE;
			number = fn;
			raw += after;
			len -= after;
		}
	}
	*footnote_zone = kind == BLOCK_FOOTNOTE;
	char *text = block_normalise(raw, len);
	document_scan_links(doc, text);
	if (*text) {
		struct block *b = document_add(doc, kind, text, p->offset);
		b->number = number;
	} else {
		free(text);
	}
	buf_reset(&p->raw);
	p->open = false;
}

int read_text(struct document *doc, const char *bytes, size_t len, struct error *err)
{
	(void)err;
	struct para p = {.raw = BUF_INIT};
	bool footnote_zone = false;
	size_t i = 0;
	while (i < len) {
		struct line l = {bytes + i, 0, i};
		while (i < len && bytes[i] != '\n')
			i++;
		l.len = (size_t)(bytes + i - l.start);
		if (i < len)
			i++;
		const char *ff = memrchr(l.start, '\f', l.len);
		if (ff) {
			/* a form feed is a page rule; what follows it on the line is text */
			flush(doc, &p, &footnote_zone);
			document_add(doc, BLOCK_RULE, NULL, l.offset);
			footnote_zone = true;
			l.len -= (size_t)(ff + 1 - l.start);
			l.offset += (size_t)(ff + 1 - l.start);
			l.start = ff + 1;
		}
		size_t text_at = 0;
		int n;
		if (blank(&l)) {
			flush(doc, &p, &footnote_zone);
		} else if (rule_line(&l)) {
			flush(doc, &p, &footnote_zone);
			document_add(doc, BLOCK_RULE, NULL, l.offset);
			footnote_zone = true;
		} else if ((n = numbered_line(&l, &text_at)) > 0 || bullet_line(&l, &text_at)) {
			flush(doc, &p, &footnote_zone);
			p.open = true;
			p.kind = BLOCK_LIST_ITEM;
			p.number = n;
			p.offset = l.offset;
			buf_add(&p.raw, l.start + text_at, l.len - text_at);
		} else {
			if (!p.open) {
				p.open = true;
				p.kind = BLOCK_PARAGRAPH;
				p.number = 0;
				p.offset = l.offset;
			} else {
				buf_addch(&p.raw, '\n');
			}
			buf_add(&p.raw, l.start, l.len);
		}
	}
	flush(doc, &p, &footnote_zone);
	buf_release(&p.raw);
	return 0;
}
