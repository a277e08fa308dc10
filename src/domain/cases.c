/*
 * cases.c - cases in and out of the store. See cases.h and docs/CASES.md.
 * An import resolves references ("ref" names given in the same import, or
 * ids already in the case), checks every field, refuses summaries that
 * name a victim who did not consent to be named, and writes it all in one
 * transaction. Knows persons, custody, medical, privacy and the store.
 */
#include "cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "clock.h"
#include "fields.h"
#include "names.h"
#include "vocab.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* --- creating ------------------------------------------------------------------------------ */

long long cases_create(struct db *db, const struct privacy *pv, const char *title, const char *country,
		       const char *notes, const char *actor, struct error *err)
{
	if (!title || !*title) {
		error_set(err, "title: required: one line saying what the case is (no names of people)");
		return 0;
	}
	if (strlen(title) > FIELDS_LINE_MAX || strpbrk(title, "\r\n")) {
		error_set(err, "title: one line of at most %d bytes", FIELDS_LINE_MAX);
		return 0;
	}
	if (!country || !kb_country(kb_shared(), country) || !strcmp(country, "OTH")) {
		error_set(err, "country: \"%s\" is not an ISO 3166-1 alpha-3 code the knowledge base knows",
			  country ? country : "");
		return 0;
	}
	char now[32];
	clock_now_iso(now);
	char *sealed = privacy_seal(pv, "cases.notes_sealed", notes);
	struct db_stmt *st = db_prepare(db, "INSERT INTO cases(title, country, notes_sealed, created_by, created_at) "
					    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", err);
	long long id = 0;
	if (st) {
		db_bind_text(st, 1, title);
		db_bind_text(st, 2, country);
		db_bind_text(st, 3, sealed);
		db_bind_text(st, 4, actor);
		db_bind_text(st, 5, now);
		if (db_step(st, err) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	free(sealed);
	return id;
}

int cases_add_victim(struct db *db, long long case_id, long long person_id, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM case_victims WHERE case_id = ?1 AND person_id = ?2", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, person_id);
	int rc = db_step(st, err);
	db_finalize(st);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	char case_text[24];
	snprintf(case_text, sizeof(case_text), "%lld", case_id);
	long long n = db_query_int(db, 0, "SELECT count(*) FROM case_victims WHERE case_id = ?1", case_text, NULL);
	char label[32];
	persons_label((size_t)n, label);
	st = db_prepare(db, "INSERT INTO case_victims(case_id, person_id, label) VALUES (?1, ?2, ?3)", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, label);
	rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* --- references in an import ------------------------------------------------------------------ */

enum ref_kind { REF_VICTIM, REF_PLACE, REF_PERPETRATOR, REF_SOURCE, REF_EVENT, REF_ACT, REF_KINDS };
static const char *const ref_names[REF_KINDS] = {"victim", "place", "perpetrator", "source", "event", "act"};

struct ref {
	enum ref_kind kind;
	const char *name;
	long long id;
};

struct import {
	struct db *db;
	const struct privacy *pv;
	long long case_id;
	int today;
	struct ref *refs;
	size_t ref_count, ref_cap;
	struct buf *report;
	struct error *err;
};

static int define_ref(struct import *im, enum ref_kind kind, json_t *o, const char *where, long long id)
{
	json_t *r = json_object_get(o, "ref");
	if (!r)
		return 0;
	if (!json_is_string(r) || !*json_string_value(r))
		return error_set(im->err, "%s.ref: give a name such as \"a\" or \"ps2\"", where);
	for (size_t i = 0; i < im->ref_count; i++)
		if (im->refs[i].kind == kind && !strcmp(im->refs[i].name, json_string_value(r)))
			return error_set(im->err, "%s.ref: \"%s\" names another %s already", where, json_string_value(r),
					 ref_names[kind]);
	ALLOC_GROW(im->refs, im->ref_count + 1, im->ref_cap);
	im->refs[im->ref_count++] = (struct ref){kind, json_string_value(r), id};
	return 0;
}

/* Is id a thing of this kind in the case? */
static bool in_case(struct import *im, enum ref_kind kind, long long id)
{
	static const char *const sql[REF_KINDS] = {
		"SELECT 1 FROM case_victims WHERE person_id = ?2 AND case_id = ?1",
		"SELECT 1 FROM places WHERE id = ?2 AND case_id = ?1",
		"SELECT 1 FROM perpetrators WHERE id = ?2 AND case_id = ?1",
		"SELECT 1 FROM sources WHERE id = ?2 AND ?1 = ?1",
		"SELECT 1 FROM events WHERE id = ?2 AND case_id = ?1",
		"SELECT 1 FROM acts a JOIN events e ON e.id = a.event_id WHERE a.id = ?2 AND e.case_id = ?1",
	};
	struct db_stmt *st = db_prepare(im->db, sql[kind], NULL);
	if (!st)
		return false;
	db_bind_int(st, 1, im->case_id);
	db_bind_int(st, 2, id);
	bool found = db_step(st, NULL) == 1;
	db_finalize(st);
	return found;
}

/* The id o[key] stands for: a number held in the case, or a ref given
 * earlier in the import. 0 (not an error) when absent and not required. */
static int resolve(struct import *im, json_t *o, const char *key, enum ref_kind kind, const char *where,
		   bool required, long long *id)
{
	*id = 0;
	char path[160];
	fields_path(where, key, path);
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return required ? error_set(im->err, "%s: required: a %s's ref or number", path, ref_names[kind]) : 0;
	if (json_is_integer(v)) {
		long long n = json_integer_value(v);
		if (n <= 0 || !in_case(im, kind, n))
			return error_set(im->err, "%s: there is no %s %lld in case %lld", path, ref_names[kind], n,
					 im->case_id);
		*id = n;
		return 0;
	}
	if (!json_is_string(v))
		return error_set(im->err, "%s: give a %s's ref (\"a\") or number", path, ref_names[kind]);
	for (size_t i = 0; i < im->ref_count; i++)
		if (im->refs[i].kind == kind && !strcmp(im->refs[i].name, json_string_value(v))) {
			*id = im->refs[i].id;
			return 0;
		}
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < im->ref_count; i++)
		if (im->refs[i].kind == kind)
			buf_addf(&b, "%s\"%s\"", b.len ? ", " : "", im->refs[i].name);
	error_set(im->err, "%s: \"%s\" is not a %s defined before it in this import%s%s", path, json_string_value(v),
		  ref_names[kind], b.len ? "; the refs are: " : "", b.data);
	buf_release(&b);
	return -1;
}

static json_t *list_of(struct import *im, json_t *o, const char *key, int *rc)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		*rc = error_set(im->err, "%s: give a list ([...])", key);
		return NULL;
	}
	return v;
}

static void report_line(struct import *im, json_t *o, const char *what, long long id, const char *extra)
{
	json_t *r = json_object_get(o, "ref");
	if (json_is_string(r))
		buf_addf(im->report, "%s \"%s\": %s %lld%s\n", what, json_string_value(r), what, id, extra ? extra : "");
	else
		buf_addf(im->report, "%s %lld%s\n", what, id, extra ? extra : "");
}

/* --- facts and their sources ------------------------------------------------------------------ */

static int cite(struct import *im, json_t *o, const char *where, const char *fact_kind, long long fact_id)
{
	json_t *list = json_object_get(o, "sources");
	if (!list || json_is_null(list))
		return 0;
	char path[160];
	fields_path(where, "sources", path);
	if (!json_is_array(list))
		return error_set(im->err, "%s: give a list such as [{\"source\": \"s1\", \"reliability\": \"probable\"}]", path);
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *c = json_array_get(list, i);
		char w[200];
		snprintf(w, sizeof(w), "%s[%zu]", path, i);
		static const char *const keys[] = {"source", "submission", "reliability", NULL};
		if (fields_check_keys(c, w, keys, im->err) < 0)
			return -1;
		long long source = 0, submission = 0;
		if (json_object_get(c, "submission")) {
			if (fields_int(c, "submission", w, true, 1, (long long)1 << 53, &submission, NULL, im->err) < 0)
				return -1;
			char text[24];
			snprintf(text, sizeof(text), "%lld", submission);
			source = db_query_int(im->db, 0, "SELECT source_id FROM submissions WHERE id = ?1", text, NULL);
			if (!source)
				return error_set(im->err, "%s.submission: no submission %lld", w, submission);
		} else if (resolve(im, c, "source", REF_SOURCE, w, true, &source) < 0)
			return -1;
		const char *grade;
		if (fields_string(c, "reliability", w, true, FIELDS_LINE_MAX, &grade, im->err) < 0)
			return -1;
		char gp[220];
		fields_path(w, "reliability", gp);
		const struct vocab_entry *g = vocab_check(&vocab_shared()->reliability, grade, gp, im->err);
		if (!g)
			return -1;
		struct db_stmt *st = db_prepare(im->db, "INSERT INTO fact_sources(case_id, fact_kind, fact_id, source_id, reliability) "
						"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (fact_kind, fact_id, source_id) DO UPDATE "
						"SET reliability = ?5", im->err);
		if (!st)
			return -1;
		db_bind_int(st, 1, im->case_id);
		db_bind_text(st, 2, fact_kind);
		db_bind_int(st, 3, fact_id);
		db_bind_int(st, 4, source);
		db_bind_text(st, 5, g->id);
		int rc = db_step(st, im->err);
		db_finalize(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* --- each list -------------------------------------------------------------------------------- */

static int import_sources(struct import *im, json_t *list)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *o = json_array_get(list, i);
		char w[32];
		snprintf(w, sizeof(w), "sources[%zu]", i);
		static const char *const keys[] = {"ref", "kind", "identity", "contact", NULL};
		if (fields_check_keys(o, w, keys, im->err) < 0)
			return -1;
		const char *kind, *identity, *contact;
		if (fields_string(o, "kind", w, true, FIELDS_LINE_MAX, &kind, im->err) < 0 ||
		    fields_string(o, "identity", w, true, FIELDS_LINE_MAX, &identity, im->err) < 0 ||
		    fields_string(o, "contact", w, false, FIELDS_LINE_MAX, &contact, im->err) < 0)
			return -1;
		char path[64];
		snprintf(path, sizeof(path), "%s.kind", w);
		const struct vocab_entry *k = vocab_check(&vocab_shared()->source_kinds, kind, path, im->err);
		if (!k)
			return -1;
		if (k->flag == 1 && !contact)
			return error_set(im->err, "%s.contact: required for %s (kept confidential)", w, k->label);
		char now[32];
		clock_now_iso(now);
		char *si = privacy_seal(im->pv, "sources.identity_sealed", identity);
		char *sc = privacy_seal(im->pv, "sources.contact_sealed", contact);
		struct db_stmt *st = db_prepare(im->db, "INSERT INTO sources(kind, identity_sealed, contact_sealed, created_by, "
						"created_at) VALUES (?1, ?2, ?3, 'case import', ?4) RETURNING id", im->err);
		long long id = 0;
		if (st) {
			db_bind_text(st, 1, k->id);
			db_bind_text(st, 2, si);
			db_bind_text(st, 3, sc);
			db_bind_text(st, 4, now);
			if (db_step(st, im->err) == 1)
				id = db_int(st, 0);
			db_finalize(st);
		}
		free(si);
		free(sc);
		if (!id || define_ref(im, REF_SOURCE, o, w, id) < 0)
			return -1;
		report_line(im, o, "source", id, NULL);
	}
	return 0;
}

static int import_victims(struct import *im, json_t *list)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *o = json_array_get(list, i);
		char w[32];
		snprintf(w, sizeof(w), "victims[%zu]", i);
		long long id = 0;
		if (json_is_object(o) && json_object_get(o, "person")) {
			static const char *const keys[] = {"ref", "person", NULL};
			if (fields_check_keys(o, w, keys, im->err) < 0 ||
			    fields_int(o, "person", w, true, 1, (long long)1 << 53, &id, NULL, im->err) < 0)
				return -1;
			char text[24];
			snprintf(text, sizeof(text), "%lld", id);
			long long merged = db_query_int(im->db, -1, "SELECT coalesce(merged_into, 0) FROM persons WHERE id = ?1", text, NULL);
			if (merged < 0)
				return error_set(im->err, "%s.person: no person %lld", w, id);
			if (merged > 0)
				return error_set(im->err, "%s.person: person %lld was merged into person %lld", w, id, merged);
		} else {
			struct person p;
			person_init(&p);
			int rc = person_from_json(o, w, &p, im->err);
			if (rc == 0 && !(id = persons_insert(im->db, im->pv, &p, im->err)))
				rc = -1;
			person_release(&p);
			if (rc < 0)
				return -1;
		}
		if (cases_add_victim(im->db, im->case_id, id, im->err) < 0 || define_ref(im, REF_VICTIM, o, w, id) < 0)
			return -1;
		char label[64];
		struct db_stmt *st = db_prepare(im->db, "SELECT label FROM case_victims WHERE case_id = ?1 AND person_id = ?2", NULL);
		snprintf(label, sizeof(label), " ");
		if (st) {
			db_bind_int(st, 1, im->case_id);
			db_bind_int(st, 2, id);
			if (db_step(st, NULL) == 1)
				snprintf(label, sizeof(label), " (%s)", db_text(st, 0));
			db_finalize(st);
		}
		report_line(im, o, "person", id, label);
	}
	return 0;
}

static int import_places(struct import *im, json_t *list)
{
	const struct vocab *v = vocab_shared();
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *o = json_array_get(list, i);
		char w[32];
		snprintf(w, sizeof(w), "places[%zu]", i);
		static const char *const keys[] = {"ref", "name", "kind", "official", "locality", "authority", NULL};
		if (fields_check_keys(o, w, keys, im->err) < 0)
			return -1;
		const char *name, *kind, *locality, *authority;
		if (fields_string(o, "name", w, true, FIELDS_LINE_MAX, &name, im->err) < 0 ||
		    fields_string(o, "kind", w, true, FIELDS_LINE_MAX, &kind, im->err) < 0 ||
		    fields_string(o, "locality", w, false, FIELDS_LINE_MAX, &locality, im->err) < 0 ||
		    fields_string(o, "authority", w, false, FIELDS_LINE_MAX, &authority, im->err) < 0)
			return -1;
		char path[64];
		snprintf(path, sizeof(path), "%s.kind", w);
		const struct vocab_entry *k = vocab_check(&v->place_kinds, kind, path, im->err);
		if (!k)
			return -1;
		bool official = k->flag == 1, given;
		if (fields_bool(o, "official", w, false, &official, &given, im->err) < 0)
			return -1;
		if (!given && k->flag < 0)
			return error_set(im->err, "%s.official: say whether %s (%s) is an official place of deprivation of "
						  "liberty (true or false)",
					 w, name, k->label);
		struct db_stmt *st = db_prepare(im->db, "INSERT INTO places(case_id, name, kind, official, locality, authority) "
						"VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id", im->err);
		long long id = 0;
		if (st) {
			db_bind_int(st, 1, im->case_id);
			db_bind_text(st, 2, name);
			db_bind_text(st, 3, k->id);
			db_bind_int(st, 4, official);
			db_bind_text(st, 5, locality);
			db_bind_text(st, 6, authority);
			if (db_step(st, im->err) == 1)
				id = db_int(st, 0);
			db_finalize(st);
		}
		if (!id || define_ref(im, REF_PLACE, o, w, id) < 0)
			return -1;
		report_line(im, o, "place", id, official ? " (official)" : " (unofficial)");
	}
	return 0;
}

static int import_perpetrators(struct import *im, json_t *list)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *o = json_array_get(list, i);
		char w[40];
		snprintf(w, sizeof(w), "perpetrators[%zu]", i);
		static const char *const keys[] = {"ref", "kind", "unit", "role", "name", NULL};
		if (fields_check_keys(o, w, keys, im->err) < 0)
			return -1;
		const char *kind, *unit, *role, *name;
		if (fields_string(o, "kind", w, false, FIELDS_LINE_MAX, &kind, im->err) < 0 ||
		    fields_string(o, "unit", w, false, FIELDS_LINE_MAX, &unit, im->err) < 0 ||
		    fields_string(o, "role", w, false, FIELDS_LINE_MAX, &role, im->err) < 0 ||
		    fields_string(o, "name", w, false, FIELDS_LINE_MAX, &name, im->err) < 0)
			return -1;
		char path[64];
		snprintf(path, sizeof(path), "%s.kind", w);
		const struct vocab_entry *k = vocab_check(&vocab_shared()->perpetrator_kinds, kind ? kind : "state-agent", path, im->err);
		if (!k)
			return -1;
		if (!unit && !role)
			return error_set(im->err, "%s.unit: give the unit or the role (or both): who did it, without names", w);
		char *sealed = privacy_seal(im->pv, "perpetrators.name_sealed", name);
		struct db_stmt *st = db_prepare(im->db, "INSERT INTO perpetrators(case_id, kind, unit, role, name_sealed) "
						"VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", im->err);
		long long id = 0;
		if (st) {
			db_bind_int(st, 1, im->case_id);
			db_bind_text(st, 2, k->id);
			db_bind_text(st, 3, unit);
			db_bind_text(st, 4, role);
			db_bind_text(st, 5, sealed);
			if (db_step(st, im->err) == 1)
				id = db_int(st, 0);
			db_finalize(st);
		}
		free(sealed);
		if (!id || define_ref(im, REF_PERPETRATOR, o, w, id) < 0)
			return -1;
		report_line(im, o, "perpetrator", id, NULL);
	}
	return 0;
}

/* The names (opened) of the case's victims who did not consent. */
static size_t unnamed_victims(struct import *im, struct person **out)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(im->db, "SELECT v.person_id, v.label FROM case_victims v JOIN persons p ON p.id = v.person_id "
					"WHERE v.case_id = ?1 AND p.kind = 'person' AND p.consent_named = 0", NULL);
	if (!st)
		return 0;
	db_bind_int(st, 1, im->case_id);
	long long ids[1024];
	char labels[1024][32];
	size_t n = 0;
	while (db_step(st, NULL) == 1 && n < 1024) {
		ids[n] = db_int(st, 0);
		snprintf(labels[n++], 32, "%s", db_text(st, 1));
	}
	db_finalize(st);
	*out = xcalloc(n + 1, sizeof(**out));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (persons_load(im->db, im->pv, ids[i], &(*out)[k], NULL) == 0) {
			(*out)[k].label = xstrdup(labels[i]);
			k++;
		}
	return k;
}

/* Text that goes into a letter must not name a victim who did not
 * consent: the whole name, or any of its words of four letters or more,
 * in any spelling or script. */
static int check_unnamed(struct import *im, const char *text, const char *path)
{
	struct person *unnamed;
	size_t n = unnamed_victims(im, &unnamed);
	char *tkey = names_key(text);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *nkey = names_key(unnamed[i].name ? unnamed[i].name : "");
		bool named = *nkey && names_key_contains(tkey, nkey, true);
		char *copy = xstrdup(nkey), *words[12];
		size_t nw = names_words(copy, words, 12);
		for (size_t w = 0; w < nw && !named; w++)
			named = strlen(words[w]) >= 4 && names_key_contains(tkey, words[w], true);
		if (named)
			rc = error_set(im->err, "%s: names %s, who did not consent to be named: write \"%s\" instead", path,
				       unnamed[i].name, unnamed[i].label);
		free(copy);
		free(nkey);
	}
	free(tkey);
	for (size_t i = 0; i < n; i++)
		person_release(&unnamed[i]);
	free(unnamed);
	return rc;
}

static int import_act(struct import *im, json_t *o, const char *w, long long event_id)
{
	static const char *const keys[] = {"ref", "event", "victim", "type", "method", "perpetrator", "sources", NULL};
	if (fields_check_keys(o, w, keys, im->err) < 0)
		return -1;
	const struct vocab *v = vocab_shared();
	if (!event_id && resolve(im, o, "event", REF_EVENT, w, true, &event_id) < 0)
		return -1;
	long long victim, perpetrator;
	if (resolve(im, o, "victim", REF_VICTIM, w, true, &victim) < 0 ||
	    resolve(im, o, "perpetrator", REF_PERPETRATOR, w, false, &perpetrator) < 0)
		return -1;
	const char *type, *method;
	if (fields_string(o, "type", w, false, FIELDS_LINE_MAX, &type, im->err) < 0 ||
	    fields_string(o, "method", w, false, FIELDS_LINE_MAX, &method, im->err) < 0)
		return -1;
	char path[200];
	const struct vocab_entry *m = NULL, *t = NULL;
	if (method) {
		fields_path(w, "method", path);
		if (!(m = vocab_check(&v->methods, method, path, im->err)))
			return -1;
	}
	if (!type && !m)
		return error_set(im->err, "%s.type: required when no method is given (a type of act such as torture)", w);
	fields_path(w, "type", path);
	if (!(t = vocab_check(&v->act_types, type ? type : m->types[0], path, im->err)))
		return -1;
	if (m) {
		bool fits = false;
		for (size_t i = 0; i < m->type_count; i++)
			fits = fits || !strcmp(m->types[i], t->id);
		if (!fits) {
			struct buf b = BUF_INIT;
			for (size_t i = 0; i < m->type_count; i++)
				buf_addf(&b, "%s%s", i ? ", " : "", m->types[i]);
			fields_path(w, "method", path);
			error_set(im->err, "%s: \"%s\" is not a method of %s; it is one of: %s", path, m->id, t->id, b.data);
			buf_release(&b);
			return -1;
		}
	}
	struct db_stmt *st = db_prepare(im->db, "INSERT INTO acts(event_id, victim_id, type, method, perpetrator_id) "
					"VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", im->err);
	long long id = 0;
	if (st) {
		db_bind_int(st, 1, event_id);
		db_bind_int(st, 2, victim);
		db_bind_text(st, 3, t->id);
		db_bind_text(st, 4, m ? m->id : NULL);
		if (perpetrator)
			db_bind_int(st, 5, perpetrator);
		if (db_step(st, im->err) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	if (!id || define_ref(im, REF_ACT, o, w, id) < 0 || cite(im, o, w, "act", id) < 0)
		return -1;
	report_line(im, o, "act", id, NULL);
	return 0;
}

static int import_events(struct import *im, json_t *list)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *o = json_array_get(list, i);
		char w[32];
		snprintf(w, sizeof(w), "events[%zu]", i);
		static const char *const keys[] = {"ref", "date", "place", "summary", "acts", "sources", NULL};
		if (fields_check_keys(o, w, keys, im->err) < 0)
			return -1;
		const char *date, *summary;
		if (fields_string(o, "date", w, true, FIELDS_LINE_MAX, &date, im->err) < 0 ||
		    fields_string(o, "summary", w, true, FIELDS_TEXT_MAX, &summary, im->err) < 0)
			return -1;
		struct event_date d;
		struct error e2;
		if (event_date_parse(date, im->today, &d, &e2) < 0)
			return error_set(im->err, "%s.date: %s", w, e2.message);
		long long place;
		if (resolve(im, o, "place", REF_PLACE, w, false, &place) < 0)
			return -1;
		char path[64];
		snprintf(path, sizeof(path), "%s.summary", w);
		if (check_unnamed(im, summary, path) < 0)
			return -1;
		struct db_stmt *st = db_prepare(im->db, "INSERT INTO events(case_id, date_kind, date_from, date_to, place_id, summary) "
						"VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id", im->err);
		long long id = 0;
		if (st) {
			db_bind_int(st, 1, im->case_id);
			db_bind_text(st, 2, event_date_kind_names[d.kind]);
			if (d.kind != EVENT_DATE_UNKNOWN) {
				char a[11], b[11];
				date_format_iso(d.from, a);
				date_format_iso(d.to, b);
				db_bind_text(st, 3, a);
				db_bind_text(st, 4, b);
			}
			if (place)
				db_bind_int(st, 5, place);
			db_bind_text(st, 6, summary);
			if (db_step(st, im->err) == 1)
				id = db_int(st, 0);
			db_finalize(st);
		}
		if (!id || define_ref(im, REF_EVENT, o, w, id) < 0 || cite(im, o, w, "event", id) < 0)
			return -1;
		report_line(im, o, "event", id, NULL);
		json_t *acts = json_object_get(o, "acts");
		if (acts && !json_is_array(acts))
			return error_set(im->err, "%s.acts: give a list of acts", w);
		for (size_t k = 0; k < json_array_size(acts); k++) {
			char aw[64];
			snprintf(aw, sizeof(aw), "%s.acts[%zu]", w, k);
			if (json_object_get(json_array_get(acts, k), "event"))
				return error_set(im->err, "%s.event: an act inside an event belongs to it", aw);
			if (import_act(im, json_array_get(acts, k), aw, id) < 0)
				return -1;
		}
	}
	return 0;
}

static int import_custody(struct import *im, json_t *list)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *o = json_array_get(list, i);
		char w[32];
		snprintf(w, sizeof(w), "custody[%zu]", i);
		static const char *const keys[] = {"person", "steps", NULL};
		if (fields_check_keys(o, w, keys, im->err) < 0)
			return -1;
		long long person;
		if (resolve(im, o, "person", REF_VICTIM, w, true, &person) < 0)
			return -1;
		json_t *steps = json_object_get(o, "steps");
		if (!json_is_array(steps) || !json_array_size(steps))
			return error_set(im->err, "%s.steps: required: the steps of the chain, in order", w);
		for (size_t k = 0; k < json_array_size(steps); k++) {
			json_t *so = json_array_get(steps, k);
			char sw[64];
			snprintf(sw, sizeof(sw), "%s.steps[%zu]", w, k);
			struct custody_step s;
			custody_step_init(&s);
			int rc = custody_step_from_json(so, sw, im->today, &s, im->err);
			if (rc == 0 && json_object_get(so, "person"))
				rc = error_set(im->err, "%s.person: the chain's person is given once, in %s.person", sw, w);
			if (rc == 0)
				rc = resolve(im, so, "place", REF_PLACE, sw, false, &s.place_id);
			if (rc == 0 && s.place_id && s.registered == 1) {
				char text[24];
				snprintf(text, sizeof(text), "%lld", s.place_id);
				if (!db_query_int(im->db, 0, "SELECT official FROM places WHERE id = ?1", text, NULL))
					rc = error_set(im->err, "%s.registered: the place is not an official place of "
								"detention: it keeps no official register",
						       sw);
			}
			if (rc == 0 && s.registered == 1 && !s.place_id)
				rc = error_set(im->err, "%s.place: a registered admission names the place that registered it", sw);
			s.case_id = im->case_id;
			s.person_id = person;
			long long id = rc == 0 ? custody_insert(im->db, im->pv, &s, im->err) : 0;
			custody_step_release(&s);
			if (!id || cite(im, so, sw, "custody", id) < 0)
				return -1;
			buf_addf(im->report, "custody step %lld\n", id);
		}
	}
	return 0;
}

static int import_medical(struct import *im, json_t *list)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *o = json_array_get(list, i);
		char w[32];
		snprintf(w, sizeof(w), "medical[%zu]", i);
		struct medical_exam e;
		medical_exam_init(&e);
		int rc = medical_exam_from_json(o, w, im->today, &e, im->err);
		if (rc == 0)
			rc = resolve(im, o, "person", REF_VICTIM, w, true, &e.person_id);
		json_t *findings = json_object_get(o, "findings");
		for (size_t k = 0; rc == 0 && k < e.finding_count; k++) {
			char fw[64];
			snprintf(fw, sizeof(fw), "%s.findings[%zu]", w, k);
			rc = resolve(im, json_array_get(findings, k), "act", REF_ACT, fw, false, &e.findings[k].act_id);
			if (rc == 0 && e.findings[k].act_id) {
				/* the act documented must be done to the person examined, by the method graded */
				struct db_stmt *st = db_prepare(im->db, "SELECT victim_id, coalesce(method, '') FROM acts WHERE id = ?1", im->err);
				if (!st)
					rc = -1;
				else {
					db_bind_int(st, 1, e.findings[k].act_id);
					if (db_step(st, im->err) == 1) {
						if (db_int(st, 0) != e.person_id)
							rc = error_set(im->err, "%s.act: act %lld was done to another victim", fw,
								       e.findings[k].act_id);
						else if (*db_text(st, 1) && strcmp(db_text(st, 1), e.findings[k].method))
							rc = error_set(im->err, "%s.method: act %lld alleges %s, not %s", fw,
								       e.findings[k].act_id, db_text(st, 1), e.findings[k].method);
					}
					db_finalize(st);
				}
			}
		}
		e.case_id = im->case_id;
		long long id = rc == 0 ? medical_insert(im->db, im->pv, &e, im->err) : 0;
		medical_exam_release(&e);
		if (!id || cite(im, o, w, "medical", id) < 0)
			return -1;
		buf_addf(im->report, "medical exam %lld\n", id);
	}
	return 0;
}

int cases_import(struct db *db, const struct privacy *pv, long long case_id, json_t *o, int today, struct buf *report,
		 struct error *err)
{
	static const char *const keys[] = {"title", "country", "notes", "sources", "victims", "places", "perpetrators",
					   "events", "acts", "custody", "medical", NULL};
	if (fields_check_keys(o, "", keys, err) < 0)
		return -1;
	struct import im = {db, pv, case_id, today, NULL, 0, 0, report, err};
	if (db_begin(db, err) < 0)
		return -1;
	int rc = 0;
	json_t *l;
	if (rc == 0 && (l = list_of(&im, o, "sources", &rc)))
		rc = import_sources(&im, l);
	if (rc == 0 && (l = list_of(&im, o, "victims", &rc)))
		rc = import_victims(&im, l);
	if (rc == 0 && (l = list_of(&im, o, "places", &rc)))
		rc = import_places(&im, l);
	if (rc == 0 && (l = list_of(&im, o, "perpetrators", &rc)))
		rc = import_perpetrators(&im, l);
	if (rc == 0 && (l = list_of(&im, o, "events", &rc)))
		rc = import_events(&im, l);
	if (rc == 0 && (l = list_of(&im, o, "acts", &rc)))
		for (size_t i = 0; rc == 0 && i < json_array_size(l); i++) {
			char w[32];
			snprintf(w, sizeof(w), "acts[%zu]", i);
			rc = import_act(&im, json_array_get(l, i), w, 0);
		}
	if (rc == 0 && (l = list_of(&im, o, "custody", &rc)))
		rc = import_custody(&im, l);
	if (rc == 0 && (l = list_of(&im, o, "medical", &rc)))
		rc = import_medical(&im, l);
	free(im.refs);
	if (rc < 0 || db_commit(db, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* --- loading -------------------------------------------------------------------------------------- */

static const char *vocab_id(const struct vocab_list *list, const char *id)
{
	const struct vocab_entry *e = vocab_find(list, id);
	return e ? e->id : NULL;
}

static int load_victims(struct db *db, const struct privacy *pv, struct case_record *c, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT person_id, label FROM case_victims WHERE case_id = ?1 ORDER BY rowid", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, c->id);
	long long ids[4096];
	char labels[4096][32];
	size_t n = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1 && n < 4096) {
		ids[n] = db_int(st, 0);
		snprintf(labels[n++], 32, "%s", db_text(st, 1));
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	c->victims = xcalloc(n + 1, sizeof(*c->victims));
	for (size_t i = 0; i < n; i++) {
		if (persons_load(db, pv, ids[i], &c->victims[i], err) < 0)
			return -1;
		c->victims[i].label = xstrdup(labels[i]);
		c->victim_count = i + 1;
	}
	return 0;
}

static int by_event_date(const void *a, const void *b)
{
	const struct case_event *x = a, *y = b;
	int d = event_date_compare(&x->date, &y->date);
	return d ? d : x->id < y->id ? -1 : x->id > y->id;
}

int cases_load(struct db *db, const struct privacy *pv, long long id, struct case_record *c, struct error *err)
{
	memset(c, 0, sizeof(*c));
	const struct vocab *v = vocab_shared();
	struct db_stmt *st = db_prepare(db, "SELECT title, country, status, notes_sealed FROM cases WHERE id = ?1", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int rc = db_step(st, err);
	if (rc == 1) {
		c->id = id;
		c->title = xstrdup(db_text(st, 0));
		snprintf(c->country, sizeof(c->country), "%s", db_text(st, 1));
		snprintf(c->status, sizeof(c->status), "%s", db_text(st, 2));
		rc = 0;
		if (pv && db_text(st, 3)) {
			struct error e2;
			if (!(c->notes = privacy_unseal(pv, "cases.notes_sealed", db_text(st, 3), &e2)))
				rc = error_set(err, "case %lld: %s", id, e2.message);
		}
	} else if (rc == 0)
		rc = error_set(err, "no case %lld", id);
	db_finalize(st);
	if (rc < 0 || load_victims(db, pv, c, err) < 0)
		return -1;
	/* places */
	st = db_prepare(db, "SELECT id, name, kind, official, locality, authority FROM places WHERE case_id = ?1 ORDER BY id", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	size_t cap = 0;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(c->places, c->place_count + 1, cap);
		c->places[c->place_count++] = (struct case_place){db_int(st, 0), xstrdup(db_text(st, 1)),
								  dup_or_null(db_text(st, 4)), dup_or_null(db_text(st, 5)),
								  vocab_id(&v->place_kinds, db_text(st, 2)), db_int(st, 3) != 0};
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	/* perpetrators */
	st = db_prepare(db, "SELECT id, kind, unit, role, name_sealed FROM perpetrators WHERE case_id = ?1 ORDER BY id", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	cap = 0;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(c->perpetrators, c->perpetrator_count + 1, cap);
		struct case_perpetrator *p = &c->perpetrators[c->perpetrator_count++];
		*p = (struct case_perpetrator){db_int(st, 0), vocab_id(&v->perpetrator_kinds, db_text(st, 1)),
					       dup_or_null(db_text(st, 2)), dup_or_null(db_text(st, 3)), NULL};
		if (pv && db_text(st, 4)) {
			struct error e2;
			if (!(p->name = privacy_unseal(pv, "perpetrators.name_sealed", db_text(st, 4), &e2))) {
				error_set(err, "perpetrator %lld: %s", p->id, e2.message);
				rc = -1;
				break;
			}
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	/* events and their acts */
	st = db_prepare(db, "SELECT id, date_kind, date_from, date_to, place_id, summary FROM events WHERE case_id = ?1", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	cap = 0;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(c->events, c->event_count + 1, cap);
		struct case_event *e = &c->events[c->event_count++];
		memset(e, 0, sizeof(*e));
		e->id = db_int(st, 0);
		event_date_from_columns(db_text(st, 1), db_text(st, 2), db_text(st, 3), NULL, &e->date);
		e->place_id = db_int(st, 4);
		e->summary = xstrdup(db_text(st, 5));
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (c->event_count)
		qsort(c->events, c->event_count, sizeof(*c->events), by_event_date);
	for (size_t i = 0; i < c->event_count; i++) {
		struct case_event *e = &c->events[i];
		st = db_prepare(db, "SELECT id, victim_id, type, method, perpetrator_id FROM acts WHERE event_id = ?1 ORDER BY id", err);
		if (!st)
			return -1;
		db_bind_int(st, 1, e->id);
		cap = 0;
		while ((rc = db_step(st, err)) == 1) {
			ALLOC_GROW(e->acts, e->act_count + 1, cap);
			e->acts[e->act_count++] = (struct case_act){db_int(st, 0), e->id, db_int(st, 1), db_int(st, 4),
								    vocab_id(&v->act_types, db_text(st, 2)),
								    vocab_id(&v->methods, db_text(st, 3))};
		}
		db_finalize(st);
		if (rc < 0)
			return -1;
	}
	/* custody, victim by victim */
	for (size_t i = 0; i < c->victim_count; i++) {
		struct custody_step *steps;
		size_t n;
		if (custody_load_person(db, pv, c->victims[i].id, c->id, &steps, &n, err) < 0)
			return -1;
		c->steps = xrealloc(c->steps, (c->step_count + n + 1) * sizeof(*c->steps));
		if (n)
			memcpy(c->steps + c->step_count, steps, n * sizeof(*steps));
		c->step_count += n;
		free(steps);
	}
	if (medical_load(db, pv, c->id, 0, &c->exams, &c->exam_count, err) < 0)
		return -1;
	/* the sources of facts */
	st = db_prepare(db, "SELECT f.fact_kind, f.fact_id, f.source_id, f.reliability, s.kind, s.identity_sealed "
			    "FROM fact_sources f JOIN sources s ON s.id = f.source_id WHERE f.case_id = ?1 "
			    "ORDER BY f.fact_kind, f.fact_id, f.source_id", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	cap = 0;
	static const char *const fact_kinds[] = {"event", "act", "custody", "medical"};
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(c->sources, c->source_count + 1, cap);
		struct case_fact_source *f = &c->sources[c->source_count++];
		memset(f, 0, sizeof(*f));
		for (int k = 0; k < 4; k++)
			if (!strcmp(db_text(st, 0), fact_kinds[k]))
				f->fact_kind = fact_kinds[k];
		f->fact_id = db_int(st, 1);
		f->source_id = db_int(st, 2);
		f->reliability = vocab_id(&v->reliability, db_text(st, 3));
		f->source_kind = vocab_id(&v->source_kinds, db_text(st, 4));
		if (pv) {
			struct error e2;
			if (!(f->identity = privacy_unseal(pv, "sources.identity_sealed", db_text(st, 5), &e2))) {
				error_set(err, "source %lld: %s", f->source_id, e2.message);
				rc = -1;
				break;
			}
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	/* its submissions: urgency and the mandates suggested for them */
	st = db_prepare(db, "SELECT id, urgency FROM submissions WHERE case_id = ?1 ORDER BY id", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	cap = 0;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(c->submissions, c->submission_count + 1, cap);
		c->submissions[c->submission_count++] = db_int(st, 0);
		c->urgent = c->urgent || !strcmp(db_text(st, 1), "urgent");
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	st = db_prepare(db, "SELECT m.mandate, max(m.score) FROM submission_mandates m JOIN submissions s ON s.id = "
			    "m.submission_id WHERE s.case_id = ?1 GROUP BY m.mandate ORDER BY 2 DESC, 1", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	cap = 0;
	while ((rc = db_step(st, err)) == 1) {
		const struct kb_mandate *m = kb_mandate(kb_shared(), db_text(st, 0));
		if (!m)
			continue;
		ALLOC_GROW(c->hints, c->hint_count + 1, cap);
		c->hints[c->hint_count++] = (struct case_mandate_hint){m->slug, (int)db_int(st, 1)};
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

void case_record_release(struct case_record *c)
{
	free(c->title);
	free(c->notes);
	for (size_t i = 0; i < c->victim_count; i++)
		person_release(&c->victims[i]);
	free(c->victims);
	for (size_t i = 0; i < c->place_count; i++) {
		free(c->places[i].name);
		free(c->places[i].locality);
		free(c->places[i].authority);
	}
	free(c->places);
	for (size_t i = 0; i < c->perpetrator_count; i++) {
		free(c->perpetrators[i].unit);
		free(c->perpetrators[i].role);
		free(c->perpetrators[i].name);
	}
	free(c->perpetrators);
	for (size_t i = 0; i < c->event_count; i++) {
		free(c->events[i].summary);
		free(c->events[i].acts);
	}
	free(c->events);
	for (size_t i = 0; i < c->step_count; i++)
		custody_step_release(&c->steps[i]);
	free(c->steps);
	for (size_t i = 0; i < c->exam_count; i++)
		medical_exam_release(&c->exams[i]);
	free(c->exams);
	for (size_t i = 0; i < c->source_count; i++)
		free(c->sources[i].identity);
	free(c->sources);
	free(c->submissions);
	free(c->hints);
	memset(c, 0, sizeof(*c));
}

const struct person *case_victim(const struct case_record *c, long long person_id)
{
	for (size_t i = 0; i < c->victim_count; i++)
		if (c->victims[i].id == person_id)
			return &c->victims[i];
	return NULL;
}

const struct case_place *case_place(const struct case_record *c, long long place_id)
{
	for (size_t i = 0; i < c->place_count; i++)
		if (c->places[i].id == place_id)
			return &c->places[i];
	return NULL;
}

const struct case_perpetrator *case_perpetrator(const struct case_record *c, long long id)
{
	for (size_t i = 0; i < c->perpetrator_count; i++)
		if (c->perpetrators[i].id == id)
			return &c->perpetrators[i];
	return NULL;
}

bool case_fact_doubtful(const struct case_record *c, const char *fact_kind, long long fact_id)
{
	size_t cited = 0, doubtful = 0;
	for (size_t i = 0; i < c->source_count; i++)
		if (c->sources[i].fact_kind && !strcmp(c->sources[i].fact_kind, fact_kind) && c->sources[i].fact_id == fact_id) {
			cited++;
			doubtful += c->sources[i].reliability && !strcmp(c->sources[i].reliability, "doubtful");
		}
	return cited && cited == doubtful;
}

/* --- JSON ------------------------------------------------------------------------------------------- */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *date_json(const struct event_date *d)
{
	struct buf b = BUF_INIT, p = BUF_INIT;
	event_date_format(d, &b);
	event_date_phrase(d, &p);
	json_t *j = json_pack("{s:s, s:s, s:s}", "text", b.data, "kind", event_date_kind_names[d->kind], "phrase", p.data);
	buf_release(&b);
	buf_release(&p);
	return j;
}

static json_t *fact_sources_json(const struct case_record *c, const char *kind, long long id)
{
	json_t *a = json_array();
	for (size_t i = 0; i < c->source_count; i++) {
		const struct case_fact_source *f = &c->sources[i];
		if (!f->fact_kind || strcmp(f->fact_kind, kind) || f->fact_id != id)
			continue;
		json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:o}", "source", (json_int_t)f->source_id, "kind",
						   jstr(f->source_kind), "reliability", jstr(f->reliability), "identity",
						   jstr(f->identity)));
	}
	return a;
}

static json_t *person_json(const struct person *p, bool public_view)
{
	struct buf b = BUF_INIT;
	person_public_name(p, &b);
	json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)p->id, "label", p->label ? p->label : "", "kind",
			      p->group ? "group" : "person", "public_name", b.data);
	buf_release(&b);
	if (p->group) {
		json_object_set_new(j, "count", json_integer(p->group_count));
		json_object_set_new(j, "description", json_string(p->group_description));
	} else {
		json_object_set_new(j, "consent", json_boolean(p->consent));
		if (!public_view) {
			json_object_set_new(j, "name", jstr(p->name));
			json_object_set_new(j, "contact", jstr(p->contact));
			json_object_set_new(j, "notes", jstr(p->notes));
		}
	}
	if (p->sex)
		json_object_set_new(j, "sex", json_string(p->sex));
	if (p->age >= 0)
		json_object_set_new(j, "age", json_integer(p->age));
	if (p->profiles)
		json_object_set_new(j, "profiles", json_string(p->profiles));
	return j;
}

static json_t *custody_json(const struct case_record *c, const struct person *p, int today, bool public_view)
{
	struct custody_step *steps = NULL;
	size_t n = 0;
	for (size_t i = 0; i < c->step_count; i++)
		if (c->steps[i].person_id == p->id)
			n++;
	if (!n)
		return NULL;
	steps = xcalloc(n, sizeof(*steps));
	n = 0;
	for (size_t i = 0; i < c->step_count; i++)
		if (c->steps[i].person_id == p->id)
			steps[n++] = c->steps[i]; /* shallow: c owns the strings */
	struct custody_analysis a;
	custody_analyse(steps, n, today, &a);
	json_t *js = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct custody_step *s = &steps[i];
		json_t *o = json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)s->id, "kind",
				      custody_kind_names[s->kind], "at", date_json(&s->at), "place", jstr(s->place_name),
				      "authority", jstr(s->authority), "ordered_by", jstr(s->ordered_by), "grounds",
				      jstr(s->grounds), "supervising", jstr(s->supervising), "registered",
				      s->registered < 0 ? json_null() : json_boolean(s->registered));
		if (s->cause)
			json_object_set_new(o, "cause", json_string(s->cause));
		if (s->remains)
			json_object_set_new(o, "remains", json_string(s->remains));
		if (!public_view) {
			json_object_set_new(o, "notes", jstr(s->notes));
			json_object_set_new(o, "sources", fact_sources_json(c, "custody", s->id));
		}
		json_array_append_new(js, o);
	}
	struct buf who = BUF_INIT;
	person_public_name(p, &who);
	json_t *gaps = json_array();
	for (size_t g = 0; g < a.gap_count; g++) {
		struct buf d = BUF_INIT;
		custody_gap_describe(steps, &a.gaps[g], who.data, &d);
		json_array_append_new(gaps, json_pack("{s:s, s:I, s:I, s:i, s:i, s:b, s:s}", "kind",
						      a.gaps[g].kind == CUSTODY_GAP_WHEREABOUTS ? "whereabouts-unknown" : "unregistered",
						      "min_minutes", (json_int_t)a.gaps[g].min_minutes, "max_minutes",
						      (json_int_t)a.gaps[g].max_minutes, "min_days", a.gaps[g].min_days, "max_days",
						      a.gaps[g].max_days, "ongoing", a.gaps[g].to < 0, "text", d.data));
		buf_release(&d);
	}
	buf_release(&who);
	json_t *problems = json_array();
	for (size_t i = 0; i < a.problem_count; i++)
		json_array_append_new(problems, json_string(a.problems[i]));
	static const char *const states[] = {"free", "held", "whereabouts-unknown", "dead"};
	json_t *j = json_pack("{s:I, s:o, s:o, s:o, s:s, s:b}", "person", (json_int_t)p->id, "steps", js, "gaps", gaps,
			      "problems", problems, "state", states[a.state], "death_in_custody", a.death_in_custody);
	custody_analysis_release(&a);
	free(steps);
	return j;
}

json_t *cases_to_json(const struct case_record *c, bool public_view, int today)
{
	const struct vocab *v = vocab_shared();
	json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)c->id, "title", c->title, "country", c->country,
			      "status", c->status);
	if (!public_view) {
		json_object_set_new(j, "notes", jstr(c->notes));
		json_t *subs = json_array();
		for (size_t i = 0; i < c->submission_count; i++)
			json_array_append_new(subs, json_integer(c->submissions[i]));
		json_object_set_new(j, "submissions", subs);
	}
	json_t *victims = json_array();
	for (size_t i = 0; i < c->victim_count; i++)
		json_array_append_new(victims, person_json(&c->victims[i], public_view));
	json_object_set_new(j, "victims", victims);
	json_t *places = json_array();
	for (size_t i = 0; i < c->place_count; i++) {
		const struct case_place *p = &c->places[i];
		json_array_append_new(places, json_pack("{s:I, s:s, s:o, s:b, s:o, s:o}", "id", (json_int_t)p->id, "name",
							p->name, "kind", jstr(p->kind), "official", p->official, "locality",
							jstr(p->locality), "authority", jstr(p->authority)));
	}
	json_object_set_new(j, "places", places);
	json_t *perps = json_array();
	for (size_t i = 0; i < c->perpetrator_count; i++) {
		const struct case_perpetrator *p = &c->perpetrators[i];
		json_t *o = json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)p->id, "kind", jstr(p->kind), "unit",
				      jstr(p->unit), "role", jstr(p->role));
		if (!public_view)
			json_object_set_new(o, "name", jstr(p->name));
		json_array_append_new(perps, o);
	}
	json_object_set_new(j, "perpetrators", perps);
	json_t *events = json_array();
	for (size_t i = 0; i < c->event_count; i++) {
		const struct case_event *e = &c->events[i];
		json_t *acts = json_array();
		for (size_t k = 0; k < e->act_count; k++) {
			const struct case_act *a = &e->acts[k];
			const struct person *victim = case_victim(c, a->victim_id);
			struct buf who = BUF_INIT;
			if (victim)
				person_public_name(victim, &who);
			const struct vocab_entry *m = vocab_find(&v->methods, a->method);
			json_t *o = json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)a->id, "victim",
					      (json_int_t)a->victim_id, "victim_public_name", who.data, "type", jstr(a->type),
					      "method", jstr(a->method), "method_label", jstr(m ? m->label : NULL), "perpetrator",
					      a->perpetrator_id ? json_integer(a->perpetrator_id) : json_null());
			if (!public_view)
				json_object_set_new(o, "sources", fact_sources_json(c, "act", a->id));
			json_array_append_new(acts, o);
			buf_release(&who);
		}
		json_t *o = json_pack("{s:I, s:o, s:o, s:s, s:o}", "id", (json_int_t)e->id, "date", date_json(&e->date),
				      "place", e->place_id ? json_integer(e->place_id) : json_null(), "summary", e->summary,
				      "acts", acts);
		if (!public_view)
			json_object_set_new(o, "sources", fact_sources_json(c, "event", e->id));
		json_array_append_new(events, o);
	}
	json_object_set_new(j, "events", events);
	json_t *custody = json_array();
	for (size_t i = 0; i < c->victim_count; i++) {
		json_t *cj = custody_json(c, &c->victims[i], today, public_view);
		if (cj)
			json_array_append_new(custody, cj);
	}
	json_object_set_new(j, "custody", custody);
	json_t *medical = json_array();
	for (size_t i = 0; i < c->exam_count; i++) {
		const struct medical_exam *e = &c->exams[i];
		char date[11];
		date_format_iso(e->examined, date);
		json_t *findings = json_array();
		for (size_t k = 0; k < e->finding_count; k++) {
			const struct medical_finding *f = &e->findings[k];
			json_t *o = json_pack("{s:s, s:s, s:s, s:o}", "location", f->location, "grade", f->grade, "method",
					      f->method, "act", f->act_id ? json_integer(f->act_id) : json_null());
			if (!public_view)
				json_object_set_new(o, "description", jstr(f->description));
			json_array_append_new(findings, o);
		}
		json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)e->id, "person",
				      (json_int_t)e->person_id, "examined", date, "consent", e->consent ? "given" : "refused",
				      "examiner_role", e->examiner_role, "findings", findings);
		if (!public_view) {
			json_object_set_new(o, "examiner", jstr(e->examiner));
			json_object_set_new(o, "notes", jstr(e->notes));
			json_object_set_new(o, "sources", fact_sources_json(c, "medical", e->id));
		}
		json_array_append_new(medical, o);
	}
	json_object_set_new(j, "medical", medical);
	return j;
}

/* --- the list ------------------------------------------------------------------------------------------ */

int cases_list(struct db *db, struct case_row **rows, size_t *count, struct error *err)
{
	*rows = NULL;
	*count = 0;
	struct db_stmt *st = db_prepare(db,
					"SELECT c.id, c.title, c.country, c.status, (SELECT count(*) FROM case_victims v WHERE "
					"v.case_id = c.id), (SELECT count(*) FROM events e WHERE e.case_id = c.id) FROM cases c "
					"ORDER BY c.id DESC",
					err);
	if (!st)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(*rows, *count + 1, cap);
		struct case_row *r = &(*rows)[(*count)++];
		r->id = db_int(st, 0);
		r->title = xstrdup(db_text(st, 1));
		snprintf(r->country, sizeof(r->country), "%s", db_text(st, 2));
		snprintf(r->status, sizeof(r->status), "%s", db_text(st, 3));
		r->victims = (int)db_int(st, 4);
		r->events = (int)db_int(st, 5);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

void case_rows_free(struct case_row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(rows[i].title);
	free(rows);
}
