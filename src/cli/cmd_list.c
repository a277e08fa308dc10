/*
 * cmd_list.c - `rapporteur list [filters]`: the communications the store
 * holds, newest first, one line each.
 */
#include <stdio.h>
#include <string.h>

#include "../domain/filter.h"
#include "../store/db.h"
#include "../util/die.h"
#include "cli.h"

int cmd_list(int argc, char **argv)
{
	const char *db_option = NULL;
	struct comm_filter f = {0};
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_filter_option(argc, argv, &i, &f))
			continue;
		cli_usage("list", "unknown argument %s", argv[i]);
	}
	struct db *db = cli_open_store(db_option);
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT c.reference, c.date, c.country, c.type, c.status, "
		       "(SELECT count(*) FROM communication_mandates m WHERE m.communication_id = c.id), "
		       "(SELECT count(*) FROM questions q WHERE q.communication_id = c.id), c.language "
		       "FROM communications c WHERE c.reference IS NOT NULL");
	filter_where(&f, &sql, &params);
	buf_adds(&sql, " ORDER BY c.date DESC, c.reference");
	struct error err;
	struct db_stmt *st = db_prepare(db, sql.data, &err);
	buf_release(&sql);
	if (!st)
		die("%s", err.message);
	sql_params_bind(&params, st);
	int rc, rows = 0;
	while ((rc = db_step(st, &err)) == 1) {
		if (!rows)
			printf("%-28s %-10s %-7s %-4s %-9s %8s %9s %s\n", "REFERENCE", "DATE", "TO", "TYPE",
			       "STATUS", "MANDATES", "QUESTIONS", "LANG");
		const char *date = db_text(st, 1);
		printf("%-28s %-10s %-7s %-4s %-9s %8lld %9lld %s\n", db_text(st, 0), date ? date : "-",
		       db_text(st, 2) ? db_text(st, 2) : "-", db_text(st, 3) ? db_text(st, 3) : "-",
		       db_text(st, 4), db_int(st, 5), db_int(st, 6), db_text(st, 7) ? db_text(st, 7) : "-");
		rows++;
	}
	db_finalize(st);
	db_close(db);
	if (rc < 0)
		die("%s", err.message);
	printf("%d communication%s\n", rows, rows == 1 ? "" : "s");
	return 0;
}
