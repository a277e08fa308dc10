/*
 * figure_vocab.c - loads data/figure-vocabulary.json. See figure_vocab.h.
 *
 * Cues and names are split here once into items (words, marks, gaps, the
 * number), so that reading a sentence never parses a pattern again. Every
 * reference between entries (a stage's category, a relation's parts, the
 * default sources) is checked at load: a typo in the data file is an
 * error naming the entry, never a silent miss.
 */
#include "figure_vocab.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "../util/embedded.h"

struct vocab_private {
	struct figure_vocab v;
	json_t *root;  /* the strings point into it */
	void **blocks; /* everything allocated, freed together */
	size_t block_count, block_cap;
};

static void *own(struct vocab_private *pv, void *p)
{
	ALLOC_GROW(pv->blocks, pv->block_count + 1, pv->block_cap);
	pv->blocks[pv->block_count++] = p;
	return p;
}

static const char *jstr(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool is_mark(const char *w)
{
	return w[0] && !w[1] && strchr(",;:()", w[0]);
}

/* Splits a cue ("{n} ... conviction*") or a name ("the Committee") into items. */
static int compile_pattern(struct vocab_private *pv, const char *text, bool cue,
                           struct figure_pattern *p, struct error *err)
{
	memset(p, 0, sizeof(*p));
	p->text = text;
	size_t cap = 1;
	for (const char *s = text; *s; s++)
		cap += *s == ' ';
	p->kinds = own(pv, xcalloc(cap, sizeof(*p->kinds)));
	p->words = own(pv, xcalloc(cap, sizeof(*p->words)));
	p->lengths = own(pv, xcalloc(cap, sizeof(*p->lengths)));
	p->number_at = (size_t)-1;
	const char *s = text;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		size_t n = (size_t)(e - s);
		char *w = own(pv, xstrndup(s, n));
		size_t i = p->count++;
		if (!strcmp(w, "{n}")) {
			if (!cue || p->number_at != (size_t)-1)
				return error_set(err, "\"%s\": {n} only once, and only in a cue",
				                 text);
			p->kinds[i] = CUE_NUMBER;
			p->number_at = i;
		} else if (!strcmp(w, "...")) {
			if (!cue)
				return error_set(err, "\"%s\": no gaps in a name", text);
			p->kinds[i] = CUE_GAP;
		} else if (is_mark(w)) {
			p->kinds[i] = CUE_PUNCT;
			p->words[i] = w;
			p->literals++;
		} else {
			if (n > 1 && w[n - 1] == '*') {
				w[n - 1] = '\0';
				p->kinds[i] = CUE_PREFIX;
			} else {
				p->kinds[i] = CUE_WORD;
			}
			for (char *c = w; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			p->words[i] = w;
			p->literals++;
		}
		s = e;
	}
	for (size_t i = 0; i < p->count; i++)
		p->lengths[i] = p->words[i] ? strlen(p->words[i]) : 0;
	if (cue && p->number_at == (size_t)-1)
		return error_set(err, "\"%s\": a cue needs {n}, where the number stands", text);
	if (!p->literals)
		return error_set(err, "\"%s\": no words", text);
	if (!cue)
		p->number_at = p->count;
	/* a gap at either end would only widen the match */
	if (p->kinds[0] == CUE_GAP || p->kinds[p->count - 1] == CUE_GAP)
		return error_set(err, "\"%s\": a gap must stand between words", text);
	return 0;
}

static int compile_list(struct vocab_private *pv, json_t *arr, bool cue,
                        struct figure_pattern **out, size_t *count, const char *owner,
                        struct error *err)
{
	*count = 0;
	*out = NULL;
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return error_set(err, "%s: expected a list", owner);
	*out = own(pv, xcalloc(json_array_size(arr) + 1, sizeof(**out)));
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
	{
		if (!json_is_string(it))
			return error_set(err, "%s: entry %zu is not text", owner, i + 1);
		if (compile_pattern(pv, json_string_value(it), cue, &(*out)[(*count)++], err) < 0) {
			struct error inner = *err;
			return error_set(err, "%s: %s", owner, inner.message);
		}
	}
	return 0;
}

static int load_categories(struct vocab_private *pv, json_t *arr, struct error *err)
{
	struct figure_vocab *v = &pv->v;
	if (!json_is_array(arr) || !json_array_size(arr))
		return error_set(err, "categories: expected a list");
	v->categories = own(pv, xcalloc(json_array_size(arr), sizeof(*v->categories)));
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
	{
		struct figure_category *c = &v->categories[v->category_count];
		c->key = jstr(it, "key");
		c->label = jstr(it, "label");
		c->kind = jstr(it, "kind");
		if (!c->key || !c->label || !c->kind)
			return error_set(err, "categories: entry %zu needs key, label and kind",
			                 i + 1);
		if (strcmp(c->kind, "cases") && strcmp(c->kind, "persons") &&
		    strcmp(c->kind, "complaints") && strcmp(c->kind, "amount"))
			return error_set(
			    err, "category %s: kind %s is not cases, persons, complaints or amount",
			    c->key, c->kind);
		if (figure_category(v, c->key))
			return error_set(err, "category %s: given twice", c->key);
		json_t *units = json_object_get(it, "units");
		if (!json_is_array(units))
			return error_set(err, "category %s: units must be a list", c->key);
		c->units = own(pv, xcalloc(json_array_size(units) + 1, sizeof(*c->units)));
		size_t j;
		json_t *u;
		json_array_foreach(units, j, u)
		{
			if (json_is_null(u))
				c->unit_none = true;
			else if (json_is_string(u))
				c->units[c->unit_count++] = json_string_value(u);
			else
				return error_set(err, "category %s: a unit is a name or null",
				                 c->key);
		}
		if (compile_list(pv, json_object_get(it, "cues"), true, &c->cues, &c->cue_count,
		                 c->key, err) < 0)
			return -1;
		v->category_count++;
	}
	return 0;
}

static int load_sources(struct vocab_private *pv, json_t *arr, struct error *err)
{
	struct figure_vocab *v = &pv->v;
	if (!json_is_array(arr) || !json_array_size(arr))
		return error_set(err, "sources: expected a list");
	v->sources = own(pv, xcalloc(json_array_size(arr), sizeof(*v->sources)));
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
	{
		struct figure_source *s = &v->sources[v->source_count];
		s->key = jstr(it, "key");
		s->label = jstr(it, "label");
		if (!s->key || !s->label)
			return error_set(err, "sources: entry %zu needs key and label", i + 1);
		if (figure_source(v, s->key))
			return error_set(err, "source %s: given twice", s->key);
		if (compile_list(pv, json_object_get(it, "names"), false, &s->names, &s->name_count,
		                 s->key, err) < 0 ||
		    compile_list(pv, json_object_get(it, "anaphors"), false, &s->anaphors,
		                 &s->anaphor_count, s->key, err) < 0)
			return -1;
		v->source_count++;
	}
	return 0;
}

static const struct figure_category *category_ref(struct figure_vocab *v, json_t *j,
                                                  const char *where, struct error *err)
{
	const char *key = json_is_string(j) ? json_string_value(j) : NULL;
	const struct figure_category *c = key ? figure_category(v, key) : NULL;
	if (!c)
		error_set(err, "%s: %s is not a category", where, key ? key : "(not text)");
	return c;
}

static int load_category_list(struct vocab_private *pv, json_t *arr,
                              const struct figure_category ***out, size_t *count, const char *where,
                              struct error *err)
{
	*count = 0;
	*out = own(pv, xcalloc(json_array_size(arr) + 1, sizeof(**out)));
	if (arr && !json_is_array(arr))
		return error_set(err, "%s: expected a list", where);
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
	{
		const struct figure_category *c = category_ref(&pv->v, it, where, err);
		if (!c)
			return -1;
		(*out)[(*count)++] = c;
	}
	return 0;
}

static int load_funnel(struct vocab_private *pv, json_t *stages, json_t *relations,
                       struct error *err)
{
	struct figure_vocab *v = &pv->v;
	if (!json_is_array(stages) || !json_array_size(stages))
		return error_set(err, "funnel: expected a list of stages");
	v->stages = own(pv, xcalloc(json_array_size(stages), sizeof(*v->stages)));
	size_t i;
	json_t *it;
	json_array_foreach(stages, i, it)
	{
		struct figure_stage *s = &v->stages[v->stage_count];
		if (!(s->category = category_ref(v, json_object_get(it, "stage"), "funnel", err)))
			return -1;
		for (size_t k = 0; k < v->stage_count; k++)
			if (v->stages[k].category == s->category)
				return error_set(err, "funnel: stage %s given twice",
				                 s->category->key);
		if (load_category_list(pv, json_object_get(it, "at_most"), &s->at_most,
		                       &s->at_most_count, s->category->key, err) < 0)
			return -1;
		v->stage_count++;
	}
	if (!json_is_array(relations))
		return error_set(err, "relations: expected a list");
	v->relations = own(pv, xcalloc(json_array_size(relations) + 1, sizeof(*v->relations)));
	json_array_foreach(relations, i, it)
	{
		struct figure_relation *r = &v->relations[v->relation_count];
		if (!(r->whole = category_ref(v, json_object_get(it, "whole"), "relations", err)))
			return -1;
		if (load_category_list(pv, json_object_get(it, "parts"), &r->parts, &r->part_count,
		                       r->whole->key, err) < 0)
			return -1;
		if (r->part_count < 1)
			return error_set(err, "relation %s: no parts", r->whole->key);
		for (size_t k = 0; k < r->part_count; k++)
			if (r->parts[k] == r->whole)
				return error_set(err, "relation %s: a whole is not its own part",
				                 r->whole->key);
		r->exhaustive = json_is_true(json_object_get(it, "exhaustive"));
		v->relation_count++;
	}
	return 0;
}

struct figure_vocab *figure_vocab_load(const char *name, const char *json, size_t len,
                                       struct error *err)
{
	struct vocab_private *pv = xcalloc(1, sizeof(*pv));
	struct figure_vocab *v = &pv->v;
	json_error_t jerr;
	pv->root = json_loadb(json, len, 0, &jerr);
	if (!pv->root) {
		error_set(err, "%s:%d: %s", name, jerr.line, jerr.text);
		figure_vocab_free(v);
		return NULL;
	}
	json_t *root = pv->root;
	json_t *nc = json_object_get(root, "not_counted_units");
	v->not_counted_units = own(pv, xcalloc(json_array_size(nc) + 1, sizeof(char *)));
	size_t i;
	json_t *it;
	json_array_foreach(nc, i, it) if (json_is_string(it))
	    v->not_counted_units[v->not_counted_count++] = json_string_value(it);
	struct error inner = {{0}};
	if (load_categories(pv, json_object_get(root, "categories"), &inner) < 0 ||
	    load_sources(pv, json_object_get(root, "sources"), &inner) < 0 ||
	    load_funnel(pv, json_object_get(root, "funnel"), json_object_get(root, "relations"),
	                &inner) < 0)
		goto fail;
	/* names by first letter, for figure_read.c's scan of a paragraph:
	 * counted in a first pass, filled in a second */
	for (int pass = 0; pass < 2; pass++) {
		size_t fill[256] = {0};
		for (size_t si = 0; si < v->source_count; si++)
			for (int a = 0; a < 2; a++) {
				const struct figure_source *s = &v->sources[si];
				const struct figure_pattern *list = a ? s->anaphors : s->names;
				size_t count = a ? s->anaphor_count : s->name_count;
				for (size_t k = 0; k < count; k++) {
					unsigned char c = (unsigned char)list[k].words[0][0];
					if (pass)
						v->names_by_letter[c][fill[c]] =
						    (struct figure_name_ref){s, &list[k], a == 1};
					fill[c]++;
				}
			}
		for (int c = 0; !pass && c < 256; c++)
			if (fill[c])
				v->names_by_letter[c] =
				    own(pv, xcalloc(fill[c] + 1, sizeof(struct figure_name_ref)));
	}
	const char *dl = jstr(root, "default_letter"), *dr = jstr(root, "default_reply");
	v->default_letter = dl ? figure_source(v, dl) : NULL;
	v->default_reply = dr ? figure_source(v, dr) : NULL;
	if (!v->default_letter || !v->default_reply) {
		error_set(&inner, "default_letter and default_reply must name sources");
		goto fail;
	}
	return v;
fail:
	error_set(err, "%s: %s", name, inner.message);
	figure_vocab_free(v);
	return NULL;
}

void figure_vocab_free(struct figure_vocab *v)
{
	if (!v)
		return;
	struct vocab_private *pv = (struct vocab_private *)v;
	for (size_t i = 0; i < pv->block_count; i++)
		free(pv->blocks[i]);
	free(pv->blocks);
	json_decref(pv->root);
	free(pv);
}

static struct figure_vocab *shared;

static void free_shared(void)
{
	figure_vocab_free(shared);
	shared = NULL;
}

const struct figure_vocab *figure_vocab_shared(void)
{
	if (shared)
		return shared;
	const char *name = "data/figure-vocabulary.json";
	const struct embedded_file *f = embedded_find(name);
	if (!f)
		BUG("%s is not in the binary", name);
	struct error err;
	shared = figure_vocab_load(name, f->data, f->size, &err);
	if (!shared)
		die("%s", err.message);
	atexit(free_shared);
	return shared;
}

const struct figure_category *figure_category(const struct figure_vocab *v, const char *key)
{
	for (size_t i = 0; key && i < v->category_count; i++)
		if (!strcmp(v->categories[i].key, key))
			return &v->categories[i];
	return NULL;
}

const struct figure_source *figure_source(const struct figure_vocab *v, const char *key)
{
	for (size_t i = 0; key && i < v->source_count; i++)
		if (!strcmp(v->sources[i].key, key))
			return &v->sources[i];
	return NULL;
}

bool figure_unit_not_counted(const struct figure_vocab *v, const char *unit)
{
	for (size_t i = 0; unit && i < v->not_counted_count; i++)
		if (!strcmp(v->not_counted_units[i], unit))
			return true;
	return false;
}

bool figure_category_takes_unit(const struct figure_category *c, const char *unit)
{
	if (!unit)
		return c->unit_none;
	for (size_t i = 0; i < c->unit_count; i++)
		if (!strcmp(c->units[i], unit))
			return true;
	return false;
}
