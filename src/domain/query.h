/*
 * query.h - the search query language, parsed once and rendered for each
 * full-text backend: words (stemmed), "exact phrases", prefix*, AND, OR,
 * NOT (or -word), parentheses; words side by side must all match.
 * Rendering quotes every word, so no user input reaches FTS5 or tsquery
 * syntax unescaped. Knows nothing of the store.
 */
#ifndef RAPPORTEUR_QUERY_H
#define RAPPORTEUR_QUERY_H

#include <stddef.h>

#include "../util/error.h"

struct query;

/* Parses text; NULL with err set (an empty query, one that only excludes). */
struct query *query_parse(const char *text, struct error *err);
void query_free(struct query *q);
/* The query as an FTS5 MATCH expression; caller frees. */
char *query_to_fts5(const struct query *q);
/* The query as a PostgreSQL tsquery (text to cast to ::tsquery) that
 * matches what query_to_fts5() matches: split gives the terms of a word
 * or phrase as the full-text index holds them (the store's tokenizer,
 * db_fts_terms()), each passed to term. NULL when the query can match
 * nothing (a word with no letters or digits that it needs); caller frees. */
typedef void query_term_fn(void *ctx, const char *term, size_t len);
typedef int query_split_fn(const char *text, size_t len, query_term_fn *term, void *ctx);
char *query_to_tsquery(const struct query *q, query_split_fn *split);
/* The plain words of the query (for highlighting), space separated; caller frees. */
char *query_words(const struct query *q);

#endif
