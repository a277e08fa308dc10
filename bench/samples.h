/*
 * samples.h - timed runs and their percentiles, for bench/search_bench.c
 * (Rapporteur's search) and bench/search_floor.c (the libraries alone),
 * so that both summarise their runs the same way. Static functions for
 * programs of one file each; not part of Rapporteur.
 */
#ifndef BENCH_SAMPLES_H
#define BENCH_SAMPLES_H

#include <math.h>
#include <stdlib.h>

/* One timed run of one query (its index in queries.tsv). */
struct sample {
	double ms;
	int query;
};

static int by_ms(const void *a, const void *b)
{
	double x = ((const struct sample *)a)->ms, y = ((const struct sample *)b)->ms;
	return (x > y) - (x < y);
}

/* Sorts the runs and gives their nearest-rank p50 and p99 and their maximum
 * (0 for none). */
static void samples_summary(struct sample *s, size_t n, double *p50, double *p99, double *max)
{
	qsort(s, n, sizeof(*s), by_ms);
	double p[2] = {0.50, 0.99}, *out[2] = {p50, p99};
	for (int i = 0; i < 2; i++) {
		size_t rank = (size_t)ceil(p[i] * (double)n);
		*out[i] = n ? s[rank ? rank - 1 : 0].ms : 0;
	}
	*max = n ? s[n - 1].ms : 0;
}

#endif
