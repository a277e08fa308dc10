/*
 * vocab.h - the closed lists of intake and cases, and what each term
 * suggests for a communication: act types and methods (data/methods.json),
 * kinds of sources, places, perpetrators, body locations, Istanbul Protocol
 * grades, reliability grades, custody steps and victims' profiles
 * (data/case-vocabulary.json), and the words that suggest a mandate
 * (data/mandate-keywords.json, with the mandates' titles).
 *
 * Loaded once from the embedded data and checked against the knowledge
 * base (every mandate, provision and question must exist); read-only
 * after. Knows nothing of the store.
 */
#ifndef RAPPORTEUR_VOCAB_H
#define RAPPORTEUR_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/error.h"

struct vocab_provision {
	const char *instrument; /* "CAT" */
	const char **articles;
	size_t article_count;
};

/* What a term suggests for a communication about it. */
struct vocab_suggests {
	const char **mandates; /* slugs, most concerned first */
	size_t mandate_count;
	struct vocab_provision *provisions;
	size_t provision_count;
	const char **questions; /* ids of data/questions.json */
	size_t question_count;
};

struct vocab_entry {
	const char *id, *label;
	const char *past;	/* methods: what was done, as a participle ("beaten") */
	const char **types;	/* methods: the act types it can be, the first by default */
	size_t type_count;
	int flag;		/* place kinds: official 1, unofficial 0, say which -1;
				   source kinds: 1 when a contact is required */
	struct vocab_suggests suggests;
};

struct vocab_list {
	const char *name; /* for messages: "method", "place kind" */
	struct vocab_entry *items;
	size_t count;
};

struct vocab_keyword {
	const char *mandate;
	const char *word; /* as written in the data */
	char *key;	  /* its names_key() */
	int weight;
};

struct vocab {
	struct vocab_list act_types, methods, source_kinds, place_kinds, perpetrator_kinds, body_locations,
		grades, reliability, custody_steps, profiles, sexes, urgencies, anonymous_names;
	/* custody findings: unregistered, whereabouts-unknown, death-in-custody, held */
	struct vocab_list custody_findings;
	struct vocab_keyword *keywords;
	size_t keyword_count;
	int threshold; /* the score from which a mandate is suggested */
	void *private_data;
};

/* The process-wide vocabulary; a broken data file is a bug (it is
 * compiled in and checked by the unit tests). */
const struct vocab *vocab_shared(void);

/* The entry with this id, or NULL. */
const struct vocab_entry *vocab_find(const struct vocab_list *list, const char *id);
/* The entry, or NULL with err: "FIELD: \"x\" is not a method; one of: a, b, ...". */
const struct vocab_entry *vocab_check(const struct vocab_list *list, const char *id, const char *field,
				      struct error *err);
/* The position of id in the list (grades are ordered), or -1. */
int vocab_index(const struct vocab_list *list, const char *id);

#endif
