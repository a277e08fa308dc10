/*
 * persons.c - victims in and out of the store. See persons.h. The blind
 * index holds, for each word of a person's name key, a keyed hash of the
 * word and one of its consonants (so that "Zhakupov" and "Zhakipov" meet);
 * candidates found through it are then opened and compared by
 * names_similarity() by the caller.
 */
#include "persons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "clock.h"
#include "fields.h"
#include "names.h"
#include "vocab.h"

void person_init(struct person *p)
{
	memset(p, 0, sizeof(*p));
	p->age = -1;
}

void person_release(struct person *p)
{
	free(p->name);
	free(p->contact);
	free(p->notes);
	free(p->sex);
	free(p->profiles);
	free(p->group_description);
	free(p->label);
	person_init(p);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int person_from_json(json_t *o, const char *where, struct person *p, struct error *err)
{
	static const char *const keys[] = {"name", "consent", "contact", "notes", "sex", "age", "profiles",
					   "group", "count", "ref", NULL};
	if (fields_check_keys(o, where, keys, err) < 0)
		return -1;
	const struct vocab *v = vocab_shared();
	const char *name, *group, *contact, *notes, *sex;
	if (fields_string(o, "name", where, false, FIELDS_LINE_MAX, &name, err) < 0 ||
	    fields_string(o, "group", where, false, FIELDS_LINE_MAX, &group, err) < 0 ||
	    fields_string(o, "contact", where, false, FIELDS_LINE_MAX, &contact, err) < 0 ||
	    fields_string(o, "notes", where, false, FIELDS_TEXT_MAX, &notes, err) < 0 ||
	    fields_string(o, "sex", where, false, FIELDS_LINE_MAX, &sex, err) < 0)
		return -1;
	if (name && group)
		return error_set(err, "%s: a victim is a person (name) or a group (group and count), not both", where);
	if (!name && !group)
		return error_set(err, "%s.name: required: the victim's name (or, for a group, \"group\" and \"count\")",
				 where);
	char path[160];
	p->group = group != NULL;
	if (p->group) {
		long long count = 0;
		if (fields_int(o, "count", where, true, 1, 10000000, &count, NULL, err) < 0)
			return -1;
		p->group_count = count;
		p->group_description = xstrdup(group);
		if (json_object_get(o, "consent") && json_is_true(json_object_get(o, "consent")))
			return error_set(err, "%s.consent: a group is never named; consent is given by persons", where);
	} else {
		if (json_object_get(o, "count"))
			return error_set(err, "%s.count: only a group has a count", where);
		if (fields_bool(o, "consent", where, false, &p->consent, NULL, err) < 0)
			return -1;
		if (!json_object_get(o, "consent") || json_is_null(json_object_get(o, "consent")))
			return error_set(err, "%s.consent: required: did the victim consent to be named to the State and in "
					      "public? (true or false)",
					 where);
		p->name = xstrdup(name);
	}
	if (sex) {
		fields_path(where, "sex", path);
		if (!vocab_check(&v->sexes, sex, path, err))
			return -1;
		p->sex = xstrdup(sex);
	}
	long long age;
	bool given;
	if (fields_int(o, "age", where, false, 0, 130, &age, &given, err) < 0)
		return -1;
	if (given)
		p->age = (int)age;
	json_t *profiles = json_object_get(o, "profiles");
	if (profiles && !json_is_null(profiles)) {
		fields_path(where, "profiles", path);
		if (!json_is_array(profiles))
			return error_set(err, "%s: give a list such as [\"journalist\"]", path);
		struct buf b = BUF_INIT;
		size_t i;
		json_t *e;
		json_array_foreach(profiles, i, e)
		{
			char item[200];
			snprintf(item, sizeof(item), "%s[%zu]", path, i);
			if (!vocab_check(&v->profiles, json_string_value(e), item, err)) {
				buf_release(&b);
				return -1;
			}
			buf_addf(&b, "%s%s", b.len ? "," : "", json_string_value(e));
		}
		p->profiles = b.len ? buf_detach(&b) : NULL;
		buf_release(&b);
	}
	p->contact = dup_or_null(contact);
	p->notes = dup_or_null(notes);
	return 0;
}

/* --- the blind index ----------------------------------------------------------------------- */

#define MAX_TOKENS 24

/* "w:" + each word of the name's key, and "c:" + its consonants. */
static size_t name_tokens(const struct privacy *pv, const char *name, char tokens[][PRIVACY_TOKEN_HEX])
{
	char *key = names_key(name);
	char *words[MAX_TOKENS / 2];
	size_t nw = names_words(key, words, MAX_TOKENS / 2), n = 0;
	for (size_t i = 0; i < nw; i++) {
		if (strlen(words[i]) < 2)
			continue; /* initials find too much */
		struct buf b = BUF_INIT;
		buf_addf(&b, "w:%s", words[i]);
		privacy_blind_token(pv, b.data, tokens[n++]);
		buf_reset(&b);
		buf_adds(&b, "c:");
		for (const char *c = words[i]; *c; c++)
			if (!strchr("aeiou", *c))
				buf_addch(&b, *c);
		if (b.len >= 4)
			privacy_blind_token(pv, b.data, tokens[n++]);
		buf_release(&b);
	}
	free(key);
	return n;
}

static int index_person(struct db *db, const struct privacy *pv, long long id, const char *name, struct error *err)
{
	char tokens[MAX_TOKENS][PRIVACY_TOKEN_HEX];
	size_t n = name_tokens(pv, name, tokens);
	struct db_stmt *st = db_prepare(db, "INSERT INTO person_name_index(person_id, token) VALUES (?1, ?2) ON CONFLICT DO NOTHING", err);
	if (!st)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		db_reset(st);
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, tokens[i]);
		if (db_step(st, err) < 0)
			rc = -1;
	}
	db_finalize(st);
	return rc;
}

long long persons_insert(struct db *db, const struct privacy *pv, const struct person *p, struct error *err)
{
	char now[32];
	clock_now_iso(now);
	char *name = privacy_seal(pv, "persons.name_sealed", p->name);
	char *contact = privacy_seal(pv, "persons.contact_sealed", p->contact);
	char *notes = privacy_seal(pv, "persons.notes_sealed", p->notes);
	struct db_stmt *st = db_prepare(db,
					"INSERT INTO persons(kind, name_sealed, contact_sealed, notes_sealed, consent_named, sex, "
					"age, profiles, group_count, group_description, created_at) "
					"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
					err);
	long long id = 0;
	if (st) {
		db_bind_text(st, 1, p->group ? "group" : "person");
		db_bind_text(st, 2, name);
		db_bind_text(st, 3, contact);
		db_bind_text(st, 4, notes);
		db_bind_int(st, 5, p->consent);
		db_bind_text(st, 6, p->sex);
		if (p->age >= 0)
			db_bind_int(st, 7, p->age);
		db_bind_text(st, 8, p->profiles);
		if (p->group)
			db_bind_int(st, 9, p->group_count);
		db_bind_text(st, 10, p->group_description);
		db_bind_text(st, 11, now);
		if (db_step(st, err) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	free(name);
	free(contact);
	free(notes);
	if (id && p->name && index_person(db, pv, id, p->name, err) < 0)
		return 0;
	return id;
}

int persons_load(struct db *db, const struct privacy *pv, long long id, struct person *p, struct error *err)
{
	struct db_stmt *st = db_prepare(db,
					"SELECT kind, name_sealed, contact_sealed, notes_sealed, consent_named, sex, age, profiles, "
					"group_count, group_description FROM persons WHERE id = ?1",
					err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int rc = db_step(st, err);
	if (rc == 1) {
		person_init(p);
		p->id = id;
		p->group = !strcmp(db_text(st, 0), "group");
		p->consent = db_int(st, 4) != 0;
		p->sex = dup_or_null(db_text(st, 5));
		p->age = db_is_null(st, 6) ? -1 : (int)db_int(st, 6);
		p->profiles = dup_or_null(db_text(st, 7));
		p->group_count = db_int(st, 8);
		p->group_description = dup_or_null(db_text(st, 9));
		rc = 0;
		if (pv) {
			struct error e2;
			p->name = privacy_unseal(pv, "persons.name_sealed", db_text(st, 1), &e2);
			if (!p->name && db_text(st, 1))
				rc = error_set(err, "person %lld: %s", id, e2.message);
			p->contact = privacy_unseal(pv, "persons.contact_sealed", db_text(st, 2), &e2);
			if (!p->contact && db_text(st, 2))
				rc = error_set(err, "person %lld: %s", id, e2.message);
			p->notes = privacy_unseal(pv, "persons.notes_sealed", db_text(st, 3), &e2);
			if (!p->notes && db_text(st, 3))
				rc = error_set(err, "person %lld: %s", id, e2.message);
		}
	} else if (rc == 0)
		rc = error_set(err, "no person %lld", id);
	db_finalize(st);
	return rc;
}

void person_public_name(const struct person *p, struct buf *out)
{
	if (p->group) {
		if (p->group_count == 1)
			buf_adds(out, p->group_description);
		else
			buf_addf(out, "a group of %lld people (%s)", p->group_count, p->group_description);
	} else if (p->consent && p->name)
		buf_adds(out, p->name);
	else if (p->label)
		buf_adds(out, p->label);
	else
		buf_adds(out, "a victim who is not named");
}

void person_officer_name(const struct person *p, struct buf *out)
{
	if (p->group || p->consent) {
		person_public_name(p, out);
		return;
	}
	buf_adds(out, p->name ? p->name : "(name sealed)");
	buf_addf(out, " (not to be named%s%s)", p->label ? ": " : "", p->label ? p->label : "");
}

void persons_label(size_t n, char out[32])
{
	char letters[8];
	int len = 0;
	/* bijective base 26: A..Z, AA..AZ, BA.. */
	n++;
	while (n && len < 7) {
		n--;
		letters[len++] = (char)('A' + n % 26);
		n /= 26;
	}
	char *o = out + snprintf(out, 32, "Victim ");
	while (len)
		*o++ = letters[--len];
	*o = '\0';
}

int persons_candidates(struct db *db, const struct privacy *pv, const char *name, long long exclude_submission,
		       long long **ids, size_t *count, struct error *err)
{
	*ids = NULL;
	*count = 0;
	char tokens[MAX_TOKENS][PRIVACY_TOKEN_HEX];
	size_t n = name_tokens(pv, name, tokens);
	if (!n)
		return 0;
	struct buf sql = BUF_INIT;
	buf_adds(&sql, "SELECT DISTINCT i.person_id FROM person_name_index i JOIN persons p ON p.id = i.person_id "
		       "WHERE p.merged_into IS NULL AND i.person_id NOT IN "
		       "(SELECT person_id FROM submission_victims WHERE submission_id = ?1) AND i.token IN (");
	for (size_t i = 0; i < n; i++)
		buf_addf(&sql, "%s?%zu", i ? ", " : "", i + 2);
	buf_adds(&sql, ") ORDER BY i.person_id");
	struct db_stmt *st = db_prepare(db, sql.data, err);
	buf_release(&sql);
	if (!st)
		return -1;
	db_bind_int(st, 1, exclude_submission);
	for (size_t i = 0; i < n; i++)
		db_bind_text(st, (int)i + 2, tokens[i]);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(*ids, *count + 1, cap);
		(*ids)[(*count)++] = db_int(st, 0);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int persons_reindex(struct db *db, const struct privacy *pv, struct error *err)
{
	if (db_exec(db, "DELETE FROM person_name_index", err) < 0)
		return -1;
	struct db_stmt *st = db_prepare(db, "SELECT id, name_sealed FROM persons WHERE name_sealed IS NOT NULL", err);
	if (!st)
		return -1;
	struct {
		long long id;
		char *sealed;
	} *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(rows, n + 1, cap);
		rows[n].id = db_int(st, 0);
		rows[n++].sealed = xstrdup(db_text(st, 1));
	}
	db_finalize(st);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *name = privacy_unseal(pv, "persons.name_sealed", rows[i].sealed, err);
		if (!name || index_person(db, pv, rows[i].id, name, err) < 0)
			rc = -1;
		free(name);
	}
	for (size_t i = 0; i < n; i++)
		free(rows[i].sealed);
	free(rows);
	return rc;
}
