/*
 * situations.h - a situation (Kazakhstan, January 2022) groups the
 * communications about it, and through them their figures and replies:
 * what the funnel of funnel.h is drawn for.
 *
 * Store access only; knows nothing of the command line or HTTP.
 */
#ifndef RAPPORTEUR_SITUATIONS_H
#define RAPPORTEUR_SITUATIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "../store/db.h"

struct situation_communication {
	long long id;
	char *reference;
	char *date; /* YYYY-MM-DD or NULL */
	char *status;
	int replies; /* replies filed */
};

struct situation {
	long long id;
	char *slug;        /* "kaz-2022-01" */
	char *title;       /* "Kazakhstan, January 2022" */
	char *country;     /* ISO alpha-3, or NULL */
	char *period_from; /* YYYY-MM-DD, or NULL */
	char *period_to;
	char *created_by, *created_at;
	struct situation_communication *communications; /* by date */
	size_t communication_count;
};

void situation_release(struct situation *s);

struct situation_in {
	const char *slug, *title, *country, *period_from, *period_to;
};

/* Checks and stores a new situation: slug of lower-case letters, digits
 * and hyphens (at most 64), a title, a known country, dates as YYYY-MM-DD
 * in order. Returns its id, or -1 with err naming the bad field. */
long long situation_create(struct db *db, const struct situation_in *in, const char *actor,
                           struct error *err);

/* A situation by slug or number; 0 when none. */
long long situation_find(struct db *db, const char *slug_or_id);

/* Loads a situation with its communications; -1 with err if none. */
int situation_load(struct db *db, long long id, struct situation *out, struct error *err);

/* Links a communication; with related, also every stored communication
 * it cites or that cites it (the follow-up chain), transitively. Returns
 * how many links were added (0: all were there already), -1 with err. */
int situation_link(struct db *db, long long situation_id, long long communication_id, bool related,
                   const char *actor, struct error *err);
int situation_unlink(struct db *db, long long situation_id, long long communication_id,
                     struct error *err);

/* All situations, by slug, as a JSON array of {slug, title, country,
 * period_from, period_to, communications (how many)}; NULL with err. */
json_t *situation_list_json(struct db *db, struct error *err);
json_t *situation_to_json(const struct situation *s);

#endif
