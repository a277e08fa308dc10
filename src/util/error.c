/*
 * error.c - recoverable failures. See error.h.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

int error_set(struct error *err, const char *fmt, ...)
{
	if (!err)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

void error_clear(struct error *err)
{
	if (err)
		err->message[0] = '\0';
}
