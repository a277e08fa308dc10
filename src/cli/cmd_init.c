/*
 * cmd_init.c - `rapporteur init`: creates (or brings up to date) a
 * database and loads the knowledge base into it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../domain/privacy.h"
#include "../domain/workflow.h"
#include "../kb/kb.h"
#include "../store/kbload.h"
#include "../store/migrate.h"
#include "../util/die.h"
#include "cli.h"

int cmd_init(int argc, char **argv)
{
	const char *db_option = NULL, *key_option = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--key-file", &key_option))
			continue;
		cli_usage("init", "unknown argument %s", argv[i]);
	}
	const char *target = db_target(db_option);
	struct error err;
	struct db *db = db_open(target, &err);
	if (!db)
		die("%s", err.message);
	db_set_actor(db, wf_actor(NULL)); /* the audit log's first entries name who made it */
	int applied = store_migrate(db, &err);
	if (applied < 0) {
		db_close(db);
		die("%s", err.message);
	}
	const struct kb *kb = kb_shared();
	if (store_load_kb(db, kb, &err) < 0) {
		db_close(db);
		die("%s: loading the knowledge base: %s", target, err.message);
	}
	printf("%s: schema version %d (%d applied); knowledge base: %zu countries, %zu mandates, %zu instruments\n",
	       target, store_schema_version(db), applied, kb->country_count, kb->mandate_count,
	       kb->instrument_count);
	/* the key of the confidential fields, beside the database and never in it (docs/PRIVACY.md) */
	char *key_path = privacy_key_path(key_option, target, &err);
	bool created = false;
	if (!key_path || privacy_setup(db, key_path, &created, &err) < 0) {
		db_close(db);
		die("%s", err.message);
	}
	if (created)
		printf("%s: a new key for the confidential fields (mode 0600): back it up apart from the database\n",
		       key_path);
	free(key_path);
	db_close(db);
	return 0;
}
