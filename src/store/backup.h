/*
 * backup.h - a copy of the whole store while it serves and writes, and a
 * new store from such a copy, each checked before it is trusted: the
 * engine's integrity check, the schema version, the audit chain. The
 * copying itself is the driver's (db_copy); the files and the checks are
 * here. See docs/SCALING.md.
 */
#ifndef RAPPORTEUR_BACKUP_H
#define RAPPORTEUR_BACKUP_H

#include <stdbool.h>

#include "db.h"

/* What a backup or a restored store holds, for the summary line. */
struct backup_summary {
	int schema_version;
	long long communications;
	long long audit_seq; /* the audit log's last entry (0: none) */
	char audit_hash[65];
	long long bytes;     /* the file's size */
	char key_id[16];     /* the key the confidential fields are sealed under, or "" */
	char audit_problem[600]; /* a backup's audit log that does not hold together, or "" */
};

/* Writes a consistent copy of db to file: beside it first, checked, then
 * renamed into place, so that file is never half a backup. An existing
 * file is refused unless force. */
int store_backup(struct db *db, const char *file, bool force, struct backup_summary *s, struct error *err);

/* Makes the store target from file, a backup: file is checked first
 * (integrity, a schema version this binary knows, an audit chain that
 * holds), then copied in one transaction and brought up to the current
 * schema. An existing target is refused unless force; a new target that
 * fails half-way is removed. */
int store_restore(const char *file, const char *target, bool force, struct backup_summary *s, struct error *err);

#endif
