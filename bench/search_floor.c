/*
 * search_floor.c - the search floor of `make bench`: the 100 queries of
 * queries.tsv (gen_letters.py) run raw against the floor's own table, the
 * way search_bench runs them through Rapporteur (newest first and by
 * relevance, limit 20 plus the total count, one warm-up round, then
 * ROUNDS timed rounds), with p50/p99/max in ms.
 *
 *   SQLite (a file): floor.db's FTS5 table t (bench/floor.c):
 *     SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT 20
 *     SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid DESC LIMIT 20
 *     SELECT count(*) FROM t WHERE t MATCH ?1
 *   PostgreSQL (a postgresql:// URL): the table floor of bench/floor_pg.c,
 *     q = to_tsquery('english', $1), each statement planned with its value:
 *     ... WHERE tsv @@ q ORDER BY tsv <=> q LIMIT 20 (RUM) or
 *     ORDER BY ts_rank(tsv, q) DESC LIMIT 20 (GIN), ... ORDER BY id DESC
 *     LIMIT 20, and count(*); with enable_seqscan off, as the store's
 *     rapporteur_matches() (migrations/postgres/003_search.sql) has it,
 *     else the planner reads every row's tsv for a rare word too.
 *
 * The query text is our own search syntax (words, "phrases", word*, OR,
 * NOT, -word), converted simply: for FTS5 each bare word quoted, phrases
 * kept, word* as "word"*, -x as NOT x, AND between terms; for PostgreSQL a
 * to_tsquery string: words as they are, a phrase's words joined by <->,
 * word* as word:*, OR as |, NOT and -x as & !x, & between terms (what
 * websearch_to_tsquery would make, with prefixes too). The filters of the
 * "filtered" queries (country, year, ...) are not applied: the floor's
 * table holds the text alone, so it searches all the letters for those 15.
 *
 * A benchmark tool, not part of Rapporteur: it calls SQLite and libpq
 * directly because measuring them bare is its whole job.
 *
 * usage: search_floor DB|URL QUERIES.tsv [ROUNDS]
 * Prints floor_search_* key=value lines for bench/report.py, and "# " lines
 * for people: every query as converted, its median times and match count.
 */
#include <libpq-fe.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "queries_file.h"
#include "samples.h"

#define MAX_QUERIES 256
#define MAX_TERMS 64

struct floor_query {
	char kind[32];
	char filter[128];
	char text[512];
	char converted[1024];
	long long total;
	double median_ms[2];
};

enum order { NEWEST, RELEVANCE };
static const char *const order_names[2] = {"newest", "relevance"};

/* --- our query syntax ---------------------------------------------------------------- */

enum term_kind { T_WORD, T_PREFIX, T_PHRASE, T_OR, T_NOT };

struct term {
	enum term_kind kind;
	char text[256];
};

/* The query's terms: "phrases", OR, NOT, -x (a NOT before x), word*, words. */
static size_t split_terms(const char *q, struct term *terms)
{
	size_t n = 0;
	const char *p = q;
	while (*p && n + 2 < MAX_TERMS) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (*p == '-' && p[1] && p[1] != ' ') {
			terms[n++].kind = T_NOT;
			p++;
		}
		struct term *t = &terms[n];
		size_t len = 0;
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			len = end ? (size_t)(end - p - 1) : strlen(p + 1);
			t->kind = T_PHRASE;
			snprintf(t->text, sizeof(t->text), "%.*s", (int)len, p + 1);
			p += len + 1 + (end ? 1 : 0);
		} else {
			len = strcspn(p, " \t\"");
			snprintf(t->text, sizeof(t->text), "%.*s", (int)len, p);
			p += len;
			if (!strcmp(t->text, "OR"))
				t->kind = T_OR;
			else if (!strcmp(t->text, "NOT"))
				t->kind = T_NOT;
			else if (len > 1 && t->text[len - 1] == '*') {
				t->kind = T_PREFIX;
				t->text[len - 1] = '\0';
			} else
				t->kind = T_WORD;
		}
		n++;
	}
	return n;
}

static void add(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);
	snprintf(out + n, cap - n, "%s", s);
}

/* s as an FTS5 string: in double quotes, any double quote doubled. */
static void add_fts_string(char *out, size_t cap, const char *s)
{
	add(out, cap, "\"");
	for (; *s; s++)
		add(out, cap, *s == '"' ? "\"\"" : (char[2]){*s, 0});
	add(out, cap, "\"");
}

static void to_fts5(const char *q, char *out, size_t cap)
{
	struct term terms[MAX_TERMS];
	size_t n = split_terms(q, terms);
	out[0] = '\0';
	int need_op = 0; /* a term before: the next needs an operator */
	for (size_t i = 0; i < n; i++) {
		switch (terms[i].kind) {
		case T_OR:
			add(out, cap, " OR ");
			need_op = 0;
			break;
		case T_NOT:
			add(out, cap, " NOT ");
			need_op = 0;
			break;
		default:
			if (need_op)
				add(out, cap, " AND ");
			add_fts_string(out, cap, terms[i].text);
			if (terms[i].kind == T_PREFIX)
				add(out, cap, "*");
			need_op = 1;
		}
	}
}

/* The words of s for to_tsquery: the characters of its syntax (& | ! ( ) :
 * * < > ' \) and punctuation become spaces; the words are joined by sep. */
static void add_tsquery_words(char *out, size_t cap, const char *s, const char *sep)
{
	char word[256];
	int first = 1;
	while (*s) {
		size_t len = 0;
		while (*s && (strchr(" \t,;.&|!():*<>'\\\"", *s)))
			s++;
		while (*s && !strchr(" \t,;.&|!():*<>'\\\"", *s) && len + 1 < sizeof(word))
			word[len++] = *s++;
		word[len] = '\0';
		if (!len)
			continue;
		if (!first)
			add(out, cap, sep);
		add(out, cap, word);
		first = 0;
	}
}

static void to_tsquery_text(const char *q, char *out, size_t cap)
{
	struct term terms[MAX_TERMS];
	size_t n = split_terms(q, terms);
	out[0] = '\0';
	int need_op = 0;
	for (size_t i = 0; i < n; i++) {
		switch (terms[i].kind) {
		case T_OR:
			add(out, cap, " | ");
			need_op = 0;
			break;
		case T_NOT:
			add(out, cap, need_op ? " & !" : "!");
			need_op = 0;
			break;
		default:
			if (need_op)
				add(out, cap, " & ");
			add(out, cap, "(");
			add_tsquery_words(out, cap, terms[i].text, " <-> ");
			add(out, cap, terms[i].kind == T_PREFIX ? ":*)" : ")");
			need_op = 1;
		}
	}
}

/* --- the queries file ---------------------------------------------------------------- */

static void take_query(void *ctx, size_t i, char *kind, char *filter, char *text)
{
	struct floor_query *q = &((struct floor_query *)ctx)[i];
	snprintf(q->kind, sizeof(q->kind), "%.31s", kind);
	snprintf(q->filter, sizeof(q->filter), "%.127s", filter);
	snprintf(q->text, sizeof(q->text), "%.511s", text);
}

/* --- the two libraries --------------------------------------------------------------- */

struct floor_db {
	sqlite3 *lite;
	sqlite3_stmt *page[2], *count;
	PGconn *pg;
	const char *page_sql[2], *count_sql;
	const char *index; /* fts5, rum or gin */
};

static int lite_rows(sqlite3 *db, sqlite3_stmt *st, const char *q, long long *first)
{
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (first)
			*first = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "search_floor: %s: %s\n", q, sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

static int pg_rows(PGconn *pg, const char *sql, const char *q, long long *first)
{
	const char *values[1] = {q};
	PGresult *r = PQexecParams(pg, sql, 1, NULL, values, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "search_floor: %s: %s", q, PQerrorMessage(pg));
		PQclear(r);
		return -1;
	}
	if (first && PQntuples(r) > 0)
		*first = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One search (the page of 20 in that order, then the count), timed; -1
 * when either statement fails. */
static double run_one(struct floor_db *f, struct floor_query *q, enum order o, long long *total)
{
	double t0 = now_ms();
	long long count = 0;
	int rc;
	if (f->lite)
		rc = lite_rows(f->lite, f->page[o], q->converted, NULL) < 0 ||
		     lite_rows(f->lite, f->count, q->converted, &count) < 0;
	else
		rc = pg_rows(f->pg, f->page_sql[o], q->converted, NULL) < 0 ||
		     pg_rows(f->pg, f->count_sql, q->converted, &count) < 0;
	double ms = now_ms() - t0;
	if (rc)
		return -1;
	if (total)
		*total = count;
	return ms;
}

static void floor_open(struct floor_db *f, const char *target)
{
	memset(f, 0, sizeof(*f));
	if (!strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11)) {
		f->pg = PQconnectdb(target);
		if (PQstatus(f->pg) != CONNECTION_OK) {
			fprintf(stderr, "search_floor: %s: %s", target, PQerrorMessage(f->pg));
			exit(1);
		}
		PGresult *r = PQexec(f->pg, "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
					    "WHERE c.relname = 'floor_tsv'");
		if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
			fprintf(stderr, "search_floor: no index floor_tsv (bench/floor_pg first): %s",
				PQerrorMessage(f->pg));
			exit(1);
		}
		f->index = !strcmp(PQgetvalue(r, 0, 0), "rum") ? "rum" : "gin";
		PQclear(r);
		f->page_sql[NEWEST] = "SELECT id FROM floor WHERE tsv @@ to_tsquery('english', $1) "
				      "ORDER BY id DESC LIMIT 20";
		f->page_sql[RELEVANCE] = !strcmp(f->index, "rum")
					     ? "SELECT id FROM floor WHERE tsv @@ to_tsquery('english', $1) "
					       "ORDER BY tsv <=> to_tsquery('english', $1) LIMIT 20"
					     : "SELECT id FROM floor WHERE tsv @@ to_tsquery('english', $1) "
					       "ORDER BY ts_rank(tsv, to_tsquery('english', $1)) DESC LIMIT 20";
		f->count_sql = "SELECT count(*) FROM floor WHERE tsv @@ to_tsquery('english', $1)";
		PQclear(PQexec(f->pg, "SET client_min_messages = warning")); /* stop words alone */
		/* the matches through the index, as the store's rapporteur_matches()
		 * takes them: the planner does not count unpacking every row's tsv
		 * (kept out of line) and would read the whole table */
		PQclear(PQexec(f->pg, "SET enable_seqscan = off"));
		return;
	}
	if (sqlite3_open_v2(target, &f->lite, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "search_floor: %s: %s\n", target, sqlite3_errmsg(f->lite));
		exit(1);
	}
	f->index = "fts5";
	const char *sql[3] = {"SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid DESC LIMIT 20",
			      "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT 20",
			      "SELECT count(*) FROM t WHERE t MATCH ?1"};
	sqlite3_stmt **st[3] = {&f->page[NEWEST], &f->page[RELEVANCE], &f->count};
	for (int i = 0; i < 3; i++)
		if (sqlite3_prepare_v2(f->lite, sql[i], -1, st[i], NULL) != SQLITE_OK) {
			fprintf(stderr, "search_floor: %s: %s\n", sql[i], sqlite3_errmsg(f->lite));
			exit(1);
		}
}

static void floor_close(struct floor_db *f)
{
	if (f->lite) {
		for (int i = 0; i < 2; i++)
			sqlite3_finalize(f->page[i]);
		sqlite3_finalize(f->count);
		sqlite3_close(f->lite);
	}
	if (f->pg)
		PQfinish(f->pg);
}

/* --- timing ---------------------------------------------------------------------------- */

static void report(const char *label, const char *key, struct sample *s, size_t n)
{
	double p50, p99, max;
	samples_summary(s, n, &p50, &p99, &max);
	printf("# floor %-22s %6zu runs  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms\n", label, n, p50, p99, max);
	printf("floor_search_%s_p50_ms=%.4f\nfloor_search_%s_p99_ms=%.4f\nfloor_search_%s_max_ms=%.4f\n", key, p50, key,
	       p99, key, max);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: search_floor DB|URL QUERIES.tsv [ROUNDS]\n");
		return 2;
	}
	int rounds = argc > 3 ? atoi(argv[3]) : 5;
	if (rounds < 1)
		rounds = 1;
	static struct floor_query qs[MAX_QUERIES];
	size_t nq = queries_read(argv[2], MAX_QUERIES, take_query, qs);
	struct floor_db f;
	floor_open(&f, argv[1]);
	for (size_t i = 0; i < nq; i++) {
		if (f.lite)
			to_fts5(qs[i].text, qs[i].converted, sizeof(qs[i].converted));
		else
			to_tsquery_text(qs[i].text, qs[i].converted, sizeof(qs[i].converted));
	}
	int failures = 0;
	size_t cap = nq * (size_t)rounds;
	struct sample *all = calloc(cap, sizeof(*all)), *broad = calloc(cap, sizeof(*broad)),
		      *mine = calloc((size_t)rounds, sizeof(*mine));
	printf("# floor (%s): %zu queries, %d timed rounds after one warm-up round, limit 20, total counted\n", f.index,
	       nq, rounds);
	for (int o = 0; o < 2; o++) {
		for (size_t i = 0; i < nq; i++)
			if (run_one(&f, &qs[i], (enum order)o, &qs[i].total) < 0)
				failures++;
		size_t na = 0, nb = 0;
		for (int r = 0; r < rounds; r++)
			for (size_t i = 0; i < nq; i++) {
				double ms = run_one(&f, &qs[i], (enum order)o, NULL);
				if (ms < 0) {
					failures++;
					continue;
				}
				all[na++] = (struct sample){ms, (int)i};
				if (!strcmp(qs[i].kind, "broad"))
					broad[nb++] = (struct sample){ms, (int)i};
			}
		for (size_t i = 0; i < nq; i++) {
			size_t k = 0;
			for (size_t j = 0; j < na; j++)
				if (all[j].query == (int)i)
					mine[k++] = all[j];
			qsort(mine, k, sizeof(*mine), by_ms);
			qs[i].median_ms[o] = k ? mine[k / 2].ms : 0;
		}
		char label[64], key[64];
		snprintf(label, sizeof(label), "%s, all queries", order_names[o]);
		report(label, order_names[o], all, na);
		snprintf(label, sizeof(label), "%s, broad queries", order_names[o]);
		snprintf(key, sizeof(key), "%s_broad", order_names[o]);
		report(label, key, broad, nb);
	}
	printf("# per query: median ms newest / relevance, matches, kind, filter (not applied), query as run\n");
	for (size_t i = 0; i < nq; i++)
		printf("# %9.3f %9.3f %7lld  %-8s %-34s %s\n", qs[i].median_ms[0], qs[i].median_ms[1], qs[i].total,
		       qs[i].kind, qs[i].filter, qs[i].converted);
	size_t filtered = 0;
	for (size_t i = 0; i < nq; i++)
		filtered += strcmp(qs[i].filter, "-") != 0;
	printf("floor_search_index=%s\nfloor_search_queries=%zu\nfloor_search_filters_not_applied=%zu\n"
	       "floor_search_rounds=%d\nfloor_search_failures=%d\n",
	       f.index, nq, filtered, rounds, failures);
	free(all);
	free(broad);
	free(mine);
	floor_close(&f);
	return failures ? 1 : 0;
}
