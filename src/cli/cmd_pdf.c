/*
 * cmd_pdf.c - `rapporteur pdf FILE [-o OUT.pdf]`: a letter file typeset as
 * a PDF, with its reference (as the parser reads it) on every page.
 * Writes OUT whole or not at all (cli_write_out()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/letterfile.h"
#include "../read/read.h"
#include "../render/pdf.h"
#include "../util/buf.h"
#include "../util/die.h"
#include "../util/text.h"
#include "cli.h"

/* FILE with its letter extension (.md, .markdown, .txt, .text) replaced by .pdf. */
static char *default_output(const char *path)
{
	static const char *const exts[] = {".md", ".markdown", ".txt", ".text", NULL};
	size_t n = strlen(path);
	for (int i = 0; exts[i]; i++) {
		size_t m = strlen(exts[i]);
		const char *slash = strrchr(path, '/');
		if (n > m && text_prefix_ci(path + n - m, exts[i]) == m &&
		    path + n - m > (slash ? slash + 1 : path)) {
			n -= m;
			break;
		}
	}
	struct buf out = BUF_INIT;
	buf_add(&out, path, n);
	buf_adds(&out, ".pdf");
	return buf_detach(&out);
}

int cmd_pdf(int argc, char **argv)
{
	const char *path = NULL, *output = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "-o", &output) ||
		    cli_option(argc, argv, &i, "--output", &output))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("pdf", "unknown option %s", argv[i]);
		else if (path)
			cli_usage("pdf", "one FILE only");
		else
			path = argv[i];
	}
	if (!path)
		cli_usage("pdf", "which letter? give a FILE");
	if (output && !*output)
		cli_usage("pdf", "-o needs a file name");

	struct error err;
	size_t len;
	char *markdown = read_file_checked(path, &len, &err);
	if (!markdown)
		die("%s", err.message);
	if (read_is_pdf(markdown, len))
		die("%s: is a PDF already; give the letter in Markdown or text", path);
	struct letter l;
	if (letterfile_parse_bytes(path, markdown, len, &l, &err) < 0)
		die("%s", err.message);
	if (!l.reference)
		warning("%s: no reference found: the pages will have none in their header", path);

	struct buf pdf = BUF_INIT;
	if (render_pdf(markdown, l.reference, &pdf, &err) < 0)
		die("%s: %s", path, err.message);
	char *out = output ? xstrdup(output) : default_output(path);
	if (!strcmp(out, path))
		die("%s: would overwrite the letter; give another name with -o", path);
	cli_write_out(out, pdf.data, pdf.len);
	free(out);
	buf_release(&pdf);
	letter_release(&l);
	free(markdown);
	return 0;
}
