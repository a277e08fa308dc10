/*
 * web.h - what a page handler sees of HTTP: a parsed, validated request and
 * a response to fill. Only server.c includes microhttpd.h; pages know
 * nothing of sockets, and the domain knows nothing of pages.
 *
 * Every text a handler writes into HTML goes through web_html(), whose %s
 * escapes; raw HTML is the visibly different %R. JSON goes through
 * jansson (web_json()). SQL is never built from request text.
 */
#ifndef RAPPORTEUR_WEB_H
#define RAPPORTEUR_WEB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "../store/db.h"
#include "../util/buf.h"

struct privacy; /* domain/privacy.h: the key of the confidential fields */

/* Limits a request must stay within (see server.c for the server's own). */
#define WEB_MAX_FORM_BYTES (1u * 1024 * 1024)   /* a form or JSON body */
#define WEB_MAX_UPLOAD_BYTES (9u * 1024 * 1024) /* a letter upload: a letter's limit and its encoding */
#define WEB_MAX_FIELDS 200
#define WEB_MAX_FIELD_BYTES (256u * 1024)
#define WEB_MAX_URL_BYTES 4096

enum web_role { ROLE_PUBLIC = 0, ROLE_OFFICER = 1, ROLE_HOLDER = 2, ROLE_ADMIN = 4 };

struct web_user {
	long long id;
	char name[64];
	int roles;	    /* ROLE_* bits */
	char mandate[64];   /* the mandate a holder holds, or "" */
	char csrf[65];	    /* the session's CSRF token */
};

struct web_field {
	char *name, *value; /* owned by the request */
	size_t value_len;   /* a value may hold NUL only in an upload */
	char *filename;	    /* an uploaded file's name, or NULL */
};

struct web_request {
	const char *method; /* "GET", "HEAD", "POST" */
	const char *path;   /* decoded, checked: starts with '/', no "..", no NUL, valid UTF-8 */
	struct web_field *query;
	size_t query_count;
	struct web_field *form; /* application/x-www-form-urlencoded or multipart/form-data */
	size_t form_count;
	const char *content_type;
	const char *cookie_session; /* the session cookie's value, or NULL */
	const char *if_none_match;
	const char *host;
	char client[64]; /* the peer's address, for rate limits */
	struct db *db;	 /* this thread's connection */
	const struct privacy *privacy; /* the key, opened once at start (read-only, shared) */
	struct web_user *user; /* NULL for the public */
	const char *const *captures; /* what "*" matched in the route, in order */
	size_t capture_count;
};

struct web_header {
	char *name, *value;
};

struct web_response {
	int status;
	const char *content_type; /* static string */
	struct buf body;
	struct web_header headers[8];
	size_t header_count;
	bool no_store; /* private pages: Cache-Control: no-store */
};

/* A query or form value (NULL when absent). */
const char *web_query(const struct web_request *r, const char *name);
const char *web_form(const struct web_request *r, const char *name);
/* The form field itself (for uploads: filename and length). */
const struct web_field *web_form_field(const struct web_request *r, const char *name);

/* Appends to the response body. In fmt: %s an escaped string (NULL
 * prints nothing), %R a raw string the caller vouches for, %u a string
 * URL-encoded for a query value, %d int, %ld long, %lld long long, %zu
 * size_t, %% a percent. Nothing else. */
void web_html(struct web_response *res, const char *fmt, ...);
/* The same into any buffer. */
void web_html_buf(struct buf *b, const char *fmt, ...);
/* Escapes s into b. */
void web_escape(struct buf *b, const char *s);
void web_urlencode(struct buf *b, const char *s);

/* Sets a header (the name is copied; at most 8). */
void web_header(struct web_response *res, const char *name, const char *value);
/* A JSON answer (takes the reference). */
void web_json(struct web_response *res, int status, json_t *value);
/* The one error envelope: a page for people, {"error": {...}} under /api. */
void web_error(const struct web_request *req, struct web_response *res, int status, const char *message);
/* 303 See Other to location. */
void web_redirect(struct web_response *res, const char *location);

/* The page frame: head (title escaped), navigation for the user's roles,
 * then the handler writes the main content, then web_page_end(). */
void web_page_begin(const struct web_request *req, struct web_response *res, const char *title);
void web_page_end(const struct web_request *req, struct web_response *res);

/* A route: method ("GET" also answers HEAD), pattern ("/c/STAR", where each STAR (an asterisk)
 * matches one path segment), the roles allowed (0: anyone), the handler, and
 * whether its anonymous answers may be kept (WEB_CACHED: cache.h). */
struct web_route {
	const char *method;
	const char *pattern;
	int roles;
	void (*handle)(struct web_request *req, struct web_response *res);
	int flags;
};
#define WEB_CACHED 1
extern const struct web_route web_routes[];

/* Serves until SIGINT/SIGTERM. */
struct web_options {
	const char *db_target;
	const char *address; /* "127.0.0.1" */
	int port;
	int threads;
	const char *static_copy; /* a file served as is at /bench/static: the floor for `make bench` */
	const char *key_file;	 /* the key of the confidential fields: else $RAPPORTEUR_KEY_FILE, else DB.key */
	size_t cache_bytes;	 /* the public pages kept in memory (cache.h); 0: none */
};
int web_serve(const struct web_options *o, struct error *err);

#endif
