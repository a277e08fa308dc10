/*
 * letterfile.h - a letter file into a record: read (checked), mend,
 * extract. The one path every command that reads letters goes through.
 */
#ifndef RAPPORTEUR_LETTERFILE_H
#define RAPPORTEUR_LETTERFILE_H

#include <stddef.h>

#include "../extract/letter.h"
#include "../util/error.h"

/* Parses the file at path into l (letter_release() it after). Returns 0,
 * or -1 with err naming the file and what is wrong with it. */
int letterfile_parse(const char *path, struct letter *l, struct error *err);
/* The same from bytes in memory (an upload); name is used in messages. */
int letterfile_parse_bytes(const char *name, const char *bytes, size_t len, struct letter *l,
			   struct error *err);

#endif
