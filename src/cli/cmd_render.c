/*
 * cmd_render.c - `rapporteur render ID|REF --format md|html|pdf`: the whole
 * letter, as domain/workflow.c gives it (a draft rendered now, a sent
 * letter exactly as it went), in the format asked for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/workflow.h"
#include "../render/html.h"
#include "../render/pdf.h"
#include "../store/db.h"
#include "../util/buf.h"
#include "../util/die.h"
#include "cli.h"

int cmd_render(int argc, char **argv)
{
	const char *db_option = NULL, *format = "md", *out = NULL, *what = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--format", &format) ||
		    cli_option(argc, argv, &i, "-o", &out) || cli_option(argc, argv, &i, "--out", &out))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("render", "unknown option %s", argv[i]);
		if (what)
			cli_usage("render", "one communication at a time");
		what = argv[i];
	}
	if (!what)
		cli_usage("render", "name the communication (its number or reference)");
	if (strcmp(format, "md") && strcmp(format, "html") && strcmp(format, "pdf"))
		cli_usage("render", "--format %s: give md, html or pdf", format);
	struct db *db = cli_open_store(db_option);
	long long id = wf_resolve(db, what);
	if (!id)
		die("%s: no such draft or communication", what);
	struct error err;
	char *warnings = NULL;
	char *md = wf_letter_markdown(db, id, &warnings, &err);
	if (!md)
		die("%s", err.message);
	if (warnings)
		fprintf(stderr, "%s", warnings);
	char *reference = NULL;
	struct db_stmt *st = db_prepare(db, "SELECT reference FROM communications WHERE id = ?1", NULL);
	if (st) {
		db_bind_int(st, 1, id);
		if (db_step(st, NULL) == 1 && db_text(st, 0))
			reference = xstrdup(db_text(st, 0));
		db_finalize(st);
	}
	if (!strcmp(format, "md")) {
		cli_write_out(out, md, strlen(md));
	} else if (!strcmp(format, "html")) {
		char *page = render_html_page(md, reference);
		cli_write_out(out, page, strlen(page));
		free(page);
	} else {
		struct buf pdf = BUF_INIT;
		if (render_pdf(md, reference, &pdf, &err) < 0)
			die("%s", err.message);
		cli_write_out(out, pdf.data, pdf.len);
		buf_release(&pdf);
	}
	free(reference);
	free(warnings);
	free(md);
	db_close(db);
	return 0;
}
