/*
 * embedded.h - files compiled into the binary (data/, web assets) by
 * tools/embed.c, so that `rapporteur` runs from any folder.
 */
#ifndef RAPPORTEUR_EMBEDDED_H
#define RAPPORTEUR_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* e.g. "data/mandates.json" */
	const char *data; /* NUL-terminated */
	size_t size;
};

extern const struct embedded_file embedded_files[];

/* The embedded file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
