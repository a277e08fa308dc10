/*
 * letters.h - communications in the store: a letter record in, with all
 * its child rows and its full-text entry, in one transaction.
 */
#ifndef RAPPORTEUR_LETTERS_H
#define RAPPORTEUR_LETTERS_H

#include "../extract/letter.h"
#include "db.h"

enum store_outcome { STORE_ADDED, STORE_UPDATED, STORE_UNCHANGED };

/* Stores l under its reference: added when new, updated (child rows and
 * index replaced) when the same reference comes with a different sha256,
 * unchanged when the sha256 is the one stored. *previous_source (if not
 * NULL) receives the file name it was stored from before (caller frees).
 * The letter must have a reference. */
int store_put_letter(struct db *db, const struct letter *l, const char *source_name,
		     const char *sha256, enum store_outcome *outcome, char **previous_source,
		     struct error *err);

/* Gives the existing row id (a draft being sent: no reference, no child
 * rows, no full-text entry yet) the letter's record: its columns, child
 * rows and full-text entry, in one transaction. */
int store_fill_draft(struct db *db, long long id, const struct letter *l, struct error *err);

/* The communication id for a reference written any way a user may write
 * it: "AL KAZ 2/2024", "AL-KAZ-2-2024", "KAZ 2/2024". 0 if none. */
long long store_find_communication(struct db *db, const char *reference);

/* The full-text index, the one backend-specific part of storing. */
int store_fts_add(struct db *db, long long id, const char *reference, const char *body,
		  struct error *err);
int store_fts_remove(struct db *db, long long id, const char *reference, const char *body,
		     struct error *err);

/* "AL KAZ 2/2024" -> "AL-KAZ-2-2024" (the stable URL slug, upper case); caller frees. */
char *store_reference_slug(const char *reference);
/* The "KAZ 2/2024" core of a reference, or NULL; caller frees. */
char *store_reference_core(const char *reference);

#endif
