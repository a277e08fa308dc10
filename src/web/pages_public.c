/*
 * pages_public.c - the public record: the latest publications, a page per
 * communication (/c/SLUG) and its PDF (/c/SLUG.pdf), and the style sheet
 * every public page shares (phones and print included). What a page shows
 * comes from public_record.c, which reads public fields only and sees
 * only what visibility_public_where() lets through: an unpublished
 * letter does not exist here, and gets the same 404 as an unknown one.
 */
#include <stdlib.h>
#include <string.h>

#include "../domain/clock.h"
#include "../domain/public_record.h"
#include "../render/html.h"
#include "../render/pdf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "pages.h"
#include "public_common.h"

void web_today(char out[11])
{
	date_format_iso(clock_today(), out);
}

/* The public pages' style: one column that reads on a phone, a sidebar
 * beside the search results on wide screens, and print without the site's
 * navigation (a letter prints like a letter). No external asset. */
static const char style_css[] =
    ":root{--ink:#1b1b1b;--muted:#555;--line:#d0d0d0;--accent:#0b5394;--bg:#fff;--soft:#f4f6f8}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.5 'DejaVu "
    "Sans',Arial,sans-serif;color:var(--ink);background:var(--bg)}\n"
    "a{color:var(--accent)}\n"
    "a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid "
    "#f0a500;outline-offset:2px}\n"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:."
    "5rem;z-index:9}\n"
    "header.site{background:#0b3d6b;color:#fff;padding:.6rem 1rem}\n"
    "header.site "
    "a{color:#fff;margin-right:1rem;text-decoration:none;display:inline-block;padding:.2rem 0}\n"
    "header.site .brand{font-weight:bold}.who{margin-right:.5rem}form.inline{display:inline}\n"
    "main{max-width:72rem;margin:0 auto;padding:1rem;overflow-wrap:break-word}\n"
    "footer.site{color:var(--muted);font-size:.85rem;padding:1rem;border-top:1px solid var(--line);"
    "max-width:72rem;margin:2rem auto 0}\n"
    "h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 "
    "1rem}h2{font-size:1.3rem;margin-top:2rem}\n"
    "h3{font-size:1.05rem;margin:.2rem 0}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border-bottom:1px solid var(--line);padding:.4rem;text-align:left;vertical-align:top}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".letter{font-family:'DejaVu Serif',Georgia,serif;border:1px solid var(--line);padding:1rem "
    "1.5rem;"
    "background:#fcfcfc;overflow-wrap:break-word}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts "
    "dt{color:var(--muted)}\n"
    "dl.facts dd{margin:0}\n"
    ".error{color:#a00}.help,.meta,.count,.range,.muted{color:var(--muted)}.help{font-size:.9rem;"
    "margin:.2rem 0}\n"
    ".tag{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 "
    ".3rem;font-size:.85rem;"
    "white-space:nowrap}\n"
    ".reply-late,.tag.late{border-color:#b26b00;color:#7a4a00}.reply-none{border-color:#a00;color:#"
    "a00}\n"
    ".reply-in-time{border-color:#2e7d32;color:#1b5e20}\n"
    "mark{background:#ffe58a;color:inherit}\n"
    "input,select,button,textarea{font:inherit;padding:.3rem;max-width:100%}\n"
    "button{cursor:pointer}\n"
    "form.search .field{display:flex;flex-direction:column;margin:.3rem 0}\n"
    "form.search .wide{flex-direction:row;flex-wrap:wrap;align-items:center;gap:.4rem}\n"
    "form.search .wide label{width:100%}form.search .wide input{flex:1;min-width:12rem}\n"
    ".filters{border:1px solid var(--line);padding:.5rem 1rem;margin:.5rem "
    "0;background:var(--soft)}\n"
    ".filters summary{cursor:pointer;font-weight:bold}\n"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.2rem 1rem}\n"
    "fieldset.mandates{border:1px solid var(--line);margin:.6rem 0}\n"
    ".checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.1rem 1rem;"
    "max-height:16rem;overflow:auto;font-size:.9rem}\n"
    ".results-area{display:grid;grid-template-columns:minmax(0,1fr) 17rem;gap:2rem}\n"
    ".facets h2{font-size:1.1rem;margin-top:.5rem}.facets h3{font-size:.95rem;margin-top:1rem}\n"
    ".facets ul{list-style:none;padding:0;margin:.2rem 0}.facets li{padding:.1rem 0}\n"
    ".facets .count{float:right}\n"
    "ul.chips{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}\n"
    "ul.chips li{background:var(--soft);border:1px solid "
    "var(--line);border-radius:1rem;padding:.1rem .7rem}\n"
    "ol.hits{padding-left:1.6rem}ol.hits li{margin:0 0 1rem}.hits .meta{margin:.1rem 0}\n"
    ".snippet{margin:.2rem 0;font-size:.95rem}\n"
    "nav.pages ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem}\n"
    "nav.pages a{display:inline-block;padding:.3rem .7rem;border:1px solid "
    "var(--line);border-radius:3px}\n"
    "nav.pages a[aria-current]{background:var(--accent);color:#fff}\n"
    "nav.crumbs{font-size:.9rem;color:var(--muted)}\n"
    "nav.toc ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}\n"
    "ol.questions>li{margin-bottom:.8rem}ul.answers{margin:.2rem "
    "0;padding-left:1.2rem;font-size:.95rem}\n"
    ".reading-answered{color:#1b5e20}.reading-partly{color:#7a4a00}.reading-not-answered{color:#"
    "a00}\n"
    "article.reply{margin:1rem 0}\n"
    "ol.chain{padding-left:1.2rem}\n"
    ".figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem;"
    "margin:1rem 0}\n"
    ".figures div{background:var(--soft);border:1px solid var(--line);padding:.5rem}\n"
    ".figures strong{display:block;font-size:1.5rem}\n"
    "svg.chart{max-width:100%;height:auto;display:block;margin:.5rem 0}\n"
    "figure{margin:1rem 0}time{white-space:nowrap}\n"
    ".chart-wrap{overflow-x:auto}\n"
    ".funnel svg{max-width:100%;height:auto}ul.flags{padding-left:1.2rem}li.flag{color:#8a1c1c;"
    "margin:.3rem 0}\n"
    "blockquote.passage{margin:.3rem 0 0;padding-left:.6rem;border-left:3px solid var(--line);"
    "color:var(--muted);font-size:.9rem}\n"
    "form.intake fieldset{border:1px solid var(--line);margin:1rem 0;padding:.5rem 1rem;min-width:0}"
    "form.intake legend{font-weight:bold}form.intake input:not([type=radio]),form.intake "
    "select{width:100%;max-width:32rem}\n"
    "form.intake textarea{width:100%}form.intake .row{display:flex;flex-wrap:wrap;gap:.5rem 1rem}"
    "form.intake .row span{flex:1;min-width:8rem}form.intake fieldset.consent label{display:block;"
    "margin:.2rem 0}\n"
    ".notice{background:#eef6ee;border:1px solid #8b8;padding:.5rem 1rem}\n"
    "@media (max-width:48rem){.results-area{grid-template-columns:1fr}main{padding:.6rem}"
    "h1{font-size:1.4rem}.letter{padding:.6rem}"
    "table.stack,table.stack thead,table.stack tbody,table.stack tr,table.stack td,table.stack "
    "th{display:block}"
    "table.stack thead{display:none}table.stack td{border:0;padding:.1rem 0}"
    "table.stack tr{border-bottom:1px solid var(--line);padding:.4rem 0}}\n"
    "@media print{header.site,footer.site,nav,.noprint,form,aside.facets,.skip{display:none}"
    "body{font-size:11pt}main{max-width:none;padding:0}.results-area{display:block}"
    ".letter{border:0;padding:0;background:#fff;font-size:11pt}a{color:inherit;text-decoration:"
    "none}"
    "h2{break-after:avoid}article.reply,section.letter-section{break-before:page}"
    ".tag{border:0;padding:0}mark{background:none;font-weight:bold}"
    "@page{size:A4;margin:20mm}}\n";

void page_style(struct web_request *req, struct web_response *res)
{
	(void)req;
	res->content_type = "text/css; charset=utf-8";
	web_header(res, "Cache-Control", "public, max-age=3600");
	buf_adds(&res->body, style_css);
}

/* A JSON string member, or NULL. */
static const char *js(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A date as people read it ("9 May 2024"), in a <time> element. */
static void human_date(struct web_response *res, const char *iso)
{
	static const char *const months[] = {"January",   "February", "March",    "April",
	                                     "May",       "June",     "July",     "August",
	                                     "September", "October",  "November", "December"};
	int d = iso ? date_parse_iso(iso) : DATE_NONE;
	if (d == DATE_NONE) {
		web_html(res, "%s", iso ? iso : "-");
		return;
	}
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	web_html(res, "<time datetime=\"%s\">%d %s %d</time>", iso, day, months[m - 1], y);
}

/* ---- home -------------------------------------------------------------------------------- */

void page_home(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	json_t *latest = public_latest(req->db, today, 20);
	web_page_begin(req, res, "The public record");
	web_html(res,
	         "<h1>Communications of the Special Procedures</h1>\n"
	         "<p>Letters sent by the Special Rapporteurs and Working Groups of the Human "
	         "Rights Council to "
	         "States and others, published with the replies received, after the 60 days a "
	         "Government has to "
	         "reply.</p>\n"
	         "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\"><div "
	         "class=\"field wide\">"
	         "<label for=\"q\">Search the letters</label> <input id=\"q\" name=\"q\" "
	         "type=\"search\"> "
	         "<button type=\"submit\">Search</button></div></form>\n"
	         "<p class=\"noprint\"><a href=\"/search\">Browse and filter all</a> · <a "
	         "href=\"/stats\">Reply "
	         "rates and statistics</a> · <a href=\"/feed.atom\">Feed of new publications</a> · "
	         "<a href=\"/api/v1\">API</a> · <a href=\"/dump.json\">Bulk download</a></p>\n"
	         "<h2>Latest publications</h2>\n");
	if (!json_array_size(latest)) {
		web_html(res, "<p>Nothing has been published yet.</p>\n");
	} else {
		web_html(res, "<table "
		              "class=\"stack\">\n<thead><tr><th>Published</th><th>Reference</"
		              "th><th>Addressee</th>"
		              "<th>Sent</th><th>Reply</th></tr></thead>\n<tbody>\n");
		size_t i;
		json_t *c;
		json_array_foreach(latest, i, c)
		{
			json_t *a = json_object_get(c, "addressee");
			const char *status = js(c, "reply_status");
			web_html(res, "<tr><td>");
			human_date(res, js(c, "publication_date"));
			web_html(
			    res,
			    "</td><td><a href=\"/c/%u\">%s</a> <span class=\"muted\">%s</span></td>"
			    "<td><a href=\"/addressee/%u\">%s</a></td><td>",
			    js(c, "slug"), js(c, "reference"), type_name(js(c, "type")),
			    js(a, "code"), js(a, "name") ? js(a, "name") : js(a, "code"));
			human_date(res, js(c, "date"));
			web_html(res, "</td><td><span class=\"tag reply-%s\">%s</span></td></tr>\n",
			         status, reply_status_name(status));
		}
		web_html(res, "</tbody>\n</table>\n");
	}
	web_page_end(req, res);
	json_decref(latest);
}

/* ---- one communication ------------------------------------------------------------------- */

static void mandates_part(struct web_response *res, json_t *c)
{
	json_t *list = json_object_get(c, "mandates");
	web_html(res, "<section id=\"mandates\"><h2>Mandates</h2>\n<ol>\n");
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m)
	{
		if (js(m, "slug"))
			web_html(res, "<li><a href=\"/mandate/%u\">%s</a>", js(m, "slug"),
			         js(m, "title"));
		else
			web_html(res, "<li>%s", js(m, "title"));
		if (js(m, "resolution"))
			web_html(res, " <span class=\"muted\">(resolution %s)</span>",
			         js(m, "resolution"));
		web_html(res, "</li>\n");
	}
	web_html(res, "</ol></section>\n");
}

static void questions_part(struct web_response *res, json_t *c)
{
	json_t *questions = json_object_get(c, "questions"),
	       *replies = json_object_get(c, "replies");
	if (!json_array_size(questions))
		return;
	web_html(res, "<section id=\"questions\"><h2>Questions, and what the replies said</h2>\n");
	if (!json_array_size(replies))
		web_html(res,
		         "<p>No reply has been received, so no question has been answered.</p>\n");
	web_html(res, "<ol class=\"questions\">\n");
	size_t i;
	json_t *q;
	json_array_foreach(questions, i, q)
	{
		web_html(res, "<li value=\"%lld\">%s",
		         (long long)json_integer_value(json_object_get(q, "n")), js(q, "text"));
		json_t *answers = json_object_get(q, "answers");
		if (json_array_size(answers)) {
			web_html(res, "<ul class=\"answers\">");
			size_t j;
			json_t *a;
			json_array_foreach(answers, j, a)
			{
				json_int_t n = json_integer_value(json_object_get(a, "reply"));
				json_t *reply = json_array_get(replies, (size_t)n - 1);
				const char *reading = js(a, "reading");
				web_html(res, "<li><a href=\"#reply-%lld\">Reply %lld</a> (",
				         (long long)n, (long long)n);
				human_date(res, js(reply, "received"));
				web_html(
				    res, "): <span class=\"reading-%s\">%s</span>%R</li>", reading,
				    !strcmp(reading, "not-answered") ? "not answered" : reading,
				    json_is_true(json_object_get(a, "confirmed"))
				        ? ""
				        : " <span class=\"muted\">(suggested)</span>");
			}
			web_html(res, "</ul>");
		}
		web_html(res, "</li>\n");
	}
	web_html(res, "</ol></section>\n");
}

static void replies_part(struct web_response *res, json_t *c)
{
	json_t *replies = json_object_get(c, "replies");
	web_html(res, "<section id=\"replies\"><h2>Replies</h2>\n");
	if (!json_array_size(replies)) {
		web_html(res, "<p>No reply has been received.</p></section>\n");
		return;
	}
	size_t i;
	json_t *r;
	json_array_foreach(replies, i, r)
	{
		json_int_t n = json_integer_value(json_object_get(r, "n"));
		web_html(res,
		         "<article class=\"reply\" id=\"reply-%lld\"><h3>Reply %lld, received ",
		         (long long)n, (long long)n);
		human_date(res, js(r, "received"));
		web_html(res, " <span class=\"tag\">%s</span>%R</h3>\n", js(r, "kind"),
		         json_is_true(json_object_get(r, "late"))
		             ? " <span class=\"tag late\">late</span>"
		             : "");
		char *html = render_html_fragment(js(r, "text") ? js(r, "text") : "");
		web_html(res, "<div class=\"letter\">\n%R</div></article>\n", html);
		free(html);
	}
	web_html(res, "</section>\n");
}

/* The chain as it reads: earlier letter -> its reply -> this letter ->
 * its replies -> later letters. */
static void chain_part(struct web_response *res, json_t *c)
{
	json_t *chain = json_object_get(c, "chain");
	json_t *cites = json_object_get(chain, "cites"),
	       *cited_by = json_object_get(chain, "cited_by");
	if (!json_array_size(cites) && !json_array_size(cited_by))
		return;
	web_html(res,
	         "<section id=\"related\"><h2>Related communications</h2>\n<ol class=\"chain\">\n");
	size_t i;
	json_t *x;
	json_array_foreach(cites, i, x)
	{
		json_t *held = json_object_get(x, "communication");
		if (json_is_object(held)) {
			web_html(res, "<li><a href=\"/c/%u\">%s</a> (", js(held, "slug"),
			         js(held, "reference"));
			human_date(res, js(held, "date"));
			web_html(res, ") → ");
			if (js(held, "first_reply")) {
				web_html(res, "reply ");
				human_date(res, js(held, "first_reply"));
			} else {
				web_html(res, "no reply");
			}
			web_html(res, " → this letter</li>\n");
		} else {
			web_html(res,
			         "<li>%s <span class=\"muted\">(cited; not in the public "
			         "record)</span> → this "
			         "letter</li>\n",
			         js(x, "cited_as"));
		}
	}
	json_array_foreach(cited_by, i, x)
	{
		web_html(res, "<li>this letter → ");
		if (js(c, "first_reply")) {
			web_html(res, "reply ");
			human_date(res, js(c, "first_reply"));
		} else {
			web_html(res, "no reply");
		}
		web_html(res, " → <a href=\"/c/%u\">%s</a> (", js(x, "slug"), js(x, "reference"));
		human_date(res, js(x, "date"));
		web_html(res, ")</li>\n");
	}
	web_html(res, "</ol></section>\n");
}

static void citations_part(struct web_response *res, json_t *c)
{
	json_t *list = json_object_get(c, "citations");
	if (!json_array_size(list))
		return;
	web_html(res, "<section id=\"provisions\"><h2>Provisions cited</h2>\n<ul>\n");
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		const char *instrument = js(x, "instrument"), *article = js(x, "article");
		if (instrument)
			web_html(
			    res,
			    "<li><a href=\"/search?instrument=%u&amp;article=%u\">%s art. %s</a>",
			    instrument, article, instrument, article);
		else
			web_html(res,
			         "<li>art. %s <span class=\"muted\">(instrument not named)</span>",
			         article);
		if (json_is_true(json_object_get(x, "violation")))
			web_html(res, " <span class=\"tag\">would be violated</span>");
		web_html(res, "</li>\n");
	}
	web_html(res, "</ul></section>\n");
}

static void communication_pdf(struct web_request *req, struct web_response *res, json_t *c)
{
	struct buf pdf = BUF_INIT;
	struct error err;
	if (render_pdf(js(c, "text") ? js(c, "text") : "", js(c, "reference"), &pdf, &err) < 0) {
		buf_release(&pdf);
		web_error(req, res, 500, "The PDF of this letter cannot be made just now.");
		return;
	}
	res->content_type = "application/pdf";
	struct buf disposition = BUF_INIT;
	/* the slug holds letters, digits and hyphens only: safe in the header */
	buf_addf(&disposition, "inline; filename=\"%s.pdf\"", js(c, "slug"));
	web_header(res, "Content-Disposition", disposition.data);
	buf_release(&disposition);
	buf_release(&res->body);
	res->body = pdf;
}

void page_communication(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	char *slug = xstrdup(req->captures[0]);
	size_t n = strlen(slug);
	bool pdf = n > 4 && !strcmp(slug + n - 4, ".pdf");
	if (pdf)
		slug[n - 4] = '\0';
	long long id = public_communication_id(req->db, slug, today);
	json_t *c = id ? public_communication(req->db, id, today, PUBLIC_PART_TEXT) : NULL;
	free(slug);
	if (!c && db_query_int(req->db, -1, "SELECT 1", (const char *)NULL) != 1) {
		/* not "not found": the store could not be asked */
		web_error(req, res, 503, "The database is not available; try again in a moment.");
		return;
	}
	if (!c) {
		/* the same answer whether it does not exist or is not yet public */
		web_error(req, res, 404,
		          "There is no published communication with this reference.");
		return;
	}
	if (pdf) {
		communication_pdf(req, res, c);
		json_decref(c);
		return;
	}
	/* the replies' texts, read once for the page */
	json_object_set_new(c, "replies", public_replies(req->db, id, today, true));
	json_t *a = json_object_get(c, "addressee");
	const char *status = js(c, "reply_status");
	web_page_begin(req, res, js(c, "reference"));
	web_html(
	    res,
	    "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/\">Public record</a> › "
	    "<a href=\"/addressee/%u\">%s</a> › %s</nav>\n<h1>%s</h1>\n"
	    "<p class=\"lead\">%s to <a href=\"/addressee/%u\">%s</a> from %zu mandate%s "
	    "<span class=\"tag reply-%s\">%s</span></p>\n<dl class=\"facts\"><dt>Sent</dt><dd>",
	    js(a, "code"), js(a, "name") ? js(a, "name") : js(a, "code"), js(c, "reference"),
	    js(c, "reference"), type_name(js(c, "type")), js(a, "code"),
	    js(a, "name") ? js(a, "name") : js(a, "code"),
	    json_array_size(json_object_get(c, "mandates")),
	    json_array_size(json_object_get(c, "mandates")) == 1 ? "" : "s", status,
	    reply_status_name(status));
	human_date(res, js(c, "date"));
	web_html(res, "</dd><dt>Reply due</dt><dd>");
	human_date(res, js(c, "reply_due"));
	web_html(res, "</dd><dt>Published</dt><dd>");
	human_date(res, js(c, "publication_date"));
	web_html(res, "</dd><dt>HRC session</dt><dd>");
	json_t *session = json_object_get(c, "session");
	if (json_is_integer(session)) {
		web_html(res, "<a href=\"/search?session=%lld\">%lld</a>",
		         (long long)json_integer_value(session),
		         (long long)json_integer_value(session));
		if (js(c, "session_report"))
			web_html(res, " (report %s)", js(c, "session_report"));
	} else {
		web_html(res, "-");
	}
	web_html(res, "</dd><dt>Replies</dt><dd>%zu</dd></dl>\n",
	         json_array_size(json_object_get(c, "replies")));
	json_t *chain = json_object_get(c, "chain");
	bool related = json_array_size(json_object_get(chain, "cites")) ||
	               json_array_size(json_object_get(chain, "cited_by"));
	web_html(res,
	         "<nav class=\"toc noprint\" aria-label=\"On this page\"><ul><li><a "
	         "href=\"#letter\">The letter</a></li>"
	         "%R<li><a href=\"#replies\">Replies</a></li>%R%R<li><a "
	         "href=\"#mandates\">Mandates</a></li>"
	         "<li><a href=\"/c/%u.pdf\">PDF</a></li><li><a "
	         "href=\"/api/v1/communications/%u\">JSON</a></li></ul></nav>\n",
	         json_array_size(json_object_get(c, "questions"))
	             ? "<li><a href=\"#questions\">Questions</a></li>"
	             : "",
	         related ? "<li><a href=\"#related\">Related</a></li>" : "",
	         json_array_size(json_object_get(c, "citations"))
	             ? "<li><a href=\"#provisions\">Provisions</a></li>"
	             : "",
	         js(c, "slug"), js(c, "slug"));
	char *letter = render_html_fragment(js(c, "text") ? js(c, "text") : "");
	web_html(res,
	         "<section id=\"letter\" class=\"letter-section\"><h2>The letter</h2>\n<article "
	         "class=\"letter\">\n%R"
	         "</article></section>\n",
	         letter);
	free(letter);
	questions_part(res, c);
	replies_part(res, c);
	chain_part(res, c);
	citations_part(res, c);
	mandates_part(res, c);
	web_page_end(req, res);
	json_decref(c);
}
