/*
 * floor_pg.c - the ingest floor of `make bench` on PostgreSQL
 * (BENCH_STORE=postgres): what cmark and PostgreSQL alone cost for the
 * same letters, with none of Rapporteur's own work. (a) reading each file
 * and cmark_parse_document on it, as bench/floor.c does; (b) putting each
 * letter's plain text (made outside the clock) into a fresh table with a
 * tsvector column that PostgreSQL computes (to_tsvector('english', body)),
 * under the kind of index the store makes (migrations/postgres/
 * 003_search.sql: RUM when `CREATE EXTENSION IF NOT EXISTS rum` works,
 * else GIN), one prepared INSERT per letter, in transactions of BATCH
 * letters as ingest stores them (src/domain/ingest.c).
 *
 * A benchmark tool, not part of Rapporteur: it calls cmark and libpq
 * directly because measuring them bare is its whole job. The table is
 * `floor` in the database URL names (dropped first when there);
 * bench/search_floor runs the search floor against it afterwards.
 *
 * usage: floor_pg URL PATH...   (folders are read for .md, .markdown and .txt)
 * Prints key=value lines: files, bytes, parse_s, fts_s, total_s, index
 * (rum or gin), database_bytes (pg_database_size after the load).
 */
#include <libpq-fe.h>

#include "floor_files.h"

/* A statement that returns no rows; dies on failure unless may_fail. */
static int exec_sql(PGconn *pg, const char *sql, int may_fail)
{
	PGresult *r = PQexec(pg, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok && !may_fail)
		die("%s: %s", sql, PQerrorMessage(pg));
	PQclear(r);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: floor_pg URL PATH...\n");
		return 2;
	}
	PGconn *pg = PQconnectdb(argv[1]);
	if (PQstatus(pg) != CONNECTION_OK)
		die("%s: %s", argv[1], PQerrorMessage(pg));
	struct paths ps = {0};
	for (int i = 2; i < argc; i++)
		collect(&ps, argv[i]);

	/* (a) cmark alone: read, parse, free */
	size_t bytes;
	double parse_s = parse_files(&ps, &bytes);

	/* (b) PostgreSQL alone: the table and its index as the store has them
	 * (the index there before the rows, as ingest finds it) */
	exec_sql(pg, "SET client_min_messages = warning", 0);
	exec_sql(pg, "DROP TABLE IF EXISTS floor", 0);
	exec_sql(pg, "CREATE TABLE floor (id bigserial PRIMARY KEY, body text NOT NULL, tsv tsvector NOT NULL)", 0);
	const char *index = "rum";
	if (exec_sql(pg, "CREATE EXTENSION IF NOT EXISTS rum", 1) < 0 ||
	    exec_sql(pg, "CREATE INDEX floor_tsv ON floor USING rum (tsv rum_tsvector_ops)", 1) < 0) {
		index = "gin";
		exec_sql(pg, "CREATE INDEX floor_tsv ON floor USING gin (tsv)", 0);
	}
	PGresult *r = PQprepare(pg, "insert", "INSERT INTO floor(body, tsv) VALUES ($1, to_tsvector('english', $1))",
				1, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		die("prepare: %s", PQerrorMessage(pg));
	PQclear(r);
	double fts_s = 0;
	for (size_t i = 0; i < ps.count; i++) {
		char *plain = letter_plain(ps.items[i]);

		double t0 = now();
		if (i % BATCH == 0)
			exec_sql(pg, "BEGIN", 0);
		const char *values[1] = {plain};
		r = PQexecPrepared(pg, "insert", 1, values, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			die("%s: %s", ps.items[i], PQerrorMessage(pg));
		PQclear(r);
		if (i % BATCH == BATCH - 1 || i + 1 == ps.count)
			exec_sql(pg, "COMMIT", 0);
		fts_s += now() - t0;
		free(plain);
		free(ps.items[i]);
	}
	free(ps.items);

	r = PQexec(pg, "SELECT pg_database_size(current_database())");
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		die("pg_database_size: %s", PQerrorMessage(pg));
	long long database_bytes = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(pg);

	printf("files=%zu\nbytes=%zu\nparse_s=%.4f\nfts_s=%.4f\ntotal_s=%.4f\nindex=%s\ndatabase_bytes=%lld\n", ps.count,
	       bytes, parse_s, fts_s, parse_s + fts_s, index, database_bytes);
	return 0;
}
