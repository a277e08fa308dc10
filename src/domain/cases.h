/*
 * cases.h - cases after the HURIDOCS "who did what to whom" model: the
 * victims (persons or groups, each with a label such as "Victim A"), the
 * places (official or not), the perpetrators (unit, role; a name is
 * sealed), events with uncertain dates and the acts in them (a type and a
 * method of data/methods.json, a victim, a perpetrator), the custody chain
 * of each detainee, medical examinations, and for each fact the sources
 * that report it with a reliability grade.
 *
 * A case grows by imports of JSON (docs/CASES.md): one object with lists
 * of victims, places, perpetrators, sources, events (with their acts),
 * acts, custody chains and medical examinations, which refer to each other
 * by "ref" names or by the ids already held; all of it is checked, field
 * by field, and stored in one transaction, or none of it is. The faces
 * (cli/cmd_case.c, later the web) call these; nothing of HTTP or terminals.
 */
#ifndef RAPPORTEUR_CASES_H
#define RAPPORTEUR_CASES_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/db.h"
#include "custody.h"
#include "event_date.h"
#include "medical.h"
#include "persons.h"
#include "privacy.h"

struct case_place {
	long long id;
	char *name, *locality, *authority;
	const char *kind; /* vocabulary id */
	bool official;
};

struct case_perpetrator {
	long long id;
	const char *kind;
	char *unit, *role;
	char *name; /* sealed at rest; NULL when not known or not opened */
};

struct case_act {
	long long id, event_id, victim_id, perpetrator_id;
	const char *type, *method; /* vocabulary ids; method may be NULL */
};

struct case_event {
	long long id;
	struct event_date date;
	long long place_id;
	char *summary;
	struct case_act *acts;
	size_t act_count;
};

/* A source of a fact, with the officer's grade. */
struct case_fact_source {
	const char *fact_kind; /* event | act | custody | medical */
	long long fact_id, source_id;
	const char *reliability;
	const char *source_kind;
	char *identity; /* opened: the officer's view only */
};

struct case_mandate_hint {
	const char *mandate;
	int score;
};

struct case_record {
	long long id;
	char *title;
	char country[4];
	char status[8];
	char *notes; /* confidential */
	struct person *victims; /* with labels, in the order they joined */
	size_t victim_count;
	struct case_place *places;
	size_t place_count;
	struct case_perpetrator *perpetrators;
	size_t perpetrator_count;
	struct case_event *events; /* by date, unknown dates last */
	size_t event_count;
	struct custody_step *steps; /* every victim's, each chain sorted */
	size_t step_count;
	struct medical_exam *exams;
	size_t exam_count;
	struct case_fact_source *sources;
	size_t source_count;
	long long *submissions;
	size_t submission_count;
	bool urgent; /* a linked submission is urgent */
	struct case_mandate_hint *hints; /* mandates suggested for its submissions */
	size_t hint_count;
};

void case_record_release(struct case_record *c);

/* A new, empty case. Returns its id, or 0 with err. */
long long cases_create(struct db *db, const struct privacy *pv, const char *title, const char *country,
		       const char *notes, const char *actor, struct error *err);
/* person joins the case as a victim with the next label; nothing when it
 * already has. */
int cases_add_victim(struct db *db, long long case_id, long long person_id, struct error *err);

/* Adds what o holds to the case, in one transaction, every field checked
 * (errors name it: "events[0].acts[1].method: ..."). Appends one line per
 * thing created to report ("event e1: event 4"). */
int cases_import(struct db *db, const struct privacy *pv, long long case_id, json_t *o, int today, struct buf *report,
		 struct error *err);

/* Case id, everything in it, sealed fields opened when pv is not NULL. */
int cases_load(struct db *db, const struct privacy *pv, long long id, struct case_record *c, struct error *err);

/* The case as JSON: the officer's view (names, sealed fields, sources), or
 * with public_view only what may leave the secretariat: victims by their
 * public name (person_public_name), no source, no contact, no notes, no
 * perpetrator's name, no finding's description. Caller decrefs. */
json_t *cases_to_json(const struct case_record *c, bool public_view, int today);

/* Lookups in a loaded case (NULL when not there). */
const struct person *case_victim(const struct case_record *c, long long person_id);
const struct case_place *case_place(const struct case_record *c, long long place_id);
const struct case_perpetrator *case_perpetrator(const struct case_record *c, long long id);
/* True when every source of the fact is graded doubtful (and it has one). */
bool case_fact_doubtful(const struct case_record *c, const char *fact_kind, long long fact_id);

struct case_row {
	long long id;
	char *title;
	char country[4], status[8];
	int victims, events;
};
int cases_list(struct db *db, struct case_row **rows, size_t *count, struct error *err);
void case_rows_free(struct case_row *rows, size_t count);

#endif
