/*
 * request_parse.h - a request's text read into fields, without a socket:
 * the query string and the form bodies (application/x-www-form-urlencoded
 * and multipart/form-data) decoded and checked (UTF-8 text without NUL in
 * every name and text value, WEB_MAX_FIELDS fields, WEB_MAX_FIELD_BYTES a
 * value, WEB_MAX_UPLOAD_BYTES a file), and paths checked. server.c calls it
 * for every request; tests/fuzz/fuzz_request.c calls it on any bytes.
 * Knows nothing of libmicrohttpd, routes or pages.
 */
#ifndef RAPPORTEUR_REQUEST_PARSE_H
#define RAPPORTEUR_REQUEST_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "web.h"

/* Fields as they come, in order; names and values are NUL-terminated
 * copies the list owns (request_fields_release frees them). */
struct request_fields {
	struct web_field *items;
	size_t count, cap;
};

enum request_parse_status {
	REQUEST_PARSED = 0,
	REQUEST_BAD = -1,	/* not what it claims to be: answer 400 */
	REQUEST_TOO_LARGE = -2, /* a value or a file over its limit: answer 413 */
};

/* The query string (after '?', without it): name=value pairs joined by
 * '&', '+' a space, %XX a byte; a '%' not followed by two hex digits is
 * itself. Returns a request_parse_status; fields hold what was read. */
int request_parse_query(const char *query, size_t len, struct request_fields *out);

/* A POST body, by its Content-Type: urlencoded as the query, or multipart
 * with its boundary (a part with a filename is a file: any bytes, its own
 * limit). Another type gives no fields and REQUEST_PARSED. */
int request_parse_form(const char *content_type, const char *body, size_t len, struct request_fields *out);

/* True for a form Content-Type this parses. */
bool request_is_form(const char *content_type);

/* A path we serve: absolute, no ".." segment, no control bytes or
 * backslash, valid UTF-8, at most WEB_MAX_URL_BYTES. */
bool request_path_ok(const char *path);

void request_fields_release(struct request_fields *f);

#endif
