/*
 * cli.h - the command table (after git's): one entry per subcommand, one
 * file per command in src/cli/. `rapporteur help` and the CLI reference in
 * docs/CLI.md are generated from the same table (see cmd_help.c).
 */
#ifndef RAPPORTEUR_CLI_H
#define RAPPORTEUR_CLI_H

#include <stdbool.h>

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

int cmd_parse(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
