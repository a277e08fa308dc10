/*
 * cmd_audit.c - `rapporteur audit verify|log|head`: the audit log of
 * every change to communications, replies, users and cases
 * (store/audit.h, docs/SECURITY.md). verify exits 1 when the log or the
 * rows do not hold together, naming the first entry that does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/audit.h"
#include "../util/die.h"
#include "cli.h"

static void print_entry(const struct audit_entry *e, void *ctx)
{
	(void)ctx;
	printf("%8lld  %s  %-12s  %-20s %-10s %-8s  %.16s\n", e->seq, e->at, e->actor ? e->actor : "-", e->table_name,
	       e->row_key, e->op, e->digest ? e->digest : "-");
}

int cmd_audit(int argc, char **argv)
{
	const char *db_option = NULL, *table = NULL, *limit_text = "50", *expect = NULL;
	const char *sub = argc > 1 ? argv[1] : NULL;
	bool rows = true;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--table", &table) ||
		    cli_option(argc, argv, &i, "--limit", &limit_text) || cli_option(argc, argv, &i, "--expect", &expect))
			continue;
		if (cli_flag(argv, i, "--no-rows")) {
			rows = false;
			continue;
		}
		cli_usage("audit", "unknown argument %s", argv[i]);
	}
	if (!sub || (strcmp(sub, "verify") && strcmp(sub, "log") && strcmp(sub, "head")))
		cli_usage("audit", "give a subcommand: verify, log or head");
	char *end;
	long long limit = strtoll(limit_text, &end, 10);
	if (*end || limit < 0)
		cli_usage("audit", "--limit %s: give a number of entries (0: all)", limit_text);
	if (table) {
		bool known = false;
		for (int t = 0; audit_tables[t]; t++)
			known = known || !strcmp(audit_tables[t], table);
		if (!known)
			cli_usage("audit", "--table %s: not an audited table (communications, replies, users, cases, ...)",
				  table);
	}
	struct db *db = cli_open_store(db_option);
	struct error err;
	int status = 0;
	if (!strcmp(sub, "verify")) {
		struct audit_report r;
		if (audit_verify(db, expect, rows, &r, &err) < 0)
			die("%s", err.message);
		if (r.finding == AUDIT_INTACT) {
			printf("audit: %lld entr%s, the chain holds from entry 1 to %lld", r.entries,
			       r.entries == 1 ? "y" : "ies", r.head_seq);
			if (rows)
				printf("; %lld row%s match their last entries", r.rows, r.rows == 1 ? "" : "s");
			printf("\nhead: %lld:%s\n", r.head_seq, r.head_hash);
		} else {
			fprintf(stderr, "rapporteur: audit: %s (%s)\n", r.message, db->target);
			status = 1;
		}
	} else if (!strcmp(sub, "head")) {
		long long seq;
		char hash[65];
		if (audit_head(db, &seq, hash, &err) < 0)
			die("%s", err.message);
		printf("%lld:%s\n", seq, hash);
	} else {
		if (audit_list(db, table, limit, print_entry, NULL, &err) < 0)
			die("%s", err.message);
	}
	db_close(db);
	return status;
}
