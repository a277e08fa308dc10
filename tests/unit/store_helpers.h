/*
 * store_helpers.h - a fresh store for a unit test: a real SQLite file in
 * /tmp, migrated and with the knowledge base loaded, and its removal with
 * its WAL files. Header-only (static functions), included after helpers.h
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

/* Opens a new store at a fresh path written into path (64 bytes). */
static inline struct db *test_store_open(char path[64])
{
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
	char side[96];
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

#endif
