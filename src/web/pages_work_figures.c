/*
 * pages_work_figures.c - the officers' figures and situations
 * (docs/FIGURES.md, docs/WORKSPACE.md): the figures proposed from letters
 * and replies, each with its sentence, to confirm, correct or reject; the
 * situations, a new one, the communications linked to one (with the
 * follow-up chain), and its funnel from every confirmed figure with the
 * checks. The rules are figures.c's, situations.c's and funnel.c's; the
 * public's view of a situation is pages_situation.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/figures.h"
#include "../domain/funnel.h"
#include "../domain/situations.h"
#include "../domain/workflow.h"
#include "../kb/kb.h"
#include "../util/date.h"
#include "../util/die.h"
#include "funnel_html.h"
#include "pages.h"
#include "work.h"

#define FIGURES_SHOWN 200

static const char *sel(const char *a, const char *b)
{
	return a && b && !strcmp(a, b) ? " selected" : "";
}

/* A place to come back to after a decision: this list with its filters. */
static const char *figures_back(const char *back)
{
	if (!back || strncmp(back, "/work/figures", 13) || (back[13] && back[13] != '?') || strlen(back) > 300)
		return "/work/figures";
	for (const char *p = back; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == '\\' || *p == '"' || *p == '<')
			return "/work/figures";
	return back;
}

static void figure_item(struct web_request *req, struct web_response *res, const struct figure *f,
			const char *back)
{
	const struct figure_vocab *v = figure_vocab_shared();
	const struct figure_category *c = figure_category(v, f->category);
	const struct figure_source *s = figure_source(v, f->source);
	char num[32], as_of[11] = "";
	funnel_number(f->value, num);
	if (f->as_of != DATE_NONE)
		date_format_iso(f->as_of, as_of);
	web_html(res, "<article class=\"figure\" id=\"figure-%lld\"><h3>Figure %lld: %s %s, %s <span class=\"tag\">%s"
		      "</span></h3>\n<p>In %s, as of <time>%s</time> (%s), according to %s%s%s%s</p>\n"
		      "<blockquote class=\"passage\">%s</blockquote>\n",
		 f->id, f->id, num, f->unit ? f->unit : "", c ? c->label : "not classified", f->status, f->document,
		 as_of[0] ? as_of : "a date not known",
		 f->as_of_basis, s ? s->label : f->source, f->source_words ? " (\"" : "", f->source_words ? f->source_words : "",
		 f->source_words ? "\")" : "", f->passage);
	if (f->evidence)
		web_html(res, "<p class=\"hint\">Read on the words \"%s\".</p>\n", f->evidence);
	if (f->decided_by)
		web_html(res, "<p class=\"hint\">%s by %s, %s%s%s</p>\n", f->status, f->decided_by, f->decided_at ? f->decided_at : "",
			 f->note ? ": " : "", f->note ? f->note : "");
	web_html(res, "<form class=\"figure-decision\" method=\"post\" action=\"/work/figures/%lld\">", f->id);
	work_csrf(req, res);
	web_html(res, "<input type=\"hidden\" name=\"back\" value=\"%s\">"
		      "<label for=\"category-%lld\">Counts</label><select id=\"category-%lld\" name=\"category\">"
		      "<option value=\"none\">(not classified)</option>",
		 back, f->id, f->id);
	for (size_t i = 0; i < v->category_count; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", v->categories[i].key, sel(f->category, v->categories[i].key),
			 v->categories[i].label);
	web_html(res, "</select> <label for=\"value-%lld\">Value</label><input type=\"text\" id=\"value-%lld\" "
		      "name=\"value\" size=\"8\" value=\"%s\"> <label for=\"as_of-%lld\">As of</label><input type=\"text\" "
		      "id=\"as_of-%lld\" name=\"as_of\" size=\"10\" value=\"%s\"> <label for=\"source-%lld\">Source</label>"
		      "<select id=\"source-%lld\" name=\"source\">",
		 f->id, f->id, num, f->id, f->id, as_of, f->id, f->id);
	for (size_t i = 0; i < v->source_count; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", v->sources[i].key, sel(f->source, v->sources[i].key),
			 v->sources[i].label);
	web_html(res, "</select> <label for=\"note-%lld\">Note</label><input type=\"text\" id=\"note-%lld\" name=\"note\" "
		      "maxlength=\"300\"> <span class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"confirm\">"
		      "Confirm as read</button><button type=\"submit\" name=\"action\" value=\"set\">Correct and confirm"
		      "</button><button type=\"submit\" name=\"action\" value=\"reject\">Reject</button></span></form>\n"
		      "</article>\n",
		 f->id, f->id);
}

static void figures_page(struct web_request *req, struct web_response *res, int status, const char *message)
{
	const char *want = web_query(req, "status"), *slug = web_query(req, "situation");
	if (!want || (strcmp(want, "proposed") && strcmp(want, "confirmed") && strcmp(want, "rejected") && strcmp(want, "all")))
		want = "proposed";
	struct error err;
	/* letters sent or uploaded here and replies filed since: their figures are proposed now */
	struct figure_propose_stats stats = {0};
	if (figures_propose_pending(req->db, &stats, &err) < 0) {
		web_error(req, res, 500, "The figures cannot be read just now.");
		return;
	}
	long long situation = slug && *slug ? situation_find(req->db, slug) : 0;
	struct figure_list list;
	struct figure_query q = {.situation_id = situation, .status = strcmp(want, "all") ? want : NULL};
	if ((slug && *slug && !situation) || figures_select(req->db, &q, &list, &err) < 0) {
		if (slug && *slug && !situation)
			web_error(req, res, 404, "There is no situation with this name.");
		else
			web_error(req, res, 500, "The figures cannot be read just now.");
		return;
	}
	res->status = status;
	work_begin(req, res, "Figures");
	if (web_query(req, "decided"))
		web_html(res, "<p class=\"notice\" role=\"status\">Figure %s: %s.</p>\n", web_query(req, "figure"),
			 web_query(req, "decided"));
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	web_html(res, "<h1>Figures</h1>\n<p>Numbers read from letters and replies: what each counts, as of when, who "
		      "says so. A confirmed figure enters the funnel of every situation its letter belongs to and, once "
		      "the letter is published, the public page of that situation.</p>\n"
		      "<form class=\"filters\" method=\"get\" action=\"/work/figures\"><label for=\"status\">Show</label> "
		      "<select id=\"status\" name=\"status\">");
	static const char *const statuses[] = {"proposed", "confirmed", "rejected", "all"};
	for (size_t i = 0; i < 4; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", statuses[i], sel(want, statuses[i]), statuses[i]);
	web_html(res, "</select> <label for=\"situation\">of the situation</label> <select id=\"situation\" "
		      "name=\"situation\"><option value=\"\">(every letter)</option>");
	json_t *all = situation_list_json(req->db, &err);
	size_t i;
	json_t *s;
	json_array_foreach(all, i, s)
	{
		const char *x = json_string_value(json_object_get(s, "slug"));
		web_html(res, "<option value=\"%s\"%R>%s</option>", x, sel(slug, x),
			 json_string_value(json_object_get(s, "title")));
	}
	json_decref(all);
	web_html(res, "</select> <button type=\"submit\">Show</button></form>\n");
	struct buf back = BUF_INIT;
	buf_addf(&back, "/work/figures?status=%s", want);
	if (situation) {
		buf_adds(&back, "&situation=");
		web_urlencode(&back, slug);
	}
	web_html(res, "<p>%zu figure%s%s.</p>\n", list.count, list.count == 1 ? "" : "s",
		 list.count > FIGURES_SHOWN ? "; the first 200 shown" : "");
	for (size_t k = 0; k < list.count && k < FIGURES_SHOWN; k++)
		figure_item(req, res, &list.items[k], back.data);
	buf_release(&back);
	figure_list_release(&list);
	work_end(req, res);
}

void page_work_figures(struct web_request *req, struct web_response *res)
{
	figures_page(req, res, 200, NULL);
}

static bool differs(const char *form, const char *held)
{
	return form && *form && (!held || strcmp(form, held));
}

void page_work_figure_decide(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	struct figure f;
	struct error err;
	if (!id || figures_get(req->db, id, &f, &err) < 0) {
		web_error(req, res, 404, "There is no figure with this number.");
		return;
	}
	const char *action = web_form(req, "action"), *note = web_form(req, "note");
	if (note && !*note)
		note = NULL;
	int rc;
	const char *what;
	if (action && !strcmp(action, "confirm")) {
		rc = figures_confirm(req->db, id, req->user->name, &err);
		what = "confirmed";
	} else if (action && !strcmp(action, "reject")) {
		rc = figures_reject(req->db, id, req->user->name, note, &err);
		what = "rejected";
	} else if (action && !strcmp(action, "set")) {
		/* only what the officer changed: an unchanged date stays as it was read */
		char num[32], as_of[11] = "";
		funnel_number(f.value, num);
		if (f.as_of != DATE_NONE)
			date_format_iso(f.as_of, as_of);
		const char *category = web_form(req, "category"), *value = web_form(req, "value");
		const char *date = web_form(req, "as_of"), *source = web_form(req, "source");
		struct figure_change c = {
			.category = differs(category, f.category ? f.category : "none") ? category : NULL,
			.value = differs(value, num) ? value : NULL,
			.as_of = differs(date, as_of) ? date : NULL,
			.source = differs(source, f.source) ? source : NULL,
			.note = note,
		};
		rc = figures_set(req->db, id, &c, req->user->name, &err);
		what = "corrected and confirmed";
	} else {
		rc = error_set(&err, "Choose to confirm, correct or reject the figure.");
		what = NULL;
	}
	figure_release(&f);
	if (rc < 0) {
		struct buf message = BUF_INIT;
		buf_addf(&message, "Figure %lld: %s", id, err.message);
		figures_page(req, res, 400, message.data);
		buf_release(&message);
		return;
	}
	const char *back = figures_back(web_form(req, "back"));
	struct buf to = BUF_INIT;
	buf_adds(&to, back);
	buf_addf(&to, "%sdecided=", strchr(back, '?') ? "&" : "?");
	web_urlencode(&to, what);
	buf_addf(&to, "&figure=%lld", id);
	web_redirect(res, to.data);
	buf_release(&to);
}

/* --- situations --------------------------------------------------------------------------- */

static void situations_page(struct web_request *req, struct web_response *res, int status, const char *message)
{
	struct error err;
	json_t *all = situation_list_json(req->db, &err);
	if (!all) {
		web_error(req, res, 500, "The situations cannot be read just now.");
		return;
	}
	res->status = status;
	work_begin(req, res, "Situations");
	web_html(res, "<h1>Situations</h1>\n<p>A situation groups the communications about one set of events; its "
		      "confirmed figures make its accountability funnel. It is public (<code>/situation/NAME</code>) "
		      "once one of its communications is.</p>\n");
	if (!json_array_size(all))
		web_html(res, "<p>No situations yet.</p>\n");
	else {
		web_html(res, "<table>\n<thead><tr><th>Name</th><th>Title</th><th>Country</th><th>Period</th>"
			      "<th class=\"n\">Communications</th></tr></thead>\n<tbody>\n");
		size_t i;
		json_t *s;
		json_array_foreach(all, i, s)
		{
			const char *slug = json_string_value(json_object_get(s, "slug"));
			const char *from = json_string_value(json_object_get(s, "period_from"));
			const char *to = json_string_value(json_object_get(s, "period_to"));
			web_html(res, "<tr><td><a href=\"/work/situations/%u\">%s</a></td><td>%s</td><td>%s</td><td>%s%R%s</td>"
				      "<td class=\"n\">%lld</td></tr>\n",
				 slug, slug, json_string_value(json_object_get(s, "title")),
				 work_country_name(json_string_value(json_object_get(s, "country"))), from ? from : "",
				 from || to ? " &ndash; " : "", to ? to : "",
				 (long long)json_integer_value(json_object_get(s, "communications")));
		}
		web_html(res, "</tbody>\n</table>\n");
	}
	json_decref(all);
	web_html(res, "<h2>A new situation</h2>\n");
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	web_html(res, "<form class=\"stack\" method=\"post\" action=\"/work/situations\">");
	work_csrf(req, res);
	const char *country = web_form(req, "country");
	web_html(res, "<label for=\"slug\">Name <span class=\"hint\">lower-case letters, digits and hyphens: its address"
		      "</span></label><input type=\"text\" id=\"slug\" name=\"slug\" maxlength=\"64\" required value=\"%s\">"
		      "<label for=\"title\">Title</label><input type=\"text\" id=\"title\" name=\"title\" maxlength=\"200\" "
		      "required value=\"%s\"><label for=\"country\">Country</label><select id=\"country\" name=\"country\">"
		      "<option value=\"\">(none)</option>",
		 web_form(req, "slug"), web_form(req, "title"));
	const struct kb *kb = kb_shared();
	for (size_t i = 0; i < kb->country_count; i++)
		if (kb->countries[i].name[KB_EN])
			web_html(res, "<option value=\"%s\"%R>%s (%s)</option>", kb->countries[i].alpha3,
				 sel(country, kb->countries[i].alpha3), kb->countries[i].name[KB_EN], kb->countries[i].alpha3);
	web_html(res, "</select><label for=\"from\">From <span class=\"hint\">YYYY-MM-DD</span></label><input type=\"text\" "
		      "id=\"from\" name=\"from\" value=\"%s\"><label for=\"to\">To</label><input type=\"text\" id=\"to\" "
		      "name=\"to\" value=\"%s\"><p class=\"buttons\"><button type=\"submit\">Create the situation</button></p>"
		      "</form>\n",
		 web_form(req, "from"), web_form(req, "to"));
	work_end(req, res);
}

void page_work_situations(struct web_request *req, struct web_response *res)
{
	situations_page(req, res, 200, NULL);
}

static const char *blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

void page_work_situation_new(struct web_request *req, struct web_response *res)
{
	struct situation_in in = {.slug = blank_null(web_form(req, "slug")),
				  .title = blank_null(web_form(req, "title")),
				  .country = blank_null(web_form(req, "country")),
				  .period_from = blank_null(web_form(req, "from")),
				  .period_to = blank_null(web_form(req, "to"))};
	struct error err;
	if (situation_create(req->db, &in, req->user->name, &err) < 0) {
		situations_page(req, res, 400, err.message);
		return;
	}
	struct buf to = BUF_INIT;
	buf_adds(&to, "/work/situations/");
	web_urlencode(&to, in.slug);
	web_redirect(res, to.data);
	buf_release(&to);
}

static void situation_page(struct web_request *req, struct web_response *res, int status, const char *message)
{
	const char *slug = req->captures[0];
	/* by name: a number is the command line's way */
	long long id = strspn(slug, "0123456789") < strlen(slug) ? situation_find(req->db, slug) : 0;
	struct situation s;
	struct error err;
	if (!id || situation_load(req->db, id, &s, &err) < 0) {
		web_error(req, res, 404, "There is no situation with this name.");
		return;
	}
	struct figure_list figures;
	if (figures_select(req->db, &(struct figure_query){.situation_id = id, .status = "confirmed"}, &figures, &err) < 0) {
		situation_release(&s);
		web_error(req, res, 500, "The figures cannot be read just now.");
		return;
	}
	long long proposed = 0;
	struct db_stmt *st = db_prepare(req->db, "SELECT count(*) FROM figure_records WHERE status = 'proposed' AND "
						 "communication_id IN (SELECT communication_id FROM situation_communications "
						 "WHERE situation_id = ?1)",
					NULL);
	if (st) {
		db_bind_int(st, 1, id);
		if (db_step(st, NULL) == 1)
			proposed = db_int(st, 0);
		db_finalize(st);
	}
	res->status = status;
	work_begin(req, res, s.title);
	if (web_query(req, "linked"))
		web_html(res, "<p class=\"notice\" role=\"status\">%s communication%s linked.</p>\n", web_query(req, "linked"),
			 strcmp(web_query(req, "linked"), "1") ? "s" : "");
	if (web_query(req, "unlinked"))
		web_html(res, "<p class=\"notice\" role=\"status\">The communication is no longer part of it.</p>\n");
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	web_html(res, "<p><a href=\"/work/situations\">Situations</a></p>\n<h1>%s</h1>\n<dl class=\"facts\"><dt>Name</dt>"
		      "<dd>%s (public page: <a href=\"/situation/%u\">/situation/%s</a>, once a communication is public)</dd>"
		      "<dt>Country</dt><dd>%s</dd><dt>Period</dt><dd>%s &ndash; %s</dd><dt>Created</dt><dd>%s by %s</dd></dl>\n",
		 s.title, s.slug, s.slug, s.slug, work_country_name(s.country), s.period_from ? s.period_from : "",
		 s.period_to ? s.period_to : "", s.created_at, s.created_by);
	web_html(res, "<h2>Communications</h2>\n");
	if (!s.communication_count)
		web_html(res, "<p>None linked yet.</p>\n");
	else {
		web_html(res, "<table>\n<thead><tr><th>Reference</th><th>Date</th><th>Status</th><th class=\"n\">Replies</th>"
			      "<th></th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < s.communication_count; i++) {
			const struct situation_communication *c = &s.communications[i];
			web_html(res, "<tr><td><a href=\"/work/c/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"n\">%d</td><td>"
				      "<form class=\"inline\" method=\"post\" action=\"/work/situations/%u/link\">",
				 c->id, c->reference, c->date ? c->date : "", c->status, c->replies, s.slug);
			work_csrf(req, res);
			web_html(res, "<input type=\"hidden\" name=\"communication\" value=\"%lld\"><button type=\"submit\" "
				      "name=\"action\" value=\"unlink\">Unlink %s</button></form></td></tr>\n",
				 c->id, c->reference);
		}
		web_html(res, "</tbody>\n</table>\n");
	}
	web_html(res, "<form class=\"stack\" method=\"post\" action=\"/work/situations/%u/link\">", s.slug);
	work_csrf(req, res);
	web_html(res, "<label for=\"reference\">Link a communication <span class=\"hint\">its reference, AL KAZ 2/2024"
		      "</span></label><input type=\"text\" id=\"reference\" name=\"reference\" required value=\"%s\">"
		      "<label class=\"check\"><input type=\"checkbox\" name=\"related\" value=\"1\" checked> with the "
		      "communications it cites and those that cite it</label><p class=\"buttons\"><button type=\"submit\" "
		      "name=\"action\" value=\"link\">Link</button></p></form>\n",
		 web_form(req, "reference"));
	web_html(res, "<h2>The funnel</h2>\n<p>From every confirmed figure of its communications (the public page shows "
		      "those of published communications only). <a href=\"/work/figures?status=proposed&amp;situation=%u\">%lld "
		      "figure%s proposed</a> await a decision.</p>\n",
		 s.slug, proposed, proposed == 1 ? "" : "s");
	struct funnel f;
	funnel_compute(figure_vocab_shared(), figures.items, figures.count, DATE_NONE, &f);
	funnel_html(res, &f, s.title, "funnel");
	funnel_release(&f);
	figure_list_release(&figures);
	work_end(req, res);
	situation_release(&s);
}

void page_work_situation(struct web_request *req, struct web_response *res)
{
	situation_page(req, res, 200, NULL);
}

void page_work_situation_link(struct web_request *req, struct web_response *res)
{
	const char *slug = req->captures[0];
	long long id = strspn(slug, "0123456789") < strlen(slug) ? situation_find(req->db, slug) : 0;
	if (!id) {
		web_error(req, res, 404, "There is no situation with this name.");
		return;
	}
	const char *action = web_form(req, "action");
	struct error err;
	struct buf to = BUF_INIT;
	buf_adds(&to, "/work/situations/");
	web_urlencode(&to, slug);
	int rc;
	if (action && !strcmp(action, "unlink")) {
		const char *c = web_form(req, "communication");
		long long cid = c && *c && strlen(c) < 16 && strspn(c, "0123456789") == strlen(c) ? strtoll(c, NULL, 10) : 0;
		rc = cid ? situation_unlink(req->db, id, cid, &err) : error_set(&err, "Which communication?");
		if (rc >= 0)
			buf_adds(&to, "?unlinked=1");
	} else {
		const char *ref = web_form(req, "reference");
		long long cid = ref && *ref && strlen(ref) <= 80 ? wf_resolve(req->db, ref) : 0;
		const char *related = web_form(req, "related");
		rc = cid ? situation_link(req->db, id, cid, related && !strcmp(related, "1"), req->user->name, &err)
			 : error_set(&err, "No communication has the reference %s.", ref ? ref : "");
		if (rc >= 0)
			buf_addf(&to, "?linked=%d", rc);
	}
	if (rc < 0) {
		buf_release(&to);
		situation_page(req, res, 400, err.message);
		return;
	}
	web_redirect(res, to.data);
	buf_release(&to);
}
