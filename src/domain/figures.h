/*
 * figures.h - figure records in the store: proposed from letters and
 * replies, decided by an officer (confirmed, corrected, rejected), and
 * selected for lists, exports and funnels (docs/FIGURES.md).
 *
 * The reading of a sentence is figure_read.c's; this file only moves
 * records between the store and memory. Knows nothing of the command line
 * or HTTP: the CLI and the web call the same functions.
 */
#ifndef RAPPORTEUR_FIGURES_H
#define RAPPORTEUR_FIGURES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "../store/db.h"
#include "figure_vocab.h"

struct figure {
	long long id;
	long long communication_id;
	long long reply_id; /* 0: the letter itself */
	char *reference;    /* the communication's reference ("AL KAZ 2/2024") */
	char *document;     /* where it is written: "AL KAZ 2/2024" or "reply 3 to AL KAZ 2/2024
	                       (2024-07-01)" */
	int document_date;  /* the letter's date or the reply's receipt; DATE_NONE if unknown */
	char *passage;      /* the sentence */
	int occurrence;     /* its place among the passage's figures, from 0 */
	double value;
	char *unit;         /* NULL: none named */
	char *category;     /* vocabulary key; NULL: not classified */
	int as_of;          /* DATE_NONE if unknown */
	char *as_of_basis;  /* stated | paragraph | document | officer */
	char *source;       /* vocabulary key */
	char *source_words; /* the words naming the source, or NULL */
	char *evidence;     /* the cue the category was proposed on, or NULL */
	char *proposed;     /* the program's reading, JSON */
	char *status;       /* proposed | confirmed | rejected */
	char *decided_by, *decided_at, *note;
};

struct figure_list {
	struct figure *items;
	size_t count, cap;
};

void figure_release(struct figure *f);
void figure_list_release(struct figure_list *l);

/* Which records to select; zero fields select all. */
struct figure_query {
	long long situation_id;     /* the figures of its communications (letters and replies) */
	long long communication_id; /* of this communication only */
	const char *status;         /* proposed | confirmed | rejected */
	const char *category;       /* a key, or "none" for the unclassified */
	bool public_only; /* confirmed figures of communications the public may see today */
};

/* Selects records in the order of their documents' dates, then as written.
 * Returns 0, or -1 with err. The caller releases out. */
int figures_select(struct db *db, const struct figure_query *q, struct figure_list *out,
                   struct error *err);
/* One record; -1 with err when there is none. */
int figures_get(struct db *db, long long id, struct figure *out, struct error *err);

struct figure_propose_stats {
	size_t documents; /* letters and replies read */
	size_t proposed;  /* new records */
	size_t withdrawn; /* proposals whose passage a changed letter no longer has */
};

/* Reads the figures of every sent letter that is new or changed since it
 * was last read, and of every reply not yet read: each figure classified,
 * dated and attributed (figure_read.c), stored as proposed. Confirmed and
 * rejected records are never touched. In one transaction; -1 with err. */
int figures_propose_pending(struct db *db, struct figure_propose_stats *stats, struct error *err);

/* Ingest's way (domain/ingest.c): a letter's figures read on the thread
 * that parsed it, then proposed in the letter's own transaction, so that
 * nothing is left to read after the letters are stored. */
struct letter;
struct figure_found;
struct figure_reading;
struct figure_letter_reading {
	struct figure_found *found; /* the letter's figures, as the store will hold them */
	struct figure_reading *readings;
	size_t n;
};
/* Reads l's figures (any thread: only shared, read-only data). */
void figures_read_letter(const struct letter *l, struct figure_letter_reading *out);
void figure_letter_reading_release(struct figure_letter_reading *r);
struct figure_proposer;
struct figure_proposer *figures_proposer_open(struct db *db, struct figure_propose_stats *stats,
                                              struct error *err);
/* Proposes what r read of letter l, stored as comm_id, and marks it read
 * as version (its SHA-256): as figures_propose_pending() would. */
int figures_propose_read(struct figure_proposer *fp, long long comm_id, const char *version,
                         const struct letter *l, const struct figure_letter_reading *r,
                         struct error *err);
void figures_proposer_close(struct figure_proposer *fp);

/* The officer's decisions. Each fails (-1, err) on an unknown id; a record
 * with no category cannot be confirmed. */
int figures_confirm(struct db *db, long long id, const char *actor, struct error *err);
int figures_reject(struct db *db, long long id, const char *actor, const char *note,
                   struct error *err);

/* A correction: each non-NULL field replaces the record's (validated
 * against the vocabulary), and the record is confirmed. */
struct figure_change {
	const char *category; /* a key, or "none" */
	const char *value;    /* a number */
	const char *unit;
	const char *as_of;  /* YYYY-MM-DD */
	const char *source; /* a source key */
	const char *note;
};
int figures_set(struct db *db, long long id, const struct figure_change *c, const char *actor,
                struct error *err);

/* A record as JSON: with public_view, the officer's names and notes, the
 * evidence and the program's proposal are left out. Caller decrefs. */
json_t *figure_to_json(const struct figure *f, const struct figure_vocab *v, bool public_view);

#endif
