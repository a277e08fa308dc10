/*
 * read_markdown.c - Markdown letters into blocks, through cmark.
 *
 * The only file that includes cmark.h. Walks cmark's tree: paragraphs,
 * headings, list items (with their numbers, nested lists one level
 * deeper), rules, and footnotes (a paragraph opening with <sup>N</sup>, as
 * letters converted from Word write them). Raw HTML is never passed on:
 * <sup>N</sup> markers are dropped, other tags ignored, their text kept.
 */
#include <cmark.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/text.h"
#include "block.h"
#include "read.h"

struct inline_state {
	struct buf text;	/* raw visible text */
	struct buf scan;	/* text outside links, scanned for bare URLs */
	struct buf sup;		/* text inside <sup>...</sup> */
	bool in_sup;
	int link_depth;
	int strong_depth;
	size_t plain_chars;	/* visible characters outside strong emphasis */
	size_t strong_chars;
	int footnote;		/* footnote number when the paragraph opens with one */
};

static void add_visible(struct inline_state *st, const char *s)
{
	if (st->in_sup) {
		buf_adds(&st->sup, s);
		return;
	}
	buf_adds(&st->text, s);
	if (!st->link_depth)
		buf_adds(&st->scan, s);
	size_t n = 0;
	for (const char *p = s; *p; p++)
		if (!isspace((unsigned char)*p))
			n++;
	if (st->strong_depth)
		st->strong_chars += n;
	else
		st->plain_chars += n;
}

static bool only_space(const struct buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (!isspace((unsigned char)b->data[i]))
			return false;
	return true;
}

static void html_inline(struct inline_state *st, const char *html)
{
	if (text_prefix_ci(html, "<sup")) {
		st->in_sup = true;
		buf_reset(&st->sup);
	} else if (text_prefix_ci(html, "</sup")) {
		st->in_sup = false;
		if (text_all_digits(st->sup.data)) {
			/* a footnote marker: at the very start it opens a footnote */
			if (only_space(&st->text) && !st->footnote)
				st->footnote = atoi(st->sup.data);
		} else {
			add_visible(st, st->sup.data); /* "110<sup>th</sup>" */
		}
		buf_reset(&st->sup);
	} else if (text_prefix_ci(html, "<br")) {
		add_visible(st, "\n");
	}
}

static void collect_inline(cmark_node *node, struct document *doc, struct inline_state *st)
{
	for (cmark_node *n = cmark_node_first_child(node); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			add_visible(st, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			add_visible(st, "\n");
			break;
		case CMARK_NODE_HTML_INLINE:
			html_inline(st, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(n);
			/* bare URLs before the link come first: links keep document order */
			document_scan_links(doc, st->scan.data);
			buf_reset(&st->scan);
			if (url)
				document_add_link(doc, url, strlen(url));
			st->link_depth++;
			collect_inline(n, doc, st);
			st->link_depth--;
			if (!st->link_depth)
				buf_addch(&st->scan, ' ');
			break;
		}
		case CMARK_NODE_STRONG:
			st->strong_depth++;
			collect_inline(n, doc, st);
			st->strong_depth--;
			break;
		case CMARK_NODE_IMAGE:
			break; /* alt text is not part of the letter */
		default:
			collect_inline(n, doc, st);
			break;
		}
	}
}

struct walker {
	struct document *doc;
	const size_t *line_starts;
	size_t line_count;
};

static size_t node_offset(const struct walker *w, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);
	if (line < 1 || (size_t)line > w->line_count)
		return 0;
	return w->line_starts[line - 1];
}

/* The normalised inline text of node; *footnote is set when it opens with
 * a footnote marker, *strong when all of it is bold. Caller frees. */
static char *inline_text(struct walker *w, cmark_node *node, int *footnote, bool *strong)
{
	struct inline_state st = {.text = BUF_INIT, .scan = BUF_INIT, .sup = BUF_INIT};
	collect_inline(node, w->doc, &st);
	if (st.in_sup) { /* an unclosed <sup>: keep its text */
		st.in_sup = false;
		char *rest = buf_detach(&st.sup);
		add_visible(&st, rest);
		free(rest);
	}
	document_scan_links(w->doc, st.scan.data);
	char *text = block_normalise(st.text.data, st.text.len);
	*footnote = st.footnote;
	*strong = st.strong_chars > 0 && st.plain_chars == 0;
	buf_release(&st.text);
	buf_release(&st.scan);
	buf_release(&st.sup);
	return text;
}

/* Reads the inline content of node into a new block of the given kind;
 * NULL when it holds no text. */
static struct block *add_inline_block(struct walker *w, cmark_node *node, enum block_kind kind)
{
	int footnote;
	bool strong;
	char *text = inline_text(w, node, &footnote, &strong);
	if (!*text && !footnote) {
		free(text);
		return NULL;
	}
	if (footnote && kind == BLOCK_PARAGRAPH)
		kind = BLOCK_FOOTNOTE;
	struct block *b = document_add(w->doc, kind, text, node_offset(w, node));
	b->strong = strong;
	if (kind == BLOCK_FOOTNOTE)
		b->number = footnote;
	return b;
}

static void append_text(struct block *b, const char *more)
{
	size_t n = strlen(b->text), m = strlen(more);
	b->text = xrealloc(b->text, n + m + 2);
	b->text[n] = ' ';
	memcpy(b->text + n + 1, more, m + 1);
}

static void walk_blocks(struct walker *w, cmark_node *parent, int list_level);

static void walk_list(struct walker *w, cmark_node *list, int level)
{
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int number = ordered ? cmark_node_get_list_start(list) : 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		size_t item_index = (size_t)-1; /* the item's block, while it can still grow */
		for (cmark_node *c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
			cmark_node_type t = cmark_node_get_type(c);
			if (t == CMARK_NODE_PARAGRAPH && item_index == (size_t)-1) {
				struct block *b = add_inline_block(w, c, BLOCK_LIST_ITEM);
				if (b) {
					b->kind = BLOCK_LIST_ITEM;
					b->number = number;
					b->level = level;
					item_index = w->doc->count - 1;
				}
			} else if (t == CMARK_NODE_PARAGRAPH) {
				/* a second paragraph of the same item belongs to it */
				int footnote;
				bool strong;
				char *more = inline_text(w, c, &footnote, &strong);
				if (*more)
					append_text(&w->doc->blocks[item_index], more);
				free(more);
			} else if (t == CMARK_NODE_LIST) {
				walk_list(w, c, level + 1);
				item_index = (size_t)-1;
			} else {
				walk_blocks(w, c, level);
				item_index = (size_t)-1;
			}
		}
		if (ordered)
			number++;
	}
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
			buf_addch(&out, *p);
	}
	char *text = block_normalise(out.data, out.len);
	buf_release(&out);
	return text;
}

static void walk_blocks(struct walker *w, cmark_node *parent, int list_level)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			add_inline_block(w, n, BLOCK_PARAGRAPH);
			break;
		case CMARK_NODE_HEADING: {
			struct block *b = add_inline_block(w, n, BLOCK_HEADING);
			if (b) {
				b->kind = BLOCK_HEADING;
				b->level = cmark_node_get_heading_level(n);
			}
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK:
			document_add(w->doc, BLOCK_RULE, NULL, node_offset(w, n));
			break;
		case CMARK_NODE_LIST:
			walk_list(w, n, list_level + 1);
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *lit = cmark_node_get_literal(n);
			char *text = block_normalise(lit, strlen(lit));
			document_scan_links(w->doc, text);
			if (*text)
				document_add(w->doc, BLOCK_PARAGRAPH, text, node_offset(w, n));
			else
				free(text);
			break;
		}
		case CMARK_NODE_HTML_BLOCK: {
			char *text = strip_tags(cmark_node_get_literal(n));
			document_scan_links(w->doc, text);
			if (*text)
				document_add(w->doc, BLOCK_PARAGRAPH, text, node_offset(w, n));
			else
				free(text);
			break;
		}
		default: /* block quotes and the document itself */
			walk_blocks(w, n, list_level);
			break;
		}
	}
}

int read_markdown(struct document *doc, const char *bytes, size_t len, struct error *err)
{
	(void)err;
	size_t cap = 64, count = 0;
	size_t *starts = xmalloc(cap * sizeof(*starts));
	starts[count++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (bytes[i] == '\n') {
			ALLOC_GROW(starts, count + 1, cap);
			starts[count++] = i + 1;
		}
	}
	cmark_node *root = cmark_parse_document(bytes, len, CMARK_OPT_DEFAULT);
	if (!root) {
		free(starts);
		return error_set(err, "%s: the Markdown reader could not parse the file", doc->path);
	}
	struct walker w = {doc, starts, count};
	walk_blocks(&w, root, 0);
	cmark_node_free(root);
	free(starts);
	return 0;
}
