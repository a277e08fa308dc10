/*
 * migrate.h - versioned schema migrations, compiled into the binary from
 * migrations/<backend>/NNN_name.sql and applied in order, each in its own
 * transaction, recorded in schema_migrations.
 */
#ifndef RAPPORTEUR_MIGRATE_H
#define RAPPORTEUR_MIGRATE_H

#include "db.h"

/* Brings the schema up to date. Returns the number applied, or -1. */
int store_migrate(struct db *db, struct error *err);
/* The schema version (0 for an empty database). */
int store_schema_version(struct db *db);
/* The newest version this binary knows. */
int store_latest_version(enum db_backend backend);
/* Opens target and checks that it has been initialised and is current:
 * the one way commands other than `init` open the store. */
struct db *store_open(const char *target, struct error *err);

#endif
