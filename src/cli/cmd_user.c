/*
 * cmd_user.c - `rapporteur user add|list|disable`: the workspace's users
 * (domain/users.c), and how the first administrator comes to exist. The
 * password never comes from the command line, where `ps` would show it:
 * from standard input (--password-stdin), from $RAPPORTEUR_PASSWORD for
 * scripts, or typed at a terminal without echo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../domain/users.h"
#include "../store/db.h"
#include "../util/buf.h"
#include "../util/die.h"
#include "cli.h"

/* One line from f without its line end; NULL at end of file. */
static char *read_line(FILE *f)
{
	struct buf b = BUF_INIT;
	int c;
	bool any = false;
	while ((c = fgetc(f)) != EOF && c != '\n') {
		any = true;
		if (b.len > USER_PASSWORD_MAX + 1)
			continue; /* too long: user_password_check says so */
		buf_addch(&b, (char)c);
	}
	if (!any && c == EOF) {
		buf_release(&b);
		return NULL;
	}
	if (b.len && b.data[b.len - 1] == '\r')
		buf_setlen(&b, b.len - 1);
	return buf_detach(&b);
}

static char *prompt_password(const char *prompt)
{
	fputs(prompt, stderr);
	fflush(stderr);
	struct termios old, quiet;
	bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *line = read_line(stdin);
	if (tty)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return line;
}

static char *password_from(bool from_stdin)
{
	if (from_stdin) {
		char *p = read_line(stdin);
		if (!p)
			die("--password-stdin: standard input is empty");
		return p;
	}
	const char *env = getenv("RAPPORTEUR_PASSWORD");
	if (env)
		return xstrdup(env);
	if (!isatty(STDIN_FILENO))
		cli_usage("user", "give the password on standard input with --password-stdin, or in $RAPPORTEUR_PASSWORD");
	char *a = prompt_password("password: ");
	char *b = prompt_password("again: ");
	if (!a || !b || strcmp(a, b))
		die("the passwords differ");
	free(b);
	return a;
}

static int user_add_cmd(int argc, char **argv)
{
	const char *db_option = NULL, *role = NULL, *mandate = NULL, *name = NULL;
	bool from_stdin = false;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_option(argc, argv, &i, "--role", &role) ||
		    cli_option(argc, argv, &i, "--mandate", &mandate))
			continue;
		if (cli_flag(argv, i, "--password-stdin"))
			from_stdin = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage("user", "unknown option %s", argv[i]);
		else if (name)
			cli_usage("user", "one user at a time");
		else
			name = argv[i];
	}
	if (!name || !role)
		cli_usage("user", "user add NAME --role officer|holder|admin");
	struct error err;
	int roles = user_roles_parse(role, &err);
	if (roles < 0)
		cli_usage("user", "--role %s: %s", role, err.message);
	if (user_name_check(name, &err) < 0)
		cli_usage("user", "%s", err.message);
	if ((roles & USER_HOLDER) && !mandate)
		cli_usage("user", "a mandate holder needs --mandate SLUG (the mandate they hold)");
	if (!(roles & USER_HOLDER) && mandate)
		cli_usage("user", "--mandate is for mandate holders (--role holder)");
	struct db *db = cli_open_store(db_option);
	char *password = password_from(from_stdin);
	long long id = user_add(db, name, roles, mandate, password, &err);
	memset(password, 0, strlen(password));
	free(password);
	if (!id)
		die("%s", err.message);
	char roles_text[64];
	user_roles_format(roles, roles_text, sizeof(roles_text));
	printf("user %s added (%s%s%s)\n", name, roles_text, mandate ? ", holds " : "", mandate ? mandate : "");
	db_close(db);
	return 0;
}

static int user_list_cmd(int argc, char **argv)
{
	const char *db_option = NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		cli_usage("user", "unknown argument %s", argv[i]);
	}
	struct db *db = cli_open_store(db_option);
	struct error err;
	struct db_stmt *st = user_list(db, &err);
	if (!st)
		die("%s", err.message);
	int n = 0;
	while (db_step(st, NULL) == 1) {
		if (!n++)
			printf("%-24s %-24s %-32s %-20s %s\n", "name", "roles", "mandate", "created", "state");
		char roles[64];
		user_roles_format((int)db_int(st, 2), roles, sizeof(roles));
		printf("%-24s %-24s %-32s %-20s %s\n", db_text(st, 1), roles, db_text(st, 3) ? db_text(st, 3) : "-",
		       db_text(st, 4), db_int(st, 5) ? "disabled" : "active");
	}
	db_finalize(st);
	if (!n)
		printf("no users: add the first administrator with `rapporteur user add NAME --role admin`\n");
	db_close(db);
	return 0;
}

static int user_disable_cmd(int argc, char **argv)
{
	const char *db_option = NULL, *name = NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			cli_usage("user", "unknown option %s", argv[i]);
		if (name)
			cli_usage("user", "one user at a time");
		name = argv[i];
	}
	if (!name)
		cli_usage("user", "user disable NAME");
	struct db *db = cli_open_store(db_option);
	struct error err;
	if (user_disable(db, name, &err) < 0)
		die("%s", err.message);
	printf("user %s disabled; their sessions are ended\n", name);
	db_close(db);
	return 0;
}

int cmd_user(int argc, char **argv)
{
	if (argc < 2)
		cli_usage("user", "give add, list or disable");
	if (!strcmp(argv[1], "add"))
		return user_add_cmd(argc, argv);
	if (!strcmp(argv[1], "list"))
		return user_list_cmd(argc, argv);
	if (!strcmp(argv[1], "disable"))
		return user_disable_cmd(argc, argv);
	cli_usage("user", "%s: give add, list or disable", argv[1]);
}
