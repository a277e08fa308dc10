/*
 * case_draft.h - from a case, a draft communication: the facts in
 * Markdown from its events, acts, custody chains and medical findings
 * (victims who did not consent appear by their label, through
 * person_public_name(); facts whose every source is graded doubtful are
 * left out), and the provisions, questions and mandates its acts, custody
 * findings and victims' profiles suggest (data/methods.json,
 * data/case-vocabulary.json). The officer edits the draft as any other
 * (docs/DRAFTING.md).
 *
 * case_draft_json() is pure (a loaded case in, the draft's JSON out);
 * case_draft_create() stores it through the workflow.
 */
#ifndef RAPPORTEUR_CASE_DRAFT_H
#define RAPPORTEUR_CASE_DRAFT_H

#include <jansson.h>

#include "../util/buf.h"
#include "cases.h"

/* The draft's JSON (docs/DRAFTING.md) for case c on today; explain (may
 * be NULL) receives one line per suggestion and what it rests on. */
json_t *case_draft_json(const struct case_record *c, int today, struct buf *explain);

/* Loads the case, builds its draft, checks it (draft_apply_json) and
 * creates it (wf_draft_create). Returns the draft's id, or 0 with err. */
long long case_draft_create(struct db *db, const struct privacy *pv, long long case_id, int today, const char *actor,
			    struct buf *explain, struct error *err);

#endif
