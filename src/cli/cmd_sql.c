/*
 * cmd_sql.c - `rapporteur sql`: one read-only SQL statement against the
 * store, its rows printed one a line, columns parted by '|', NULL as
 * nothing (as the sqlite3 shell prints them). For administrators and the
 * tests, the same on SQLite and PostgreSQL; nothing it runs can write.
 */
#include <stdio.h>

#include "../store/db.h"
#include "../util/die.h"
#include "cli.h"

int cmd_sql(int argc, char **argv)
{
	const char *db_option = NULL, *sql = NULL;
	bool header = false;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		if (cli_flag(argv, i, "--header"))
			header = true;
		else if (!sql && argv[i][0] != '-')
			sql = argv[i];
		else
			cli_usage("sql", "unknown argument %s", argv[i]);
	}
	if (!sql)
		cli_usage("sql", "give one SQL statement");
	struct db *db = cli_open_store(db_option);
	struct error err;
	if (db_read_only(db, &err) < 0)
		die("%s", err.message);
	struct db_stmt *st = db_prepare(db, sql, &err);
	if (!st)
		die("%s", err.message);
	int rc, rows = 0;
	while ((rc = db_step(st, &err)) == 1) {
		int n = db_column_count(st);
		if (header && !rows++)
			for (int c = 0; c < n; c++)
				printf("%s%s", db_column_name(st, c), c + 1 < n ? "|" : "\n");
		for (int c = 0; c < n; c++) {
			const char *v = db_text(st, c);
			printf("%s%s", v ? v : "", c + 1 < n ? "|" : "\n");
		}
	}
	db_finalize(st);
	db_close(db);
	if (rc < 0)
		die("%s", err.message);
	return 0;
}
