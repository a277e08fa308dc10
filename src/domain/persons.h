/*
 * persons.h - victims: a person (named, with or without consent to be
 * named) or a group with a count. Read from JSON and checked field by
 * field; stored with the name, contact and notes sealed and the name's
 * words in the blind index; compared by name across spellings and
 * scripts. person_public_name() is the one function that says how a
 * person appears in anything that is not the officer's own view.
 *
 * Knows the store and privacy.h; nothing of submissions or cases.
 */
#ifndef RAPPORTEUR_PERSONS_H
#define RAPPORTEUR_PERSONS_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/db.h"
#include "../util/buf.h"
#include "privacy.h"

struct person {
	long long id;
	bool group;		  /* a group of group_count people */
	char *name;		  /* persons: opened (NULL when not opened) */
	char *contact, *notes;	  /* confidential */
	bool consent;		  /* consented to be named to the State and in public */
	char *sex;		  /* female | male | other | unknown, or NULL */
	int age;		  /* -1 when not known */
	char *profiles;		  /* ids of the vocabulary's profiles, comma-separated, or NULL */
	long long group_count;
	char *group_description; /* who the group are, without names */
	char *label;		  /* in a case: "Victim A"; else NULL */
};

void person_init(struct person *p);
void person_release(struct person *p);

/* Fills p from a victim's JSON object; where ("victims[1]") names the
 * field in messages. -1 with err. */
int person_from_json(json_t *o, const char *where, struct person *p, struct error *err);

/* A new person row (sealed fields, blind index). Returns its id, or 0. */
long long persons_insert(struct db *db, const struct privacy *pv, const struct person *p, struct error *err);
/* Person id into p, its sealed fields opened when pv is not NULL. */
int persons_load(struct db *db, const struct privacy *pv, long long id, struct person *p, struct error *err);

/* How p appears outside the officer's view: the name only when the person
 * consented to be named, else the label ("Victim A"; "a victim not named"
 * without one); a group as "a group of 40 people (protesters ...)". */
void person_public_name(const struct person *p, struct buf *out);
/* The officer's view: the name, with the label and "(not to be named)"
 * when there is no consent. */
void person_officer_name(const struct person *p, struct buf *out);

/* Persons (not merged, not excluded) whose name shares a word or a word's
 * consonants with name, found through the blind index. *ids is malloc'ed. */
int persons_candidates(struct db *db, const struct privacy *pv, const char *name, long long exclude_submission,
		       long long **ids, size_t *count, struct error *err);

/* Rebuilds the blind index of every person under pv's sealing key. */
int persons_reindex(struct db *db, const struct privacy *pv, struct error *err);

/* The label of the n-th victim of a case (0: "Victim A", 25: "Victim Z",
 * 26: "Victim AA"), into out. */
void persons_label(size_t n, char out[32]);

#endif
