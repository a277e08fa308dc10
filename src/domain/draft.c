/*
 * draft.c - drafts from and to JSON, with validation. See draft.h.
 */
#include "draft.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/die.h"
#include "../util/utf8.h"

static const char *const types[] = {"AL", "UA", "OL", "JAL", "JUA", "JOL", NULL};

/* Text fields are bounded: a letter's facts run to a few pages. */
#define DRAFT_MAX_TEXT (256 * 1024)

void draft_init(struct draft *d)
{
	memset(d, 0, sizeof(*d));
	memcpy(d->language, "en", 3);
	d->date = DATE_NONE;
	d->interim_measures = true;
}

static void free_provisions(struct draft *d)
{
	for (size_t i = 0; i < d->provision_count; i++) {
		for (size_t k = 0; k < d->provisions[i].article_count; k++)
			free(d->provisions[i].articles[k]);
		free(d->provisions[i].articles);
	}
	free(d->provisions);
	d->provisions = NULL;
	d->provision_count = 0;
}

static void free_questions(struct draft *d)
{
	for (size_t i = 0; i < d->question_count; i++) {
		free(d->questions[i].catalogue);
		free(d->questions[i].text);
	}
	free(d->questions);
	d->questions = NULL;
	d->question_count = 0;
}

static void free_related(struct draft *d)
{
	for (size_t i = 0; i < d->related_count; i++)
		free(d->related[i]);
	free(d->related);
	d->related = NULL;
	d->related_count = 0;
}

void draft_release(struct draft *d)
{
	free(d->addressee_name);
	free((void *)d->mandates);
	free(d->subject);
	free(d->facts);
	free(d->concerns);
	free(d->internal_notes);
	free_provisions(d);
	free_questions(d);
	free_related(d);
	draft_init(d);
}

/* A text field: a string of valid UTF-8 within the size limit. */
static int text_field(json_t *o, const char *key, char **out, struct error *err)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return 0;
	if (json_is_null(v)) {
		free(*out);
		*out = NULL;
		return 0;
	}
	if (!json_is_string(v))
		return error_set(err, "%s: must be text", key);
	size_t len = json_string_length(v);
	if (len > DRAFT_MAX_TEXT)
		return error_set(err, "%s: %zu bytes, more than the %d allowed", key, len, DRAFT_MAX_TEXT);
	const char *s = json_string_value(v);
	if (!utf8_valid(s, len, NULL) || memchr(s, '\0', len))
		return error_set(err, "%s: not valid UTF-8 text", key);
	free(*out);
	*out = xstrdup(s);
	return 0;
}

static int code_field(json_t *o, const char *key, char *out, size_t size, struct error *err)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return 0;
	if (!json_is_string(v) || json_string_length(v) >= size || json_string_length(v) < 2)
		return error_set(err, "%s: expected a short code", key);
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	for (char *p = out; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return 0;
}

static int read_provisions(struct draft *d, json_t *arr, const struct kb *kb, struct error *err)
{
	if (!json_is_array(arr))
		return error_set(err, "provisions: must be a list");
	free_provisions(d);
	d->provisions = xcalloc(json_array_size(arr) + 1, sizeof(*d->provisions));
	size_t i;
	json_t *p;
	json_array_foreach(arr, i, p)
	{
		struct draft_provision *dp = &d->provisions[d->provision_count++];
		const char *ins = json_string_value(json_object_get(p, "instrument"));
		if (!ins)
			return error_set(err, "provisions[%zu].instrument: missing", i);
		dp->instrument = kb_instrument(kb, ins);
		if (!dp->instrument)
			return error_set(err, "provisions[%zu].instrument: \"%s\" is not an instrument the knowledge base knows", i, ins);
		json_t *arts = json_object_get(p, "articles");
		if (!json_is_array(arts) || !json_array_size(arts))
			return error_set(err, "provisions[%zu].articles: give a list such as [\"7\", \"2(3)\"]", i);
		dp->articles = xcalloc(json_array_size(arts), sizeof(char *));
		size_t k;
		json_t *a;
		json_array_foreach(arts, k, a)
		{
			const char *s = json_string_value(a);
			if (!s || !isdigit((unsigned char)s[0]) || strlen(s) > 16)
				return error_set(err, "provisions[%zu].articles[%zu]: an article number such as \"7\" or \"2(3)\"", i, k);
			for (const char *c = s; *c; c++)
				if (!isalnum((unsigned char)*c) && *c != '(' && *c != ')')
					return error_set(err, "provisions[%zu].articles[%zu]: \"%s\" is not an article number", i, k, s);
			dp->articles[dp->article_count++] = xstrdup(s);
		}
		json_t *v = json_object_get(p, "violation");
		dp->violation = v ? json_is_true(v) : true;
	}
	return 0;
}

static int read_questions(struct draft *d, json_t *arr, const struct kb *kb, struct error *err)
{
	if (!json_is_array(arr))
		return error_set(err, "questions: must be a list");
	if (json_array_size(arr) > 60)
		return error_set(err, "questions: %zu questions; a letter puts at most 60", json_array_size(arr));
	free_questions(d);
	d->questions = xcalloc(json_array_size(arr) + 1, sizeof(*d->questions));
	size_t i;
	json_t *q;
	enum kb_lang lang = kb_lang_of(d->language);
	json_array_foreach(arr, i, q)
	{
		struct draft_question *dq = &d->questions[d->question_count++];
		const char *id = json_is_string(q) ? NULL : json_string_value(json_object_get(q, "catalogue"));
		const char *text = json_is_string(q) ? json_string_value(q) : json_string_value(json_object_get(q, "text"));
		if (id) {
			const struct kb_question *kq = kb_question(kb, id);
			if (!kq)
				return error_set(err, "questions[%zu].catalogue: \"%s\" is not in the question catalogue", i, id);
			dq->catalogue = xstrdup(id);
			if (!text)
				text = kq->text[lang] ? kq->text[lang] : kq->text[KB_EN];
		}
		if (!text || !*text)
			return error_set(err, "questions[%zu]: give \"text\" or a \"catalogue\" id", i);
		if (strlen(text) > 8192 || !utf8_valid(text, strlen(text), NULL))
			return error_set(err, "questions[%zu].text: too long or not UTF-8", i);
		dq->text = xstrdup(text);
	}
	return 0;
}

int draft_apply_json(struct draft *d, json_t *o, const struct kb *kb, struct error *err)
{
	if (!json_is_object(o))
		return error_set(err, "a draft is a JSON object");
	static const char *const known[] = {"type", "addressee", "addressee_name", "language", "date",
					    "mandates", "subject", "facts", "concerns", "internal_notes",
					    "provisions", "questions", "related", "interim_measures",
					    "press_release", NULL};
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
	{
		bool ok = false;
		for (int i = 0; known[i] && !ok; i++)
			ok = !strcmp(known[i], key);
		if (!ok)
			return error_set(err, "%s: not a field of a draft (see docs/DRAFTING.md)", key);
	}
	if (code_field(o, "type", d->type, sizeof(d->type), err) < 0)
		return -1;
	if (json_object_get(o, "type")) {
		bool ok = false;
		for (int i = 0; types[i] && !ok; i++)
			ok = !strcmp(types[i], d->type);
		if (!ok)
			return error_set(err, "type: \"%s\" is not AL, UA, OL, JAL, JUA or JOL", d->type);
	}
	if (code_field(o, "addressee", d->addressee, sizeof(d->addressee), err) < 0)
		return -1;
	if (json_object_get(o, "addressee") && !kb_country(kb, d->addressee))
		return error_set(err, "addressee: \"%s\" is not an ISO 3166-1 alpha-3 code (or OTH)", d->addressee);
	if (text_field(o, "addressee_name", &d->addressee_name, err) < 0)
		return -1;
	v = json_object_get(o, "language");
	if (v) {
		const char *l = json_string_value(v);
		if (!l || !kb_language(kb, l))
			return error_set(err, "language: give en, fr or es");
		memcpy(d->language, l, 3);
	}
	v = json_object_get(o, "date");
	if (v && !json_is_null(v)) {
		const char *s = json_string_value(v);
		d->date = s ? date_parse_iso(s) : DATE_NONE;
		if (d->date == DATE_NONE)
			return error_set(err, "date: give a date as YYYY-MM-DD");
	} else if (v) {
		d->date = DATE_NONE;
	}
	v = json_object_get(o, "mandates");
	if (v) {
		if (!json_is_array(v) || !json_array_size(v))
			return error_set(err, "mandates: give a list of mandate slugs, the lead first");
		if (json_array_size(v) > 40)
			return error_set(err, "mandates: at most 40");
		free((void *)d->mandates);
		d->mandates = xcalloc(json_array_size(v), sizeof(*d->mandates));
		d->mandate_count = 0;
		size_t i;
		json_t *m;
		json_array_foreach(v, i, m)
		{
			const char *slug = json_string_value(m);
			const struct kb_mandate *km = slug ? kb_mandate(kb, slug) : NULL;
			if (!km)
				return error_set(err, "mandates[%zu]: \"%s\" is not a mandate the knowledge base knows", i, slug ? slug : "?");
			for (size_t k = 0; k < d->mandate_count; k++)
				if (d->mandates[k] == km)
					return error_set(err, "mandates[%zu]: \"%s\" is listed twice", i, slug);
			d->mandates[d->mandate_count++] = km;
		}
	}
	if (text_field(o, "subject", &d->subject, err) < 0 || text_field(o, "facts", &d->facts, err) < 0 ||
	    text_field(o, "concerns", &d->concerns, err) < 0 ||
	    text_field(o, "internal_notes", &d->internal_notes, err) < 0)
		return -1;
	if ((v = json_object_get(o, "provisions")) && read_provisions(d, v, kb, err) < 0)
		return -1;
	if ((v = json_object_get(o, "questions")) && read_questions(d, v, kb, err) < 0)
		return -1;
	v = json_object_get(o, "related");
	if (v) {
		if (!json_is_array(v))
			return error_set(err, "related: give a list of references such as \"AL KAZ 1/2022\"");
		free_related(d);
		d->related = xcalloc(json_array_size(v) + 1, sizeof(char *));
		size_t i;
		json_t *r;
		json_array_foreach(v, i, r)
		{
			const char *s = json_string_value(r);
			if (!s || strlen(s) > 80 || !strchr(s, '/'))
				return error_set(err, "related[%zu]: give a reference such as \"AL KAZ 1/2022\"", i);
			d->related[d->related_count++] = xstrdup(s);
		}
	}
	if ((v = json_object_get(o, "interim_measures")))
		d->interim_measures = json_is_true(v);
	if ((v = json_object_get(o, "press_release")))
		d->press_release = json_is_true(v);
	return 0;
}

int draft_check_complete(const struct draft *d, struct error *err)
{
	if (!d->type[0])
		return error_set(err, "the draft has no type (AL, UA or OL)");
	if (!d->addressee[0])
		return error_set(err, "the draft has no addressee");
	if (!d->mandate_count)
		return error_set(err, "the draft has no mandates");
	if (!d->facts || !*d->facts)
		return error_set(err, "the draft has no facts");
	if (!d->question_count)
		return error_set(err, "the draft puts no questions");
	return 0;
}

json_t *draft_to_json(const struct draft *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "type", d->type[0] ? json_string(d->type) : json_null());
	json_object_set_new(o, "addressee", d->addressee[0] ? json_string(d->addressee) : json_null());
	if (d->addressee_name)
		json_object_set_new(o, "addressee_name", json_string(d->addressee_name));
	json_object_set_new(o, "language", json_string(d->language));
	if (d->date != DATE_NONE) {
		char buf[11];
		date_format_iso(d->date, buf);
		json_object_set_new(o, "date", json_string(buf));
	}
	json_t *m = json_array();
	for (size_t i = 0; i < d->mandate_count; i++)
		json_array_append_new(m, json_string(d->mandates[i]->slug));
	json_object_set_new(o, "mandates", m);
	if (d->subject)
		json_object_set_new(o, "subject", json_string(d->subject));
	if (d->facts)
		json_object_set_new(o, "facts", json_string(d->facts));
	if (d->concerns)
		json_object_set_new(o, "concerns", json_string(d->concerns));
	if (d->internal_notes)
		json_object_set_new(o, "internal_notes", json_string(d->internal_notes));
	json_t *p = json_array();
	for (size_t i = 0; i < d->provision_count; i++) {
		json_t *arts = json_array();
		for (size_t k = 0; k < d->provisions[i].article_count; k++)
			json_array_append_new(arts, json_string(d->provisions[i].articles[k]));
		json_array_append_new(p, json_pack("{s:s, s:o, s:b}", "instrument",
						   d->provisions[i].instrument->short_name, "articles", arts,
						   "violation", d->provisions[i].violation));
	}
	json_object_set_new(o, "provisions", p);
	json_t *q = json_array();
	for (size_t i = 0; i < d->question_count; i++) {
		json_t *one = json_pack("{s:s}", "text", d->questions[i].text);
		if (d->questions[i].catalogue)
			json_object_set_new(one, "catalogue", json_string(d->questions[i].catalogue));
		json_array_append_new(q, one);
	}
	json_object_set_new(o, "questions", q);
	json_t *r = json_array();
	for (size_t i = 0; i < d->related_count; i++)
		json_array_append_new(r, json_string(d->related[i]));
	json_object_set_new(o, "related", r);
	json_object_set_new(o, "interim_measures", json_boolean(d->interim_measures));
	json_object_set_new(o, "press_release", json_boolean(d->press_release));
	return o;
}
