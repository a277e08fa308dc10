/*
 * letters.c - writes letter records into the store. See letters.h.
 */
#include "letters.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../extract/record_json.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"

static void now_iso(char out[32])
{
	time_t t = time(NULL);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
}

static void bind_date(struct db_stmt *st, int i, int date)
{
	if (date == DATE_NONE) {
		db_bind_null(st, i);
		return;
	}
	char d[11];
	date_format_iso(date, d);
	db_bind_text(st, i, d);
}

static int exec_one(struct db *db, const char *sql, long long id, struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/*
 * The full-text index (SQLite; see migrations/sqlite/003_search.sql). Only
 * sent communications, those with a reference, are in it: search relies
 * on that instead of checking every match. Each entry is keyed by the
 * row's search_key, which orders the index newest first, and carries the
 * row's search_facets, the filter values as tokens. The store is the only
 * writer of both columns and of the index, so they always agree.
 */
/* Keys run newest first, in ascending order (FTS5 reads an index forwards
 * fastest): 2^20 minus the date's day number (days since 1970, so every
 * date after year -900 fits), times 2^32, plus 2^32 - 1 - id, so that of
 * two letters of a day the later id comes first; letters without a date
 * come after all dated ones. */
#define SEARCH_DAYS (1LL << 20)
#define SEARCH_IDS (1LL << 32)

long long store_search_key(int date, long long id)
{
	if (id <= 0 || id >= SEARCH_IDS)
		BUG("communication id %lld does not fit a search key", id);
	long long day = date == DATE_NONE ? 2 * SEARCH_DAYS : SEARCH_DAYS - date;
	if (day <= 0 || day > 2 * SEARCH_DAYS)
		BUG("date %d does not fit a search key", date);
	return day * SEARCH_IDS + (SEARCH_IDS - 1 - id);
}

void store_search_key_range(int from, int to, long long *first, long long *last)
{
	*first = to == DATE_NONE ? 0 : store_search_key(to, SEARCH_IDS - 1);
	*last = from == DATE_NONE ? 2 * SEARCH_DAYS * SEARCH_IDS - 1 : store_search_key(from, 1);
}

void store_search_facet(struct buf *out, char field, const char *value)
{
	static const char hex[] = "0123456789abcdef";
	if (out->len)
		buf_addch(out, ' ');
	buf_adds(out, STORE_FACET_MARK);
	buf_addch(out, field);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		buf_addch(out, hex[*p >> 4]);
		buf_addch(out, hex[*p & 15]);
	}
	buf_adds(out, STORE_FACET_MARK);
}

/* The facets of a letter: what comm_filter can ask for. Caller frees. */
static char *letter_facets(const struct letter *l)
{
	struct buf b = BUF_INIT;
	if (l->country[0])
		store_search_facet(&b, 'c', l->country);
	if (l->type[0])
		store_search_facet(&b, 't', l->type);
	if (l->year) {
		char year[16];
		snprintf(year, sizeof(year), "%d", l->year);
		store_search_facet(&b, 'y', year);
	}
	for (size_t i = 0; i < l->mandates_count; i++)
		if (l->mandates[i].slug)
			store_search_facet(&b, 'm', l->mandates[i].slug);
	return buf_detach(&b);
}

/*
 * PostgreSQL's index is the row's tsv column (migrations/postgres/
 * 003_search.sql): the terms FTS5 would index (db_fts_terms()), each with
 * its positions, reference first and body after a gap, so that a phrase
 * never runs from one into the other (FTS5 keeps them in two columns).
 * Written as a tsvector literal: each term once, its positions in order.
 * tsvector's own limits apply: positions stop at 16,383 (a phrase found
 * beyond about 100 KB of text is not told from one merely near it) and
 * a term keeps its first 256; a term of 2 KB or more is not kept.
 */
#define TSV_MAX_POS 16383
#define TSV_MAX_TERM 2046

struct tsv_term {
	const char *text; /* into tsv_terms.pool */
	size_t len, pool_at;
	int pos;
};

struct tsv_terms {
	struct tsv_term *terms;
	size_t count, cap;
	struct buf pool;
	int pos;
};

static void tsv_add(void *ctx, const char *term, size_t len)
{
	struct tsv_terms *t = ctx;
	if (t->pos < TSV_MAX_POS)
		t->pos++;
	if (len > TSV_MAX_TERM || !len)
		return;
	ALLOC_GROW(t->terms, t->count + 1, t->cap);
	t->terms[t->count++] = (struct tsv_term){NULL, len, t->pool.len, t->pos};
	buf_add(&t->pool, term, len);
}

static int tsv_order(const void *x, const void *y)
{
	const struct tsv_term *a = x, *b = y;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->text, b->text, n);
	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* The tsvector literal of a sent letter; caller frees. */
static char *tsv_literal(const char *reference, const char *body)
{
	struct tsv_terms t = {.pool = BUF_INIT};
	if (reference)
		db_fts_terms(reference, strlen(reference), tsv_add, &t);
	if (t.pos < TSV_MAX_POS)
		t.pos++; /* the gap */
	if (body)
		db_fts_terms(body, strlen(body), tsv_add, &t);
	for (size_t i = 0; i < t.count; i++)
		t.terms[i].text = t.pool.data + t.terms[i].pool_at;
	if (t.count)
		qsort(t.terms, t.count, sizeof(*t.terms), tsv_order);
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < t.count;) {
		size_t j = i, kept = 0;
		if (out.len)
			buf_addch(&out, ' ');
		buf_addch(&out, '\'');
		for (size_t k = 0; k < t.terms[i].len; k++) {
			char c = t.terms[i].text[k];
			if (c == '\'' || c == '\\')
				buf_addch(&out, c);
			buf_addch(&out, c);
		}
		buf_addch(&out, '\'');
		int last = 0;
		for (; j < t.count && t.terms[j].len == t.terms[i].len &&
		       !memcmp(t.terms[j].text, t.terms[i].text, t.terms[i].len);
		     j++) {
			if (t.terms[j].pos == last || kept == 256)
				continue;
			buf_addf(&out, "%c%d", kept ? ',' : ':', t.terms[j].pos);
			last = t.terms[j].pos;
			kept++;
		}
		i = j;
	}
	free(t.terms);
	buf_release(&t.pool);
	return buf_detach(&out);
}

struct fts_deferred {
	struct fts_row {
		long long key;
		char *reference, *body, *facets;
		bool dropped;
	} *rows;
	size_t count, cap;
};

void store_fts_defer(struct db *db)
{
	if (db->backend == DB_SQLITE && !db->fts_deferred)
		db->fts_deferred = xcalloc(1, sizeof(*db->fts_deferred));
}

void store_fts_discard(struct db *db)
{
	struct fts_deferred *d = db->fts_deferred;
	if (!d)
		return;
	for (size_t i = 0; i < d->count; i++) {
		free(d->rows[i].reference);
		free(d->rows[i].body);
		free(d->rows[i].facets);
	}
	free(d->rows);
	free(d);
	db->fts_deferred = NULL;
}

static int fts_write(struct db *db, bool delete, long long key, const char *reference,
		     const char *body, const char *facets, struct error *err);

int store_fts_flush(struct db *db, struct error *err)
{
	struct fts_deferred *d = db->fts_deferred;
	if (!d)
		return 0;
	db->fts_deferred = NULL; /* written now, not kept again */
	int rc = 0;
	for (size_t i = 0; i < d->count && rc == 0; i++)
		if (!d->rows[i].dropped)
			rc = fts_write(db, false, d->rows[i].key, d->rows[i].reference, d->rows[i].body,
				       d->rows[i].facets, err);
	db->fts_deferred = d;
	store_fts_discard(db);
	return rc;
}

/* Adds (delete false) or removes an FTS5 entry (SQLite's index; a
 * PostgreSQL row carries its own); removing must be given the values the
 * entry was added with. */
static int fts_write(struct db *db, bool delete, long long key, const char *reference,
		     const char *body, const char *facets, struct error *err)
{
	struct fts_deferred *d = db->backend == DB_SQLITE ? db->fts_deferred : NULL;
	if (d) {
		if (delete) {
			/* not in the index yet: dropped from the list instead */
			for (size_t i = 0; i < d->count; i++)
				if (d->rows[i].key == key && !d->rows[i].dropped) {
					d->rows[i].dropped = true;
					return 0;
				}
		} else {
			ALLOC_GROW(d->rows, d->count + 1, d->cap);
			d->rows[d->count++] = (struct fts_row){key, xstrdup(reference ? reference : ""),
							       xstrdup(body ? body : ""), xstrdup(facets ? facets : ""),
							       false};
			return 0;
		}
	}
	struct db_stmt *st = db_prepare(db, delete ? "INSERT INTO communications_fts(communications_fts, rowid, reference, body, search_facets) "
						     "VALUES ('delete', ?1, ?2, ?3, ?4)"
						   : "INSERT INTO communications_fts(rowid, reference, body, search_facets) VALUES (?1, ?2, ?3, ?4)",
					err);
	if (!st)
		return -1;
	db_bind_int(st, 1, key);
	db_bind_text(st, 2, reference ? reference : "");
	db_bind_text(st, 3, body ? body : "");
	db_bind_text(st, 4, facets ? facets : "");
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

static const char *const child_tables[] = {"communication_mandates", "questions", "citations",
					   "related_references", "signatories", "stated_ratifications",
					   "figures", "documents", "links", NULL};

static int insert_children(struct db *db, long long id, const struct letter *l, struct error *err)
{
	struct db_stmt *st;
#define PREPARE(sql)                              \
	if (!(st = db_prepare(db, sql, err))) \
		return -1;
#define STEP()                                  \
	do {                                    \
		if (db_step(st, err) < 0) {     \
			db_finalize(st);        \
			return -1;              \
		}                               \
		db_reset(st);                   \
	} while (0)

	PREPARE("INSERT INTO communication_mandates(communication_id, position, title, resolution, slug) VALUES (?1, ?2, ?3, ?4, ?5)");
	for (size_t i = 0; i < l->mandates_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, (long long)i + 1);
		db_bind_text(st, 3, l->mandates[i].title);
		db_bind_text(st, 4, l->mandates[i].resolution);
		db_bind_text(st, 5, l->mandates[i].slug);
		STEP();
	}
	db_finalize(st);
	PREPARE("INSERT INTO questions(communication_id, n, text) VALUES (?1, ?2, ?3)");
	for (size_t i = 0; i < l->questions_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, l->questions[i].n);
		db_bind_text(st, 3, l->questions[i].text);
		STEP();
	}
	db_finalize(st);
	PREPARE("INSERT INTO citations(communication_id, position, instrument, article, context, violation) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	for (size_t i = 0; i < l->citations_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, (long long)i + 1);
		db_bind_text(st, 3, l->citations[i].instrument);
		db_bind_text(st, 4, l->citations[i].article);
		db_bind_text(st, 5, l->citations[i].context);
		db_bind_int(st, 6, l->citations[i].violation);
		STEP();
	}
	db_finalize(st);
	PREPARE("INSERT INTO related_references(communication_id, reference) VALUES (?1, ?2)");
	for (size_t i = 0; i < l->related_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, l->related[i]);
		STEP();
	}
	db_finalize(st);
	PREPARE("INSERT INTO signatories(communication_id, position, name, title) VALUES (?1, ?2, ?3, ?4)");
	for (size_t i = 0; i < l->signatories_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, (long long)i + 1);
		db_bind_text(st, 3, l->signatories[i].name);
		db_bind_text(st, 4, l->signatories[i].title);
		STEP();
	}
	db_finalize(st);
	PREPARE("INSERT INTO stated_ratifications(communication_id, instrument, action, date) VALUES (?1, ?2, ?3, ?4)");
	for (size_t i = 0; i < l->ratifications_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, l->ratifications[i].instrument);
		db_bind_text(st, 3, l->ratifications[i].action);
		bind_date(st, 4, l->ratifications[i].date);
		STEP();
	}
	db_finalize(st);
	PREPARE("INSERT INTO figures(communication_id, position, value, unit, context) VALUES (?1, ?2, ?3, ?4, ?5)");
	for (size_t i = 0; i < l->figures_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, (long long)i + 1);
		db_bind_double(st, 3, l->figures[i].value);
		db_bind_text(st, 4, l->figures[i].unit);
		db_bind_text(st, 5, l->figures[i].context);
		STEP();
	}
	db_finalize(st);
	PREPARE("INSERT INTO documents(communication_id, symbol) VALUES (?1, ?2)");
	for (size_t i = 0; i < l->documents_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, l->documents[i]);
		STEP();
	}
	db_finalize(st);
	PREPARE("INSERT INTO links(communication_id, url) VALUES (?1, ?2)");
	for (size_t i = 0; i < l->links_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, l->links[i]);
		STEP();
	}
	db_finalize(st);
#undef PREPARE
#undef STEP
	return 0;
}

static void bind_letter(struct db_stmt *st, const struct letter *l, const struct store_row *row,
			const char *source_name, const char *sha256, const char *now)
{
	db_bind_text(st, 1, l->reference);
	db_bind_text(st, 2, l->type[0] ? l->type : NULL);
	db_bind_text(st, 3, l->country[0] ? l->country : NULL);
	if (l->number)
		db_bind_int(st, 4, l->number);
	else
		db_bind_null(st, 4);
	if (l->year)
		db_bind_int(st, 5, l->year);
	else
		db_bind_null(st, 5);
	bind_date(st, 6, l->date);
	db_bind_text(st, 7, l->language);
	if (l->reply_deadline_days)
		db_bind_int(st, 8, l->reply_deadline_days);
	else
		db_bind_null(st, 8);
	bind_date(st, 9, l->reply_due);
	db_bind_text(st, 10, source_name);
	db_bind_text(st, 11, sha256);
	db_bind_text(st, 12, l->body ? l->body : "");
	db_bind_text(st, 13, row->record);
	db_bind_text(st, 14, now);
	db_bind_text(st, 15, row->slug);
	db_bind_text(st, 16, row->core);
	db_bind_text(st, 18, row->facets);
	/* the workflow's due date stands for a letter that states none */
	if (l->reply_due == DATE_NONE && row->publication_date != DATE_NONE)
		bind_date(st, 9, row->publication_date);
	bind_date(st, 20, row->publication_date);
	if (row->session)
		db_bind_int(st, 21, row->session);
	else
		db_bind_null(st, 21);
}

/* The columns bind_letter fills, then the search key (?17), for an
 * UPDATE ... WHERE id = ?19 (with SET_TSV before the WHERE on
 * PostgreSQL). */
#define UPDATE_LETTER                                                                                       \
	"UPDATE communications SET reference = ?1, type = ?2, country = ?3, number = ?4, "                 \
	"year = ?5, date = ?6, language = ?7, reply_deadline_days = ?8, reply_due = ?9, "                 \
	"source_name = ?10, source_sha256 = ?11, body = ?12, record = ?13, updated_at = ?14, "            \
	"slug = ?15, core = ?16, search_key = ?17, search_facets = ?18, "                                  \
	"publication_date = coalesce(?20, publication_date), session = coalesce(?21, session)"
/* PostgreSQL's row carries its search entry (?22) */
#define SET_TSV ", tsv = CAST(?22 AS tsvector)"

/* A new row: the columns bind_letter fills, the search key (?17) and
 * the id (?19); more columns and values (PostgreSQL's tsv) after. */
#define INSERT_LETTER(more_columns, more_values)                                                           \
	"INSERT INTO communications(reference, type, country, number, year, date, language, "              \
	"reply_deadline_days, reply_due, source_name, source_sha256, body, record, "                        \
	"created_at, updated_at, status, slug, core, search_key, search_facets, id, "                       \
	"publication_date, session" more_columns ") "                                                       \
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, 'sent', ?15, ?16, "      \
	"?17, ?18, ?19, ?20, ?21" more_values ")"

void store_row_init(struct store_row *row, const struct letter *l)
{
	json_t *rec = record_to_json(l, false);
	row->record = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(rec);
	row->facets = letter_facets(l);
	row->slug = l->reference ? store_reference_slug(l->reference) : NULL;
	row->core = l->reference ? store_reference_core(l->reference) : NULL;
	row->publication_date = DATE_NONE;
	row->session = 0;
	row->tsv = NULL;
}

void store_row_add_tsv(struct store_row *row, const struct letter *l)
{
	if (!row->tsv)
		row->tsv = tsv_literal(l->reference, l->body);
}

void store_row_release(struct store_row *row)
{
	free(row->record);
	free(row->facets);
	free(row->slug);
	free(row->core);
	free(row->tsv);
	memset(row, 0, sizeof(*row));
}

int store_put_letter(struct db *db, const struct letter *l, const char *source_name,
		     const char *sha256, enum store_outcome *outcome, char **previous_source,
		     struct error *err)
{
	struct store_row row;
	store_row_init(&row, l);
	int rc = store_put_letter_row(db, l, &row, source_name, sha256, outcome, previous_source, err);
	store_row_release(&row);
	return rc;
}

int store_put_letter_row(struct db *db, const struct letter *l, const struct store_row *row,
			 const char *source_name, const char *sha256, enum store_outcome *outcome,
			 char **previous_source, struct error *err)
{
	if (!l->reference)
		BUG("store_put_letter without a reference");
	if (previous_source)
		*previous_source = NULL;
	bool pg = db->backend == DB_POSTGRES;
	if (db_begin(db, err) < 0)
		return -1;
	struct db_stmt *st = db_prepare(db, "SELECT id, source_sha256, source_name FROM communications WHERE reference = ?1", err);
	if (!st)
		goto fail;
	db_bind_text(st, 1, l->reference);
	long long id = 0;
	int rc = db_step(st, err);
	if (rc < 0) {
		db_finalize(st);
		goto fail;
	}
	if (rc == 1) {
		id = db_int(st, 0);
		const char *old_sha = db_text(st, 1);
		if (old_sha && sha256 && !strcmp(old_sha, sha256)) {
			db_finalize(st);
			db_commit(db, NULL); /* nothing written: ends the transaction (or savepoint) as is */
			*outcome = STORE_UNCHANGED;
			return 0;
		}
		if (previous_source && db_text(st, 2))
			*previous_source = xstrdup(db_text(st, 2));
	}
	db_finalize(st);

	char now[32];
	now_iso(now);
	if (id) {
		/* out of the index with the values it went in with (PostgreSQL's
		 * entry is the row's tsv, which the UPDATE replaces) */
		if (!pg) {
			st = db_prepare(db, "SELECT search_key, reference, body, search_facets FROM communications "
					    "WHERE id = ?1 AND search_key IS NOT NULL", err);
			if (!st)
				goto fail;
			db_bind_int(st, 1, id);
			rc = db_step(st, err);
			if (rc == 1)
				rc = fts_write(db, true, db_int(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3), err);
			db_finalize(st);
			if (rc < 0)
				goto fail;
		}
		for (int i = 0; child_tables[i]; i++) {
			char sql[128];
			snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE communication_id = ?1", child_tables[i]);
			if (exec_one(db, sql, id, err) < 0)
				goto fail;
		}
		st = db_prepare(db, pg ? UPDATE_LETTER SET_TSV " WHERE id = ?19" : UPDATE_LETTER " WHERE id = ?19", err);
		if (!st)
			goto fail;
		*outcome = STORE_UPDATED;
	} else {
		/* the id a plain INSERT would take, given here so that the search
		 * key, which holds it, goes in with the row */
		id = db_query_int(db, 0, "SELECT coalesce(max(id), 0) + 1 FROM communications", NULL);
		st = db_prepare(db, pg ? INSERT_LETTER(", tsv", ", CAST(?22 AS tsvector)") : INSERT_LETTER("", ""), err);
		if (!st)
			goto fail;
		*outcome = STORE_ADDED;
	}
	long long key = store_search_key(l->date, id);
	bind_letter(st, l, row, source_name, sha256, now);
	db_bind_int(st, 17, key);
	db_bind_int(st, 19, id);
	char *tsv = pg && !row->tsv ? tsv_literal(l->reference, l->body) : NULL;
	if (pg)
		db_bind_text(st, 22, row->tsv ? row->tsv : tsv);
	rc = db_step(st, err);
	db_finalize(st);
	free(tsv);
	if (rc < 0)
		goto fail;
	if (insert_children(db, id, l, err) < 0 ||
	    (!pg && fts_write(db, false, key, l->reference, l->body, row->facets, err) < 0))
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	if (previous_source) {
		free(*previous_source);
		*previous_source = NULL;
	}
	return -1;
}

int store_fill_draft(struct db *db, long long id, const struct letter *l, struct error *err)
{
	if (!l->reference)
		BUG("store_fill_draft without a reference");
	if (db_begin(db, err) < 0)
		return -1;
	struct store_row row;
	store_row_init(&row, l);
	char now[32];
	now_iso(now);
	long long key = store_search_key(l->date, id);
	bool pg = db->backend == DB_POSTGRES;
	struct db_stmt *st = db_prepare(db, pg ? UPDATE_LETTER SET_TSV " WHERE id = ?19 AND reference IS NULL"
					      : UPDATE_LETTER " WHERE id = ?19 AND reference IS NULL",
					err);
	int rc = -1;
	if (st) {
		bind_letter(st, l, &row, NULL, NULL, now);
		db_bind_int(st, 17, key);
		db_bind_int(st, 19, id);
		if (pg) {
			store_row_add_tsv(&row, l);
			db_bind_text(st, 22, row.tsv);
		}
		rc = db_step(st, err);
		db_finalize(st);
		if (rc >= 0 && db_changes(db) != 1)
			rc = error_set(err, "communication %lld is not an unsent draft", id);
	}
	if (rc < 0 || insert_children(db, id, l, err) < 0 ||
	    (!pg && fts_write(db, false, key, l->reference, l->body, row.facets, err) < 0)) {
		store_row_release(&row);
		db_rollback(db);
		return -1;
	}
	store_row_release(&row);
	return db_commit(db, err);
}

/* FTS5's own default ('automerge' 4): a level of four segments is merged
 * into one, a few pages at each commit. */
#define FTS_AUTOMERGE 4

int store_index_bulk(struct db *db, bool on, struct error *err)
{
	if (db->backend != DB_SQLITE)
		return 0;
	/* Merging as it goes, FTS5 writes each letter's terms into a segment
	 * at its batch's commit and again at every level they are merged up
	 * (log4 of the batches times); left to the end, they are written once
	 * more in all. A load that stops half way leaves this off until the
	 * next load's end turns it on. */
	struct db_stmt *st = db_prepare(db, "INSERT INTO communications_fts(communications_fts, rank) VALUES ('automerge', ?1)", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, on ? 0 : FTS_AUTOMERGE);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int store_index_tidy(struct db *db, size_t letters, struct error *err)
{
	if (db->backend != DB_SQLITE || !letters)
		return 0; /* PostgreSQL's GIN index needs no such help */
	/* FTS5 keeps what each transaction added as a segment and merges them
	 * a few at a time, which leaves a score of segments after a bulk load
	 * that every query then reads side by side. Merging them, with work
	 * in proportion to what was added (about 16 pages of index a letter:
	 * enough to leave one segment after a first load), makes phrase
	 * queries a fifth cheaper for 0.1 ms a letter once. */
	struct db_stmt *st = db_prepare(db, "INSERT INTO communications_fts(communications_fts, rank) VALUES ('merge', ?1)", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, -(long long)(letters < 1000000 ? letters : 1000000) * 16);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* PostgreSQL: a sent letter's tsv written again from its text. */
static int tsv_write(struct db *db, long long key, const char *reference, const char *body, struct error *err)
{
	char *tsv = tsv_literal(reference, body);
	struct db_stmt *st = db_prepare(db, "UPDATE communications SET tsv = CAST(?2 AS tsvector) WHERE search_key = ?1", err);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, key);
		db_bind_text(st, 2, tsv);
		rc = db_step(st, err);
		db_finalize(st);
	}
	free(tsv);
	return rc < 0 ? -1 : 0;
}

int store_index_rebuild(struct db *db, struct error *err)
{
	if (db->backend == DB_SQLITE)
		return db_exec(db, "INSERT INTO communications_fts(communications_fts) VALUES ('rebuild')", err);
	/* PostgreSQL: each sent letter's tsv written again, 200 letters at a
	 * time (a statement's rows are held whole) */
	long long after = -1;
	for (;;) {
		struct db_stmt *st = db_prepare(db, "SELECT search_key, reference, body FROM communications "
						    "WHERE search_key > ?1 ORDER BY search_key LIMIT 200",
						err);
		if (!st)
			return -1;
		db_bind_int(st, 1, after);
		int rc, rows = 0;
		while ((rc = db_step(st, err)) == 1) {
			after = db_int(st, 0);
			rows++;
			if (tsv_write(db, after, db_text(st, 1), db_text(st, 2), err) < 0) {
				rc = -1;
				break;
			}
		}
		db_finalize(st);
		if (rc < 0)
			return -1;
		if (rows < 200)
			return 0;
	}
}

char *store_reference_slug(const char *reference)
{
	struct buf b = BUF_INIT;
	bool dash = false;
	for (const char *p = reference; *p; p++) {
		if (isalnum((unsigned char)*p)) {
			if (dash && b.len)
				buf_addch(&b, '-');
			dash = false;
			buf_addch(&b, (char)toupper((unsigned char)*p));
		} else {
			dash = true;
		}
	}
	return buf_detach(&b);
}

char *store_reference_core(const char *reference)
{
	/* the last "CCC n/yyyy" in the string */
	const char *best = NULL;
	for (const char *p = reference; *p; p++)
		if (isupper((unsigned char)p[0]) && isupper((unsigned char)p[1]) &&
		    isupper((unsigned char)p[2]) && p[3] == ' ' && isdigit((unsigned char)p[4]) &&
		    (p == reference || p[-1] == ' '))
			best = p;
	if (!best)
		return NULL;
	const char *e = best + 4;
	while (isdigit((unsigned char)*e))
		e++;
	if (*e != '/')
		return NULL;
	e++;
	while (isdigit((unsigned char)*e))
		e++;
	return xstrndup(best, (size_t)(e - best));
}

long long store_find_communication(struct db *db, const char *reference)
{
	char *slug = store_reference_slug(reference);
	struct db_stmt *st = db_prepare(db, "SELECT id FROM communications WHERE reference = ?1 OR slug = ?2", NULL);
	long long id = 0;
	if (st) {
		db_bind_text(st, 1, reference);
		db_bind_text(st, 2, slug);
		if (db_step(st, NULL) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	free(slug);
	if (id)
		return id;
	/* "KAZ 2/2024": the communication, when only one has that core */
	char *core = store_reference_core(reference);
	if (!core)
		return 0;
	st = db_prepare(db, "SELECT id FROM communications WHERE core = ?1 LIMIT 2", NULL);
	if (st) {
		db_bind_text(st, 1, core);
		int rows = 0;
		long long first = 0;
		while (db_step(st, NULL) == 1) {
			if (!rows)
				first = db_int(st, 0);
			rows++;
		}
		if (rows == 1)
			id = first;
		db_finalize(st);
	}
	free(core);
	return id;
}
