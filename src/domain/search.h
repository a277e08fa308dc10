/*
 * search.h - full-text search over communications, ranked by relevance or
 * newest first, with the same filters as list. The backend-specific SQL
 * (FTS5 MATCH, tsvector @@) is chosen here and nowhere else.
 */
#ifndef RAPPORTEUR_SEARCH_H
#define RAPPORTEUR_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/db.h"
#include "filter.h"

enum search_order { SEARCH_RELEVANCE, SEARCH_NEWEST };

/* Marks around matched words in snippets: the faces turn them into
 * <mark> or [brackets] after escaping the text between. */
#define SEARCH_MARK_OPEN '\x02'
#define SEARCH_MARK_CLOSE '\x03'

struct search_hit {
	long long id;
	char *reference;
	char *date;
	char *country;
	char *type;
	char *snippet; /* owned, with SEARCH_MARK_* around matches */
	double score; /* relevance (bm25, higher is better); 0 when newest first */
};

struct search_result {
	struct search_hit *hits;
	size_t count;
	long long total; /* all matches, for pagination */
};

struct search_request {
	const char *query;
	struct comm_filter filter;
	enum search_order order;
	int limit, offset;
	bool count_total;
};

int search_run(struct db *db, const struct search_request *req, struct search_result *out,
	       struct error *err);

/* PostgreSQL's side of full-text search, shared with the public search.
 * The query as a tsquery of the index's terms, NULL when it can match
 * nothing; caller frees. */
struct query;
char *search_tsquery(const struct query *q);
/* The snippets of the rows with these search keys for an FTS5 match
 * expression (query_to_fts5()), as the SQLite store makes them: out[i]
 * for keys[i], NULL when none; caller frees each. */
int search_snippets_copied(struct db *db, const char *fts5_match, const long long *keys, size_t n,
			   char **out, struct error *err);
void search_result_release(struct search_result *r);

#endif
