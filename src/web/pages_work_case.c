/*
 * pages_work_case.c - the officers' case screens (docs/WORKSPACE.md): the
 * list of cases, and one case with its victims (named: this is the
 * officer's view), places, perpetrators, events and acts with the sources
 * of each and their grades, every custody chain with its gaps flagged, the
 * medical findings; forms that add an event with an act, or anything as
 * the JSON of docs/CASES.md; and "draft a communication from this case",
 * which leads to the draft's own screen (pages_work.c).
 *
 * Everything goes through cases.c (cases_import() checks an addition whole
 * and stores it in one transaction, or nothing) and case_draft.c; what the
 * page shows is cases_to_json()'s officer view. No-store pages, officers
 * only (routes.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/case_draft.h"
#include "../domain/cases.h"
#include "../domain/clock.h"
#include "../domain/vocab.h"
#include "pages.h"
#include "work.h"

static const char *js(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long ji(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

static const char *or(const char *s, const char *fallback)
{
	return s && *s ? s : fallback;
}

void page_work_cases(struct web_request *req, struct web_response *res)
{
	struct case_row *rows;
	size_t n;
	struct error err;
	if (cases_list(req->db, &rows, &n, &err) < 0) {
		web_error(req, res, 500, "The cases cannot be read just now.");
		return;
	}
	work_begin(req, res, "Cases");
	web_html(res, "<h1>Cases</h1>\n<p>Who did what to whom: a case is opened from an admissible submission "
		      "(<a href=\"/work/intake?status=admissible\">the admissible submissions</a>) or with "
		      "<code>rapporteur case new</code>.</p>\n");
	if (!n)
		web_html(res, "<p>No cases yet.</p>\n");
	else {
		web_html(res, "<table>\n<thead><tr><th>Case</th><th>Title</th><th>Country</th><th>Status</th>"
			      "<th class=\"n\">Victims</th><th class=\"n\">Events</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++)
			web_html(res, "<tr><td><a href=\"/work/cases/%lld\">%lld</a></td><td>%s</td><td>%s</td><td>%s</td>"
				      "<td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
				 rows[i].id, rows[i].id, rows[i].title, work_country_name(rows[i].country), rows[i].status,
				 rows[i].victims, rows[i].events);
		web_html(res, "</tbody>\n</table>\n");
	}
	case_rows_free(rows, n);
	work_end(req, res);
}

/* --- one case: what it holds ------------------------------------------------------------ */

static void sources_cell(struct web_response *res, json_t *sources)
{
	size_t i;
	json_t *s;
	json_array_foreach(sources, i, s)
	{
		web_html(res, "%R<span class=\"source\">source %lld (%s, <em>%s</em>): <span class=\"secret\">%s</span></span>",
			 i ? "; " : "", ji(s, "source"), or(js(s, "kind"), "?"), or(js(s, "reliability"), "?"),
			 or(js(s, "identity"), ""));
	}
}

static void victims_part(struct web_response *res, const struct case_record *c)
{
	web_html(res, "<h2 id=\"victims\">Victims</h2>\n");
	if (!c->victim_count) {
		web_html(res, "<p>None yet.</p>\n");
		return;
	}
	web_html(res, "<table class=\"victims\">\n<thead><tr><th>Label</th><th>Person</th><th>Name (confidential)</th>"
		      "<th>In letters and in public</th><th>Sex</th><th>Age</th><th>Who they are</th><th>Contact "
		      "(confidential)</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < c->victim_count; i++) {
		const struct person *p = &c->victims[i];
		struct buf officer = BUF_INIT, public_name = BUF_INIT;
		person_officer_name(p, &officer);
		person_public_name(p, &public_name);
		char age[16] = "";
		if (p->age >= 0)
			snprintf(age, sizeof(age), "%d", p->age);
		web_html(res, "<tr><td>%s</td><td>%lld</td><td class=\"secret\">%s</td><td>%s%s</td><td>%s</td><td>%s</td>"
			      "<td>%s</td><td class=\"secret\">%s</td></tr>\n",
			 or(p->label, ""), p->id, officer.data, public_name.data,
			 !p->group && !p->consent ? " (did not consent to be named)" : "", or(p->sex, ""), age,
			 or(p->profiles, ""), or(p->contact, ""));
		buf_release(&officer);
		buf_release(&public_name);
	}
	web_html(res, "</tbody>\n</table>\n");
}

static void places_part(struct web_response *res, json_t *j)
{
	json_t *places = json_object_get(j, "places"), *perps = json_object_get(j, "perpetrators");
	size_t i;
	json_t *x;
	if (json_array_size(places)) {
		web_html(res, "<h2 id=\"places\">Places</h2>\n<table>\n<thead><tr><th>Place</th><th>Name</th><th>Kind</th>"
			      "<th>Official</th><th>Locality</th><th>Authority</th></tr></thead>\n<tbody>\n");
		json_array_foreach(places, i, x)
		{
			const struct vocab_entry *k = vocab_find(&vocab_shared()->place_kinds, js(x, "kind"));
			web_html(res, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%R</td><td>%s</td><td>%s</td></tr>\n",
				 ji(x, "id"), js(x, "name"), k ? k->label : or(js(x, "kind"), ""),
				 json_is_true(json_object_get(x, "official")) ? "official" : "<strong>unofficial</strong>",
				 or(js(x, "locality"), ""), or(js(x, "authority"), ""));
		}
		web_html(res, "</tbody>\n</table>\n");
	}
	if (json_array_size(perps)) {
		web_html(res, "<h2 id=\"perpetrators\">Perpetrators</h2>\n<table>\n<thead><tr><th>Perpetrator</th><th>Kind"
			      "</th><th>Unit</th><th>Role</th><th>Name (confidential)</th></tr></thead>\n<tbody>\n");
		json_array_foreach(perps, i, x)
		web_html(res, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td><td class=\"secret\">%s</td></tr>\n",
			 ji(x, "id"), or(js(x, "kind"), ""), or(js(x, "unit"), ""), or(js(x, "role"), ""), or(js(x, "name"), ""));
		web_html(res, "</tbody>\n</table>\n");
	}
}

static void events_part(struct web_response *res, const struct case_record *c, json_t *j)
{
	const struct vocab *v = vocab_shared();
	json_t *events = json_object_get(j, "events");
	web_html(res, "<h2 id=\"events\">Events and acts</h2>\n");
	if (!json_array_size(events)) {
		web_html(res, "<p>No events yet: add one below.</p>\n");
		return;
	}
	web_html(res, "<ol class=\"events\">\n");
	size_t i;
	json_t *e;
	json_array_foreach(events, i, e)
	{
		const struct case_place *p = case_place(c, ji(e, "place"));
		bool doubtful = case_fact_doubtful(c, "event", ji(e, "id"));
		web_html(res, "<li id=\"event-%lld\"><p><strong>%s</strong>%s%s%s%R (event %lld)</p>\n<p>%s</p>\n",
			 ji(e, "id"), or(js(json_object_get(e, "date"), "phrase"), "at a date not known"), p ? ", at " : "",
			 p ? p->name : "", p && !p->official ? " (unofficial)" : "",
			 doubtful ? " <span class=\"tag\">every source doubtful: left out of letters</span>" : "", ji(e, "id"),
			 js(e, "summary"));
		if (json_array_size(json_object_get(e, "sources"))) {
			web_html(res, "<p class=\"sources\">Reported by ");
			sources_cell(res, json_object_get(e, "sources"));
			web_html(res, "</p>\n");
		}
		json_t *acts = json_object_get(e, "acts");
		if (json_array_size(acts)) {
			web_html(res, "<ul class=\"acts\">\n");
			size_t k;
			json_t *a;
			json_array_foreach(acts, k, a)
			{
				const struct person *victim = case_victim(c, ji(a, "victim"));
				struct buf who = BUF_INIT;
				if (victim)
					person_officer_name(victim, &who);
				const struct vocab_entry *type = vocab_find(&v->act_types, js(a, "type"));
				const struct case_perpetrator *by = case_perpetrator(c, ji(a, "perpetrator"));
				web_html(res, "<li>act %lld: <span class=\"secret\">%s</span>: %s%s%s", ji(a, "id"),
					 who.len ? who.data : "a victim not known", type ? type->label : or(js(a, "type"), ""),
					 js(a, "method_label") ? ", " : "", or(js(a, "method_label"), ""));
				if (by)
					web_html(res, "; by %s%s%s", or(by->role, ""), by->role && by->unit ? " of " : "",
						 or(by->unit, ""));
				if (json_array_size(json_object_get(a, "sources"))) {
					web_html(res, " [");
					sources_cell(res, json_object_get(a, "sources"));
					web_html(res, "]");
				}
				web_html(res, "</li>\n");
				buf_release(&who);
			}
			web_html(res, "</ul>\n");
		}
		web_html(res, "</li>\n");
	}
	web_html(res, "</ol>\n");
}

static const char *registered_text(json_t *r)
{
	return json_is_true(r) ? "registered" : json_is_false(r) ? "<strong>not registered</strong>" : "";
}

static void custody_part(struct web_response *res, const struct case_record *c, json_t *j)
{
	json_t *chains = json_object_get(j, "custody");
	if (!json_array_size(chains))
		return;
	web_html(res, "<h2 id=\"custody\">Custody</h2>\n<p>Each detainee's chain, as an official register of "
		      "persons deprived of liberty must hold it (ICPPED art. 17(3)), with the gaps computed from the "
		      "steps: held unregistered, whereabouts not known.</p>\n");
	size_t i;
	json_t *ch;
	json_array_foreach(chains, i, ch)
	{
		const struct person *p = case_victim(c, ji(ch, "person"));
		struct buf who = BUF_INIT;
		if (p)
			person_officer_name(p, &who);
		web_html(res, "<section class=\"custody\"><h3>%s: <span class=\"secret\">%s</span> (%s)</h3>\n",
			 p ? or(p->label, "") : "?", who.data ? who.data : "", or(js(ch, "state"), ""));
		buf_release(&who);
		json_t *gaps = json_object_get(ch, "gaps"), *problems = json_object_get(ch, "problems");
		if (json_array_size(gaps) || json_array_size(problems)) {
			web_html(res, "<ul class=\"flags\">\n");
			size_t k;
			json_t *g;
			json_array_foreach(gaps, k, g)
			web_html(res, "<li class=\"flag\"><strong>%s</strong>%s: %s</li>\n",
				 !strcmp(or(js(g, "kind"), ""), "unregistered") ? "Held unregistered" : "Whereabouts not known",
				 json_is_true(json_object_get(g, "ongoing")) ? " (still open)" : "", js(g, "text"));
			json_array_foreach(problems, k, g) web_html(res, "<li class=\"flag\">%s</li>\n", json_string_value(g));
			web_html(res, "</ul>\n");
		} else {
			web_html(res, "<p>No gap flagged.</p>\n");
		}
		web_html(res, "<table class=\"steps\">\n<thead><tr><th>When</th><th>Step</th><th>Place</th><th>Register</th>"
			      "<th>Authority</th><th>Ordered by, grounds</th><th>Supervised by</th><th>Notes (confidential)"
			      "</th></tr></thead>\n<tbody>\n");
		size_t k;
		json_t *s;
		json_array_foreach(json_object_get(ch, "steps"), k, s)
		{
			web_html(res, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%R</td><td>%s</td><td>%s%s%s</td><td>%s</td>"
				      "<td class=\"secret\">%s</td></tr>\n",
				 or(js(json_object_get(s, "at"), "phrase"), ""), js(s, "kind"), or(js(s, "place"), "not known"),
				 registered_text(json_object_get(s, "registered")), or(js(s, "authority"), ""),
				 or(js(s, "ordered_by"), ""), js(s, "ordered_by") && js(s, "grounds") ? "; " : "",
				 or(js(s, "grounds"), ""), or(js(s, "supervising"), ""), or(js(s, "notes"), ""));
		}
		web_html(res, "</tbody>\n</table>\n</section>\n");
	}
}

static void medical_part(struct web_response *res, const struct case_record *c, json_t *j)
{
	json_t *exams = json_object_get(j, "medical");
	if (!json_array_size(exams))
		return;
	const struct vocab *v = vocab_shared();
	web_html(res, "<h2 id=\"medical\">Medical documentation (Istanbul Protocol)</h2>\n");
	size_t i;
	json_t *e;
	json_array_foreach(exams, i, e)
	{
		const struct person *p = case_victim(c, ji(e, "person"));
		web_html(res, "<section class=\"exam\"><h3>Examination %lld of %s on %s</h3>\n<p>By %s, <span "
			      "class=\"secret\">%s</span>; consent %s.</p>\n",
			 ji(e, "id"), p ? or(p->label, "?") : "?", or(js(e, "examined"), ""), or(js(e, "examiner_role"), ""),
			 or(js(e, "examiner"), ""), or(js(e, "consent"), ""));
		json_t *findings = json_object_get(e, "findings");
		if (json_array_size(findings)) {
			web_html(res, "<table>\n<thead><tr><th>Location</th><th>Grade</th><th>Method</th><th>Act</th>"
				      "<th>Description (confidential)</th></tr></thead>\n<tbody>\n");
			size_t k;
			json_t *f;
			json_array_foreach(findings, k, f)
			{
				const struct vocab_entry *g = vocab_find(&v->grades, js(f, "grade"));
				const struct vocab_entry *m = vocab_find(&v->methods, js(f, "method"));
				char act[24] = "";
				if (json_is_integer(json_object_get(f, "act")))
					snprintf(act, sizeof(act), "act %lld", ji(f, "act"));
				web_html(res, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"secret\">%s</td></tr>\n",
					 or(js(f, "location"), ""), g ? g->label : or(js(f, "grade"), ""),
					 m ? m->label : or(js(f, "method"), ""), act, or(js(f, "description"), ""));
			}
			web_html(res, "</tbody>\n</table>\n");
		}
		web_html(res, "</section>\n");
	}
}

/* --- one case: the forms ---------------------------------------------------------------- */

static const char *sel(const char *a, const char *b)
{
	return a && b && !strcmp(a, b) ? " selected" : "";
}

static void vocab_options(struct web_response *res, const struct vocab_list *l, const char *chosen)
{
	for (size_t i = 0; i < l->count; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", l->items[i].id, sel(chosen, l->items[i].id),
			 l->items[i].label);
}

static void event_form(struct web_request *req, struct web_response *res, const struct case_record *c)
{
	const struct vocab *v = vocab_shared();
	char idtext[24];
	web_html(res, "<h2 id=\"add-event\">Add an event</h2>\n<form class=\"stack\" method=\"post\" "
		      "action=\"/work/cases/%lld/event\">",
		 c->id);
	work_csrf(req, res);
	web_html(res, "\n<label for=\"date\">When <span class=\"hint\">2022-01-06, 2022-01-06T14:30, 2022-01-06/2022-01-09, "
		      "2022-01, 2022, ~2022-01-08 or unknown</span></label><input type=\"text\" id=\"date\" name=\"date\" "
		      "required value=\"%s\">\n<label for=\"place\">Where</label><select id=\"place\" name=\"place\">"
		      "<option value=\"\">(not known)</option><option value=\"new\"%R>a new place (below)</option>",
		 web_form(req, "date"), sel(web_form(req, "place"), "new"));
	for (size_t i = 0; i < c->place_count; i++) {
		snprintf(idtext, sizeof(idtext), "%lld", c->places[i].id);
		web_html(res, "<option value=\"%s\"%R>%s</option>", idtext, sel(web_form(req, "place"), idtext),
			 c->places[i].name);
	}
	web_html(res, "</select>\n<fieldset><legend>A new place</legend><label for=\"place_name\">Name</label>"
		      "<input type=\"text\" id=\"place_name\" name=\"place_name\" value=\"%s\"><label for=\"place_kind\">"
		      "Kind</label><select id=\"place_kind\" name=\"place_kind\">",
		 web_form(req, "place_name"));
	vocab_options(res, &v->place_kinds, web_form(req, "place_kind"));
	web_html(res, "</select><label for=\"place_official\">Official <span class=\"hint\">when the kind does not say"
		      "</span></label><select id=\"place_official\" name=\"place_official\"><option value=\"\">(as the kind "
		      "says)</option><option value=\"yes\"%R>official</option><option value=\"no\"%R>unofficial</option>"
		      "</select><label for=\"place_locality\">Locality</label><input type=\"text\" id=\"place_locality\" "
		      "name=\"place_locality\" value=\"%s\"></fieldset>\n"
		      "<label for=\"summary\">What happened <span class=\"hint\">written into the letter's facts: name no "
		      "victim who did not consent (write their label, Victim A)</span></label><textarea id=\"summary\" "
		      "name=\"summary\" rows=\"3\" required>%s</textarea>\n"
		      "<fieldset><legend>An act in it</legend><label for=\"victim\">To whom</label><select id=\"victim\" "
		      "name=\"victim\"><option value=\"\">(no act)</option>",
		 sel(web_form(req, "place_official"), "yes"), sel(web_form(req, "place_official"), "no"),
		 web_form(req, "place_locality"), web_form(req, "summary"));
	for (size_t i = 0; i < c->victim_count; i++) {
		struct buf who = BUF_INIT;
		person_officer_name(&c->victims[i], &who);
		snprintf(idtext, sizeof(idtext), "%lld", c->victims[i].id);
		web_html(res, "<option value=\"%s\"%R>%s: %s</option>", idtext, sel(web_form(req, "victim"), idtext),
			 or(c->victims[i].label, ""), who.data);
		buf_release(&who);
	}
	web_html(res, "</select><label for=\"method\">What was done</label><select id=\"method\" name=\"method\">");
	vocab_options(res, &v->methods, web_form(req, "method"));
	web_html(res, "</select><label for=\"type\">Act type <span class=\"hint\">the method's own when left as it is"
		      "</span></label><select id=\"type\" name=\"type\"><option value=\"\">(as the method says)</option>");
	vocab_options(res, &v->act_types, web_form(req, "type"));
	web_html(res, "</select><label for=\"perpetrator\">By whom</label><select id=\"perpetrator\" name=\"perpetrator\">"
		      "<option value=\"\">(not known)</option><option value=\"new\"%R>new (below)</option>",
		 sel(web_form(req, "perpetrator"), "new"));
	for (size_t i = 0; i < c->perpetrator_count; i++) {
		const struct case_perpetrator *p = &c->perpetrators[i];
		snprintf(idtext, sizeof(idtext), "%lld", p->id);
		web_html(res, "<option value=\"%s\"%R>%s%s%s</option>", idtext, sel(web_form(req, "perpetrator"), idtext),
			 or(p->role, p->kind), p->unit ? " of " : "", or(p->unit, ""));
	}
	web_html(res, "</select><label for=\"perpetrator_kind\">A new perpetrator: kind</label><select "
		      "id=\"perpetrator_kind\" name=\"perpetrator_kind\">");
	vocab_options(res, &v->perpetrator_kinds, web_form(req, "perpetrator_kind"));
	web_html(res, "</select><label for=\"perpetrator_unit\">Unit</label><input type=\"text\" id=\"perpetrator_unit\" "
		      "name=\"perpetrator_unit\" value=\"%s\"><label for=\"perpetrator_role\">Role</label><input "
		      "type=\"text\" id=\"perpetrator_role\" name=\"perpetrator_role\" value=\"%s\"></fieldset>\n"
		      "<fieldset><legend>Who reports it</legend><label for=\"submission\">Submission</label><select "
		      "id=\"submission\" name=\"submission\"><option value=\"\">(none)</option>",
		 web_form(req, "perpetrator_unit"), web_form(req, "perpetrator_role"));
	for (size_t i = 0; i < c->submission_count; i++) {
		snprintf(idtext, sizeof(idtext), "%lld", c->submissions[i]);
		web_html(res, "<option value=\"%s\"%R>submission %s (its source)</option>", idtext,
			 sel(web_form(req, "submission"), idtext), idtext);
	}
	web_html(res, "</select><label for=\"reliability\">Reliability</label><select id=\"reliability\" "
		      "name=\"reliability\">");
	vocab_options(res, &v->reliability, web_form(req, "reliability") ? web_form(req, "reliability") : "unassessed");
	web_html(res, "</select></fieldset>\n<p class=\"buttons\"><button type=\"submit\">Add the event</button></p>"
		      "</form>\n");
}

static void import_form(struct web_request *req, struct web_response *res, const struct case_record *c)
{
	web_html(res, "<h2 id=\"import\">Add anything as JSON</h2>\n<p>Victims, places, perpetrators, sources, events, "
		      "acts, custody steps, medical examinations: the JSON of <code>rapporteur case import</code> "
		      "(docs/CASES.md), checked whole and stored in one transaction, or not at all.</p>\n"
		      "<form class=\"stack\" method=\"post\" action=\"/work/cases/%lld/import\">",
		 c->id);
	work_csrf(req, res);
	web_html(res, "<label for=\"json\">JSON</label><textarea id=\"json\" name=\"json\" rows=\"8\" spellcheck=\"false\">"
		      "%s</textarea>\n<p class=\"buttons\"><button type=\"submit\">Add</button></p></form>\n",
		 web_form(req, "json"));
}

static void draft_part(struct web_request *req, struct web_response *res, const struct case_record *c)
{
	struct buf explain = BUF_INIT;
	json_t *d = case_draft_json(c, clock_today(), &explain);
	json_decref(d);
	web_html(res, "<h2 id=\"draft\">Draft a communication from this case</h2>\n<p>The facts are written from the "
		      "events, acts, custody chains and findings; victims who did not consent appear by their label. "
		      "The draft then goes through editing, approval and sending as any other.</p>\n");
	if (explain.len) {
		web_html(res, "<details open><summary>What the draft would suggest, and why</summary><ul class=\"explain\">\n");
		char *save = NULL;
		for (char *line = strtok_r(explain.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			web_html(res, "<li>%s</li>\n", line);
		web_html(res, "</ul></details>\n");
	}
	buf_release(&explain);
	web_html(res, "<form method=\"post\" action=\"/work/cases/%lld/draft\">", c->id);
	work_csrf(req, res);
	web_html(res, "<p class=\"buttons\"><button type=\"submit\">Draft a communication</button></p></form>\n");
}

static void case_page(struct web_request *req, struct web_response *res, long long id, int status,
		      const char *message)
{
	struct case_record c;
	struct error err;
	if (!id || cases_load(req->db, req->privacy, id, &c, &err) < 0) {
		if (id)
			case_record_release(&c);
		web_error(req, res, 404, "There is no case with this number.");
		return;
	}
	json_t *j = cases_to_json(&c, false, clock_today());
	res->status = status;
	char title[64];
	snprintf(title, sizeof(title), "Case %lld", id);
	work_begin(req, res, title);
	static const struct {
		const char *key, *text;
	} notices[] = {{"opened", "The case is open: the submission's victims joined it."},
		       {"added", "Added to the case."}};
	for (size_t i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (web_query(req, notices[i].key))
			web_html(res, "<p class=\"notice\" role=\"status\">%s</p>\n", notices[i].text);
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	web_html(res, "<p><a href=\"/work/cases\">Cases</a></p>\n<h1>%s: %s</h1>\n<dl class=\"facts\"><dt>Country</dt>"
		      "<dd>%s</dd><dt>Status</dt><dd>%s</dd><dt>Submissions</dt><dd>",
		 title, c.title, work_country_name(c.country), c.status);
	for (size_t i = 0; i < c.submission_count; i++)
		web_html(res, "%R<a href=\"/work/intake/%lld\">%lld</a>", i ? ", " : "", c.submissions[i], c.submissions[i]);
	if (!c.submission_count)
		web_html(res, "none");
	web_html(res, "</dd>%R</dl>\n", c.urgent ? "<dt>Urgency</dt><dd><strong>urgent</strong></dd>" : "");
	victims_part(res, &c);
	places_part(res, j);
	events_part(res, &c, j);
	custody_part(res, &c, j);
	medical_part(res, &c, j);
	if (c.notes)
		web_html(res, "<h2>Internal notes (confidential)</h2>\n<div class=\"confidential\">%s</div>\n", c.notes);
	draft_part(req, res, &c);
	event_form(req, res, &c);
	import_form(req, res, &c);
	work_end(req, res);
	json_decref(j);
	case_record_release(&c);
}

void page_work_case(struct web_request *req, struct web_response *res)
{
	case_page(req, res, work_capture_id(req), 200, NULL);
}

/* --- one case: adding --------------------------------------------------------------------- */

static bool case_exists(struct web_request *req, struct web_response *res, long long id)
{
	struct db_stmt *st = id ? db_prepare(req->db, "SELECT 1 FROM cases WHERE id = ?1", NULL) : NULL;
	bool found = false;
	if (st) {
		db_bind_int(st, 1, id);
		found = db_step(st, NULL) == 1;
		db_finalize(st);
	}
	if (!found)
		web_error(req, res, 404, "There is no case with this number.");
	return found;
}

/* An id the form chose, as JSON: a number held, or the ref of something new. */
static json_t *choice(const char *v, const char *new_ref)
{
	if (!v || !*v)
		return NULL;
	if (!strcmp(v, "new"))
		return json_string(new_ref);
	if (strlen(v) > 15 || strspn(v, "0123456789") != strlen(v))
		return json_string(v); /* the import names it as unknown */
	return json_integer(strtoll(v, NULL, 10));
}

static void import(struct web_request *req, struct web_response *res, long long id, json_t *j)
{
	struct buf report = BUF_INIT;
	struct error err;
	int rc = cases_import(req->db, req->privacy, id, j, clock_today(), &report, &err);
	buf_release(&report);
	json_decref(j);
	if (rc < 0) {
		case_page(req, res, id, 400, err.message);
		return;
	}
	char to[64];
	snprintf(to, sizeof(to), "/work/cases/%lld?added=1", id);
	web_redirect(res, to);
}

void page_work_case_event(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	if (!case_exists(req, res, id))
		return;
	json_t *j = json_object(), *event = json_object();
	const char *date = web_form(req, "date"), *summary = web_form(req, "summary");
	if (date && *date)
		json_object_set_new(event, "date", json_string(date));
	if (summary && *summary)
		json_object_set_new(event, "summary", json_string(summary));
	json_t *place = choice(web_form(req, "place"), "new-place");
	if (place) {
		json_object_set_new(event, "place", place);
		if (json_is_string(place) && !strcmp(json_string_value(place), "new-place")) {
			json_t *p = json_pack("{s:s, s:s?, s:s?}", "ref", "new-place", "name", web_form(req, "place_name"), "kind",
					      web_form(req, "place_kind"));
			const char *official = web_form(req, "place_official"), *locality = web_form(req, "place_locality");
			if (official && *official)
				json_object_set_new(p, "official", json_boolean(!strcmp(official, "yes")));
			if (locality && *locality)
				json_object_set_new(p, "locality", json_string(locality));
			json_object_set_new(j, "places", json_pack("[o]", p));
		}
	}
	json_t *cite = NULL;
	const char *submission = web_form(req, "submission");
	if (submission && *submission && strspn(submission, "0123456789") == strlen(submission) && strlen(submission) < 16)
		cite = json_pack("[{s:I, s:s?}]", "submission", (json_int_t)strtoll(submission, NULL, 10), "reliability",
				 web_form(req, "reliability"));
	if (cite)
		json_object_set(event, "sources", cite);
	json_t *victim = choice(web_form(req, "victim"), "");
	if (victim) {
		json_t *act = json_pack("{s:o, s:s?}", "victim", victim, "method", web_form(req, "method"));
		const char *type = web_form(req, "type");
		if (type && *type)
			json_object_set_new(act, "type", json_string(type));
		json_t *by = choice(web_form(req, "perpetrator"), "new-perpetrator");
		if (by) {
			json_object_set_new(act, "perpetrator", by);
			if (json_is_string(by) && !strcmp(json_string_value(by), "new-perpetrator")) {
				json_t *p = json_pack("{s:s, s:s?}", "ref", "new-perpetrator", "kind", web_form(req, "perpetrator_kind"));
				const char *unit = web_form(req, "perpetrator_unit"), *role = web_form(req, "perpetrator_role");
				if (unit && *unit)
					json_object_set_new(p, "unit", json_string(unit));
				if (role && *role)
					json_object_set_new(p, "role", json_string(role));
				json_object_set_new(j, "perpetrators", json_pack("[o]", p));
			}
		}
		if (cite)
			json_object_set(act, "sources", cite);
		json_object_set_new(event, "acts", json_pack("[o]", act));
	}
	json_decref(cite);
	json_object_set_new(j, "events", json_pack("[o]", event));
	import(req, res, id, j);
}

void page_work_case_import(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	if (!case_exists(req, res, id))
		return;
	const char *text = web_form(req, "json");
	json_error_t jerr;
	json_t *j = text && *text ? json_loads(text, 0, &jerr) : NULL;
	if (!j || !json_is_object(j)) {
		char message[256];
		if (j)
			snprintf(message, sizeof(message), "Give a JSON object, as docs/CASES.md shows.");
		else if (text && *text)
			snprintf(message, sizeof(message), "The JSON does not read: line %d: %s", jerr.line, jerr.text);
		else
			snprintf(message, sizeof(message), "Give the JSON to add.");
		json_decref(j);
		case_page(req, res, id, 400, message);
		return;
	}
	import(req, res, id, j);
}

void page_work_case_draft(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	if (!case_exists(req, res, id))
		return;
	struct error err;
	struct buf explain = BUF_INIT;
	long long draft = case_draft_create(req->db, req->privacy, id, clock_today(), req->user->name, &explain, &err);
	buf_release(&explain);
	if (!draft) {
		case_page(req, res, id, 400, err.message);
		return;
	}
	char to[80];
	snprintf(to, sizeof(to), "/work/c/%lld?fromcase=%lld", draft, id);
	web_redirect(res, to);
}
