/*
 * floor.c - the floor `make bench` compares ingest against: what the two
 * libraries alone cost for the same letters, with none of Rapporteur's own
 * work. (a) reading each file and cmark_parse_document on it; (b) putting
 * each letter's plain text into a fresh FTS5 table, in a file database with
 * WAL and synchronous=NORMAL, in transactions of BATCH letters as ingest
 * stores them (src/domain/ingest.c).
 *
 * A benchmark tool, not part of Rapporteur: it calls cmark and SQLite
 * directly because measuring them bare is its whole job.
 *
 * usage: floor DB PATH...   (folders are read for .md, .markdown and .txt)
 * Prints key=value lines: files, bytes, parse_s, fts_s, total_s.
 */
#include <sqlite3.h>
#include <unistd.h>

#include "floor_files.h"

static void exec_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("%s: %s", sql, sqlite3_errmsg(db));
	return st;
}

static void step_done(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("%s: %s", sqlite3_sql(st), sqlite3_errmsg(db));
	sqlite3_reset(st);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: floor DB PATH...\n");
		return 2;
	}
	const char *db_path = argv[1];
	struct paths ps = {0};
	for (int i = 2; i < argc; i++)
		collect(&ps, argv[i]);

	/* (a) cmark alone: read, parse, free */
	size_t bytes;
	double parse_s = parse_files(&ps, &bytes);

	/* (b) FTS5 alone: plain text made outside the clock, then the letters
	 * in transactions of BATCH, as ingest stores them */
	char side[4096];
	const char *sides[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(side, sizeof(side), "%s%s", db_path, sides[i]);
		unlink(side);
	}
	sqlite3 *db;
	if (sqlite3_open(db_path, &db) != SQLITE_OK)
		die("%s: %s", db_path, sqlite3_errmsg(db));
	exec_sql(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
		     "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')");
	sqlite3_stmt *begin = prepare(db, "BEGIN IMMEDIATE");
	sqlite3_stmt *insert = prepare(db, "INSERT INTO t(body) VALUES (?1)");
	sqlite3_stmt *commit = prepare(db, "COMMIT");
	double fts_s = 0;
	for (size_t i = 0; i < ps.count; i++) {
		char *plain = letter_plain(ps.items[i]);

		double t0 = now();
		if (i % BATCH == 0)
			step_done(db, begin);
		sqlite3_bind_text(insert, 1, plain, -1, SQLITE_STATIC);
		step_done(db, insert);
		sqlite3_clear_bindings(insert);
		if (i % BATCH == BATCH - 1 || i + 1 == ps.count)
			step_done(db, commit);
		fts_s += now() - t0;
		free(plain);
		free(ps.items[i]);
	}
	sqlite3_finalize(begin);
	sqlite3_finalize(insert);
	sqlite3_finalize(commit);
	double t0 = now();
	sqlite3_close(db); /* the last checkpoint is part of the cost, as for ingest */
	fts_s += now() - t0;
	free(ps.items);

	printf("files=%zu\nbytes=%zu\nparse_s=%.4f\nfts_s=%.4f\ntotal_s=%.4f\n", ps.count, bytes, parse_s,
	       fts_s, parse_s + fts_s);
	return 0;
}
