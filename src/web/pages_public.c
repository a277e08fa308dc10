/*
 * pages_public.c - the public record: the latest publications and a page
 * per communication. Everything here selects through
 * visibility_public_where(): an unpublished letter does not exist for the
 * public, and confidential fields (internal notes, drafts) are never read.
 */
#include <stdlib.h>
#include <string.h>

#include "../domain/clock.h"
#include "../domain/visibility.h"
#include "../render/html.h"
#include "../store/letters.h"
#include "../util/date.h"
#include "../util/die.h"
#include "pages.h"

void web_today(char out[11])
{
	date_format_iso(clock_today(), out);
}

static const char style_css[] =
	":root{--ink:#1b1b1b;--muted:#555;--line:#d0d0d0;--accent:#0b5394;--bg:#fff}"
	"*{box-sizing:border-box}body{margin:0;font:16px/1.5 'DejaVu Sans',Arial,sans-serif;color:var(--ink);background:var(--bg)}"
	"a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f0a500;outline-offset:2px}"
	".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}"
	"header.site{background:#0b3d6b;color:#fff;padding:.6rem 1rem}header.site a{color:#fff;margin-right:1rem;text-decoration:none}"
	"header.site .brand{font-weight:bold}.who{margin-right:.5rem}form.inline{display:inline}"
	"main{max-width:60rem;margin:0 auto;padding:1rem}footer.site{color:var(--muted);font-size:.85rem;padding:1rem;"
	"border-top:1px solid var(--line);max-width:60rem;margin:2rem auto 0}"
	"table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:.4rem;text-align:left;vertical-align:top}"
	".letter{font-family:'DejaVu Serif',Georgia,serif;border:1px solid var(--line);padding:1rem 1.5rem;background:#fcfcfc}"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dt{color:var(--muted)}"
	".error{color:#a00}.tag{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .3rem;font-size:.85rem}"
	"mark{background:#ffe58a}input,select,button,textarea{font:inherit;padding:.3rem}"
	"@media (max-width:40rem){main{padding:.5rem}table,thead,tbody,tr,td,th{display:block}thead{display:none}"
	"td{border:0;padding:.1rem 0}tr{border-bottom:1px solid var(--line);padding:.4rem 0}}"
	"@media print{header.site,footer.site,nav,.noprint,form{display:none}main{max-width:none;padding:0}"
	".letter{border:0;padding:0;background:#fff;font-size:11pt}a{color:inherit;text-decoration:none}}";

void page_style(struct web_request *req, struct web_response *res)
{
	(void)req;
	res->content_type = "text/css; charset=utf-8";
	web_header(res, "Cache-Control", "public, max-age=3600");
	buf_adds(&res->body, style_css);
}

void page_home(struct web_request *req, struct web_response *res)
{
	char today[11];
	web_today(today);
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT c.reference, c.slug, c.date, c.country, k.name_en, c.publication_date FROM communications c "
		       "LEFT JOIN countries k ON k.alpha3 = c.country WHERE 1");
	visibility_public_where(&sql, &params, "c", today);
	buf_adds(&sql, " ORDER BY c.publication_date DESC, c.date DESC, c.id DESC LIMIT 20");
	struct error err;
	struct db_stmt *st = db_prepare(req->db, sql.data, &err);
	buf_release(&sql);
	if (!st) {
		web_error(req, res, 500, "The record cannot be read just now.");
		return;
	}
	sql_params_bind(&params, st);
	web_page_begin(req, res, "The public record");
	web_html(res, "<h1>Communications of the Special Procedures</h1>\n"
		      "<form role=\"search\" action=\"/search\" method=\"get\"><label for=\"q\">Search the letters</label> "
		      "<input id=\"q\" name=\"q\" type=\"search\"> <button type=\"submit\">Search</button></form>\n"
		      "<h2>Latest publications</h2>\n<table>\n<thead><tr><th>Published</th><th>Reference</th><th>Sent</th>"
		      "<th>Addressee</th></tr></thead>\n<tbody>\n");
	int n = 0;
	while (db_step(st, NULL) == 1) {
		n++;
		web_html(res, "<tr><td>%s</td><td><a href=\"/c/%u\">%s</a></td><td>%s</td><td>%s</td></tr>\n",
			 db_text(st, 5), db_text(st, 1), db_text(st, 0), db_text(st, 2),
			 db_text(st, 4) ? db_text(st, 4) : db_text(st, 3));
	}
	db_finalize(st);
	web_html(res, "</tbody>\n</table>\n");
	if (!n)
		web_html(res, "<p>Nothing has been published yet.</p>\n");
	web_page_end(req, res);
}

/* The public communication with this slug, or 0. */
static long long public_id(struct web_request *req, const char *slug)
{
	char today[11];
	web_today(today);
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT c.id FROM communications c WHERE c.slug = ");
	sql_param(&sql, &params, slug);
	visibility_public_where(&sql, &params, "c", today);
	struct db_stmt *st = db_prepare(req->db, sql.data, NULL);
	buf_release(&sql);
	long long id = 0;
	if (st) {
		sql_params_bind(&params, st);
		if (db_step(st, NULL) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	return id;
}

void page_communication(struct web_request *req, struct web_response *res)
{
	const char *slug = req->captures[0];
	long long id = public_id(req, slug);
	if (!id) {
		/* the same answer whether it does not exist or is not yet public */
		web_error(req, res, 404, "There is no published communication with this reference.");
		return;
	}
	struct db_stmt *st = db_prepare(req->db, "SELECT reference, type, country, date, reply_due, publication_date, session, "
						 "coalesce(letter_md, body) FROM communications WHERE id = ?1", NULL);
	if (!st) {
		web_error(req, res, 500, "The record cannot be read just now.");
		return;
	}
	db_bind_int(st, 1, id);
	db_step(st, NULL);
	web_page_begin(req, res, db_text(st, 0));
	web_html(res, "<h1>%s</h1>\n<dl class=\"facts\"><dt>Sent</dt><dd>%s</dd><dt>Reply due</dt><dd>%s</dd>"
		      "<dt>Published</dt><dd>%s</dd><dt>HRC session</dt><dd>%s</dd></dl>\n",
		 db_text(st, 0), db_text(st, 3), db_text(st, 4), db_text(st, 5), db_text(st, 6) ? db_text(st, 6) : "-");
	char *letter = render_html_fragment(db_text(st, 7) ? db_text(st, 7) : "");
	web_html(res, "<h2>The letter</h2>\n<article class=\"letter\">\n%R</article>\n", letter);
	free(letter);
	db_finalize(st);
	web_page_end(req, res);
}
