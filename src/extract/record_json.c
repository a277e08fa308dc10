/*
 * record_json.c - letter record <-> JSON. See record_json.h.
 */
#include "record_json.h"

#include <math.h>
#include <string.h>

#include "../util/date.h"
#include "../util/die.h"
#include "list.h"

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *date_or_null(int date)
{
	if (date == DATE_NONE)
		return json_null();
	char buf[11];
	date_format_iso(date, buf);
	return json_string(buf);
}

static json_t *strings(char **list, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(list[i]));
	return a;
}

json_t *record_to_json(const struct letter *l, bool with_body)
{
	json_t *o = json_object();
	json_object_set_new(o, "source", str_or_null(l->source));
	json_object_set_new(o, "reference", str_or_null(l->reference));
	json_object_set_new(o, "type", str_or_null(l->type));
	json_object_set_new(o, "country", str_or_null(l->country));
	json_object_set_new(o, "number", l->number ? json_integer(l->number) : json_null());
	json_object_set_new(o, "year", l->year ? json_integer(l->year) : json_null());
	json_object_set_new(o, "date", date_or_null(l->date));
	json_object_set_new(o, "language", str_or_null(l->language));

	json_t *mandates = json_array();
	for (size_t i = 0; i < l->mandates_count; i++) {
		const struct letter_mandate *m = &l->mandates[i];
		json_array_append_new(mandates, json_pack("{s:s, s:o, s:o}", "title", m->title,
							  "resolution", str_or_null(m->resolution),
							  "slug", str_or_null(m->slug)));
	}
	json_object_set_new(o, "mandates", mandates);
	json_object_set_new(o, "related_references", strings(l->related, l->related_count));

	json_t *questions = json_array();
	for (size_t i = 0; i < l->questions_count; i++)
		json_array_append_new(questions, json_pack("{s:i, s:s}", "n", l->questions[i].n,
							   "text", l->questions[i].text));
	json_object_set_new(o, "questions", questions);
	json_object_set_new(o, "reply_deadline_days",
			    l->reply_deadline_days ? json_integer(l->reply_deadline_days) : json_null());
	json_object_set_new(o, "reply_due", date_or_null(l->reply_due));

	json_t *violations = json_array(), *citations = json_array();
	for (size_t i = 0; i < l->citations_count; i++) {
		const struct letter_citation *c = &l->citations[i];
		json_array_append_new(citations, json_pack("{s:o, s:s, s:s, s:b}", "instrument",
							   str_or_null(c->instrument), "article",
							   c->article, "context", c->context,
							   "violation", c->violation));
		if (c->violation)
			json_array_append_new(violations, json_pack("{s:o, s:s}", "instrument",
								    str_or_null(c->instrument),
								    "article", c->article));
	}
	json_object_set_new(o, "alleged_violations", violations);
	json_object_set_new(o, "citations", citations);

	json_t *ratifications = json_array();
	for (size_t i = 0; i < l->ratifications_count; i++) {
		const struct letter_ratification *r = &l->ratifications[i];
		json_array_append_new(ratifications,
				      json_pack("{s:s, s:s, s:o}", "instrument", r->instrument,
						"action", r->action, "date", date_or_null(r->date)));
	}
	json_object_set_new(o, "ratifications", ratifications);

	json_t *signatories = json_array();
	for (size_t i = 0; i < l->signatories_count; i++)
		json_array_append_new(signatories, json_pack("{s:s, s:s}", "name",
							     l->signatories[i].name, "title",
							     l->signatories[i].title));
	json_object_set_new(o, "signatories", signatories);
	json_object_set_new(o, "documents", strings(l->documents, l->documents_count));
	json_object_set_new(o, "links", strings(l->links, l->links_count));

	json_t *figures = json_array();
	for (size_t i = 0; i < l->figures_count; i++) {
		const struct letter_figure *f = &l->figures[i];
		double v = f->value;
		json_t *value = (v == floor(v) && fabs(v) < 9e15) ? json_integer((json_int_t)v) : json_real(v);
		json_array_append_new(figures, json_pack("{s:o, s:o, s:s}", "value", value, "unit",
							 str_or_null(f->unit), "context", f->context));
	}
	json_object_set_new(o, "figures", figures);
	json_object_set_new(o, "warnings", strings(l->warnings, l->warnings_count));
	if (with_body)
		json_object_set_new(o, "body", str_or_null(l->body));
	return o;
}
