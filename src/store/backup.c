/*
 * backup.c - backup and restore of the store. See backup.h. Knows files
 * and the checks; the copy itself is the driver's, through db.h.
 */
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "audit.h"
#include "migrate.h"

static void remove_database_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal", NULL};
	for (int i = 0; suffixes[i]; i++) {
		char *p = xmalloc(strlen(path) + 16);
		sprintf(p, "%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

/* The folder's entry for a renamed file is on disk too. */
static void sync_folder_of(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static void summarise(struct db *db, struct backup_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->schema_version = store_schema_version(db);
	s->communications = db_query_int(db, 0, "SELECT count(*) FROM communications WHERE reference IS NOT NULL", NULL);
	audit_head(db, &s->audit_seq, s->audit_hash, NULL);
	struct db_stmt *st = db_prepare(db, "SELECT key_id FROM privacy_keys WHERE status = 'active' ORDER BY created_at DESC",
					NULL);
	if (st && db_step(st, NULL) == 1 && db_text(st, 0))
		snprintf(s->key_id, sizeof(s->key_id), "%s", db_text(st, 0));
	db_finalize(st);
}

/* The checks a copy passes before it is trusted: the engine's own, a
 * schema this binary knows, and an audit chain that holds. what names
 * the copy in messages ("the backup FILE"). */
static int check_copy(struct db *db, const char *what, bool audit, struct error *err)
{
	struct error e;
	if (db_check(db, &e) < 0)
		return error_set(err, "%s is damaged: %s", what, e.message);
	int have = store_schema_version(db), want = store_latest_version(db->backend);
	if (have == 0)
		return error_set(err, "%s is not a Rapporteur database", what);
	if (have > want)
		return error_set(err, "%s has schema version %d, newer than this rapporteur knows (%d)", what, have, want);
	if (!audit || db_query_int(db, -1, "SELECT count(*) FROM audit_log", NULL) < 0)
		return 0; /* older than the audit log */
	struct audit_report r;
	if (audit_verify(db, NULL, true, &r, &e) < 0)
		return error_set(err, "%s: its audit log cannot be read: %s", what, e.message);
	if (r.finding != AUDIT_INTACT)
		return error_set(err, "%s: its audit log does not hold together: %s", what, r.message);
	return 0;
}

int store_backup(struct db *db, const char *file, bool force, struct backup_summary *s, struct error *err)
{
	if (!db->driver->copy)
		return db_copy(db, db, err); /* says which tools the backend has */
	if (file_exists(file) && !force)
		return error_set(err, "%s exists: give another name, or --force to replace it", file);
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.partial-%ld", file, (long)getpid());
	remove_database_files(tmp.data);
	struct db *to = db_open(tmp.data, err);
	if (!to) {
		remove_database_files(tmp.data);
		buf_release(&tmp);
		return -1;
	}
	struct error e;
	int rc = db_copy(db, to, &e);
	if (rc < 0) {
		error_set(err, "%s: the backup failed: %s", file, e.message);
	} else {
		char what[4200];
		snprintf(what, sizeof(what), "the backup %s", file);
		/* a backup of a store whose audit log is broken is still a
		 * backup: it is made, and says so */
		rc = check_copy(to, what, false, err);
		if (rc == 0) {
			summarise(to, s);
			struct audit_report r;
			if (s->audit_seq && audit_verify(to, NULL, true, &r, &e) == 0 && r.finding != AUDIT_INTACT)
				snprintf(s->audit_problem, sizeof(s->audit_problem), "%s", r.message);
		}
	}
	db_close(to); /* checkpoints: the copy is one file again */
	if (rc == 0) {
		struct buf wal = BUF_INIT;
		buf_addf(&wal, "%s-wal", tmp.data);
		if (file_exists(wal.data))
			rc = error_set(err, "%s: the backup could not be made one file (its write-ahead log %s remains): is "
					    "the disk full?",
				       file, wal.data);
		buf_release(&wal);
	}
	if (rc == 0) {
		int fd = open(tmp.data, O_RDONLY);
		if (fd < 0 || fsync(fd) != 0)
			rc = error_set(err, "%s: cannot write the backup to disk: %s", file, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	if (rc == 0 && rename(tmp.data, file) != 0)
		rc = error_set(err, "%s: cannot put the backup in place: %s", file, strerror(errno));
	if (rc < 0) {
		remove_database_files(tmp.data);
	} else {
		sync_folder_of(file);
		struct stat st;
		s->bytes = stat(file, &st) == 0 ? (long long)st.st_size : 0;
	}
	buf_release(&tmp);
	return rc;
}

/* A SQLite file begins so; anything else is not a backup this made. */
static bool sqlite_file(const char *path)
{
	char head[16];
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool ok = fread(head, 1, 16, f) == 16 && !memcmp(head, "SQLite format 3", 16);
	fclose(f);
	return ok;
}

int store_restore(const char *file, const char *target, bool force, struct backup_summary *s, struct error *err)
{
	struct stat st;
	if (strstr(target, "://"))
		return error_set(err, "%s: restore makes a SQLite database; a PostgreSQL one is restored with pg_restore",
				 target);
	if (stat(file, &st) != 0)
		return error_set(err, "%s: %s", file, strerror(errno));
	if (!S_ISREG(st.st_mode) || !sqlite_file(file))
		return error_set(err, "%s: not a Rapporteur backup (not a SQLite database file)", file);
	bool existed = file_exists(target);
	if (existed && !force)
		return error_set(err, "%s exists: restore makes a new database; give another --db, or --force to replace "
				      "its whole content",
				 target);
	struct db *from = db_open(file, err);
	if (!from)
		return -1;
	char what[4200];
	snprintf(what, sizeof(what), "the backup %s", file);
	if (check_copy(from, what, true, err) < 0) {
		db_close(from);
		return -1;
	}
	struct db *to = db_open(target, err);
	if (!to) {
		db_close(from);
		if (!existed)
			remove_database_files(target);
		return -1;
	}
	struct error e;
	int rc = db_copy(from, to, &e);
	db_close(from);
	if (rc < 0)
		error_set(err, "%s: the restore failed, nothing was changed: %s", target, e.message);
	if (rc == 0) {
		snprintf(what, sizeof(what), "the restored database %s", target);
		rc = check_copy(to, what, true, err);
	}
	if (rc == 0 && store_schema_version(to) < store_latest_version(to->backend) && store_migrate(to, &e) < 0)
		rc = error_set(err, "%s: restored, but not brought up to date: %s", target, e.message);
	if (rc == 0)
		summarise(to, s);
	db_close(to);
	if (rc < 0 && !existed)
		remove_database_files(target);
	if (rc == 0 && stat(target, &st) == 0)
		s->bytes = (long long)st.st_size;
	return rc;
}
