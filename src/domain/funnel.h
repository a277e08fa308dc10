/*
 * funnel.h - the accountability funnel of a situation: complaints ->
 * criminal cases -> officers accused -> cases tried -> convictions,
 * suspended sentences, acquittals, and cases closed, with the latest
 * confirmed value of each stage as of each date, and the checks that
 * flag what does not add up (docs/FIGURES.md):
 *
 *   - a stage larger than the one before it (the vocabulary's at_most);
 *   - parts that exceed their whole, or exhaustive parts that do not sum
 *     to it (the vocabulary's relations: 26 imprisoned + 5 suspended +
 *     1 acquitted = 32 of 35 officers accused);
 *   - two figures for the same count and date that disagree.
 *
 * Pure: figures and the vocabulary in, a funnel out; every flag names its
 * figures (ids, documents) and their sources. Knows nothing of the store
 * (figures_select gives the figures) or of how it is shown.
 */
#ifndef RAPPORTEUR_FUNNEL_H
#define RAPPORTEUR_FUNNEL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "figure_vocab.h"
#include "figures.h"

/* A category's value at a date. */
struct funnel_value {
	bool present;
	double value;
	const struct figure *figure;           /* where it comes from; NULL when derived */
	const struct figure_relation *derived; /* non-NULL: the sum of this relation's parts */
};

enum funnel_check_kind {
	CHECK_STAGE_ORDER, /* a stage against the earlier one bounding it */
	CHECK_PARTS,       /* a relation's parts against its whole */
	CHECK_AGREEMENT    /* figures for the same count and date */
};
extern const char *const funnel_check_kind_names[3]; /* "stage-order", "parts", "agreement" */

#define FUNNEL_CHECK_FIGURES 24

struct funnel_check {
	enum funnel_check_kind kind;
	bool ok;       /* false: a flag */
	char key[96];  /* what was checked, the same at every date: "parts:officers-accused" */
	char *message; /* plain words, naming each figure with its value, source, date, document */
	long long figures[FUNNEL_CHECK_FIGURES]; /* the figures it rests on */
	size_t figure_count;
	int date; /* the date of the funnel it was found in */
};

struct funnel_snapshot {
	int date;
	struct funnel_value *values; /* one per vocabulary category, in its order */
	struct funnel_check *checks;
	size_t check_count;
};

struct funnel {
	const struct figure_vocab *v;
	int as_of;
	const struct figure *figures; /* the caller's; must outlive the funnel */
	size_t figure_count;
	size_t used;    /* figures with a category and a date, on or before as_of */
	size_t undated; /* confirmed figures with no date: left out */
	struct funnel_snapshot *snapshots; /* one per date a figure is as of, the last at as_of */
	size_t snapshot_count;
	struct funnel_check *disagreements; /* over every figure up to as_of */
	size_t disagreement_count;
	struct funnel_check
	    *earlier; /* flags of earlier dates that the last funnel no longer raises */
	size_t earlier_count;
};

/* Computes the funnel of figures[0..n) (the caller chooses them: usually
 * the confirmed figures of a situation) as of a date (DATE_NONE: as of
 * the latest figure). Figures with no category are left out. */
void funnel_compute(const struct figure_vocab *v, const struct figure *figures, size_t n, int as_of,
                    struct funnel *out);
void funnel_release(struct funnel *f);

/* The last snapshot (as of f->as_of), or NULL when there are no figures. */
const struct funnel_snapshot *funnel_last(const struct funnel *f);
/* How many flags the last snapshot and the disagreements raise. */
size_t funnel_flag_count(const struct funnel *f);

/* "13 criminal cases (the Prosecutor General's Office, as of 2024-04-30,
 * AL KAZ 2/2024, figure 7)" or "13 cases tried (10 cases with convictions
 * + 3 cases still at trial)". Caller frees. */
char *funnel_describe(const struct funnel *f, const struct funnel_snapshot *s,
                      const struct figure_category *c);

/* The funnel as JSON for the API and the export: stages with their values
 * over time, the other counts, the checks. With public_view, figure
 * records carry public fields only. Caller decrefs. */
json_t *funnel_to_json(const struct funnel *f, bool public_view);

/* Writes a number as letters give it: 35, 3.5, 10000. */
void funnel_number(double v, char out[32]);

#endif
