/*
 * store_helpers.h - a fresh store for a unit test: a real SQLite file in
 * /tmp (or a database on $RAPPORTEUR_TEST_PG's server), migrated and with
 * the knowledge base loaded, and its removal with its WAL files. Header-only (static functions), included after helpers.h
 * by the tests that need a store.
 */
#ifndef RAPPORTEUR_TEST_STORE_HELPERS_H
#define RAPPORTEUR_TEST_STORE_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kb/kb.h"
#include "store/db.h"
#include "store/kbload.h"
#include "store/migrate.h"

/* With $RAPPORTEUR_TEST_PG (a PostgreSQL server's maintenance database,
 * tests/pg/server.sh), the store is a database made on that server: path
 * holds its name, and the target is the server's URL with that name. */
static inline char *test_store_pg_target(const char *name)
{
	const char *pg = getenv("RAPPORTEUR_TEST_PG");
	static char target[512];
	const char *slash = strrchr(pg, '/');
	snprintf(target, sizeof(target), "%.*s/%s", (int)(slash - pg), pg, name);
	return target;
}

static inline void test_store_pg_exec(const char *sql)
{
	struct error err = {{0}};
	struct db *admin = db_open(getenv("RAPPORTEUR_TEST_PG"), &err);
	if (!admin || db_exec(admin, sql, &err) < 0)
		fail_msg("%s: %s", sql, err.message);
	db_close(admin);
}

/* Opens a new store at a fresh path written into path (64 bytes). */
static inline struct db *test_store_open(char path[64])
{
	const char *pg = getenv("RAPPORTEUR_TEST_PG");
	if (pg && *pg) {
		static int made;
		char sql[128];
		snprintf(path, 64, "ru_%d_%d", (int)getpid(), made++);
		snprintf(sql, sizeof(sql), "CREATE DATABASE \"%s\"", path);
		test_store_pg_exec(sql);
		struct error err = {{0}};
		struct db *db = db_open(test_store_pg_target(path), &err);
		if (!db)
			fail_msg("db_open: %s", err.message);
		if (store_migrate(db, &err) < 0)
			fail_msg("migrate: %s", err.message);
		if (store_load_kb(db, kb_shared(), &err) < 0)
			fail_msg("knowledge base: %s", err.message);
		return db;
	}
	snprintf(path, 64, "/tmp/rapporteur-unit-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct error err = {{0}};
	struct db *db = db_open(path, &err);
	if (!db)
		fail_msg("db_open: %s", err.message);
	if (store_migrate(db, &err) < 0)
		fail_msg("migrate: %s", err.message);
	if (store_load_kb(db, kb_shared(), &err) < 0)
		fail_msg("knowledge base: %s", err.message);
	return db;
}

/* Closes db and removes its files. */
static inline void test_store_drop(struct db *db, const char *path)
{
	db_close(db);
	const char *pg = getenv("RAPPORTEUR_TEST_PG");
	if (pg && *pg) {
		char sql[128];
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", path);
		test_store_pg_exec(sql);
		return;
	}
	char side[96];
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

#endif
