/*
 * figure_vocab.h - what the figures of a situation count, who says so and
 * how they must add up: data/figure-vocabulary.json, compiled into the
 * binary and loaded once (docs/FIGURES.md).
 *
 * Knows nothing of the store or of sentences: figure_read.c matches the
 * cues and names against a sentence, funnel.c uses the stages and the
 * relations. Read-only after loading; every pointer lives as long as the
 * process.
 */
#ifndef RAPPORTEUR_FIGURE_VOCAB_H
#define RAPPORTEUR_FIGURE_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/error.h"

/* One item of a cue or a name, as the loader splits it. */
enum figure_cue_item {
	CUE_WORD,   /* a word, lower case, matched whole */
	CUE_PREFIX, /* "conviction*": a word beginning so */
	CUE_PUNCT,  /* ",", "(": the mark itself */
	CUE_GAP,    /* "...": up to FIGURE_CUE_GAP words */
	CUE_NUMBER  /* "{n}": the figure */
};
#define FIGURE_CUE_GAP 8

struct figure_pattern {
	const char *text; /* as written in the data file */
	enum figure_cue_item *kinds;
	const char **words; /* lower case; NULL for gaps and the number */
	size_t *lengths;    /* of each word */
	size_t count;
	size_t number_at; /* index of {n}; count when there is none (a name) */
	int literals;     /* words and marks: what a match is worth */
};

struct figure_category {
	const char *key;   /* "officers-accused" */
	const char *label; /* "officers accused" */
	const char *kind;  /* cases | persons | complaints | amount */
	const char **units;
	size_t unit_count;
	bool unit_none; /* a figure with no unit may be this */
	struct figure_pattern *cues;
	size_t cue_count;
};

struct figure_source {
	const char *key;   /* "prosecutor-general" */
	const char *label; /* "the Prosecutor General's Office" */
	struct figure_pattern *names;
	size_t name_count;
	struct figure_pattern *anaphors; /* "the Committee": named in full earlier */
	size_t anaphor_count;
};

/* A source's name or anaphor, indexed by the first byte of its first word. */
struct figure_name_ref {
	const struct figure_source *source;
	const struct figure_pattern *pattern; /* NULL ends a list */
	bool anaphor;
};

struct figure_stage {
	const struct figure_category *category;
	const struct figure_category **at_most; /* the first of these present bounds it */
	size_t at_most_count;
};

struct figure_relation {
	const struct figure_category *whole;
	const struct figure_category **parts;
	size_t part_count;
	bool exhaustive; /* the parts must sum to the whole */
};

struct figure_vocab {
	struct figure_category *categories;
	size_t category_count;
	struct figure_source *sources;
	size_t source_count;
	const struct figure_source *default_letter, *default_reply;
	const char **not_counted_units; /* durations and shares: not counts */
	size_t not_counted_count;
	struct figure_stage *stages;
	size_t stage_count;
	struct figure_relation *relations;
	size_t relation_count;
	struct figure_name_ref *names_by_letter[256]; /* NULL-terminated lists, or NULL */
};

/* Loads the vocabulary from JSON text (name for messages). Returns NULL
 * with err naming the entry that is wrong. Free with figure_vocab_free(). */
struct figure_vocab *figure_vocab_load(const char *name, const char *json, size_t len,
                                       struct error *err);
void figure_vocab_free(struct figure_vocab *v);
/* The vocabulary compiled into the binary, loaded on first use; dies if
 * the data file is broken (a build error, caught by the tests). */
const struct figure_vocab *figure_vocab_shared(void);

const struct figure_category *figure_category(const struct figure_vocab *v, const char *key);
const struct figure_source *figure_source(const struct figure_vocab *v, const char *key);
/* True when unit (NULL: none) is not a count: "years", "percent". */
bool figure_unit_not_counted(const struct figure_vocab *v, const char *unit);
/* True when a figure with this unit may be of category c. */
bool figure_category_takes_unit(const struct figure_category *c, const char *unit);

#endif
