/*
 * cmd_workflow.c - the status changes and the clock's lists:
 * `approve`, `send`, `advance`, `overdue`, `due`. Each change goes through
 * domain/workflow.c, which checks it and records who made it and when.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/clock.h"
#include "../domain/filter.h"
#include "../domain/workflow.h"
#include "../store/db.h"
#include "../util/date.h"
#include "../util/die.h"
#include "cli.h"

/* --today, for replaying the clock (else $RAPPORTEUR_TODAY, else the date). */
static bool today_option(int argc, char **argv, int *i)
{
	const char *v;
	if (!cli_option(argc, argv, i, "--today", &v))
		return false;
	struct error err;
	if (clock_set_today(v, &err) < 0)
		cli_usage(argv[0], "--today: %s", err.message);
	return true;
}

static long long need_communication(struct db *db, const char *command, const char *what)
{
	if (!what)
		cli_usage(command, "name the communication (its number or reference)");
	long long id = wf_resolve(db, what);
	if (!id)
		die("%s: no such draft or communication", what);
	return id;
}

int cmd_approve(int argc, char **argv)
{
	const char *db_option = NULL, *as = NULL, *mandate = NULL, *what = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--as", &as) ||
		    cli_option(argc, argv, &i, "--mandate", &mandate) || today_option(argc, argv, &i))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("approve", "unknown option %s", argv[i]);
		if (what)
			cli_usage("approve", "one communication at a time");
		what = argv[i];
	}
	if (!mandate)
		cli_usage("approve", "--mandate: which joining mandate approves");
	struct db *db = cli_open_store(db_option);
	long long id = need_communication(db, "approve", what);
	struct error err;
	int pending = 0;
	if (wf_approve(db, id, mandate, wf_actor(as), &pending, &err) < 0)
		die("%s", err.message);
	if (pending)
		printf("draft %lld approved by %s; %d mandate%s still to approve\n", id, mandate, pending,
		       pending == 1 ? "" : "s");
	else
		printf("draft %lld approved by %s; every mandate has approved: it can be sent\n", id, mandate);
	db_close(db);
	return 0;
}

int cmd_send(int argc, char **argv)
{
	const char *db_option = NULL, *as = NULL, *date_text = NULL, *what = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--as", &as) ||
		    cli_option(argc, argv, &i, "--date", &date_text) || today_option(argc, argv, &i))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("send", "unknown option %s", argv[i]);
		if (what)
			cli_usage("send", "one communication at a time");
		what = argv[i];
	}
	int date = clock_today();
	if (date_text && (date = date_parse_iso(date_text)) == DATE_NONE)
		cli_usage("send", "--date %s: give a date as YYYY-MM-DD", date_text);
	struct db *db = cli_open_store(db_option);
	long long id = need_communication(db, "send", what);
	struct error err;
	char *reference = NULL, *warnings = NULL;
	if (wf_send(db, id, date, wf_actor(as), &reference, &warnings, &err) < 0)
		die("%s", err.message);
	if (warnings)
		fprintf(stderr, "%s", warnings);
	struct db_stmt *st = db_prepare(db, "SELECT reply_due, session FROM communications WHERE id = ?1", NULL);
	if (st) {
		db_bind_int(st, 1, id);
		if (db_step(st, NULL) == 1)
			printf("sent %s (draft %lld): reply due %s, public from then on, HRC session %s\n", reference, id,
			       db_text(st, 0), db_text(st, 1) ? db_text(st, 1) : "unknown");
		db_finalize(st);
	}
	free(reference);
	free(warnings);
	db_close(db);
	return 0;
}

int cmd_advance(int argc, char **argv)
{
	const char *db_option = NULL, *as = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--as", &as) ||
		    today_option(argc, argv, &i))
			continue;
		cli_usage("advance", "unknown argument %s", argv[i]);
	}
	struct db *db = cli_open_store(db_option);
	struct error err;
	int n = wf_advance(db, clock_today(), wf_actor(as), stdout, &err);
	if (n < 0)
		die("%s", err.message);
	char today[11];
	date_format_iso(clock_today(), today);
	printf("%d change%s as of %s\n", n, n == 1 ? "" : "s", today);
	db_close(db);
	return 0;
}

/* "14d", "2w" or "14" -> days */
static int parse_days(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (end == s || n < 0 || n > 3660)
		return -1;
	if (!*end || !strcmp(end, "d"))
		return (int)n;
	if (!strcmp(end, "w"))
		return (int)n * 7;
	return -1;
}

/* Letters awaiting a reply whose due date is in [from, to], oldest due first. */
static int awaiting(struct db *db, int from, int to, const struct comm_filter *f, bool overdue)
{
	char a[11], b[11], today[11];
	date_format_iso(from, a);
	date_format_iso(to, b);
	date_format_iso(clock_today(), today);
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT c.reference, c.country, c.date, c.reply_due, c.status, "
		       "CAST(julianday(");
	sql_param(&sql, &params, today);
	buf_adds(&sql, ") - julianday(c.reply_due) AS INTEGER) FROM communications c "
		       "WHERE c.reference IS NOT NULL AND c.status NOT IN ('draft', 'approved') "
		       "AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.communication_id = c.id) AND c.reply_due >= ");
	sql_param(&sql, &params, a);
	buf_adds(&sql, " AND c.reply_due <= ");
	sql_param(&sql, &params, b);
	filter_where(f, &sql, &params);
	buf_adds(&sql, " ORDER BY c.reply_due, c.reference");
	struct error err;
	struct db_stmt *st = db_prepare(db, sql.data, &err);
	if (!st)
		die("%s", err.message);
	sql_params_bind(&params, st);
	int n = 0;
	while (db_step(st, NULL) == 1) {
		if (!n++)
			printf("%-28s %-4s %-10s %-10s %-9s %s\n", "reference", "to", "sent", "due", "status",
			       overdue ? "days overdue" : "days left");
		long long days = db_int(st, 5);
		printf("%-28s %-4s %-10s %-10s %-9s %lld\n", db_text(st, 0), db_text(st, 1) ? db_text(st, 1) : "-",
		       db_text(st, 2) ? db_text(st, 2) : "-", db_text(st, 3), db_text(st, 4), overdue ? days : -days);
	}
	db_finalize(st);
	buf_release(&sql);
	return n;
}

int cmd_overdue(int argc, char **argv)
{
	const char *db_option = NULL;
	struct comm_filter f = {0};
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || today_option(argc, argv, &i) ||
		    cli_filter_option(argc, argv, &i, &f))
			continue;
		cli_usage("overdue", "unknown argument %s", argv[i]);
	}
	struct error err;
	if (filter_check(&f, &err) < 0)
		cli_usage("overdue", "%s", err.message);
	struct db *db = cli_open_store(db_option);
	int n = awaiting(db, date_from_ymd(1980, 1, 1), clock_today() - 1, &f, true);
	printf("%d communication%s overdue, with no reply\n", n, n == 1 ? "" : "s");
	db_close(db);
	return 0;
}

int cmd_due(int argc, char **argv)
{
	const char *db_option = NULL, *within = "14d";
	struct comm_filter f = {0};
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || today_option(argc, argv, &i) ||
		    cli_option(argc, argv, &i, "--within", &within) || cli_filter_option(argc, argv, &i, &f))
			continue;
		cli_usage("due", "unknown argument %s", argv[i]);
	}
	int days = parse_days(within);
	if (days < 0)
		cli_usage("due", "--within %s: give days such as 14d (or weeks: 2w)", within);
	struct error err;
	if (filter_check(&f, &err) < 0)
		cli_usage("due", "%s", err.message);
	struct db *db = cli_open_store(db_option);
	int today = clock_today();
	int n = awaiting(db, today, today + days, &f, false);
	printf("%d communication%s due within %d days, with no reply yet\n", n, n == 1 ? "" : "s", days);
	db_close(db);
	return 0;
}

int cmd_settings(int argc, char **argv)
{
	const char *db_option = NULL, *key = NULL, *value = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("settings", "unknown option %s", argv[i]);
		if (!key)
			key = argv[i];
		else if (!value)
			value = argv[i];
		else
			cli_usage("settings", "settings [KEY [VALUE]]");
	}
	struct db *db = cli_open_store(db_option);
	struct error err;
	if (value) {
		/* the one family of settings so far: reply deadlines per type */
		static const char *const types[] = {"AL", "UA", "OL", "JAL", "JUA", "JOL", NULL};
		bool known = false;
		for (int i = 0; types[i]; i++)
			known = known || (!strncmp(key, "reply_days.", 11) && !strcmp(key + 11, types[i]));
		if (!known)
			cli_usage("settings", "%s: the settings are reply_days.AL, .UA, .OL, .JAL, .JUA and .JOL", key);
		char *end;
		long days = strtol(value, &end, 10);
		if (*end || days < 1 || days > 365)
			cli_usage("settings", "%s %s: give a number of days from 1 to 365", key, value);
		struct db_stmt *st = db_prepare(db, "INSERT INTO settings(key, value) VALUES (?1, ?2) "
						    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", &err);
		if (!st)
			die("%s", err.message);
		char v[16];
		snprintf(v, sizeof(v), "%ld", days);
		db_bind_text(st, 1, key);
		db_bind_text(st, 2, v);
		if (db_step(st, &err) < 0)
			die("%s", err.message);
		db_finalize(st);
		printf("%s = %s (letters sent from now on)\n", key, v);
	} else {
		struct db_stmt *st = db_prepare(db, "SELECT key, value FROM settings WHERE ?1 IS NULL OR key = ?1 ORDER BY key", &err);
		if (!st)
			die("%s", err.message);
		db_bind_text(st, 1, key);
		while (db_step(st, NULL) == 1)
			printf("%s = %s\n", db_text(st, 0), db_text(st, 1));
		db_finalize(st);
	}
	db_close(db);
	return 0;
}
