/*
 * medical.h - medical documentation after the Istanbul Protocol (2022
 * edition): an examination with the person's informed consent, who
 * examined (sealed) in what role, and findings by body location, each
 * graded against the method alleged: not consistent, consistent, highly
 * consistent, typical of, diagnostic of. A finding's description is
 * sealed; its location, grade and method are what a letter may say.
 *
 * Knows the store and privacy.h; persons and acts are resolved by the
 * caller (cases.c).
 */
#ifndef RAPPORTEUR_MEDICAL_H
#define RAPPORTEUR_MEDICAL_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/db.h"
#include "privacy.h"

struct medical_finding {
	long long id;
	const char *location; /* vocabulary ids: live as long as the vocabulary */
	const char *grade;
	const char *method;
	char *description; /* sealed at rest */
	long long act_id;  /* the act it documents, or 0 */
};

struct medical_exam {
	long long id, case_id, person_id;
	int examined; /* date */
	bool consent; /* informed consent given (an exam refused has no findings) */
	char *examiner, *examiner_role, *notes;
	struct medical_finding *findings;
	size_t finding_count;
};

void medical_exam_init(struct medical_exam *e);
void medical_exam_release(struct medical_exam *e);

/* Fills e from an examination's JSON; its "person" and "sources" and each
 * finding's "act" are read and resolved by the caller (cases.c). */
int medical_exam_from_json(json_t *o, const char *where, int today, struct medical_exam *e, struct error *err);

/* Stores the exam and its findings. Returns its id, or 0. */
long long medical_insert(struct db *db, const struct privacy *pv, const struct medical_exam *e, struct error *err);
/* The exams of a case (of one person when person_id is not 0), their
 * sealed fields opened when pv is not NULL. *exams is malloc'ed. */
int medical_load(struct db *db, const struct privacy *pv, long long case_id, long long person_id,
		 struct medical_exam **exams, size_t *count, struct error *err);

#endif
