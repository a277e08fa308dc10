/*
 * cmd_show.c - `rapporteur show REF [--json]`: one communication, with the
 * earlier letters it cites and the later letters that cite it.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/db.h"
#include "../store/letters.h"
#include "../util/die.h"
#include "cli.h"

/* Prints or collects the chain: direction 0 = what this cites, 1 = cited by. */
static json_t *chain(struct db *db, long long id, int direction, bool print)
{
	const char *sql = direction == 0
		? "SELECT r.reference, c.reference, c.date, (SELECT min(received) FROM replies x WHERE x.communication_id = c.id) "
		  "FROM related_references r "
		  "LEFT JOIN communications c ON c.core = r.reference WHERE r.communication_id = ?1 ORDER BY c.date, r.reference"
		: "SELECT me.core, c.reference, c.date, (SELECT min(received) FROM replies x WHERE x.communication_id = me.id) "
		  "FROM communications me "
		  "JOIN related_references r ON r.reference = me.core "
		  "JOIN communications c ON c.id = r.communication_id WHERE me.id = ?1 ORDER BY c.date, c.reference";
	struct error err;
	struct db_stmt *st = db_prepare(db, sql, &err);
	if (!st)
		die("%s", err.message);
	db_bind_int(st, 1, id);
	json_t *list = json_array();
	while (db_step(st, NULL) == 1) {
		const char *cited = db_text(st, 0), *held = db_text(st, 1), *date = db_text(st, 2);
		const char *reply = db_text(st, 3); /* the earlier letter's first reply */
		if (print) {
			/* the chain as it reads: earlier letter -> its reply -> later letter */
			if (direction == 0)
				printf("    %s (%s) -> %s%s -> this letter\n", held ? held : cited,
				       held ? (date ? date : "-") : "not held", reply ? "reply " : "",
				       reply ? reply : held ? "no reply" : "replies unknown");
			else
				printf("    this letter -> %s%s -> %s (%s)\n", reply ? "reply " : "", reply ? reply : "no reply",
				       held, date ? date : "-");
		}
		json_array_append_new(list, direction == 0
			? json_pack("{s:s, s:o, s:o, s:o}", "reference", cited, "held_as", held ? json_string(held) : json_null(),
				    "date", date ? json_string(date) : json_null(),
				    "first_reply", reply ? json_string(reply) : json_null())
			: json_pack("{s:s, s:o}", "reference", held, "date", date ? json_string(date) : json_null()));
	}
	db_finalize(st);
	return list;
}

/* The replies filed to id; printed when print is set. */
static json_t *replies(struct db *db, long long id, bool print)
{
	struct error err;
	struct db_stmt *st = db_prepare(db, "SELECT received, kind, late, language FROM replies "
					    "WHERE communication_id = ?1 ORDER BY received, id", &err);
	if (!st)
		die("%s", err.message);
	db_bind_int(st, 1, id);
	json_t *list = json_array();
	int n = 0;
	while (db_step(st, NULL) == 1) {
		n++;
		if (print)
			printf("    %s  %s%s\n", db_text(st, 0), db_text(st, 1), db_int(st, 2) ? ", late" : "");
		json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:o}", "received", db_text(st, 0), "kind",
						      db_text(st, 1), "late", (int)db_int(st, 2), "language",
						      db_text(st, 3) ? json_string(db_text(st, 3)) : json_null()));
	}
	db_finalize(st);
	if (print && !n)
		printf("    none\n");
	return list;
}

int cmd_show(int argc, char **argv)
{
	const char *db_option = NULL, *ref = NULL;
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		if (cli_flag(argv, i, "--json"))
			json = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage("show", "unknown option %s", argv[i]);
		else if (ref)
			cli_usage("show", "one reference only");
		else
			ref = argv[i];
	}
	if (!ref)
		cli_usage("show", "which communication? give its reference, e.g. \"AL KAZ 2/2024\"");
	struct db *db = cli_open_store(db_option);
	long long id = store_find_communication(db, ref);
	if (!id) {
		db_close(db);
		die("no communication \"%s\" in %s", ref, db_target(db_option));
	}
	struct error err;
	struct db_stmt *st = db_prepare(db, "SELECT reference, type, country, date, language, reply_deadline_days, "
					    "reply_due, status, source_name, record, publication_date, session FROM communications WHERE id = ?1", &err);
	if (!st)
		die("%s", err.message);
	db_bind_int(st, 1, id);
	if (db_step(st, &err) != 1)
		die("%s", err.message);
	if (json) {
		json_error_t jerr;
		json_t *rec = json_loads(db_text(st, 9), 0, &jerr);
		if (!rec)
			die("%s: the stored record of %s is not JSON: %s", db_target(db_option), ref, jerr.text);
		json_object_set_new(rec, "status", json_string(db_text(st, 7)));
		json_object_set_new(rec, "publication_date", db_text(st, 10) ? json_string(db_text(st, 10)) : json_null());
		json_object_set_new(rec, "session", db_is_null(st, 11) ? json_null() : json_integer(db_int(st, 11)));
		json_object_set_new(rec, "replies", replies(db, id, false));
		json_object_set_new(rec, "cites", chain(db, id, 0, false));
		json_object_set_new(rec, "cited_by", chain(db, id, 1, false));
		char *s = json_dumps(rec, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		puts(s);
		free(s);
		json_decref(rec);
	} else {
		printf("%s\n  type %s, to %s, dated %s, language %s, status %s\n", db_text(st, 0),
		       db_text(st, 1) ? db_text(st, 1) : "-", db_text(st, 2) ? db_text(st, 2) : "-",
		       db_text(st, 3) ? db_text(st, 3) : "-", db_text(st, 4) ? db_text(st, 4) : "-", db_text(st, 7));
		if (!db_is_null(st, 5))
			printf("  reply within %lld days, due %s\n", db_int(st, 5), db_text(st, 6) ? db_text(st, 6) : "-");
		if (db_text(st, 10))
			printf("  public from %s, HRC session %s\n", db_text(st, 10), db_text(st, 11) ? db_text(st, 11) : "-");
		printf("  read from %s\n", db_text(st, 8) ? db_text(st, 8) : "-");
		struct db_stmt *m = db_prepare(db, "SELECT position, title, resolution FROM communication_mandates WHERE communication_id = ?1 ORDER BY position", &err);
		db_bind_int(m, 1, id);
		printf("  mandates:\n");
		while (db_step(m, NULL) == 1)
			printf("    %-6s %s\n", db_text(m, 2) ? db_text(m, 2) : "-", db_text(m, 1));
		db_finalize(m);
		m = db_prepare(db, "SELECT n, text FROM questions WHERE communication_id = ?1 ORDER BY n", &err);
		db_bind_int(m, 1, id);
		printf("  questions:\n");
		while (db_step(m, NULL) == 1)
			printf("    %lld. %s\n", db_int(m, 0), db_text(m, 1));
		db_finalize(m);
		m = db_prepare(db, "SELECT instrument, article FROM citations WHERE communication_id = ?1 AND violation = 1 ORDER BY position", &err);
		db_bind_int(m, 1, id);
		printf("  would violate:");
		while (db_step(m, NULL) == 1)
			printf(" %s %s;", db_text(m, 0) ? db_text(m, 0) : "?", db_text(m, 1));
		printf("\n");
		db_finalize(m);
		m = db_prepare(db, "SELECT name, title FROM signatories WHERE communication_id = ?1 ORDER BY position", &err);
		db_bind_int(m, 1, id);
		printf("  signed by:\n");
		while (db_step(m, NULL) == 1)
			printf("    %s, %s\n", db_text(m, 0), db_text(m, 1) ? db_text(m, 1) : "");
		db_finalize(m);
		printf("  replies:\n");
		json_decref(replies(db, id, true));
		printf("  follows up:\n");
		json_decref(chain(db, id, 0, true));
		printf("  followed up by:\n");
		json_decref(chain(db, id, 1, true));
	}
	db_finalize(st);
	db_close(db);
	return 0;
}
