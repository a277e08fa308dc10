/*
 * embedded.c - lookup in the table tools/embed.c generates.
 */
#include "embedded.h"

#include <string.h>

const struct embedded_file *embedded_find(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}
