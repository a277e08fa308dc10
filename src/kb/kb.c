/*
 * kb.c - loads the knowledge base from the embedded data files and from
 * iso-codes. See kb.h. The JSON trees stay alive for the kb's lifetime;
 * the structs point into them rather than copying every string.
 */
#include "kb.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/die.h"
#include "../util/embedded.h"
#include "../util/text.h"
#include "isocodes.h"

const char *const kb_lang_codes[KB_LANGS] = {"en", "fr", "es"};

struct kb_instrument_pattern {
	const char *text;
	size_t len;
	const struct kb_instrument *instrument; /* NULL for a generic word */
	const char *generic;
	bool case_sensitive;
	unsigned char first; /* lowercased first byte, the sort key */
};

struct kb_private {
	json_t *roots[8];
	size_t root_count;
	char **strings; /* strdup'ed strings we own */
	size_t string_count, string_cap;
	void **blocks; /* other allocations we own */
	size_t block_count, block_cap;
	json_t *paragraphs; /* data/paragraphs.json, one of roots */
};

static const char *own_string(struct kb_private *pv, char *s)
{
	ALLOC_GROW(pv->strings, pv->string_count + 1, pv->string_cap);
	pv->strings[pv->string_count++] = s;
	return s;
}

static void *own_block(struct kb_private *pv, void *p)
{
	ALLOC_GROW(pv->blocks, pv->block_count + 1, pv->block_cap);
	pv->blocks[pv->block_count++] = p;
	return p;
}

static json_t *load_json(struct kb_private *pv, const char *name, struct error *err)
{
	const struct embedded_file *f = embedded_find(name);
	if (!f) {
		error_set(err, "knowledge base: %s is not in the binary", name);
		return NULL;
	}
	json_error_t jerr;
	json_t *root = json_loadb(f->data, f->size, 0, &jerr);
	if (!root) {
		error_set(err, "knowledge base: %s:%d: %s", name, jerr.line, jerr.text);
		return NULL;
	}
	if (pv->root_count >= sizeof(pv->roots) / sizeof(pv->roots[0]))
		BUG("too many knowledge base roots");
	pv->roots[pv->root_count++] = root;
	return root;
}

static const char *jstr(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int jdate(json_t *obj, const char *key)
{
	const char *s = jstr(obj, key);
	return s ? date_parse_iso(s) : DATE_NONE;
}

/* Appends the strings of a JSON array (or a single string) to list. */
static void strlist_add_json(struct strlist *list, json_t *arr)
{
	if (json_is_string(arr)) {
		list->items = xrealloc(list->items, (list->count + 1) * sizeof(*list->items));
		list->items[list->count++] = json_string_value(arr);
		return;
	}
	if (!json_is_array(arr))
		return;
	size_t i;
	json_t *v;
	list->items = xrealloc(list->items, (list->count + json_array_size(arr) + 1) * sizeof(*list->items));
	json_array_foreach(arr, i, v)
	{
		if (json_is_string(v))
			list->items[list->count++] = json_string_value(v);
	}
}

static void strlist_own(struct kb_private *pv, struct strlist *list)
{
	if (list->items)
		own_block(pv, (void *)list->items);
}

static int load_languages(struct kb *kb, struct kb_private *pv, struct error *err)
{
	json_t *root = load_json(pv, "data/languages.json", err);
	if (!root)
		return -1;
	json_t *units = load_json(pv, "data/figure-units.json", err);
	if (!units)
		return -1;
	for (int l = 0; l < KB_LANGS; l++) {
		struct kb_language *lang = &kb->languages[l];
		lang->lang = (enum kb_lang)l;
		lang->code = kb_lang_codes[l];
		json_t *pack = json_object_get(root, kb_lang_codes[l]);
		if (!json_is_object(pack))
			return error_set(err, "knowledge base: data/languages.json has no \"%s\"",
					 kb_lang_codes[l]);
		json_t *months = json_object_get(pack, "months");
		if (json_array_size(months) != 12)
			return error_set(err, "knowledge base: data/languages.json: \"%s\".months must list 12 months",
					 kb_lang_codes[l]);
		for (int m = 0; m < 12; m++) {
			strlist_add_json(&lang->months[m], json_array_get(months, (size_t)m));
			strlist_own(pv, &lang->months[m]);
		}
#define LIST(field, key)                                                    \
	do {                                                                \
		strlist_add_json(&lang->field, json_object_get(pack, key)); \
		strlist_own(pv, &lang->field);                              \
	} while (0)
		LIST(date_glue, "date_glue");
		LIST(stopwords, "stopwords");
		LIST(mandates_header, "mandates_header");
		LIST(reference_labels, "reference_labels");
		LIST(reference_noise, "reference_noise");
		LIST(salutations, "salutations");
		LIST(capacity_cues, "capacity_cues");
		LIST(resolution_cues, "resolution_cues");
		LIST(questions_cues, "questions_cues");
		LIST(reply_words, "reply_words");
		LIST(within, "within");
		LIST(day_words, "day_words");
		LIST(hour_words, "hour_words");
		LIST(violation_cues, "violation_cues");
		LIST(closing_cues, "closing_cues");
		LIST(office_words, "office_words");
		LIST(article_words, "article_words");
		LIST(of_words, "of_words");
		LIST(conjunction_cues, "conjunction_cues");
		LIST(common_cues, "common_cues");
		LIST(list_words, "list_words");
		LIST(annex_words, "annex_words");
		LIST(facts_cues, "facts_cues");
		LIST(year_words, "year_words");
		LIST(against_words, "against_words");
#undef LIST
		json_t *verbs = json_object_get(pack, "ratification_verbs");
		lang->ratification_verb_count = json_array_size(verbs);
		lang->ratification_verbs = own_block(pv, xcalloc(lang->ratification_verb_count + 1,
								 sizeof(struct kb_word_value)));
		for (size_t i = 0; i < lang->ratification_verb_count; i++) {
			json_t *pair = json_array_get(verbs, i);
			lang->ratification_verbs[i].word = json_string_value(json_array_get(pair, 0));
			lang->ratification_verbs[i].text = json_string_value(json_array_get(pair, 1));
			if (!lang->ratification_verbs[i].word || !lang->ratification_verbs[i].text)
				return error_set(err, "knowledge base: data/languages.json: \"%s\".ratification_verbs[%zu] must be [word, action]",
						 kb_lang_codes[l], i);
		}
		const char *key;
		json_t *v;
		json_t *numbers = json_object_get(pack, "number_words");
		lang->number_words = own_block(pv, xcalloc(json_object_size(numbers) + 1, sizeof(struct kb_word_value)));
		json_object_foreach(numbers, key, v)
		{
			struct kb_word_value *w = &lang->number_words[lang->number_word_count++];
			w->word = key;
			w->value = json_number_value(v);
		}
		json_t *scales = json_object_get(pack, "scale_words");
		lang->scale_words = own_block(pv, xcalloc(json_object_size(scales) + 1, sizeof(struct kb_word_value)));
		json_object_foreach(scales, key, v)
		{
			struct kb_word_value *w = &lang->scale_words[lang->scale_word_count++];
			w->word = key;
			w->value = json_number_value(v);
		}
		json_t *lunits = json_object_get(units, kb_lang_codes[l]);
		size_t total = 0;
		json_object_foreach(lunits, key, v) total += json_array_size(v);
		lang->unit_words = own_block(pv, xcalloc(total + 1, sizeof(struct kb_word_value)));
		json_object_foreach(lunits, key, v)
		{
			size_t i;
			json_t *w;
			json_array_foreach(v, i, w)
			{
				struct kb_word_value *u = &lang->unit_words[lang->unit_word_count++];
				u->word = json_string_value(w);
				u->text = key;
			}
		}
		/* longest first, so "police officers" is tried before "officers" */
		for (size_t i = 1; i < lang->unit_word_count; i++) {
			struct kb_word_value t = lang->unit_words[i];
			size_t j = i;
			while (j > 0 && strlen(lang->unit_words[j - 1].word) < strlen(t.word)) {
				lang->unit_words[j] = lang->unit_words[j - 1];
				j--;
			}
			lang->unit_words[j] = t;
		}
	}
	return 0;
}

static int load_mandates(struct kb *kb, struct kb_private *pv, struct error *err)
{
	json_t *root = load_json(pv, "data/mandates.json", err);
	if (!root)
		return -1;
	if (!json_is_array(root))
		return error_set(err, "knowledge base: data/mandates.json must be an array");
	kb->mandate_count = json_array_size(root);
	kb->mandates = own_block(pv, xcalloc(kb->mandate_count, sizeof(*kb->mandates)));
	for (size_t i = 0; i < kb->mandate_count; i++) {
		json_t *o = json_array_get(root, i);
		struct kb_mandate *m = &kb->mandates[i];
		m->slug = jstr(o, "slug");
		m->kind = jstr(o, "kind");
		m->body = jstr(o, "body");
		m->country = jstr(o, "country");
		m->established = jdate(o, "established");
		json_t *title = json_object_get(o, "title");
		for (int l = 0; l < KB_LANGS; l++)
			m->title[l] = jstr(title, kb_lang_codes[l]);
		if (!m->slug || !m->title[KB_EN])
			return error_set(err, "knowledge base: data/mandates.json[%zu]: a mandate needs a slug and an English title", i);
		json_t *aliases = json_object_get(o, "aliases");
		for (int l = 0; l < KB_LANGS; l++)
			strlist_add_json(&m->aliases, json_object_get(aliases, kb_lang_codes[l]));
		strlist_own(pv, &m->aliases);
		json_t *res = json_object_get(o, "resolutions");
		m->resolution_count = json_array_size(res);
		m->resolutions = own_block(pv, xcalloc(m->resolution_count + 1, sizeof(*m->resolutions)));
		for (size_t r = 0; r < m->resolution_count; r++) {
			json_t *ro = json_array_get(res, r);
			m->resolutions[r].symbol = jstr(ro, "symbol");
			m->resolutions[r].body = jstr(ro, "body");
			m->resolutions[r].adopted = jdate(ro, "adopted");
			if (!m->resolutions[r].symbol || m->resolutions[r].adopted == DATE_NONE)
				return error_set(err, "knowledge base: data/mandates.json: %s: resolution %zu needs a symbol and an adoption date",
						 m->slug, r + 1);
		}
		json_t *holders = json_object_get(o, "holders");
		m->holder_count = json_array_size(holders);
		m->holders = own_block(pv, xcalloc(m->holder_count + 1, sizeof(*m->holders)));
		for (size_t h = 0; h < m->holder_count; h++) {
			json_t *ho = json_array_get(holders, h);
			m->holders[h].name = jstr(ho, "name");
			m->holders[h].signs_as = jstr(ho, "signs_as");
			m->holders[h].from = jdate(ho, "from");
			m->holders[h].to = jdate(ho, "to");
			if (!m->holders[h].name || m->holders[h].from == DATE_NONE)
				return error_set(err, "knowledge base: data/mandates.json: %s: holder %zu needs a name and a start date",
						 m->slug, h + 1);
			if (!m->holders[h].signs_as)
				m->holders[h].signs_as = m->title[KB_EN];
		}
	}
	return 0;
}

static int load_instruments(struct kb *kb, struct kb_private *pv, struct error *err)
{
	json_t *root = load_json(pv, "data/instruments.json", err);
	if (!root)
		return -1;
	if (!json_is_array(root))
		return error_set(err, "knowledge base: data/instruments.json must be an array");
	kb->instrument_count = json_array_size(root);
	kb->instruments = own_block(pv, xcalloc(kb->instrument_count, sizeof(*kb->instruments)));
	for (size_t i = 0; i < kb->instrument_count; i++) {
		json_t *o = json_array_get(root, i);
		struct kb_instrument *ins = &kb->instruments[i];
		ins->short_name = jstr(o, "short");
		ins->kind = jstr(o, "kind");
		ins->binding = json_is_true(json_object_get(o, "binding"));
		ins->status_file = jstr(o, "treaty_status_file");
		ins->adopted = jdate(o, "adopted");
		if (!ins->short_name)
			return error_set(err, "knowledge base: data/instruments.json[%zu]: no \"short\" name", i);
		json_t *generic = json_object_get(o, "generic");
		json_t *names = json_object_get(o, "names");
		json_t *aliases = json_object_get(o, "aliases");
		for (int l = 0; l < KB_LANGS; l++) {
			ins->name[l] = json_string_value(json_array_get(json_object_get(names, kb_lang_codes[l]), 0));
			ins->generic[l] = jstr(generic, kb_lang_codes[l]);
			strlist_add_json(&ins->names, json_object_get(names, kb_lang_codes[l]));
			strlist_add_json(&ins->aliases, json_object_get(aliases, kb_lang_codes[l]));
		}
		strlist_own(pv, &ins->names);
		strlist_own(pv, &ins->aliases);
		for (int l = 1; l < KB_LANGS; l++)
			if (!ins->name[l])
				ins->name[l] = ins->name[KB_EN];
		if (!ins->name[KB_EN])
			return error_set(err, "knowledge base: data/instruments.json: %s has no English name", ins->short_name);
		json_t *prov = json_object_get(o, "provisions");
		ins->provision_count = json_array_size(prov);
		ins->provisions = own_block(pv, xcalloc(ins->provision_count + 1, sizeof(*ins->provisions)));
		for (size_t p = 0; p < ins->provision_count; p++) {
			json_t *po = json_array_get(prov, p);
			ins->provisions[p].article = jstr(po, "article");
			ins->provisions[p].summary = jstr(po, "summary");
		}
	}
	return 0;
}

static int pattern_cmp(const void *a, const void *b)
{
	const struct kb_instrument_pattern *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return 0;
}

static void build_patterns(struct kb *kb, struct kb_private *pv)
{
	size_t cap = 64, n = 0;
	struct kb_instrument_pattern *pats = xmalloc(cap * sizeof(*pats));
	for (size_t i = 0; i < kb->instrument_count; i++) {
		const struct kb_instrument *ins = &kb->instruments[i];
		for (int kind = 0; kind < 2; kind++) {
			const struct strlist *list = kind ? &ins->aliases : &ins->names;
			for (size_t k = 0; k < list->count; k++) {
				ALLOC_GROW(pats, n + 1, cap);
				struct kb_instrument_pattern *p = &pats[n++];
				p->text = list->items[k];
				p->len = strlen(p->text);
				p->instrument = ins;
				p->generic = NULL;
				p->case_sensitive = kind == 1;
				p->first = (unsigned char)tolower((unsigned char)p->text[0]);
			}
		}
		for (int l = 0; l < KB_LANGS; l++) {
			const char *g = ins->generic[l];
			if (!g)
				continue;
			bool seen = false;
			for (size_t k = 0; k < n; k++)
				if (pats[k].generic && !strcmp(pats[k].generic, g))
					seen = true;
			if (seen)
				continue;
			ALLOC_GROW(pats, n + 1, cap);
			struct kb_instrument_pattern *p = &pats[n++];
			p->text = g;
			p->len = strlen(g);
			p->instrument = NULL;
			p->generic = g;
			p->case_sensitive = true;
			p->first = (unsigned char)tolower((unsigned char)g[0]);
		}
	}
	qsort(pats, n, sizeof(*pats), pattern_cmp);
	kb->patterns = own_block(pv, pats);
	kb->pattern_count = n;
}

/* Words that make a following capitalised generic word a back-reference:
 * "the Convention", "la Convention", "del Pacto". */
static const char *const generic_articles[] = {"the ", "this ", "said ", "that ", "la ", "le ",
					       "l'", "du ", "el ", "del ", "dicha ", "dicho ",
					       "cette ", "ce ", NULL};

static bool after_article(const char *text, const char *p)
{
	for (int i = 0; generic_articles[i]; i++) {
		size_t n = strlen(generic_articles[i]);
		if ((size_t)(p - text) >= n && text_prefix_ci(p - n, generic_articles[i]) == n &&
		    (p - n == text || !text_word_char((unsigned char)p[-(ptrdiff_t)n - 1])))
			return true;
	}
	return false;
}

bool kb_instrument_at(const struct kb *kb, const char *text, const char *p,
		      struct kb_instrument_match *m)
{
	unsigned char first = (unsigned char)tolower((unsigned char)*p);
	size_t lo = 0, hi = kb->pattern_count;
	while (lo < hi) { /* first pattern with this first byte */
		size_t mid = (lo + hi) / 2;
		if (kb->patterns[mid].first < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (p > text && (p[-1] == '/' || text_word_char((unsigned char)p[-1])))
		return false;
	for (size_t i = lo; i < kb->pattern_count && kb->patterns[i].first == first; i++) {
		const struct kb_instrument_pattern *pat = &kb->patterns[i];
		size_t n = pat->case_sensitive ? (strncmp(p, pat->text, pat->len) ? 0 : pat->len)
					       : text_prefix_ci(p, pat->text);
		if (!n)
			continue;
		unsigned char after = (unsigned char)p[n];
		if (text_word_char(after) || after == '/' || (after == '-' && pat->case_sensitive))
			continue;
		if (pat->generic && !after_article(text, p))
			continue;
		m->instrument = pat->instrument;
		m->generic = pat->generic;
		m->length = n;
		return true;
	}
	return false;
}

static int load_statuses(struct kb *kb, struct kb_private *pv, struct error *err)
{
	size_t cap = 0;
	for (size_t i = 0; i < kb->instrument_count; i++) {
		const struct kb_instrument *ins = &kb->instruments[i];
		if (!ins->status_file)
			continue;
		char name[256];
		snprintf(name, sizeof(name), "data/treaty-status/%s", ins->status_file);
		const struct embedded_file *f = embedded_find(name);
		if (!f)
			return error_set(err, "knowledge base: %s (named by %s) is not in the binary",
					 name, ins->short_name);
		const char *line = f->data;
		bool header = true;
		while (*line) {
			const char *eol = strchr(line, '\n');
			if (!eol)
				eol = line + strlen(line);
			if (header) {
				header = false;
			} else if (eol - line > 4) {
				/* iso2,member,state party,year,signatory,no action,status,note */
				char fields[6][64] = {{0}};
				const char *p = line;
				for (int k = 0; k < 6 && p < eol; k++) {
					size_t n = 0;
					bool quoted = *p == '"';
					if (quoted)
						p++;
					while (p < eol && (quoted ? *p != '"' : *p != ',')) {
						if (n < sizeof(fields[k]) - 1)
							fields[k][n++] = *p;
						p++;
					}
					if (quoted && p < eol)
						p++;
					if (p < eol && *p == ',')
						p++;
				}
				const struct kb_country *c = NULL;
				for (size_t k = 0; k < kb->country_count && !c; k++)
					if (!strcmp(kb->countries[k].alpha2, fields[0]))
						c = &kb->countries[k];
				if (c) {
					ALLOC_GROW(kb->statuses, kb->status_count + 1, cap);
					struct kb_status *s = &kb->statuses[kb->status_count++];
					memcpy(s->alpha3, c->alpha3, 4);
					s->instrument = ins;
					s->party = fields[2][0] == '1';
					s->year = atoi(fields[3]);
					s->signatory = fields[4][0] == '1';
				}
			}
			line = *eol ? eol + 1 : eol;
		}
	}
	if (kb->statuses)
		own_block(pv, kb->statuses);
	return 0;
}

static int load_ratifications(struct kb *kb, struct kb_private *pv, struct error *err)
{
	json_t *root = load_json(pv, "data/ratifications.json", err);
	if (!root)
		return -1;
	kb->ratification_count = json_array_size(root);
	kb->ratifications = own_block(pv, xcalloc(kb->ratification_count + 1, sizeof(*kb->ratifications)));
	for (size_t i = 0; i < kb->ratification_count; i++) {
		json_t *o = json_array_get(root, i);
		struct kb_ratification *r = &kb->ratifications[i];
		const char *country = jstr(o, "country"), *ins = jstr(o, "instrument");
		r->instrument = ins ? kb_instrument(kb, ins) : NULL;
		r->action = jstr(o, "action");
		r->date = jdate(o, "date");
		r->source = jstr(o, "source");
		if (!country || strlen(country) != 3 || !r->instrument || !r->action || r->date == DATE_NONE)
			return error_set(err, "knowledge base: data/ratifications.json[%zu]: needs country (alpha-3), a known instrument, action and date", i);
		memcpy(r->alpha3, country, 4);
	}
	return 0;
}

static int load_sessions(struct kb *kb, struct kb_private *pv, struct error *err)
{
	json_t *root = load_json(pv, "data/hrc-sessions.json", err);
	if (!root)
		return -1;
	kb->session_count = json_array_size(root);
	kb->sessions = own_block(pv, xcalloc(kb->session_count + 1, sizeof(*kb->sessions)));
	for (size_t i = 0; i < kb->session_count; i++) {
		json_t *o = json_array_get(root, i), *r = json_object_get(o, "report");
		struct kb_session *s = &kb->sessions[i];
		s->session = (int)json_integer_value(json_object_get(o, "session"));
		s->opens = jdate(o, "from");
		s->closes = jdate(o, "to");
		s->report_symbol = jstr(r, "symbol");
		s->sent_from = jdate(r, "sent_from");
		s->sent_to = jdate(r, "sent_to");
		s->replies_from = jdate(r, "replies_from");
		s->replies_to = jdate(r, "replies_to");
		if (!s->session || s->opens == DATE_NONE || s->closes == DATE_NONE || s->sent_from == DATE_NONE ||
		    s->sent_to == DATE_NONE || s->replies_from == DATE_NONE || s->replies_to == DATE_NONE)
			return error_set(err, "knowledge base: data/hrc-sessions.json[%zu]: a session needs its number, dates and report windows", i);
	}
	return 0;
}

static int load_questions(struct kb *kb, struct kb_private *pv, struct error *err)
{
	json_t *root = load_json(pv, "data/questions.json", err);
	if (!root)
		return -1;
	kb->question_count = json_array_size(root);
	kb->questions = own_block(pv, xcalloc(kb->question_count + 1, sizeof(*kb->questions)));
	for (size_t i = 0; i < kb->question_count; i++) {
		json_t *o = json_array_get(root, i), *text = json_object_get(o, "text");
		struct kb_question *q = &kb->questions[i];
		q->id = jstr(o, "id");
		q->theme = jstr(o, "theme");
		for (int l = 0; l < KB_LANGS; l++)
			q->text[l] = jstr(text, kb_lang_codes[l]);
		if (!q->id || !q->theme || !q->text[KB_EN])
			return error_set(err, "knowledge base: data/questions.json[%zu]: a question needs an id, a theme and English text", i);
		strlist_add_json(&q->provisions, json_object_get(o, "provisions"));
		strlist_own(pv, &q->provisions);
	}
	return 0;
}

struct kb *kb_load(struct error *err)
{
	struct kb *kb = xcalloc(1, sizeof(*kb));
	struct kb_private *pv = xcalloc(1, sizeof(*pv));
	kb->private_data = pv;
	if (isocodes_load_countries(&kb->countries, &kb->country_count, err) < 0)
		goto fail;
	for (size_t i = 0; i < kb->country_count; i++) {
		own_string(pv, (char *)kb->countries[i].name[KB_EN]);
		if (kb->countries[i].name[KB_FR] != kb->countries[i].name[KB_EN])
			own_string(pv, (char *)kb->countries[i].name[KB_FR]);
		if (kb->countries[i].name[KB_ES] != kb->countries[i].name[KB_EN])
			own_string(pv, (char *)kb->countries[i].name[KB_ES]);
		if (kb->countries[i].official_name)
			own_string(pv, (char *)kb->countries[i].official_name);
	}
	own_block(pv, kb->countries);
	if (load_languages(kb, pv, err) < 0 || load_mandates(kb, pv, err) < 0 ||
	    load_instruments(kb, pv, err) < 0 || load_statuses(kb, pv, err) < 0 ||
	    load_ratifications(kb, pv, err) < 0 || load_sessions(kb, pv, err) < 0 ||
	    load_questions(kb, pv, err) < 0 || !load_json(pv, "data/paragraphs.json", err))
		goto fail;
	pv->paragraphs = pv->roots[pv->root_count - 1];
	const struct embedded_file *series = embedded_find("data/document-series.txt");
	if (!series) {
		error_set(err, "knowledge base: data/document-series.txt is not in the binary");
		goto fail;
	}
	char *copy = (char *)own_string(pv, xstrdup(series->data));
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!line[0] || line[0] == '#')
			continue;
		kb->document_series.items = xrealloc(kb->document_series.items,
						     (kb->document_series.count + 1) * sizeof(char *));
		kb->document_series.items[kb->document_series.count++] = line;
	}
	strlist_own(pv, &kb->document_series);
	build_patterns(kb, pv);
	return kb;
fail:
	kb_free(kb);
	return NULL;
}

void kb_free(struct kb *kb)
{
	if (!kb)
		return;
	struct kb_private *pv = kb->private_data;
	for (size_t i = 0; i < pv->root_count; i++)
		json_decref(pv->roots[i]);
	for (size_t i = 0; i < pv->string_count; i++)
		free(pv->strings[i]);
	for (size_t i = 0; i < pv->block_count; i++)
		free(pv->blocks[i]);
	free(pv->strings);
	free(pv->blocks);
	free(pv);
	free(kb);
}

static struct kb *shared;

static void free_shared(void)
{
	kb_free(shared);
	shared = NULL;
}

const struct kb *kb_shared(void)
{
	if (!shared) {
		struct error err;
		shared = kb_load(&err);
		if (!shared)
			die("%s", err.message);
		atexit(free_shared);
	}
	return shared;
}

const struct kb_country *kb_country(const struct kb *kb, const char *alpha3)
{
	size_t lo = 0, hi = kb->country_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(kb->countries[mid].alpha3, alpha3, 3);
		if (c == 0 && strlen(alpha3) == 3)
			return &kb->countries[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct kb_country *kb_country_by_name(const struct kb *kb, const char *name, size_t len)
{
	for (size_t i = 0; i < kb->country_count; i++)
		for (int l = 0; l < KB_LANGS; l++) {
			const char *n = kb->countries[i].name[l];
			if (n && strlen(n) == len && text_prefix_ci(name, n) == len)
				return &kb->countries[i];
		}
	return NULL;
}

const struct kb_mandate *kb_mandate(const struct kb *kb, const char *slug)
{
	for (size_t i = 0; i < kb->mandate_count; i++)
		if (!strcmp(kb->mandates[i].slug, slug))
			return &kb->mandates[i];
	return NULL;
}

/* A title without its leading article, for comparison. */
static const char *skip_article(const char *s)
{
	static const char *const articles[] = {"and the ", "et du ", "et de la ", "et de l'", "y del ",
					       "y de la ", "the ", "du ", "de la ", "de l'", "des ",
					       "del ", "de los ", "la ", "le ", "el ", "l'", NULL};
	for (int i = 0; articles[i]; i++) {
		size_t n = text_prefix_ci(s, articles[i]);
		if (n)
			return s + n;
	}
	return s;
}

static bool same_title(const char *a, const char *b)
{
	a = skip_article(a);
	b = skip_article(b);
	size_t n = strlen(a), m = strlen(b);
	while (n && (a[n - 1] == '.' || a[n - 1] == ',' || a[n - 1] == ' '))
		n--;
	return n == m && text_prefix_ci(a, b) == m;
}

const struct kb_mandate *kb_mandate_by_title(const struct kb *kb, const char *title)
{
	for (size_t i = 0; i < kb->mandate_count; i++) {
		const struct kb_mandate *m = &kb->mandates[i];
		for (int l = 0; l < KB_LANGS; l++)
			if (m->title[l] && same_title(title, m->title[l]))
				return m;
		for (size_t k = 0; k < m->aliases.count; k++)
			if (same_title(title, m->aliases.items[k]))
				return m;
	}
	return NULL;
}

const struct kb_resolution *kb_mandate_resolution_on(const struct kb_mandate *m, int date)
{
	const struct kb_resolution *best = NULL;
	for (size_t i = 0; i < m->resolution_count; i++)
		if (m->resolutions[i].adopted <= date &&
		    (!best || m->resolutions[i].adopted >= best->adopted))
			best = &m->resolutions[i];
	return best;
}

const struct kb_holder *kb_mandate_holder_on(const struct kb_mandate *m, int date)
{
	for (size_t i = 0; i < m->holder_count; i++) {
		const struct kb_holder *h = &m->holders[i];
		if (h->from <= date && (h->to == DATE_NONE || date <= h->to))
			return h;
	}
	return NULL;
}

const struct kb_instrument *kb_instrument(const struct kb *kb, const char *short_name)
{
	for (size_t i = 0; i < kb->instrument_count; i++)
		if (!strcmp(kb->instruments[i].short_name, short_name))
			return &kb->instruments[i];
	return NULL;
}

const struct kb_provision *kb_provision(const struct kb_instrument *ins, const char *article)
{
	/* "2(3)" is found under "2" when the knowledge base has no "2(3)" */
	const struct kb_provision *base = NULL;
	size_t lead = strspn(article, "0123456789");
	for (size_t i = 0; i < ins->provision_count; i++) {
		const char *a = ins->provisions[i].article;
		if (!a)
			continue;
		if (!strcmp(a, article))
			return &ins->provisions[i];
		if (lead && strlen(a) == lead && !strncmp(a, article, lead))
			base = &ins->provisions[i];
	}
	return base;
}

const struct kb_language *kb_language(const struct kb *kb, const char *code)
{
	for (int l = 0; l < KB_LANGS; l++)
		if (code && !strcmp(kb_lang_codes[l], code))
			return &kb->languages[l];
	return NULL;
}

bool kb_party_to(const struct kb *kb, const char *alpha3, const struct kb_instrument *ins,
		 int *date, const char **action, int *year)
{
	*date = DATE_NONE;
	*action = NULL;
	*year = 0;
	bool party = false;
	for (size_t i = 0; i < kb->ratification_count; i++) {
		const struct kb_ratification *r = &kb->ratifications[i];
		if (r->instrument == ins && !strcmp(r->alpha3, alpha3) && strcmp(r->action, "signed")) {
			*date = r->date;
			*action = r->action;
			int m, d;
			date_to_ymd(r->date, year, &m, &d);
			party = true;
		}
	}
	for (size_t i = 0; i < kb->status_count && !party; i++) {
		const struct kb_status *s = &kb->statuses[i];
		if (s->instrument == ins && !strcmp(s->alpha3, alpha3) && s->party) {
			*year = s->year;
			party = true;
		}
	}
	return party;
}

const struct kb_session *kb_session_for_sent(const struct kb *kb, int date)
{
	for (size_t i = 0; i < kb->session_count; i++)
		if (kb->sessions[i].sent_from <= date && date <= kb->sessions[i].sent_to)
			return &kb->sessions[i];
	return NULL;
}

const struct kb_session *kb_session(const struct kb *kb, int number)
{
	for (size_t i = 0; i < kb->session_count; i++)
		if (kb->sessions[i].session == number)
			return &kb->sessions[i];
	return NULL;
}

const struct kb_question *kb_question(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->question_count; i++)
		if (!strcmp(kb->questions[i].id, id))
			return &kb->questions[i];
	return NULL;
}

const char *kb_paragraph(const struct kb *kb, const char *key, enum kb_lang lang)
{
	const struct kb_private *pv = kb->private_data;
	json_t *p = json_object_get(pv->paragraphs, key);
	const char *s = jstr(p, kb_lang_codes[lang]);
	return s ? s : jstr(p, "en");
}

const char *kb_paragraph_key(const struct kb *kb, size_t i)
{
	const struct kb_private *pv = kb->private_data;
	void *it = json_object_iter(pv->paragraphs);
	for (; it && i; i--)
		it = json_object_iter_next(pv->paragraphs, it);
	return it ? json_object_iter_key(it) : NULL;
}

enum kb_lang kb_lang_of(const char *code)
{
	for (int l = 0; l < KB_LANGS; l++)
		if (code && !strcmp(code, kb_lang_codes[l]))
			return (enum kb_lang)l;
	return KB_EN;
}
