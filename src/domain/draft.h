/*
 * draft.h - a communication being drafted: what an officer writes before
 * the letter exists. Read from and written to JSON (the format is in
 * docs/DRAFTING.md), validated against the knowledge base field by field,
 * each error naming the field. Knows nothing of the store or of rendering.
 */
#ifndef RAPPORTEUR_DRAFT_H
#define RAPPORTEUR_DRAFT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "../kb/kb.h"

struct draft_provision {
	const struct kb_instrument *instrument;
	char **articles;
	size_t article_count;
	bool violation; /* the facts would violate it (else cited in the annex only) */
};

struct draft_question {
	char *catalogue; /* an id of data/questions.json, or NULL */
	char *text;	 /* the question as it will be put */
};

struct draft {
	char type[4];	   /* AL, UA, OL, JAL, JUA, JOL */
	char addressee[4]; /* ISO alpha-3, or OTH */
	char *addressee_name; /* a company's name for OTH letters, else NULL */
	char language[3];
	int date; /* the planned date; sending sets the real one (DATE_NONE) */
	const struct kb_mandate **mandates; /* the lead first */
	size_t mandate_count;
	char *subject;	      /* one line for lists */
	char *facts;	      /* Markdown */
	char *concerns;	      /* Markdown */
	char *internal_notes; /* confidential: never rendered, published or exported */
	struct draft_provision *provisions;
	size_t provision_count;
	struct draft_question *questions;
	size_t question_count;
	char **related; /* "AL KAZ 1/2022" */
	size_t related_count;
	bool interim_measures, press_release;
};

void draft_init(struct draft *d);
void draft_release(struct draft *d);
/* Fills d from a JSON object; -1 with err naming the bad field. Keys not
 * given keep d's values, so the same function applies edits. */
int draft_apply_json(struct draft *d, json_t *o, const struct kb *kb, struct error *err);
/* Checks that a draft is complete enough to be approved and sent. */
int draft_check_complete(const struct draft *d, struct error *err);
json_t *draft_to_json(const struct draft *d);

#endif
