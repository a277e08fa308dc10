/*
 * read.h - the readers, one per input format, each filling a document
 * with blocks (block.h). document_read() in read.c chooses among them.
 */
#ifndef RAPPORTEUR_READ_H
#define RAPPORTEUR_READ_H

#include <stddef.h>

#include "../util/error.h"
#include "block.h"

int read_markdown(struct document *doc, const char *bytes, size_t len, struct error *err);
int read_text(struct document *doc, const char *bytes, size_t len, struct error *err);

/* The largest letter we read: real letters are under 200 KB; anything
 * much larger is not a letter, and refusing it bounds time and memory. */
#define READ_MAX_BYTES (8u * 1024 * 1024)

/* Reads a whole file into memory after checking that it is a letter we
 * can read: not empty, not binary, valid UTF-8, at most READ_MAX_BYTES.
 * Returns the bytes (caller frees) or NULL with err naming the file. */
char *read_file_checked(const char *path, size_t *len, struct error *err);
/* The same checks on bytes already in memory (an upload). */
int read_check_bytes(const char *path, const char *bytes, size_t len, struct error *err);

#endif
