/*
 * public_common.c - what the public pages and the API share. See
 * public_common.h.
 */
#include "public_common.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/search.h"
#include "../util/die.h"

/* ---- reading a search -------------------------------------------------------------------- */

/* A whole number of at most 6 digits; -1 when s is not one. */
static int small_number(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 6)
		return -1;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	return atoi(s);
}

/* The value with its leading and trailing spaces: NULL when blank. */
static const char *present(const char *v)
{
	if (!v)
		return NULL;
	for (const char *p = v; *p; p++)
		if (!isspace((unsigned char)*p))
			return v;
	return NULL;
}

static int add_value(const char **list, size_t *count, size_t max, const char *name,
                     const char *value, struct error *err)
{
	for (size_t i = 0; i < *count; i++)
		if (!strcmp(list[i], value))
			return 0; /* the same value twice is the same search */
	if (*count == max)
		return error_set(err, "%s: at most %zu values", name, max);
	list[(*count)++] = value;
	return 0;
}

static int name_index(const char *const *names, int n, const char *value)
{
	for (int i = 1; i < n; i++)
		if (!strcmp(names[i], value))
			return i;
	return -1;
}

int search_params_read(const struct web_request *req, struct public_query *q, struct error *err)
{
	memset(q, 0, sizeof(*q));
	for (size_t i = 0; i < req->query_count; i++) {
		const char *name = req->query[i].name, *v = present(req->query[i].value);
		if (!v)
			continue;
		if (!strcmp(name, "q")) {
			q->q = v;
		} else if (!strcmp(name, "addressee")) {
			if (add_value(q->addressees, &q->addressee_count, PUBLIC_MAX_ADDRESSEES,
			              name, v, err) < 0)
				return -1;
		} else if (!strcmp(name, "mandate")) {
			if (add_value(q->mandates, &q->mandate_count, PUBLIC_MAX_MANDATES, name, v,
			              err) < 0)
				return -1;
		} else if (!strcmp(name, "mandate_match")) {
			if (strcmp(v, "any") && strcmp(v, "all"))
				return error_set(err, "mandate_match \"%s\": give any or all", v);
			q->mandates_all = !strcmp(v, "all");
		} else if (!strcmp(name, "type")) {
			if (add_value(q->types, &q->type_count, PUBLIC_MAX_TYPES, name, v, err) < 0)
				return -1;
		} else if (!strcmp(name, "from")) {
			q->from = v;
		} else if (!strcmp(name, "to")) {
			q->to = v;
		} else if (!strcmp(name, "reply")) {
			int r = name_index(public_reply_names, 5, v);
			if (r < 0)
				return error_set(
				    err, "reply \"%s\": give replied, in-time, late or none", v);
			q->reply = (enum public_reply)r;
		} else if (!strcmp(name, "session")) {
			q->session = small_number(v);
			if (q->session < 1)
				return error_set(
				    err, "session \"%s\": give a session number such as 57", v);
		} else if (!strcmp(name, "instrument")) {
			q->instrument = v;
		} else if (!strcmp(name, "article")) {
			q->article = v;
		} else if (!strcmp(name, "sort")) {
			int s = name_index(public_sort_names, 4, v);
			if (s < 0)
				return error_set(
				    err, "sort \"%s\": give relevance, newest or oldest", v);
			q->sort = (enum public_sort)s;
		} else if (!strcmp(name, "page")) {
			q->page = small_number(v);
			if (q->page < 1)
				return error_set(err, "page \"%s\": give a page number from 1", v);
		} else if (!strcmp(name, "per_page")) {
			q->per_page = small_number(v);
			if (q->per_page < 1 || q->per_page > PUBLIC_MAX_PER_PAGE)
				return error_set(err, "per_page \"%s\": give 1 to %d", v,
				                 PUBLIC_MAX_PER_PAGE);
		}
		/* other names (a form's button) are not part of a search */
	}
	return public_query_check(q, err);
}

/* ---- writing it back --------------------------------------------------------------------- */

static void param(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	buf_addch(b, strchr(b->data, '?') ? '&' : '?');
	buf_adds(b, name);
	buf_addch(b, '=');
	/* web_urlencode keeps '/', which a query value may hold as it is */
	web_urlencode(b, value);
}

static void param_int(struct buf *b, const char *name, int value)
{
	char text[16];
	snprintf(text, sizeof(text), "%d", value);
	if (value)
		param(b, name, text);
}

void search_params_url(struct buf *b, const char *path, const struct public_query *q)
{
	size_t start = b->len;
	buf_adds(b, path);
	/* param() looks for '?' in what is ours only */
	struct buf own = BUF_INIT;
	buf_adds(&own, path);
	param(&own, "q", q->q);
	for (size_t i = 0; i < q->addressee_count; i++)
		param(&own, "addressee", q->addressees[i]);
	for (size_t i = 0; i < q->mandate_count; i++)
		param(&own, "mandate", q->mandates[i]);
	if (q->mandates_all && q->mandate_count)
		param(&own, "mandate_match", "all");
	for (size_t i = 0; i < q->type_count; i++)
		param(&own, "type", q->types[i]);
	param(&own, "from", q->from);
	param(&own, "to", q->to);
	param(&own, "reply", q->reply ? public_reply_names[q->reply] : NULL);
	param_int(&own, "session", q->session);
	param(&own, "instrument", q->instrument);
	param(&own, "article", q->article);
	param(&own, "sort", q->sort ? public_sort_names[q->sort] : NULL);
	if (q->per_page && q->per_page != PUBLIC_PER_PAGE)
		param_int(&own, "per_page", q->per_page);
	if (q->page > 1)
		param_int(&own, "page", q->page);
	buf_setlen(b, start);
	buf_adds(b, own.data);
	buf_release(&own);
}

static json_t *jstr(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;
	return j ? j : json_null();
}

static json_t *string_list(const char *const *values, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, jstr(values[i]));
	return a;
}

json_t *search_params_json(const struct public_query *q)
{
	json_t *j = json_object();
	json_object_set_new(j, "q", jstr(q->q));
	json_object_set_new(j, "addressee", string_list(q->addressees, q->addressee_count));
	json_object_set_new(j, "mandate", string_list(q->mandates, q->mandate_count));
	json_object_set_new(j, "mandate_match", json_string(q->mandates_all ? "all" : "any"));
	json_object_set_new(j, "type", string_list(q->types, q->type_count));
	json_object_set_new(j, "from", jstr(q->from));
	json_object_set_new(j, "to", jstr(q->to));
	json_object_set_new(j, "reply",
	                    q->reply ? json_string(public_reply_names[q->reply]) : json_null());
	json_object_set_new(j, "session", q->session ? json_integer(q->session) : json_null());
	json_object_set_new(j, "instrument", jstr(q->instrument));
	json_object_set_new(j, "article", jstr(q->article));
	json_object_set_new(j, "sort", json_string(public_sort_names[public_query_sort(q)]));
	json_object_set_new(j, "page", json_integer(q->page > 0 ? q->page : 1));
	json_object_set_new(j, "per_page",
	                    json_integer(q->per_page > 0 ? q->per_page : PUBLIC_PER_PAGE));
	return j;
}

/* ---- hits -------------------------------------------------------------------------------- */

void snippet_html(struct buf *b, const char *snippet)
{
	char one[2] = {0, 0};
	for (const char *p = snippet ? snippet : ""; *p; p++) {
		if (*p == SEARCH_MARK_OPEN)
			buf_adds(b, "<mark>");
		else if (*p == SEARCH_MARK_CLOSE)
			buf_adds(b, "</mark>");
		else {
			one[0] = *p;
			web_escape(b, one);
		}
	}
}

char *snippet_text(const char *snippet)
{
	struct buf b = BUF_INIT;
	for (const char *p = snippet ? snippet : ""; *p; p++)
		if (*p != SEARCH_MARK_OPEN && *p != SEARCH_MARK_CLOSE)
			buf_addch(&b, *p);
	return buf_detach(&b);
}

void public_links(json_t *c)
{
	const char *slug = json_string_value(json_object_get(c, "slug"));
	if (!slug)
		return;
	struct buf b = BUF_INIT;
	json_t *links = json_object();
	buf_adds(&b, "/c/");
	web_urlencode(&b, slug);
	json_object_set_new(links, "html", json_string(b.data));
	buf_adds(&b, ".pdf");
	json_object_set_new(links, "pdf", json_string(b.data));
	buf_reset(&b);
	buf_adds(&b, "/api/v1/communications/");
	web_urlencode(&b, slug);
	json_object_set_new(links, "api", json_string(b.data));
	buf_adds(&b, "/replies");
	json_object_set_new(links, "replies", json_string(b.data));
	buf_release(&b);
	json_object_set_new(c, "links", links);
}

json_t *public_hit_json(const struct public_hit *h)
{
	json_t *j = json_object();
	json_object_set_new(j, "reference", jstr(h->reference));
	json_object_set_new(j, "slug", jstr(h->slug));
	json_object_set_new(j, "type", jstr(h->type));
	json_object_set_new(
	    j, "addressee",
	    json_pack("{s:o, s:o}", "code", jstr(h->country), "name", jstr(h->country_name)));
	json_object_set_new(j, "date", jstr(h->date));
	json_object_set_new(j, "reply_due", jstr(h->reply_due));
	json_object_set_new(j, "publication_date", jstr(h->publication_date));
	json_object_set_new(j, "session", h->session ? json_integer(h->session) : json_null());
	json_t *mandates = json_array();
	for (const char *p = h->mandates ? h->mandates : ""; *p;) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n)
			json_array_append_new(mandates, json_stringn(p, n));
		p += n + (e ? 1 : 0);
	}
	json_object_set_new(j, "mandates", mandates);
	json_object_set_new(j, "replies", json_integer(h->replies));
	json_object_set_new(j, "first_reply", jstr(h->first_reply));
	json_object_set_new(j, "reply_status", json_string(public_hit_reply_status(h)));
	if (h->snippet) {
		char *text = snippet_text(h->snippet);
		struct buf html = BUF_INIT;
		snippet_html(&html, h->snippet);
		json_object_set_new(j, "snippet", jstr(text));
		json_object_set_new(j, "snippet_html", jstr(html.data));
		free(text);
		buf_release(&html);
	}
	public_links(j);
	return j;
}

json_t *public_facets_json(const struct public_result *r)
{
	json_t *all = json_object();
	for (int k = 0; k < FACET_KINDS; k++) {
		json_t *values = json_array();
		for (size_t i = 0; i < r->facets[k].count; i++) {
			const struct public_facet_value *v = &r->facets[k].values[i];
			json_t *j = json_object();
			if (k == FACET_PROVISION) {
				json_object_set_new(j, "instrument", jstr(v->value));
				json_object_set_new(j, "article", jstr(v->value2));
			} else if (k == FACET_SESSION) {
				json_object_set_new(j, "value", json_integer(atoi(v->value)));
			} else {
				json_object_set_new(j, "value", jstr(v->value));
			}
			json_object_set_new(j, "label", jstr(v->label));
			json_object_set_new(j, "count", json_integer(v->count));
			json_array_append_new(values, j);
		}
		json_object_set_new(all, public_facet_names[k], values);
	}
	return all;
}

/* ---- names ------------------------------------------------------------------------------- */

const char *type_name(const char *type)
{
	static const char *const names[][2] = {
	    {"AL", "Allegation letter"},    {"UA", "Urgent appeal"},
	    {"OL", "Other letter"},         {"JAL", "Joint allegation letter"},
	    {"JUA", "Joint urgent appeal"}, {"JOL", "Joint other letter"},
	};
	for (size_t i = 0; type && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i][0], type))
			return names[i][1];
	return type ? type : "Communication";
}

const char *reply_status_name(const char *status)
{
	if (!strcmp(status, "in-time"))
		return "Replied in time";
	if (!strcmp(status, "late"))
		return "Replied late";
	return "No reply";
}

void site_base(const struct web_request *req, struct buf *b)
{
	const char *host = req->host;
	bool ok = host && *host && strlen(host) <= 255;
	for (const char *p = host; ok && *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr(".-:[]", *p))
			ok = false;
	buf_adds(b, "http://");
	buf_adds(b, ok ? host : "localhost");
}
