/*
 * pages_search.c - the public search: the page (form, active filters,
 * results with snippets, counts per filter value, pages) and its exports
 * (/search.csv, /search.json) over the same parameters. Every parameter
 * lives in the address, so a search is a link. The search itself is
 * public_search(); this file reads the address and writes the answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/public_search.h"
#include "../util/csv.h"
#include "../util/die.h"
#include "pages.h"
#include "public_common.h"

/* ---- links that change one thing ------------------------------------------------------- */

/* Writes the address of q as an HTML attribute value (URL-encoded, then
 * escaped: & becomes &amp;). */
static void href(struct web_response *res, const char *path, const struct public_query *q)
{
	struct buf url = BUF_INIT;
	search_params_url(&url, path, q);
	web_html(res, "%s", url.data);
	buf_release(&url);
}

static bool listed(const char *const *list, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], v))
			return true;
	return false;
}

static void drop(const char **list, size_t *n, size_t i)
{
	memmove(&list[i], &list[i + 1], (*n - i - 1) * sizeof(*list));
	(*n)--;
}

/* q narrowed to facet value v: the result has exactly v's count. */
static bool narrowed(const struct public_query *q, int kind, const struct public_facet_value *v,
                     struct public_query *out, char from[11], char to[11])
{
	*out = *q;
	out->page = 0;
	switch (kind) {
	case FACET_ADDRESSEE:
		if (listed(q->addressees, q->addressee_count, v->value))
			return false;
		out->addressees[0] = v->value; /* the results hold no other addressee */
		out->addressee_count = 1;
		return true;
	case FACET_MANDATE:
		if (listed(q->mandates, q->mandate_count, v->value) ||
		    q->mandate_count == PUBLIC_MAX_MANDATES)
			return false;
		/* counts are of the current results also joined by v: "all" */
		out->mandates[out->mandate_count++] = v->value;
		out->mandates_all = true;
		return true;
	case FACET_TYPE:
		if (listed(q->types, q->type_count, v->value))
			return false;
		out->types[0] = v->value;
		out->type_count = 1;
		return true;
	case FACET_YEAR:
		snprintf(from, 11, "%.4s-01-01", v->value);
		snprintf(to, 11, "%.4s-12-31", v->value);
		out->from = q->from && strcmp(q->from, from) > 0 ? q->from : from;
		out->to = q->to && strcmp(q->to, to) < 0 ? q->to : to;
		return !(q->from && q->to && !strcmp(out->from, q->from) &&
		         !strcmp(out->to, q->to));
	case FACET_REPLY:
		for (int r = 1; r < 5; r++)
			if (!strcmp(public_reply_names[r], v->value))
				out->reply = (enum public_reply)r;
		return out->reply != q->reply;
	case FACET_SESSION:
		out->session = atoi(v->value);
		return out->session != q->session;
	case FACET_INSTRUMENT:
		if (q->instrument && !strcmp(q->instrument, v->value))
			return false;
		out->instrument = v->value;
		out->article = NULL;
		return true;
	case FACET_PROVISION:
		if (q->instrument && q->article && !strcmp(q->instrument, v->value) &&
		    !strcmp(q->article, v->value2))
			return false;
		out->instrument = v->value;
		out->article = v->value2;
		return true;
	}
	return false;
}

/* ---- the page's parts -------------------------------------------------------------------- */

static void option(struct web_response *res, const char *value, const char *label, bool selected)
{
	web_html(res, "<option value=\"%s\"%R>%s</option>", value, selected ? " selected" : "",
	         label);
}

/* A select over a table of the knowledge base (value, label columns). */
static void kb_select(struct web_request *req, struct web_response *res, const char *name,
                      const char *label, const char *sql, const char *current)
{
	web_html(
	    res,
	    "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">",
	    name, label, name, name);
	option(res, "", "Any", !current);
	struct db_stmt *st = db_prepare(req->db, sql, NULL);
	while (st && db_step(st, NULL) == 1)
		option(res, db_text(st, 0), db_text(st, 1),
		       current && !strcmp(current, db_text(st, 0)));
	if (st)
		db_finalize(st);
	web_html(res, "</select></div>\n");
}

static void form(struct web_request *req, struct web_response *res, const struct public_query *q)
{
	web_html(
	    res,
	    "<form class=\"search\" role=\"search\" method=\"get\" action=\"/search\">\n"
	    "<div class=\"field wide\"><label for=\"q\">Words</label><input id=\"q\" name=\"q\" "
	    "type=\"search\" "
	    "value=\"%s\" aria-describedby=\"q-help\"> <button "
	    "type=\"submit\">Search</button></div>\n"
	    "<p id=\"q-help\" class=\"help\">Words match their other forms (tortured, torture). "
	    "&quot;Exact phrase&quot;, AND, OR, NOT or -word, prefix*, (parentheses).</p>\n",
	    q->q);
	bool filtered = q->addressee_count || q->mandate_count || q->type_count || q->from ||
	                q->to || q->reply || q->session || q->instrument || q->sort;
	web_html(res,
	         "<details class=\"filters\"%R><summary>Filters</summary>\n<div class=\"grid\">\n",
	         filtered ? " open" : "");
	kb_select(req, res, "addressee", "Addressee",
	          "SELECT alpha3, name_en FROM countries ORDER BY name_en",
	          q->addressee_count ? q->addressees[0] : NULL);
	/* more addressees than the select shows stay in the search */
	for (size_t i = 1; i < q->addressee_count; i++)
		web_html(res, "<input type=\"hidden\" name=\"addressee\" value=\"%s\">",
		         q->addressees[i]);
	web_html(res, "<div class=\"field\"><label for=\"f-type\">Type</label><select "
	              "id=\"f-type\" name=\"type\">");
	static const char *const types[] = {"AL", "UA", "OL", "JAL", "JUA", "JOL"};
	option(res, "", "Any", !q->type_count);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		option(res, types[i], type_name(types[i]),
		       q->type_count && !strcmp(q->types[0], types[i]));
	web_html(res, "</select></div>\n");
	for (size_t i = 1; i < q->type_count; i++)
		web_html(res, "<input type=\"hidden\" name=\"type\" value=\"%s\">", q->types[i]);
	web_html(res,
	         "<div class=\"field\"><label for=\"f-from\">Sent from</label><input id=\"f-from\" "
	         "name=\"from\" "
	         "type=\"date\" value=\"%s\"></div>\n"
	         "<div class=\"field\"><label for=\"f-to\">Sent to</label><input id=\"f-to\" "
	         "name=\"to\" type=\"date\" "
	         "value=\"%s\"></div>\n"
	         "<div class=\"field\"><label for=\"f-reply\">Reply</label><select id=\"f-reply\" "
	         "name=\"reply\">",
	         q->from, q->to);
	static const char *const reply_labels[] = {"Any", "Replied", "Replied in time",
	                                           "Replied late", "No reply"};
	for (int r = 0; r < 5; r++)
		option(res, public_reply_names[r], reply_labels[r], (int)q->reply == r);
	char session[16] = "";
	if (q->session)
		snprintf(session, sizeof(session), "%d", q->session);
	web_html(
	    res,
	    "</select></div>\n<div class=\"field\"><label for=\"f-session\">HRC session</label>"
	    "<input id=\"f-session\" name=\"session\" type=\"number\" min=\"1\" max=\"999\" "
	    "value=\"%s\"></div>\n",
	    session);
	kb_select(req, res, "instrument", "Instrument cited",
	          "SELECT short, short || ': ' || name_en FROM instruments ORDER BY short",
	          q->instrument);
	web_html(res,
	         "<div class=\"field\"><label for=\"f-article\">Article</label><input "
	         "id=\"f-article\" name=\"article\" "
	         "size=\"8\" value=\"%s\"></div>\n"
	         "<div class=\"field\"><label for=\"f-sort\">Order</label><select id=\"f-sort\" "
	         "name=\"sort\">",
	         q->article);
	static const char *const sort_labels[] = {"Best first (with words), else newest",
	                                          "Best match first", "Newest first",
	                                          "Oldest first"};
	for (int s = 0; s < 4; s++)
		option(res, public_sort_names[s], sort_labels[s], (int)q->sort == s);
	web_html(res,
	         "</select></div>\n</div>\n<fieldset class=\"mandates\"><legend>Mandates</legend>\n"
	         "<p class=\"match\"><label><input type=\"radio\" name=\"mandate_match\" "
	         "value=\"any\"%R> any of them</label> "
	         "<label><input type=\"radio\" name=\"mandate_match\" value=\"all\"%R> all of "
	         "them</label></p>\n"
	         "<div class=\"checks\">",
	         q->mandates_all ? "" : " checked", q->mandates_all ? " checked" : "");
	struct db_stmt *st =
	    db_prepare(req->db, "SELECT slug, title_en FROM mandates ORDER BY slug", NULL);
	while (st && db_step(st, NULL) == 1)
		web_html(
		    res,
		    "<label><input type=\"checkbox\" name=\"mandate\" value=\"%s\"%R> %s</label>\n",
		    db_text(st, 0),
		    listed(q->mandates, q->mandate_count, db_text(st, 0)) ? " checked" : "",
		    db_text(st, 1));
	if (st)
		db_finalize(st);
	web_html(res, "</div></fieldset>\n<p><button type=\"submit\">Search</button> <a "
	              "href=\"/search\">Clear</a></p>\n"
	              "</details>\n</form>\n");
}

/* One active filter, with a link that removes it. */
static void chip(struct web_response *res, const char *what, const char *value,
                 const struct public_query *without)
{
	web_html(res, "<li>%s: <strong>%s</strong> <a href=\"", what, value);
	href(res, "/search", without);
	web_html(res, "\" aria-label=\"Remove %s %s\">remove</a></li>", what, value);
}

static void active_filters(struct web_response *res, const struct public_query *q)
{
	struct public_query w;
	bool any = q->addressee_count || q->mandate_count || q->type_count || q->from || q->to ||
	           q->reply || q->session || q->instrument;
	if (!any)
		return;
	web_html(res, "<ul class=\"chips\" aria-label=\"Active filters\">");
	for (size_t i = 0; i < q->addressee_count; i++) {
		w = *q;
		w.page = 0;
		drop(w.addressees, &w.addressee_count, i);
		chip(res, "Addressee", q->addressees[i], &w);
	}
	for (size_t i = 0; i < q->mandate_count; i++) {
		w = *q;
		w.page = 0;
		drop(w.mandates, &w.mandate_count, i);
		chip(res, q->mandates_all && q->mandate_count > 1 ? "Mandate (all)" : "Mandate",
		     q->mandates[i], &w);
	}
	for (size_t i = 0; i < q->type_count; i++) {
		w = *q;
		w.page = 0;
		drop(w.types, &w.type_count, i);
		chip(res, "Type", q->types[i], &w);
	}
	if (q->from) {
		w = *q;
		w.page = 0;
		w.from = NULL;
		chip(res, "Sent from", q->from, &w);
	}
	if (q->to) {
		w = *q;
		w.page = 0;
		w.to = NULL;
		chip(res, "Sent to", q->to, &w);
	}
	if (q->reply) {
		w = *q;
		w.page = 0;
		w.reply = PUBLIC_REPLY_ANY;
		chip(res, "Reply", public_reply_names[q->reply], &w);
	}
	if (q->session) {
		char s[16];
		snprintf(s, sizeof(s), "%d", q->session);
		w = *q;
		w.page = 0;
		w.session = 0;
		chip(res, "Session", s, &w);
	}
	if (q->instrument) {
		w = *q;
		w.page = 0;
		w.instrument = w.article = NULL;
		chip(res, "Instrument", q->instrument, &w);
	}
	if (q->article) {
		w = *q;
		w.page = 0;
		w.article = NULL;
		chip(res, "Article", q->article, &w);
	}
	web_html(res, "</ul>\n");
}

static const char *const facet_titles[FACET_KINDS] = {
    "Addressee",        "Mandate",         "Type", "Year sent", "Reply", "HRC session",
    "Instrument cited", "Provision cited",
};

static void facet_item(struct web_response *res, const struct public_query *q, int kind,
                       const struct public_facet_value *v)
{
	struct public_query to;
	char from_text[11], to_text[11];
	const char *label = kind == FACET_TYPE ? type_name(v->value) : v->label;
	if (kind == FACET_SESSION) {
		web_html(res, "<li>");
		if (v->count && narrowed(q, kind, v, &to, from_text, to_text)) {
			web_html(res, "<a href=\"");
			href(res, "/search", &to);
			web_html(res, "\">Session %s</a>", label);
		} else {
			web_html(res, "<strong>Session %s</strong>", label);
		}
		web_html(res, " <span class=\"count\">%lld</span></li>\n", v->count);
		return;
	}
	web_html(res, "<li>");
	if (v->count && narrowed(q, kind, v, &to, from_text, to_text)) {
		web_html(res, "<a href=\"");
		href(res, "/search", &to);
		web_html(res, "\">%s</a>", label);
	} else {
		web_html(res, "<strong>%s</strong>", label);
	}
	web_html(res, " <span class=\"count\">%lld</span></li>\n", v->count);
}

static void facets(struct web_response *res, const struct public_query *q,
                   const struct public_result *r)
{
	web_html(res, "<aside class=\"facets\" aria-label=\"Narrow the results\">\n<h2>Narrow the "
	              "results</h2>\n");
	for (int k = 0; k < FACET_KINDS; k++) {
		const struct public_facet *f = &r->facets[k];
		if (!f->count)
			continue;
		web_html(res, "<section><h3>%s</h3>\n<ul>\n", facet_titles[k]);
		size_t shown = f->count < 8 ? f->count : 8;
		for (size_t i = 0; i < shown; i++)
			facet_item(res, q, k, &f->values[i]);
		web_html(res, "</ul>\n");
		if (f->count > shown) {
			web_html(res, "<details><summary>%zu more</summary><ul>\n",
			         f->count - shown);
			for (size_t i = shown; i < f->count; i++)
				facet_item(res, q, k, &f->values[i]);
			web_html(res, "</ul></details>\n");
		}
		web_html(res, "</section>\n");
	}
	web_html(res, "</aside>\n");
}

static void hit(struct web_response *res, const struct public_hit *h)
{
	const char *status = public_hit_reply_status(h);
	web_html(res,
	         "<li><h3><a href=\"/c/%u\">%s</a></h3>\n<p class=\"meta\">%s to <a "
	         "href=\"/addressee/%u\">%s</a>, sent "
	         "<time datetime=\"%s\">%s</time>, published <time datetime=\"%s\">%s</time>",
	         h->slug, h->reference, type_name(h->type), h->country,
	         h->country_name ? h->country_name : h->country, h->date,
	         h->date ? h->date : "(undated)", h->publication_date, h->publication_date);
	if (h->session)
		web_html(res, ", session %d", h->session);
	web_html(res, " <span class=\"tag reply-%s\">%s</span></p>\n", status,
	         reply_status_name(status));
	if (h->snippet) {
		web_html(res, "<p class=\"snippet\">");
		snippet_html(&res->body, h->snippet);
		web_html(res, "</p>\n");
	}
	web_html(res, "</li>\n");
}

static void pages(struct web_response *res, const struct public_query *q, long long total)
{
	long long per = q->per_page > 0 ? q->per_page : PUBLIC_PER_PAGE;
	long long last = (total + per - 1) / per, cur = q->page > 0 ? q->page : 1;
	if (last <= 1)
		return;
	struct public_query p = *q;
	web_html(res, "<nav class=\"pages\" aria-label=\"Pages\"><ul>");
	if (cur > 1) {
		p.page = (int)(cur - 1);
		web_html(res, "<li><a rel=\"prev\" href=\"");
		href(res, "/search", &p);
		web_html(res, "\">Previous</a></li>");
	}
	long long shown_to = 0;
	for (long long n = 1; n <= last; n++) {
		if (n != 1 && n != last && (n < cur - 2 || n > cur + 2))
			continue;
		if (shown_to && n > shown_to + 1)
			web_html(res, "<li class=\"gap\">…</li>");
		shown_to = n;
		if (n == cur) {
			web_html(res, "<li><a aria-current=\"page\" href=\"");
		} else {
			web_html(res, "<li><a href=\"");
		}
		p.page = (int)n;
		href(res, "/search", &p);
		web_html(res, "\">%lld</a></li>", n);
	}
	if (cur < last) {
		p.page = (int)(cur + 1);
		web_html(res, "<li><a rel=\"next\" href=\"");
		href(res, "/search", &p);
		web_html(res, "\">Next</a></li>");
	}
	web_html(res, "</ul></nav>\n");
}

/* ---- the page ---------------------------------------------------------------------------- */

void page_search(struct web_request *req, struct web_response *res)
{
	struct public_query q;
	struct error err;
	char today[11];
	web_today(today);
	if (search_params_read(req, &q, &err) < 0) {
		/* the form again, with what to change: the search stays in the address */
		struct public_query blank = {0};
		res->status = 400;
		web_page_begin(req, res, "Search");
		web_html(res,
		         "<h1>Search the communications</h1>\n<p class=\"error\" "
		         "role=\"alert\">%s</p>\n",
		         err.message);
		form(req, res, &blank);
		web_page_end(req, res);
		return;
	}
	struct public_result r;
	if (public_search(req->db, &q, today, PUBLIC_WANT_PAGE | PUBLIC_WANT_FACETS, &r, &err) <
	    0) {
		web_error(req, res, 500, "The search cannot run just now; try again in a moment.");
		return;
	}
	web_page_begin(req, res, q.q ? q.q : "Search");
	web_html(res, "<h1>Search the communications</h1>\n");
	form(req, res, &q);
	web_html(res, "<div class=\"results-area\">\n<section class=\"results\" "
	              "aria-labelledby=\"count\">\n");
	long long per = q.per_page > 0 ? q.per_page : PUBLIC_PER_PAGE,
	          page = q.page > 0 ? q.page : 1;
	long long first = (page - 1) * per + 1;
	if (r.total == 0)
		web_html(res, "<h2 id=\"count\">No communication matches</h2>\n");
	else if (r.count == 0)
		web_html(
		    res,
		    "<h2 id=\"count\">%lld communications match; this page is past the last</h2>\n",
		    r.total);
	else
		web_html(res,
		         "<h2 id=\"count\">%lld communication%s match%s <span "
		         "class=\"range\">(%lld to %lld)</span></h2>\n",
		         r.total, r.total == 1 ? "" : "s", r.total == 1 ? "es" : "", first,
		         first + (long long)r.count - 1);
	active_filters(res, &q);
	struct public_query all = q;
	all.page = 0;
	all.per_page = 0;
	web_html(res, "<p class=\"exports noprint\">Download these results: <a href=\"");
	href(res, "/search.csv", &all);
	web_html(res, "\">CSV</a> · <a href=\"");
	href(res, "/search.json", &all);
	web_html(res, "\">JSON</a> · <a href=\"");
	href(res, "/api/v1/search", &q);
	web_html(res, "\">API</a></p>\n");
	if (r.count) {
		web_html(res, "<ol class=\"hits\" start=\"%lld\">\n", first);
		for (size_t i = 0; i < r.count; i++)
			hit(res, &r.hits[i]);
		web_html(res, "</ol>\n");
	}
	pages(res, &q, r.total);
	web_html(res, "</section>\n");
	if (r.total)
		facets(res, &q, &r);
	web_html(res, "</div>\n");
	web_page_end(req, res);
	public_result_release(&r);
}

/* ---- exports ----------------------------------------------------------------------------- */

/* Every hit of the search in the address, or an answer already given. */
static bool export_run(struct web_request *req, struct web_response *res, struct public_query *q,
                       struct public_result *r)
{
	struct error err;
	char today[11];
	web_today(today);
	if (search_params_read(req, q, &err) < 0) {
		web_error(req, res, 400, err.message);
		return false;
	}
	if (public_search(req->db, q, today, PUBLIC_WANT_ALL, r, &err) < 0) {
		web_error(req, res, 500, "The search cannot run just now; try again in a moment.");
		return false;
	}
	return true;
}

void page_search_csv(struct web_request *req, struct web_response *res)
{
	struct public_query q;
	struct public_result r;
	if (!export_run(req, res, &q, &r))
		return;
	char *data = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&data, &size);
	if (!out)
		BUG("open_memstream failed");
	static const char *const header[] = {
	    "reference",   "url",      "type",      "addressee_code",
	    "addressee",   "date",     "reply_due", "publication_date",
	    "session",     "mandates", "replies",   "first_reply",
	    "reply_status"};
	const int columns = (int)(sizeof(header) / sizeof(header[0]));
	csv_row(out, header, columns);
	struct buf url = BUF_INIT;
	site_base(req, &url);
	size_t base = url.len;
	for (size_t i = 0; i < r.count; i++) {
		const struct public_hit *h = &r.hits[i];
		buf_setlen(&url, base);
		buf_adds(&url, "/c/");
		web_urlencode(&url, h->slug);
		char session[16] = "", replies[16];
		if (h->session)
			snprintf(session, sizeof(session), "%d", h->session);
		snprintf(replies, sizeof(replies), "%d", h->replies);
		const char *row[] = {h->reference,
		                     url.data,
		                     h->type,
		                     h->country,
		                     h->country_name,
		                     h->date,
		                     h->reply_due,
		                     h->publication_date,
		                     session,
		                     h->mandates,
		                     replies,
		                     h->first_reply,
		                     public_hit_reply_status(h)};
		csv_row(out, row, columns);
	}
	fclose(out);
	buf_release(&url);
	res->content_type = "text/csv; charset=utf-8";
	web_header(res, "Content-Disposition", "attachment; filename=\"communications.csv\"");
	buf_add(&res->body, data, size);
	free(data);
	public_result_release(&r);
}

void page_search_json(struct web_request *req, struct web_response *res)
{
	struct public_query q;
	struct public_result r;
	if (!export_run(req, res, &q, &r))
		return;
	json_t *results = json_array();
	for (size_t i = 0; i < r.count; i++)
		json_array_append_new(results, public_hit_json(&r.hits[i]));
	json_t *query = search_params_json(&q);
	json_object_del(query, "page");
	json_object_del(query, "per_page");
	web_json(res, 200,
	         json_pack("{s:o, s:I, s:o}", "query", query, "total", (json_int_t)r.total,
	                   "results", results));
	web_header(res, "Content-Disposition", "inline; filename=\"communications.json\"");
	public_result_release(&r);
}
