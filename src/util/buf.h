/*
 * buf.h - growable byte buffers (after git's strbuf).
 *
 * A buffer always holds a NUL-terminated string in data[0..len]. It knows
 * nothing about where its bytes come from or go. Lifecycle: buf_init (or
 * BUF_INIT), appends, then buf_release (frees) or buf_detach (hands the
 * string to the caller, who frees it with free()).
 */
#ifndef RAPPORTEUR_BUF_H
#define RAPPORTEUR_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* never NULL after buf_init: points at "" when empty */
	size_t len;
	size_t cap;
};

#define BUF_INIT {buf_empty, 0, 0}
extern char buf_empty[];

void buf_init(struct buf *b);
void buf_release(struct buf *b);
/* Returns the string (caller frees with free()) and leaves b empty. */
char *buf_detach(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b);
void buf_setlen(struct buf *b, size_t len);
/* Removes trailing ASCII whitespace. */
void buf_rtrim(struct buf *b);

#endif
