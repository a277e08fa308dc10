/*
 * pages_api.c - the read-only JSON API under /api/v1 (docs/API.md):
 * search with facets, a communication, its replies, an addressee, a
 * mandate, the statistics. The same public_record.c and public_search.c
 * answers the pages render, as JSON through jansson; every failure in the
 * one error envelope ({"error": {"status", "title", "message"}}).
 */
#include <string.h>

#include "../domain/public_record.h"
#include "../domain/public_search.h"
#include "pages.h"
#include "public_common.h"

void api_index(struct web_request *req, struct web_response *res)
{
	(void)req;
	json_t *endpoints = json_array();
	static const char *const list[][2] = {
	    {"/api/v1/search",
	     "Full-text search with filters, facets and pages (parameters as /search)."},
	    {"/api/v1/communications/{slug}",
	     "One communication: dates, mandates, questions and their answers, "
	     "citations, replies, related communications, the letter's text."},
	    {"/api/v1/communications/{slug}/replies",
	     "The replies to a communication, with their texts."},
	    {"/api/v1/addressees/{code}",
	     "Figures and latest communications of an addressee (ISO alpha-3)."},
	    {"/api/v1/mandates/{slug}", "Figures and latest communications of a mandate."},
	    {"/api/v1/stats",
	     "Totals, communications per year, reply rates by addressee, most cited provisions."},
	    {"/api/v1/situations", "The situations with a published communication."},
	    {"/api/v1/situations/{slug}",
	     "A situation: its published communications, their confirmed figures, the "
	     "accountability funnel and the checks that do not add up."},
	    {"/situation/{slug}.csv", "A situation's confirmed figures as CSV."},
	    {"/situation/{slug}.svg", "A situation's accountability funnel as an SVG chart."},
	    {"/search.csv", "Every result of a search as CSV (parameters as /search)."},
	    {"/search.json", "Every result of a search as JSON (parameters as /search)."},
	    {"/dump.json",
	     "Every public communication with its text and replies, a page at a time."},
	    {"/feed.atom", "Atom feed of the latest publications."},
	};
	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++)
		json_array_append_new(endpoints, json_pack("{s:s, s:s}", "path", list[i][0],
		                                           "description", list[i][1]));
	web_json(res, 200,
	         json_pack("{s:s, s:s, s:s, s:o}", "name",
	                   "Rapporteur: the public record of Special Procedures communications",
	                   "version", "1", "documentation",
	                   "docs/API.md in the source; every example there is tested", "endpoints",
	                   endpoints));
}

void api_search(struct web_request *req, struct web_response *res)
{
	struct public_query q;
	struct error err;
	char today[11];
	web_today(today);
	if (search_params_read(req, &q, &err) < 0) {
		web_error(req, res, 400, err.message);
		return;
	}
	struct public_result r;
	if (public_search(req->db, &q, today, PUBLIC_WANT_PAGE | PUBLIC_WANT_FACETS, &r, &err) <
	    0) {
		web_error(req, res, 500, "The search cannot run just now; try again in a moment.");
		return;
	}
	json_t *results = json_array();
	for (size_t i = 0; i < r.count; i++)
		json_array_append_new(results, public_hit_json(&r.hits[i]));
	long long per = q.per_page > 0 ? q.per_page : PUBLIC_PER_PAGE,
	          page = q.page > 0 ? q.page : 1;
	long long pages = (r.total + per - 1) / per;
	json_t *links = json_object();
	struct buf url = BUF_INIT;
	struct public_query p = q;
	search_params_url(&url, "/api/v1/search", &q);
	json_object_set_new(links, "self", json_string(url.data));
	if (page < pages) {
		buf_reset(&url);
		p.page = (int)page + 1;
		search_params_url(&url, "/api/v1/search", &p);
		json_object_set_new(links, "next", json_string(url.data));
	}
	if (page > 1) {
		buf_reset(&url);
		p.page = (int)(page - 1 < pages ? page - 1 : pages);
		search_params_url(&url, "/api/v1/search", &p);
		json_object_set_new(links, "prev", json_string(url.data));
	}
	p = q;
	buf_reset(&url);
	search_params_url(&url, "/search", &q);
	json_object_set_new(links, "html", json_string(url.data));
	p.page = p.per_page = 0;
	buf_reset(&url);
	search_params_url(&url, "/search.csv", &p);
	json_object_set_new(links, "csv", json_string(url.data));
	buf_reset(&url);
	search_params_url(&url, "/search.json", &p);
	json_object_set_new(links, "json", json_string(url.data));
	buf_release(&url);
	web_json(res, 200,
	         json_pack("{s:o, s:I, s:I, s:I, s:I, s:o, s:o, s:o}", "query",
	                   search_params_json(&q), "total", (json_int_t)r.total, "page",
	                   (json_int_t)page, "per_page", (json_int_t)per, "pages",
	                   (json_int_t)pages, "results", results, "facets", public_facets_json(&r),
	                   "links", links));
	public_result_release(&r);
}

/* The public communication of the first capture, or NULL with the 404 given. */
static long long find(struct web_request *req, struct web_response *res, const char *today)
{
	long long id = public_communication_id(req->db, req->captures[0], today);
	if (!id)
		web_error(req, res, 404,
		          "There is no published communication with this reference.");
	return id;
}

void api_communication(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	long long id = find(req, res, today);
	json_t *c = id ? public_communication(req->db, id, today, PUBLIC_PART_TEXT) : NULL;
	if (!c) {
		if (id)
			web_error(req, res, 404,
			          "There is no published communication with this reference.");
		return;
	}
	public_links(c);
	web_json(res, 200, c);
}

void api_replies(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	long long id = find(req, res, today);
	json_t *c = id ? public_communication(req->db, id, today, 0) : NULL;
	if (!c) {
		if (id)
			web_error(req, res, 404,
			          "There is no published communication with this reference.");
		return;
	}
	json_t *out =
	    json_pack("{s:O, s:O, s:O, s:o}", "reference", json_object_get(c, "reference"), "slug",
	              json_object_get(c, "slug"), "reply_due", json_object_get(c, "reply_due"),
	              "replies", public_replies(req->db, id, today, true));
	json_decref(c);
	web_json(res, 200, out);
}

void api_addressee(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	const char *code = req->captures[0];
	json_t *a = strlen(code) == 3 ? public_addressee(req->db, code, today) : NULL;
	if (!a) {
		web_error(req, res, 404,
		          "There is no addressee with this code; give an ISO 3166-1 alpha-3 code "
		          "such as KAZ.");
		return;
	}
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(a, "latest"), i, c) public_links(c);
	web_json(res, 200, a);
}

void api_mandate(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	json_t *m = public_mandate(req->db, req->captures[0], today);
	if (!m) {
		web_error(req, res, 404, "There is no mandate with this slug.");
		return;
	}
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(m, "latest"), i, c) public_links(c);
	web_json(res, 200, m);
}

void api_stats(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	web_json(res, 200, public_stats(req->db, today));
}
