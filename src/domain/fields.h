/*
 * fields.h - reading the JSON that intake and cases take (files, flags
 * turned into JSON, later web forms), one field at a time, each error
 * naming the field by its path: "victims[1].consent: ...". Unknown fields
 * are refused, so that a misspelt one is not silently dropped. Knows
 * nothing of what the fields mean.
 */
#ifndef RAPPORTEUR_FIELDS_H
#define RAPPORTEUR_FIELDS_H

#include <jansson.h>
#include <stdbool.h>

#include "../util/error.h"

/* The longest text a one-line field takes, and a free-text one. */
#define FIELDS_LINE_MAX 500
#define FIELDS_TEXT_MAX (256 * 1024)

/* o is an object whose keys are all in allowed (NULL-terminated). */
int fields_check_keys(json_t *o, const char *where, const char *const *allowed, struct error *err);
/* A string field: *out is NULL when absent (an error when required); text
 * that is empty or only spaces counts as absent. Longer than max: error. */
int fields_string(json_t *o, const char *key, const char *where, bool required, size_t max, const char **out,
		  struct error *err);
/* A boolean: *out untouched when absent and not required; *given says
 * whether it was there (may be NULL). */
int fields_bool(json_t *o, const char *key, const char *where, bool required, bool *out, bool *given,
		struct error *err);
/* An integer in [min, max]; *given says whether it was there. */
int fields_int(json_t *o, const char *key, const char *where, bool required, long long min, long long max,
	       long long *out, bool *given, struct error *err);
/* "where.key", or "key" when where is empty, into out. */
void fields_path(const char *where, const char *key, char out[160]);

#endif
