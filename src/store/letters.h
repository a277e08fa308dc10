/*
 * letters.h - communications in the store: a letter record in, with all
 * its child rows and its full-text entry, in one transaction.
 */
#ifndef RAPPORTEUR_LETTERS_H
#define RAPPORTEUR_LETTERS_H

#include "../extract/letter.h"
#include "../util/buf.h"
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

/* The parts of a letter's row that need no database: the record as JSON,
 * the search facets, the slug and core of its reference. Made on any
 * thread (ingest parses letters on several); release frees them. */
struct store_row {
	char *record, *facets, *slug, *core;
	/* the publication date and HRC session the workflow gives the letter
	 * (wf_row_dates()), written with the row; DATE_NONE and 0: left as
	 * they are (NULL for a new row) */
	int publication_date, session;
	/* PostgreSQL: the row's tsvector literal, written with it; NULL until
	 * store_row_add_tsv() (store_put_letter_row makes it when missing) */
	char *tsv;
};
void store_row_init(struct store_row *row, const struct letter *l);
/* Makes row->tsv, on any thread: what a PostgreSQL store indexes. */
void store_row_add_tsv(struct store_row *row, const struct letter *l);
void store_row_release(struct store_row *row);
/* store_put_letter with the row made beforehand. */
int store_put_letter_row(struct db *db, const struct letter *l, const struct store_row *row,
			 const char *source_name, const char *sha256, enum store_outcome *outcome,
			 char **previous_source, struct error *err);

/* Gives the existing row id (a draft being sent: no reference, no child
 * rows, no full-text entry yet) the letter's record: its columns, child
 * rows and full-text entry, in one transaction. */
int store_fill_draft(struct db *db, long long id, const struct letter *l, struct error *err);

/*
 * Bulk loads (domain/ingest.c) on SQLite: from store_fts_defer(db) the
 * full-text rows of the letters stored are kept in memory, and written
 * by store_fts_flush() just before the transaction commits. FTS5 writes
 * out what it holds at every statement that opens a statement journal
 * (almost every insert into a table with constraints), so a full-text row
 * written with its letter became a segment of its own, each merged again
 * later; written together, a batch's rows make one. A deleted entry that
 * is still pending is dropped from the list. store_fts_discard() forgets
 * the list (after a rollback). No-ops on PostgreSQL.
 */
void store_fts_defer(struct db *db);
int store_fts_flush(struct db *db, struct error *err);
void store_fts_discard(struct db *db);

/* The communication id for a reference written any way a user may write
 * it: "AL KAZ 2/2024", "AL-KAZ-2-2024", "KAZ 2/2024". 0 if none. */
long long store_find_communication(struct db *db, const char *reference);

/* The full-text index, the one backend-specific part of storing, holds
 * the sent communications (those with a reference) under their search
 * key, which the store writes with the row (search_key): the index read
 * in ascending key order gives the newest first (by date, then the later
 * id), letters without a date last. */
long long store_search_key(int date, long long id);
/* The keys of letters dated from..to (inclusive; DATE_NONE for an open
 * end): [*first, *last]. Undated letters are in no range. */
void store_search_key_range(int from, int to, long long *first, long long *last);
/* Appends (space separated) the token that stands for a filter value in
 * the index's search_facets column: STORE_FACET_MARK, field ('c' country,
 * 't' type, 'y' reference year, 'm' mandate slug), value in hex,
 * STORE_FACET_MARK. */
#define STORE_FACET_MARK "\xEE\x80\x80" /* U+E000, a private-use character */
void store_search_facet(struct buf *out, char field, const char *value);

/* A bulk load on SQLite: store_index_bulk(db, true) before it stops FTS5
 * merging the index's segments as each transaction adds one, and
 * store_index_bulk(db, false) after it lets FTS5 merge as it goes again;
 * store_index_tidy() then merges what the load added, with work in
 * proportion to the letters. 0, or -1 with err set. */
int store_index_bulk(struct db *db, bool on, struct error *err);
int store_index_tidy(struct db *db, size_t letters, struct error *err);

/* Writes the full-text index again from the communications' rows (after
 * they were copied in by rapporteur migrate). */
int store_index_rebuild(struct db *db, struct error *err);

/* "AL KAZ 2/2024" -> "AL-KAZ-2-2024" (the stable URL slug, upper case); caller frees. */
char *store_reference_slug(const char *reference);
/* The "KAZ 2/2024" core of a reference, or NULL; caller frees. */
char *store_reference_core(const char *reference);

#endif
