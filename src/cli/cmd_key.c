/*
 * cmd_key.c - `rapporteur key show|rotate`: the key that seals the
 * confidential fields (docs/PRIVACY.md). `show` names the key file and the
 * key's id, never the key; `rotate` seals everything again under a new key
 * and retires the old one.
 */
#include <stdio.h>
#include <string.h>

#include "../domain/privacy.h"
#include "../util/die.h"
#include "cli.h"

int cmd_key(int argc, char **argv)
{
	const char *db_option = NULL, *key_file = NULL, *sub = argc > 1 ? argv[1] : NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--key-file", &key_file))
			continue;
		cli_usage("key", "unknown argument %s", argv[i]);
	}
	if (!sub || (strcmp(sub, "show") && strcmp(sub, "rotate")))
		cli_usage("key", "give a subcommand: show or rotate");
	struct db *db = cli_open_store(db_option);
	struct error err;
	struct privacy *pv = privacy_open(db, key_file, &err);
	if (!pv)
		die("%s", err.message);
	if (!strcmp(sub, "show")) {
		printf("key file: %s\nkey: %s (seals)\n", pv->path, pv->keys[0].id);
		for (size_t i = 1; i < pv->key_count; i++)
			printf("key: %s (opens only: a rotation did not finish; run rapporteur key rotate)\n", pv->keys[i].id);
		struct db_stmt *st = db_prepare(db, "SELECT key_id, status, created_at, coalesce(retired_at, '') FROM privacy_keys "
						    "ORDER BY created_at, key_id", &err);
		while (st && db_step(st, NULL) == 1)
			printf("database: key %s %s since %s%s%s\n", db_text(st, 0), db_text(st, 1), db_text(st, 2),
			       *db_text(st, 3) ? ", retired " : "", db_text(st, 3));
		db_finalize(st);
	} else {
		char old[PRIVACY_KEY_ID_LEN + 1];
		snprintf(old, sizeof(old), "%s", pv->keys[0].id);
		long long fields;
		if (privacy_rotate(db, pv, &fields, &err) < 0)
			die("%s", err.message);
		printf("key rotate: %lld fields sealed again under key %s; key %s retired and removed from %s\n", fields,
		       pv->keys[0].id, old, pv->path);
	}
	privacy_free(pv);
	db_close(db);
	return 0;
}
