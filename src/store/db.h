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

/* What a column of the current row holds (SQLite's storage classes; a
 * PostgreSQL boolean is an integer, numeric a real). */
enum db_type { DB_NULL, DB_INTEGER, DB_REAL, DB_TEXT };

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
	enum db_type (*column_type)(struct db_stmt *st, int col);
	void (*reset)(struct db_stmt *st);
	void (*finalize)(struct db_stmt *st);
	long long (*changes)(struct db *db);
	/* Backup and restore: a consistent copy of the whole of from (open,
	 * even while others write) replaces the whole of to, in one
	 * transaction; both opened by this driver. NULL: the backend has its
	 * own tools (PostgreSQL: pg_dump), and db_copy says so. */
	int (*copy)(struct db *from, struct db *to, struct error *err);
	/* The engine's own consistency check (SQLite: integrity_check and
	 * foreign_key_check); NULL when it has none. */
	int (*check)(struct db *db, struct error *err);
	/* Who the connection acts for, as the audit log records it (NULL:
	 * not known); the driver copies the name. */
	void (*set_actor)(struct db *db, const char *actor);
	/* false when the connection is lost (a server restarted); SQLite's never is */
	bool (*connected)(struct db *db);
	/* connects again after a loss; 0, or -1 with err set */
	int (*reconnect)(struct db *db, struct error *err);
};

struct db {
	const struct db_driver *driver;
	enum db_backend backend;
	char *target;  /* the path or URL opened, for messages */
	void *handle;  /* the driver's connection */
	int tx_depth;  /* nested db_begin calls become savepoints */
	bool disk_full; /* the last failure was a full disk (the driver sets it) */
	/* Flat nesting (db_flat()): nested db_begin/db_commit only count, and a
	 * nested db_rollback marks the whole transaction as failed. */
	bool flat, flat_failed;
	/* the full-text rows a bulk load writes at its commit (store/letters.h:
	 * store_fts_defer()); NULL when each is written with its letter */
	struct fts_deferred *fts_deferred;
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
enum db_type db_column_type(struct db_stmt *st, int col);
void db_reset(struct db_stmt *st);
void db_finalize(struct db_stmt *st);
long long db_changes(struct db *db);

/* Transactions. db_begin takes the write lock at once (SQLite BEGIN
 * IMMEDIATE; on PostgreSQL a transaction-scoped advisory lock that every
 * writer takes), so two writers queue instead of failing half-way, and
 * what a writer reads inside is what no other writer changes until it
 * commits (next reference numbers, next ids). Nested calls become
 * savepoints. */
int db_begin(struct db *db, struct error *err);
int db_commit(struct db *db, struct error *err);
void db_rollback(struct db *db);
/* Until the open transaction ends, nested calls make no savepoints: a
 * nested rollback only marks the transaction failed (db->flat_failed),
 * for the caller to roll it back whole and do its work again another way.
 * For bulk loads (domain/ingest.c): FTS5 writes out what it holds in
 * memory at every savepoint, which undid the batching of its index. */
void db_flat(struct db *db);

/* From now on the connection cannot write (rapporteur sql). */
int db_read_only(struct db *db, struct error *err);

/* A long-lived connection (a server thread's) checks it is still there
 * before use, and connects again when it is not: false / -1 with err set
 * while the server cannot be reached. */
bool db_connected(struct db *db);
int db_reconnect(struct db *db, struct error *err);

/* The words of text as the full-text index holds them: SQLite FTS5's
 * tokenizer "porter unicode61 remove_diacritics 2" (case folded,
 * diacritics removed, Porter stems), in order, each passed to fn. The
 * PostgreSQL store indexes and queries these words instead of its own
 * parser's, so that both backends find the same letters (db_sqlite.c). */
typedef void db_term_fn(void *ctx, const char *term, size_t len);
int db_fts_terms(const char *text, size_t len, db_term_fn *fn, void *ctx);

/* Backup and restore (src/store/backup.c): see struct db_driver's copy
 * and check. Who acts: see set_actor (the audit log, docs/SECURITY.md). */
int db_copy(struct db *from, struct db *to, struct error *err);
int db_check(struct db *db, struct error *err);
void db_set_actor(struct db *db, const char *actor);

/* One-row helpers: run sql with text parameters (NULL-terminated list);
 * db_query_int returns the first column of the first row, or dflt. */
long long db_query_int(struct db *db, long long dflt, const char *sql, ...);

/* The database path or URL from --db, else $RAPPORTEUR_DB, else the default. */
#define DB_DEFAULT_PATH "rapporteur.db"
const char *db_target(const char *option);

#endif
