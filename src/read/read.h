/*
 * read.h - the readers, one per input format, each filling a document
 * with blocks (block.h). document_read() in read.c chooses among them.
 */
#ifndef RAPPORTEUR_READ_H
#define RAPPORTEUR_READ_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/error.h"
#include "block.h"

int read_markdown(struct document *doc, const char *bytes, size_t len, struct error *err);
int read_text(struct document *doc, const char *bytes, size_t len, struct error *err);
/* A PDF (read_pdf.c, through MuPDF): its text as read_text() reads it. */
int read_pdf(struct document *doc, const char *bytes, size_t len, struct error *err);
/* The plain text read_pdf() hands to read_text(), appended to text: running
 * headers and footers dropped, paragraphs apart by blank lines, form feeds
 * where a page break ends one. With links not NULL, also the targets of
 * the PDF's link annotations (caller frees each and the array). Messages
 * name path. */
int read_pdf_text(const char *path, const char *bytes, size_t len, struct buf *text,
		  char ***links, size_t *link_count, struct error *err);
/* True when bytes are a PDF ("%PDF-" first), whatever the file's name. */
bool read_is_pdf(const char *bytes, size_t len);

/* The largest letter we read: real letters are under 200 KB; anything
 * much larger is not a letter, and refusing it bounds time and memory. */
#define READ_MAX_BYTES (8u * 1024 * 1024)

/* Reads a whole file into memory after checking that it is a letter we
 * can read: not empty, at most READ_MAX_BYTES, and a PDF or else text
 * (not binary, valid UTF-8).
 * Returns the bytes (caller frees) or NULL with err naming the file. */
char *read_file_checked(const char *path, size_t *len, struct error *err);
/* The same checks on bytes already in memory (an upload). */
int read_check_bytes(const char *path, const char *bytes, size_t len, struct error *err);

#endif
