/*
 * cmd_backup.c - `rapporteur backup FILE` (a consistent copy of the
 * store, while a server serves and writes) and `rapporteur restore FILE`
 * (a new store from such a copy, checked first). See store/backup.h.
 */
#include <stdio.h>
#include <string.h>

#include "../store/backup.h"
#include "../util/die.h"
#include "cli.h"

static void print_summary(const char *verb, const char *path, const struct backup_summary *s)
{
	printf("%s: %s: schema version %d, %lld communication%s, %.1f MB", verb, path, s->schema_version,
	       s->communications, s->communications == 1 ? "" : "s", (double)s->bytes / (1024.0 * 1024.0));
	if (s->audit_seq)
		printf(", audit log to entry %lld:%s", s->audit_seq, s->audit_hash);
	printf("\n");
}

static void arguments(const char *name, int argc, char **argv, const char **file, const char **db_option,
		      bool *force)
{
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", db_option))
			continue;
		if (cli_flag(argv, i, "--force"))
			*force = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage(name, "unknown option %s", argv[i]);
		else if (*file)
			cli_usage(name, "one file at a time (%s and %s)", *file, argv[i]);
		else
			*file = argv[i];
	}
	if (!*file)
		cli_usage(name, "give the backup's file");
}

int cmd_backup(int argc, char **argv)
{
	const char *file = NULL, *db_option = NULL;
	bool force = false;
	arguments("backup", argc, argv, &file, &db_option, &force);
	struct db *db = cli_open_store(db_option);
	struct backup_summary s;
	struct error err;
	if (store_backup(db, file, force, &s, &err) < 0)
		die("%s", err.message);
	db_close(db);
	print_summary("backup", file, &s);
	if (s.key_id[0])
		printf("backup: the key of the confidential fields (%s) is not in the backup: keep a copy of its key file "
		       "apart (docs/PRIVACY.md)\n",
		       s.key_id);
	if (s.audit_problem[0])
		warning("%s: the audit log of the database backed up does not hold together: %s", file, s.audit_problem);
	return 0;
}

int cmd_restore(int argc, char **argv)
{
	const char *file = NULL, *db_option = NULL;
	bool force = false;
	arguments("restore", argc, argv, &file, &db_option, &force);
	const char *target = db_target(db_option);
	struct backup_summary s;
	struct error err;
	if (store_restore(file, target, force, &s, &err) < 0)
		die("%s", err.message);
	print_summary("restore", target, &s);
	if (s.key_id[0])
		printf("restore: the confidential fields are sealed under key %s: put its key file beside as %s.key, or "
		       "give --key-file to the commands that open them\n",
		       s.key_id, target);
	return 0;
}
