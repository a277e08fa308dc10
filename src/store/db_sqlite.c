/*
 * db_sqlite.c - the SQLite driver: the only file that calls sqlite3_*.
 * Opens with WAL, foreign keys on, synchronous=NORMAL (durable at each
 * checkpoint, never corrupt), and a busy timeout so that concurrent
 * writers wait their turn.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../util/die.h"
#include "db.h"

struct db_stmt {
	struct db *db; /* first, as db.c expects */
	sqlite3_stmt *stmt;
};

static int sqlite_error(struct db *db, struct error *err, const char *what)
{
	sqlite3 *h = db->handle;
	return error_set(err, "%s: %s: %s", db->target, what, h ? sqlite3_errmsg(h) : "cannot open");
}

static int sq_open(struct db *db, const char *target, struct error *err)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(target, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
						    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		error_set(err, "%s: cannot open the database: %s", target,
			  h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return -1;
	}
	db->handle = h;
	sqlite3_busy_timeout(h, 10000);
	sqlite3_extended_result_codes(h, 1);
	char *msg = NULL;
	rc = sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			     "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY",
			  NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		error_set(err, "%s: not a usable SQLite database: %s", target, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite3_close(h);
		db->handle = NULL;
		return -1;
	}
	return 0;
}

static void sq_close(struct db *db)
{
	sqlite3_close(db->handle);
	db->handle = NULL;
}

static int sq_exec(struct db *db, const char *sql, struct error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db->handle, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error_set(err, "%s: %s", db->target, msg ? msg : sqlite3_errmsg(db->handle));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static struct db_stmt *sq_prepare(struct db *db, const char *sql, struct error *err)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL) != SQLITE_OK) {
		sqlite_error(db, err, "cannot prepare a query");
		return NULL;
	}
	struct db_stmt *st = xmalloc(sizeof(*st));
	st->db = db;
	st->stmt = stmt;
	return st;
}

static void sq_bind_text(struct db_stmt *st, int i, const char *s, size_t len)
{
	sqlite3_bind_text(st->stmt, i, s, (int)len, SQLITE_TRANSIENT);
}

static void sq_bind_int(struct db_stmt *st, int i, long long v)
{
	sqlite3_bind_int64(st->stmt, i, v);
}

static void sq_bind_double(struct db_stmt *st, int i, double v)
{
	sqlite3_bind_double(st->stmt, i, v);
}

static void sq_bind_null(struct db_stmt *st, int i)
{
	sqlite3_bind_null(st->stmt, i);
}

static int sq_step(struct db_stmt *st, struct error *err)
{
	int rc = sqlite3_step(st->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	sqlite_error(st->db, err, "query failed");
	return -1;
}

static int sq_column_count(struct db_stmt *st)
{
	return sqlite3_column_count(st->stmt);
}

static const char *sq_column_name(struct db_stmt *st, int col)
{
	return sqlite3_column_name(st->stmt, col);
}

static const char *sq_column_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->stmt, col);
}

static long long sq_column_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->stmt, col);
}

static double sq_column_double(struct db_stmt *st, int col)
{
	return sqlite3_column_double(st->stmt, col);
}

static bool sq_column_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->stmt, col) == SQLITE_NULL;
}

static void sq_reset(struct db_stmt *st)
{
	sqlite3_reset(st->stmt);
	sqlite3_clear_bindings(st->stmt);
}

static void sq_finalize(struct db_stmt *st)
{
	sqlite3_finalize(st->stmt);
	free(st);
}

static long long sq_changes(struct db *db)
{
	return sqlite3_changes64(db->handle);
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.bind_double = sq_bind_double,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.column_count = sq_column_count,
	.column_name = sq_column_name,
	.column_text = sq_column_text,
	.column_int = sq_column_int,
	.column_double = sq_column_double,
	.column_null = sq_column_null,
	.reset = sq_reset,
	.finalize = sq_finalize,
	.changes = sq_changes,
};

/* Until the PostgreSQL driver lands, there is none. */
__attribute__((weak)) const struct db_driver *db_postgres_driver_get(void)
{
	return NULL;
}
