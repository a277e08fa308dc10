/*
 * request_parse.c - query strings, form bodies and paths. See
 * request_parse.h. Pure: bytes in, fields out, every limit checked here.
 */
#include "request_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/die.h"
#include "../util/utf8.h"

#define MAX_PART_HEADER_BYTES (8u * 1024)
#define MAX_BOUNDARY 70 /* RFC 2046 */

void request_fields_release(struct request_fields *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].name);
		free(f->items[i].value);
		free(f->items[i].filename);
	}
	free(f->items);
	memset(f, 0, sizeof(*f));
}

/* Text a page may take: valid UTF-8 and no NUL. */
static bool text_ok(const char *s, size_t len)
{
	return !memchr(s, '\0', len) && utf8_valid(s, len, NULL);
}

static char *copy(const char *s, size_t len)
{
	char *c = xmalloc(len + 1);
	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

/* Takes name and value (and filename, which may be NULL) into the list. */
static int add_field(struct request_fields *f, char *name, char *value, size_t value_len, char *filename)
{
	if (f->count >= WEB_MAX_FIELDS) {
		free(name);
		free(value);
		free(filename);
		return REQUEST_BAD;
	}
	ALLOC_GROW(f->items, f->count + 1, f->cap);
	f->items[f->count++] = (struct web_field){.name = name, .value = value, .value_len = value_len, .filename = filename};
	return REQUEST_PARSED;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) ('+' a space, %XX a byte) into a new string; *out_len its length. */
static char *urldecode(const char *s, size_t len, size_t *out_len)
{
	char *d = xmalloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			d[n++] = ' ';
		} else if (s[i] == '%' && i + 2 < len && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			d[n++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else {
			d[n++] = s[i];
		}
	}
	d[n] = '\0';
	*out_len = n;
	return d;
}

static int parse_urlencoded(const char *s, size_t len, struct request_fields *out)
{
	const char *end = s + len;
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *pair_end = amp ? amp : end;
		if (pair_end > s) {
			const char *eq = memchr(s, '=', (size_t)(pair_end - s));
			const char *name_end = eq ? eq : pair_end;
			size_t name_len, value_len = 0;
			char *name = urldecode(s, (size_t)(name_end - s), &name_len);
			char *value = eq ? urldecode(eq + 1, (size_t)(pair_end - eq - 1), &value_len) : copy("", 0);
			if (!text_ok(name, name_len) || !text_ok(value, value_len)) {
				free(name);
				free(value);
				return REQUEST_BAD;
			}
			if (value_len > WEB_MAX_FIELD_BYTES) {
				free(name);
				free(value);
				return REQUEST_TOO_LARGE;
			}
			int rc = add_field(out, name, value, value_len, NULL);
			if (rc != REQUEST_PARSED)
				return rc;
		}
		s = amp ? amp + 1 : end;
	}
	return REQUEST_PARSED;
}

int request_parse_query(const char *query, size_t len, struct request_fields *out)
{
	return parse_urlencoded(query, len, out);
}

/* --- multipart/form-data (RFC 7578) ----------------------------------------------------- */

/* A header parameter's value (name="x" or name=x) from params, a
 * "; a=b; c=d" list; NULL when absent. Quoted values end at the next
 * quote: browsers write a quote in a name or file name as %22. */
static char *header_param(const char *params, size_t len, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = params, *end = params + len;
	while (p < end) {
		while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
			p++;
		const char *key = p;
		while (p < end && *p != '=' && *p != ';')
			p++;
		size_t klen = (size_t)(p - key);
		while (klen && (key[klen - 1] == ' ' || key[klen - 1] == '\t'))
			klen--;
		if (p >= end || *p != '=')
			continue;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *value, *value_end;
		if (p < end && *p == '"') {
			value = ++p;
			while (p < end && *p != '"')
				p++;
			if (p >= end)
				return NULL; /* an unterminated quote */
			value_end = p++;
		} else {
			value = p;
			while (p < end && *p != ';')
				p++;
			value_end = p;
			while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t'))
				value_end--;
		}
		if (klen == nlen && !strncasecmp(key, name, nlen))
			return copy(value, (size_t)(value_end - value));
	}
	return NULL;
}

/* The first occurrence of needle in hay[0..len), or NULL. */
static const char *find(const char *hay, size_t len, const char *needle, size_t nlen)
{
	return nlen <= len ? memmem(hay, len, needle, nlen) : NULL;
}

/* One part: headers, a blank line, the content. */
static int parse_part(const char *part, size_t len, struct request_fields *out)
{
	const char *head_end = find(part, len < MAX_PART_HEADER_BYTES ? len : MAX_PART_HEADER_BYTES, "\r\n\r\n", 4);
	const char *content;
	if (len >= 2 && part[0] == '\r' && part[1] == '\n') {
		head_end = part; /* no headers at all */
		content = part + 2;
	} else if (!head_end) {
		return REQUEST_BAD;
	} else {
		content = head_end + 4;
	}
	char *name = NULL, *filename = NULL;
	bool disposition = false;
	for (const char *line = part; line < head_end;) {
		const char *eol = find(line, (size_t)(head_end - line), "\r\n", 2);
		if (!eol)
			eol = head_end;
		static const char cd[] = "content-disposition:";
		if ((size_t)(eol - line) > sizeof(cd) - 1 && !strncasecmp(line, cd, sizeof(cd) - 1)) {
			const char *v = line + sizeof(cd) - 1, *semi;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			if ((size_t)(eol - v) < 9 || strncasecmp(v, "form-data", 9) || disposition) {
				free(name);
				free(filename);
				return REQUEST_BAD;
			}
			disposition = true;
			semi = v + 9;
			name = header_param(semi, (size_t)(eol - semi), "name");
			filename = header_param(semi, (size_t)(eol - semi), "filename");
		}
		line = eol + 2;
	}
	size_t content_len = len - (size_t)(content - part);
	bool text_name = name && text_ok(name, strlen(name)) && (!filename || text_ok(filename, strlen(filename)));
	if (!disposition || !name || !text_name) {
		free(name);
		free(filename);
		return REQUEST_BAD;
	}
	if (content_len > (filename ? WEB_MAX_UPLOAD_BYTES : WEB_MAX_FIELD_BYTES)) {
		free(name);
		free(filename);
		return REQUEST_TOO_LARGE;
	}
	if (!filename && !text_ok(content, content_len)) {
		free(name);
		return REQUEST_BAD;
	}
	return add_field(out, name, copy(content, content_len), content_len, filename);
}

static int parse_multipart(const char *content_type, const char *body, size_t len, struct request_fields *out)
{
	const char *semi = strchr(content_type, ';');
	char *boundary = semi ? header_param(semi, strlen(semi), "boundary") : NULL;
	size_t blen = boundary ? strlen(boundary) : 0;
	if (!blen || blen > MAX_BOUNDARY) {
		free(boundary);
		return REQUEST_BAD;
	}
	/* "\r\n--boundary": what ends a part; the first may open the body without the CRLF */
	char delim[MAX_BOUNDARY + 5];
	size_t dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	free(boundary);
	const char *p, *end = body + len;
	if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2))
		p = body + dlen - 2;
	else if ((p = find(body, len, delim, dlen)))
		p += dlen; /* after a preamble */
	else
		return REQUEST_BAD;
	for (;;) {
		/* after a delimiter: "--" closes, else the line ends (transport padding allowed) */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return REQUEST_PARSED;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return REQUEST_BAD;
		p += 2;
		const char *next = find(p, (size_t)(end - p), delim, dlen);
		if (!next)
			return REQUEST_BAD; /* cut short: no closing delimiter */
		int rc = parse_part(p, (size_t)(next - p), out);
		if (rc != REQUEST_PARSED)
			return rc;
		p = next + dlen;
	}
}

static bool type_is(const char *content_type, const char *type)
{
	size_t n = strlen(type);
	return content_type && !strncasecmp(content_type, type, n) &&
	       (content_type[n] == '\0' || content_type[n] == ';' || content_type[n] == ' ');
}

bool request_is_form(const char *content_type)
{
	return type_is(content_type, "application/x-www-form-urlencoded") ||
	       type_is(content_type, "multipart/form-data");
}

int request_parse_form(const char *content_type, const char *body, size_t len, struct request_fields *out)
{
	if (type_is(content_type, "application/x-www-form-urlencoded"))
		return parse_urlencoded(body, len, out);
	if (type_is(content_type, "multipart/form-data"))
		return parse_multipart(content_type, body, len, out);
	return REQUEST_PARSED;
}

bool request_path_ok(const char *path)
{
	size_t n = strlen(path);
	if (!n || path[0] != '/' || n > WEB_MAX_URL_BYTES || !utf8_valid(path, n, NULL))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)path[i] < 0x20 || path[i] == '\\')
			return false;
	for (const char *p = path; (p = strstr(p, "..")); p += 2)
		if ((p == path || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return false;
	return true;
}
