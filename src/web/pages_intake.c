/*
 * pages_intake.c - the public intake form (/submit): information from a
 * source, without an account. The form's fields become the JSON of a
 * submission file (docs/CASES.md) and go through intake_from_json() and
 * intake_add(), the validator and the store the command line uses, so an
 * anonymous submission is refused here as there, and everything
 * confidential is sealed under the server's key before it is written.
 *
 * What this file adds is what only a public form needs: the double-submit
 * CSRF token of the login form (auth.h), a limit per client address
 * (limit.h, in memory), messages that name the form's fields rather than
 * JSON paths, and answers that are never cached (no-store) and never
 * repeat what the source sent once it is stored: the receipt names only
 * its number. The form works without script.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../domain/clock.h"
#include "../domain/intake.h"
#include "../domain/vocab.h"
#include "../kb/kb.h"
#include "../util/die.h"
#include "auth.h"
#include "limit.h"
#include "pages.h"

/* Submissions allowed per client address in the window (docs/WORKSPACE.md). */
#define INTAKE_MAX_PER_CLIENT 5
#define INTAKE_WINDOW_S 3600
/* Rows of the form: people and groups, more on request. */
#define INTAKE_MAX_ROWS 20

/* The kinds of source a person filling the form can be (a document or an
 * official statement is what an officer records, not who writes in). */
static const char *const source_kinds[] = {"individual", "organisation", "victim", "relative", "lawyer", "media"};

/* Languages offered: the United Nations' six, then those of the region
 * the seed letter is about and a few more; intake_from_json() takes any
 * ISO 639-1 code. */
static const char *const languages[][2] = {
	{"en", "English"}, {"fr", "French"},   {"es", "Spanish"},    {"ru", "Russian"}, {"ar", "Arabic"},
	{"zh", "Chinese"}, {"kk", "Kazakh"},   {"ky", "Kyrgyz"},     {"uz", "Uzbek"},   {"tg", "Tajik"},
	{"tk", "Turkmen"}, {"uk", "Ukrainian"}, {"be", "Belarusian"}, {"tr", "Turkish"}, {"fa", "Persian"},
	{"pt", "Portuguese"}, {"de", "German"},
};

static const char *field_or_empty(const struct web_request *req, const char *name)
{
	const char *v = web_form(req, name);
	return v ? v : "";
}

/* The n-th row's field ("person_name_2"). */
static const char *row_field(const struct web_request *req, const char *prefix, int n)
{
	char name[48];
	snprintf(name, sizeof(name), "%s_%d", prefix, n);
	return field_or_empty(req, name);
}

static int rows_asked(const struct web_request *req, const char *name, int fallback)
{
	const char *v = web_form(req, name);
	int n = v && *v ? atoi(v) : fallback;
	return n < 0 ? 0 : n > INTAKE_MAX_ROWS ? INTAKE_MAX_ROWS : n;
}

static const char *sel(const char *a, const char *b)
{
	return a && b && !strcmp(a, b) ? " selected" : "";
}

static const char *chk(bool on)
{
	return on ? " checked" : "";
}

/* --- the form --------------------------------------------------------------------------- */

static void countries_select(struct web_response *res, const char *chosen)
{
	const struct kb *kb = kb_shared();
	/* by English name: a few hundred entries, sorted once per page */
	const struct kb_country **list = xcalloc(kb->country_count + 1, sizeof(*list));
	size_t n = 0;
	for (size_t i = 0; i < kb->country_count; i++)
		if (strcmp(kb->countries[i].alpha3, "OTH") && kb->countries[i].name[KB_EN])
			list[n++] = &kb->countries[i];
	for (size_t i = 1; i < n; i++) {
		const struct kb_country *c = list[i];
		size_t k = i;
		while (k > 0 && strcmp(list[k - 1]->name[KB_EN], c->name[KB_EN]) > 0) {
			list[k] = list[k - 1];
			k--;
		}
		list[k] = c;
	}
	web_html(res, "<select id=\"country\" name=\"country\" aria-describedby=\"country-help\">"
		      "<option value=\"\">(choose the State)</option>");
	for (size_t i = 0; i < n; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", list[i]->alpha3, sel(chosen, list[i]->alpha3),
			 list[i]->name[KB_EN]);
	web_html(res, "</select>");
	free(list);
}

static void person_row(struct web_request *req, struct web_response *res, int n)
{
	const struct vocab *v = vocab_shared();
	const char *consent = row_field(req, "person_consent", n), *sex = row_field(req, "person_sex", n);
	const char *profile = row_field(req, "person_profile", n);
	web_html(res,
		 "<fieldset class=\"victim\"><legend>Person %d</legend>\n"
		 "<p><label for=\"person_name_%d\">Name</label><br><input id=\"person_name_%d\" name=\"person_name_%d\" "
		 "maxlength=\"300\" autocomplete=\"off\" value=\"%s\"></p>\n"
		 "<fieldset class=\"consent\"><legend>Did this person agree to be named, to the State and in public?</legend>"
		 "<label><input type=\"radio\" name=\"person_consent_%d\" value=\"yes\"%R> Yes, they may be named</label> "
		 "<label><input type=\"radio\" name=\"person_consent_%d\" value=\"no\"%R> No: do not name them</label>"
		 "<p class=\"help\">Without consent the person is called \"Victim A\" in the letter and everywhere "
		 "public.</p></fieldset>\n",
		 n, n, n, n, row_field(req, "person_name", n), n, chk(!strcmp(consent, "yes")), n,
		 chk(!strcmp(consent, "no")));
	web_html(res, "<p class=\"row\"><span><label for=\"person_sex_%d\">Sex</label><br><select id=\"person_sex_%d\" "
		      "name=\"person_sex_%d\"><option value=\"\">(not said)</option>",
		 n, n, n);
	for (size_t i = 0; i < v->sexes.count; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", v->sexes.items[i].id, sel(sex, v->sexes.items[i].id),
			 v->sexes.items[i].label);
	web_html(res, "</select></span> <span><label for=\"person_age_%d\">Age</label><br><input id=\"person_age_%d\" "
		      "name=\"person_age_%d\" inputmode=\"numeric\" size=\"4\" maxlength=\"3\" value=\"%s\"></span> "
		      "<span><label for=\"person_profile_%d\">Who they are</label><br><select id=\"person_profile_%d\" "
		      "name=\"person_profile_%d\"><option value=\"\">(not said)</option>",
		 n, n, n, row_field(req, "person_age", n), n, n, n);
	for (size_t i = 0; i < v->profiles.count; i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", v->profiles.items[i].id,
			 sel(profile, v->profiles.items[i].id), v->profiles.items[i].label);
	web_html(res, "</select></span></p></fieldset>\n");
}

static void group_row(struct web_request *req, struct web_response *res, int n)
{
	web_html(res,
		 "<fieldset class=\"victim\"><legend>Group %d</legend>\n"
		 "<p><label for=\"group_description_%d\">Who they are, without names</label><br>"
		 "<input id=\"group_description_%d\" name=\"group_description_%d\" maxlength=\"300\" class=\"wide\" "
		 "value=\"%s\"></p>\n<p><label for=\"group_count_%d\">How many</label><br><input id=\"group_count_%d\" "
		 "name=\"group_count_%d\" inputmode=\"numeric\" size=\"7\" maxlength=\"8\" value=\"%s\"></p></fieldset>\n",
		 n, n, n, n, row_field(req, "group_description", n), n, n, n, row_field(req, "group_count", n));
}

/* The token the form carries: the session's for someone logged in (a
 * login cookie would replace their session), else a new double-submit
 * token, set as the cookie too. */
static const char *form_token(struct web_request *req, struct web_response *res, char buf[65])
{
	if (req->user)
		return req->user->csrf;
	web_login_token_issue(res, buf);
	return buf;
}

static bool form_token_ok(const struct web_request *req)
{
	return req->user ? web_csrf_ok(req) : web_login_token_ok(req);
}

static void intake_form(struct web_request *req, struct web_response *res, int status, const char *message)
{
	res->status = status;
	res->no_store = true;
	char buf[65];
	const char *token = form_token(req, res, buf);
	int persons = rows_asked(req, "persons", 1), groups = rows_asked(req, "groups", 0);
	const char *action = web_form(req, "action");
	if (action && !strcmp(action, "more-person") && persons < INTAKE_MAX_ROWS)
		persons++;
	if (action && !strcmp(action, "more-group") && groups < INTAKE_MAX_ROWS)
		groups++;
	web_page_begin(req, res, "Submit information");
	web_html(res, "<h1>Submit information to the Special Procedures</h1>\n");
	if (message)
		web_html(res, "<p class=\"error\" role=\"alert\" id=\"form-error\">%s</p>\n", message);
	web_html(res,
		 "<p>Tell the Special Rapporteurs and Working Groups about alleged violations of human rights. "
		 "The secretariat reads every submission. <strong>Who you are is kept confidential</strong>: "
		 "your name and how to reach you are encrypted when stored and are never shown to the State "
		 "concerned or the public. Anonymous information cannot be taken: the secretariat must be able "
		 "to reach you to check it.</p>\n"
		 "<form method=\"post\" action=\"/submit\" class=\"intake\">\n"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
		 "<input type=\"hidden\" name=\"persons\" value=\"%d\"><input type=\"hidden\" name=\"groups\" value=\"%d\">\n"
		 "<fieldset><legend>About you (confidential)</legend>\n"
		 "<p><label for=\"source_kind\">You are</label><br><select id=\"source_kind\" name=\"source_kind\">",
		 token, persons, groups);
	const struct vocab *v = vocab_shared();
	const char *kind = field_or_empty(req, "source_kind");
	for (size_t i = 0; i < sizeof(source_kinds) / sizeof(source_kinds[0]); i++) {
		const struct vocab_entry *e = vocab_find(&v->source_kinds, source_kinds[i]);
		web_html(res, "<option value=\"%s\"%R>%s</option>", source_kinds[i], sel(kind, source_kinds[i]),
			 e ? e->label : source_kinds[i]);
	}
	web_html(res,
		 "</select></p>\n"
		 "<p><label for=\"source_name\">Your name, or your organisation's</label><br>"
		 "<input id=\"source_name\" name=\"source_name\" required maxlength=\"300\" autocomplete=\"name\" "
		 "value=\"%s\"></p>\n"
		 "<p><label for=\"source_contact\">How to reach you</label><br>"
		 "<input id=\"source_contact\" name=\"source_contact\" required maxlength=\"300\" "
		 "aria-describedby=\"contact-help\" value=\"%s\"><br><span class=\"help\" id=\"contact-help\">An e-mail "
		 "address, a telephone number or another safe way; say when it is safe to call.</span></p>\n"
		 "</fieldset>\n",
		 field_or_empty(req, "source_name"), field_or_empty(req, "source_contact"));
	const char *urgency = field_or_empty(req, "urgency"), *language = web_form(req, "language");
	web_html(res, "<fieldset><legend>What happened</legend>\n"
		      "<p><label for=\"country\">Country</label><br>");
	countries_select(res, web_form(req, "country"));
	web_html(res, "<br><span class=\"help\" id=\"country-help\">The State whose authorities are concerned.</span></p>\n"
		      "<p><label for=\"incident_date\">When it happened</label><br><input id=\"incident_date\" "
		      "name=\"incident_date\" maxlength=\"40\" aria-describedby=\"date-help\" value=\"%s\"><br>"
		      "<span class=\"help\" id=\"date-help\">A day (2022-01-06), a month (2022-01), a year (2022), days "
		      "from and to (2022-01-06/2022-01-09), about a day (~2022-01-08), or leave it empty.</span></p>\n"
		      "<p><label for=\"subject\">Subject</label><br><input id=\"subject\" name=\"subject\" maxlength=\"300\" "
		      "class=\"wide\" aria-describedby=\"subject-help\" value=\"%s\"><br><span class=\"help\" "
		      "id=\"subject-help\">One line for the secretariat's lists. No names of people: this line is "
		      "not encrypted.</span></p>\n"
		      "<p><label for=\"narrative\">What happened, in your words</label><br><textarea id=\"narrative\" "
		      "name=\"narrative\" required rows=\"12\" aria-describedby=\"narrative-help\">%s</textarea><br>"
		      "<span class=\"help\" id=\"narrative-help\">Who was affected, what was done to them, by whom, where "
		      "and when, and what has been done about it since (complaints, court cases). This text is "
		      "encrypted.</span></p>\n"
		      "<p><label for=\"language\">Language you write in</label><br><select id=\"language\" "
		      "name=\"language\">",
		 field_or_empty(req, "incident_date"), field_or_empty(req, "subject"), field_or_empty(req, "narrative"));
	for (size_t i = 0; i < sizeof(languages) / sizeof(languages[0]); i++)
		web_html(res, "<option value=\"%s\"%R>%s</option>", languages[i][0],
			 sel(language ? language : "en", languages[i][0]), languages[i][1]);
	web_html(res, "</select></p>\n"
		      "<fieldset class=\"consent\"><legend>Is it urgent?</legend>"
		      "<label><input type=\"radio\" name=\"urgency\" value=\"routine\"%R> No</label> "
		      "<label><input type=\"radio\" name=\"urgency\" value=\"urgent\"%R> Yes: a life or a person's "
		      "safety is at risk now (someone held and missing, about to be expelled, on hunger strike...)</label>"
		      "</fieldset>\n</fieldset>\n",
		 chk(strcmp(urgency, "urgent")), chk(!strcmp(urgency, "urgent")));
	web_html(res, "<fieldset><legend>The people affected</legend>\n"
		      "<p class=\"help\">Their names are encrypted. A person is named to the State and in public only "
		      "if they agreed; for a group, give who they are and how many, without names.</p>\n");
	for (int i = 1; i <= persons; i++)
		person_row(req, res, i);
	for (int i = 1; i <= groups; i++)
		group_row(req, res, i);
	web_html(res, "<p class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"more-person\" "
		      "formnovalidate>Add another person</button> <button type=\"submit\" name=\"action\" "
		      "value=\"more-group\" formnovalidate>Add a group of people</button></p>\n</fieldset>\n"
		      "<p class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"send\">Send the "
		      "information</button></p>\n</form>\n"
		      "<p class=\"help\">No account is needed. A few submissions an hour are accepted from one "
		      "address. The secretariat may contact you to ask for more.</p>\n");
	web_page_end(req, res);
}

void page_submit(struct web_request *req, struct web_response *res)
{
	const char *receipt = web_query(req, "receipt");
	if (receipt) {
		/* the answer after a submission (Post/Redirect/Get): its number only */
		char *end;
		long long n = strtoll(receipt, &end, 10);
		res->no_store = true;
		if (!*receipt || *end || n <= 0 || strlen(receipt) > 15) {
			web_error(req, res, 404, "There is no receipt with this number.");
			return;
		}
		web_page_begin(req, res, "Information received");
		web_html(res,
			 "<h1>Thank you: your information was received</h1>\n"
			 "<p class=\"notice\" role=\"status\">Your receipt number is <strong class=\"receipt\">%lld</strong>. "
			 "Quote it if you write to the secretariat about this submission.</p>\n"
			 "<h2>What happens next</h2>\n<ol>\n"
			 "<li>An officer of the secretariat reads it and decides whether it can be taken up "
			 "(admissible): whether it concerns a mandate of the Special Procedures, is credible and "
			 "detailed enough, and is not manifestly unfounded or abusive.</li>\n"
			 "<li>The officer may contact you through what you gave, to check or ask for more. Nobody "
			 "else is given your name or contact: not the State, not the public.</li>\n"
			 "<li>If it is taken up, the mandate holders may send a communication to the State. The "
			 "people affected are named only if they agreed; otherwise \"Victim A\" and so on.</li>\n"
			 "<li>Communications and the State's replies are published about 60 days after they are "
			 "sent, on this site, and reported to the Human Rights Council.</li>\n</ol>\n"
			 "<p>If a person's life or safety is at risk now and you did not say so, send the "
			 "information again marked urgent.</p>\n<p><a href=\"/\">The public record</a></p>\n",
			 n);
		web_page_end(req, res);
		return;
	}
	intake_form(req, res, 200, NULL);
}

/* --- sending ---------------------------------------------------------------------------- */

/* What each JSON field of a submission is called on the form. */
static const struct {
	const char *path, *label;
} field_labels[] = {
	{"source.name", "Your name"},
	{"source.contact", "How to reach you"},
	{"source.kind", "You are"},
	{"source", "About you"},
	{"narrative", "What happened"},
	{"subject", "Subject"},
	{"country", "Country"},
	{"language", "Language"},
	{"urgency", "Is it urgent"},
	{"incident_date", "When it happened"},
};

/* The field names of a person's and a group's row. */
static const char *victim_part(const char *field)
{
	static const struct {
		const char *field, *label;
	} parts[] = {{"name", "name"}, {"consent", "agreed to be named"}, {"sex", "sex"},       {"age", "age"},
		     {"profiles", "who they are"}, {"group", "who they are"}, {"count", "how many"}};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (!strcmp(field, parts[i].field))
			return parts[i].label;
	return field;
}

/* The domain's message with its JSON paths said as the form says them:
 * "victims[1].consent: required..." becomes "Person 2 (agreed to be
 * named): required...". rows[i] names the form row of victims[i]. */
static char *form_message(const char *message, char (*rows)[24], size_t row_count)
{
	struct buf b = BUF_INIT;
	const char *p = message;
	for (size_t i = 0; i < sizeof(field_labels) / sizeof(field_labels[0]); i++) {
		size_t n = strlen(field_labels[i].path);
		if (!strncmp(p, field_labels[i].path, n) && (p[n] == ':' || p[n] == '[')) {
			buf_adds(&b, field_labels[i].label);
			p += n;
			break;
		}
	}
	while (*p) {
		unsigned idx;
		int used = 0;
		if (!strncmp(p, "victims[", 8) && sscanf(p + 8, "%u]%n", &idx, &used) == 1 && used > 0) {
			buf_adds(&b, idx < row_count ? rows[idx] : "A person");
			p += 8 + used;
			if (*p == '.') {
				char field[32];
				size_t k = 0;
				for (p++; *p && *p != ':' && *p != '[' && *p != ' ' && k < sizeof(field) - 1; p++)
					field[k++] = *p;
				field[k] = '\0';
				buf_addf(&b, " (%s)", victim_part(field));
				while (*p == '[') /* profiles[0] */
					while (*p && *p++ != ']')
						;
			}
			continue;
		}
		buf_addch(&b, *p++);
	}
	return buf_detach(&b);
}

static void add_string(json_t *o, const char *key, const char *value)
{
	if (value && *value)
		json_object_set_new(o, key, json_string(value));
}

/* A whole number as JSON, or the text itself (the validator names it). */
static json_t *number_or_text(const char *s)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	return *s && !*end && strlen(s) < 12 ? json_integer(n) : json_string(s);
}

/* The submission's JSON from the form; rows[i] names victims[i]'s row. */
static json_t *submission_json(const struct web_request *req, char (*rows)[24], size_t *row_count)
{
	json_t *o = json_object(), *source = json_object(), *victims = json_array();
	add_string(source, "kind", field_or_empty(req, "source_kind"));
	add_string(source, "name", field_or_empty(req, "source_name"));
	add_string(source, "contact", field_or_empty(req, "source_contact"));
	json_object_set_new(o, "source", source);
	static const char *const plain[] = {"country", "language", "urgency", "incident_date", "subject", "narrative"};
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		add_string(o, plain[i], field_or_empty(req, plain[i]));
	*row_count = 0;
	int persons = rows_asked(req, "persons", 1), groups = rows_asked(req, "groups", 0);
	for (int n = 1; n <= persons; n++) {
		const char *name = row_field(req, "person_name", n), *consent = row_field(req, "person_consent", n);
		const char *sex = row_field(req, "person_sex", n), *age = row_field(req, "person_age", n);
		const char *profile = row_field(req, "person_profile", n);
		if (!*name && !*consent && !*sex && !*age && !*profile)
			continue; /* a row left empty */
		json_t *p = json_object();
		add_string(p, "name", name);
		if (!strcmp(consent, "yes") || !strcmp(consent, "no"))
			json_object_set_new(p, "consent", json_boolean(!strcmp(consent, "yes")));
		add_string(p, "sex", sex);
		if (*age)
			json_object_set_new(p, "age", number_or_text(age));
		if (*profile)
			json_object_set_new(p, "profiles", json_pack("[s]", profile));
		json_array_append_new(victims, p);
		snprintf(rows[(*row_count)++], 24, "Person %d", n);
	}
	for (int n = 1; n <= groups; n++) {
		const char *what = row_field(req, "group_description", n), *count = row_field(req, "group_count", n);
		if (!*what && !*count)
			continue;
		json_t *g = json_object();
		json_object_set_new(g, "group", json_string(what));
		if (*count)
			json_object_set_new(g, "count", number_or_text(count));
		json_array_append_new(victims, g);
		snprintf(rows[(*row_count)++], 24, "Group %d", n);
	}
	json_object_set_new(o, "victims", victims);
	return o;
}

void page_submit_post(struct web_request *req, struct web_response *res)
{
	res->no_store = true;
	if (!form_token_ok(req)) {
		/* no new cookie: a form posted from another site must not replace
		 * the cookie of a session the browser holds (as for the login) */
		res->status = 403;
		web_page_begin(req, res, "Not sent");
		web_html(res, "<h1>Nothing was sent</h1>\n<p class=\"error\" role=\"alert\">The form had expired or did not "
			      "come from this site. <a href=\"/submit\">Open the form again</a> and send it from there.</p>\n");
		const char *narrative = web_form(req, "narrative");
		if (narrative && *narrative)
			web_html(res, "<p><label for=\"kept\">What you wrote, to copy into the new form</label><br>"
				      "<textarea id=\"kept\" readonly rows=\"8\">%s</textarea></p>\n",
				 narrative);
		web_page_end(req, res);
		return;
	}
	const char *action = web_form(req, "action");
	if (action && strcmp(action, "send")) {
		intake_form(req, res, 200, NULL); /* another row: the form again, nothing stored */
		return;
	}
	char rows[2 * INTAKE_MAX_ROWS][24];
	size_t nrows;
	json_t *j = submission_json(req, rows, &nrows);
	struct intake_submission s;
	intake_init(&s);
	struct error err;
	int rc = intake_from_json(j, clock_today(), &s, &err);
	json_decref(j);
	/* a form from anyone: the secretariat must be able to reach every
	 * source to check what it says, whatever kind of source it is */
	if (rc == 0 && !s.source.contact)
		rc = error_set(&err, "source.contact: required: how the secretariat can reach you (kept confidential)");
	if (rc < 0) {
		char *message = form_message(err.message, rows, nrows);
		intake_release(&s);
		intake_form(req, res, 400, message);
		free(message);
		return;
	}
	int retry = 0;
	if (!web_limit_take("intake", req->client, INTAKE_MAX_PER_CLIENT, INTAKE_WINDOW_S, (long long)time(NULL),
			    &retry)) {
		intake_release(&s);
		char wait[16];
		snprintf(wait, sizeof(wait), "%d", retry > 0 ? retry : 1);
		web_header(res, "Retry-After", wait);
		char message[256];
		snprintf(message, sizeof(message),
			 "Too many submissions from your address in the last hour (at most %d). Nothing was sent. "
			 "Wait %d minutes and send it again, or write to the secretariat.",
			 INTAKE_MAX_PER_CLIENT, retry / 60 + 1);
		intake_form(req, res, 429, message);
		return;
	}
	long long id = req->privacy ? intake_add(req->db, req->privacy, &s, "public form", &err) : 0;
	intake_release(&s);
	if (!id) {
		web_error(req, res, 503, "The information could not be stored just now. Nothing was kept; "
					 "try again in a moment.");
		return;
	}
	char to[48];
	snprintf(to, sizeof(to), "/submit?receipt=%lld", id);
	web_redirect(res, to);
}
