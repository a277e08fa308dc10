/*
 * die.h - the three kinds of failure (after git's usage.c).
 *
 * die(): the user asked for something that cannot be done; print
 * "rapporteur: MESSAGE" and exit 1. usage_die(): bad command line, exit 2.
 * BUG(): a broken invariant in our own code; print file and line, abort.
 * Recoverable errors are not here: functions return a status and fill a
 * struct error (error.h) that the caller can show.
 * Also the x-allocators, which die on out-of-memory.
 */
#ifndef RAPPORTEUR_DIE_H
#define RAPPORTEUR_DIE_H

#include <stddef.h>

_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void usage_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void bug_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)

/* Prints "rapporteur: MESSAGE" on stderr and returns -1. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "rapporteur: warning: MESSAGE" on stderr. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *array (of *cap elements of size elem) to hold at least need. */
#define ALLOC_GROW(array, need, cap)                                                \
	do {                                                                        \
		if ((size_t)(need) > (cap)) {                                       \
			size_t grow_cap_ = (cap) ? (cap)*2 : 8;                     \
			while (grow_cap_ < (size_t)(need))                          \
				grow_cap_ *= 2;                                     \
			(array) = xrealloc((array), grow_cap_ * sizeof(*(array)));  \
			(cap) = grow_cap_;                                          \
		}                                                                   \
	} while (0)

#endif
