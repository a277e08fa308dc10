/*
 * pages_feed.c - the public record for programs that follow or copy it:
 * the Atom feed of new publications (/feed.atom, RFC 4287) and the bulk
 * dump (/dump.json), every public communication with its text and its
 * replies, a page of them at a time so that no answer grows without
 * bound. Public fields only, from public_record.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/public_record.h"
#include "../util/die.h"
#include "pages.h"
#include "public_common.h"

#define FEED_ENTRIES      50
#define DUMP_PER_PAGE     500
#define DUMP_MAX_PER_PAGE 1000

static const char *js(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Text for XML: escaped, and without the control characters XML 1.0
 * cannot hold (a letter's form feed would make the feed unreadable). */
static void xml_text(struct buf *b, const char *s)
{
	struct buf clean = BUF_INIT;
	for (const char *p = s ? s : ""; *p; p++)
		if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
			buf_addch(&clean, *p);
	web_escape(b, clean.data);
	buf_release(&clean);
}

void page_feed(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	json_t *latest = public_latest(req->db, today, FEED_ENTRIES);
	struct buf base = BUF_INIT;
	site_base(req, &base);
	struct buf *b = &res->body;
	const char *updated =
	    json_array_size(latest) ? js(json_array_get(latest, 0), "publication_date") : today;
	buf_adds(b,
	         "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
	         "xmlns=\"http://www.w3.org/2005/Atom\">\n"
	         "<title>Communications of the Special Procedures: new publications</title>\n<id>");
	xml_text(b, base.data);
	buf_adds(b, "/feed.atom</id>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"");
	xml_text(b, base.data);
	buf_adds(b, "/feed.atom\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	xml_text(b, base.data);
	buf_adds(b, "/\"/>\n<updated>");
	xml_text(b, updated);
	buf_adds(b, "T00:00:00Z</updated>\n<author><name>Special Procedures of the Human Rights "
	            "Council</name></author>\n"
	            "<generator>Rapporteur</generator>\n");
	size_t i;
	json_t *c;
	json_array_foreach(latest, i, c)
	{
		json_t *a = json_object_get(c, "addressee");
		struct buf url = BUF_INIT;
		buf_adds(&url, base.data);
		buf_adds(&url, "/c/");
		web_urlencode(&url, js(c, "slug"));
		buf_adds(b, "<entry>\n<title>");
		xml_text(b, js(c, "reference"));
		buf_adds(b, ": ");
		xml_text(b, type_name(js(c, "type")));
		buf_adds(b, " to ");
		xml_text(b, js(a, "name") ? js(a, "name") : js(a, "code"));
		buf_adds(b, "</title>\n<id>");
		xml_text(b, url.data);
		buf_adds(b, "</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
		xml_text(b, url.data);
		buf_adds(b, "\"/>\n<link rel=\"enclosure\" type=\"application/pdf\" href=\"");
		xml_text(b, url.data);
		buf_adds(b, ".pdf\"/>\n<published>");
		xml_text(b, js(c, "publication_date"));
		buf_adds(b, "T00:00:00Z</published>\n<updated>");
		xml_text(b, js(c, "publication_date"));
		buf_adds(b, "T00:00:00Z</updated>\n<summary type=\"text\">");
		xml_text(b, type_name(js(c, "type")));
		buf_adds(b, " sent on ");
		xml_text(b, js(c, "date") ? js(c, "date") : "(undated)");
		buf_adds(b, " to ");
		xml_text(b, js(a, "name") ? js(a, "name") : js(a, "code"));
		buf_adds(b, " by ");
		json_t *mandates = json_object_get(c, "mandates");
		size_t j;
		json_t *m;
		json_array_foreach(mandates, j, m)
		{
			if (j)
				buf_adds(b, j + 1 == json_array_size(mandates) ? " and " : "; ");
			xml_text(b, json_string_value(m));
		}
		buf_adds(b, ". ");
		xml_text(b, reply_status_name(js(c, "reply_status")));
		buf_adds(b, ".</summary>\n");
		if (js(a, "code")) {
			buf_adds(b, "<category term=\"");
			xml_text(b, js(a, "code"));
			buf_adds(b, "\" label=\"");
			xml_text(b, js(a, "name") ? js(a, "name") : js(a, "code"));
			buf_adds(b, "\"/>\n");
		}
		buf_adds(b, "</entry>\n");
		buf_release(&url);
	}
	buf_adds(b, "</feed>\n");
	res->content_type = "application/atom+xml; charset=utf-8";
	buf_release(&base);
	json_decref(latest);
}

/* A whole number from 1 to max, or 0 when s is not one. */
static int number_in(const char *s, int max)
{
	if (!s || !*s || strlen(s) > 7)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	int n = atoi(s);
	return n >= 1 && n <= max ? n : 0;
}

void page_dump(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	const char *page_text = web_query(req, "page"), *per_text = web_query(req, "per_page");
	int page = page_text ? number_in(page_text, 1000000) : 1;
	int per = per_text ? number_in(per_text, DUMP_MAX_PER_PAGE) : DUMP_PER_PAGE;
	if (!page || !per) {
		web_error(req, res, 400,
		          page ? "per_page: give 1 to 1000." : "page: give a page number from 1.");
		return;
	}
	json_t *items = public_dump(req->db, today, page, per);
	size_t i;
	json_t *c;
	json_array_foreach(items, i, c) public_links(c);
	json_int_t total = public_count(req->db, today);
	json_int_t pages = (total + per - 1) / per;
	json_t *next = json_null();
	if (page < pages) {
		struct buf url = BUF_INIT;
		buf_addf(&url, "/dump.json?page=%d", page + 1);
		if (per != DUMP_PER_PAGE)
			buf_addf(&url, "&per_page=%d", per);
		next = json_string(url.data);
		buf_release(&url);
	}
	web_json(res, 200,
	         json_pack("{s:s, s:s, s:I, s:i, s:i, s:I, s:o, s:o}", "description",
	                   "Every public communication of the Special Procedures with its text and "
	                   "replies (public fields "
	                   "only), oldest first.",
	                   "as_of", today, "total", total, "page", page, "per_page", per, "pages",
	                   pages, "next", next, "communications", items));
	web_header(res, "Content-Disposition", "inline; filename=\"communications.json\"");
}
