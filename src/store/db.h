/*
 * db.h - the store's driver interface: open, prepare, bind, step, column,
 * transactions. Callers write SQL once, in a portable subset, with ?1 ?2
 * placeholders; each driver (db_sqlite.c, later db_postgres.c) maps it to
 * its library. Only the drivers include sqlite3.h or libpq-fe.h.
 *
 * Strings a statement returns live until the next db_step, db_reset or
 * db_finalize on that statement.
 */
#ifndef RAPPORTEUR_DB_H
#define RAPPORTEUR_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/error.h"

struct db;
struct db_stmt;

enum db_backend { DB_SQLITE, DB_POSTGRES };

struct db_driver {
	const char *name;
	int (*open)(struct db *db, const char *target, struct error *err);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, struct error *err);
	struct db_stmt *(*prepare)(struct db *db, const char *sql, struct error *err);
	void (*bind_text)(struct db_stmt *st, int i, const char *s, size_t len);
	void (*bind_int)(struct db_stmt *st, int i, long long v);
	void (*bind_double)(struct db_stmt *st, int i, double v);
	void (*bind_null)(struct db_stmt *st, int i);
	int (*step)(struct db_stmt *st, struct error *err);
	int (*column_count)(struct db_stmt *st);
	const char *(*column_name)(struct db_stmt *st, int col);
	const char *(*column_text)(struct db_stmt *st, int col);
	long long (*column_int)(struct db_stmt *st, int col);
	double (*column_double)(struct db_stmt *st, int col);
	bool (*column_null)(struct db_stmt *st, int col);
	void (*reset)(struct db_stmt *st);
	void (*finalize)(struct db_stmt *st);
	long long (*changes)(struct db *db);
};

struct db {
	const struct db_driver *driver;
	enum db_backend backend;
	char *target;  /* the path or URL opened, for messages */
	void *handle;  /* the driver's connection */
	int tx_depth;  /* nested db_begin calls become savepoints */
};

extern const struct db_driver db_sqlite_driver;
/* The PostgreSQL driver, or NULL in a build without one. */
const struct db_driver *db_postgres_driver_get(void);

/* Opens target: "postgresql://..." or "postgres://..." for PostgreSQL, any
 * other string is a SQLite file path. Returns NULL with err set. */
struct db *db_open(const char *target, struct error *err);
void db_close(struct db *db);
/* Runs one or more statements with no parameters and no result rows. */
int db_exec(struct db *db, const char *sql, struct error *err);
struct db_stmt *db_prepare(struct db *db, const char *sql, struct error *err);
void db_bind_text(struct db_stmt *st, int i, const char *s); /* NULL binds NULL */
void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t len);
void db_bind_int(struct db_stmt *st, int i, long long v);
void db_bind_double(struct db_stmt *st, int i, double v);
void db_bind_null(struct db_stmt *st, int i);
/* 1: a row is ready; 0: done; -1: error (err set). */
int db_step(struct db_stmt *st, struct error *err);
int db_column_count(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int col);
const char *db_text(struct db_stmt *st, int col); /* NULL for SQL NULL */
long long db_int(struct db_stmt *st, int col);
double db_double(struct db_stmt *st, int col);
bool db_is_null(struct db_stmt *st, int col);
void db_reset(struct db_stmt *st);
void db_finalize(struct db_stmt *st);
long long db_changes(struct db *db);

/* Transactions. db_begin takes the write lock at once (SQLite BEGIN
 * IMMEDIATE), so two writers queue instead of failing half-way. Nested
 * calls become savepoints. */
int db_begin(struct db *db, struct error *err);
int db_commit(struct db *db, struct error *err);
void db_rollback(struct db *db);

/* One-row helpers: run sql with text parameters (NULL-terminated list);
 * db_query_int returns the first column of the first row, or dflt. */
long long db_query_int(struct db *db, long long dflt, const char *sql, ...);

/* The database path or URL from --db, else $RAPPORTEUR_DB, else the default. */
#define DB_DEFAULT_PATH "rapporteur.db"
const char *db_target(const char *option);

#endif
