/*
 * fuzz_request.c - libFuzzer target for what the server reads from a
 * request before any page sees it (src/web/request_parse.c): query
 * strings, urlencoded and multipart form bodies, paths. Any bytes in,
 * fields or a refusal out, never a crash, a leak, undefined behaviour or a
 * field that breaks the promises pages rely on (valid UTF-8 without NUL in
 * every name and text value, the limits of web.h).
 *
 * The first byte chooses: 0 a query string, 1 a urlencoded body, 2 a
 * multipart body whose Content-Type is the input's first line, 3 a path.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "web/request_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct request_fields *f)
{
	if (f->count > WEB_MAX_FIELDS)
		abort();
	for (size_t i = 0; i < f->count; i++) {
		const struct web_field *w = &f->items[i];
		size_t n = strlen(w->name);
		if (!utf8_valid(w->name, n, NULL))
			abort();
		if (w->value[w->value_len] != '\0')
			abort();
		if (!w->filename && (strlen(w->value) != w->value_len || !utf8_valid(w->value, w->value_len, NULL) ||
				     w->value_len > WEB_MAX_FIELD_BYTES))
			abort();
		if (w->filename && w->value_len > WEB_MAX_UPLOAD_BYTES)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct request_fields f = {0};
	switch (data[0] & 3) {
	case 0:
		request_parse_query(text, len, &f);
		break;
	case 1:
		request_parse_form("application/x-www-form-urlencoded", text, len, &f);
		break;
	case 2: {
		const char *nl = memchr(text, '\n', len);
		size_t head = nl ? (size_t)(nl - text) : len;
		char *type = strndup(text, head);
		const char *body = nl ? nl + 1 : text + len;
		request_parse_form(type, body, len - (size_t)(body - text), &f);
		free(type);
		break;
	}
	default: {
		char *path = strndup(text, len);
		request_path_ok(path);
		free(path);
		return 0;
	}
	}
	check(&f);
	request_fields_release(&f);
	return 0;
}
