/*
 * fields.c - JSON input read field by field. See fields.h.
 */
#include "fields.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../util/buf.h"

void fields_path(const char *where, const char *key, char out[160])
{
	snprintf(out, 160, "%s%s%s", where && *where ? where : "", where && *where ? "." : "", key);
}

int fields_check_keys(json_t *o, const char *where, const char *const *allowed, struct error *err)
{
	if (!json_is_object(o))
		return error_set(err, "%s: give an object ({...})", where && *where ? where : "the input");
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
	{
		bool known = false;
		for (const char *const *a = allowed; *a && !known; a++)
			known = !strcmp(*a, k);
		if (!known) {
			struct buf b = BUF_INIT;
			for (const char *const *a = allowed; *a; a++)
				buf_addf(&b, "%s%s", a == allowed ? "" : ", ", *a);
			char path[160];
			fields_path(where, k, path);
			error_set(err, "%s: unknown field; the fields are: %s", path, b.data);
			buf_release(&b);
			return -1;
		}
	}
	return 0;
}

int fields_string(json_t *o, const char *key, const char *where, bool required, size_t max, const char **out,
		  struct error *err)
{
	char path[160];
	fields_path(where, key, path);
	*out = NULL;
	json_t *v = json_object_get(o, key);
	if (v && !json_is_null(v) && !json_is_string(v))
		return error_set(err, "%s: give a text (\"...\")", path);
	const char *s = json_string_value(v);
	bool blank = true;
	for (const char *p = s; p && *p && blank; p++)
		blank = isspace((unsigned char)*p);
	if (!s || blank)
		return required ? error_set(err, "%s: required", path) : 0;
	if (strlen(s) > max)
		return error_set(err, "%s: too long (%zu bytes; at most %zu)", path, strlen(s), max);
	if (max == FIELDS_LINE_MAX && strpbrk(s, "\r\n"))
		return error_set(err, "%s: one line, without line breaks", path);
	*out = s;
	return 0;
}

int fields_bool(json_t *o, const char *key, const char *where, bool required, bool *out, bool *given,
		struct error *err)
{
	char path[160];
	fields_path(where, key, path);
	json_t *v = json_object_get(o, key);
	if (given)
		*given = false;
	if (!v || json_is_null(v))
		return required ? error_set(err, "%s: required (true or false)", path) : 0;
	if (!json_is_boolean(v))
		return error_set(err, "%s: give true or false", path);
	*out = json_is_true(v);
	if (given)
		*given = true;
	return 0;
}

int fields_int(json_t *o, const char *key, const char *where, bool required, long long min, long long max,
	       long long *out, bool *given, struct error *err)
{
	char path[160];
	fields_path(where, key, path);
	json_t *v = json_object_get(o, key);
	if (given)
		*given = false;
	if (!v || json_is_null(v))
		return required ? error_set(err, "%s: required (a number)", path) : 0;
	if (!json_is_integer(v))
		return error_set(err, "%s: give a whole number", path);
	long long n = json_integer_value(v);
	if (n < min || n > max)
		return error_set(err, "%s: %lld is out of range (%lld to %lld)", path, n, min, max);
	*out = n;
	if (given)
		*given = true;
	return 0;
}
