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
	/* letters read from files get their publication date and session too */
	struct error err;
	if (stats.added + stats.updated && wf_fill_dates(db, &err) < 0)
		warning("publication dates not filled: %s", err.message);
	/* and their figures, proposed for an officer to confirm (docs/FIGURES.md) */
	struct figure_propose_stats figures;
	if (stats.added + stats.updated && figures_propose_pending(db, &figures, &err) < 0)
		warning("figures not proposed: %s", err.message);
	db_close(db);
	free(paths);
	printf("ingest: %zu file%s: %zu added, %zu updated, %zu unchanged, %zu failed\n", stats.files,
	       stats.files == 1 ? "" : "s", stats.added, stats.updated, stats.unchanged, stats.failed);
	return stats.failed ? 1 : 0;
}
