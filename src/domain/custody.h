/*
 * custody.h - the custody chain of one detainee: apprehension -> places
 * held (admissions) -> transfers -> release or death, each step with its
 * time and the fields an official register of persons deprived of liberty
 * must hold (ICPPED art. 17(3)). custody_analyse() computes, from the
 * steps alone, the gaps where nobody knows where the person was and the
 * time they were held without being in any official register, with the
 * bounds the uncertain dates allow ("at least 3 days, at most 5"), and
 * what does not fit (a step after death, custody with no apprehension).
 *
 * The analysis is pure (steps and today in, gaps out); loading and the
 * JSON of a step are here too. Knows nothing of cases or drafting.
 */
#ifndef RAPPORTEUR_CUSTODY_H
#define RAPPORTEUR_CUSTODY_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/db.h"
#include "../util/buf.h"
#include "event_date.h"
#include "privacy.h"

enum custody_kind { CUSTODY_APPREHENSION, CUSTODY_ADMISSION, CUSTODY_TRANSFER, CUSTODY_RELEASE, CUSTODY_DEATH };
extern const char *const custody_kind_names[5];

struct custody_step {
	long long id, case_id, person_id;
	enum custody_kind kind;
	struct event_date at;
	long long place_id;	/* 0: not known (a transfer: its destination) */
	char *place_name;	/* from the place, for display; NULL when not known */
	int place_official;	/* 1, 0, or -1 when there is no place */
	char *authority;	/* 17(3)(b)(e)(h) */
	char *ordered_by;	/* 17(3)(c) */
	char *grounds;		/* 17(3)(c) */
	char *supervising;	/* 17(3)(d) */
	int registered;		/* admissions: 1 entered in an official register, 0 not, -1 not known */
	char *cause, *remains;	/* 17(3)(g) */
	char *notes;		/* 17(3)(f): sealed */
};

void custody_step_init(struct custody_step *s);
void custody_step_release(struct custody_step *s);

/* Fills s from a step's JSON (places and persons are resolved by the
 * caller: "place" is left to it); today bounds the time. */
int custody_step_from_json(json_t *o, const char *where, int today, struct custody_step *s, struct error *err);

/* Sorts steps by time (the earliest it can have been), keeping the order
 * given for steps at the same time. */
void custody_sort(struct custody_step *steps, size_t n);

enum custody_gap_kind {
	CUSTODY_GAP_WHEREABOUTS, /* in custody, at a place nobody knows */
	CUSTODY_GAP_UNREGISTERED, /* in custody, in no official register */
};

struct custody_gap {
	enum custody_gap_kind kind;
	size_t from;		 /* the step it begins at */
	long to;		 /* the step it ends at, or -1: it lasts to today */
	long long min_minutes;	 /* it lasted at least this long */
	long long max_minutes;	 /* and at most this long (-1 for both: not known) */
	int min_days, max_days;	 /* the same in calendar days, from day to day */
	bool timed;		 /* both ends have a time of day: say it in hours */
	bool registration_unknown; /* unregistered: some admissions say nothing either way */
};

enum custody_state { CUSTODY_FREE, CUSTODY_HELD, CUSTODY_WHEREABOUTS_UNKNOWN, CUSTODY_DEAD };

struct custody_analysis {
	struct custody_gap *gaps;
	size_t gap_count;
	char **problems; /* what does not fit, in English */
	size_t problem_count;
	enum custody_state state; /* at the last step */
	long held_at;		  /* the step of the place held at the end, or -1 */
	bool death_in_custody;
};

/* A gap is flagged when it certainly lasted a day or more, or may have
 * lasted two days or more: a transfer and an admission on the same day
 * are no gap. */
#define CUSTODY_GAP_CERTAIN_MINUTES (24 * 60)
#define CUSTODY_GAP_POSSIBLE_MINUTES (48 * 60)

/* Analyses steps (sorted by custody_sort) as of today. Free with
 * custody_analysis_release(). */
void custody_analyse(const struct custody_step *steps, size_t n, int today, struct custody_analysis *a);
void custody_analysis_release(struct custody_analysis *a);

/* How long a gap lasted: "3 days", "between 3 and 5 days", "30 hours",
 * "a length not known". */
void custody_duration_phrase(const struct custody_gap *g, struct buf *out);
/* One line on a gap: what, from when to when, how long. who is how the
 * person is called ("Victim A"). */
void custody_gap_describe(const struct custody_step *steps, const struct custody_gap *g, const char *who,
			  struct buf *out);

/* The steps of a person across every case, sorted, their places named and
 * notes opened when pv is not NULL. *steps is malloc'ed. */
int custody_load_person(struct db *db, const struct privacy *pv, long long person_id, long long case_id,
			struct custody_step **steps, size_t *count, struct error *err);
/* Stores a step (its place already resolved). Returns its id, or 0. */
long long custody_insert(struct db *db, const struct privacy *pv, const struct custody_step *s, struct error *err);

#endif
