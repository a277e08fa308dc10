/*
 * copy.h - a whole store copied into an empty one, SQLite to PostgreSQL
 * or back (rapporteur migrate --to). Lossless: every row of every table,
 * every value as stored; the full-text index made again in the target.
 */
#ifndef RAPPORTEUR_COPY_H
#define RAPPORTEUR_COPY_H

#include "db.h"

struct store_copy_stats {
	long long tables, rows;
};

/* Copies src (at the newest schema) into dst, which must hold no
 * Rapporteur database: its schema is made first. All or nothing. */
int store_copy(struct db *src, struct db *dst, struct store_copy_stats *stats, struct error *err);

#endif
