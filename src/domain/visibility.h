/*
 * visibility.h - the one rule for what the public may see: a communication
 * that was sent (it has a reference), on or after its publication date.
 * Every public page, API answer, feed, export and dump selects through
 * this, so the rule is written once. Drafts, approved letters and letters
 * still under embargo are invisible, whatever their status says.
 */
#ifndef RAPPORTEUR_VISIBILITY_H
#define RAPPORTEUR_VISIBILITY_H

#include "../util/buf.h"
#include "filter.h"

/* Appends " AND <alias>... is public" with today bound as a parameter. */
void visibility_public_where(struct buf *sql, struct sql_params *params, const char *alias, const char *today);

#endif
