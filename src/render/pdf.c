/*
 * pdf.c - a Markdown letter typeset as an A4 PDF: cmark's tree into Pango
 * markup, one layout per block, lines placed on pages, drawn by Cairo.
 *
 * The only file that includes cairo.h and pango; it also walks cmark's
 * tree, as read_markdown.c does, because typesetting needs the tree, not
 * the normalised blocks. Everything here serves one more reader besides
 * people: read_pdf.c must get the letter back. So list numbers and
 * footnote marks are text (superscript digits, not raised small digits),
 * breaks fall only at spaces (never after the hyphen of "non-refoulement"
 * or the slash of "CAT/C/KAZ/CO/4"), an address too long for a line may
 * break anywhere but is also a link annotation that says what it was,
 * pages keep no lone first or last line of a paragraph and never break one
 * after a line that ends a sentence (see lines_that_fit()), and the
 * running header and footer sit in the outer band of the page.
 * Knows nothing of letters' meaning: the reference is given, not found.
 */
#include "pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cmark.h>
#include <ctype.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "../util/text.h"
#include "../util/utf8.h"

/* A4 in points, and the page's furniture (a reader drops what lies in the
 * outer 8% of the page height: the header and footer sit there, the body
 * never does). */
#define MM (72.0 / 25.4)
#define PAGE_WIDTH (210 * MM)
#define PAGE_HEIGHT (297 * MM)
#define MARGIN_SIDE (25 * MM)
#define MARGIN_TOP (30 * MM)
#define MARGIN_BOTTOM (25 * MM)
#define HEADER_BASELINE (16 * MM)
#define FOOTER_BASELINE (PAGE_HEIGHT - 12 * MM)
#define TEXT_WIDTH (PAGE_WIDTH - 2 * MARGIN_SIDE)
#define BODY_BOTTOM (PAGE_HEIGHT - MARGIN_BOTTOM)

#define SERIF "DejaVu Serif, Liberation Serif, serif"
#define MONO "DejaVu Sans Mono, Liberation Mono, monospace"
#define BODY_SIZE 10.5
#define NOTE_SIZE 8.5
#define FURNITURE_SIZE 8.5
#define LIST_HANG (2.2 * BODY_SIZE) /* from a list number to its text */
#define QUOTE_INDENT 18.0
/* Tokens up to this many bytes never break inside (long ones are
 * addresses and must, or they would run off the page). */
#define UNBREAKABLE_TOKEN 48

/* Fontconfig, on its first use, keeps a few hundred bytes it never frees
 * (the same whatever the number of PDFs): under AddressSanitizer that
 * would fail every run that typesets, so LeakSanitizer is told, through
 * its documented hook, to pass over fontconfig's own allocations. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RENDER_PDF_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(RENDER_PDF_UNDER_ASAN)
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
#endif

enum piece_kind { PIECE_TEXT, PIECE_RULE };

struct link_span {
	size_t start, end; /* bytes of the layout's text */
	char *uri;	   /* owned */
};

struct line_box {
	double x;	 /* left of the line within its layout */
	double top;	 /* within the layout */
	double height;
	double baseline; /* from the line's top */
	bool full_stop;	 /* ends in . : ; ? ! or a closing quote or bracket */
};

/* A block to typeset: a paragraph, heading, list item, footnote or rule. */
struct piece {
	enum piece_kind kind;
	char *markup;	      /* owned; Pango markup */
	double x;	      /* left of the layout, from the left margin */
	double hang;	      /* hanging indent of a list item's lines */
	double size;	      /* font size, points */
	bool bold, mono;
	double space_before, space_after;
	bool keep_with_next;  /* a heading stays with what follows */
	struct link_span *links;
	size_t link_count, link_cap;
	PangoLayout *layout;
	struct line_box *lines;
	int line_count;
};

/* Where one line (or a rule) goes. */
struct placement {
	size_t piece;
	int line;	/* -1 for a rule */
	int page;	/* 0-based */
	double top;	/* of the line on its page */
};

struct typesetter {
	struct piece *pieces;
	size_t count, cap;
	struct placement *placed;
	size_t placed_count, placed_cap;
	int pages;
	PangoFontMap *font_map;
	PangoContext *context;
};

/* --- Markdown into pieces ------------------------------------------------------------ */

/* Inline markup under construction. plain counts the bytes Pango will see
 * once the markup is parsed, so that link spans can be kept in its terms. */
struct inline_writer {
	struct buf markup;
	size_t plain;
	struct buf sup; /* text inside <sup>...</sup> */
	bool in_sup;
	struct piece *piece;
};

static const char *const superscript_digits[] = {
	"\xE2\x81\xB0", "\xC2\xB9",	"\xC2\xB2",	"\xC2\xB3",	"\xE2\x81\xB4",
	"\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9"};

/* Appends text, escaped for Pango markup; control characters are dropped
 * and tabs become spaces (markup must be well-formed whatever the letter
 * holds). */
static void write_text(struct inline_writer *w, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '&') {
			buf_adds(&w->markup, "&amp;");
		} else if (c == '<') {
			buf_adds(&w->markup, "&lt;");
		} else if (c == '>') {
			buf_adds(&w->markup, "&gt;");
		} else if (c == '\t' || c == '\r') {
			buf_addch(&w->markup, ' ');
		} else if (c < 0x20 && c != '\n') {
			continue;
		} else if (c == 0x7F) {
			continue;
		} else {
			buf_addch(&w->markup, (char)c);
		}
		w->plain++;
	}
}

static void write_str(struct inline_writer *w, const char *s)
{
	if (w->in_sup)
		buf_adds(&w->sup, s);
	else
		write_text(w, s, strlen(s));
}

static void write_tag(struct inline_writer *w, const char *tag)
{
	buf_adds(&w->markup, tag);
}

static void add_link(struct piece *p, size_t start, size_t end, const char *url, size_t url_len)
{
	if (end <= start || !(text_prefix_ci(url, "http://") || text_prefix_ci(url, "https://")))
		return;
	ALLOC_GROW(p->links, p->link_count + 1, p->link_cap);
	struct link_span *l = &p->links[p->link_count++];
	l->start = start;
	l->end = end;
	/* the address a reader gets: Markdown's escaping backslashes are not part of it */
	l->uri = xmalloc(url_len + 1);
	size_t n = 0;
	for (size_t i = 0; i < url_len; i++)
		if (url[i] != '\\')
			l->uri[n++] = url[i];
	l->uri[n] = '\0';
}

static void html_inline(struct inline_writer *w, const char *html)
{
	if (text_prefix_ci(html, "<sup")) {
		w->in_sup = true;
		buf_reset(&w->sup);
	} else if (text_prefix_ci(html, "</sup")) {
		w->in_sup = false;
		if (text_all_digits(w->sup.data)) {
			/* a footnote mark: superscript digits, which a reader keeps apart */
			for (const char *d = w->sup.data; *d; d++) {
				const char *sd = superscript_digits[*d - '0'];
				buf_adds(&w->markup, sd);
				w->plain += strlen(sd);
			}
		} else {
			write_text(w, w->sup.data, w->sup.len); /* "110<sup>th</sup>" */
		}
		buf_reset(&w->sup);
	} else if (text_prefix_ci(html, "<br")) {
		write_str(w, "\n");
	}
	/* any other tag is dropped, as the Markdown reader drops it */
}

/* A word hyphenated across a line of the source ("Inter-" / "national"):
 * the letter means one word, as block_normalise() reads it, so the hyphen
 * goes and the halves join. soft is the line break between them. */
static bool hyphenated_across(struct inline_writer *w, cmark_node *soft)
{
	const struct buf *m = &w->markup;
	cmark_node *next = cmark_node_next(soft);
	if (m->len < 2 || m->data[m->len - 1] != '-' || !islower((unsigned char)m->data[m->len - 2]) ||
	    !next || cmark_node_get_type(next) != CMARK_NODE_TEXT)
		return false;
	const char *lit = cmark_node_get_literal(next);
	lit += strspn(lit, " \t");
	if (!islower((unsigned char)*lit))
		return false;
	buf_setlen(&w->markup, m->len - 1);
	w->plain--;
	return true;
}

static void write_inlines(struct inline_writer *w, cmark_node *node)
{
	for (cmark_node *n = cmark_node_first_child(node); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			write_str(w, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE:
			write_tag(w, "<tt>");
			write_str(w, cmark_node_get_literal(n));
			write_tag(w, "</tt>");
			break;
		case CMARK_NODE_SOFTBREAK:
			if (!w->in_sup && hyphenated_across(w, n))
				break;
			write_str(w, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			write_str(w, "\n");
			break;
		case CMARK_NODE_HTML_INLINE:
			html_inline(w, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_EMPH:
			write_tag(w, "<i>");
			write_inlines(w, n);
			write_tag(w, "</i>");
			break;
		case CMARK_NODE_STRONG:
			write_tag(w, "<b>");
			write_inlines(w, n);
			write_tag(w, "</b>");
			break;
		case CMARK_NODE_LINK: {
			size_t start = w->plain;
			write_inlines(w, n);
			const char *url = cmark_node_get_url(n);
			if (url)
				add_link(w->piece, start, w->plain, url, strlen(url));
			break;
		}
		case CMARK_NODE_IMAGE:
			break; /* the Markdown reader does not read images either */
		default:
			write_inlines(w, n);
			break;
		}
	}
}

static struct piece *new_piece(struct typesetter *t, enum piece_kind kind, double x)
{
	ALLOC_GROW(t->pieces, t->count + 1, t->cap);
	struct piece *p = &t->pieces[t->count++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->x = x;
	p->size = BODY_SIZE;
	p->space_after = 0.6 * BODY_SIZE;
	return p;
}

/* True when the paragraph opens with <sup>N</sup>: a footnote. */
static bool opens_with_footnote_mark(cmark_node *para)
{
	cmark_node *first = cmark_node_first_child(para);
	while (first && cmark_node_get_type(first) == CMARK_NODE_TEXT) {
		const char *lit = cmark_node_get_literal(first);
		if (lit && strspn(lit, " ") != strlen(lit))
			return false;
		first = cmark_node_next(first);
	}
	if (!first || cmark_node_get_type(first) != CMARK_NODE_HTML_INLINE ||
	    !text_prefix_ci(cmark_node_get_literal(first), "<sup"))
		return false;
	cmark_node *digits = cmark_node_next(first);
	cmark_node *close = digits ? cmark_node_next(digits) : NULL;
	return digits && close && cmark_node_get_type(digits) == CMARK_NODE_TEXT &&
	       text_all_digits(cmark_node_get_literal(digits)) &&
	       cmark_node_get_type(close) == CMARK_NODE_HTML_INLINE &&
	       text_prefix_ci(cmark_node_get_literal(close), "</sup");
}

/* A piece from a block's inline content, after an optional list label. */
static struct piece *inline_piece(struct typesetter *t, cmark_node *node, double x,
				  const char *label)
{
	struct piece *p = new_piece(t, PIECE_TEXT, x);
	struct inline_writer w = {.markup = BUF_INIT, .sup = BUF_INIT, .piece = p};
	if (label) {
		/* "12." and a space, which a reader sees whatever the gap to the
		 * text, then a tab to the text's indent */
		write_text(&w, label, strlen(label));
		write_text(&w, " ", 1);
		buf_addch(&w.markup, '\t'); /* write_text would make it a space */
		w.plain++;
		p->hang = LIST_HANG;
	}
	write_inlines(&w, node);
	if (w.in_sup) /* an unclosed <sup>: its text stays */
		write_text(&w, w.sup.data, w.sup.len);
	p->markup = buf_detach(&w.markup);
	buf_release(&w.sup);
	return p;
}

static void plain_piece(struct typesetter *t, const char *text, double x, bool mono)
{
	struct piece *p = new_piece(t, PIECE_TEXT, x);
	struct inline_writer w = {.markup = BUF_INIT, .sup = BUF_INIT, .piece = p};
	write_text(&w, text, strlen(text));
	buf_rtrim(&w.markup);
	p->markup = buf_detach(&w.markup);
	buf_release(&w.sup);
	p->mono = mono;
	if (mono)
		p->size = 9;
}

static char *strip_tags(const char *html)
{
	struct buf out = BUF_INIT;
	bool in_tag = false;
	for (const char *p = html; *p; p++) {
		if (*p == '<')
			in_tag = true;
		else if (*p == '>' && in_tag)
			in_tag = false;
		else if (!in_tag)
			buf_addch(&out, *p == '\n' ? ' ' : *p);
	}
	return buf_detach(&out);
}

static void walk_blocks(struct typesetter *t, cmark_node *parent, double x, int list_depth);

static void walk_list(struct typesetter *t, cmark_node *list, double x, int depth)
{
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	bool paren = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM;
	int number = ordered ? cmark_node_get_list_start(list) : 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		char label[16];
		if (ordered)
			snprintf(label, sizeof(label), paren ? "%d)" : "%d.", number++);
		else
			snprintf(label, sizeof(label), "\xE2\x80\xA2"); /* • */
		bool labelled = false;
		for (cmark_node *c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
			if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
				struct piece *p = inline_piece(t, c, labelled ? x + LIST_HANG : x,
							       labelled ? NULL : label);
				p->space_after = 0.4 * BODY_SIZE;
				labelled = true;
			} else if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
				walk_list(t, c, x + LIST_HANG, depth + 1);
			} else {
				walk_blocks(t, c, x + LIST_HANG, depth);
			}
		}
		if (!labelled) { /* an empty item keeps its number */
			struct piece *p = inline_piece(t, item, x, label);
			p->space_after = 0.4 * BODY_SIZE;
		}
	}
}

static void walk_blocks(struct typesetter *t, cmark_node *parent, double x, int list_depth)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH: {
			bool note = opens_with_footnote_mark(n);
			struct piece *p = inline_piece(t, n, x, NULL);
			if (note) {
				p->size = NOTE_SIZE;
				p->space_after = 0.5 * BODY_SIZE;
			}
			break;
		}
		case CMARK_NODE_HEADING: {
			static const double sizes[] = {15, 13, 11.5, BODY_SIZE, BODY_SIZE, BODY_SIZE};
			int level = cmark_node_get_heading_level(n);
			struct piece *p = inline_piece(t, n, x, NULL);
			p->size = sizes[level >= 1 && level <= 6 ? level - 1 : 5];
			p->bold = true;
			p->space_before = level <= 2 ? 1.4 * BODY_SIZE : BODY_SIZE;
			p->space_after = 0.5 * BODY_SIZE;
			p->keep_with_next = true;
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK: {
			struct piece *p = new_piece(t, PIECE_RULE, x);
			p->space_before = 0.3 * BODY_SIZE;
			break;
		}
		case CMARK_NODE_LIST:
			walk_list(t, n, x, list_depth + 1);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			walk_blocks(t, n, x + QUOTE_INDENT, list_depth);
			break;
		case CMARK_NODE_CODE_BLOCK:
			plain_piece(t, cmark_node_get_literal(n), x, true);
			break;
		case CMARK_NODE_HTML_BLOCK: {
			char *text = strip_tags(cmark_node_get_literal(n));
			if (text[strspn(text, " \t\r\n")])
				plain_piece(t, text, x, false);
			free(text);
			break;
		}
		default:
			walk_blocks(t, n, x, list_depth);
			break;
		}
	}
}

/* --- layout ---------------------------------------------------------------------------- */

static PangoFontDescription *font_for(const char *family, double size, bool bold)
{
	PangoFontDescription *d = pango_font_description_from_string(family);
	pango_font_description_set_size(d, (int)(size * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
	return d;
}

static bool url_at(const char *s)
{
	return text_prefix_ci(s, "http://") || text_prefix_ci(s, "https://");
}

/* Bare addresses in the text become links too, so that every address in
 * the PDF is an annotation a reader can match a wrapped line against. */
static void find_bare_links(struct piece *p, const char *text)
{
	size_t n = strlen(text);
	for (size_t i = 0; i < n; i++) {
		if (!url_at(text + i) || (i > 0 && text_word_char((unsigned char)text[i - 1])))
			continue;
		size_t e = i;
		while (e < n && text[e] != ' ' && text[e] != '\n' && text[e] != '<' && text[e] != '>' &&
		       text[e] != '"')
			e++;
		size_t end = e;
		while (end > i && strchr(".,;:'\"", text[end - 1]))
			end--;
		if (end > i && text[end - 1] == ')' && !memchr(text + i, '(', end - i))
			end--;
		bool covered = false;
		for (size_t k = 0; k < p->link_count && !covered; k++)
			covered = p->links[k].start < end && i < p->links[k].end;
		if (!covered)
			add_link(p, i, end, text + i, end - i);
		i = e;
	}
}

/* Does the text before end (a line's end) close a sentence or clause? */
static bool ends_in_full_stop(const char *text, size_t end)
{
	while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n'))
		end--;
	if (end == 0)
		return false;
	if (strchr(".:;?!\")]", text[end - 1]))
		return true;
	return (end >= 3 && !memcmp(text + end - 3, "\xE2\x80\x9D", 3)) || /* ” */
	       (end >= 2 && !memcmp(text + end - 2, "\xC2\xBB", 2));	     /* » */
}

/* Could a line break fall inside this token (no spaces in it)? Only at
 * punctuation that allows one after it: hyphens, slashes, brackets,
 * dashes and their kind (U+2000-U+2BFF, which start with 0xE2). Words,
 * numbers, "e.g." and "Government's" have none, and leaving them alone
 * keeps layouts fast (one attribute a word doubled the time). */
static bool may_break_inside(const char *token, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)token[i];
		if (c >= 0x80 ? c == 0xE2 : !isalnum(c) && !strchr(".,;:'\"", c))
			return true;
	}
	return false;
}

static void add_attr(PangoAttrList *attrs, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(attrs, a);
}

static int layout_piece(struct typesetter *t, struct piece *p, struct error *err)
{
	PangoAttrList *attrs = NULL;
	char *text = NULL;
	GError *gerr = NULL;
	if (!pango_parse_markup(p->markup, -1, 0, &attrs, &text, NULL, &gerr)) {
		error_set(err, "cannot typeset a paragraph: %s", gerr ? gerr->message : "bad markup");
		if (gerr)
			g_error_free(gerr);
		return -1;
	}
	size_t len = strlen(text);
	find_bare_links(p, text);
	/* Breaks only at spaces: a token up to UNBREAKABLE_TOKEN bytes stays whole
	 * ("non-refoulement", "CAT/C/KAZ/CO/4", "12(b)(m)"), so no reader has to
	 * guess whether a hyphen or slash at the end of a line was the text's. */
	for (size_t i = 0; i < len;) {
		while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t'))
			i++;
		size_t s = i;
		while (i < len && text[i] != ' ' && text[i] != '\n' && text[i] != '\t')
			i++;
		if (i - s > 1 && i - s <= UNBREAKABLE_TOKEN && !memmem(text + s, i - s, "://", 3) &&
		    may_break_inside(text + s, i - s))
			add_attr(attrs, pango_attr_allow_breaks_new(FALSE), s, i);
	}
	/* a long address broken across lines gets no hyphen that is not its own */
	add_attr(attrs, pango_attr_insert_hyphens_new(FALSE), 0, len);
	for (size_t k = 0; k < p->link_count; k++) {
		add_attr(attrs, pango_attr_foreground_new(0x1a1a, 0x4d4d, 0x9999), p->links[k].start,
			 p->links[k].end);
		add_attr(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), p->links[k].start,
			 p->links[k].end);
	}

	PangoLayout *layout = pango_layout_new(t->context);
	PangoFontDescription *font = font_for(p->mono ? MONO : SERIF, p->size, p->bold);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	pango_layout_set_width(layout, (int)((TEXT_WIDTH - p->x) * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	if (p->hang > 0) {
		pango_layout_set_indent(layout, (int)(-p->hang * PANGO_SCALE));
		PangoTabArray *tabs =
			pango_tab_array_new_with_positions(1, FALSE, PANGO_TAB_LEFT, (int)(p->hang * PANGO_SCALE));
		pango_layout_set_tabs(layout, tabs);
		pango_tab_array_free(tabs);
	}
	pango_layout_set_text(layout, text, (int)len);
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	p->layout = layout;

	p->line_count = pango_layout_get_line_count(layout);
	p->lines = xcalloc((size_t)p->line_count + 1, sizeof(*p->lines));
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	int i = 0;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		struct line_box *b = &p->lines[i++];
		b->x = (double)logical.x / PANGO_SCALE;
		b->top = (double)logical.y / PANGO_SCALE;
		b->height = (double)logical.height / PANGO_SCALE;
		b->baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE - b->top;
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		b->full_stop = ends_in_full_stop(text, (size_t)line->start_index + (size_t)line->length);
	} while (i < p->line_count && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_free(text);
	p->line_count = i;
	return 0;
}

/* --- pages ------------------------------------------------------------------------------- */

static void place(struct typesetter *t, size_t piece, int line, int page, double top)
{
	ALLOC_GROW(t->placed, t->placed_count + 1, t->placed_cap);
	t->placed[t->placed_count++] = (struct placement){piece, line, page, top};
}

/* Height of a piece's first n lines. */
static double lines_height(const struct piece *p, int n)
{
	double h = 0;
	for (int i = 0; i < n && i < p->line_count; i++)
		h += p->lines[i].height;
	return h;
}

/* How many of lines first.. go on a page with room left, when the
 * paragraph must be split: never so that one line is left alone, neither
 * its first line at the foot of the page (an orphan) nor its last at the
 * head of the next (a widow), as word processors do by default; and never
 * after a line that ends in a full stop or the like (". : ; ? !"). A
 * reader relies on both: a lone line at the foot or head of a page is a
 * paragraph of its own, and a full line that ends a sentence at the foot
 * of a page ends its paragraph. fresh: the page is empty, so some line
 * must go on it whatever the rules say. */
static int lines_that_fit(const struct piece *p, int first, double room, bool fresh)
{
	int n = p->line_count, k = 0;
	double h = 0;
	while (first + k < n && h + p->lines[first + k].height <= room) {
		h += p->lines[first + k].height;
		k++;
	}
	if (first + k == n)
		return k;
	int fits = k;
	while (k > 0 && (p->lines[first + k - 1].full_stop || n - (first + k) == 1))
		k--;
	if (first == 0 && k < 2 && !fresh)
		k = 0; /* the paragraph starts on the next page */
	if (k == 0 && fresh)
		k = fits > 0 ? fits : 1; /* nothing better to do */
	return k;
}

/* Puts every line on a page, in order; a heading goes to the next page
 * with the lines that follow it. */
static void paginate(struct typesetter *t)
{
	int page = 0;
	double y = MARGIN_TOP;
	bool at_top = true;
	double pending = 0; /* space owed between the last piece and the next */
	for (size_t k = 0; k < t->count; k++) {
		struct piece *p = &t->pieces[k];
		double gap = p->space_before > pending ? p->space_before : pending;
		if (p->kind == PIECE_RULE) {
			if (!at_top && y + gap + 1 > BODY_BOTTOM) {
				page++;
				y = MARGIN_TOP;
				at_top = true;
			}
			if (!at_top)
				y += gap;
			place(t, k, -1, page, y);
			y += 1;
			at_top = false;
			pending = 0.6 * BODY_SIZE;
			continue;
		}
		if (p->line_count == 0)
			continue;
		if (p->keep_with_next && !at_top) {
			double need = gap + lines_height(p, p->line_count);
			for (size_t j = k + 1; j < t->count; j++) {
				const struct piece *q = &t->pieces[j];
				if (q->kind != PIECE_TEXT || !q->line_count)
					continue;
				need += (q->space_before > p->space_after ? q->space_before : p->space_after) +
					lines_height(q, q->line_count < 2 ? 1 : 2);
				break;
			}
			if (y + need > BODY_BOTTOM) {
				page++;
				y = MARGIN_TOP;
				at_top = true;
			}
		}
		if (!at_top)
			y += gap;
		for (int i = 0; i < p->line_count;) {
			int fit = lines_that_fit(p, i, BODY_BOTTOM - y, at_top);
			for (int j = 0; j < fit; j++, i++) {
				place(t, k, i, page, y);
				y += p->lines[i].height;
				at_top = false;
			}
			if (i < p->line_count) {
				page++;
				y = MARGIN_TOP;
				at_top = true;
			}
		}
		pending = p->space_after;
	}
	t->pages = page + 1;
}

/* --- drawing ----------------------------------------------------------------------------- */

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* One line of small text with its baseline at y: left at x, or centred
 * on the page when x < 0. */
static void draw_furniture(struct typesetter *t, cairo_t *cr, const char *text, double x, double y)
{
	PangoLayout *layout = pango_layout_new(t->context);
	PangoFontDescription *font = font_for(SERIF, FURNITURE_SIZE, false);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	pango_layout_set_text(layout, text, -1);
	PangoRectangle logical;
	pango_layout_get_extents(layout, NULL, &logical);
	if (x < 0)
		x = (PAGE_WIDTH - (double)logical.width / PANGO_SCALE) / 2;
	double baseline = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cairo_move_to(cr, x, y - baseline);
	pango_cairo_show_layout(cr, layout);
	g_object_unref(layout);
}

/* A link annotation over the part of a line that shows a link. */
static void draw_links(cairo_t *cr, const struct piece *p, PangoLayoutLine *line, double x,
		       double top, double height)
{
	size_t ls = (size_t)line->start_index, le = ls + (size_t)line->length;
	for (size_t k = 0; k < p->link_count; k++) {
		const struct link_span *l = &p->links[k];
		size_t s = l->start > ls ? l->start : ls, e = l->end < le ? l->end : le;
		if (s >= e)
			continue;
		int *ranges = NULL, n = 0;
		pango_layout_line_get_x_ranges(line, (int)s, (int)e, &ranges, &n);
		for (int r = 0; r < n; r++) {
			double x0 = x + (double)ranges[2 * r] / PANGO_SCALE;
			double x1 = x + (double)ranges[2 * r + 1] / PANGO_SCALE;
			struct buf a = BUF_INIT;
			buf_addf(&a, "rect=[%.2f %.2f %.2f %.2f] uri='", x0, top, x1 - x0, height);
			for (const char *u = l->uri; *u; u++) {
				if (*u == '\'' || *u == '\\')
					buf_addch(&a, '\\');
				buf_addch(&a, *u);
			}
			buf_addch(&a, '\'');
			cairo_tag_begin(cr, CAIRO_TAG_LINK, a.data);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
			buf_release(&a);
		}
		g_free(ranges);
	}
}

static void draw_pages(struct typesetter *t, cairo_t *cr, const char *reference)
{
	size_t next = 0;
	for (int page = 0; page < t->pages; page++) {
		if (reference && *reference)
			draw_furniture(t, cr, reference, MARGIN_SIDE, HEADER_BASELINE);
		for (; next < t->placed_count && t->placed[next].page == page; next++) {
			const struct placement *pl = &t->placed[next];
			const struct piece *p = &t->pieces[pl->piece];
			double x = MARGIN_SIDE + p->x;
			if (pl->line < 0) {
				cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
				cairo_set_line_width(cr, 0.5);
				cairo_move_to(cr, x, pl->top + 0.5);
				cairo_line_to(cr, x + (TEXT_WIDTH - p->x) / 3, pl->top + 0.5);
				cairo_stroke(cr);
				continue;
			}
			const struct line_box *b = &p->lines[pl->line];
			PangoLayoutLine *line = pango_layout_get_line_readonly(p->layout, pl->line);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_move_to(cr, x + b->x, pl->top + b->baseline);
			pango_cairo_show_layout_line(cr, line);
			draw_links(cr, p, line, x, pl->top, b->height);
		}
		char footer[64];
		snprintf(footer, sizeof(footer), "Page %d of %d", page + 1, t->pages);
		draw_furniture(t, cr, footer, -1, FOOTER_BASELINE);
		cairo_show_page(cr);
	}
}

static void typesetter_release(struct typesetter *t)
{
	for (size_t k = 0; k < t->count; k++) {
		struct piece *p = &t->pieces[k];
		free(p->markup);
		for (size_t i = 0; i < p->link_count; i++)
			free(p->links[i].uri);
		free(p->links);
		free(p->lines);
		if (p->layout)
			g_object_unref(p->layout);
	}
	free(t->pieces);
	free(t->placed);
	if (t->context)
		g_object_unref(t->context);
	if (t->font_map)
		g_object_unref(t->font_map);
}

int render_pdf(const char *markdown, const char *reference, struct buf *out, struct error *err)
{
	size_t len = strlen(markdown), bad;
	if (!utf8_valid(markdown, len, &bad))
		return error_set(err, "the letter is not valid UTF-8 (byte %zu)", bad);
	if (reference && !utf8_valid(reference, strlen(reference), &bad))
		return error_set(err, "the reference is not valid UTF-8");

	struct typesetter t = {0};
	cmark_node *root = cmark_parse_document(markdown, len, CMARK_OPT_DEFAULT);
	if (!root)
		return error_set(err, "the Markdown could not be parsed");
	walk_blocks(&t, root, 0, 0);
	cmark_node_free(root);

	size_t start = out->len;
	cairo_surface_t *surface =
		cairo_pdf_surface_create_for_stream(write_to_buf, out, PAGE_WIDTH, PAGE_HEIGHT);
	if (reference && *reference)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, reference);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Rapporteur");
	cairo_t *cr = cairo_create(surface);

	/* Our own font map, released at the end, so nothing outlives the call;
	 * metrics as the PDF has them: no hinting, which only suits screens. */
	t.font_map = pango_cairo_font_map_new();
	t.context = pango_font_map_create_context(t.font_map);
	cairo_font_options_t *options = cairo_font_options_create();
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(t.context, options);
	cairo_font_options_destroy(options);
	pango_cairo_update_context(cr, t.context);
	pango_cairo_context_set_resolution(t.context, 72); /* a point is a unit of the page */

	int rc = 0;
	for (size_t k = 0; k < t.count && rc == 0; k++)
		if (t.pieces[k].kind == PIECE_TEXT)
			rc = layout_piece(&t, &t.pieces[k], err);
	if (rc == 0) {
		paginate(&t);
		draw_pages(&t, cr, reference);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	typesetter_release(&t);
	if (rc < 0) {
		buf_setlen(out, start);
		return -1;
	}
	if (status != CAIRO_STATUS_SUCCESS) {
		buf_setlen(out, start);
		return error_set(err, "cannot write the PDF: %s", cairo_status_to_string(status));
	}
	return 0;
}
