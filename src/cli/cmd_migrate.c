/*
 * cmd_migrate.c - `rapporteur migrate --to TARGET`: the store moved whole
 * into an empty one, a SQLite file to PostgreSQL or back (src/store/
 * copy.c). The source is left as it was; the key of the confidential
 * fields does not change (the fields move sealed), so the same key file
 * opens the target.
 */
#include <stdio.h>

#include "../store/copy.h"
#include "../store/migrate.h"
#include "../util/die.h"
#include "cli.h"

int cmd_migrate(int argc, char **argv)
{
	const char *db_option = NULL, *to = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--to", &to))
			continue;
		cli_usage("migrate", "unknown argument %s", argv[i]);
	}
	if (!to || !*to)
		cli_usage("migrate", "give the store to move into: --to postgresql://... or --to FILE.db");
	const char *from = db_target(db_option);
	struct db *src = cli_open_store(db_option);
	struct error err;
	struct db *dst = db_open(to, &err);
	if (!dst) {
		db_close(src);
		die("%s", err.message);
	}
	struct store_copy_stats stats;
	int rc = store_copy(src, dst, &stats, &err);
	db_close(dst);
	db_close(src);
	if (rc < 0)
		die("migrate: %s", err.message);
	printf("migrate: %lld tables, %lld rows copied from %s to %s\n", stats.tables, stats.rows, from, to);
	printf("migrate: the confidential fields moved sealed: open %s with the same key file (--key-file)\n", to);
	return 0;
}
