/*
 * medical.c - examinations and findings in and out of the store. See
 * medical.h. The grades and body locations are the vocabulary's
 * (data/case-vocabulary.json), the methods data/methods.json's.
 */
#include "medical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/die.h"
#include "fields.h"
#include "vocab.h"

void medical_exam_init(struct medical_exam *e)
{
	memset(e, 0, sizeof(*e));
	e->examined = DATE_NONE;
}

void medical_exam_release(struct medical_exam *e)
{
	free(e->examiner);
	free(e->examiner_role);
	free(e->notes);
	for (size_t i = 0; i < e->finding_count; i++)
		free(e->findings[i].description);
	free(e->findings);
	medical_exam_init(e);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int finding_from_json(json_t *o, const char *where, struct medical_finding *f, struct error *err)
{
	static const char *const keys[] = {"location", "description", "grade", "method", "act", NULL};
	if (fields_check_keys(o, where, keys, err) < 0)
		return -1;
	const struct vocab *v = vocab_shared();
	const char *location, *description, *grade, *method;
	if (fields_string(o, "location", where, true, FIELDS_LINE_MAX, &location, err) < 0 ||
	    fields_string(o, "description", where, true, FIELDS_TEXT_MAX, &description, err) < 0 ||
	    fields_string(o, "grade", where, true, FIELDS_LINE_MAX, &grade, err) < 0 ||
	    fields_string(o, "method", where, true, FIELDS_LINE_MAX, &method, err) < 0)
		return -1;
	char path[160];
	const struct vocab_entry *e;
	fields_path(where, "location", path);
	if (!(e = vocab_check(&v->body_locations, location, path, err)))
		return -1;
	f->location = e->id;
	fields_path(where, "grade", path);
	if (!(e = vocab_check(&v->grades, grade, path, err)))
		return -1;
	f->grade = e->id;
	fields_path(where, "method", path);
	if (!(e = vocab_check(&v->methods, method, path, err)))
		return -1;
	f->method = e->id;
	f->description = xstrdup(description);
	return 0;
}

int medical_exam_from_json(json_t *o, const char *where, int today, struct medical_exam *e, struct error *err)
{
	static const char *const keys[] = {"person", "examined", "consent", "examiner", "examiner_role", "notes",
					   "findings", "sources", NULL};
	if (fields_check_keys(o, where, keys, err) < 0)
		return -1;
	const char *examined, *consent, *examiner, *role, *notes;
	if (fields_string(o, "examined", where, true, FIELDS_LINE_MAX, &examined, err) < 0 ||
	    fields_string(o, "consent", where, false, FIELDS_LINE_MAX, &consent, err) < 0 ||
	    fields_string(o, "examiner", where, true, FIELDS_LINE_MAX, &examiner, err) < 0 ||
	    fields_string(o, "examiner_role", where, true, FIELDS_LINE_MAX, &role, err) < 0 ||
	    fields_string(o, "notes", where, false, FIELDS_TEXT_MAX, &notes, err) < 0)
		return -1;
	/* Istanbul Protocol: no examination without the person's informed consent */
	if (!consent || (strcmp(consent, "given") && strcmp(consent, "refused")))
		return error_set(err, "%s.consent: required: \"given\" (informed consent to the examination) or "
				      "\"refused\"",
				 where);
	e->consent = !strcmp(consent, "given");
	e->examined = date_parse_iso(examined);
	if (e->examined == DATE_NONE)
		return error_set(err, "%s.examined: \"%s\" is not a date (YYYY-MM-DD)", where, examined);
	if (e->examined > today)
		return error_set(err, "%s.examined: %s is after today", where, examined);
	e->examiner = xstrdup(examiner);
	e->examiner_role = xstrdup(role);
	e->notes = dup_or_null(notes);
	json_t *findings = json_object_get(o, "findings");
	if (findings && !json_is_null(findings)) {
		if (!json_is_array(findings))
			return error_set(err, "%s.findings: give a list of findings", where);
		if (!e->consent && json_array_size(findings))
			return error_set(err, "%s.findings: the person refused the examination: there are no findings", where);
		e->findings = xcalloc(json_array_size(findings) + 1, sizeof(*e->findings));
		for (size_t i = 0; i < json_array_size(findings); i++) {
			char w[200];
			snprintf(w, sizeof(w), "%s.findings[%zu]", where, i);
			e->finding_count = i + 1;
			if (finding_from_json(json_array_get(findings, i), w, &e->findings[i], err) < 0)
				return -1;
		}
	}
	return 0;
}

long long medical_insert(struct db *db, const struct privacy *pv, const struct medical_exam *e, struct error *err)
{
	char date[11];
	date_format_iso(e->examined, date);
	char *examiner = privacy_seal(pv, "medical_exams.examiner_sealed", e->examiner);
	char *notes = privacy_seal(pv, "medical_exams.notes_sealed", e->notes);
	struct db_stmt *st = db_prepare(db,
					"INSERT INTO medical_exams(case_id, person_id, examined, consent, examiner_sealed, "
					"examiner_role, notes_sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
					err);
	long long id = 0;
	if (st) {
		db_bind_int(st, 1, e->case_id);
		db_bind_int(st, 2, e->person_id);
		db_bind_text(st, 3, date);
		db_bind_text(st, 4, e->consent ? "given" : "refused");
		db_bind_text(st, 5, examiner);
		db_bind_text(st, 6, e->examiner_role);
		db_bind_text(st, 7, notes);
		if (db_step(st, err) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	free(examiner);
	free(notes);
	for (size_t i = 0; id && i < e->finding_count; i++) {
		const struct medical_finding *f = &e->findings[i];
		char *description = privacy_seal(pv, "medical_findings.description_sealed", f->description);
		st = db_prepare(db, "INSERT INTO medical_findings(exam_id, location, description_sealed, grade, method, act_id) "
				    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
		int rc = -1;
		if (st) {
			db_bind_int(st, 1, id);
			db_bind_text(st, 2, f->location);
			db_bind_text(st, 3, description);
			db_bind_text(st, 4, f->grade);
			db_bind_text(st, 5, f->method);
			if (f->act_id)
				db_bind_int(st, 6, f->act_id);
			rc = db_step(st, err);
			db_finalize(st);
		}
		free(description);
		if (rc < 0)
			id = 0;
	}
	return id;
}

static const char *vocab_id(const struct vocab_list *list, const char *id)
{
	const struct vocab_entry *e = vocab_find(list, id);
	return e ? e->id : list->items[0].id;
}

int medical_load(struct db *db, const struct privacy *pv, long long case_id, long long person_id,
		 struct medical_exam **exams, size_t *count, struct error *err)
{
	*exams = NULL;
	*count = 0;
	struct db_stmt *st = db_prepare(db,
					"SELECT id, person_id, examined, consent, examiner_sealed, examiner_role, notes_sealed "
					"FROM medical_exams WHERE case_id = ?1 AND (?2 = 0 OR person_id = ?2) ORDER BY examined, id",
					err);
	if (!st)
		return -1;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, person_id);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(*exams, *count + 1, cap);
		struct medical_exam *e = &(*exams)[(*count)++];
		medical_exam_init(e);
		e->id = db_int(st, 0);
		e->case_id = case_id;
		e->person_id = db_int(st, 1);
		e->examined = date_parse_iso(db_text(st, 2));
		e->consent = !strcmp(db_text(st, 3), "given");
		e->examiner_role = xstrdup(db_text(st, 5));
		if (pv) {
			struct error e2;
			e->examiner = privacy_unseal(pv, "medical_exams.examiner_sealed", db_text(st, 4), &e2);
			if (!e->examiner)
				rc = error_set(err, "medical exam %lld: %s", e->id, e2.message);
			e->notes = privacy_unseal(pv, "medical_exams.notes_sealed", db_text(st, 6), &e2);
			if (!e->notes && db_text(st, 6))
				rc = error_set(err, "medical exam %lld: %s", e->id, e2.message);
			if (rc < 0)
				break;
		}
	}
	db_finalize(st);
	const struct vocab *v = vocab_shared();
	for (size_t i = 0; rc == 0 && i < *count; i++) {
		struct medical_exam *e = &(*exams)[i];
		st = db_prepare(db, "SELECT id, location, description_sealed, grade, method, act_id FROM medical_findings "
				    "WHERE exam_id = ?1 ORDER BY id", err);
		if (!st) {
			rc = -1;
			break;
		}
		db_bind_int(st, 1, e->id);
		size_t fcap = 0;
		while ((rc = db_step(st, err)) == 1) {
			ALLOC_GROW(e->findings, e->finding_count + 1, fcap);
			struct medical_finding *f = &e->findings[e->finding_count++];
			memset(f, 0, sizeof(*f));
			f->id = db_int(st, 0);
			f->location = vocab_id(&v->body_locations, db_text(st, 1));
			f->grade = vocab_id(&v->grades, db_text(st, 3));
			f->method = vocab_id(&v->methods, db_text(st, 4));
			f->act_id = db_int(st, 5);
			if (pv) {
				struct error e2;
				f->description = privacy_unseal(pv, "medical_findings.description_sealed", db_text(st, 2), &e2);
				if (!f->description) {
					rc = error_set(err, "medical finding %lld: %s", f->id, e2.message);
					break;
				}
			}
		}
		db_finalize(st);
	}
	if (rc < 0) {
		for (size_t i = 0; i < *count; i++)
			medical_exam_release(&(*exams)[i]);
		free(*exams);
		*exams = NULL;
		*count = 0;
		return -1;
	}
	return 0;
}
