/*
 * migrate.c - applies the embedded migrations. See migrate.h.
 */
#include "migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/die.h"
#include "../util/embedded.h"

static const char *backend_dir(enum db_backend b)
{
	return b == DB_SQLITE ? "migrations/sqlite/" : "migrations/postgres/";
}

/* The migration with this version for the backend, or NULL. */
static const struct embedded_file *migration(enum db_backend b, int version)
{
	const char *dir = backend_dir(b);
	size_t n = strlen(dir);
	char prefix[16];
	snprintf(prefix, sizeof(prefix), "%03d_", version);
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (!strncmp(f->name, dir, n) && !strncmp(f->name + n, prefix, 4))
			return f;
	return NULL;
}

int store_latest_version(enum db_backend backend)
{
	int v = 0;
	while (migration(backend, v + 1))
		v++;
	return v;
}

int store_schema_version(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT max(version) FROM schema_migrations", NULL);
	if (!st)
		return 0;
	int v = 0;
	if (db_step(st, NULL) == 1 && !db_is_null(st, 0))
		v = (int)db_int(st, 0);
	db_finalize(st);
	return v;
}

int store_migrate(struct db *db, struct error *err)
{
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			"version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
		    err) < 0)
		return -1;
	int applied = 0;
	for (int v = store_schema_version(db) + 1;; v++) {
		const struct embedded_file *f = migration(db->backend, v);
		if (!f)
			break;
		if (db_begin(db, err) < 0)
			return -1;
		if (db_exec(db, f->data, err) < 0) {
			char msg[sizeof(err->message)];
			snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
			db_rollback(db);
			return error_set(err, "migration %s failed: %s", f->name, msg);
		}
		struct db_stmt *st = db_prepare(db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?1, ?2, ?3)", err);
		if (!st) {
			db_rollback(db);
			return -1;
		}
		char now[32];
		time_t t = time(NULL);
		strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
		db_bind_int(st, 1, v);
		db_bind_text(st, 2, f->name);
		db_bind_text(st, 3, now);
		int rc = db_step(st, err);
		db_finalize(st);
		if (rc < 0 || db_commit(db, err) < 0) {
			db_rollback(db);
			return -1;
		}
		applied++;
	}
	return applied;
}

struct db *store_open(const char *target, struct error *err)
{
	struct db *db = db_open(target, err);
	if (!db)
		return NULL;
	int have = store_schema_version(db), want = store_latest_version(db->backend);
	if (have == 0) {
		error_set(err, "%s: not a Rapporteur database; run 'rapporteur init --db %s' first", target, target);
		db_close(db);
		return NULL;
	}
	if (have < want && store_migrate(db, err) < 0) {
		db_close(db);
		return NULL;
	}
	if (have > want) {
		error_set(err, "%s: schema version %d is newer than this rapporteur knows (%d)", target, have, want);
		db_close(db);
		return NULL;
	}
	return db;
}
