/*
 * error.h - a recoverable failure the caller can show or pass on.
 *
 * Functions that can fail on bad input or I/O take a struct error * and
 * return -1 (or NULL) after filling it; the message names what is wrong
 * and where ("letter.md: no reference line"). A NULL pointer is allowed:
 * the message is then dropped.
 */
#ifndef RAPPORTEUR_ERROR_H
#define RAPPORTEUR_ERROR_H

struct error {
	char message[1024];
};

/* Fills err (if not NULL) and returns -1, so that `return error_set(...)` reads well. */
int error_set(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void error_clear(struct error *err);

#endif
