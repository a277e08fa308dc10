/*
 * search.c - runs a search. See search.h.
 *
 * SQLite, in three steps, none of which looks up a row per match:
 * 1. the matches in FTS5 alone. The index holds only sent communications,
 *    each under a key that orders it newest first (store_search_key()),
 *    and the filter values as tokens (search_facets), so filters are words
 *    ANDed to the query (FTS5 intersects the lists) and dates a range of
 *    keys. Newest first, the page is the first matches read, with their
 *    snippets (rapporteur_snippet: snippet() for the rows read), and a
 *    count(*) counts the rest; by relevance, every match is ranked with
 *    rapporteur_bm25 (bm25(), reading the row sizes in one scan), the best
 *    kept and all counted,
 * 2. (by relevance) the page's snippets, in one pass over the matches
 *    between its first and last key, for those rows only,
 * 3. the page's rows, by key.
 * migrations/sqlite/003_search.sql and db_sqlite.c say more. PostgreSQL
 * runs one query with the filters as SQL (below).
 */
#include "search.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/letters.h"
#include "../util/date.h"
#include "../util/die.h"
#include "query.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void search_result_release(struct search_result *r)
{
	for (size_t i = 0; i < r->count; i++) {
		free(r->hits[i].reference);
		free(r->hits[i].date);
		free(r->hits[i].country);
		free(r->hits[i].type);
		free(r->hits[i].snippet);
	}
	free(r->hits);
	memset(r, 0, sizeof(*r));
}

/* ---- SQLite ------------------------------------------------------------------------------ */

/* A match kept for the page: its key and its rank (relevance only). */
struct kept_match {
	long long key;
	double rank; /* bm25: lower is better */
};

/* Relevance order: best rank first, then newest (the lower key). */
static bool ranks_before(const struct kept_match *a, const struct kept_match *b)
{
	return a->rank < b->rank || (a->rank == b->rank && a->key < b->key);
}

/* The best `want` matches seen so far, as a max-heap on ranks_before: the
 * worst kept is at the top, ready to be replaced. */
struct best {
	struct kept_match *items;
	size_t count, want;
};

static void best_sift_down(struct best *b, size_t i)
{
	for (;;) {
		size_t worst = i, l = 2 * i + 1, r = l + 1;
		if (l < b->count && ranks_before(&b->items[worst], &b->items[l]))
			worst = l;
		if (r < b->count && ranks_before(&b->items[worst], &b->items[r]))
			worst = r;
		if (worst == i)
			return;
		struct kept_match t = b->items[i];
		b->items[i] = b->items[worst];
		b->items[worst] = t;
		i = worst;
	}
}

static void best_offer(struct best *b, struct kept_match m)
{
	if (b->count < b->want) {
		size_t i = b->count++;
		b->items[i] = m;
		while (i > 0 && ranks_before(&b->items[(i - 1) / 2], &b->items[i])) {
			struct kept_match t = b->items[i];
			b->items[i] = b->items[(i - 1) / 2];
			b->items[(i - 1) / 2] = t;
			i = (i - 1) / 2;
		}
	} else if (b->want && ranks_before(&m, &b->items[0])) {
		b->items[0] = m;
		best_sift_down(b, 0);
	}
}

static int by_rank(const void *x, const void *y)
{
	const struct kept_match *a = x, *b = y;
	return ranks_before(a, b) ? -1 : ranks_before(b, a) ? 1 : 0;
}

static int by_key(const void *x, const void *y)
{
	const struct kept_match *a = x, *b = y;
	return (a->key > b->key) - (a->key < b->key);
}

/* The facet tokens of the filter, ANDed to match; returns how many. */
static int add_facets(const struct comm_filter *f, struct buf *match)
{
	struct buf tok = BUF_INIT;
	int n = 0;
	char year[16];
	snprintf(year, sizeof(year), "%d", f->year);
	const struct {
		char field;
		const char *value;
	} facets[] = {{'c', f->country}, {'t', f->type}, {'y', f->year ? year : NULL}, {'m', f->mandate}};
	for (size_t i = 0; i < sizeof(facets) / sizeof(facets[0]); i++) {
		if (!facets[i].value)
			continue;
		buf_reset(&tok);
		store_search_facet(&tok, facets[i].field, facets[i].value);
		/* the token is the mark, a letter and hex digits: nothing to quote */
		buf_addf(match, " AND search_facets : \"%s\"", tok.data);
		n++;
	}
	buf_release(&tok);
	return n;
}

/* The facets and the date range of the filter, in the pass's SQL. */
static int filter_match(const struct comm_filter *f, struct buf *match, long long *first, long long *last)
{
	int facets = add_facets(f, match);
	*first = 0;
	*last = -1; /* no range */
	if (f->from || f->to)
		store_search_key_range(f->from ? date_parse_iso(f->from) : DATE_NONE,
				       f->to ? date_parse_iso(f->to) : DATE_NONE, first, last);
	return facets;
}

static int sqlite_search(struct db *db, const struct search_request *req, const char *user_match,
			 struct search_result *out, struct error *err)
{
	size_t limit = req->limit > 0 ? (size_t)req->limit : 20, offset = req->offset > 0 ? (size_t)req->offset : 0;
	bool newest = req->order == SEARCH_NEWEST;
	struct buf match = BUF_INIT, sql = BUF_INIT, wanted = BUF_INIT;
	buf_addf(&match, "(%s)", user_match);
	long long first, last;
	int facets = filter_match(&req->filter, &match, &first, &last);
	const char *range = last >= 0 ? " AND rowid BETWEEN ?2 AND ?3" : "";

	struct best best = {.want = offset + limit};
	best.items = xmalloc(best.want * sizeof(*best.items));
	long long total = 0;
	int rc = -1, step;
	struct db_stmt *st;
	size_t page = 0;
	struct kept_match *hits = best.items;
	if (newest) {
		/* 1. the page: the first matches in key order, with their
		 * snippets; a count(*) counts the rest when there may be more */
		buf_addf(&sql, "SELECT rowid, rapporteur_snippet(communications_fts, NULL, 1, char(2), char(3), '…', 24) "
			       "FROM communications_fts WHERE communications_fts MATCH ?1%s ORDER BY rowid LIMIT %zu OFFSET %zu",
			 range, limit, offset);
		if (!(st = db_prepare(db, sql.data, err)))
			goto done;
		db_bind_text(st, 1, match.data);
		if (last >= 0) {
			db_bind_int(st, 2, first);
			db_bind_int(st, 3, last);
		}
		out->hits = xcalloc(limit, sizeof(*out->hits));
		while ((step = db_step(st, err)) == 1 && page < limit) {
			best.items[page] = (struct kept_match){db_int(st, 0), 0};
			out->hits[page].snippet = dup_or_null(db_text(st, 1));
			out->count = ++page;
		}
		db_finalize(st);
		if (step < 0)
			goto fail; /* we quote every word: this is the database failing, not the query */
		total = (long long)(offset + page);
		if (req->count_total && (page == limit || (!page && offset))) {
			buf_reset(&sql);
			buf_addf(&sql, "SELECT count(*) FROM communications_fts WHERE communications_fts MATCH ?1%s", range);
			if (!(st = db_prepare(db, sql.data, err)))
				goto fail;
			db_bind_text(st, 1, match.data);
			if (last >= 0) {
				db_bind_int(st, 2, first);
				db_bind_int(st, 3, last);
			}
			step = db_step(st, err);
			if (step == 1)
				total = db_int(st, 0);
			db_finalize(st);
			if (step < 0)
				goto fail;
		}
	} else {
		/* 1. every match ranked, the best kept, all counted on the way */
		buf_addf(&sql, "SELECT rowid, rapporteur_bm25(communications_fts, 'communications_fts_docsize', 2, %d) "
			       "FROM communications_fts WHERE communications_fts MATCH ?1%s",
			 facets, range);
		if (!(st = db_prepare(db, sql.data, err)))
			goto done;
		db_bind_text(st, 1, match.data);
		if (last >= 0) {
			db_bind_int(st, 2, first);
			db_bind_int(st, 3, last);
		}
		while ((step = db_step(st, err)) == 1) {
			best_offer(&best, (struct kept_match){db_int(st, 0), db_double(st, 1)});
			total++;
		}
		db_finalize(st);
		if (step < 0)
			goto done;
		qsort(best.items, best.count, sizeof(*best.items), by_rank);
		page = best.count > offset ? best.count - offset : 0;
		hits = best.items + offset;
		out->hits = xcalloc(page ? page : 1, sizeof(*out->hits));
		out->count = page;

		/* 2. the page's snippets, in one pass over the matches between its
		 * first and last key */
		long long lo = 0, hi = 0;
		for (size_t i = 0; i < page; i++) {
			if (!i || hits[i].key < lo)
				lo = hits[i].key;
			if (!i || hits[i].key > hi)
				hi = hits[i].key;
		}
		struct kept_match *sorted = xmalloc((page ? page : 1) * sizeof(*sorted));
		memcpy(sorted, hits, page * sizeof(*sorted));
		qsort(sorted, page, sizeof(*sorted), by_key);
		for (size_t i = 0; i < page; i++)
			buf_addf(&wanted, "%s%lld", i ? "," : "", sorted[i].key);
		free(sorted);
		if (page) {
			st = db_prepare(db, "SELECT rowid, rapporteur_snippet(communications_fts, ?2, 1, char(2), char(3), '…', 24) "
					    "FROM communications_fts WHERE communications_fts MATCH ?1 AND rowid BETWEEN ?3 AND ?4",
					err);
			if (!st)
				goto fail;
			db_bind_text(st, 1, match.data);
			db_bind_text(st, 2, wanted.data);
			db_bind_int(st, 3, lo);
			db_bind_int(st, 4, hi);
			while ((step = db_step(st, err)) == 1) {
				if (db_is_null(st, 1))
					continue;
				long long key = db_int(st, 0);
				for (size_t i = 0; i < page; i++)
					if (hits[i].key == key && !out->hits[i].snippet)
						out->hits[i].snippet = xstrdup(db_text(st, 1));
			}
			db_finalize(st);
			if (step < 0)
				goto fail;
		}
		for (size_t i = 0; i < page; i++)
			out->hits[i].score = -hits[i].rank;
	}

	/* 3. the rows of the page */
	st = db_prepare(db, "SELECT id, reference, date, country, type FROM communications WHERE search_key = ?1", err);
	if (!st)
		goto fail;
	for (size_t i = 0; i < page; i++) {
		struct search_hit *h = &out->hits[i];
		db_bind_int(st, 1, hits[i].key);
		step = db_step(st, err);
		if (step < 0)
			break;
		if (step == 0) {
			/* the index names a row that is not there: the store broke its word */
			step = error_set(err, "%s: the search index is out of step with communications", db->target);
			break;
		}
		h->id = db_int(st, 0);
		h->reference = dup_or_null(db_text(st, 1));
		h->date = dup_or_null(db_text(st, 2));
		h->country = dup_or_null(db_text(st, 3));
		h->type = dup_or_null(db_text(st, 4));
		db_reset(st);
	}
	db_finalize(st);
	if (step < 0)
		goto fail;
	out->total = req->count_total ? total : (long long)(page + offset);
	rc = 0;
	goto done;
fail:
	search_result_release(out);
done:
	free(best.items);
	buf_release(&wanted);
	buf_release(&sql);
	buf_release(&match);
	return rc;
}

/* ---- PostgreSQL ------------------------------------------------------------------------- */

/*
 * On PostgreSQL the index is the tsv column (the terms FTS5 would index,
 * src/store/letters.c) and the query a tsquery of the same terms
 * (query_to_tsquery() with db_fts_terms()), so the same letters match.
 * Filters are SQL (filter.c); newest first is the search key's order, as
 * on SQLite; by relevance, the index's order (RUM's distance, else
 * ts_rank: docs/SCALING.md says which and why, and why not bm25).
 *
 * Snippets: FTS5's snippet() is not PostgreSQL's ts_headline() (another
 * window, other marks). The page's rows (a few dozen at most) go into an
 * FTS5 table in memory, made once per thread, and the same
 * rapporteur_snippet() as the SQLite path makes them from the same
 * match: the same snippets, byte for byte, for about 0.2 ms a row.
 */
static pthread_key_t snippet_key;
static pthread_once_t snippet_once = PTHREAD_ONCE_INIT;

static void snippet_db_close(void *db)
{
	db_close(db);
}

static void snippet_key_make(void)
{
	if (pthread_key_create(&snippet_key, snippet_db_close) != 0)
		die("cannot create a thread key");
}

/* This thread's in-memory FTS5 table, with the index's tokenizer
 * (migrations/sqlite/003_search.sql), emptied. */
static struct db *snippet_db(struct error *err)
{
	pthread_once(&snippet_once, snippet_key_make);
	struct db *db = pthread_getspecific(snippet_key);
	if (!db) {
		if (!(db = db_open(":memory:", err)))
			return NULL;
		pthread_setspecific(snippet_key, db);
	} else if (db_exec(db, "DROP TABLE IF EXISTS communications_fts", err) < 0) {
		return NULL;
	}
	/* made afresh: emptying it row by row would tokenize every row again */
	if (db_exec(db, "CREATE VIRTUAL TABLE communications_fts USING fts5(reference, body, "
			"tokenize = 'porter unicode61 remove_diacritics 2')",
		    err) < 0)
		return NULL;
	return db;
}

int search_snippets_copied(struct db *db, const char *fts5_match, const long long *keys, size_t n,
			   char **out, struct error *err)
{
	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	if (!n)
		return 0;
	struct db *mem = snippet_db(err);
	if (!mem)
		return -1;
	struct buf array = BUF_INIT;
	buf_addch(&array, '{');
	for (size_t i = 0; i < n; i++)
		buf_addf(&array, "%s%lld", i ? "," : "", keys[i]);
	buf_addch(&array, '}');
	int rc = -1, step;
	struct db_stmt *put = NULL, *st = db_prepare(db, "SELECT search_key, reference, body FROM communications "
							"WHERE search_key = ANY (CAST(?1 AS bigint[]))",
						    err);
	if (!st || !(put = db_prepare(mem, "INSERT INTO communications_fts(rowid, reference, body) VALUES (?1, ?2, ?3)",
				      err)))
		goto done;
	db_bind_text(st, 1, array.data);
	while ((step = db_step(st, err)) == 1) {
		db_bind_int(put, 1, db_int(st, 0));
		db_bind_text(put, 2, db_text(st, 1) ? db_text(st, 1) : "");
		db_bind_text(put, 3, db_text(st, 2) ? db_text(st, 2) : "");
		if (db_step(put, err) < 0)
			goto done;
		db_reset(put);
	}
	if (step < 0)
		goto done;
	db_finalize(st);
	st = db_prepare(mem, "SELECT rowid, rapporteur_snippet(communications_fts, NULL, 1, char(2), char(3), '…', 24) "
			     "FROM communications_fts WHERE communications_fts MATCH ?1",
			err);
	if (!st)
		goto done;
	db_bind_text(st, 1, fts5_match);
	while ((step = db_step(st, err)) == 1) {
		long long key = db_int(st, 0);
		for (size_t i = 0; i < n; i++)
			if (keys[i] == key && !out[i] && db_text(st, 1))
				out[i] = xstrdup(db_text(st, 1));
	}
	rc = step < 0 ? -1 : 0;
done:
	db_finalize(st);
	db_finalize(put);
	buf_release(&array);
	return rc;
}

static int split_terms(const char *text, size_t len, query_term_fn *term, void *ctx)
{
	return db_fts_terms(text, len, term, ctx);
}

char *search_tsquery(const struct query *q)
{
	return query_to_tsquery(q, split_terms);
}

static int postgres_search(struct db *db, const struct search_request *req, const char *fts5_match,
			   const char *tsquery, struct search_result *out, struct error *err)
{
	int limit = req->limit > 0 ? req->limit : 20, offset = req->offset > 0 ? req->offset : 0;
	if (!tsquery)
		return 0; /* a query FTS5 reads as matching nothing */
	struct buf where = BUF_INIT;
	struct sql_params params = {.first = 2};
	filter_where(&req->filter, &where, &params);

	struct buf sql = BUF_INIT;
	/* the matches through the index (rapporteur_matches), newest first; by
	 * relevance, the index's own order (rapporteur_distance: RUM's, or
	 * ts_rank's over GIN; migrations/postgres/003_search.sql) */
	if (req->order == SEARCH_NEWEST)
		buf_addf(&sql, "SELECT c.search_key, c.id, c.reference, c.date, c.country, c.type, 0 "
			       "FROM communications c WHERE c.search_key IN (SELECT rapporteur_matches(CAST(?1 AS tsquery)))%s "
			       "ORDER BY c.search_key LIMIT %d OFFSET %d",
			 where.data, limit, offset);
	else
		buf_addf(&sql, "SELECT c.search_key, c.id, c.reference, c.date, c.country, c.type, "
			       "1 / rapporteur_distance(c.tsv, CAST(?1 AS tsquery)) "
			       "FROM communications c WHERE c.tsv @@ CAST(?1 AS tsquery) AND c.search_key IS NOT NULL%s "
			       "ORDER BY rapporteur_distance(c.tsv, CAST(?1 AS tsquery)) LIMIT %d OFFSET %d",
			 where.data, limit, offset);
	int rc = -1, step;
	long long *keys = NULL;
	char **snippets = NULL;
	size_t cap = 0, keys_cap = 0;
	struct db_stmt *st = db_prepare(db, sql.data, err);
	if (!st)
		goto done;
	db_bind_text(st, 1, tsquery);
	sql_params_bind(&params, st);
	while ((step = db_step(st, err)) == 1) {
		ALLOC_GROW(out->hits, out->count + 1, cap);
		ALLOC_GROW(keys, out->count + 1, keys_cap);
		struct search_hit *h = &out->hits[out->count];
		memset(h, 0, sizeof(*h));
		keys[out->count++] = db_int(st, 0);
		h->id = db_int(st, 1);
		h->reference = dup_or_null(db_text(st, 2));
		h->date = dup_or_null(db_text(st, 3));
		h->country = dup_or_null(db_text(st, 4));
		h->type = dup_or_null(db_text(st, 5));
		h->score = db_double(st, 6);
	}
	db_finalize(st);
	if (step < 0)
		goto fail;
	out->total = (long long)out->count + offset;
	if (req->count_total && (out->count == (size_t)limit || offset)) {
		buf_reset(&sql);
		/* unfiltered, the matches themselves: each is one sent letter, and
		 * joining them to the table only to count them took three times as long */
		if (!where.len)
			buf_adds(&sql, "SELECT count(*) FROM rapporteur_matches(CAST(?1 AS tsquery))");
		else
			buf_addf(&sql, "SELECT count(*) FROM communications c "
				       "WHERE c.search_key IN (SELECT rapporteur_matches(CAST(?1 AS tsquery)))%s",
				 where.data);
		if (!(st = db_prepare(db, sql.data, err)))
			goto fail;
		db_bind_text(st, 1, tsquery);
		sql_params_bind(&params, st);
		step = db_step(st, err);
		if (step == 1)
			out->total = db_int(st, 0);
		db_finalize(st);
		if (step < 0)
			goto fail;
	}
	snippets = xcalloc(out->count ? out->count : 1, sizeof(*snippets));
	if (search_snippets_copied(db, fts5_match, keys, out->count, snippets, err) < 0)
		goto fail;
	for (size_t i = 0; i < out->count; i++)
		out->hits[i].snippet = snippets[i];
	rc = 0;
	goto done;
fail:
	search_result_release(out);
done:
	free(snippets);
	free(keys);
	buf_release(&sql);
	buf_release(&where);
	return rc;
}

int search_run(struct db *db, const struct search_request *req, struct search_result *out,
	       struct error *err)
{
	memset(out, 0, sizeof(*out));
	if (filter_check(&req->filter, err) < 0)
		return -1;
	struct query *q = query_parse(req->query, err);
	if (!q)
		return -1;
	char *match = query_to_fts5(q);
	char *tsquery = db->backend == DB_POSTGRES ? search_tsquery(q) : NULL;
	query_free(q);
	int rc = db->backend == DB_SQLITE ? sqlite_search(db, req, match, out, err)
					  : postgres_search(db, req, match, tsquery, out, err);
	free(tsquery);
	free(match);
	return rc;
}
