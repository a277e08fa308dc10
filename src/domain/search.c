/*
 * search.c - runs a search. See search.h.
 */
#include "search.h"

#include <stdlib.h>
#include <string.h>

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

int search_run(struct db *db, const struct search_request *req, struct search_result *out,
	       struct error *err)
{
	memset(out, 0, sizeof(*out));
	if (filter_check(&req->filter, err) < 0)
		return -1;
	struct query *q = query_parse(req->query, err);
	if (!q)
		return -1;
	char *match = db->backend == DB_SQLITE ? query_to_fts5(q) : query_to_tsquery(q);
	query_free(q);

	struct buf where = BUF_INIT;
	struct sql_params params = {.first = 2};
	filter_where(&req->filter, &where, &params);

	struct buf sql = BUF_INIT;
	if (db->backend == DB_SQLITE) {
		buf_addf(&sql, "SELECT c.id, c.reference, c.date, c.country, c.type, "
			       "snippet(communications_fts, 1, char(2), char(3), '…', 24), bm25(communications_fts) "
			       "FROM communications_fts JOIN communications c ON c.id = communications_fts.rowid "
			       "WHERE communications_fts MATCH ?1 AND c.reference IS NOT NULL%s ORDER BY %s LIMIT %d OFFSET %d",
			 where.data, req->order == SEARCH_NEWEST ? "c.date DESC, c.id DESC" : "bm25(communications_fts), c.date DESC",
			 req->limit > 0 ? req->limit : 20, req->offset > 0 ? req->offset : 0);
	} else {
		buf_addf(&sql, "SELECT c.id, c.reference, c.date, c.country, c.type, "
			       "ts_headline('english', c.body, to_tsquery('english', ?1), "
			       "'StartSel=\"\x02\", StopSel=\"\x03\", MaxWords=30, MinWords=12, MaxFragments=1'), "
			       "-ts_rank(c.tsv, to_tsquery('english', ?1)) "
			       "FROM communications c WHERE c.tsv @@ to_tsquery('english', ?1) AND c.reference IS NOT NULL%s "
			       "ORDER BY %s LIMIT %d OFFSET %d",
			 where.data, req->order == SEARCH_NEWEST ? "c.date DESC, c.id DESC" : "7, c.date DESC",
			 req->limit > 0 ? req->limit : 20, req->offset > 0 ? req->offset : 0);
	}
	int rc = -1;
	struct db_stmt *st = db_prepare(db, sql.data, err);
	if (!st)
		goto done;
	db_bind_text(st, 1, match);
	sql_params_bind(&params, st);
	size_t cap = 0;
	int step;
	while ((step = db_step(st, err)) == 1) {
		ALLOC_GROW(out->hits, out->count + 1, cap);
		struct search_hit *h = &out->hits[out->count++];
		h->id = db_int(st, 0);
		h->reference = dup_or_null(db_text(st, 1));
		h->date = dup_or_null(db_text(st, 2));
		h->country = dup_or_null(db_text(st, 3));
		h->type = dup_or_null(db_text(st, 4));
		h->snippet = dup_or_null(db_text(st, 5));
		h->score = -db_double(st, 6);
	}
	db_finalize(st);
	if (step < 0) {
		/* FTS5 reports syntax problems as errors; we quote every word, so
		 * this is the database failing, not the user's query */
		search_result_release(out);
		goto done;
	}
	out->total = (long long)out->count + (req->offset > 0 ? req->offset : 0);
	if (req->count_total) {
		buf_reset(&sql);
		if (db->backend == DB_SQLITE)
			buf_addf(&sql, "SELECT count(*) FROM communications_fts JOIN communications c ON c.id = communications_fts.rowid "
				       "WHERE communications_fts MATCH ?1 AND c.reference IS NOT NULL%s", where.data);
		else
			buf_addf(&sql, "SELECT count(*) FROM communications c WHERE c.tsv @@ to_tsquery('english', ?1) "
				       "AND c.reference IS NOT NULL%s", where.data);
		st = db_prepare(db, sql.data, err);
		if (!st) {
			search_result_release(out);
			goto done;
		}
		db_bind_text(st, 1, match);
		sql_params_bind(&params, st);
		if (db_step(st, err) == 1)
			out->total = db_int(st, 0);
		db_finalize(st);
	}
	rc = 0;
done:
	buf_release(&sql);
	buf_release(&where);
	free(match);
	return rc;
}
