/*
 * buf.c - growable byte buffers. See buf.h.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"

char buf_empty[1];

void buf_init(struct buf *b)
{
	b->data = buf_empty;
	b->len = 0;
	b->cap = 0;
}

void buf_release(struct buf *b)
{
	if (b->cap)
		free(b->data);
	buf_init(b);
}

char *buf_detach(struct buf *b)
{
	char *s = b->cap ? b->data : xstrdup("");
	buf_init(b);
	return s;
}

void buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	if (b->cap) {
		b->data = xrealloc(b->data, cap);
	} else {
		char *p = xmalloc(cap);
		memcpy(p, b->data, b->len + 1);
		b->data = p;
	}
	b->cap = cap;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addch(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("vsnprintf failed for format %s", fmt);
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	buf_setlen(b, 0);
}

void buf_setlen(struct buf *b, size_t len)
{
	if (len > b->len)
		BUG("buf_setlen beyond length");
	b->len = len;
	if (b->cap)
		b->data[len] = '\0';
}

void buf_rtrim(struct buf *b)
{
	while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n' ||
			  b->data[b->len - 1] == '\t' || b->data[b->len - 1] == '\r'))
		b->len--;
	if (b->cap)
		b->data[b->len] = '\0';
}
