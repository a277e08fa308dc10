/*
 * intake.c - submissions in, decided, suggested, compared. See intake.h.
 * Everything a source says in its own words (narrative, notes) and who the
 * source is are sealed; the list and the duplicates show nothing of the
 * source. Knows persons, cases (to link) and the store, not the faces.
 */
#include "intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "cases.h"
#include "clock.h"
#include "fields.h"
#include "names.h"
#include "vocab.h"

void intake_init(struct intake_submission *s)
{
	memset(s, 0, sizeof(*s));
	s->incident = (struct event_date){EVENT_DATE_UNKNOWN, DATE_NONE, DATE_NONE, -1};
	s->received = DATE_NONE;
	snprintf(s->language, sizeof(s->language), "en");
	snprintf(s->urgency, sizeof(s->urgency), "routine");
	snprintf(s->status, sizeof(s->status), "pending");
}

void intake_release(struct intake_submission *s)
{
	free(s->source.identity);
	free(s->source.contact);
	free(s->subject);
	free(s->narrative);
	free(s->notes);
	for (size_t i = 0; i < s->victim_count; i++)
		person_release(&s->victims[i]);
	free(s->victims);
	free(s->decision_reason);
	free(s->decided_by);
	free(s->decided_at);
	intake_init(s);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* "Anonymous", "N/A"...: a name that names nobody. */
static bool names_nobody(const char *name)
{
	const struct vocab *v = vocab_shared();
	char *key = names_key(name);
	bool nobody = !*key;
	for (size_t i = 0; i < v->anonymous_names.count && !nobody; i++) {
		char *k = names_key(v->anonymous_names.items[i].id);
		nobody = !strcmp(k, key) || (!*k && !strcmp(name, v->anonymous_names.items[i].id));
		free(k);
	}
	free(key);
	return nobody;
}

static int source_from_json(json_t *o, struct intake_source *src, struct error *err)
{
	static const char *const keys[] = {"id", "kind", "name", "contact", NULL};
	if (!o || json_is_null(o))
		return error_set(err, "source: required: anonymous submissions are refused; give the source's name and "
				      "contact (they are kept confidential and never shown to the State or the public)");
	if (fields_check_keys(o, "source", keys, err) < 0)
		return -1;
	long long id = 0;
	bool given;
	if (fields_int(o, "id", "source", false, 1, (long long)1 << 53, &id, &given, err) < 0)
		return -1;
	if (given) {
		if (json_object_size(o) > 1)
			return error_set(err, "source: give either an id (a source already held) or kind, name and contact");
		src->id = id;
		return 0;
	}
	const char *kind, *name, *contact;
	if (fields_string(o, "kind", "source", false, FIELDS_LINE_MAX, &kind, err) < 0 ||
	    fields_string(o, "name", "source", false, FIELDS_LINE_MAX, &name, err) < 0 ||
	    fields_string(o, "contact", "source", false, FIELDS_LINE_MAX, &contact, err) < 0)
		return -1;
	const struct vocab_entry *k = vocab_check(&vocab_shared()->source_kinds, kind ? kind : "individual", "source.kind", err);
	if (!k)
		return -1;
	if (!name || names_nobody(name))
		return error_set(err, "source.name: anonymous submissions are refused: give the source's name (it is kept "
				      "confidential and never shown to the State or the public)");
	if (!contact && k->flag == 1)
		return error_set(err, "source.contact: required for %s: how the secretariat can reach the source "
				      "(kept confidential)",
				 k->label);
	src->kind = k->id;
	src->identity = xstrdup(name);
	src->contact = dup_or_null(contact);
	return 0;
}

/* True when text names the person: the whole name, or (with words) any
 * word of it of four letters or more, in any spelling or script. */
static bool text_names(const char *text_key, const char *name, bool words)
{
	char *nkey = names_key(name ? name : "");
	bool named = *nkey && names_key_contains(text_key, nkey, true);
	char *w[12];
	size_t nw = words ? names_words(nkey, w, 12) : 0;
	for (size_t i = 0; i < nw && !named; i++)
		named = strlen(w[i]) >= 4 && names_key_contains(text_key, w[i], true);
	free(nkey);
	return named;
}

/* The subject and the groups' descriptions are stored in clear (the lists
 * show them): they may not name the source or a victim, whose names are
 * sealed. The message does not repeat the name. */
static int check_clear_fields(const struct intake_submission *s, struct error *err)
{
	for (size_t f = 0; f <= s->victim_count; f++) {
		const char *text = f == 0 ? s->subject : s->victims[f - 1].group_description;
		if (!text)
			continue;
		char where[48];
		if (f == 0)
			snprintf(where, sizeof(where), "subject");
		else
			snprintf(where, sizeof(where), "victims[%zu].group", f - 1);
		char *tkey = names_key(text);
		int rc = 0;
		if (text_names(tkey, s->source.identity, false))
			rc = error_set(err, "%s: it names the source, whose name is kept confidential; this field is not: "
					    "leave the name out",
				       where);
		for (size_t i = 0; i < s->victim_count && !rc; i++)
			if (!s->victims[i].group && text_names(tkey, s->victims[i].name, true))
				rc = error_set(err, "%s: it names victims[%zu], whose name is kept confidential; this field is "
						    "not: leave the name out",
					       where, i);
		free(tkey);
		if (rc)
			return rc;
	}
	return 0;
}

int intake_from_json(json_t *o, int today, struct intake_submission *s, struct error *err)
{
	static const char *const keys[] = {"source", "received", "language", "urgency", "country", "subject",
					   "incident_date", "narrative", "internal_notes", "victims", NULL};
	if (fields_check_keys(o, "", keys, err) < 0)
		return -1;
	if (source_from_json(json_object_get(o, "source"), &s->source, err) < 0)
		return -1;
	const char *received, *language, *urgency, *country, *subject, *incident, *narrative, *notes;
	if (fields_string(o, "received", "", false, FIELDS_LINE_MAX, &received, err) < 0 ||
	    fields_string(o, "language", "", false, FIELDS_LINE_MAX, &language, err) < 0 ||
	    fields_string(o, "urgency", "", false, FIELDS_LINE_MAX, &urgency, err) < 0 ||
	    fields_string(o, "country", "", false, FIELDS_LINE_MAX, &country, err) < 0 ||
	    fields_string(o, "subject", "", false, FIELDS_LINE_MAX, &subject, err) < 0 ||
	    fields_string(o, "incident_date", "", false, FIELDS_LINE_MAX, &incident, err) < 0 ||
	    fields_string(o, "narrative", "", true, FIELDS_TEXT_MAX, &narrative, err) < 0 ||
	    fields_string(o, "internal_notes", "", false, FIELDS_TEXT_MAX, &notes, err) < 0)
		return -1;
	s->received = today;
	if (received) {
		s->received = date_parse_iso(received);
		if (s->received == DATE_NONE)
			return error_set(err, "received: \"%s\" is not a date (YYYY-MM-DD)", received);
		if (s->received > today)
			return error_set(err, "received: %s is after today", received);
	}
	if (language) {
		if (strlen(language) != 2 || language[0] < 'a' || language[0] > 'z' || language[1] < 'a' ||
		    language[1] > 'z')
			return error_set(err, "language: \"%s\" is not an ISO 639-1 code such as en, fr, es, ru", language);
		snprintf(s->language, sizeof(s->language), "%s", language);
	}
	if (urgency) {
		if (!vocab_check(&vocab_shared()->urgencies, urgency, "urgency", err))
			return -1;
		snprintf(s->urgency, sizeof(s->urgency), "%s", urgency);
	}
	if (country) {
		if (!kb_country(kb_shared(), country) || !strcmp(country, "OTH"))
			return error_set(err, "country: \"%s\" is not an ISO 3166-1 alpha-3 code the knowledge base knows",
					 country);
		snprintf(s->country, sizeof(s->country), "%s", country);
	}
	if (incident) {
		struct error e2;
		if (event_date_parse(incident, today, &s->incident, &e2) < 0)
			return error_set(err, "incident_date: %s", e2.message);
	}
	s->subject = dup_or_null(subject);
	s->narrative = xstrdup(narrative);
	s->notes = dup_or_null(notes);
	json_t *victims = json_object_get(o, "victims");
	if (victims && !json_is_null(victims)) {
		if (!json_is_array(victims))
			return error_set(err, "victims: give a list of victims ([{\"name\": ..., \"consent\": ...}])");
		s->victims = xcalloc(json_array_size(victims) + 1, sizeof(*s->victims));
		for (size_t i = 0; i < json_array_size(victims); i++) {
			char where[32];
			snprintf(where, sizeof(where), "victims[%zu]", i);
			person_init(&s->victims[i]);
			s->victim_count = i + 1;
			if (json_object_get(json_array_get(victims, i), "ref"))
				return error_set(err, "%s.ref: references are for cases, not submissions", where);
			if (person_from_json(json_array_get(victims, i), where, &s->victims[i], err) < 0)
				return -1;
		}
	}
	return check_clear_fields(s, err);
}

/* --- mandates suggested ------------------------------------------------------------------- */

struct tally {
	const char *mandate;
	int score;
	struct buf evidence;
};

static struct tally *tally_for(struct tally **t, size_t *n, size_t *cap, const char *mandate)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*t)[i].mandate, mandate))
			return &(*t)[i];
	ALLOC_GROW(*t, *n + 1, *cap);
	struct tally *x = &(*t)[(*n)++];
	x->mandate = mandate;
	x->score = 0;
	buf_init(&x->evidence);
	return x;
}

/* Adds score with its evidence: before, what, after ("\"", "beaten", "\""). */
static void tally_add(struct tally *x, int score, const char *before, const char *what, const char *after)
{
	x->score += score;
	if (x->evidence.len)
		buf_adds(&x->evidence, ", ");
	buf_adds(&x->evidence, before);
	buf_adds(&x->evidence, what);
	buf_adds(&x->evidence, after);
}

static int by_score(const void *a, const void *b)
{
	const struct intake_suggestion *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	return strcmp(x->mandate, y->mandate);
}

size_t intake_suggest_mandates(const struct intake_submission *s, struct intake_suggestion **out)
{
	const struct vocab *v = vocab_shared();
	const struct kb *kb = kb_shared();
	struct buf text = BUF_INIT;
	buf_adds(&text, s->subject ? s->subject : "");
	buf_addch(&text, '\n');
	buf_adds(&text, s->narrative ? s->narrative : "");
	char *key = names_key(text.data);
	buf_release(&text);
	struct tally *t = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < v->keyword_count; i++)
		if (names_key_contains(key, v->keywords[i].key, false))
			tally_add(tally_for(&t, &n, &cap, v->keywords[i].mandate), v->keywords[i].weight, "\"",
				  v->keywords[i].word, "\"");
	free(key);
	if (*s->country)
		for (size_t m = 0; m < kb->mandate_count; m++)
			if (kb->mandates[m].country && !strcmp(kb->mandates[m].country, s->country))
				tally_add(tally_for(&t, &n, &cap, kb->mandates[m].slug), v->threshold, "country ",
					  s->country, "");
	for (size_t i = 0; i < s->victim_count; i++) {
		if (!s->victims[i].profiles)
			continue;
		char *copy = xstrdup(s->victims[i].profiles), *save = NULL;
		for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
			const struct vocab_entry *e = vocab_find(&v->profiles, p);
			for (size_t k = 0; e && k < e->suggests.mandate_count; k++) {
				struct tally *x = tally_for(&t, &n, &cap, e->suggests.mandates[k]);
				if (!strstr(x->evidence.data, e->label))
					tally_add(x, v->threshold, "a victim is ", e->label, "");
			}
		}
		free(copy);
	}
	struct intake_suggestion *sg = xcalloc(n + 1, sizeof(*sg));
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].score >= v->threshold)
			sg[count++] = (struct intake_suggestion){t[i].mandate, t[i].score, buf_detach(&t[i].evidence)};
		else
			buf_release(&t[i].evidence);
	}
	free(t);
	qsort(sg, count, sizeof(*sg), by_score);
	*out = sg;
	return count;
}

void intake_suggestions_free(struct intake_suggestion *sg, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(sg[i].evidence);
	free(sg);
}

/* --- the store ------------------------------------------------------------------------------ */

static long long insert_source(struct db *db, const struct privacy *pv, const struct intake_source *src,
			       const char *actor, struct error *err)
{
	if (src->id) {
		struct db_stmt *st = db_prepare(db, "SELECT 1 FROM sources WHERE id = ?1", err);
		if (!st)
			return 0;
		db_bind_int(st, 1, src->id);
		int rc = db_step(st, err);
		db_finalize(st);
		if (rc != 1) {
			if (rc == 0)
				error_set(err, "source.id: no source %lld is held", src->id);
			return 0;
		}
		return src->id;
	}
	char now[32];
	clock_now_iso(now);
	char *identity = privacy_seal(pv, "sources.identity_sealed", src->identity);
	char *contact = privacy_seal(pv, "sources.contact_sealed", src->contact);
	struct db_stmt *st = db_prepare(db, "INSERT INTO sources(kind, identity_sealed, contact_sealed, created_by, created_at) "
					    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", err);
	long long id = 0;
	if (st) {
		db_bind_text(st, 1, src->kind);
		db_bind_text(st, 2, identity);
		db_bind_text(st, 3, contact);
		db_bind_text(st, 4, actor);
		db_bind_text(st, 5, now);
		if (db_step(st, err) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	free(identity);
	free(contact);
	return id;
}

long long intake_add(struct db *db, const struct privacy *pv, const struct intake_submission *s, const char *actor,
		     struct error *err)
{
	if (db_begin(db, err) < 0)
		return 0;
	long long id = 0, source = insert_source(db, pv, &s->source, actor, err);
	char now[32], received[11];
	clock_now_iso(now);
	date_format_iso(s->received, received);
	char *narrative = privacy_seal(pv, "submissions.narrative_sealed", s->narrative);
	char *notes = privacy_seal(pv, "submissions.notes_sealed", s->notes);
	struct db_stmt *st = !source ? NULL
				     : db_prepare(db,
						  "INSERT INTO submissions(source_id, received, language, urgency, country, subject, "
						  "incident_kind, incident_from, incident_to, narrative_sealed, notes_sealed, "
						  "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
						  "?12, ?13) RETURNING id",
						  err);
	if (st) {
		db_bind_int(st, 1, source);
		db_bind_text(st, 2, received);
		db_bind_text(st, 3, s->language);
		db_bind_text(st, 4, s->urgency);
		db_bind_text(st, 5, *s->country ? s->country : NULL);
		db_bind_text(st, 6, s->subject);
		if (s->incident.kind != EVENT_DATE_UNKNOWN) {
			char a[11], b[11];
			date_format_iso(s->incident.from, a);
			date_format_iso(s->incident.to, b);
			db_bind_text(st, 7, event_date_kind_names[s->incident.kind]);
			db_bind_text(st, 8, a);
			db_bind_text(st, 9, b);
		}
		db_bind_text(st, 10, narrative);
		db_bind_text(st, 11, notes);
		db_bind_text(st, 12, actor);
		db_bind_text(st, 13, now);
		if (db_step(st, err) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	free(narrative);
	free(notes);
	int rc = id ? 0 : -1;
	for (size_t i = 0; i < s->victim_count && rc == 0; i++) {
		long long person = persons_insert(db, pv, &s->victims[i], err);
		struct db_stmt *v = person ? db_prepare(db, "INSERT INTO submission_victims(submission_id, position, person_id) "
							    "VALUES (?1, ?2, ?3)", err)
					   : NULL;
		if (!v) {
			rc = -1;
			break;
		}
		db_bind_int(v, 1, id);
		db_bind_int(v, 2, (long long)i + 1);
		db_bind_int(v, 3, person);
		rc = db_step(v, err) < 0 ? -1 : 0;
		db_finalize(v);
	}
	struct intake_suggestion *sg = NULL;
	size_t n = rc == 0 ? intake_suggest_mandates(s, &sg) : 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct db_stmt *m = db_prepare(db, "INSERT INTO submission_mandates(submission_id, mandate, score, evidence) "
						   "VALUES (?1, ?2, ?3, ?4)", err);
		if (!m) {
			rc = -1;
			break;
		}
		db_bind_int(m, 1, id);
		db_bind_text(m, 2, sg[i].mandate);
		db_bind_int(m, 3, sg[i].score);
		db_bind_text(m, 4, sg[i].evidence);
		rc = db_step(m, err) < 0 ? -1 : 0;
		db_finalize(m);
	}
	intake_suggestions_free(sg, n);
	if (rc < 0 || db_commit(db, err) < 0) {
		db_rollback(db);
		return 0;
	}
	return id;
}

static char *open_field(const struct privacy *pv, const char *field, const char *sealed, int *rc, struct error *err)
{
	if (!pv || !sealed)
		return NULL;
	struct error e2;
	char *plain = privacy_unseal(pv, field, sealed, &e2);
	if (!plain)
		*rc = error_set(err, "%s", e2.message);
	return plain;
}

int intake_load(struct db *db, const struct privacy *pv, long long id, struct intake_submission *s,
		struct intake_suggestion **sg, size_t *sg_count, struct error *err)
{
	struct db_stmt *st = db_prepare(db,
					"SELECT s.source_id, s.received, s.language, s.urgency, s.country, s.subject, "
					"s.incident_kind, s.incident_from, s.incident_to, s.narrative_sealed, s.notes_sealed, "
					"s.status, s.decision_reason, s.decided_by, s.decided_at, s.case_id, o.kind, "
					"o.identity_sealed, o.contact_sealed FROM submissions s JOIN sources o ON o.id = s.source_id "
					"WHERE s.id = ?1",
					err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int rc = db_step(st, err);
	if (rc == 0)
		rc = error_set(err, "no submission %lld", id);
	if (rc == 1) {
		rc = 0;
		s->id = id;
		s->source.id = db_int(st, 0);
		s->received = date_parse_iso(db_text(st, 1));
		snprintf(s->language, sizeof(s->language), "%s", db_text(st, 2));
		snprintf(s->urgency, sizeof(s->urgency), "%s", db_text(st, 3));
		snprintf(s->country, sizeof(s->country), "%s", db_text(st, 4) ? db_text(st, 4) : "");
		s->subject = dup_or_null(db_text(st, 5));
		event_date_from_columns(db_text(st, 6), db_text(st, 7), db_text(st, 8), NULL, &s->incident);
		s->narrative = open_field(pv, "submissions.narrative_sealed", db_text(st, 9), &rc, err);
		s->notes = open_field(pv, "submissions.notes_sealed", db_text(st, 10), &rc, err);
		snprintf(s->status, sizeof(s->status), "%s", db_text(st, 11));
		s->decision_reason = dup_or_null(db_text(st, 12));
		s->decided_by = dup_or_null(db_text(st, 13));
		s->decided_at = dup_or_null(db_text(st, 14));
		s->case_id = db_int(st, 15);
		s->source.kind = vocab_find(&vocab_shared()->source_kinds, db_text(st, 16))
					 ? vocab_find(&vocab_shared()->source_kinds, db_text(st, 16))->id
					 : "individual";
		s->source.identity = open_field(pv, "sources.identity_sealed", db_text(st, 17), &rc, err);
		s->source.contact = open_field(pv, "sources.contact_sealed", db_text(st, 18), &rc, err);
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	/* the victims, in the submission's order */
	st = db_prepare(db, "SELECT person_id FROM submission_victims WHERE submission_id = ?1 ORDER BY position", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	long long ids[4096];
	size_t n = 0;
	while ((rc = db_step(st, err)) == 1 && n < 4096)
		ids[n++] = db_int(st, 0);
	db_finalize(st);
	if (rc < 0)
		return -1;
	s->victims = xcalloc(n + 1, sizeof(*s->victims));
	for (size_t i = 0; i < n; i++) {
		if (persons_load(db, pv, ids[i], &s->victims[i], err) < 0)
			return -1;
		s->victim_count = i + 1;
	}
	if (sg) {
		*sg = NULL;
		*sg_count = 0;
		st = db_prepare(db, "SELECT mandate, score, evidence FROM submission_mandates WHERE submission_id = ?1 "
				    "ORDER BY score DESC, mandate", err);
		if (!st)
			return -1;
		db_bind_int(st, 1, id);
		size_t cap = 0;
		while ((rc = db_step(st, err)) == 1) {
			const struct kb_mandate *m = kb_mandate(kb_shared(), db_text(st, 0));
			if (!m)
				continue;
			ALLOC_GROW(*sg, *sg_count + 1, cap);
			(*sg)[(*sg_count)++] = (struct intake_suggestion){m->slug, (int)db_int(st, 1), xstrdup(db_text(st, 2))};
		}
		db_finalize(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int intake_list(struct db *db, const char *status, struct intake_row **rows, size_t *count, struct error *err)
{
	*rows = NULL;
	*count = 0;
	struct db_stmt *st = db_prepare(db,
					"SELECT s.id, s.received, s.status, s.urgency, coalesce(s.country, ''), s.subject, "
					"(SELECT count(*) FROM submission_victims v WHERE v.submission_id = s.id), s.case_id, "
					"(SELECT group_concat(mandate, ',') FROM (SELECT mandate FROM submission_mandates m "
					"WHERE m.submission_id = s.id ORDER BY score DESC, mandate) m) "
					"FROM submissions s WHERE ?1 IS NULL OR s.status = ?1 ORDER BY s.received DESC, s.id DESC",
					err);
	if (!st)
		return -1;
	db_bind_text(st, 1, status);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(*rows, *count + 1, cap);
		struct intake_row *r = &(*rows)[(*count)++];
		memset(r, 0, sizeof(*r));
		r->id = db_int(st, 0);
		snprintf(r->received, sizeof(r->received), "%s", db_text(st, 1));
		snprintf(r->status, sizeof(r->status), "%s", db_text(st, 2));
		snprintf(r->urgency, sizeof(r->urgency), "%s", db_text(st, 3));
		snprintf(r->country, sizeof(r->country), "%s", db_text(st, 4));
		r->subject = dup_or_null(db_text(st, 5));
		r->victims = (int)db_int(st, 6);
		r->case_id = db_int(st, 7);
		r->mandates = dup_or_null(db_text(st, 8));
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

void intake_rows_free(struct intake_row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(rows[i].subject);
		free(rows[i].mandates);
	}
	free(rows);
}

/* --- decisions ------------------------------------------------------------------------------- */

static int submission_status(struct db *db, long long id, char out[16], long long *case_id, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT status, case_id FROM submissions WHERE id = ?1", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int rc = db_step(st, err);
	if (rc == 1) {
		snprintf(out, 16, "%s", db_text(st, 0));
		if (case_id)
			*case_id = db_int(st, 1);
		rc = 0;
	} else if (rc == 0)
		rc = error_set(err, "no submission %lld", id);
	db_finalize(st);
	return rc;
}

int intake_decide(struct db *db, long long id, bool admissible, const char *reason, const char *actor,
		  struct error *err)
{
	if (!reason || !*reason)
		return error_set(err, "--reason: required: say why the submission is %s", admissible ? "admissible" : "inadmissible");
	if (strlen(reason) > FIELDS_TEXT_MAX)
		return error_set(err, "--reason: too long");
	if (db_begin(db, err) < 0)
		return -1;
	char status[16];
	long long case_id = 0;
	int rc = submission_status(db, id, status, &case_id, err);
	if (rc == 0 && !admissible && case_id)
		rc = error_set(err, "submission %lld is part of case %lld: it cannot become inadmissible", id, case_id);
	char now[32];
	clock_now_iso(now);
	struct db_stmt *st = rc < 0 ? NULL
				    : db_prepare(db, "UPDATE submissions SET status = ?1, decision_reason = ?2, decided_by = ?3, "
						     "decided_at = ?4 WHERE id = ?5", err);
	if (st) {
		db_bind_text(st, 1, admissible ? "admissible" : "inadmissible");
		db_bind_text(st, 2, reason);
		db_bind_text(st, 3, actor);
		db_bind_text(st, 4, now);
		db_bind_int(st, 5, id);
		rc = db_step(st, err) < 0 ? -1 : 0;
		db_finalize(st);
	} else
		rc = -1;
	if (rc < 0 || db_commit(db, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* --- duplicates ------------------------------------------------------------------------------- */

static void decision_of(struct db *db, long long id, enum intake_match_kind kind, long long target, char out[8])
{
	out[0] = '\0';
	struct db_stmt *st = db_prepare(db, "SELECT decision FROM duplicate_decisions WHERE submission_id = ?1 AND "
					    "target_kind = ?2 AND target_id = ?3", NULL);
	if (!st)
		return;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, kind == INTAKE_MATCH_PERSON ? "person" : "case");
	db_bind_int(st, 3, target);
	if (db_step(st, NULL) == 1)
		snprintf(out, 8, "%s", db_text(st, 0));
	db_finalize(st);
}

static struct intake_match *add_match(struct intake_match **m, size_t *n, size_t *cap)
{
	ALLOC_GROW(*m, *n + 1, *cap);
	struct intake_match *x = &(*m)[(*n)++];
	memset(x, 0, sizeof(*x));
	return x;
}

static struct intake_match *find_case_match(struct intake_match *m, size_t n, long long case_id)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].kind == INTAKE_MATCH_CASE && m[i].target == case_id)
			return &m[i];
	return NULL;
}

static int by_match(const void *a, const void *b)
{
	const struct intake_match *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return x->target < y->target ? -1 : x->target > y->target;
}

static char *case_title(struct db *db, long long case_id)
{
	struct db_stmt *st = db_prepare(db, "SELECT title FROM cases WHERE id = ?1", NULL);
	char *t = NULL;
	if (st) {
		db_bind_int(st, 1, case_id);
		if (db_step(st, NULL) == 1)
			t = xstrdup(db_text(st, 0));
		db_finalize(st);
	}
	return t ? t : xstrdup("");
}

int intake_duplicates(struct db *db, const struct privacy *pv, long long id, struct intake_match **matches,
		      size_t *count, struct error *err)
{
	*matches = NULL;
	*count = 0;
	struct intake_submission s;
	intake_init(&s);
	if (intake_load(db, pv, id, &s, NULL, NULL, err) < 0) {
		intake_release(&s);
		return -1;
	}
	size_t cap = 0;
	int rc = 0;
	for (size_t v = 0; v < s.victim_count && rc == 0; v++) {
		const struct person *victim = &s.victims[v];
		if (victim->group || !victim->name)
			continue;
		long long *ids;
		size_t n;
		if (persons_candidates(db, pv, victim->name, id, &ids, &n, err) < 0) {
			rc = -1;
			break;
		}
		char *vkey = names_key(victim->name);
		for (size_t i = 0; i < n && rc == 0; i++) {
			struct person other;
			if (persons_load(db, pv, ids[i], &other, err) < 0) {
				rc = -1;
				break;
			}
			char *okey = names_key(other.name ? other.name : "");
			double score = names_similarity(vkey, okey);
			free(okey);
			if (score >= NAMES_POSSIBLE) {
				struct intake_match *x = add_match(matches, count, &cap);
				struct buf b = BUF_INIT;
				x->kind = INTAKE_MATCH_PERSON;
				x->victim = (int)v + 1;
				person_officer_name(victim, &b);
				x->victim_name = buf_detach(&b);
				x->target = other.id;
				person_officer_name(&other, &b);
				x->target_name = buf_detach(&b);
				x->score = score;
				x->why = xstrdup(score >= NAMES_LIKELY ? "the names are alike across spelling and script"
								       : "the names are somewhat alike");
				decision_of(db, id, INTAKE_MATCH_PERSON, other.id, x->decision);
				/* the cases that person is a victim of */
				struct db_stmt *st = db_prepare(db, "SELECT case_id, label FROM case_victims WHERE person_id = ?1", err);
				if (!st)
					rc = -1;
				else {
					db_bind_int(st, 1, other.id);
					while (db_step(st, NULL) == 1) {
						long long c = db_int(st, 0);
						struct intake_match *cm = find_case_match(*matches, *count, c);
						if (!cm) {
							cm = add_match(matches, count, &cap);
							cm->kind = INTAKE_MATCH_CASE;
							cm->target = c;
							cm->target_name = case_title(db, c);
							cm->victim = (int)v + 1;
							person_officer_name(victim, &b);
							cm->victim_name = buf_detach(&b);
							decision_of(db, id, INTAKE_MATCH_CASE, c, cm->decision);
						}
						if (score > cm->score) {
							cm->score = score;
							free(cm->why);
							struct buf w = BUF_INIT;
							buf_addf(&w, "victim %zu is alike to %s of this case", v + 1, db_text(st, 1));
							cm->why = buf_detach(&w);
						}
					}
					db_finalize(st);
				}
			}
			person_release(&other);
		}
		free(vkey);
		free(ids);
	}
	/* cases in the same country whose events overlap the incident's dates */
	if (rc == 0 && *s.country && s.incident.kind != EVENT_DATE_UNKNOWN) {
		char a[11], b[11];
		date_format_iso(s.incident.from, a);
		date_format_iso(s.incident.to, b);
		struct db_stmt *st = db_prepare(db,
						"SELECT DISTINCT c.id FROM cases c JOIN events e ON e.case_id = c.id WHERE c.country = ?1 "
						"AND e.date_from <= ?3 AND e.date_to >= ?2 ORDER BY c.id",
						err);
		if (!st)
			rc = -1;
		else {
			db_bind_text(st, 1, s.country);
			db_bind_text(st, 2, a);
			db_bind_text(st, 3, b);
			while (db_step(st, NULL) == 1) {
				long long c = db_int(st, 0);
				if (find_case_match(*matches, *count, c))
					continue;
				struct intake_match *cm = add_match(matches, count, &cap);
				cm->kind = INTAKE_MATCH_CASE;
				cm->target = c;
				cm->target_name = case_title(db, c);
				cm->score = 0.5;
				struct buf w = BUF_INIT;
				buf_addf(&w, "same country (%s) and events at dates that overlap the incident's", s.country);
				cm->why = buf_detach(&w);
				decision_of(db, id, INTAKE_MATCH_CASE, c, cm->decision);
			}
			db_finalize(st);
		}
	}
	/* what the officer decided stays in view, even when the names no longer meet
	 * (a victim linked to a person is that person now) */
	struct db_stmt *st = rc < 0 ? NULL
				    : db_prepare(db, "SELECT target_kind, target_id, decision FROM duplicate_decisions "
						     "WHERE submission_id = ?1 ORDER BY target_kind, target_id", err);
	if (rc == 0 && !st)
		rc = -1;
	if (st) {
		db_bind_int(st, 1, id);
		while (db_step(st, NULL) == 1) {
			enum intake_match_kind kind = !strcmp(db_text(st, 0), "person") ? INTAKE_MATCH_PERSON : INTAKE_MATCH_CASE;
			long long target = db_int(st, 1);
			bool listed = false;
			for (size_t i = 0; i < *count && !listed; i++)
				listed = (*matches)[i].kind == kind && (*matches)[i].target == target;
			if (listed)
				continue;
			struct intake_match *x = add_match(matches, count, &cap);
			x->kind = kind;
			x->target = target;
			x->score = 0;
			x->why = xstrdup("decided by an officer");
			snprintf(x->decision, sizeof(x->decision), "%s", db_text(st, 2));
			if (kind == INTAKE_MATCH_CASE)
				x->target_name = case_title(db, target);
			else {
				struct person p;
				struct buf b = BUF_INIT;
				if (persons_load(db, pv, target, &p, NULL) == 0) {
					person_officer_name(&p, &b);
					person_release(&p);
				}
				x->target_name = buf_detach(&b);
			}
		}
		db_finalize(st);
	}
	intake_release(&s);
	if (rc < 0) {
		intake_matches_free(*matches, *count);
		*matches = NULL;
		*count = 0;
		return -1;
	}
	if (*count)
		qsort(*matches, *count, sizeof(**matches), by_match);
	return 0;
}

void intake_matches_free(struct intake_match *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].victim_name);
		free(m[i].target_name);
		free(m[i].why);
	}
	free(m);
}

static int record_decision(struct db *db, long long id, enum intake_match_kind kind, long long target,
			   const char *decision, const char *actor, struct error *err)
{
	char now[32];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db,
					"INSERT INTO duplicate_decisions(submission_id, target_kind, target_id, decision, "
					"decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (submission_id, "
					"target_kind, target_id) DO UPDATE SET decision = ?4, decided_by = ?5, decided_at = ?6",
					err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, kind == INTAKE_MATCH_PERSON ? "person" : "case");
	db_bind_int(st, 3, target);
	db_bind_text(st, 4, decision);
	db_bind_text(st, 5, actor);
	db_bind_text(st, 6, now);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

static int exec_ids(struct db *db, const char *sql, long long a, long long b, struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int intake_link_person(struct db *db, long long id, int victim, long long person, const char *actor,
		       struct error *err)
{
	if (db_begin(db, err) < 0)
		return -1;
	char status[16];
	int rc = submission_status(db, id, status, NULL, err);
	long long from = 0;
	if (rc == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT person_id FROM submission_victims WHERE submission_id = ?1 AND position = ?2", err);
		if (!st)
			rc = -1;
		else {
			db_bind_int(st, 1, id);
			db_bind_int(st, 2, victim);
			if (db_step(st, err) == 1)
				from = db_int(st, 0);
			db_finalize(st);
		}
		if (rc == 0 && !from)
			rc = error_set(err, "--victim %d: submission %lld has no victim %d (see rapporteur intake show %lld)", victim,
				       id, victim, id);
	}
	if (rc == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT kind, merged_into FROM persons WHERE id = ?1", err);
		if (!st)
			rc = -1;
		else {
			db_bind_int(st, 1, person);
			int r = db_step(st, err);
			if (r == 0)
				rc = error_set(err, "--person %lld: no such person", person);
			else if (r < 0)
				rc = -1;
			else if (!db_is_null(st, 1))
				rc = error_set(err, "--person %lld: merged into person %lld; link to that one", person, db_int(st, 1));
			else if (strcmp(db_text(st, 0), "person"))
				rc = error_set(err, "--person %lld: a group, not a person", person);
			db_finalize(st);
		}
	}
	if (rc == 0 && from == person)
		rc = error_set(err, "victim %d of submission %lld is already person %lld", victim, id, person);
	/* the victim's row becomes the person's everywhere it was used */
	if (rc == 0)
		rc = exec_ids(db, "UPDATE submission_victims SET person_id = ?2 WHERE person_id = ?1", from, person, err);
	if (rc == 0)
		rc = exec_ids(db, "UPDATE acts SET victim_id = ?2 WHERE victim_id = ?1", from, person, err);
	if (rc == 0)
		rc = exec_ids(db, "UPDATE custody_steps SET person_id = ?2 WHERE person_id = ?1", from, person, err);
	if (rc == 0)
		rc = exec_ids(db, "UPDATE medical_exams SET person_id = ?2 WHERE person_id = ?1", from, person, err);
	if (rc == 0)
		rc = exec_ids(db, "DELETE FROM case_victims WHERE person_id = ?1 AND case_id IN "
				  "(SELECT case_id FROM case_victims WHERE person_id = ?2)", from, person, err);
	if (rc == 0)
		rc = exec_ids(db, "UPDATE case_victims SET person_id = ?2 WHERE person_id = ?1", from, person, err);
	if (rc == 0)
		rc = exec_ids(db, "UPDATE persons SET merged_into = ?2 WHERE id = ?1", from, person, err);
	if (rc == 0)
		rc = exec_ids(db, "DELETE FROM person_name_index WHERE person_id = ?1 AND ?2 = ?2", from, person, err);
	if (rc == 0)
		rc = record_decision(db, id, INTAKE_MATCH_PERSON, person, "linked", actor, err);
	if (rc < 0 || db_commit(db, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int intake_link_case(struct db *db, long long id, long long case_id, const char *actor, struct error *err)
{
	if (db_begin(db, err) < 0)
		return -1;
	char status[16];
	long long current = 0;
	int rc = submission_status(db, id, status, &current, err);
	if (rc == 0 && strcmp(status, "admissible"))
		rc = error_set(err, "submission %lld is %s: only an admissible submission joins a case (rapporteur intake "
				    "decide %lld --admissible --reason ...)",
			       id, status, id);
	if (rc == 0 && current && current != case_id)
		rc = error_set(err, "submission %lld is already part of case %lld", id, current);
	if (rc == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT 1 FROM cases WHERE id = ?1", err);
		if (!st)
			rc = -1;
		else {
			db_bind_int(st, 1, case_id);
			if (db_step(st, err) != 1)
				rc = error_set(err, "--case %lld: no such case", case_id);
			db_finalize(st);
		}
	}
	if (rc == 0)
		rc = exec_ids(db, "UPDATE submissions SET case_id = ?2 WHERE id = ?1", id, case_id, err);
	if (rc == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT v.person_id FROM submission_victims v WHERE v.submission_id = ?1 "
						    "ORDER BY v.position", err);
		long long ids[4096];
		size_t n = 0;
		if (!st)
			rc = -1;
		else {
			db_bind_int(st, 1, id);
			while (db_step(st, NULL) == 1 && n < 4096)
				ids[n++] = db_int(st, 0);
			db_finalize(st);
		}
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = cases_add_victim(db, case_id, ids[i], err);
	}
	if (rc == 0)
		rc = record_decision(db, id, INTAKE_MATCH_CASE, case_id, "linked", actor, err);
	if (rc < 0 || db_commit(db, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int intake_keep_apart(struct db *db, long long id, enum intake_match_kind kind, long long target, const char *actor,
		      struct error *err)
{
	char status[16];
	if (submission_status(db, id, status, NULL, err) < 0)
		return -1;
	char d[8];
	decision_of(db, id, kind, target, d);
	if (!strcmp(d, "linked"))
		return error_set(err, "submission %lld is linked to that %s; linking is not undone here", id,
				 kind == INTAKE_MATCH_PERSON ? "person" : "case");
	return record_decision(db, id, kind, target, "apart", actor, err);
}
