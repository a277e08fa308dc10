/*
 * main.c - the entry point: finds the subcommand in the command table and
 * runs it. Exit status: 0 done, 1 the work failed, 2 usage error.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(1, (char *[]){"help", NULL});
		return 2;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		name = "help";
	if (!strcmp(name, "--version")) {
		puts("rapporteur " RAPPORTEUR_VERSION);
		return 0;
	}
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "rapporteur: '%s' is not a command; see 'rapporteur help'\n", name);
	return 2;
}
