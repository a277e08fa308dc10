/*
 * audit.c - reads and checks the audit log. See audit.h. Writes nothing:
 * entries are made by the database's triggers alone; this recomputes
 * every hash with its own code (util/sha256), never the database's
 * function, so that a database whose function or views were altered
 * cannot vouch for itself.
 */
#include "audit.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/sha256.h"

/* migrations/sqlite/008_audit.sql: communications with their approvals
 * and status events, replies with their reading, users, and 005's tables. */
const char *const audit_tables[] = {
	"communications", "approvals", "status_events", "replies", "reply_answers", "users",
	"privacy_keys", "sources", "cases", "submissions", "submission_mandates", "persons",
	"person_name_index", "submission_victims", "duplicate_decisions", "case_victims", "places",
	"perpetrators", "events", "acts", "custody_steps", "medical_exams", "medical_findings",
	"fact_sources", "case_communications", NULL,
};

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
/* how far a renumbered entry is looked for, either way */
#define RENUMBER_REACH 64

static void encode(struct sha256 *h, const char *s)
{
	if (!s) {
		sha256_update(h, "~", 1);
		return;
	}
	char len[24];
	int k = snprintf(len, sizeof(len), "%zu:", strlen(s));
	sha256_update(h, len, (size_t)k);
	sha256_update(h, s, strlen(s));
}

void audit_entry_hash(const struct audit_entry *e, long long seq, char out[65])
{
	struct sha256 h;
	sha256_init(&h);
	char n[24];
	snprintf(n, sizeof(n), "%lld", seq);
	encode(&h, e->prev_hash);
	encode(&h, n);
	encode(&h, e->at);
	encode(&h, e->actor);
	encode(&h, e->table_name);
	encode(&h, e->row_key);
	encode(&h, e->op);
	encode(&h, e->digest);
	unsigned char d[32];
	sha256_final(&h, d);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* --- the last entry of every row: open addressing on "table\037row" ---------------------- */

struct row_state {
	char *key;    /* NULL: a free slot */
	char *digest; /* NULL: the row was deleted */
	long long seq;
	bool seen;    /* found among the rows held */
};

struct row_map {
	struct row_state *slots;
	size_t cap, count;
};

static uint64_t key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct row_state *row_find(struct row_map *m, const char *key, bool add)
{
	if (add && (m->count + 1) * 2 > m->cap) {
		struct row_map bigger = {.cap = m->cap ? m->cap * 2 : 1024};
		bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->slots[i].key)
				continue;
			size_t j = key_hash(m->slots[i].key) & (bigger.cap - 1);
			while (bigger.slots[j].key)
				j = (j + 1) & (bigger.cap - 1);
			bigger.slots[j] = m->slots[i];
		}
		bigger.count = m->count;
		free(m->slots);
		*m = bigger;
	}
	if (!m->cap)
		return NULL;
	size_t i = key_hash(key) & (m->cap - 1);
	for (; m->slots[i].key; i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->slots[i].key, key))
			return &m->slots[i];
	if (!add)
		return NULL;
	m->slots[i].key = xstrdup(key);
	m->count++;
	return &m->slots[i];
}

static void row_map_release(struct row_map *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->slots[i].key);
		free(m->slots[i].digest);
	}
	free(m->slots);
}

static char *row_key_of(const char *table, const char *row)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s\037%s", table, row ? row : "");
	return buf_detach(&b);
}

/* --- verify ------------------------------------------------------------------------------ */

static int found(struct audit_report *r, enum audit_finding f, long long seq, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int found(struct audit_report *r, enum audit_finding f, long long seq, const char *fmt, ...)
{
	r->finding = f;
	r->seq = seq;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
	return 1;
}

/* The entry whose hash is hash, or 0. Only asked when the chain is
 * already broken: a scan is fine. */
static long long seq_of_hash(struct db *db, const char *hash)
{
	struct db_stmt *st = db_prepare(db, "SELECT seq FROM audit_log WHERE hash = ?1 ORDER BY seq LIMIT 1", NULL);
	if (!st)
		return 0;
	db_bind_text(st, 1, hash);
	long long seq = db_step(st, NULL) == 1 ? db_int(st, 0) : 0;
	db_finalize(st);
	return seq;
}

/* Whether the entry after seq names prev as the hash before it. */
static bool next_follows(struct db *db, long long seq, const char *prev)
{
	struct db_stmt *st = db_prepare(db, "SELECT prev_hash FROM audit_log WHERE seq = ?1", NULL);
	if (!st)
		return false;
	db_bind_int(st, 1, seq + 1);
	bool follows = db_step(st, NULL) == 1 && same(db_text(st, 0), prev);
	db_finalize(st);
	return follows;
}

/* Checks one entry against the one before it; 1 when it found a problem
 * (r filled), 0 when the entry holds. */
static int check_entry(struct db *db, const struct audit_entry *e, long long expect, const char *prev,
		       struct audit_report *r)
{
	if (e->seq != expect) {
		if (e->seq - 1 == expect)
			return found(r, AUDIT_DELETED, expect, "entry %lld is missing: it was deleted from the log",
				     expect);
		return found(r, AUDIT_DELETED, expect, "entries %lld to %lld are missing: they were deleted from the log",
			     expect, e->seq - 1);
	}
	char h[65];
	audit_entry_hash(e, e->seq, h);
	if (!same(h, e->hash)) {
		/* written under another number: the entries around it were moved */
		for (long long d = 1; d <= RENUMBER_REACH; d++) {
			audit_entry_hash(e, e->seq + d, h);
			if (same(h, e->hash))
				return found(r, AUDIT_DELETED, e->seq,
					     "entry %lld was written as entry %lld: %lld entr%s before it %s deleted and the "
					     "rest renumbered",
					     e->seq, e->seq + d, d, d == 1 ? "y" : "ies", d == 1 ? "was" : "were");
			if (e->seq - d < 1)
				continue;
			audit_entry_hash(e, e->seq - d, h);
			if (same(h, e->hash)) {
				if (d == 1)
					return found(r, AUDIT_INSERTED, e->seq - 1,
						     "entry %lld was inserted: the entry now numbered %lld was written as "
						     "%lld",
						     e->seq - 1, e->seq, e->seq - 1);
				return found(r, AUDIT_INSERTED, e->seq - d,
					     "entries %lld to %lld were inserted: the entry now numbered %lld was written "
					     "as %lld",
					     e->seq - d, e->seq - 1, e->seq, e->seq - d);
			}
		}
		/* the entry after it written right after the one before it: this one was put between */
		if (next_follows(db, e->seq, prev))
			return found(r, AUDIT_INSERTED, e->seq,
				     "entry %lld was inserted: entry %lld was written right after entry %lld (%s %s %s, %s, "
				     "by %s)",
				     e->seq, e->seq + 1, e->seq - 1, e->table_name ? e->table_name : "?",
				     e->row_key ? e->row_key : "?", e->op ? e->op : "?", e->at ? e->at : "?",
				     e->actor ? e->actor : "unknown");
		return found(r, AUDIT_EDITED, e->seq,
			     "entry %lld was edited or forged: its content (%s %s %s, %s, by %s) does not give its hash",
			     e->seq,
			     e->table_name ? e->table_name : "?", e->row_key ? e->row_key : "?", e->op ? e->op : "?",
			     e->at ? e->at : "?", e->actor ? e->actor : "unknown");
	}
	if (!same(e->prev_hash, prev)) {
		long long j = e->prev_hash ? seq_of_hash(db, e->prev_hash) : 0;
		if (j && j < e->seq - 1)
			return found(r, AUDIT_INSERTED, j + 1,
				     "entries %lld to %lld were inserted: entry %lld follows entry %lld", j + 1, e->seq - 1,
				     e->seq, j);
		if (e->seq == 1)
			return found(r, AUDIT_EDITED, 1, "entry 1 was edited: it does not begin the chain");
		return found(r, AUDIT_INSERTED, e->seq - 1,
			     "entry %lld does not follow entry %lld: entry %lld was replaced by a forged one (its hash "
			     "recomputed), or entry %lld was forged",
			     e->seq, e->seq - 1, e->seq - 1, e->seq);
	}
	return 0;
}

/* Every audited row compared with the last entry about it. */
static int check_rows(struct db *db, struct row_map *m, struct audit_report *r, struct error *err)
{
	for (int t = 0; audit_tables[t]; t++) {
		char sql[160];
		snprintf(sql, sizeof(sql), "SELECT row_key, digest FROM audit_rows_%s", audit_tables[t]);
		struct db_stmt *st = db_prepare(db, sql, err);
		if (!st)
			return -1;
		int rc;
		while ((rc = db_step(st, err)) == 1) {
			r->rows++;
			char *key = row_key_of(audit_tables[t], db_text(st, 0));
			struct row_state *s = row_find(m, key, false);
			free(key);
			const char *row = db_text(st, 0), *digest = db_text(st, 1);
			if (!s) {
				found(r, AUDIT_ROW, 0, "%s row %s has no entry in the log: it was written with the audit "
						       "triggers removed",
				      audit_tables[t], row);
			} else if (!s->digest) {
				found(r, AUDIT_ROW, s->seq, "%s row %s is there, but entry %lld says it was deleted",
				      audit_tables[t], row, s->seq);
			} else if (!same(s->digest, digest)) {
				found(r, AUDIT_ROW, s->seq,
				      "%s row %s is not what entry %lld says it became: changed outside the log, or entry "
				      "%lld forged",
				      audit_tables[t], row, s->seq, s->seq);
			} else {
				s->seen = true;
				continue;
			}
			db_finalize(st);
			return 0;
		}
		db_finalize(st);
		if (rc < 0)
			return -1;
	}
	/* rows the log says are there */
	for (size_t i = 0; i < m->cap; i++) {
		struct row_state *s = &m->slots[i];
		if (!s->key || !s->digest || s->seen)
			continue;
		char *sep = strchr(s->key, '\037');
		found(r, AUDIT_ROW, s->seq, "%.*s row %s is gone, but the log has no deletion of it after entry %lld",
		      (int)(sep - s->key), s->key, sep + 1, s->seq);
		return 0;
	}
	return 0;
}

int audit_verify(struct db *db, const char *expect, bool rows, struct audit_report *r, struct error *err)
{
	memset(r, 0, sizeof(*r));
	long long anchor_seq = 0;
	char anchor_hash[65] = "";
	if (expect) {
		char *end;
		anchor_seq = strtoll(expect, &end, 10);
		if (anchor_seq < 1 || *end != ':' || strlen(end + 1) != 64)
			return error_set(err, "--expect %s: give SEQ:HASH as `audit head` printed it", expect);
		snprintf(anchor_hash, sizeof(anchor_hash), "%s", end + 1);
	}
	struct db_stmt *st = db_prepare(db, "SELECT seq, at, actor, table_name, row_key, op, digest, prev_hash, hash "
					    "FROM audit_log ORDER BY seq",
					err);
	if (!st)
		return -1;
	struct row_map map = {0};
	char prev[65] = GENESIS;
	long long expect_seq = 1;
	bool anchor_seen = false;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		struct audit_entry e = {
			.seq = db_int(st, 0), .at = db_text(st, 1), .actor = db_text(st, 2), .table_name = db_text(st, 3),
			.row_key = db_text(st, 4), .op = db_text(st, 5), .digest = db_text(st, 6),
			.prev_hash = db_text(st, 7), .hash = db_text(st, 8)};
		r->entries++;
		if (check_entry(db, &e, expect_seq, prev, r))
			break;
		if (e.seq == anchor_seq) {
			anchor_seen = true;
			if (!same(e.hash, anchor_hash)) {
				found(r, AUDIT_ANCHOR, e.seq,
				      "entry %lld is not the one recorded (its hash is %.12s..., not %.12s...): the log was "
				      "rewritten up to it",
				      e.seq, e.hash, anchor_hash);
				break;
			}
		}
		snprintf(prev, sizeof(prev), "%s", e.hash);
		r->head_seq = e.seq;
		snprintf(r->head_hash, sizeof(r->head_hash), "%s", e.hash);
		expect_seq++;
		if (rows) {
			char *key = row_key_of(e.table_name, e.row_key);
			struct row_state *s = row_find(&map, key, true);
			free(key);
			free(s->digest);
			s->digest = e.digest ? xstrdup(e.digest) : NULL;
			s->seq = e.seq;
		}
	}
	db_finalize(st);
	int result = rc < 0 ? -1 : 0;
	if (result == 0 && r->finding == AUDIT_INTACT && anchor_seq && !anchor_seen)
		found(r, AUDIT_ANCHOR, anchor_seq,
		      "the log ends at entry %lld, before entry %lld that was recorded: entries were deleted from its end",
		      r->head_seq, anchor_seq);
	if (result == 0 && r->finding == AUDIT_INTACT && rows)
		result = check_rows(db, &map, r, err);
	row_map_release(&map);
	return result;
}

int audit_list(struct db *db, const char *table, long long limit,
	       void (*fn)(const struct audit_entry *e, void *ctx), void *ctx, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT seq, at, actor, table_name, row_key, op, digest, prev_hash, hash "
					    "FROM audit_log WHERE ?1 IS NULL OR table_name = ?1 ORDER BY seq DESC LIMIT ?2",
					err);
	if (!st)
		return -1;
	db_bind_text(st, 1, table);
	db_bind_int(st, 2, limit > 0 ? limit : INT64_MAX);
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		struct audit_entry e = {
			.seq = db_int(st, 0), .at = db_text(st, 1), .actor = db_text(st, 2), .table_name = db_text(st, 3),
			.row_key = db_text(st, 4), .op = db_text(st, 5), .digest = db_text(st, 6),
			.prev_hash = db_text(st, 7), .hash = db_text(st, 8)};
		fn(&e, ctx);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int audit_head(struct db *db, long long *seq, char hash[65], struct error *err)
{
	*seq = 0;
	snprintf(hash, 65, "%s", GENESIS);
	struct db_stmt *st = db_prepare(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", err);
	if (!st)
		return -1;
	int rc = db_step(st, err);
	if (rc == 1) {
		*seq = db_int(st, 0);
		snprintf(hash, 65, "%s", db_text(st, 1) ? db_text(st, 1) : "");
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}
