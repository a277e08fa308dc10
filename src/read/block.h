/*
 * block.h - a letter as a flat list of blocks, whatever file it came from.
 *
 * Readers (read_markdown.c, read_text.c, later read_pdf.c) turn a file into
 * a struct document; mend.c then repairs page-break artefacts once, so that
 * extractors never see them. A block's text is normalised: whitespace runs
 * are one space, curly apostrophes are straight, footnote markers and soft
 * hyphens are gone, words hyphenated across a line are joined.
 * Knows nothing of letters' meaning: no references, mandates or dates.
 */
#ifndef RAPPORTEUR_BLOCK_H
#define RAPPORTEUR_BLOCK_H

#include <stdbool.h>
#include <stddef.h>

enum block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_HEADING,
	BLOCK_LIST_ITEM, /* number > 0 for an ordered item, 0 for a bullet */
	BLOCK_FOOTNOTE,	 /* number = the footnote's number */
	BLOCK_RULE,	 /* a horizontal rule: in letters, a page break */
};

struct block {
	enum block_kind kind;
	int level;	/* heading level; list nesting depth (1 = top) */
	int number;	/* list item or footnote number */
	bool strong;	/* the whole block is bold (letters' mandate headers) */
	char *text;	/* owned; normalised UTF-8, never NULL */
	size_t offset;	/* byte offset of the block in the source file */
};

struct document {
	char *path;		/* owned copy of the file name, for messages */
	struct block *blocks;	/* owned */
	size_t count, cap;
	char **links;		/* owned: distinct http(s) URLs, in order of appearance */
	size_t link_count, link_cap;
};

void document_init(struct document *doc, const char *path);
void document_release(struct document *doc);
/* Appends a block; takes ownership of text. */
struct block *document_add(struct document *doc, enum block_kind kind, char *text, size_t offset);
/* Adds url to the distinct links (ignores anything not http:// or https://). */
void document_add_link(struct document *doc, const char *url, size_t len);
/* Adds every bare http(s) URL found in text. */
void document_scan_links(struct document *doc, const char *text);

/*
 * Normalises raw inline text into out: soft line breaks (\n) become
 * spaces, a word hyphenated across a line ("viola-\ntions") is joined,
 * NBSP and other spaces become ' ', curly apostrophes become ', soft
 * hyphens and zero-width characters vanish, runs of spaces collapse, and
 * words glued in copying ("theGovernment", "allegations.We") are split.
 * Returns a new string the caller frees.
 */
char *block_normalise(const char *raw, size_t len);

/* Page-break mending, run once by every reader after it has read:
 * drops rules, and joins a paragraph (or list item) cut by a page break or
 * footnote block with its continuation. See mend.c. */
void document_mend(struct document *doc);

/* Reads the file at path with the reader its name or content calls for.
 * bytes/len is the file's content (already checked to be UTF-8 text).
 * Returns 0, or -1 with a message in err naming the file. */
struct error;
int document_read(struct document *doc, const char *path, const char *bytes, size_t len,
		  struct error *err);

#endif
