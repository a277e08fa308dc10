/*
 * search_bench.c - search latency for `make bench`: runs the queries of a
 * queries.tsv (written by gen_letters.py: kind, filters, query) through
 * search_run(), as the CLI and the web do, newest first and by relevance,
 * limit 20 with the total counted, and reports p50/p99/max in ms.
 *
 * A benchmark tool linked with Rapporteur's library objects; it only
 * measures, and knows nothing of how search works inside.
 *
 * usage: search_bench DB QUERIES.tsv [ROUNDS]
 * Prints key=value lines for bench/report.py, and "# " lines for people:
 * every query's median time and match count, the slowest queries.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/search.h"
#include "queries_file.h"
#include "samples.h"
#include "store/db.h"

#define MAX_QUERIES 256

struct bench_query {
	char *kind, *filter_text, *text; /* owned */
	char *filter_copy;		  /* owned: filter values point into it */
	struct comm_filter filter;
	long long total;   /* matches, from the first run */
	double median_ms[2]; /* per order */
};

static const char *const order_names[2] = {"newest", "relevance"};
static const enum search_order orders[2] = {SEARCH_NEWEST, SEARCH_RELEVANCE};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* "country=KAZ,year=2020" into f; values point into copy. */
static int parse_filter(char *copy, struct comm_filter *f)
{
	memset(f, 0, sizeof(*f));
	if (!strcmp(copy, "-"))
		return 0;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		char *eq = strchr(tok, '=');
		if (!eq)
			return -1;
		*eq = '\0';
		const char *v = eq + 1;
		if (!strcmp(tok, "country"))
			f->country = v;
		else if (!strcmp(tok, "mandate"))
			f->mandate = v;
		else if (!strcmp(tok, "type"))
			f->type = v;
		else if (!strcmp(tok, "year"))
			f->year = atoi(v);
		else if (!strcmp(tok, "from"))
			f->from = v;
		else if (!strcmp(tok, "to"))
			f->to = v;
		else
			return -1;
	}
	return 0;
}

static void take_query(void *ctx, size_t i, char *kind, char *filter, char *text)
{
	struct bench_query *q = &((struct bench_query *)ctx)[i];
	q->kind = strdup(kind);
	q->filter_text = strdup(filter);
	q->text = strdup(text);
	q->filter_copy = strdup(filter);
	if (parse_filter(q->filter_copy, &q->filter) < 0) {
		fprintf(stderr, "queries: bad filter \"%s\"\n", filter);
		exit(1);
	}
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One search, timed; -1 when search_run fails. */
static double run_one(struct db *db, struct bench_query *q, enum search_order order, long long *total)
{
	struct search_request req = {.query = q->text, .filter = q->filter, .order = order, .limit = 20,
				     .count_total = true};
	struct search_result res;
	struct error err;
	double t0 = now_ms();
	int rc = search_run(db, &req, &res, &err);
	double ms = now_ms() - t0;
	if (rc < 0) {
		fprintf(stderr, "search_bench: query \"%s\": %s\n", q->text, err.message);
		return -1;
	}
	if (total)
		*total = res.total;
	search_result_release(&res);
	return ms;
}

static void report(const char *label, const char *key, struct sample *s, size_t n)
{
	double p50, p99, max;
	samples_summary(s, n, &p50, &p99, &max);
	printf("# %-28s %6zu runs  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms\n", label, n, p50, p99, max);
	printf("search_%s_p50_ms=%.4f\nsearch_%s_p99_ms=%.4f\nsearch_%s_max_ms=%.4f\nsearch_%s_runs=%zu\n", key, p50,
	       key, p99, key, max, key, n);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: search_bench DB QUERIES.tsv [ROUNDS]\n");
		return 2;
	}
	int rounds = argc > 3 ? atoi(argv[3]) : 5;
	if (rounds < 1)
		rounds = 1;
	static struct bench_query qs[MAX_QUERIES];
	size_t nq = queries_read(argv[2], MAX_QUERIES, take_query, qs);
	struct error err;
	struct db *db = db_open(argv[1], &err);
	if (!db) {
		fprintf(stderr, "search_bench: %s\n", err.message);
		return 1;
	}
	int failures = 0;
	size_t cap = nq * (size_t)rounds;
	struct sample *all = calloc(cap, sizeof(*all)), *broad = calloc(cap, sizeof(*broad));
	double *per_query = calloc((size_t)rounds, sizeof(double));
	printf("# %zu queries, %d timed rounds after one warm-up round, limit 20, total counted\n", nq, rounds);
	for (int o = 0; o < 2; o++) {
		/* warm-up: the page cache and SQLite's cache as a running server has them */
		for (size_t i = 0; i < nq; i++)
			if (run_one(db, &qs[i], orders[o], &qs[i].total) < 0)
				failures++;
		size_t na = 0, nb = 0;
		for (int r = 0; r < rounds; r++) {
			for (size_t i = 0; i < nq; i++) {
				double ms = run_one(db, &qs[i], orders[o], NULL);
				if (ms < 0) {
					failures++;
					continue;
				}
				all[na++] = (struct sample){ms, (int)i};
				if (!strcmp(qs[i].kind, "broad"))
					broad[nb++] = (struct sample){ms, (int)i};
			}
		}
		for (size_t i = 0; i < nq; i++) {
			size_t k = 0;
			for (size_t j = 0; j < na; j++)
				if (all[j].query == (int)i)
					per_query[k++] = all[j].ms;
			qsort(per_query, k, sizeof(double), by_double);
			qs[i].median_ms[o] = k ? per_query[k / 2] : 0;
		}
		char label[64], key[64];
		snprintf(label, sizeof(label), "%s, all queries", order_names[o]);
		snprintf(key, sizeof(key), "%s", order_names[o]);
		report(label, key, all, na);
		snprintf(label, sizeof(label), "%s, broad queries", order_names[o]);
		snprintf(key, sizeof(key), "%s_broad", order_names[o]);
		report(label, key, broad, nb);
	}
	printf("# per query: median ms newest / relevance, matches, kind, filter, query\n");
	for (size_t i = 0; i < nq; i++)
		printf("# %9.3f %9.3f %7lld  %-8s %-34s %s\n", qs[i].median_ms[0], qs[i].median_ms[1], qs[i].total,
		       qs[i].kind, qs[i].filter_text, qs[i].text);
	long long broad_min = -1, broad_sum = 0, broad_n = 0;
	for (size_t i = 0; i < nq; i++)
		if (!strcmp(qs[i].kind, "broad")) {
			if (broad_min < 0 || qs[i].total < broad_min)
				broad_min = qs[i].total;
			broad_sum += qs[i].total;
			broad_n++;
		}
	printf("search_queries=%zu\nsearch_rounds=%d\nsearch_failures=%d\n", nq, rounds, failures);
	printf("search_broad_min_matches=%lld\nsearch_broad_mean_matches=%lld\n", broad_min,
	       broad_n ? broad_sum / broad_n : 0);
	for (size_t i = 0; i < nq; i++) {
		free(qs[i].kind);
		free(qs[i].filter_text);
		free(qs[i].text);
		free(qs[i].filter_copy);
	}
	free(all);
	free(broad);
	free(per_query);
	db_close(db);
	return failures ? 1 : 0;
}
