/*
 * block.c - the document of blocks, and the text normalisation every
 * reader applies to what it reads. See block.h.
 */
#include "block.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/text.h"
#include "../util/utf8.h"

void document_init(struct document *doc, const char *path)
{
	memset(doc, 0, sizeof(*doc));
	doc->path = xstrdup(path ? path : "-");
}

void document_release(struct document *doc)
{
	for (size_t i = 0; i < doc->count; i++)
		free(doc->blocks[i].text);
	for (size_t i = 0; i < doc->link_count; i++)
		free(doc->links[i]);
	free(doc->blocks);
	free(doc->links);
	free(doc->path);
	memset(doc, 0, sizeof(*doc));
}

struct block *document_add(struct document *doc, enum block_kind kind, char *text, size_t offset)
{
	ALLOC_GROW(doc->blocks, doc->count + 1, doc->cap);
	struct block *b = &doc->blocks[doc->count++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->text = text ? text : xstrdup("");
	b->offset = offset;
	b->level = 1;
	return b;
}

void document_add_link(struct document *doc, const char *url, size_t len)
{
	if (!(len > 7 && (text_prefix_ci(url, "http://") || text_prefix_ci(url, "https://"))))
		return;
	/* trailing punctuation belongs to the sentence, not the URL */
	while (len && strchr(".,;:>\"'", url[len - 1]))
		len--;
	if (len && url[len - 1] == ')' && !memchr(url, '(', len))
		len--;
	/* a backslash is never part of a URL: it is Markdown escaping ("P13100\\_ID") */
	char *clean = xmalloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (url[i] != '\\')
			clean[n++] = url[i];
	clean[n] = '\0';
	for (size_t i = 0; i < doc->link_count; i++)
		if (!strcmp(doc->links[i], clean)) {
			free(clean);
			return;
		}
	ALLOC_GROW(doc->links, doc->link_count + 1, doc->link_cap);
	doc->links[doc->link_count++] = clean;
}

void document_scan_links(struct document *doc, const char *text)
{
	const char *p = text;
	while ((p = strstr(p, "http"))) {
		if ((text_prefix_ci(p, "http://") || text_prefix_ci(p, "https://")) &&
		    (p == text || !isalnum((unsigned char)p[-1]))) {
			const char *e = p;
			while (*e && *e != ' ' && *e != '<' && *e != '>' && *e != '"' && *e != '\n')
				e++;
			document_add_link(doc, p, (size_t)(e - p));
			p = e;
		} else {
			p += 4;
		}
	}
}

/* Function words that copying glues to the next capitalised word
 * ("theGovernment"): only these are split, so names like "McDonald" stay. */
static const char *const glue_words[] = {
	"the", "of", "and", "to", "in", "by", "for", "on", "with", "that", "your", "our",
	"its", "his", "her", "their", "from", "at", "as", "is", "was", "were", "this",
	"these", "which", "under", "into", "against", "about", "an", "de", "la", "le",
	"les", "du", "des", "el", "los", "las", "del", "et", "en", "al", "que", "una",
	"un", "une", "por", "para", "con", "sur", "par", "dans", NULL};

static bool glue_word(const char *w, size_t n)
{
	for (int i = 0; glue_words[i]; i++)
		if (strlen(glue_words[i]) == n && !memcmp(glue_words[i], w, n))
			return true;
	return false;
}

/* The program runs in the C locale, where ctype's classes are ASCII's;
 * these say so without a locale lookup per byte. */
static bool lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static bool upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Splits words glued in copying; s (n bytes) is already collapsed. Copies
 * runs of text, adding a space where one was lost. */
static char *unglue(const char *s, size_t n)
{
	struct buf out = BUF_INIT;
	buf_grow(&out, n + n / 16);
	const char *run = s;	 /* copied up to here */
	const char *token = s;	 /* start of the current space-separated token */
	bool in_url = false;	 /* the token looks like a URL, address or symbol */
	for (const char *p = s; *p; p++) {
		if (*p == ' ') {
			token = p + 1;
			in_url = false;
		}
		if (*p == '/' || *p == '@' || *p == '=' || *p == '_')
			in_url = true;
		if (in_url)
			continue;
		unsigned char next = (unsigned char)p[1], after = (unsigned char)(next ? p[2] : 0);
		bool space = false;
		if (lower((unsigned char)*p) && upper(next) && lower(after)) {
			const char *w = p;
			while (w > s && lower((unsigned char)w[-1]))
				w--;
			space = (w == s || !text_word_char((unsigned char)w[-1])) && glue_word(w, (size_t)(p - w + 1));
		} else if ((*p == '.' || *p == ';' || *p == ',' || *p == ':') && upper(next) && lower(after) &&
			   p - token >= 3 && lower((unsigned char)p[-1]) && lower((unsigned char)p[-2])) {
			space = true;
		}
		if (space) {
			buf_add(&out, run, (size_t)(p + 1 - run));
			buf_addch(&out, ' ');
			run = p + 1;
		}
	}
	buf_add(&out, run, strlen(run));
	return buf_detach(&out);
}

static bool space_codepoint(uint32_t cp)
{
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v';
}

static bool invisible_codepoint(uint32_t cp)
{
	return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF ||
	       cp == 0x2060;
}

static bool superscript_digit(uint32_t cp)
{
	return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || (cp >= 0x2070 && cp <= 0x2079);
}

/* ASCII that collapses to a pending space (the newline has its own rule). */
static bool ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

char *block_normalise(const char *raw, size_t len)
{
	struct buf out = BUF_INIT;
	buf_grow(&out, len);
	const char *p = raw, *end = raw + len;
	bool pending_space = false;
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80 && c != '\n' && !ascii_space(c)) {
			/* a run of plain ASCII, copied as it is */
			if (pending_space && out.len)
				buf_addch(&out, ' ');
			pending_space = false;
			const char *run = p;
			while (p < end && (unsigned char)*p < 0x80 && *p != '\n' && !ascii_space((unsigned char)*p))
				p++;
			buf_add(&out, run, (size_t)(p - run));
			continue;
		}
		const char *start = p;
		uint32_t cp = utf8_next(&p, end);
		if (cp == '\n') {
			/* a word hyphenated at the end of a line: "viola-\ntions" */
			const char *q = p;
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (out.len >= 2 && out.data[out.len - 1] == '-' &&
			    lower((unsigned char)out.data[out.len - 2]) && q < end &&
			    lower((unsigned char)*q) && !pending_space) {
				buf_setlen(&out, out.len - 1);
				p = q;
				continue;
			}
			pending_space = true;
			continue;
		}
		if (cp == ' ' || space_codepoint(cp)) {
			pending_space = true;
			continue;
		}
		if (invisible_codepoint(cp) || superscript_digit(cp))
			continue;
		if (pending_space && out.len)
			buf_addch(&out, ' ');
		pending_space = false;
		if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032)
			buf_addch(&out, '\'');
		else if (cp == 0xFFFD && p - start == 1)
			buf_adds(&out, "\xEF\xBF\xBD");
		else
			buf_add(&out, start, (size_t)(p - start));
	}
	char *result = unglue(out.data, out.len);
	buf_release(&out);
	return result;
}
