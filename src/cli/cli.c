/*
 * cli.c - option helpers shared by the commands.
 */
#include "cli.h"

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

bool cli_option(int argc, char **argv, int *i, const char *name, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n))
		return false;
	if (a[n] == '=') {
		*value = a + n + 1;
		return true;
	}
	if (a[n] != '\0')
		return false;
	if (*i + 1 >= argc)
		cli_usage(argv[0], "%s needs a value", name);
	*value = argv[++*i];
	return true;
}
