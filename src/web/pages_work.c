/*
 * pages_work.c - the workspace: its frame and assets, the overview (what
 * awaits approval, what is overdue, what is due soon), the lists of drafts
 * and letters, the page of one communication, and the administrators'
 * users. Every status change goes through domain/workflow.c and friends;
 * this file reads, draws and passes on what the user asked. The draft form
 * is in pages_work_draft.c, replies and uploads in pages_work_reply.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../domain/clock.h"
#include "../domain/users.h"
#include "../domain/workflow.h"
#include "../kb/kb.h"
#include "../render/html.h"
#include "../util/date.h"
#include "../util/die.h"
#include "pages.h"
#include "work.h"

/* --- shared helpers (work.h) -------------------------------------------------------- */

void work_begin(struct web_request *req, struct web_response *res, const char *title)
{
	res->no_store = true;
	web_page_begin(req, res, title);
	web_html(res, "<link rel=\"stylesheet\" href=\"/static/work.css\">\n"
		      "<nav class=\"worknav\" aria-label=\"Workspace\"><a href=\"/work\">Overview</a> "
		      "<a href=\"/work/drafts\">Drafts</a> ");
	if (work_has(req, ROLE_OFFICER))
		web_html(res, "<a href=\"/work/drafts/new\">New draft</a> ");
	web_html(res, "<a href=\"/work/letters\">Letters</a> ");
	if (work_has(req, ROLE_OFFICER))
		web_html(res, "<a href=\"/work/upload\">Upload a letter</a> <a href=\"/work/intake\">Intake</a> "
			      "<a href=\"/work/cases\">Cases</a> <a href=\"/work/figures\">Figures</a> "
			      "<a href=\"/work/situations\">Situations</a> ");
	if (work_has(req, ROLE_ADMIN))
		web_html(res, "<a href=\"/work/users\">Users</a> ");
	if (req->user && req->user->mandate[0])
		web_html(res, "<span class=\"tag\">holder: %s</span>", req->user->mandate);
	web_html(res, "</nav>\n");
}

void work_end(struct web_request *req, struct web_response *res)
{
	web_page_end(req, res);
}

void work_csrf(const struct web_request *req, struct web_response *res)
{
	web_html(res, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", req->user ? req->user->csrf : "");
}

bool work_has(const struct web_request *req, int roles)
{
	return req->user && (req->user->roles & roles);
}

long long work_capture_id(const struct web_request *req)
{
	if (req->capture_count < 1)
		return 0;
	const char *s = req->captures[0];
	if (!*s || strlen(s) > 15)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return strtoll(s, NULL, 10);
}

bool work_may_see(struct web_request *req, long long id)
{
	if (work_has(req, ROLE_OFFICER | ROLE_ADMIN))
		return true;
	if (!work_has(req, ROLE_HOLDER))
		return false;
	struct db_stmt *st = db_prepare(req->db, "SELECT c.status NOT IN ('draft', 'approved') OR EXISTS "
						 "(SELECT 1 FROM json_each(c.draft, '$.mandates') m WHERE m.value = ?2) "
						 "FROM communications c WHERE c.id = ?1", NULL);
	bool ok = false;
	if (st) {
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, req->user->mandate);
		ok = db_step(st, NULL) == 1 && db_int(st, 0);
		db_finalize(st);
	}
	return ok;
}

const char *work_country_name(const char *alpha3)
{
	if (!alpha3)
		return "";
	const struct kb_country *c = kb_country(kb_shared(), alpha3);
	return c && c->name[KB_EN] ? c->name[KB_EN] : alpha3;
}

int work_past_date(const char *text, const char **why)
{
	int date = text && *text ? date_parse_iso(text) : DATE_NONE;
	if (date == DATE_NONE) {
		*why = "Give the date as YYYY-MM-DD.";
		return DATE_NONE;
	}
	if (date > clock_today()) {
		*why = "The date is after today.";
		return DATE_NONE;
	}
	return date;
}

/* --- assets ----------------------------------------------------------------------------- */

static const char work_css[] =
	"main:has(.work-split){max-width:96rem}"
	".worknav{margin:0 0 1rem;padding:.3rem 0 .5rem;border-bottom:1px solid var(--line,#d0d0d0)}"
	".worknav a{margin-right:1rem}"
	".work-split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem;align-items:start}"
	"@media (max-width:60rem){.work-split{grid-template-columns:minmax(0,1fr)}}"
	"form.draft label,form.stack label{display:block;font-weight:bold;margin-top:.7rem}"
	"form.draft .hint,form.stack .hint{font-weight:normal;color:#555;font-size:.9rem}"
	"form.draft textarea,form.stack textarea{width:100%;min-height:6rem}"
	"form.draft input[type=text],form.draft select,form.stack input[type=text]{max-width:100%}"
	"form.draft label.check,form.stack label.check,.picker label{display:block;font-weight:normal;margin:.1rem 0}"
	".picker{max-height:16rem;overflow:auto;border:1px solid #d0d0d0;padding:.4rem;margin-top:.3rem}"
	".picker h4{margin:.5rem 0 .2rem}"
	"fieldset{border:1px solid #d0d0d0;margin:1rem 0;padding:.5rem 1rem;min-width:0}"
	".buttons{margin-top:1rem}.buttons button{margin-right:.5rem}"
	".notice{background:#eef6ee;border:1px solid #8b8;padding:.5rem 1rem}"
	".confidential{border:2px dashed #a00;background:#fff7f7;padding:.5rem 1rem;white-space:pre-wrap}"
	".preview{position:sticky;top:0;max-height:100vh;overflow:auto}"
	".preview .letter{font-size:.9rem}"
	"pre.reply{white-space:pre-wrap;font-family:inherit;border:1px solid #d0d0d0;padding:.5rem;background:#fcfcfc}"
	"ul.warnings{color:#7a4b00}"
	"table.marks select{max-width:12rem}"
	".status{font-weight:bold}.awaiting td:nth-child(n+3){white-space:nowrap}"
	".secret{background:#fff7f7}tr.urgent td{font-weight:bold}"
	"article.figure{border-top:1px solid #d0d0d0;padding:.5rem 0}form.figure-decision label{margin:0 .2rem 0 .6rem}"
	"ul.flags li{color:#8a1c1c}ol.events>li{margin-bottom:1rem}ul.acts{margin:.2rem 0}"
	"@media (max-width:40rem){main table{display:block;overflow-x:auto}}"
	".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

void page_work_css(struct web_request *req, struct web_response *res)
{
	(void)req;
	res->content_type = "text/css; charset=utf-8";
	web_header(res, "Cache-Control", "public, max-age=3600");
	buf_adds(&res->body, work_css);
}

/* Live preview: posts the draft form to its data-preview address as the
 * officer types and shows the letter the server renders. The page works
 * without it (the Preview button does the same with a reload). */
static const char preview_js[] =
	"(function () {\n"
	"  'use strict';\n"
	"  var form = document.querySelector('form[data-preview]');\n"
	"  var target = document.getElementById('preview');\n"
	"  if (!form || !target || !window.fetch || !window.FormData) return;\n"
	"  var timer = null, sequence = 0;\n"
	"  function update() {\n"
	"    var mine = ++sequence;\n"
	"    fetch(form.getAttribute('data-preview'), {method: 'POST', body: new FormData(form),\n"
	"                                               credentials: 'same-origin'})\n"
	"      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })\n"
	"      .then(function (html) { if (mine === sequence) target.innerHTML = html; })\n"
	"      .catch(function () { /* the Preview button still works */ });\n"
	"  }\n"
	"  function later() { clearTimeout(timer); timer = setTimeout(update, 400); }\n"
	"  form.addEventListener('input', later);\n"
	"  form.addEventListener('change', later);\n"
	"  target.setAttribute('data-live', 'yes');\n"
	"})();\n";

void page_preview_js(struct web_request *req, struct web_response *res)
{
	(void)req;
	res->content_type = "text/javascript; charset=utf-8";
	web_header(res, "Cache-Control", "public, max-age=3600");
	buf_adds(&res->body, preview_js);
}

/* --- the overview ------------------------------------------------------------------------ */

static void awaiting_table(struct web_request *req, struct web_response *res, int from, int to, bool overdue)
{
	struct error err;
	struct db_stmt *st = wf_awaiting(req->db, from, to, &err);
	if (!st) {
		web_html(res, "<p class=\"error\">%s</p>\n", err.message);
		return;
	}
	int today = clock_today(), n = 0;
	while (db_step(st, NULL) == 1) {
		if (!n++)
			web_html(res, "<table class=\"awaiting\">\n<thead><tr><th>Reference</th><th>Addressee</th><th>Sent</th><th>Reply due</th>"
				      "<th>%s</th></tr></thead>\n<tbody>\n",
				 overdue ? "Days overdue" : "Days left");
		int due = date_parse_iso(db_text(st, 4));
		long long days = due == DATE_NONE ? 0 : overdue ? today - due : due - today;
		web_html(res, "<tr><td><a href=\"/work/c/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%lld</td></tr>\n",
			 db_int(st, 0), db_text(st, 1), work_country_name(db_text(st, 2)), db_text(st, 3), db_text(st, 4), days);
	}
	db_finalize(st);
	if (n)
		web_html(res, "</tbody>\n</table>\n");
	else
		web_html(res, "<p>None.</p>\n");
}

void page_work(struct web_request *req, struct web_response *res)
{
	work_begin(req, res, "Workspace");
	char today[11];
	web_today(today);
	web_html(res, "<h1>Workspace</h1>\n<p>Today is %s. Logged in as %s.</p>\n", today, req->user->name);
	if (work_has(req, ROLE_HOLDER)) {
		web_html(res, "<h2>Awaiting your approval</h2>\n");
		struct db_stmt *st = db_prepare(req->db, "SELECT c.id, c.type, c.country, json_extract(c.draft, '$.subject') "
							 "FROM communications c WHERE c.status = 'draft' AND EXISTS "
							 "(SELECT 1 FROM json_each(c.draft, '$.mandates') m WHERE m.value = ?1) "
							 "AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.communication_id = c.id "
							 "AND a.mandate = ?1) ORDER BY c.id",
						NULL);
		int n = 0;
		if (st) {
			db_bind_text(st, 1, req->user->mandate);
			while (db_step(st, NULL) == 1) {
				if (!n++)
					web_html(res, "<ul>\n");
				web_html(res, "<li><a href=\"/work/c/%lld\">Draft %lld</a>: %s to %s. %s</li>\n", db_int(st, 0),
					 db_int(st, 0), db_text(st, 1) ? db_text(st, 1) : "(no type)",
					 db_text(st, 2) ? work_country_name(db_text(st, 2)) : "(no addressee)", db_text(st, 3));
			}
			db_finalize(st);
		}
		web_html(res, n ? "</ul>\n" : "<p>Nothing awaits your approval.</p>\n");
	}
	int now = clock_today();
	web_html(res, "<h2>Overdue</h2>\n<p>Sent letters past their reply date with no reply.</p>\n");
	awaiting_table(req, res, date_from_ymd(1980, 1, 1), now - 1, true);
	web_html(res, "<h2>Due within 14 days</h2>\n<p>Sent letters whose reply is due soon and has not come.</p>\n");
	awaiting_table(req, res, now, now + 14, false);
	work_end(req, res);
}

/* --- lists ------------------------------------------------------------------------------- */

void page_work_drafts(struct web_request *req, struct web_response *res)
{
	bool holder_only = !work_has(req, ROLE_OFFICER | ROLE_ADMIN);
	struct db_stmt *st = db_prepare(req->db, "SELECT c.id, c.status, c.type, c.country, json_extract(c.draft, '$.subject'), "
						 "(SELECT count(*) FROM approvals a WHERE a.communication_id = c.id), "
						 "json_array_length(c.draft, '$.mandates'), c.created_by, c.updated_at "
						 "FROM communications c WHERE c.status IN ('draft', 'approved') AND (?1 IS NULL OR "
						 "EXISTS (SELECT 1 FROM json_each(c.draft, '$.mandates') m WHERE m.value = ?1)) "
						 "ORDER BY c.id DESC",
					NULL);
	if (!st) {
		web_error(req, res, 500, "The drafts cannot be read just now.");
		return;
	}
	db_bind_text(st, 1, holder_only ? req->user->mandate : NULL);
	work_begin(req, res, "Drafts");
	web_html(res, "<h1>Drafts</h1>\n");
	if (holder_only)
		web_html(res, "<p>The drafts that your mandate (%s) joins.</p>\n", req->user->mandate);
	if (work_has(req, ROLE_OFFICER))
		web_html(res, "<p><a href=\"/work/drafts/new\">Write a new draft</a></p>\n");
	int n = 0;
	while (db_step(st, NULL) == 1) {
		if (!n++)
			web_html(res, "<table>\n<thead><tr><th>Draft</th><th>Status</th><th>Type</th><th>Addressee</th>"
				      "<th>Subject</th><th>Approved</th><th>Drafted by</th><th>Changed</th></tr></thead>\n<tbody>\n");
		web_html(res, "<tr><td><a href=\"/work/c/%lld\">%lld</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
			      "<td>%lld of %lld</td><td>%s</td><td>%s</td></tr>\n",
			 db_int(st, 0), db_int(st, 0), db_text(st, 1), db_text(st, 2) ? db_text(st, 2) : "-",
			 db_text(st, 3) ? work_country_name(db_text(st, 3)) : "-", db_text(st, 4), db_int(st, 5), db_int(st, 6),
			 db_text(st, 7), db_text(st, 8));
	}
	db_finalize(st);
	web_html(res, n ? "</tbody>\n</table>\n" : "<p>No drafts.</p>\n");
	work_end(req, res);
}

void page_work_letters(struct web_request *req, struct web_response *res)
{
	const char *ref = web_query(req, "ref");
	const char *missing = NULL;
	if (ref && *ref) {
		long long id = strlen(ref) <= 80 ? wf_resolve(req->db, ref) : 0;
		if (id) {
			char to[48];
			snprintf(to, sizeof(to), "/work/c/%lld", id);
			web_redirect(res, to);
			return;
		}
		missing = ref;
	}
	struct db_stmt *st = db_prepare(req->db, "SELECT c.id, c.reference, c.country, c.date, c.reply_due, c.status, "
						 "(SELECT count(*) FROM replies r WHERE r.communication_id = c.id), c.origin "
						 "FROM communications c WHERE c.reference IS NOT NULL "
						 "ORDER BY c.date DESC, c.id DESC LIMIT 200",
					NULL);
	if (!st) {
		web_error(req, res, 500, "The letters cannot be read just now.");
		return;
	}
	work_begin(req, res, "Letters");
	web_html(res, "<h1>Letters</h1>\n<form method=\"get\" action=\"/work/letters\"><label for=\"ref\">Open a "
		      "communication by reference or draft number</label> <input id=\"ref\" name=\"ref\" value=\"%s\"> "
		      "<button type=\"submit\">Open</button></form>\n",
		 ref);
	if (missing)
		web_html(res, "<p class=\"error\" role=\"alert\">No communication has the reference %s.</p>\n", missing);
	web_html(res, "<h2>The latest 200 sent</h2>\n<table>\n<thead><tr><th>Reference</th><th>Addressee</th><th>Sent</th>"
		      "<th>Reply due</th><th>Status</th><th>Replies</th><th>From</th></tr></thead>\n<tbody>\n");
	while (db_step(st, NULL) == 1)
		web_html(res, "<tr><td><a href=\"/work/c/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
			      "<td>%lld</td><td>%s</td></tr>\n",
			 db_int(st, 0), db_text(st, 1), work_country_name(db_text(st, 2)), db_text(st, 3), db_text(st, 4),
			 db_text(st, 5), db_int(st, 6), db_text(st, 7));
	db_finalize(st);
	web_html(res, "</tbody>\n</table>\n");
	work_end(req, res);
}

/* --- one communication ------------------------------------------------------------------- */

static void notice(struct web_request *req, struct web_response *res)
{
	static const struct {
		const char *key, *text;
	} notices[] = {
		{"saved", "The draft is saved."},
		{"withdrawn", "The draft is saved. It had been approved: the approvals are withdrawn and every mandate must approve it again."},
		{"approved", "Your approval is recorded."},
		{"sent", "The letter is sent: it has its reference, and the reply is due on the date below."},
		{"filed", "The reply is filed. Read each question below and save your reading."},
		{"marked", "Your reading of the reply is saved."},
		{"fromcase", "Drafted from the case: facts, provisions, questions and mandates as its acts suggest, "
			     "victims who did not consent by their label. Check and edit it before approval."},
	};
	for (size_t i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (web_query(req, notices[i].key))
			web_html(res, "<p class=\"notice\" role=\"status\">%s</p>\n", notices[i].text);
}

static void events_part(struct web_request *req, struct web_response *res, long long id)
{
	struct db_stmt *st = db_prepare(req->db, "SELECT coalesce(from_status, ''), to_status, actor, at, effective, note "
						 "FROM status_events WHERE communication_id = ?1 ORDER BY id",
					NULL);
	if (!st)
		return;
	db_bind_int(st, 1, id);
	web_html(res, "<h2>History</h2>\n<table>\n<thead><tr><th>When</th><th>Effective</th><th>Change</th><th>Who</th>"
		      "<th>Note</th></tr></thead>\n<tbody>\n");
	while (db_step(st, NULL) == 1)
		web_html(res, "<tr><td>%s</td><td>%s</td><td>%s%R%s</td><td>%s</td><td>%s</td></tr>\n", db_text(st, 3),
			 db_text(st, 4), db_text(st, 0), *db_text(st, 0) ? " &rarr; " : "", db_text(st, 1), db_text(st, 2),
			 db_text(st, 5));
	db_finalize(st);
	web_html(res, "</tbody>\n</table>\n");
}

static void letter_part(struct web_request *req, struct web_response *res, long long id, bool draft)
{
	struct error err;
	char *warnings = NULL;
	char *md = wf_letter_markdown(req->db, id, &warnings, &err);
	web_html(res, "<h2>%s</h2>\n", draft ? "The letter as it would read today" : "The letter");
	if (!md) {
		web_html(res, "<p class=\"error\">%s</p>\n", err.message);
	} else {
		if (warnings && *warnings) {
			web_html(res, "<ul class=\"warnings\">\n");
			char *save = NULL;
			for (char *line = strtok_r(warnings, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
				web_html(res, "<li>%s</li>\n", line);
			web_html(res, "</ul>\n");
		}
		char *html = render_html_fragment(md);
		web_html(res, "<article class=\"letter\">\n%R</article>\n", html);
		free(html);
	}
	free(md);
	free(warnings);
}

void page_work_communication(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	struct db_stmt *st = id ? db_prepare(req->db, "SELECT status, reference, type, country, date, reply_due, publication_date, "
						      "session, origin, created_by, sent_by, json_extract(draft, '$.subject'), slug, "
						      "language FROM communications WHERE id = ?1",
					     NULL)
				: NULL;
	if (st) {
		db_bind_int(st, 1, id);
		if (db_step(st, NULL) != 1) {
			db_finalize(st);
			st = NULL;
		}
	}
	if (!st) {
		web_error(req, res, 404, "There is no draft or communication with this number.");
		return;
	}
	if (!work_may_see(req, id)) {
		db_finalize(st);
		web_error(req, res, 403, "Your mandate does not join this draft.");
		return;
	}
	char status[16], reference[64], language[4], title[80];
	snprintf(status, sizeof(status), "%s", db_text(st, 0));
	snprintf(reference, sizeof(reference), "%s", db_text(st, 1) ? db_text(st, 1) : "");
	snprintf(language, sizeof(language), "%s", db_text(st, 13) ? db_text(st, 13) : "en");
	bool draft = !strcmp(status, "draft") || !strcmp(status, "approved");
	if (reference[0])
		snprintf(title, sizeof(title), "%s", reference);
	else
		snprintf(title, sizeof(title), "Draft %lld", id);
	work_begin(req, res, title);
	notice(req, res);
	web_html(res, "<h1>%s</h1>\n", title);
	if (db_text(st, 11))
		web_html(res, "<p class=\"subject\">%s</p>\n", db_text(st, 11));
	web_html(res, "<dl class=\"facts\"><dt>Status</dt><dd class=\"status\">%s</dd>", status);
	web_html(res, "<dt>Type</dt><dd>%s</dd><dt>Addressee</dt><dd>%s</dd>", db_text(st, 2) ? db_text(st, 2) : "-",
		 db_text(st, 3) ? work_country_name(db_text(st, 3)) : "-");
	web_html(res, "<dt>%s</dt><dd>%s</dd>", draft ? "Planned date" : "Sent", db_text(st, 4) ? db_text(st, 4) : "-");
	if (!draft) {
		web_html(res, "<dt>Reply due</dt><dd>%s</dd><dt>Public from</dt><dd>%s</dd>", db_text(st, 5) ? db_text(st, 5) : "-",
			 db_text(st, 6) ? db_text(st, 6) : "-");
		if (!db_is_null(st, 7))
			web_html(res, "<dt>HRC session</dt><dd>%lld</dd>", db_int(st, 7));
	}
	web_html(res, "<dt>Origin</dt><dd>%s</dd>", !strcmp(db_text(st, 8), "drafted") ? "drafted here" : "read from a file");
	if (db_text(st, 9))
		web_html(res, "<dt>Drafted by</dt><dd>%s</dd>", db_text(st, 9));
	if (db_text(st, 10))
		web_html(res, "<dt>Sent by</dt><dd>%s</dd>", db_text(st, 10));
	web_html(res, "</dl>\n");
	char today[11];
	web_today(today);
	if (!draft && db_text(st, 6) && strcmp(db_text(st, 6), today) <= 0 && db_text(st, 12))
		web_html(res, "<p>Public: <a href=\"/c/%u\">the public page</a>.</p>\n", db_text(st, 12));
	db_finalize(st);
	if (draft)
		work_draft_part(req, res, id, status);
	else
		work_replies_part(req, res, id, status, language);
	letter_part(req, res, id, draft);
	events_part(req, res, id);
	work_end(req, res);
}

/* --- users (administrators) -------------------------------------------------------------- */

static void users_page(struct web_request *req, struct web_response *res, int status, const char *message)
{
	struct error err;
	struct db_stmt *st = user_list(req->db, &err);
	if (!st) {
		web_error(req, res, 500, "The users cannot be read just now.");
		return;
	}
	res->status = status;
	work_begin(req, res, "Users");
	web_html(res, "<h1>Users</h1>\n");
	if (web_query(req, "added"))
		web_html(res, "<p class=\"notice\" role=\"status\">User %s added.</p>\n", web_query(req, "added"));
	if (web_query(req, "disabled"))
		web_html(res, "<p class=\"notice\" role=\"status\">User %s disabled; their sessions are ended.</p>\n",
			 web_query(req, "disabled"));
	web_html(res, "<table>\n<thead><tr><th>Name</th><th>Roles</th><th>Mandate</th><th>Created</th><th>State</th>"
		      "<th></th></tr></thead>\n<tbody>\n");
	while (db_step(st, NULL) == 1) {
		char roles[64];
		user_roles_format((int)db_int(st, 2), roles, sizeof(roles));
		bool disabled = db_int(st, 5) != 0, self = db_int(st, 0) == req->user->id;
		web_html(res, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", db_text(st, 1), roles,
			 db_text(st, 3) ? db_text(st, 3) : "-", db_text(st, 4), disabled ? "disabled" : "active");
		if (!disabled && !self) {
			web_html(res, "<form class=\"inline\" method=\"post\" action=\"/work/users/%u/disable\">", db_text(st, 1));
			work_csrf(req, res);
			web_html(res, "<button type=\"submit\">Disable %s</button></form>", db_text(st, 1));
		}
		web_html(res, "</td></tr>\n");
	}
	db_finalize(st);
	web_html(res, "</tbody>\n</table>\n<h2>Add a user</h2>\n");
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	const char *name = web_form(req, "name"), *mandate = web_form(req, "mandate");
	web_html(res, "<form class=\"stack\" method=\"post\" action=\"/work/users\">");
	work_csrf(req, res);
	web_html(res, "\n<label for=\"name\">Name <span class=\"hint\">letters, digits, . _ @ -</span></label>"
		      "<input type=\"text\" id=\"name\" name=\"name\" maxlength=\"63\" required value=\"%s\">\n"
		      "<fieldset><legend>Roles</legend>",
		 name);
	static const char *const role_names[] = {"officer", "holder", "admin"};
	static const char *const role_labels[] = {"Officer: drafts, sends, files replies, uploads letters",
						  "Mandate holder: approves for their mandate",
						  "Administrator: manages users"};
	for (int i = 0; i < 3; i++) {
		bool on = false;
		for (size_t k = 0; k < req->form_count; k++)
			on = on || (!strcmp(req->form[k].name, "role") && !strcmp(req->form[k].value, role_names[i]));
		web_html(res, "<label class=\"check\"><input type=\"checkbox\" name=\"role\" value=\"%s\"%R> %s</label>",
			 role_names[i], on ? " checked" : "", role_labels[i]);
	}
	web_html(res, "</fieldset>\n<label for=\"mandate\">Mandate <span class=\"hint\">for a holder only</span></label>"
		      "<select id=\"mandate\" name=\"mandate\"><option value=\"\">(none)</option>");
	const struct kb *kb = kb_shared();
	for (size_t i = 0; i < kb->mandate_count; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", kb->mandates[i].slug,
			 mandate && !strcmp(mandate, kb->mandates[i].slug) ? " selected" : "", kb->mandates[i].title[KB_EN]);
	web_html(res, "</select>\n<label for=\"password\">Password <span class=\"hint\">at least %d characters</span></label>"
		      "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\" required>\n"
		      "<label for=\"password2\">The password again</label>"
		      "<input type=\"password\" id=\"password2\" name=\"password2\" autocomplete=\"new-password\" required>\n"
		      "<p class=\"buttons\"><button type=\"submit\">Add the user</button></p>\n</form>\n",
		 USER_PASSWORD_MIN);
	work_end(req, res);
}

void page_work_users(struct web_request *req, struct web_response *res)
{
	users_page(req, res, 200, NULL);
}

void page_work_user_add(struct web_request *req, struct web_response *res)
{
	const char *name = web_form(req, "name"), *mandate = web_form(req, "mandate");
	const char *password = web_form(req, "password"), *again = web_form(req, "password2");
	struct buf roles_text = BUF_INIT;
	for (size_t k = 0; k < req->form_count; k++)
		if (!strcmp(req->form[k].name, "role"))
			buf_addf(&roles_text, "%s%s", roles_text.len ? "," : "", req->form[k].value);
	struct error err;
	int roles = user_roles_parse(roles_text.data, &err);
	buf_release(&roles_text);
	if (roles < 0) {
		users_page(req, res, 400, err.message);
		return;
	}
	if (!name || !password || !again || strcmp(password, again)) {
		users_page(req, res, 400, "Give a name, and the same password twice.");
		return;
	}
	if (!user_add(req->db, name, roles, mandate, password, &err)) {
		users_page(req, res, 400, err.message);
		return;
	}
	struct buf to = BUF_INIT;
	buf_adds(&to, "/work/users?added=");
	web_urlencode(&to, name);
	web_redirect(res, to.data);
	buf_release(&to);
}

void page_work_user_disable(struct web_request *req, struct web_response *res)
{
	const char *name = req->captures[0];
	if (!strcasecmp(name, req->user->name)) {
		web_error(req, res, 409, "You cannot disable yourself: ask another administrator.");
		return;
	}
	struct error err;
	if (user_disable(req->db, name, &err) < 0) {
		web_error(req, res, 404, err.message);
		return;
	}
	struct buf to = BUF_INIT;
	buf_adds(&to, "/work/users?disabled=");
	web_urlencode(&to, name);
	web_redirect(res, to.data);
	buf_release(&to);
}
