/*
 * pages_work_draft.c - drafting in the workspace: the draft form (new and
 * edit) with the letter previewed beside it, the preview endpoint that
 * preview.js calls as the officer types, a holder's approval and an
 * officer's sending. The form's fields become the JSON of
 * docs/DRAFTING.md and go through draft_apply_json(), the one validator
 * the CLI uses too; the rules (who may approve what, what can be sent)
 * are domain/workflow.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/clock.h"
#include "../domain/draft.h"
#include "../domain/workflow.h"
#include "../kb/kb.h"
#include "../render/html.h"
#include "../util/date.h"
#include "../util/die.h"
#include "pages.h"
#include "work.h"

#define FORM_MAX_LIST 60 /* joining mandates, catalogue picks */

/* The draft form's values, as text: what the officer typed (to show it
 * again with an error) or what a stored draft holds (to edit it). */
struct draft_form {
	char *type, *addressee, *addressee_name, *language, *date, *lead, *subject, *facts, *concerns, *notes,
		*violated, *cited, *questions, *related;
	char **joins;
	size_t join_count;
	char **picks; /* catalogue questions ticked, added after the written ones */
	size_t pick_count;
	bool interim, press;
};

static void form_release(struct draft_form *f)
{
	char **texts[] = {&f->type,	 &f->addressee, &f->addressee_name, &f->language, &f->date,
			  &f->lead,	 &f->subject,	&f->facts,	    &f->concerns, &f->notes,
			  &f->violated, &f->cited,	&f->questions,	    &f->related};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		free(*texts[i]);
	for (size_t i = 0; i < f->join_count; i++)
		free(f->joins[i]);
	free(f->joins);
	for (size_t i = 0; i < f->pick_count; i++)
		free(f->picks[i]);
	free(f->picks);
	memset(f, 0, sizeof(*f));
}

/* An empty form: English, dated today, interim measures on (as draft_init). */
static void form_init(struct draft_form *f)
{
	memset(f, 0, sizeof(*f));
	char today[11];
	web_today(today);
	f->type = xstrdup("");
	f->addressee = xstrdup("");
	f->addressee_name = xstrdup("");
	f->language = xstrdup("en");
	f->date = xstrdup(today);
	f->lead = xstrdup("");
	f->subject = xstrdup("");
	f->facts = xstrdup("");
	f->concerns = xstrdup("");
	f->notes = xstrdup("");
	f->violated = xstrdup("");
	f->cited = xstrdup("");
	f->questions = xstrdup("");
	f->related = xstrdup("");
	f->interim = true;
}

static char *form_text(const struct web_request *req, const char *name)
{
	const char *v = web_form(req, name);
	return xstrdup(v ? v : "");
}

/* Every value of a repeated field (checkboxes), at most FORM_MAX_LIST. */
static char **form_values(const struct web_request *req, const char *name, size_t *count)
{
	char **out = xcalloc(FORM_MAX_LIST, sizeof(char *));
	*count = 0;
	for (size_t i = 0; i < req->form_count && *count < FORM_MAX_LIST; i++)
		if (!strcmp(req->form[i].name, name) && req->form[i].value[0])
			out[(*count)++] = xstrdup(req->form[i].value);
	return out;
}

static void form_from_request(const struct web_request *req, struct draft_form *f)
{
	memset(f, 0, sizeof(*f));
	f->type = form_text(req, "type");
	f->addressee = form_text(req, "addressee");
	f->addressee_name = form_text(req, "addressee_name");
	f->language = form_text(req, "language");
	f->date = form_text(req, "date");
	f->lead = form_text(req, "lead");
	f->subject = form_text(req, "subject");
	f->facts = form_text(req, "facts");
	f->concerns = form_text(req, "concerns");
	f->notes = form_text(req, "internal_notes");
	f->violated = form_text(req, "provisions_violated");
	f->cited = form_text(req, "provisions_cited");
	f->questions = form_text(req, "questions");
	f->related = form_text(req, "related");
	f->joins = form_values(req, "join", &f->join_count);
	f->picks = form_values(req, "add_question", &f->pick_count);
	f->interim = web_form(req, "interim_measures") != NULL;
	f->press = web_form(req, "press_release") != NULL;
}

static void provision_lines(const struct draft *d, bool violation, struct buf *out)
{
	for (size_t i = 0; i < d->provision_count; i++) {
		if (d->provisions[i].violation != violation)
			continue;
		buf_addf(out, "%s:", d->provisions[i].instrument->short_name);
		for (size_t k = 0; k < d->provisions[i].article_count; k++)
			buf_addf(out, "%s%s", k ? "," : "", d->provisions[i].articles[k]);
		buf_addch(out, '\n');
	}
}

static void form_from_draft(const struct draft *d, struct draft_form *f)
{
	memset(f, 0, sizeof(*f));
	f->type = xstrdup(d->type);
	f->addressee = xstrdup(d->addressee);
	f->addressee_name = xstrdup(d->addressee_name ? d->addressee_name : "");
	f->language = xstrdup(d->language);
	char date[11] = "";
	if (d->date != DATE_NONE)
		date_format_iso(d->date, date);
	f->date = xstrdup(date);
	f->lead = xstrdup(d->mandate_count ? d->mandates[0]->slug : "");
	f->joins = xcalloc(d->mandate_count + 1, sizeof(char *));
	for (size_t i = 1; i < d->mandate_count; i++)
		f->joins[f->join_count++] = xstrdup(d->mandates[i]->slug);
	f->picks = xcalloc(1, sizeof(char *));
	f->subject = xstrdup(d->subject ? d->subject : "");
	f->facts = xstrdup(d->facts ? d->facts : "");
	f->concerns = xstrdup(d->concerns ? d->concerns : "");
	f->notes = xstrdup(d->internal_notes ? d->internal_notes : "");
	struct buf b = BUF_INIT;
	provision_lines(d, true, &b);
	f->violated = buf_detach(&b);
	provision_lines(d, false, &b);
	f->cited = buf_detach(&b);
	/* a catalogue question keeps its id (so that it follows the letter's
	 * language) unless its text was changed */
	enum kb_lang lang = kb_lang_of(d->language);
	for (size_t i = 0; i < d->question_count; i++) {
		const struct draft_question *q = &d->questions[i];
		const struct kb_question *kq = q->catalogue ? kb_question(kb_shared(), q->catalogue) : NULL;
		const char *standard = kq ? (kq->text[lang] ? kq->text[lang] : kq->text[KB_EN]) : NULL;
		if (kq && standard && !strcmp(standard, q->text))
			buf_addf(&b, "@%s\n", q->catalogue);
		else
			buf_addf(&b, "%s\n", q->text);
	}
	f->questions = buf_detach(&b);
	for (size_t i = 0; i < d->related_count; i++)
		buf_addf(&b, "%s\n", d->related[i]);
	f->related = buf_detach(&b);
	f->interim = d->interim_measures;
	f->press = d->press_release;
}

/* Calls fn on each non-empty line of text, trimmed; stops at the first
 * failure. */
static int each_line(const char *text, int (*fn)(void *ctx, const char *line, int n, struct error *err), void *ctx,
		     struct error *err)
{
	int n = 0;
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		const char *s = p, *e = p + len;
		p = *e ? e + 1 : e;
		n++;
		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (s == e)
			continue;
		char *line = xstrndup(s, (size_t)(e - s));
		int rc = fn(ctx, line, n, err);
		free(line);
		if (rc < 0)
			return -1;
	}
	return 0;
}

struct provision_ctx {
	json_t *list;
	bool violation;
	const char *what;
};

/* "CAT:1,2,12" or "CAT 1, 2, 12" -> {"instrument": "CAT", "articles": [...], "violation": v} */
static int provision_line(void *ctx, const char *line, int n, struct error *err)
{
	struct provision_ctx *c = ctx;
	size_t name_len = strcspn(line, ": \t");
	const char *rest = line + name_len;
	while (*rest == ':' || isspace((unsigned char)*rest))
		rest++;
	if (!name_len || !*rest || name_len > 32)
		return error_set(err, "%s, line %d (\"%s\"): write INSTRUMENT:ARTICLES, e.g. CAT:1,2,12", c->what, n, line);
	json_t *articles = json_array();
	char *copy = xstrdup(rest), *save = NULL;
	for (char *a = strtok_r(copy, ", \t", &save); a; a = strtok_r(NULL, ", \t", &save))
		json_array_append_new(articles, json_string(a));
	free(copy);
	json_array_append_new(c->list, json_pack("{s:s%, s:o, s:b}", "instrument", line, name_len, "articles", articles,
						 "violation", c->violation));
	return 0;
}

struct question_ctx {
	json_t *list;
};

/* "@catalogue-id" or the text of a question */
static int question_line(void *ctx, const char *line, int n, struct error *err)
{
	(void)n;
	(void)err;
	struct question_ctx *c = ctx;
	if (line[0] == '@' && line[1] && !strchr(line, ' '))
		json_array_append_new(c->list, json_pack("{s:s}", "catalogue", line + 1));
	else
		json_array_append_new(c->list, json_pack("{s:s}", "text", line));
	return 0;
}

static int related_line(void *ctx, const char *line, int n, struct error *err)
{
	(void)n;
	(void)err;
	json_array_append_new(ctx, json_string(line));
	return 0;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* The form as a draft's JSON (docs/DRAFTING.md), for draft_apply_json();
 * NULL with err for what only the form can get wrong. */
static json_t *form_to_json(const struct draft_form *f, struct error *err)
{
	json_t *o = json_object();
	if (*f->type)
		json_object_set_new(o, "type", json_string(f->type));
	if (*f->addressee)
		json_object_set_new(o, "addressee", json_string(f->addressee));
	if (!blank(f->addressee_name))
		json_object_set_new(o, "addressee_name", json_string(f->addressee_name));
	if (*f->language)
		json_object_set_new(o, "language", json_string(f->language));
	if (*f->date)
		json_object_set_new(o, "date", json_string(f->date));
	if (*f->lead || f->join_count) {
		if (!*f->lead) {
			json_decref(o);
			error_set(err, "Choose the lead mandate: the joining mandates follow it.");
			return NULL;
		}
		json_t *m = json_array();
		json_array_append_new(m, json_string(f->lead));
		for (size_t i = 0; i < f->join_count; i++)
			if (strcmp(f->joins[i], f->lead))
				json_array_append_new(m, json_string(f->joins[i]));
		json_object_set_new(o, "mandates", m);
	}
	const struct {
		const char *key, *value;
	} texts[] = {{"subject", f->subject}, {"facts", f->facts}, {"concerns", f->concerns}, {"internal_notes", f->notes}};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!blank(texts[i].value))
			json_object_set_new(o, texts[i].key, json_string(texts[i].value));
	json_t *provisions = json_array();
	struct provision_ctx pv = {provisions, true, "Provisions the facts would violate"};
	struct provision_ctx pc = {provisions, false, "Provisions recalled"};
	json_t *questions = json_array();
	struct question_ctx qc = {questions};
	json_t *related = json_array();
	if (each_line(f->violated, provision_line, &pv, err) < 0 || each_line(f->cited, provision_line, &pc, err) < 0 ||
	    each_line(f->questions, question_line, &qc, err) < 0 || each_line(f->related, related_line, related, err) < 0) {
		json_decref(provisions);
		json_decref(questions);
		json_decref(related);
		json_decref(o);
		return NULL;
	}
	/* ticked catalogue questions come after the written ones, once each */
	for (size_t i = 0; i < f->pick_count; i++) {
		bool have = false;
		size_t k;
		json_t *q;
		json_array_foreach(questions, k, q)
		{
			const char *id = json_string_value(json_object_get(q, "catalogue"));
			have = have || (id && !strcmp(id, f->picks[i]));
		}
		if (!have)
			json_array_append_new(questions, json_pack("{s:s}", "catalogue", f->picks[i]));
	}
	json_object_set_new(o, "provisions", provisions);
	json_object_set_new(o, "questions", questions);
	json_object_set_new(o, "related", related);
	json_object_set_new(o, "interim_measures", json_boolean(f->interim));
	json_object_set_new(o, "press_release", json_boolean(f->press));
	return o;
}

/* The form's draft into d; -1 with err naming the field. */
static int form_to_draft(const struct draft_form *f, struct draft *d, struct error *err)
{
	json_t *j = form_to_json(f, err);
	if (!j)
		return -1;
	int rc = draft_apply_json(d, j, kb_shared(), err);
	json_decref(j);
	return rc;
}

/* --- the preview ------------------------------------------------------------------------- */

/* The letter the form would make, as an HTML fragment appended to out:
 * what is not ready yet, the renderer's warnings, then the letter. */
static void preview_fragment(struct web_request *req, const struct draft_form *f, struct buf *out)
{
	struct error err;
	struct draft d;
	draft_init(&d);
	if (form_to_draft(f, &d, &err) < 0) {
		web_html_buf(out, "<p class=\"error\" role=\"alert\">%s</p>\n", err.message);
	} else if (!d.mandate_count) {
		web_html_buf(out, "<p>Choose the lead mandate to see the letter.</p>\n");
	} else {
		char *warnings = NULL;
		char *md = wf_render_draft(req->db, &d, d.date, &warnings, &err);
		if (!md) {
			web_html_buf(out, "<p class=\"error\" role=\"alert\">%s</p>\n", err.message);
		} else {
			if (draft_check_complete(&d, &err) < 0)
				web_html_buf(out, "<p class=\"hint\">Not ready for approval yet: %s.</p>\n", err.message);
			if (warnings && *warnings) {
				web_html_buf(out, "<ul class=\"warnings\">\n");
				char *save = NULL;
				for (char *line = strtok_r(warnings, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
					web_html_buf(out, "<li>%s</li>\n", line);
				web_html_buf(out, "</ul>\n");
			}
			char *html = render_html_fragment(md);
			web_html_buf(out, "<article class=\"letter\">\n%R</article>\n", html);
			free(html);
		}
		free(md);
		free(warnings);
	}
	draft_release(&d);
}

void page_work_preview(struct web_request *req, struct web_response *res)
{
	struct draft_form f;
	form_from_request(req, &f);
	res->content_type = "text/html; charset=utf-8";
	res->no_store = true;
	preview_fragment(req, &f, &res->body);
	form_release(&f);
}

/* --- the form ---------------------------------------------------------------------------- */

static const struct kb_country *const *countries_by_name(size_t *count)
{
	const struct kb *kb = kb_shared();
	const struct kb_country **list = xcalloc(kb->country_count + 1, sizeof(*list));
	for (size_t i = 0; i < kb->country_count; i++)
		list[i] = &kb->countries[i];
	*count = kb->country_count;
	/* insertion sort by English name: a few hundred entries */
	for (size_t i = 1; i < *count; i++) {
		const struct kb_country *c = list[i];
		size_t k = i;
		while (k > 0 && strcmp(list[k - 1]->name[KB_EN] ? list[k - 1]->name[KB_EN] : "", c->name[KB_EN] ? c->name[KB_EN] : "") > 0) {
			list[k] = list[k - 1];
			k--;
		}
		list[k] = c;
	}
	return list;
}

static const char *selected(const char *a, const char *b)
{
	return a && b && !strcmp(a, b) ? " selected" : "";
}

static const char *checked(bool on)
{
	return on ? " checked" : "";
}

static void catalogue_picker(struct web_request *req, struct web_response *res, const struct draft_form *f)
{
	struct db_stmt *st = db_prepare(req->db, "SELECT id, theme, text_en FROM question_catalogue ORDER BY theme, rowid", NULL);
	if (!st)
		return;
	web_html(res, "<details><summary>Add questions from the catalogue</summary><div class=\"picker\">\n");
	char theme[64] = "";
	while (db_step(st, NULL) == 1) {
		if (strcmp(theme, db_text(st, 1))) {
			snprintf(theme, sizeof(theme), "%s", db_text(st, 1));
			web_html(res, "<h4>%s</h4>\n", theme);
		}
		bool on = false;
		for (size_t i = 0; i < f->pick_count; i++)
			on = on || !strcmp(f->picks[i], db_text(st, 0));
		web_html(res, "<label><input type=\"checkbox\" name=\"add_question\" value=\"%s\"%R> %s <code>@%s</code></label>\n",
			 db_text(st, 0), checked(on), db_text(st, 2), db_text(st, 0));
	}
	db_finalize(st);
	web_html(res, "</div></details>\n");
}

static void form_html(struct web_request *req, struct web_response *res, const struct draft_form *f, const char *action)
{
	const struct kb *kb = kb_shared();
	web_html(res, "<form class=\"draft\" method=\"post\" action=\"%s\" data-preview=\"/work/preview\">\n", action);
	work_csrf(req, res);
	static const char *const types[][2] = {{"AL", "Allegation letter (AL)"}, {"UA", "Urgent appeal (UA)"},
					       {"OL", "Other letter (OL)"},	  {"JAL", "Joint allegation letter (JAL, old style)"},
					       {"JUA", "Joint urgent appeal (JUA, old style)"}, {"JOL", "Joint other letter (JOL, old style)"}};
	web_html(res, "\n<fieldset><legend>The letter</legend>\n<label for=\"type\">Type</label><select id=\"type\" name=\"type\">"
		      "<option value=\"\">(choose)</option>");
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", types[i][0], selected(f->type, types[i][0]), types[i][1]);
	web_html(res, "</select>\n<label for=\"addressee\">Addressee</label><select id=\"addressee\" name=\"addressee\">"
		      "<option value=\"\">(choose)</option>");
	size_t n;
	const struct kb_country *const *countries = countries_by_name(&n);
	for (size_t i = 0; i < n; i++)
		web_html(res, "<option value=\"%s\"%R>%s (%s)</option>", countries[i]->alpha3,
			 selected(f->addressee, countries[i]->alpha3), countries[i]->name[KB_EN], countries[i]->alpha3);
	free((void *)countries);
	web_html(res, "</select>\n<label for=\"addressee_name\">Addressee's name <span class=\"hint\">for a company or "
		      "other non-State addressee (OTH)</span></label><input type=\"text\" id=\"addressee_name\" "
		      "name=\"addressee_name\" value=\"%s\">\n<label for=\"language\">Language</label><select id=\"language\" "
		      "name=\"language\">",
		 f->addressee_name);
	static const char *const languages[][2] = {{"en", "English"}, {"fr", "French"}, {"es", "Spanish"}};
	for (size_t i = 0; i < 3; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", languages[i][0], selected(f->language, languages[i][0]),
			 languages[i][1]);
	web_html(res, "</select>\n<label for=\"date\">Planned date <span class=\"hint\">sending sets the real "
		      "date</span></label><input type=\"date\" id=\"date\" name=\"date\" value=\"%s\">\n</fieldset>\n",
		 f->date);

	web_html(res, "<fieldset><legend>Mandates</legend>\n<label for=\"lead\">Lead mandate</label>"
		      "<select id=\"lead\" name=\"lead\"><option value=\"\">(choose)</option>");
	for (size_t i = 0; i < kb->mandate_count; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", kb->mandates[i].slug, selected(f->lead, kb->mandates[i].slug),
			 kb->mandates[i].title[KB_EN]);
	web_html(res, "</select>\n<details%R><summary>Joining mandates</summary><div class=\"picker\">\n",
		 f->join_count ? " open" : "");
	for (size_t i = 0; i < kb->mandate_count; i++) {
		bool on = false;
		for (size_t k = 0; k < f->join_count; k++)
			on = on || !strcmp(f->joins[k], kb->mandates[i].slug);
		web_html(res, "<label><input type=\"checkbox\" name=\"join\" value=\"%s\"%R> %s</label>\n", kb->mandates[i].slug,
			 checked(on), kb->mandates[i].title[KB_EN]);
	}
	web_html(res, "</div></details>\n</fieldset>\n");

	web_html(res,
		 "<label for=\"subject\">Subject <span class=\"hint\">one line for lists; not part of the letter</span></label>"
		 "<input type=\"text\" id=\"subject\" name=\"subject\" size=\"60\" value=\"%s\">\n"
		 "<label for=\"facts\">Facts <span class=\"hint\">Markdown; \"According to the information received:\" "
		 "comes before them</span></label><textarea id=\"facts\" name=\"facts\" rows=\"12\">%s</textarea>\n"
		 "<label for=\"concerns\">Concerns <span class=\"hint\">continues \"we wish to express our serious "
		 "concern\"</span></label><textarea id=\"concerns\" name=\"concerns\" rows=\"5\">%s</textarea>\n"
		 "<label for=\"internal_notes\">Internal notes <span class=\"hint\">confidential: never in the letter, "
		 "never published or exported</span></label><textarea id=\"internal_notes\" name=\"internal_notes\" "
		 "rows=\"3\">%s</textarea>\n",
		 f->subject, f->facts, f->concerns, f->notes);
	web_html(res,
		 "<fieldset><legend>Provisions</legend>\n<label for=\"provisions_violated\">The facts would violate "
		 "<span class=\"hint\">one instrument a line: ICCPR:9,19</span></label><textarea id=\"provisions_violated\" "
		 "name=\"provisions_violated\" rows=\"3\">%s</textarea>\n<label for=\"provisions_cited\">Recalled in the "
		 "annex only</label><textarea id=\"provisions_cited\" name=\"provisions_cited\" rows=\"2\">%s</textarea>\n"
		 "</fieldset>\n",
		 f->violated, f->cited);
	web_html(res,
		 "<fieldset><legend>Questions</legend>\n<label for=\"questions\">Questions, in order <span class=\"hint\">one "
		 "a line; @id puts a catalogue question in the letter's language</span></label><textarea id=\"questions\" "
		 "name=\"questions\" rows=\"6\">%s</textarea>\n",
		 f->questions);
	catalogue_picker(req, res, f);
	web_html(res,
		 "</fieldset>\n<label for=\"related\">Earlier communications followed up <span class=\"hint\">one reference "
		 "a line: AL KAZ 1/2022</span></label><textarea id=\"related\" name=\"related\" rows=\"2\">%s</textarea>\n"
		 "<label class=\"check\"><input type=\"checkbox\" name=\"interim_measures\" value=\"1\"%R> Ask for interim "
		 "measures (the standard paragraph)</label>\n<label class=\"check\"><input type=\"checkbox\" "
		 "name=\"press_release\" value=\"1\"%R> A press release is planned</label>\n"
		 "<p class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"preview\">Preview</button>"
		 "<button type=\"submit\" name=\"action\" value=\"save\">Save the draft</button></p>\n</form>\n",
		 f->related, checked(f->interim), checked(f->press));
}

static void form_page(struct web_request *req, struct web_response *res, int status, const char *title, const char *action,
		      const struct draft_form *f, const char *message, const char *note)
{
	res->status = status;
	work_begin(req, res, title);
	web_html(res, "<h1>%s</h1>\n", title);
	if (note)
		web_html(res, "<p class=\"notice\">%s</p>\n", note);
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	web_html(res, "<div class=\"work-split\">\n");
	form_html(req, res, f, action);
	web_html(res, "<section class=\"preview\" aria-labelledby=\"preview-title\"><h2 id=\"preview-title\">The letter</h2>\n"
		      "<div id=\"preview\" aria-live=\"polite\">\n");
	preview_fragment(req, f, &res->body);
	web_html(res, "</div></section>\n</div>\n<script src=\"/static/preview.js\" defer></script>\n");
	work_end(req, res);
}

static bool previewing(const struct web_request *req)
{
	const char *action = web_form(req, "action");
	return action && !strcmp(action, "preview");
}

void page_work_draft_new(struct web_request *req, struct web_response *res)
{
	struct draft_form f;
	form_init(&f);
	form_page(req, res, 200, "New draft", "/work/drafts/new", &f, NULL, NULL);
	form_release(&f);
}

void page_work_draft_create(struct web_request *req, struct web_response *res)
{
	struct draft_form f;
	form_from_request(req, &f);
	struct draft d;
	draft_init(&d);
	struct error err;
	if (previewing(req)) {
		form_page(req, res, 200, "New draft", "/work/drafts/new", &f, NULL, NULL);
	} else if (form_to_draft(&f, &d, &err) < 0) {
		form_page(req, res, 400, "New draft", "/work/drafts/new", &f, err.message, NULL);
	} else {
		long long id = wf_draft_create(req->db, &d, req->user->name, &err);
		if (!id) {
			form_page(req, res, 500, "New draft", "/work/drafts/new", &f, err.message, NULL);
		} else {
			char to[64];
			snprintf(to, sizeof(to), "/work/c/%lld?saved=1", id);
			web_redirect(res, to);
		}
	}
	draft_release(&d);
	form_release(&f);
}

/* The status of the draft in the address, or refuses: 404 when there is
 * none, 409 when it is sent (a sent letter never changes). */
static long long editable(struct web_request *req, struct web_response *res, char status[16])
{
	long long id = work_capture_id(req);
	status[0] = '\0';
	if (id)
		wf_status(req->db, id, status);
	if (!status[0]) {
		web_error(req, res, 404, "There is no draft with this number.");
		return 0;
	}
	if (strcmp(status, "draft") && strcmp(status, "approved")) {
		web_error(req, res, 409, "This communication is sent: a sent letter never changes.");
		return 0;
	}
	return id;
}

static const char *approved_note(const char *status)
{
	return !strcmp(status, "approved") ? "Every mandate has approved this draft: saving a change withdraws the approvals."
					    : NULL;
}

void page_work_draft_edit(struct web_request *req, struct web_response *res)
{
	char status[16];
	long long id = editable(req, res, status);
	if (!id)
		return;
	struct draft d;
	draft_init(&d);
	struct error err;
	if (wf_draft_load(req->db, id, &d, &err) < 0) {
		web_error(req, res, 409, err.message);
		draft_release(&d);
		return;
	}
	struct draft_form f;
	form_from_draft(&d, &f);
	char title[48], action[64];
	snprintf(title, sizeof(title), "Draft %lld", id);
	snprintf(action, sizeof(action), "/work/c/%lld/edit", id);
	form_page(req, res, 200, title, action, &f, NULL, approved_note(status));
	form_release(&f);
	draft_release(&d);
}

void page_work_draft_save(struct web_request *req, struct web_response *res)
{
	char status[16];
	long long id = editable(req, res, status);
	if (!id)
		return;
	struct draft_form f;
	form_from_request(req, &f);
	struct draft d;
	draft_init(&d);
	struct error err;
	char title[48], action[64];
	snprintf(title, sizeof(title), "Draft %lld", id);
	snprintf(action, sizeof(action), "/work/c/%lld/edit", id);
	if (previewing(req)) {
		form_page(req, res, 200, title, action, &f, NULL, approved_note(status));
	} else if (form_to_draft(&f, &d, &err) < 0) {
		form_page(req, res, 400, title, action, &f, err.message, approved_note(status));
	} else if (wf_draft_save(req->db, id, &d, req->user->name, &err) < 0) {
		form_page(req, res, 409, title, action, &f, err.message, NULL);
	} else {
		char to[64];
		snprintf(to, sizeof(to), "/work/c/%lld?%s=1", id, !strcmp(status, "approved") ? "withdrawn" : "saved");
		web_redirect(res, to);
	}
	draft_release(&d);
	form_release(&f);
}

/* --- approval and sending ---------------------------------------------------------------- */

void page_work_approve(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	char status[16] = "";
	if (id)
		wf_status(req->db, id, status);
	if (!status[0]) {
		web_error(req, res, 404, "There is no draft with this number.");
		return;
	}
	if (!work_may_see(req, id)) {
		web_error(req, res, 403, "Your mandate does not join this draft: you cannot approve it.");
		return;
	}
	/* a holder approves for the mandate they hold, and for no other */
	struct error err;
	int pending = 0;
	if (wf_approve(req->db, id, req->user->mandate, req->user->name, &pending, &err) < 0) {
		web_error(req, res, 409, err.message);
		return;
	}
	char to[64];
	snprintf(to, sizeof(to), "/work/c/%lld?approved=1", id);
	web_redirect(res, to);
}

void page_work_send(struct web_request *req, struct web_response *res)
{
	long long id = work_capture_id(req);
	char status[16] = "";
	if (id)
		wf_status(req->db, id, status);
	if (!status[0]) {
		web_error(req, res, 404, "There is no draft with this number.");
		return;
	}
	const char *why = NULL, *text = web_form(req, "date");
	int date = text && *text ? work_past_date(text, &why) : clock_today();
	if (date == DATE_NONE) {
		web_error(req, res, 400, why);
		return;
	}
	struct error err;
	char *reference = NULL, *warnings = NULL;
	if (wf_send(req->db, id, date, req->user->name, &reference, &warnings, &err) < 0) {
		web_error(req, res, 409, err.message);
		return;
	}
	free(reference);
	free(warnings);
	char to[64];
	snprintf(to, sizeof(to), "/work/c/%lld?sent=1", id);
	web_redirect(res, to);
}

/* --- the draft on the communication page ------------------------------------------------- */

void work_draft_part(struct web_request *req, struct web_response *res, long long id, const char *status)
{
	struct draft d;
	draft_init(&d);
	struct error err;
	if (wf_draft_load(req->db, id, &d, &err) < 0) {
		web_html(res, "<p class=\"error\">%s</p>\n", err.message);
		draft_release(&d);
		return;
	}
	bool complete = draft_check_complete(&d, &err) == 0;
	if (!complete)
		web_html(res, "<p class=\"error\">Not ready for approval: %s.</p>\n", err.message);
	web_html(res, "<h2>Approval</h2>\n<p>Every joining mandate approves before the letter can be sent.</p>\n"
		      "<table>\n<thead><tr><th></th><th>Mandate</th><th>Approval</th></tr></thead>\n<tbody>\n");
	struct db_stmt *st = db_prepare(req->db, "SELECT approved_by, approved_at FROM approvals WHERE communication_id = ?1 "
						 "AND mandate = ?2",
					NULL);
	for (size_t i = 0; st && i < d.mandate_count; i++) {
		const struct kb_mandate *m = d.mandates[i];
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, m->slug);
		web_html(res, "<tr><td>%s</td><td>%s <code>%s</code></td><td>", i ? "joins" : "lead", m->title[KB_EN], m->slug);
		if (db_step(st, NULL) == 1) {
			web_html(res, "approved by %s, %s", db_text(st, 0), db_text(st, 1));
		} else {
			web_html(res, "awaiting approval");
			if (complete && !strcmp(status, "draft") && work_has(req, ROLE_HOLDER) &&
			    !strcmp(req->user->mandate, m->slug)) {
				web_html(res, " <form class=\"inline\" method=\"post\" action=\"/work/c/%lld/approve\">", id);
				work_csrf(req, res);
				web_html(res, "<button type=\"submit\">Approve for %s</button></form>", m->title[KB_EN]);
			}
		}
		web_html(res, "</td></tr>\n");
		db_reset(st);
	}
	db_finalize(st);
	web_html(res, "</tbody>\n</table>\n");
	if (work_has(req, ROLE_OFFICER)) {
		web_html(res, "<p><a href=\"/work/c/%lld/edit\">Edit the draft</a></p>\n", id);
		if (!strcmp(status, "approved")) {
			char today[11];
			web_today(today);
			web_html(res, "<h2>Send</h2>\n<form class=\"stack\" method=\"post\" action=\"/work/c/%lld/send\">", id);
			work_csrf(req, res);
			web_html(res, "<label for=\"send-date\">Date sent</label><input type=\"date\" id=\"send-date\" name=\"date\" "
				      "value=\"%s\" max=\"%s\"> <button type=\"submit\">Send the letter</button>\n"
				      "<p class=\"hint\">Sending gives the reference (the next number for the addressee this "
				      "year) and starts the reply clock. A sent letter never changes.</p></form>\n",
				 today, today);
		}
	}
	if (d.internal_notes)
		web_html(res, "<h2>Internal notes (confidential)</h2>\n<div class=\"confidential\">%s</div>\n", d.internal_notes);
	draft_release(&d);
}
