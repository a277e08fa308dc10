/*
 * intake.h - information coming in: a submission from a source (never
 * anonymous: identity and contact are required, and sealed), its victims
 * and whether each consented to be named, language, urgency, the mandates
 * it may concern (suggested from its words, with the words as evidence),
 * the officer's admissibility decision with its reason, and the check
 * against victims and cases already held (names across spellings and
 * scripts), which the officer settles by linking or keeping apart.
 *
 * The faces (cli/cmd_intake.c, later the web form) call these; the JSON
 * format is docs/CASES.md. Knows the store, persons and cases.
 */
#ifndef RAPPORTEUR_INTAKE_H
#define RAPPORTEUR_INTAKE_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/db.h"
#include "event_date.h"
#include "persons.h"
#include "privacy.h"

struct intake_source {
	long long id;	  /* an existing source, or 0 for a new one */
	const char *kind; /* data/case-vocabulary.json source_kinds */
	char *identity, *contact;
};

struct intake_submission {
	long long id;
	struct intake_source source;
	int received; /* date */
	char language[4];
	char urgency[8]; /* routine | urgent */
	char country[4]; /* ISO alpha-3, or "" */
	char *subject;
	struct event_date incident;
	char *narrative, *notes; /* confidential */
	struct person *victims;
	size_t victim_count;
	/* as stored */
	char status[16]; /* pending | admissible | inadmissible */
	char *decision_reason, *decided_by, *decided_at;
	long long case_id;
};

void intake_init(struct intake_submission *s);
void intake_release(struct intake_submission *s);

/* Fills s from a submission's JSON; today bounds the dates. -1 with err
 * naming the field. An anonymous submission is refused here. */
int intake_from_json(json_t *o, int today, struct intake_submission *s, struct error *err);

struct intake_suggestion {
	const char *mandate; /* a slug */
	int score;
	char *evidence; /* the words and facts that suggested it */
};

/* The mandates a submission may concern, the most concerned first: the
 * keywords of data/mandate-keywords.json and the content words of the
 * mandates' titles found in its subject and narrative (any script), a
 * country mandate for its country, and its victims' profiles. Pure.
 * Returns how many; *out is malloc'ed (intake_suggestions_free). */
size_t intake_suggest_mandates(const struct intake_submission *s, struct intake_suggestion **out);
void intake_suggestions_free(struct intake_suggestion *sg, size_t n);

/* Stores a submission, its source, victims and suggested mandates in one
 * transaction. Returns its id, or 0 with err. */
long long intake_add(struct db *db, const struct privacy *pv, const struct intake_submission *s, const char *actor,
		     struct error *err);
/* Submission id into s (intake_init'ed), its sealed fields opened when pv
 * is not NULL; its suggestions into *sg when sg is not NULL. */
int intake_load(struct db *db, const struct privacy *pv, long long id, struct intake_submission *s,
		struct intake_suggestion **sg, size_t *sg_count, struct error *err);

/* One line of the list: nothing confidential. */
struct intake_row {
	long long id;
	char received[11], status[16], urgency[8], country[4];
	char *subject;	/* may be NULL */
	char *mandates; /* suggested, comma-separated */
	int victims;
	long long case_id;
};
/* Submissions, newest first; status NULL for all. */
int intake_list(struct db *db, const char *status, struct intake_row **rows, size_t *count, struct error *err);
void intake_rows_free(struct intake_row *rows, size_t count);

/* The officer's decision, with the reason (required). A submission linked
 * to a case cannot become inadmissible. */
int intake_decide(struct db *db, long long id, bool admissible, const char *reason, const char *actor,
		  struct error *err);

enum intake_match_kind { INTAKE_MATCH_PERSON, INTAKE_MATCH_CASE };

struct intake_match {
	enum intake_match_kind kind;
	int victim;	     /* the submission's victim it rests on (1-based), 0 for none */
	char *victim_name;   /* the officer's view */
	long long target;    /* a person or a case */
	char *target_name;   /* the person's name (officer's view), or the case's title */
	double score;	     /* 0..1 */
	char *why;
	char decision[8];    /* "", "linked" or "apart" */
};

/* Persons and cases held that may be the submission's: each victim's name
 * against every person sharing a word of it (the blind index), scored by
 * names_similarity(); the cases of those persons; cases in the same
 * country whose events overlap the incident's date. Best first. */
int intake_duplicates(struct db *db, const struct privacy *pv, long long id, struct intake_match **matches,
		      size_t *count, struct error *err);
void intake_matches_free(struct intake_match *m, size_t n);

/* The submission's victim (1-based) is person: the victim's row is merged
 * into it, everywhere it is used. */
int intake_link_person(struct db *db, long long id, int victim, long long person, const char *actor,
		       struct error *err);
/* The submission concerns this case: it is attached and its victims join
 * the case. Only an admissible submission. */
int intake_link_case(struct db *db, long long id, long long case_id, const char *actor, struct error *err);
/* The officer says a suggested person or case is not the submission's. */
int intake_keep_apart(struct db *db, long long id, enum intake_match_kind kind, long long target, const char *actor,
		      struct error *err);

#endif
