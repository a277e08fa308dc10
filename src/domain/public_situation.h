/*
 * public_situation.h - what the public sees of a situation (docs/FIGURES.md):
 * its title, country and period, those of its communications the public
 * may see (visibility.c, as of "today"), the confirmed figures of those
 * communications and of their replies received by then, and the funnel
 * those figures make with its checks. Officers' names, notes, proposals
 * and the cue a figure was read on are never part of it (figure_to_json()
 * and funnel_to_json() in their public view).
 *
 * A situation none of whose communications is public is not public
 * either: its title could announce a letter still under embargo. The web
 * pages render these and the API returns them, so they cannot disagree.
 */
#ifndef RAPPORTEUR_PUBLIC_SITUATION_H
#define RAPPORTEUR_PUBLIC_SITUATION_H

#include <jansson.h>
#include <stddef.h>

#include "../store/db.h"
#include "figures.h"
#include "funnel.h"
#include "situations.h"

struct public_situation_communication {
	long long id;
	char *reference, *slug, *date;
	int replies; /* received by today */
};

struct public_situation {
	struct situation situation; /* its communications left empty: see communications */
	struct public_situation_communication *communications; /* the public ones, by date */
	size_t communication_count;
	struct figure_list figures; /* confirmed, of the public communications */
	struct funnel funnel;	    /* of figures, as of the latest; points into figures */
};

/* The situation with this slug as the public sees it on today
 * (YYYY-MM-DD): 1 found, 0 no such public situation (unknown, or none of
 * its communications public yet: the same 0), -1 with err. Release with
 * public_situation_release() whatever it returns. */
int public_situation_load(struct db *db, const char *slug, const char *today, struct public_situation *out,
			  struct error *err);
void public_situation_release(struct public_situation *ps);

/* {slug, title, country {code, name}, period_from, period_to,
 * communications [{reference, slug, date, replies}], figures [...],
 * funnel {...}}. Caller decrefs. */
json_t *public_situation_json(const struct public_situation *ps);

/* The figures as CSV (RFC 4180, util/csv.h's formula guard), a header row
 * then one row per figure. Caller frees; *len receives the length. */
char *public_situation_csv(const struct public_situation *ps, size_t *len);

/* Every public situation, by slug: [{slug, title, country, period_from,
 * period_to, communications, figures}] with the public counts. NULL with
 * err. */
json_t *public_situations(struct db *db, const char *today, struct error *err);

#endif
