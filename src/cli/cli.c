/*
 * cli.c - option helpers shared by the commands.
 */
#include "cli.h"
#include "../domain/privacy.h"
#include <jansson.h>
#include "../read/read.h"

#include "../domain/filter.h"
#include "../domain/workflow.h"
#include "../store/migrate.h"
#include "../util/die.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_usage(const char *command, const char *fmt, ...)
{
	va_list ap;
	fputs("rapporteur: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (const struct command *c = commands; c->name; c++)
		if (command && !strcmp(c->name, command))
			fprintf(stderr, "usage: rapporteur %s\n", c->usage);
	exit(2);
}

bool cli_flag(char **argv, int i, const char *name)
{
	return !strcmp(argv[i], name);
}

/* The --as a command was given, for the audit log's actor (cli_open_store). */
static const char *acting_as;

bool cli_option(int argc, char **argv, int *i, const char *name, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n))
		return false;
	if (a[n] == '=')
		*value = a + n + 1;
	else if (a[n] != '\0')
		return false;
	else if (*i + 1 >= argc)
		cli_usage(argv[0], "%s needs a value", name);
	else
		*value = argv[++*i];
	if (!strcmp(name, "--as"))
		acting_as = *value;
	return true;
}

struct db *cli_open_store(const char *db_option)
{
	struct error err;
	struct db *db = store_open(db_target(db_option), &err);
	if (!db)
		die("%s", err.message);
	/* who the audit log names for what this command changes */
	db_set_actor(db, wf_actor(acting_as));
	return db;
}

bool cli_filter_option(int argc, char **argv, int *i, struct comm_filter *f)
{
	const char *v;
	if (cli_option(argc, argv, i, "--country", &v))
		f->country = v;
	else if (cli_option(argc, argv, i, "--mandate", &v))
		f->mandate = v;
	else if (cli_option(argc, argv, i, "--type", &v))
		f->type = v;
	else if (cli_option(argc, argv, i, "--year", &v)) {
		char *end;
		long y = strtol(v, &end, 10);
		if (*end || y < 1980 || y > 2100)
			cli_usage(argv[0], "--year %s: give a year such as 2024", v);
		f->year = (int)y;
	} else if (cli_option(argc, argv, i, "--from", &v))
		f->from = v;
	else if (cli_option(argc, argv, i, "--to", &v))
		f->to = v;
	else
		return false;
	struct error err;
	if (filter_check(f, &err) < 0)
		cli_usage(argv[0], "%s", err.message);
	return true;
}

/* Writes data to path (beside, then renamed: never half a file) or to standard output. */
void cli_write_out(const char *path, const char *data, size_t len)
{
	if (!path) {
		if (fwrite(data, 1, len, stdout) != len)
			die("standard output: write failed");
		return;
	}
	/* write beside, then rename: a reader never sees half a file */
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	if (!f)
		die("%s: cannot write: %m", path);
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		remove(tmp);
		die("%s: write failed: %m", path);
	}
	if (rename(tmp, path) != 0) {
		remove(tmp);
		die("%s: cannot write: %m", path);
	}
}


char *cli_read_file(const char *what, const char *path)
{
	struct error err;
	size_t len;
	char *text = read_file_checked(path, &len, &err);
	if (!text)
		die("%s: %s", what, err.message);
	return text;
}

json_t *cli_read_json_object(const char *path, const char *what_it_is)
{
	char *text = cli_read_file("--file", path);
	json_error_t jerr;
	json_t *j = json_loads(text, 0, &jerr);
	free(text);
	if (!j)
		die("%s: line %d: %s", path, jerr.line, jerr.text);
	if (!json_is_object(j))
		die("%s: %s", path, what_it_is);
	return j;
}

long long cli_need_number(const char *command, const char *what, const char *s)
{
	char *end;
	long long n = s ? strtoll(s, &end, 10) : 0;
	if (!s || *end || n <= 0)
		cli_usage(command, "%s: give a number%s%s", what, s ? ", not " : "", s ? s : "");
	return n;
}

struct privacy *cli_open_privacy(struct db *db, const char *key_file)
{
	struct error err;
	struct privacy *pv = privacy_open(db, key_file, &err);
	if (!pv)
		die("%s", err.message);
	return pv;
}

void cli_print_json(struct json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	puts(s);
	free(s);
}
