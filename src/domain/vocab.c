/*
 * vocab.c - the case vocabularies from data/ into struct vocab. See
 * vocab.h. The JSON trees stay alive in private_data and the strings
 * point into them.
 */
#include "vocab.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "../util/buf.h"
#include "../util/die.h"
#include "../util/embedded.h"
#include "names.h"

struct vocab_private {
	json_t *methods, *words, *keywords;
};

static struct vocab shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static json_t *load_json(const char *name)
{
	const struct embedded_file *f = embedded_find(name);
	if (!f)
		BUG("%s is not embedded", name);
	json_error_t jerr;
	json_t *j = json_loads(f->data, 0, &jerr);
	if (!j)
		BUG("%s: line %d: %s", name, jerr.line, jerr.text);
	return j;
}

static const char **strings(json_t *arr, size_t *count, const char *where)
{
	*count = json_array_size(arr);
	const char **out = xcalloc(*count + 1, sizeof(char *));
	for (size_t i = 0; i < *count; i++)
		if (!(out[i] = json_string_value(json_array_get(arr, i))))
			BUG("%s[%zu] is not a string", where, i);
	return out;
}

/* Every mandate, provision and question a term suggests must exist. */
static void load_suggests(json_t *o, struct vocab_suggests *s, const char *where)
{
	const struct kb *kb = kb_shared();
	s->mandates = strings(json_object_get(o, "mandates"), &s->mandate_count, where);
	for (size_t i = 0; i < s->mandate_count; i++)
		if (!kb_mandate(kb, s->mandates[i]))
			BUG("%s: mandate %s is not in data/mandates.json", where, s->mandates[i]);
	s->questions = strings(json_object_get(o, "questions"), &s->question_count, where);
	for (size_t i = 0; i < s->question_count; i++)
		if (!kb_question(kb, s->questions[i]))
			BUG("%s: question %s is not in data/questions.json", where, s->questions[i]);
	json_t *provs = json_object_get(o, "provisions");
	s->provision_count = json_array_size(provs);
	s->provisions = xcalloc(s->provision_count + 1, sizeof(*s->provisions));
	for (size_t i = 0; i < s->provision_count; i++) {
		json_t *p = json_array_get(provs, i);
		struct vocab_provision *vp = &s->provisions[i];
		vp->instrument = json_string_value(json_object_get(p, "instrument"));
		const struct kb_instrument *ins = vp->instrument ? kb_instrument(kb, vp->instrument) : NULL;
		if (!ins)
			BUG("%s: provisions[%zu]: instrument %s unknown", where, i, vp->instrument);
		vp->articles = strings(json_object_get(p, "articles"), &vp->article_count, where);
		for (size_t k = 0; k < vp->article_count; k++)
			if (!kb_provision(ins, vp->articles[k]))
				BUG("%s: %s article %s unknown", where, vp->instrument, vp->articles[k]);
	}
}

/* A list of objects with id and label (and whatever else the list has). */
static void load_list(struct vocab_list *list, const char *name, json_t *arr, const char *flag_key)
{
	list->name = name;
	list->count = json_array_size(arr);
	list->items = xcalloc(list->count + 1, sizeof(*list->items));
	for (size_t i = 0; i < list->count; i++) {
		json_t *o = json_array_get(arr, i);
		struct vocab_entry *e = &list->items[i];
		if (json_is_string(o)) {
			e->id = e->label = json_string_value(o);
			continue;
		}
		e->id = json_string_value(json_object_get(o, "id"));
		e->label = json_string_value(json_object_get(o, "label"));
		if (!e->id || !e->label)
			BUG("%s %zu: no id or label", name, i);
		e->past = json_string_value(json_object_get(o, "past"));
		if (json_object_get(o, "types"))
			e->types = strings(json_object_get(o, "types"), &e->type_count, e->id);
		if (flag_key) {
			json_t *f = json_object_get(o, flag_key);
			e->flag = json_is_null(f) || !f ? -1 : json_is_true(f);
		}
		load_suggests(o, &e->suggests, e->id);
	}
}

/* The content words of a mandate's English title weigh less than the
 * keywords of the table, and every mandate has some. */
/* copy: word does not outlive the call (a title's word), keep a copy of it */
static void add_keyword(struct vocab *v, size_t *cap, const char *mandate, const char *word, int weight, bool copy)
{
	char *key = names_key(word);
	if (!*key) {
		free(key);
		return;
	}
	for (size_t i = 0; i < v->keyword_count; i++)
		if (!strcmp(v->keywords[i].mandate, mandate) && !strcmp(v->keywords[i].key, key)) {
			free(key);
			return;
		}
	ALLOC_GROW(v->keywords, v->keyword_count + 1, *cap);
	v->keywords[v->keyword_count++] = (struct vocab_keyword){mandate, copy ? xstrdup(word) : word, key, weight};
}

static void load_keywords(struct vocab *v, json_t *root)
{
	size_t cap = 0;
	json_t *weights = json_object_get(root, "weights");
	int kw = (int)json_integer_value(json_object_get(weights, "keyword"));
	int tw = (int)json_integer_value(json_object_get(weights, "title_word"));
	v->threshold = (int)json_integer_value(json_object_get(weights, "threshold"));
	const char *slug;
	json_t *words;
	json_object_foreach(json_object_get(root, "keywords"), slug, words)
	{
		if (!kb_mandate(kb_shared(), slug))
			BUG("data/mandate-keywords.json: %s is not a mandate", slug);
		size_t i;
		json_t *w;
		json_array_foreach(words, i, w) add_keyword(v, &cap, slug, json_string_value(w), kw, false);
	}
	json_t *stop = json_object_get(root, "title_stopwords");
	const struct kb *kb = kb_shared();
	for (size_t m = 0; m < kb->mandate_count; m++) {
		const struct kb_mandate *md = &kb->mandates[m];
		char *title = xstrdup(md->title[KB_EN]), *save = NULL;
		for (char *w = strtok_r(title, " ,;()'", &save); w; w = strtok_r(NULL, " ,;()'", &save)) {
			bool skip = strlen(w) < 3;
			size_t i;
			json_t *s;
			json_array_foreach(stop, i, s) if (!strcasecmp(w, json_string_value(s))) skip = true;
			if (!skip)
				add_keyword(v, &cap, md->slug, w, tw, true);
		}
		free(title);
	}
}

static void load_shared(void)
{
	struct vocab *v = &shared;
	struct vocab_private *p = xcalloc(1, sizeof(*p));
	p->methods = load_json("data/methods.json");
	p->words = load_json("data/case-vocabulary.json");
	p->keywords = load_json("data/mandate-keywords.json");
	v->private_data = p;
	load_list(&v->act_types, "act type", json_object_get(p->methods, "act_types"), NULL);
	load_list(&v->methods, "method", json_object_get(p->methods, "methods"), NULL);
	/* a method's own suggestions add to those of its types */
	for (size_t i = 0; i < v->methods.count; i++) {
		const struct vocab_entry *m = &v->methods.items[i];
		if (!m->type_count)
			BUG("method %s has no type", m->id);
		for (size_t t = 0; t < m->type_count; t++)
			if (!vocab_find(&v->act_types, m->types[t]))
				BUG("method %s: type %s is not an act type", m->id, m->types[t]);
	}
	json_t *custody = json_object_get(p->methods, "custody");
	const char *const findings[] = {"unregistered", "whereabouts-unknown", "death-in-custody", "held"};
	v->custody_findings.name = "custody finding";
	v->custody_findings.count = 4;
	v->custody_findings.items = xcalloc(5, sizeof(struct vocab_entry));
	for (size_t i = 0; i < 4; i++) {
		json_t *o = json_object_get(custody, findings[i]);
		if (!o)
			BUG("data/methods.json: custody.%s is missing", findings[i]);
		struct vocab_entry *e = &v->custody_findings.items[i];
		e->id = findings[i];
		e->label = json_string_value(json_object_get(o, "label"));
		load_suggests(o, &e->suggests, findings[i]);
	}
	json_t *w = p->words;
	load_list(&v->source_kinds, "source kind", json_object_get(w, "source_kinds"), "contact_required");
	load_list(&v->place_kinds, "place kind", json_object_get(w, "place_kinds"), "official");
	load_list(&v->perpetrator_kinds, "perpetrator kind", json_object_get(w, "perpetrator_kinds"), NULL);
	load_list(&v->body_locations, "body location", json_object_get(w, "body_locations"), NULL);
	load_list(&v->grades, "Istanbul Protocol grade", json_object_get(w, "consistency_grades"), NULL);
	load_list(&v->reliability, "reliability grade", json_object_get(w, "reliability"), NULL);
	load_list(&v->custody_steps, "custody step", json_object_get(w, "custody_steps"), NULL);
	load_list(&v->profiles, "profile", json_object_get(w, "profiles"), NULL);
	load_list(&v->sexes, "sex", json_object_get(w, "sexes"), NULL);
	load_list(&v->urgencies, "urgency", json_object_get(w, "urgencies"), NULL);
	load_list(&v->anonymous_names, "anonymous name", json_object_get(w, "anonymous_names"), NULL);
	load_keywords(v, p->keywords);
}

const struct vocab *vocab_shared(void)
{
	pthread_once(&shared_once, load_shared);
	return &shared;
}

const struct vocab_entry *vocab_find(const struct vocab_list *list, const char *id)
{
	for (size_t i = 0; id && i < list->count; i++)
		if (!strcmp(list->items[i].id, id))
			return &list->items[i];
	return NULL;
}

int vocab_index(const struct vocab_list *list, const char *id)
{
	const struct vocab_entry *e = vocab_find(list, id);
	return e ? (int)(e - list->items) : -1;
}

const struct vocab_entry *vocab_check(const struct vocab_list *list, const char *id, const char *field,
				      struct error *err)
{
	const struct vocab_entry *e = vocab_find(list, id);
	if (e)
		return e;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < list->count; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", list->items[i].id);
	if (!id)
		error_set(err, "%s: give a %s, one of: %s", field, list->name, b.data);
	else
		error_set(err, "%s: \"%s\" is not a %s; one of: %s", field, id, list->name, b.data);
	buf_release(&b);
	return NULL;
}
