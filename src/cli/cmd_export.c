/*
 * cmd_export.c - `rapporteur export --format json|csv`: the store's
 * communications for other tools. JSON: one array of records. CSV: one
 * row per communication on stdout, or with --out DIR three files,
 * communications.csv, questions.csv and citations.csv.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../domain/filter.h"
#include "../store/db.h"
#include "../util/csv.h"
#include "../util/die.h"
#include "cli.h"

static struct db_stmt *select_filtered(struct db *db, const char *columns, const char *from_join,
				       const struct comm_filter *f, const char *order)
{
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_addf(&sql, "SELECT %s FROM communications c %s WHERE c.reference IS NOT NULL", columns, from_join);
	filter_where(f, &sql, &params);
	buf_addf(&sql, " ORDER BY %s", order);
	struct error err;
	struct db_stmt *st = db_prepare(db, sql.data, &err);
	buf_release(&sql);
	if (!st)
		die("%s", err.message);
	sql_params_bind(&params, st);
	return st;
}

static void write_csv(struct db_stmt *st, FILE *out)
{
	int n = db_column_count(st);
	for (int i = 0; i < n; i++)
		csv_field(out, db_column_name(st, i), i == n - 1);
	while (db_step(st, NULL) == 1)
		for (int i = 0; i < n; i++)
			csv_field(out, db_text(st, i), i == n - 1);
	db_finalize(st);
}

static const char *const comm_columns =
	"c.reference, c.type, c.country, c.number, c.year, c.date, c.language, c.reply_deadline_days, "
	"c.reply_due, c.status, "
	/* lists in their order: group_concat over an ordered subquery, as both stores keep it */
	"(SELECT group_concat(v, ';') FROM (SELECT coalesce(m.slug, m.title) AS v FROM communication_mandates m "
	"WHERE m.communication_id = c.id ORDER BY m.position) m) AS mandates, "
	"(SELECT group_concat(v, ';') FROM (SELECT m.resolution AS v FROM communication_mandates m "
	"WHERE m.communication_id = c.id ORDER BY m.position) m) AS resolutions, "
	"(SELECT count(*) FROM questions q WHERE q.communication_id = c.id) AS questions, "
	"(SELECT group_concat(v, ';') FROM (SELECT r.reference AS v FROM related_references r "
	"WHERE r.communication_id = c.id ORDER BY r.reference) r) AS related_references, "
	"(SELECT group_concat(v, ';') FROM (SELECT s.name AS v FROM signatories s "
	"WHERE s.communication_id = c.id ORDER BY s.position) s) AS signatories";

static FILE *open_out(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		die("%s: cannot write: %s", path, strerror(errno));
	free(path);
	return f;
}

int cmd_export(int argc, char **argv)
{
	const char *db_option = NULL, *format = NULL, *out_dir = NULL;
	struct comm_filter f = {0};
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_filter_option(argc, argv, &i, &f) ||
		    cli_option(argc, argv, &i, "--format", &format) || cli_option(argc, argv, &i, "--out", &out_dir))
			continue;
		cli_usage("export", "unknown argument %s", argv[i]);
	}
	if (!format || (strcmp(format, "json") && strcmp(format, "csv")))
		cli_usage("export", "give --format json or --format csv");
	struct db *db = cli_open_store(db_option);
	if (!strcmp(format, "json")) {
		struct db_stmt *st = select_filtered(db, "c.record, c.status", "", &f, "c.date, c.reference");
		json_t *all = json_array();
		while (db_step(st, NULL) == 1) {
			json_t *rec = json_loads(db_text(st, 0), 0, NULL);
			if (!rec)
				continue;
			json_object_set_new(rec, "status", json_string(db_text(st, 1)));
			json_array_append_new(all, rec);
		}
		db_finalize(st);
		FILE *out = out_dir ? open_out(out_dir, "communications.json") : stdout;
		json_dumpf(all, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', out);
		if (out != stdout)
			fclose(out);
		json_decref(all);
	} else {
		FILE *out = out_dir ? open_out(out_dir, "communications.csv") : stdout;
		write_csv(select_filtered(db, comm_columns, "", &f, "c.date, c.reference"), out);
		if (out_dir) {
			fclose(out);
			out = open_out(out_dir, "questions.csv");
			write_csv(select_filtered(db, "c.reference, q.n, q.text", "JOIN questions q ON q.communication_id = c.id",
						  &f, "c.date, c.reference, q.n"), out);
			fclose(out);
			out = open_out(out_dir, "citations.csv");
			write_csv(select_filtered(db, "c.reference, t.instrument, t.article, t.violation, t.context",
						  "JOIN citations t ON t.communication_id = c.id", &f,
						  "c.date, c.reference, t.position"), out);
			fclose(out);
		}
	}
	db_close(db);
	return 0;
}
