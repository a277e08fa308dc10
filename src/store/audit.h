/*
 * audit.h - the audit log: every change to communications, replies,
 * users and the case tables, as entries chained by SHA-256 (written by
 * the triggers of migrations/sqlite/008_audit.sql), read back and checked
 * here on their own: the chain recomputed entry by entry, and the rows
 * held compared with the last entry of each. See docs/SECURITY.md.
 *
 * An entry's hash is SHA-256 over (prev_hash, seq, at, actor, table_name,
 * row_key, op, digest), each written as "~" when NULL, else as its length
 * in bytes, ":" and its text (audit_entry_hash()).
 */
#ifndef RAPPORTEUR_AUDIT_H
#define RAPPORTEUR_AUDIT_H

#include <stdbool.h>

#include "db.h"

/* The audited tables, NULL-terminated; each has a view audit_rows_TABLE
 * (row_key, digest) of its rows as they are now. */
extern const char *const audit_tables[];

/* One entry. Strings are the statement's: valid during the callback. */
struct audit_entry {
	long long seq;
	const char *at, *actor, *table_name, *row_key, *op, *digest, *prev_hash, *hash;
};

/* The entry's hash as it should be, with seq in place of e->seq (so that
 * a renumbered entry can be recognised), in lower-case hex. */
void audit_entry_hash(const struct audit_entry *e, long long seq, char out[65]);

enum audit_finding {
	AUDIT_INTACT,
	AUDIT_EDITED,	 /* an entry's content does not give its hash */
	AUDIT_INSERTED,	 /* an entry that was not written in its place */
	AUDIT_DELETED,	 /* entries missing */
	AUDIT_ROW,	 /* a row held that is not what its last entry says */
	AUDIT_ANCHOR,	 /* the chain does not pass through the hash given */
};

struct audit_report {
	long long entries;	     /* entries read */
	long long head_seq;	     /* the last entry, 0 when the log is empty */
	char head_hash[65];
	long long rows;		     /* rows compared with their last entries */
	enum audit_finding finding;  /* the first problem found, or AUDIT_INTACT */
	long long seq;		     /* the entry it concerns (0: none) */
	char message[600];	     /* says what was found, in words */
};

/* Walks the whole chain, then (if rows) compares every audited row with
 * its last entry. expect: "SEQ:HASH" from an earlier `audit head` (kept
 * elsewhere), or NULL. Returns 0 with the report filled (finding tells
 * whether the log holds together), -1 with err set when it cannot read. */
int audit_verify(struct db *db, const char *expect, bool rows, struct audit_report *r, struct error *err);

/* The entries newest first, at most limit (0: all), of one table or all
 * (table NULL); fn is called for each. */
int audit_list(struct db *db, const char *table, long long limit,
	       void (*fn)(const struct audit_entry *e, void *ctx), void *ctx, struct error *err);

/* The last entry: *seq 0 when the log is empty. */
int audit_head(struct db *db, long long *seq, char hash[65], struct error *err);

#endif
