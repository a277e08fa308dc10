/*
 * cli.h - the command table (after git's): one entry per subcommand, one
 * file per command in src/cli/. `rapporteur help` and the CLI reference in
 * docs/CLI.md are generated from the same table (see cmd_help.c).
 */
#ifndef RAPPORTEUR_CLI_H
#define RAPPORTEUR_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the command's name */
	const char *usage;		   /* "parse [--json] FILE" */
	const char *summary;		   /* one line */
	const char *help;		   /* the options, one per line, or NULL */
};

extern const struct command commands[];

/* Exits 2 with the command's usage and a message. */
_Noreturn void cli_usage(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* True when argv[*i] is the option name; with a value, stores it in *value
 * (from "--name=value" or the next argument) and advances *i. */
bool cli_option(int argc, char **argv, int *i, const char *name, const char **value);
bool cli_flag(char **argv, int i, const char *name);

/* A text file's contents, checked as letters are (UTF-8, size); dies
 * naming what (the option) and the file. Caller frees. */
char *cli_read_file(const char *what, const char *path);
/* A file holding one JSON object; dies naming the file, the line and what
 * it should be ("a draft is a JSON object (see docs/DRAFTING.md)"). */
struct json_t;
struct json_t *cli_read_json_object(const char *path, const char *what_it_is);
/* A positive number from an argument; exits 2 naming what it is for. */
long long cli_need_number(const char *command, const char *what, const char *s);
/* The key of the confidential fields for db (docs/PRIVACY.md); dies when it cannot be opened. */
struct db;
struct privacy;
struct privacy *cli_open_privacy(struct db *db, const char *key_file);
/* Prints a JSON value, indented, in its keys' order. */
void cli_print_json(struct json_t *j);
/* Writes data to path (NULL: standard output), atomically; dies on failure. */
void cli_write_out(const char *path, const char *data, size_t len);
struct db;
struct comm_filter;
/* Opens the store named by --db, $RAPPORTEUR_DB or the default; dies
 * with a clear message when it cannot (exit 1). */
struct db *cli_open_store(const char *db_option);
/* Consumes a filter option (--country, --mandate, --type, --year, --from,
 * --to) at argv[*i]; false when argv[*i] is not one. */
bool cli_filter_option(int argc, char **argv, int *i, struct comm_filter *f);
#define CLI_FILTER_HELP                                                        \
	"--country CCC     addressee (ISO 3166-1 alpha-3, or OTH)\n"             \
	"--mandate SLUG    a mandate among the senders (e.g. torture)\n"          \
	"--type T          AL, UA, OL, JAL, JUA or JOL\n"                         \
	"--year YYYY       year of the reference\n"                               \
	"--from DATE       sent on or after DATE (YYYY-MM-DD)\n"                  \
	"--to DATE         sent on or before DATE\n"                              \
	"--db PATH         the database (else $RAPPORTEUR_DB, else ./rapporteur.db)"

int cmd_parse(int argc, char **argv);
int cmd_pdf(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_draft(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_send(int argc, char **argv);
int cmd_advance(int argc, char **argv);
int cmd_overdue(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_reply(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_figures(int argc, char **argv);
int cmd_situation(int argc, char **argv);
int cmd_funnel(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_intake(int argc, char **argv);
int cmd_case(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);

#endif
