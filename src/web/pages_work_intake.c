/*
 * pages_work_intake.c - the officers' intake screens (docs/WORKSPACE.md):
 * the list of submissions with the mandates suggested for each, one
 * submission with its source, narrative and victims opened (the officer's
 * view), the admissibility decision with its reason, the possible
 * duplicates with a link or a keep-apart for each, and a case opened from
 * it. Every rule is intake.c's and cases.c's; this file reads the form,
 * calls them and draws what they say. Sealed fields are opened with the
 * server's key and shown only here, on no-store pages, to officers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/cases.h"
#include "../domain/intake.h"
#include "../domain/vocab.h"
#include "../util/date.h"
#include "pages.h"
#include "work.h"

static const char *status_label(const char *status)
{
	return !strcmp(status, "pending") ? "awaiting a decision" : status;
}

void page_work_intake(struct web_request *req, struct web_response *res)
{
	const char *status = web_query(req, "status");
	if (status && strcmp(status, "pending") && strcmp(status, "admissible") && strcmp(status, "inadmissible"))
		status = NULL;
	struct intake_row *rows;
	size_t n;
	struct error err;
	if (intake_list(req->db, status, &rows, &n, &err) < 0) {
		web_error(req, res, 500, "The submissions cannot be read just now.");
		return;
	}
	work_begin(req, res, "Intake");
	web_html(res, "<h1>Submissions</h1>\n<p>Information from sources, newest first: from the public form at "
		      "<a href=\"/submit\">/submit</a> and from <code>rapporteur intake add</code>. The source and "
		      "what they wrote are confidential: open a submission to read them.</p>\n"
		      "<p class=\"filters\">Show: <a href=\"/work/intake\">all</a> · <a href=\"/work/intake?status=pending\">"
		      "awaiting a decision</a> · <a href=\"/work/intake?status=admissible\">admissible</a> · "
		      "<a href=\"/work/intake?status=inadmissible\">inadmissible</a></p>\n");
	if (!n) {
		web_html(res, "<p>No submissions%s%s.</p>\n", status ? " " : "", status ? status_label(status) : "");
	} else {
		web_html(res, "<table class=\"intake\">\n<thead><tr><th>No.</th><th>Received</th><th>Status</th><th>Urgency</th>"
			      "<th>Country</th><th>Victims</th><th>Subject</th><th>Mandates suggested</th><th>Case</th></tr>"
			      "</thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			const struct intake_row *r = &rows[i];
			web_html(res, "<tr%R><td><a href=\"/work/intake/%lld\">%lld</a></td><td>%s</td><td>%s</td><td>%s</td>"
				      "<td>%s</td><td class=\"n\">%d</td><td>%s</td><td>%s</td><td>",
				 !strcmp(r->urgency, "urgent") ? " class=\"urgent\"" : "", r->id, r->id, r->received,
				 status_label(r->status), r->urgency, r->country[0] ? work_country_name(r->country) : "-",
				 r->victims, r->subject ? r->subject : "(no subject)", r->mandates ? r->mandates : "-");
			if (r->case_id)
				web_html(res, "<a href=\"/work/cases/%lld\">case %lld</a>", r->case_id, r->case_id);
			web_html(res, "</td></tr>\n");
		}
		web_html(res, "</tbody>\n</table>\n");
	}
	intake_rows_free(rows, n);
	work_end(req, res);
}

/* --- one submission -------------------------------------------------------------------- */

static void notice(struct web_request *req, struct web_response *res)
{
	static const struct {
		const char *key, *text;
	} notices[] = {
		{"decided", "The decision is recorded."},
		{"linked", "Linked: the suggestion is settled."},
		{"apart", "Kept apart: the suggestion is settled and will not come back undecided."},
	};
	for (size_t i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (web_query(req, notices[i].key))
			web_html(res, "<p class=\"notice\" role=\"status\">%s</p>\n", notices[i].text);
}

static void victims_table(struct web_response *res, const struct intake_submission *s)
{
	if (!s->victim_count) {
		web_html(res, "<p>No victims given.</p>\n");
		return;
	}
	web_html(res, "<table class=\"victims\">\n<thead><tr><th>Victim</th><th>Person</th><th>Name (confidential)</th>"
		      "<th>May be named</th><th>Sex</th><th>Age</th><th>Who they are</th><th>Contact (confidential)</th>"
		      "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < s->victim_count; i++) {
		const struct person *p = &s->victims[i];
		struct buf name = BUF_INIT;
		person_officer_name(p, &name);
		char age[16] = "";
		if (p->age >= 0)
			snprintf(age, sizeof(age), "%d", p->age);
		web_html(res, "<tr><td>%zu</td><td>%lld</td><td class=\"secret\">%s</td><td>%s</td><td>%s</td><td>%s</td>"
			      "<td>%s</td><td class=\"secret\">%s</td></tr>\n",
			 i + 1, p->id, name.data, p->group ? "a group: never named" : p->consent ? "yes" : "no: a label in letters",
			 p->sex ? p->sex : "", age, p->profiles ? p->profiles : "", p->contact ? p->contact : "");
		buf_release(&name);
	}
	web_html(res, "</tbody>\n</table>\n");
}

static void decision_part(struct web_request *req, struct web_response *res, long long id,
			  const struct intake_submission *s)
{
	web_html(res, "<h2 id=\"decision\">Admissibility</h2>\n");
	if (s->decision_reason)
		web_html(res, "<p>Decided <strong>%s</strong> by %s, %s: %s</p>\n", s->status, s->decided_by, s->decided_at,
			 s->decision_reason);
	else
		web_html(res, "<p>Not decided yet.</p>\n");
	const char *choice = web_form(req, "decision");
	web_html(res, "<form class=\"stack\" method=\"post\" action=\"/work/intake/%lld/decide\">", id);
	work_csrf(req, res);
	web_html(res, "<fieldset><legend>Decision</legend>"
		      "<label class=\"check\"><input type=\"radio\" name=\"decision\" value=\"admissible\"%R> Admissible</label>"
		      "<label class=\"check\"><input type=\"radio\" name=\"decision\" value=\"inadmissible\"%R> Inadmissible"
		      "</label></fieldset>\n<label for=\"reason\">Reason <span class=\"hint\">required; recorded with your "
		      "name</span></label><textarea id=\"reason\" name=\"reason\" rows=\"3\" required>%s</textarea>\n"
		      "<p class=\"buttons\"><button type=\"submit\">Record the decision</button></p></form>\n",
		 choice && !strcmp(choice, "admissible") ? " checked" : "",
		 choice && !strcmp(choice, "inadmissible") ? " checked" : "", web_form(req, "reason"));
}

static void duplicates_part(struct web_request *req, struct web_response *res, long long id)
{
	struct intake_match *m;
	size_t n;
	struct error err;
	web_html(res, "<h2 id=\"duplicates\">Possible duplicates</h2>\n");
	if (intake_duplicates(req->db, req->privacy, id, &m, &n, &err) < 0) {
		web_html(res, "<p class=\"error\">%s</p>\n", err.message);
		return;
	}
	if (!n) {
		web_html(res, "<p>No person or case held looks like this submission's.</p>\n");
		return;
	}
	web_html(res, "<p>Persons and cases already held that may be this submission's: names compared across "
		      "spellings and scripts, cases in the same country at overlapping dates. Settle each.</p>\n"
		      "<table class=\"duplicates\">\n<thead><tr><th>Held</th><th>Name or title</th><th>This submission's"
		      "</th><th class=\"n\">Alike</th><th>Why</th><th>Settled</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct intake_match *x = &m[i];
		bool person = x->kind == INTAKE_MATCH_PERSON;
		web_html(res, "<tr><td>");
		if (person)
			web_html(res, "person %lld", x->target);
		else
			web_html(res, "<a href=\"/work/cases/%lld\">case %lld</a>", x->target, x->target);
		web_html(res, "</td><td class=\"secret\">%s</td><td class=\"secret\">", x->target_name);
		if (x->victim)
			web_html(res, "victim %d: %s", x->victim, x->victim_name);
		web_html(res, "</td><td class=\"n\">%d%%</td><td>%s</td><td>", (int)(x->score * 100 + 0.5), x->why);
		if (*x->decision) {
			web_html(res, "%s", !strcmp(x->decision, "linked") ? "linked" : "kept apart");
		} else {
			if (!person || x->victim) {
				web_html(res, "<form class=\"inline\" method=\"post\" action=\"/work/intake/%lld/link\">", id);
				work_csrf(req, res);
				if (person)
					web_html(res, "<input type=\"hidden\" name=\"victim\" value=\"%d\"><input type=\"hidden\" "
						      "name=\"person\" value=\"%lld\"><button type=\"submit\">The same person: link"
						      "</button>",
						 x->victim, x->target);
				else
					web_html(res, "<input type=\"hidden\" name=\"case\" value=\"%lld\"><button type=\"submit\">"
						      "Join case %lld</button>",
						 x->target, x->target);
				web_html(res, "</form> ");
			}
			web_html(res, "<form class=\"inline\" method=\"post\" action=\"/work/intake/%lld/apart\">", id);
			work_csrf(req, res);
			web_html(res, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><input type=\"hidden\" name=\"target\" "
				      "value=\"%lld\"><button type=\"submit\">Not the same: keep apart</button></form>",
				 person ? "person" : "case", x->target);
		}
		web_html(res, "</td></tr>\n");
	}
	web_html(res, "</tbody>\n</table>\n");
	intake_matches_free(m, n);
}

static void case_part(struct web_request *req, struct web_response *res, long long id,
		      const struct intake_submission *s)
{
	web_html(res, "<h2 id=\"case\">Case</h2>\n");
	if (s->case_id) {
		web_html(res, "<p>Part of <a href=\"/work/cases/%lld\">case %lld</a>.</p>\n", s->case_id, s->case_id);
		return;
	}
	if (strcmp(s->status, "admissible")) {
		web_html(res, "<p>Only an admissible submission joins a case.</p>\n");
		return;
	}
	const char *title = web_form(req, "title");
	web_html(res, "<p>Open a case from this submission: its victims join it (those who did not consent are "
		      "labelled Victim A, B...), and it is cited as a source of what the case records. Or join a case "
		      "already held from the duplicates above.</p>\n"
		      "<form class=\"stack\" method=\"post\" action=\"/work/intake/%lld/case\">",
		 id);
	work_csrf(req, res);
	web_html(res, "<label for=\"title\">Title <span class=\"hint\">one line, no names of people</span></label>"
		      "<input type=\"text\" id=\"title\" name=\"title\" maxlength=\"200\" value=\"%s\">\n"
		      "<p class=\"buttons\"><button type=\"submit\">Open a case</button></p></form>\n",
		 title ? title : s->subject ? s->subject : "");
}

static void submission_page(struct web_request *req, struct web_response *res, long long id, int status,
			    const char *message)
{
	struct intake_submission s;
	intake_init(&s);
	struct intake_suggestion *sg = NULL;
	size_t ns = 0;
	struct error err;
	if (!id || intake_load(req->db, req->privacy, id, &s, &sg, &ns, &err) < 0) {
		intake_release(&s);
		web_error(req, res, 404, "There is no submission with this number.");
		return;
	}
	res->status = status;
	char title[48], received[11];
	snprintf(title, sizeof(title), "Submission %lld", id);
	date_format_iso(s.received, received);
	work_begin(req, res, title);
	notice(req, res);
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	struct buf when = BUF_INIT;
	event_date_phrase(&s.incident, &when);
	const struct vocab_entry *kind = vocab_find(&vocab_shared()->source_kinds, s.source.kind);
	web_html(res, "<p><a href=\"/work/intake\">Submissions</a></p>\n<h1>%s</h1>\n", title);
	if (s.subject)
		web_html(res, "<p class=\"subject\">%s</p>\n", s.subject);
	web_html(res, "<dl class=\"facts\"><dt>Status</dt><dd class=\"status\">%s</dd><dt>Received</dt><dd>%s</dd>"
		      "<dt>Urgency</dt><dd>%s</dd><dt>Language</dt><dd>%s</dd><dt>Country</dt><dd>%s</dd>"
		      "<dt>When</dt><dd>%s</dd></dl>\n",
		 status_label(s.status), received, s.urgency, s.language, s.country[0] ? work_country_name(s.country) : "-",
		 when.data[0] ? when.data : "not said");
	buf_release(&when);
	web_html(res, "<h2>Source (confidential)</h2>\n<div class=\"confidential\">Source %lld, %s: <strong>%s</strong>\n"
		      "Contact: %s</div>\n<h2>What the source says (confidential)</h2>\n<div class=\"confidential\">%s</div>\n",
		 s.source.id, kind ? kind->label : s.source.kind, s.source.identity ? s.source.identity : "",
		 s.source.contact ? s.source.contact : "none given", s.narrative ? s.narrative : "");
	if (s.notes)
		web_html(res, "<h2>Internal notes (confidential)</h2>\n<div class=\"confidential\">%s</div>\n", s.notes);
	web_html(res, "<h2>Victims</h2>\n");
	victims_table(res, &s);
	web_html(res, "<h2>Mandates suggested</h2>\n");
	if (!ns)
		web_html(res, "<p>None: no mandate's words were found.</p>\n");
	else {
		web_html(res, "<ul class=\"mandates\">\n");
		for (size_t i = 0; i < ns; i++)
			web_html(res, "<li><strong>%s</strong> (%d): %s</li>\n", sg[i].mandate, sg[i].score, sg[i].evidence);
		web_html(res, "</ul>\n");
	}
	decision_part(req, res, id, &s);
	duplicates_part(req, res, id);
	case_part(req, res, id, &s);
	work_end(req, res);
	intake_suggestions_free(sg, ns);
	intake_release(&s);
}

void page_work_submission(struct web_request *req, struct web_response *res)
{
	submission_page(req, res, work_capture_id(req), 200, NULL);
}

static void done(struct web_response *res, long long id, const char *what, const char *anchor)
{
	char to[96];
	snprintf(to, sizeof(to), "/work/intake/%lld?%s=1#%s", id, what, anchor);
	web_redirect(res, to);
}

static bool exists(struct web_request *req, struct web_response *res, long long id)
{
	struct db_stmt *st = id ? db_prepare(req->db, "SELECT 1 FROM submissions WHERE id = ?1", NULL) : NULL;
	bool found = false;
	if (st) {
		db_bind_int(st, 1, id);
		found = db_step(st, NULL) == 1;
		db_finalize(st);
	}
	if (!found)
		web_error(req, res, 404, "There is no submission with this number.");
	return found;
}

/* A number from a form field, 0 when it is not one. */
static long long form_id(const struct web_request *req, const char *name)
{
	const char *v = web_form(req, name);
	if (!v || !*v || strlen(v) > 15 || strspn(v, "0123456789") != strlen(v))
		return 0;
	return strtoll(v, NULL, 10);
}

void page_work_submission_decide(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	if (!exists(req, res, id))
		return;
	const char *decision = web_form(req, "decision"), *reason = web_form(req, "reason");
	if (!decision || (strcmp(decision, "admissible") && strcmp(decision, "inadmissible"))) {
		submission_page(req, res, id, 400, "Choose admissible or inadmissible.");
		return;
	}
	struct error err;
	if (intake_decide(req->db, id, !strcmp(decision, "admissible"), reason && *reason ? reason : NULL, req->user->name,
			  &err) < 0) {
		submission_page(req, res, id, 400, err.message);
		return;
	}
	done(res, id, "decided", "decision");
}

void page_work_submission_link(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	if (!exists(req, res, id))
		return;
	long long person = form_id(req, "person"), case_id = form_id(req, "case");
	struct error err;
	int rc;
	if (person && !case_id)
		rc = intake_link_person(req->db, id, (int)form_id(req, "victim"), person, req->user->name, &err);
	else if (case_id && !person)
		rc = intake_link_case(req->db, id, case_id, req->user->name, &err);
	else
		rc = error_set(&err, "Give the person (with the victim) or the case to link.");
	if (rc < 0) {
		submission_page(req, res, id, 400, err.message);
		return;
	}
	done(res, id, "linked", "duplicates");
}

void page_work_submission_apart(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	if (!exists(req, res, id))
		return;
	const char *kind = web_form(req, "kind");
	long long target = form_id(req, "target");
	struct error err;
	int rc;
	if (!kind || (strcmp(kind, "person") && strcmp(kind, "case")) || !target)
		rc = error_set(&err, "Give the person or the case to keep apart.");
	else
		rc = intake_keep_apart(req->db, id, !strcmp(kind, "person") ? INTAKE_MATCH_PERSON : INTAKE_MATCH_CASE, target,
				       req->user->name, &err);
	if (rc < 0) {
		submission_page(req, res, id, 400, err.message);
		return;
	}
	done(res, id, "apart", "duplicates");
}

void page_work_submission_case(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	if (!exists(req, res, id))
		return;
	struct intake_submission s;
	intake_init(&s);
	struct error err;
	if (intake_load(req->db, NULL, id, &s, NULL, NULL, &err) < 0) {
		intake_release(&s);
		web_error(req, res, 404, "There is no submission with this number.");
		return;
	}
	const char *title = web_form(req, "title");
	if (!title || !*title)
		title = s.subject;
	long long case_id = 0;
	/* the case and the submission joining it: both or neither */
	int rc = db_begin(req->db, &err);
	if (rc == 0) {
		case_id = cases_create(req->db, req->privacy, title, s.country[0] ? s.country : NULL, NULL, req->user->name,
				       &err);
		rc = case_id ? intake_link_case(req->db, id, case_id, req->user->name, &err) : -1;
		if (rc == 0)
			rc = db_commit(req->db, &err);
		else
			db_rollback(req->db);
	}
	intake_release(&s);
	if (rc < 0) {
		submission_page(req, res, id, 400, err.message);
		return;
	}
	char to[64];
	snprintf(to, sizeof(to), "/work/cases/%lld?opened=1", case_id);
	web_redirect(res, to);
}
