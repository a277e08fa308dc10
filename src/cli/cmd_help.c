/*
 * cmd_help.c - `rapporteur help [COMMAND]`, generated from the command
 * table; `rapporteur help --markdown` prints docs/CLI.md's reference.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void print_option_lines(const char *help, const char *indent)
{
	const char *p = help;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		printf("%s%.*s\n", indent, (int)n, p);
		p = e ? e + 1 : NULL;
	}
}

int cmd_help(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--markdown")) {
		for (const struct command *c = commands; c->name; c++) {
			printf("### `rapporteur %s`\n\n%s.\n\n", c->usage, c->summary);
			if (c->help) {
				printf("```\n");
				print_option_lines(c->help, "");
				printf("```\n\n");
			}
		}
		return 0;
	}
	if (argc > 1) {
		for (const struct command *c = commands; c->name; c++)
			if (!strcmp(c->name, argv[1])) {
				printf("usage: rapporteur %s\n\n%s\n", c->usage, c->summary);
				if (c->help) {
					printf("\n");
					print_option_lines(c->help, "  ");
				}
				return 0;
			}
		fprintf(stderr, "rapporteur: no command '%s'\n", argv[1]);
		return 2;
	}
	printf("usage: rapporteur COMMAND [ARGS]\n\ncommands:\n");
	for (const struct command *c = commands; c->name; c++)
		printf("  %-10s %s\n", c->name, c->summary);
	printf("\nrapporteur help COMMAND explains one. Exit status: 0 done, 1 failed, 2 usage.\n"
	       "The database is --db PATH, else $RAPPORTEUR_DB, else ./rapporteur.db.\n");
	return 0;
}
