/*
 * commands.c - the table of subcommands: name, function, usage, summary
 * and options. `rapporteur help` and docs/CLI.md are generated from it.
 */
#include <stddef.h>

#include "cli.h"

const struct command commands[] = {
	{"parse", cmd_parse, "parse [--json] FILE",
	 "print a letter's record: a readable summary, or JSON with --json",
	 "--json   the record of ../shared/schema/letter-record.md"},
	{"init", cmd_init, "init [--db PATH]",
	 "create the database, or bring it up to date, and load the knowledge base",
	 "--db PATH   the database (else $RAPPORTEUR_DB, else ./rapporteur.db)"},
	{"ingest", cmd_ingest, "ingest [--db PATH] [--quiet] PATH...",
	 "read letters from files and folders into the database",
	 "PATH       a letter (.md, .txt) or a folder of them, walked recursively\n"
	 "--quiet    no progress line\n"
	 "--db PATH  the database"},
	{"list", cmd_list, "list [filters]", "list the communications held, newest first", CLI_FILTER_HELP},
	{"show", cmd_show, "show REF [--json] [--db PATH]",
	 "one communication, with the letters it cites and those that cite it",
	 "REF        \"AL KAZ 2/2024\", \"AL-KAZ-2-2024\" or \"KAZ 2/2024\"\n"
	 "--json     the stored record with its status and chain"},
	{"search", cmd_search, "search QUERY [--order relevance|newest] [--limit N] [--offset N] [filters]",
	 "full-text search: words, \"phrases\", prefix*, AND, OR, NOT",
	 "--order    relevance (default) or newest\n"
	 "--limit N  hits per page (20)\n"
	 "--offset N skip the first N hits\n" CLI_FILTER_HELP},
	{"export", cmd_export, "export --format json|csv [--out DIR] [filters]",
	 "communications for other tools: JSON records, or CSV tables",
	 "--format json   an array of letter records\n"
	 "--format csv    one row per communication; with --out DIR also questions.csv and citations.csv\n"
	 "--out DIR       write files into DIR instead of standard output\n" CLI_FILTER_HELP},
	{"help", cmd_help, "help [COMMAND]", "list the commands, or explain one", NULL},
	{NULL, NULL, NULL, NULL, NULL},
};

