/*
 * cmd_reply.c - `rapporteur reply add|list|mark`: replies filed against a
 * communication and read question by question (domain/replies.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/clock.h"
#include "../domain/figures.h"
#include "../domain/replies.h"
#include "../domain/workflow.h"
#include "../read/read.h"
#include "../store/db.h"
#include "../util/date.h"
#include "../util/die.h"
#include "cli.h"

static int reply_add_cmd(int argc, char **argv)
{
	const char *db_option = NULL, *as = NULL, *received = NULL, *file = NULL, *language = NULL, *kind = NULL,
		   *what = NULL, *today = NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--as", &as) ||
		    cli_option(argc, argv, &i, "--received", &received) || cli_option(argc, argv, &i, "--file", &file) ||
		    cli_option(argc, argv, &i, "--language", &language) || cli_option(argc, argv, &i, "--kind", &kind) ||
		    cli_option(argc, argv, &i, "--today", &today))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("reply", "unknown option %s", argv[i]);
		if (what)
			cli_usage("reply", "one communication at a time");
		what = argv[i];
	}
	if (!what || !received || !file)
		cli_usage("reply", "reply add REF --received DATE --file F");
	struct error err;
	if (today && clock_set_today(today, &err) < 0)
		cli_usage("reply", "--today: %s", err.message);
	int date = date_parse_iso(received);
	if (date == DATE_NONE)
		cli_usage("reply", "--received %s: give a date as YYYY-MM-DD", received);
	if (language && strcmp(language, "en") && strcmp(language, "fr") && strcmp(language, "es") &&
	    strcmp(language, "ru") && strcmp(language, "ar") && strcmp(language, "zh"))
		cli_usage("reply", "--language %s: give en, fr, es, ru, ar or zh", language);
	size_t len;
	char *bytes = read_file_checked(file, &len, &err);
	if (!bytes)
		die("%s", err.message);
	struct db *db = cli_open_store(db_option);
	long long id = wf_resolve(db, what);
	if (!id)
		die("%s: no such communication", what);
	struct reply_in in = {.path = file, .bytes = bytes, .len = len, .received = date, .language = language,
			      .kind = kind, .actor = wf_actor(as)};
	long long rid = reply_add(db, id, &in, &err);
	free(bytes);
	if (rid < 0)
		die("%s", err.message);
	/* the reply's figures, proposed for an officer to confirm (docs/FIGURES.md) */
	struct figure_propose_stats figures = {0};
	if (figures_propose_pending(db, &figures, &err) < 0)
		warning("figures not proposed: %s", err.message);
	struct db_stmt *st = db_prepare(db, "SELECT r.kind, r.late, c.reference, c.reply_due FROM replies r "
					    "JOIN communications c ON c.id = r.communication_id WHERE r.id = ?1", NULL);
	if (st) {
		db_bind_int(st, 1, rid);
		if (db_step(st, NULL) == 1)
			printf("reply %lld to %s filed: received %s, %s%s\n", rid, db_text(st, 2), received, db_text(st, 0),
			       db_int(st, 1) ? ", late" : "");
		if (db_int(st, 1))
			printf("  it was due %s\n", db_text(st, 3));
		db_finalize(st);
	}
	st = db_prepare(db, "SELECT question_n, suggested, evidence FROM reply_answers WHERE reply_id = ?1 ORDER BY question_n", NULL);
	if (st) {
		db_bind_int(st, 1, rid);
		while (db_step(st, NULL) == 1)
			printf("  question %-3lld suggested %-13s %s\n", db_int(st, 0), db_text(st, 1), db_text(st, 2));
		db_finalize(st);
	}
	if (figures.proposed)
		printf("  %zu figure%s proposed: rapporteur figures list --in %s\n", figures.proposed,
		       figures.proposed == 1 ? "" : "s", what);
	db_close(db);
	return 0;
}

static int reply_list_cmd(int argc, char **argv)
{
	const char *db_option = NULL, *what = NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("reply", "unknown option %s", argv[i]);
		what = argv[i];
	}
	if (!what)
		cli_usage("reply", "reply list REF");
	struct db *db = cli_open_store(db_option);
	long long id = wf_resolve(db, what);
	if (!id)
		die("%s: no such communication", what);
	struct error err;
	struct db_stmt *st = db_prepare(db, "SELECT id, received, kind, late, language, source_name, created_by, "
					    "length(body) FROM replies WHERE communication_id = ?1 ORDER BY received, id", &err);
	if (!st)
		die("%s", err.message);
	db_bind_int(st, 1, id);
	struct db_stmt *q = db_prepare(db, "SELECT a.question_n, a.suggested, a.reading, a.read_by, a.evidence "
					   "FROM reply_answers a WHERE a.reply_id = ?1 ORDER BY a.question_n", &err);
	int n = 0;
	while (db_step(st, NULL) == 1) {
		n++;
		long long rid = db_int(st, 0);
		printf("reply %lld, received %s, %s%s, language %s, from %s (filed by %s)\n", rid, db_text(st, 1),
		       db_text(st, 2), db_int(st, 3) ? ", late" : "", db_text(st, 4) ? db_text(st, 4) : "-",
		       db_text(st, 5) ? db_text(st, 5) : "-", db_text(st, 6));
		db_bind_int(q, 1, rid);
		while (q && db_step(q, NULL) == 1)
			printf("  question %-3lld %-13s %s\n", db_int(q, 0),
			       db_text(q, 2) ? db_text(q, 2) : db_text(q, 1),
			       db_text(q, 2) ? "(read by an officer)" : db_text(q, 4));
		db_reset(q);
	}
	db_finalize(q);
	db_finalize(st);
	if (!n)
		printf("no replies\n");
	db_close(db);
	return 0;
}

static int reply_mark_cmd(int argc, char **argv)
{
	const char *db_option = NULL, *as = NULL, *question = NULL, *reading = NULL, *kind = NULL, *what = NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--as", &as) ||
		    cli_option(argc, argv, &i, "--question", &question) ||
		    cli_option(argc, argv, &i, "--reading", &reading) || cli_option(argc, argv, &i, "--kind", &kind))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("reply", "unknown option %s", argv[i]);
		what = argv[i];
	}
	if (!what || (!kind && !(question && reading)))
		cli_usage("reply", "reply mark REPLY --question N --reading answered|partly|not-answered, or --kind K");
	char *end;
	long long rid = strtoll(what, &end, 10);
	if (*end || rid <= 0)
		cli_usage("reply", "%s: give the reply's number (reply list shows it)", what);
	struct db *db = cli_open_store(db_option);
	struct error err;
	if (question) {
		long qn = strtol(question, &end, 10);
		if (*end || qn <= 0)
			cli_usage("reply", "--question %s: give a question number", question);
		int r = reply_reading_parse(reading);
		if (r < 0)
			cli_usage("reply", "--reading %s: give answered, partly or not-answered", reading);
		if (reply_mark(db, rid, (int)qn, (enum reply_reading)r, wf_actor(as), &err) < 0)
			die("%s", err.message);
		printf("reply %lld, question %ld: %s\n", rid, qn, reading);
	}
	if (kind) {
		if (reply_set_kind(db, rid, kind, &err) < 0)
			die("%s", err.message);
		printf("reply %lld: %s\n", rid, kind);
	}
	db_close(db);
	return 0;
}

int cmd_reply(int argc, char **argv)
{
	if (argc < 2)
		cli_usage("reply", "give add, list or mark");
	if (!strcmp(argv[1], "add"))
		return reply_add_cmd(argc, argv);
	if (!strcmp(argv[1], "list"))
		return reply_list_cmd(argc, argv);
	if (!strcmp(argv[1], "mark"))
		return reply_mark_cmd(argc, argv);
	cli_usage("reply", "%s: give add, list or mark", argv[1]);
}
