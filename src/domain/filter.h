/*
 * filter.h - which communications a list, search or export asks for, and
 * the SQL WHERE clause that selects them (with bound parameters only).
 * One filter for the CLI, the web and the API, so they agree.
 */
#ifndef RAPPORTEUR_FILTER_H
#define RAPPORTEUR_FILTER_H

#include <stdbool.h>

#include "../store/db.h"
#include "../util/buf.h"

#define FILTER_MAX_PARAMS 32

struct comm_filter {
	const char *country;  /* ISO alpha-3 */
	const char *mandate;  /* slug: communications any of whose mandates is it */
	const char *type;     /* AL, UA, OL, ... */
	int year;	      /* 0: any */
	const char *from, *to; /* YYYY-MM-DD, inclusive */
};

/* Parameters collected while building SQL, bound in order from ?first. */
struct sql_params {
	const char *values[FILTER_MAX_PARAMS];
	int count;
	int first; /* the placeholder number of values[0] */
	char numbers[8][24]; /* text of integer parameters */
	int number_count;
};

/* Appends " AND ..." conditions on the table alias c to sql. */
void filter_where(const struct comm_filter *f, struct buf *sql, struct sql_params *params);
void sql_params_bind(const struct sql_params *params, struct db_stmt *st);
/* Adds a parameter and appends its placeholder "?N" to sql. */
void sql_param(struct buf *sql, struct sql_params *params, const char *value);
/* An integer parameter: appends "CAST(?N AS INTEGER)". */
void sql_param_int(struct buf *sql, struct sql_params *params, long long value);
/* Validates the filter's values; -1 with err naming the bad one. */
int filter_check(const struct comm_filter *f, struct error *err);

#endif
