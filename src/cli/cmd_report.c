/*
 * cmd_report.c - `rapporteur report session N` (the joint communications
 * report of a Council session) and `rapporteur stats replies` (how
 * addressees answer), over domain/report.c.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/report.h"
#include "../render/html.h"
#include "../store/db.h"
#include "../util/die.h"
#include "cli.h"

int cmd_report(int argc, char **argv)
{
	const char *db_option = NULL, *format = "md", *out = NULL, *number = NULL;
	bool session = false;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--format", &format) ||
		    cli_option(argc, argv, &i, "-o", &out) || cli_option(argc, argv, &i, "--out", &out))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("report", "unknown option %s", argv[i]);
		if (!session && !strcmp(argv[i], "session"))
			session = true;
		else if (session && !number)
			number = argv[i];
		else
			cli_usage("report", "unexpected argument %s", argv[i]);
	}
	if (!session || !number)
		cli_usage("report", "report session N");
	char *end;
	long n = strtol(number, &end, 10);
	if (*end || n <= 0 || n > 999)
		cli_usage("report", "session %s: give the session's number, e.g. 57", number);
	if (strcmp(format, "md") && strcmp(format, "html"))
		cli_usage("report", "--format %s: give md or html", format);
	struct db *db = cli_open_store(db_option);
	struct error err;
	bool html = !strcmp(format, "html");
	char *md = report_session(db, (int)n, html, &err);
	if (!md)
		die("%s", err.message);
	if (!html) {
		cli_write_out(out, md, strlen(md));
	} else {
		char title[64];
		snprintf(title, sizeof(title), "Communications report, HRC session %ld", n);
		char *page = render_html_wrap(md, title);
		cli_write_out(out, page, strlen(page));
		free(page);
	}
	free(md);
	db_close(db);
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	const char *db_option = NULL, *by_name = "state";
	bool json = false, replies = false;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--by", &by_name))
			continue;
		if (cli_flag(argv, i, "--json"))
			json = true;
		else if (!replies && !strcmp(argv[i], "replies"))
			replies = true;
		else
			cli_usage("stats", "unexpected argument %s", argv[i]);
	}
	if (!replies)
		cli_usage("stats", "stats replies [--by state|mandate|year|type]");
	static const char *const names[] = {"state", "mandate", "year", "type", "all", NULL};
	int by = -1;
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], by_name))
			by = i;
	if (by < 0)
		cli_usage("stats", "--by %s: give state, mandate, year, type or all", by_name);
	struct db *db = cli_open_store(db_option);
	struct error err;
	struct stats_row *rows;
	size_t count;
	if (stats_replies(db, (enum stats_by)by, &rows, &count, &err) < 0)
		die("%s", err.message);
	json_t *arr = json ? json_array() : NULL;
	if (!json)
		printf("%-40s %14s %8s %12s %12s\n", by_name, "communications", "replied", "in deadline",
		       "median days");
	for (size_t i = 0; i < count; i++) {
		struct stats_row *r = &rows[i];
		double replied = r->communications ? 100.0 * (double)r->replied / (double)r->communications : 0;
		double on_time = r->communications ? 100.0 * (double)r->on_time / (double)r->communications : 0;
		if (json) {
			json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:I, s:o}", "key", r->key, "communications",
							     (json_int_t)r->communications, "replied", (json_int_t)r->replied,
							     "replied_in_deadline", (json_int_t)r->on_time, "median_days_to_reply",
							     r->median_days < 0 ? json_null() : json_real(r->median_days)));
			continue;
		}
		char median[16] = "-";
		if (r->median_days >= 0)
			snprintf(median, sizeof(median), "%.1f", r->median_days);
		printf("%-40s %14lld %7.0f%% %11.0f%% %12s\n", r->key, r->communications, replied, on_time, median);
	}
	if (json) {
		char *s = json_dumps(arr, JSON_INDENT(2));
		puts(s);
		free(s);
		json_decref(arr);
	}
	stats_release(rows, count);
	db_close(db);
	return 0;
}
