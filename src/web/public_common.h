/*
 * public_common.h - what the public pages, the exports and the API share:
 * a search read from the address (every value checked) and written back
 * as a canonical address, a hit and the facets as JSON, snippets as HTML,
 * the names a reader sees for types and reply statuses, and the site's
 * own address for the feed and exports. Knows nothing of SQL.
 */
#ifndef RAPPORTEUR_WEB_PUBLIC_COMMON_H
#define RAPPORTEUR_WEB_PUBLIC_COMMON_H

#include <jansson.h>

#include "../domain/public_search.h"
#include "web.h"

/* Fills q from the request's query string (strings borrowed from req);
 * -1 with err naming the parameter that is wrong. Empty values count as
 * absent, so a submitted form with blank fields is the same search. */
int search_params_read(const struct web_request *req, struct public_query *q, struct error *err);
/* Appends path and q as a canonical query string (parameters in one
 * order, page 1 and defaults left out) to b, URL-encoded, not escaped. */
void search_params_url(struct buf *b, const char *path, const struct public_query *q);
/* The query as JSON: every parameter, defaults included. */
json_t *search_params_json(const struct public_query *q);

/* A hit's public fields as JSON (snippet with its marks as plain text and
 * as HTML, when it has one). */
json_t *public_hit_json(const struct public_hit *h);
/* The facets as JSON: {"addressee": [{"value","label","count"}], ...}. */
json_t *public_facets_json(const struct public_result *r);
/* A snippet with SEARCH_MARK_* as HTML: text escaped, marks as <mark>. */
void snippet_html(struct buf *b, const char *snippet);
/* The snippet without its marks (caller frees). */
char *snippet_text(const char *snippet);

/* "Allegation letter" for "AL"; the code itself when unknown. */
const char *type_name(const char *type);
/* "Replied in time", "Replied late", "No reply" for public_hit_reply_status(). */
const char *reply_status_name(const char *status);

/* Adds "url", "pdf" and "api" addresses to a communication's JSON. */
void public_links(json_t *c);
/* "http://HOST" from the request's Host header when it is a plain host
 * name or address with a port, else "http://localhost". */
void site_base(const struct web_request *req, struct buf *b);

#endif
