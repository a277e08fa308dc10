/*
 * read_pdf.c - PDF letters into blocks, through MuPDF.
 *
 * The only file that includes MuPDF's headers. Each page's text comes out
 * as lines with their boxes; the running header and footer are dropped
 * (a line in the outer 8% of the page that repeats on most pages, or a
 * bare page number); lines are joined into paragraphs where no gap or
 * change of size separates them; a paragraph cut by a page break is
 * joined when its last line was full, neither half is a lone line and it
 * stopped mid-sentence (continues_on_next_page()), and any other page
 * break becomes a form feed. The result is plain text that
 * read_text.c turns into blocks, as it would a text copy of the letter:
 * so list numbers stay, footnote marks (superscript digits) make footnotes,
 * and words hyphenated at a line end are joined by block_normalise().
 * Addresses broken across lines are mended with the link annotations that
 * say what they were. Knows nothing of letters' meaning.
 */
#include <ctype.h>
#include <math.h>
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/text.h"
#include "../util/utf8.h"
#include "block.h"
#include "read.h"

/* No letter has more pages; a file with more is refused before its text
 * is read, which bounds time. */
#define READ_PDF_MAX_PAGES 1000
/* The outer band of a page where running headers and footers live. */
#define FURNITURE_BAND 0.08

struct pdf_line {
	char *text; /* owned; UTF-8, single spaces, never NULL */
	double x0, y0, x1, y1;
	double baseline;
	double size;	   /* font size of most of its characters */
	double first_word; /* width of its text up to the first space */
	double space;	   /* width of a space in its font */
	int page;
	bool drop; /* running header or footer */
};

struct pdf_text {
	struct pdf_line *lines;
	size_t count, cap;
	double *page_heights;
	int pages;
	char **uris; /* distinct external link targets, in page order */
	size_t uri_count, uri_cap;
};

static void pdf_text_release(struct pdf_text *pt)
{
	for (size_t i = 0; i < pt->count; i++)
		free(pt->lines[i].text);
	for (size_t i = 0; i < pt->uri_count; i++)
		free(pt->uris[i]);
	free(pt->lines);
	free(pt->page_heights);
	free(pt->uris);
}

/* --- MuPDF: pages into lines ------------------------------------------------------------ */

/* MuPDF prints its warnings and errors on stderr unless told otherwise;
 * what matters reaches the caller through the message of what it threw. */
static void quiet(void *user, const char *message)
{
	(void)user;
	(void)message;
}

static void add_uri(struct pdf_text *pt, const char *uri)
{
	for (size_t i = 0; i < pt->uri_count; i++)
		if (!strcmp(pt->uris[i], uri))
			return;
	ALLOC_GROW(pt->uris, pt->uri_count + 1, pt->uri_cap);
	pt->uris[pt->uri_count++] = xstrdup(uri);
}

static bool space_char(int c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
	       c == 0x3000;
}

/* Digits set small and raised ("2022)1 which", a footnote mark as word
 * processors write it) become superscript digits, which read_text() and
 * block_normalise() know for footnote marks. */
static int raised_digit(const fz_stext_char *ch, double size, double baseline)
{
	static const int sup[] = {0x2070, 0xB9, 0xB2, 0xB3, 0x2074,
				  0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
	if (ch->c < '0' || ch->c > '9' || ch->size >= 0.85 * size ||
	    ch->origin.y >= baseline - 0.15 * size)
		return ch->c;
	return sup[ch->c - '0'];
}

static void add_line(struct pdf_text *pt, fz_stext_line *line, int page)
{
	struct buf text = BUF_INIT;
	double size = 0, baseline = 0, right = 0, first_word = -1, space = 0;
	const fz_stext_char *first = NULL;
	/* the line's own size and baseline: those of its largest characters */
	for (fz_stext_char *ch = line->first_char; ch; ch = ch->next) {
		if (ch->c > ' ' && ch->size > size) {
			size = ch->size;
			baseline = ch->origin.y;
		}
	}
	for (fz_stext_char *ch = line->first_char; ch; ch = ch->next) {
		int c = raised_digit(ch, size, baseline);
		double left = ch->quad.ul.x, r = ch->quad.ur.x;
		if (c < 0x20 && c != '\t')
			continue;
		bool blank = space_char(c);
		if (blank) {
			if (!space && r - left > 0.1 * ch->size && r - left < 0.6 * ch->size)
				space = r - left;
			if (first && first_word < 0)
				first_word = right - first->quad.ul.x;
			if (text.len && text.data[text.len - 1] != ' ')
				buf_addch(&text, ' ');
			continue;
		}
		/* a gap MuPDF did not fill with a space: "1." and the tab after it */
		if (first && text.len && text.data[text.len - 1] != ' ' && left - right > 0.25 * ch->size) {
			if (first_word < 0)
				first_word = right - first->quad.ul.x;
			buf_addch(&text, ' ');
		}
		if (!first)
			first = ch;
		if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			c = 0xFFFD; /* what a font's broken mapping gives stays valid UTF-8 */
		char u[4];
		buf_add(&text, u, utf8_encode((uint32_t)c, u));
		right = r;
	}
	buf_rtrim(&text);
	if (!first) {
		buf_release(&text);
		return;
	}
	ALLOC_GROW(pt->lines, pt->count + 1, pt->cap);
	struct pdf_line *l = &pt->lines[pt->count++];
	memset(l, 0, sizeof(*l));
	l->text = buf_detach(&text);
	l->x0 = line->bbox.x0;
	l->y0 = line->bbox.y0;
	l->x1 = line->bbox.x1;
	l->y1 = line->bbox.y1;
	l->baseline = baseline;
	l->size = size;
	l->first_word = first_word < 0 ? right - first->quad.ul.x : first_word;
	l->space = space ? space : 0.28 * l->size;
	l->page = page;
}

static void add_page(fz_context *ctx, fz_page *page, int number, struct pdf_text *pt)
{
	fz_stext_page *stext = NULL;
	fz_link *links = NULL;
	fz_var(stext);
	fz_var(links);
	fz_try(ctx)
	{
		fz_stext_options options = {0};
		stext = fz_new_stext_page_from_page(ctx, page, &options);
		for (fz_stext_block *b = stext->first_block; b; b = b->next) {
			if (b->type != FZ_STEXT_BLOCK_TEXT)
				continue;
			for (fz_stext_line *line = b->u.t.first_line; line; line = line->next)
				if (line->wmode == 0 && line->dir.x > 0.9f) /* horizontal text only */
					add_line(pt, line, number);
		}
		links = fz_load_links(ctx, page);
		for (fz_link *l = links; l; l = l->next)
			if (l->uri && fz_is_external_link(ctx, l->uri))
				add_uri(pt, l->uri);
	}
	fz_always(ctx)
	{
		fz_drop_link(ctx, links);
		fz_drop_stext_page(ctx, stext);
	}
	fz_catch(ctx)
	{
		fz_rethrow(ctx);
	}
}

/* A file cut short ends without "%%EOF" (the standard puts it in the last
 * 1024 bytes). */
static bool has_eof_marker(const char *bytes, size_t len)
{
	size_t from = len > 1024 ? len - 1024 : 0;
	return memmem(bytes + from, len - from, "%%EOF", 5) != NULL;
}

/* Reads every page's lines and links into pt; -1 with err on a file
 * MuPDF cannot read, an encrypted one, or one cut short. */
static int load_pdf(const char *path, const char *bytes, size_t len, struct pdf_text *pt,
		    struct error *err)
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
	if (!ctx)
		return error_set(err, "%s: not enough memory to open the PDF", path);
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);

	fz_buffer *buffer = NULL;
	fz_stream *stream = NULL;
	pdf_document *pdf = NULL;
	fz_page *page = NULL;
	int rc = 0;
	fz_var(buffer);
	fz_var(stream);
	fz_var(pdf);
	fz_var(page);
	fz_var(rc);
	fz_try(ctx)
	{
		buffer = fz_new_buffer_from_shared_data(ctx, (const unsigned char *)bytes, len);
		stream = fz_open_buffer(ctx, buffer);
		pdf = pdf_open_document_with_stream(ctx, stream);
		if (pdf_needs_password(ctx, pdf) && !pdf_authenticate_password(ctx, pdf, "")) {
			rc = error_set(err, "%s: the PDF is encrypted with a password; give an unprotected copy",
				       path);
			break;
		}
		int pages = pdf_count_pages(ctx, pdf);
		if (pages <= 0 && !has_eof_marker(bytes, len)) {
			rc = error_set(err, "%s: the PDF is damaged or cut short (no pages found)", path);
			break;
		}
		if (pages <= 0) {
			rc = error_set(err, "%s: the PDF has no pages", path);
			break;
		}
		if (pages > READ_PDF_MAX_PAGES) {
			rc = error_set(err, "%s: the PDF has %d pages, more than the %d a letter may have",
				       path, pages, READ_PDF_MAX_PAGES);
			break;
		}
		pt->pages = pages;
		pt->page_heights = xcalloc((size_t)pages, sizeof(*pt->page_heights));
		for (int i = 0; i < pages; i++) {
			page = fz_load_page(ctx, (fz_document *)pdf, i);
			fz_rect box = fz_bound_page(ctx, page);
			pt->page_heights[i] = box.y1 - box.y0;
			add_page(ctx, page, i, pt);
			fz_drop_page(ctx, page);
			page = NULL;
		}
		/* MuPDF mends a damaged cross-reference table quietly; a file that
		 * also lacks its end marker was cut short, and what it held is lost */
		if (pdf_was_repaired(ctx, pdf) && !has_eof_marker(bytes, len))
			rc = error_set(err, "%s: the PDF is damaged or cut short (no %%%%EOF at its end)",
				       path);
	}
	fz_always(ctx)
	{
		fz_drop_page(ctx, page);
		fz_drop_document(ctx, (fz_document *)pdf);
		fz_drop_stream(ctx, stream);
		fz_drop_buffer(ctx, buffer);
	}
	fz_catch(ctx)
	{
		const char *why = fz_caught_message(ctx);
		if (!has_eof_marker(bytes, len))
			rc = error_set(err, "%s: the PDF is damaged or cut short (%s)", path, why);
		else
			rc = error_set(err, "%s: not a PDF we can read (%s)", path, why);
	}
	fz_drop_context(ctx);
	return rc;
}

/* --- lines into paragraphs --------------------------------------------------------------- */

static int by_position(const void *a, const void *b)
{
	const struct pdf_line *x = a, *y = b;
	if (x->page != y->page)
		return x->page - y->page;
	if (x->baseline != y->baseline)
		return x->baseline < y->baseline ? -1 : 1;
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* Puts lines in reading order (top to bottom) and makes one line of the
 * pieces MuPDF gave for one baseline ("1." and the item's text). */
static void order_lines(struct pdf_text *pt)
{
	qsort(pt->lines, pt->count, sizeof(*pt->lines), by_position);
	size_t out = 0;
	for (size_t i = 0; i < pt->count;) {
		struct pdf_line group = pt->lines[i];
		size_t j = i + 1;
		while (j < pt->count && pt->lines[j].page == group.page &&
		       fabs(pt->lines[j].baseline - group.baseline) < 0.25 * group.size) {
			j++;
		}
		if (j - i > 1) {
			/* same baseline: left to right */
			struct pdf_line *g = pt->lines + i;
			for (size_t a = 1; a < j - i; a++)
				for (size_t b = a; b > 0 && g[b].x0 < g[b - 1].x0; b--) {
					struct pdf_line t = g[b];
					g[b] = g[b - 1];
					g[b - 1] = t;
				}
			group = g[0];
			struct buf text = BUF_INIT;
			buf_adds(&text, g[0].text);
			free(g[0].text);
			for (size_t k = 1; k < j - i; k++) {
				buf_addch(&text, ' ');
				buf_adds(&text, g[k].text);
				free(g[k].text);
				if (g[k].x1 > group.x1)
					group.x1 = g[k].x1;
				if (g[k].y0 < group.y0)
					group.y0 = g[k].y0;
				if (g[k].y1 > group.y1)
					group.y1 = g[k].y1;
			}
			group.text = buf_detach(&text);
		}
		pt->lines[out++] = group;
		i = j;
	}
	pt->count = out;
}

/* "3", "Page 3", "Page 3 of 12", "3/12", "- 3 -", "página 3 de 12" */
static bool page_number_line(const char *s)
{
	static const char *const words[] = {"page", "p.", "pag.", "página", "pagina", "seite", NULL};
	while (*s == ' ' || *s == '-' || !strncmp(s, "\xE2\x80\x93", 3) || !strncmp(s, "\xE2\x80\x94", 3))
		s += *s == ' ' || *s == '-' ? 1 : 3;
	for (int i = 0; words[i]; i++) {
		size_t n = text_prefix_ci(s, words[i]);
		if (n && (s[n] == ' ' || isdigit((unsigned char)s[n]))) {
			s += n;
			break;
		}
	}
	while (*s == ' ')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	while (*s == ' ')
		s++;
	size_t n;
	if (*s == '/')
		s++;
	else if ((n = text_prefix_ci(s, "of ")) || (n = text_prefix_ci(s, "de ")) ||
		 (n = text_prefix_ci(s, "sur ")) || (n = text_prefix_ci(s, "von ")))
		s += n;
	while (*s == ' ')
		s++;
	while (isdigit((unsigned char)*s))
		s++;
	while (*s == ' ' || *s == '-' || !strncmp(s, "\xE2\x80\x93", 3) || !strncmp(s, "\xE2\x80\x94", 3))
		s += *s == ' ' || *s == '-' ? 1 : 3;
	return *s == '\0';
}

/* A line's text with its digits as '#': "Page 3 of 5" and "Page 4 of 5"
 * are the same running footer. Caller frees. */
static char *furniture_key(const char *s)
{
	char *k = xstrdup(s);
	for (char *p = k; *p; p++)
		if (isdigit((unsigned char)*p))
			*p = '#';
	return k;
}

enum band { BAND_NONE, BAND_TOP, BAND_BOTTOM };

static enum band band_of(const struct pdf_text *pt, const struct pdf_line *l)
{
	double h = pt->page_heights[l->page];
	if (l->y1 <= FURNITURE_BAND * h)
		return BAND_TOP;
	if (l->y0 >= (1 - FURNITURE_BAND) * h)
		return BAND_BOTTOM;
	return BAND_NONE;
}

/* Marks the running header and footer: in the outer band of the page, a
 * bare page number, or a line found in the same band on at least half the
 * pages (two at least); on a single page, a band line standing apart. */
static void drop_furniture(struct pdf_text *pt)
{
	size_t *band = xcalloc(pt->count + 1, sizeof(*band)); /* indexes of band lines */
	char **keys = xcalloc(pt->count + 1, sizeof(*keys));
	size_t count = 0;
	for (size_t i = 0; i < pt->count; i++) {
		if (band_of(pt, &pt->lines[i]) == BAND_NONE)
			continue;
		band[count] = i;
		keys[count++] = furniture_key(pt->lines[i].text);
	}
	for (size_t b = 0; b < count; b++) {
		struct pdf_line *l = &pt->lines[band[b]];
		enum band where = band_of(pt, l);
		if (page_number_line(l->text)) {
			l->drop = true;
		} else if (pt->pages == 1) {
			/* apart: no body line within one and a half lines of it */
			bool apart = true;
			for (size_t j = 0; j < pt->count && apart; j++) {
				const struct pdf_line *o = &pt->lines[j];
				if (band_of(pt, o) == where)
					continue;
				double gap = where == BAND_TOP ? o->y0 - l->y1 : l->y0 - o->y1;
				apart = gap > 1.5 * (l->y1 - l->y0);
			}
			l->drop = apart;
		} else {
			int seen = 0, last_page = -1;
			for (size_t c = 0; c < count; c++) {
				const struct pdf_line *o = &pt->lines[band[c]];
				if (o->page != last_page && band_of(pt, o) == where && !strcmp(keys[b], keys[c])) {
					seen++;
					last_page = o->page;
				}
			}
			l->drop = seen >= 2 && 2 * seen >= pt->pages;
		}
	}
	for (size_t b = 0; b < count; b++)
		free(keys[b]);
	free(keys);
	free(band);
}

static bool ends_sentence(const char *s)
{
	size_t n = strlen(s);
	if (!n)
		return true;
	unsigned char c = (unsigned char)s[n - 1];
	if (strchr(".:;?!\")]", c))
		return true;
	/* a closing curly quote or guillemet */
	return (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\x9D", 3)) ||
	       (n >= 2 && !memcmp(s + n - 2, "\xC2\xBB", 2));
}

static bool superscript_digit_at(const char *s)
{
	static const char *const sup[] = {"\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
					  "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
					  "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9"};
	for (int i = 0; i < 10; i++)
		if (!strncmp(s, sup[i], strlen(sup[i])))
			return true;
	return false;
}

/* "12. ", "3) ", "- ", "* ", "• ": a list item to read_text. */
static bool opens_list_item(const char *s)
{
	const char *p = s;
	while (isdigit((unsigned char)*p) && p - s < 3)
		p++;
	if (p > s && (*p == '.' || *p == ')') && p[1] == ' ')
		return true;
	if ((s[0] == '-' || s[0] == '*') && s[1] == ' ')
		return true;
	return !strncmp(s, "\xE2\x80\xA2", 3);
}

/* A line read_text would take for the start of a list item, a rule or a
 * footnote: a list item, "---", "¹". */
static bool opens_like_a_block(const char *s)
{
	if (opens_list_item(s))
		return true;
	if ((s[0] == '-' || s[0] == '*' || s[0] == '_') && s[1] == s[0])
		return true;
	return superscript_digit_at(s);
}

/* "3 Noteworthy ..." right after a form feed is a footnote to read_text. */
static bool opens_with_number_and_space(const char *s)
{
	const char *p = s;
	while (isdigit((unsigned char)*p) && p - s < 3)
		p++;
	return p > s && *p == ' ';
}

/* True when the address that ends the text so far was cut by the line
 * end: it is the start of a link target and the next line goes on with
 * the rest. Backslashes (Markdown escaping shown as text) are ignored. */
static bool address_continues(const struct pdf_text *pt, const struct buf *text, const char *next)
{
	size_t start = text->len;
	while (start > 0 && text->data[start - 1] != ' ' && text->data[start - 1] != '\n' &&
	       text->data[start - 1] != '\f')
		start--;
	const char *token = text->data + start;
	const char *http = strstr(token, "http");
	if (!http || !pt->uri_count)
		return false;
	char *bare = xmalloc(strlen(http) + 1);
	size_t n = 0;
	for (const char *p = http; *p; p++)
		if (*p != '\\')
			bare[n++] = *p;
	bare[n] = '\0';
	bool found = false;
	for (size_t i = 0; i < pt->uri_count && !found; i++) {
		const char *uri = pt->uris[i];
		if (strlen(uri) <= n || strncmp(uri, bare, n))
			continue;
		/* the next line must go on with the rest of the address */
		const char *rest = uri + n, *q = next;
		size_t matched = 0;
		while (*rest && *q && matched < 6) {
			if (*q == '\\') {
				q++;
				continue;
			}
			if (*q != *rest)
				break;
			q++;
			rest++;
			matched++;
		}
		found = matched == 6 || !*rest;
	}
	free(bare);
	return found;
}

/* The size most characters have, to half a point. */
static double body_size(const struct pdf_text *pt)
{
	enum { SLOTS = 400 }; /* half points up to 200 pt */
	size_t weight[SLOTS] = {0};
	for (size_t i = 0; i < pt->count; i++) {
		double s = round(pt->lines[i].size * 2);
		if (s >= 0 && s < SLOTS)
			weight[(int)s] += strlen(pt->lines[i].text);
	}
	int best = 0;
	for (int s = 1; s < SLOTS; s++)
		if (weight[s] > weight[best])
			best = s;
	return best / 2.0;
}

static bool similar_size(double a, double b)
{
	return fabs(a - b) <= 0.12 * (a > b ? a : b);
}

/* Does line b, the first of a page, go on with the paragraph of line a, the
 * last of the page before? Only when both have one size (not body text
 * and a footnote at the foot of the page); a was full (b's
 * first word would not have fitted after it); neither is alone on its
 * page (a typesetter with orphan and widow control, as render_pdf() and
 * word processors have, leaves no paragraph's first line alone at the foot
 * of a page nor its last alone at the head); and a stops mid-sentence or b
 * does not open with a capital ("Case No." / "1356/2019"). Otherwise the
 * paragraph ended with the page. */
static bool continues_on_next_page(const struct pdf_line *a, bool a_alone, const struct pdf_line *b,
				   bool b_alone, double right)
{
	if (a_alone || b_alone || opens_like_a_block(b->text) || !similar_size(a->size, b->size))
		return false;
	if (a->x1 + a->space + b->first_word <= right + 0.5)
		return false;
	const char *s = b->text;
	while (*s == '"' || *s == '(' || *s == '\'')
		s++;
	return !ends_sentence(a->text) || !isupper((unsigned char)*s);
}

static void join_line(const struct pdf_text *pt, struct buf *text, const char *next)
{
	bool slash = text->len >= 2 && text->data[text->len - 1] == '/' && text->data[text->len - 2] != ' ';
	if (slash || address_continues(pt, text, next))
		; /* "A/HRC/36/" + "46/Add.2", an address: cut by the line end, no space */
	else if (opens_like_a_block(next))
		buf_addch(text, ' '); /* on its own line read_text would start a block */
	else
		buf_addch(text, '\n');
	buf_adds(text, next);
}

/* Does line b open a paragraph, on the evidence of its own page: the
 * first of the page, or apart from the line above by a gap or a change of
 * size? */
static bool opens_paragraph(const struct pdf_line *above, const struct pdf_line *b)
{
	if (!above || above->page != b->page)
		return true;
	double size = b->size < above->size ? b->size : above->size;
	return b->y0 - above->y1 > 0.3 * size || !similar_size(b->size, above->size);
}

/* Does line b, right under the line above with no gap, open the next item
 * of a list? Only when it opens like one and sits where items open: out
 * of the hanging indent of the lines above it, or under an item's first
 * line. In running text "14. Moreover ..." at the start of a wrapped line
 * is neither. first: the first line of the block b would continue. */
static bool opens_tight_item(const struct pdf_line *first, const struct pdf_line *above,
			     const struct pdf_line *b)
{
	if (!opens_list_item(b->text))
		return false;
	double slack = 0.25 * b->size;
	if (b->x0 < above->x0 - slack)
		return true;
	return opens_list_item(first->text) && fabs(b->x0 - first->x0) < slack &&
	       fabs(above->x0 - first->x0) < slack;
}

/* The text read_text() reads: paragraphs apart by blank lines, wrapped
 * lines by newlines, page breaks that end a paragraph by form feeds. */
static void assemble(struct pdf_text *pt, struct buf *text)
{
	/* the body only, in order */
	size_t n = 0;
	for (size_t i = 0; i < pt->count; i++) {
		if (pt->lines[i].drop)
			free(pt->lines[i].text);
		else
			pt->lines[n++] = pt->lines[i];
	}
	pt->count = n;
	double body = body_size(pt), right = 0;
	for (size_t i = 0; i < n; i++)
		if (pt->lines[i].x1 > right)
			right = pt->lines[i].x1;
	size_t first = 0; /* the first line of the block being read */
	for (size_t i = 0; i < n; i++) {
		const struct pdf_line *l = &pt->lines[i], *prev = i ? l - 1 : NULL;
		size_t block_first = first;
		first = i;
		if (!prev) {
			buf_adds(text, l->text);
		} else if (prev->page != l->page) {
			bool prev_alone = opens_paragraph(i >= 2 ? l - 2 : NULL, prev);
			bool alone = i + 1 >= n || opens_paragraph(l, l + 1);
			if (continues_on_next_page(prev, prev_alone, l, alone, right)) {
				join_line(pt, text, l->text);
				first = block_first;
			} else {
				/* a form feed is a page rule to read_text; but right after
				 * one, "3 words" would be a footnote: body text is not */
				if (opens_with_number_and_space(l->text) && similar_size(l->size, body))
					buf_adds(text, "\n\n");
				else
					buf_adds(text, "\n\f\n");
				buf_adds(text, l->text);
			}
		} else if (opens_paragraph(prev, l) || opens_tight_item(&pt->lines[block_first], prev, l)) {
			buf_adds(text, "\n\n");
			buf_adds(text, l->text);
		} else {
			join_line(pt, text, l->text);
			first = block_first;
		}
	}
	buf_addch(text, '\n');
}

int read_pdf_text(const char *path, const char *bytes, size_t len, struct buf *text,
		  char ***links, size_t *link_count, struct error *err)
{
	struct pdf_text pt = {0};
	if (load_pdf(path, bytes, len, &pt, err) < 0) {
		pdf_text_release(&pt);
		return -1;
	}
	order_lines(&pt);
	drop_furniture(&pt);
	size_t body = 0;
	for (size_t i = 0; i < pt.count; i++)
		body += !pt.lines[i].drop;
	if (body == 0) {
		pdf_text_release(&pt);
		return error_set(err, "%s: the PDF holds no text (scanned pages need OCR first)", path);
	}
	assemble(&pt, text);
	if (links) {
		*links = pt.uris;
		*link_count = pt.uri_count;
		pt.uris = NULL;
		pt.uri_count = 0;
	}
	pdf_text_release(&pt);
	return 0;
}

int read_pdf(struct document *doc, const char *bytes, size_t len, struct error *err)
{
	struct buf text = BUF_INIT;
	char **links = NULL;
	size_t link_count = 0;
	if (read_pdf_text(doc->path, bytes, len, &text, &links, &link_count, err) < 0) {
		buf_release(&text);
		return -1;
	}
	int rc = read_text(doc, text.data, text.len, err);
	/* link targets that the text does not show ("[IOM update](https://...)") */
	for (size_t i = 0; i < link_count; i++) {
		if (rc == 0)
			document_add_link(doc, links[i], strlen(links[i]));
		free(links[i]);
	}
	free(links);
	buf_release(&text);
	return rc;
}
