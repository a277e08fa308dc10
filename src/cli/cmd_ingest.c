/*
 * cmd_ingest.c - `rapporteur ingest PATH...`: letters into the store.
 * Exit 1 when any file failed (each named on stderr), after the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../domain/figures.h"
#include "../domain/ingest.h"
#include "../store/db.h"
#include "../domain/workflow.h"
#include "../util/die.h"
#include "cli.h"

int cmd_ingest(int argc, char **argv)
{
	const char *db_option = NULL;
	char **paths = calloc((size_t)argc, sizeof(char *));
	int count = 0;
	bool quiet = false;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		if (cli_flag(argv, i, "--quiet") || cli_flag(argv, i, "-q"))
			quiet = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage("ingest", "unknown option %s", argv[i]);
		else
			paths[count++] = argv[i];
	}
	if (!count)
		cli_usage("ingest", "which letters? give files or folders");
	struct db *db = cli_open_store(db_option);
	struct ingest_stats stats;
	ingest_paths(db, paths, count, !quiet && isatty(STDERR_FILENO), &stats);
	if (stats.disk_full) {
		/* the letters before are whole, the rest not begun: the same command, with room, goes on */
		db_close(db);
		die("ingest stopped: disk full: no room left for %s; %zu letter%s stored whole before it, the rest not "
		    "begun. Free some room and run the same ingest again",
		    db_target(db_option), stats.added + stats.updated, stats.added + stats.updated == 1 ? "" : "s");
	}
	/* letters read from files get their publication date and session, and
	 * their figures proposed for an officer to confirm (docs/FIGURES.md),
	 * with the letter (ingest.c); what an older version or another way of
	 * storing left without them is done here */
	struct error err;
	bool dates_pending = db_query_int(db, 0, "SELECT EXISTS (SELECT 1 FROM communications WHERE reference IS NOT NULL "
						 "AND date IS NOT NULL AND publication_date IS NULL)",
					  NULL) > 0;
	if (dates_pending && wf_fill_dates(db, &err) < 0)
		warning("publication dates not filled: %s", err.message);
	struct figure_propose_stats figures;
	if (figures_propose_pending(db, &figures, &err) < 0)
		warning("figures not proposed: %s", err.message);
	if (db->disk_full) {
		db_close(db);
		die("ingest stopped: disk full: no room left for %s; the letters are stored whole, their dates and "
		    "figures are filled when the same ingest runs again with room",
		    db_target(db_option));
	}
	db_close(db);
	free(paths);
	printf("ingest: %zu file%s: %zu added, %zu updated, %zu unchanged, %zu failed\n", stats.files,
	       stats.files == 1 ? "" : "s", stats.added, stats.updated, stats.unchanged, stats.failed);
	return stats.failed ? 1 : 0;
}
