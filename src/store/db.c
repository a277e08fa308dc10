/*
 * db.c - dispatch to the driver a target names, and the helpers every
 * driver shares (transactions as savepoints, one-row queries).
 */
#include "db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/text.h"

/* The lock every PostgreSQL writer takes first, held to its transaction's
 * end: writers run one at a time, as on SQLite, so a read-then-write
 * (the next reference number) is never raced. Readers never wait. The
 * number is "rapp" in ASCII, ours among the database's advisory locks. */
#define DB_POSTGRES_WRITE_LOCK "SELECT pg_advisory_xact_lock(1918988400)"

/* A statement's first member is always its db, whatever the driver. */
struct db_stmt {
	struct db *db;
};

const char *db_target(const char *option)
{
	if (option && *option)
		return option;
	const char *env = getenv("RAPPORTEUR_DB");
	if (env && *env)
		return env;
	return DB_DEFAULT_PATH;
}

/* The target as messages show it: a URL's password (user:PASSWORD@ or
 * password=PASSWORD) replaced by ***, so that no message or log holds it. */
static char *target_for_messages(const char *target)
{
	struct buf b = BUF_INIT;
	const char *scheme = strstr(target, "://");
	const char *p = target;
	if (scheme) {
		const char *auth = scheme + 3;
		const char *at = strchr(auth, '@'), *slash = strchr(auth, '/');
		const char *colon = strchr(auth, ':');
		if (at && (!slash || at < slash) && colon && colon < at) {
			buf_add(&b, target, (size_t)(colon + 1 - target));
			buf_adds(&b, "***");
			p = at;
		}
	}
	for (;;) {
		const char *pw = strstr(p, "password=");
		if (!pw)
			break;
		pw += strlen("password=");
		buf_add(&b, p, (size_t)(pw - p));
		buf_adds(&b, "***");
		p = pw + strcspn(pw, "& ");
	}
	buf_adds(&b, p);
	return buf_detach(&b);
}

struct db *db_open(const char *target, struct error *err)
{
	struct db *db = xcalloc(1, sizeof(*db));
	db->target = target_for_messages(target);
	if (text_prefix_ci(target, "postgresql://") || text_prefix_ci(target, "postgres://")) {
		db->driver = db_postgres_driver_get();
		db->backend = DB_POSTGRES;
		if (!db->driver) {
			error_set(err, "%s: this build has no PostgreSQL driver", target);
			free(db->target);
			free(db);
			return NULL;
		}
	} else {
		db->driver = &db_sqlite_driver;
		db->backend = DB_SQLITE;
	}
	if (db->driver->open(db, target, err) < 0) {
		free(db->target);
		free(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db->driver->close(db);
	free(db->target);
	free(db);
}

int db_exec(struct db *db, const char *sql, struct error *err)
{
	return db->driver->exec(db, sql, err);
}

struct db_stmt *db_prepare(struct db *db, const char *sql, struct error *err)
{
	return db->driver->prepare(db, sql, err);
}

void db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (!s)
		st->db->driver->bind_null(st, i);
	else
		st->db->driver->bind_text(st, i, s, strlen(s));
}

void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t len)
{
	st->db->driver->bind_text(st, i, s, len);
}

void db_bind_int(struct db_stmt *st, int i, long long v)
{
	st->db->driver->bind_int(st, i, v);
}

void db_bind_double(struct db_stmt *st, int i, double v)
{
	st->db->driver->bind_double(st, i, v);
}

void db_bind_null(struct db_stmt *st, int i)
{
	st->db->driver->bind_null(st, i);
}

int db_step(struct db_stmt *st, struct error *err)
{
	return st->db->driver->step(st, err);
}

int db_column_count(struct db_stmt *st)
{
	return st->db->driver->column_count(st);
}

const char *db_column_name(struct db_stmt *st, int col)
{
	return st->db->driver->column_name(st, col);
}

const char *db_text(struct db_stmt *st, int col)
{
	return st->db->driver->column_text(st, col);
}

long long db_int(struct db_stmt *st, int col)
{
	return st->db->driver->column_int(st, col);
}

double db_double(struct db_stmt *st, int col)
{
	return st->db->driver->column_double(st, col);
}

bool db_is_null(struct db_stmt *st, int col)
{
	return st->db->driver->column_null(st, col);
}

enum db_type db_column_type(struct db_stmt *st, int col)
{
	return st->db->driver->column_type(st, col);
}

void db_reset(struct db_stmt *st)
{
	st->db->driver->reset(st);
}

void db_finalize(struct db_stmt *st)
{
	if (st)
		st->db->driver->finalize(st);
}

long long db_changes(struct db *db)
{
	return db->driver->changes(db);
}

int db_read_only(struct db *db, struct error *err)
{
	return db_exec(db, db->backend == DB_SQLITE ? "PRAGMA query_only = ON"
						    : "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
		       err);
}

bool db_connected(struct db *db)
{
	return !db->driver->connected || db->driver->connected(db);
}

int db_reconnect(struct db *db, struct error *err)
{
	db->tx_depth = 0; /* whatever was open went with the connection */
	return db->driver->reconnect ? db->driver->reconnect(db, err) : 0;
}

int db_copy(struct db *from, struct db *to, struct error *err)
{
	if (!from->driver->copy)
		return error_set(err, "%s: the %s store is backed up and restored with its own tools (pg_dump, pg_restore)",
				 from->target, from->driver->name);
	if (from->driver != to->driver)
		return error_set(err, "%s: cannot copy into %s: not the same kind of database", from->target, to->target);
	return from->driver->copy(from, to, err);
}

int db_check(struct db *db, struct error *err)
{
	return db->driver->check ? db->driver->check(db, err) : 0;
}

void db_set_actor(struct db *db, const char *actor)
{
	if (db->driver->set_actor)
		db->driver->set_actor(db, actor);
}

void db_flat(struct db *db)
{
	if (db->tx_depth != 1)
		BUG("db_flat outside a transaction of its own");
	db->flat = true;
	db->flat_failed = false;
}

int db_begin(struct db *db, struct error *err)
{
	int rc;
	if (db->tx_depth > 0 && db->flat) {
		db->tx_depth++;
		return 0;
	}
	if (db->tx_depth == 0)
		rc = db_exec(db, db->backend == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN; " DB_POSTGRES_WRITE_LOCK, err);
	else {
		char sql[64];
		snprintf(sql, sizeof(sql), "SAVEPOINT sp%d", db->tx_depth);
		rc = db_exec(db, sql, err);
	}
	if (rc == 0)
		db->tx_depth++;
	return rc;
}

int db_commit(struct db *db, struct error *err)
{
	if (db->tx_depth <= 0)
		BUG("db_commit outside a transaction");
	int rc;
	if (db->tx_depth > 1 && db->flat) {
		db->tx_depth--;
		return 0;
	}
	if (db->tx_depth == 1 && db->flat && db->flat_failed)
		return error_set(err, "a part of this transaction failed: roll it back");
	if (db->tx_depth == 1)
		rc = db_exec(db, "COMMIT", err);
	else {
		char sql[64];
		snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT sp%d", db->tx_depth - 1);
		rc = db_exec(db, sql, err);
	}
	if (rc == 0)
		db->tx_depth--;
	if (rc == 0 && db->tx_depth == 0)
		db->flat = false;
	return rc;
}

void db_rollback(struct db *db)
{
	if (db->tx_depth <= 0)
		return;
	if (db->tx_depth > 1 && db->flat) {
		db->tx_depth--;
		db->flat_failed = true;
		return;
	}
	if (db->tx_depth == 1)
		db->flat = db->flat_failed = false;
	if (db->tx_depth == 1) {
		db_exec(db, "ROLLBACK", NULL);
	} else {
		char sql[96];
		snprintf(sql, sizeof(sql), "ROLLBACK TO SAVEPOINT sp%d; RELEASE SAVEPOINT sp%d",
			 db->tx_depth - 1, db->tx_depth - 1);
		db_exec(db, sql, NULL);
	}
	db->tx_depth--;
}

long long db_query_int(struct db *db, long long dflt, const char *sql, ...)
{
	struct db_stmt *st = db_prepare(db, sql, NULL);
	if (!st)
		return dflt;
	va_list ap;
	va_start(ap, sql);
	const char *arg;
	int i = 1;
	while ((arg = va_arg(ap, const char *)))
		db_bind_text(st, i++, arg);
	va_end(ap);
	long long v = dflt;
	if (db_step(st, NULL) == 1 && !db_is_null(st, 0))
		v = db_int(st, 0);
	db_finalize(st);
	return v;
}
