/*
 * cmd_parse.c - `rapporteur parse [--json] FILE`: one letter's record,
 * as JSON (../shared/schema/letter-record.md) or as a readable summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/letterfile.h"
#include "../extract/record_json.h"
#include "../util/date.h"
#include "../util/die.h"
#include "cli.h"

static void print_summary(const struct letter *l)
{
	char date[11] = "?", due[11] = "?";
	if (l->date != DATE_NONE)
		date_format_iso(l->date, date);
	if (l->reply_due != DATE_NONE)
		date_format_iso(l->reply_due, due);
	printf("%s  (%s, %s)\n", l->reference ? l->reference : "(no reference)", l->source,
	       l->language);
	printf("  type %s, addressee %s, dated %s\n", l->type[0] ? l->type : "?",
	       l->country[0] ? l->country : "?", date);
	printf("  reply within %d days, due %s\n", l->reply_deadline_days, due);
	printf("  mandates (%zu):\n", l->mandates_count);
	for (size_t i = 0; i < l->mandates_count; i++)
		printf("    %-6s %s\n", l->mandates[i].resolution ? l->mandates[i].resolution : "-",
		       l->mandates[i].title);
	printf("  questions: %zu\n", l->questions_count);
	for (size_t i = 0; i < l->questions_count; i++)
		printf("    %d. %.100s%s\n", l->questions[i].n, l->questions[i].text,
		       strlen(l->questions[i].text) > 100 ? "..." : "");
	printf("  would violate:");
	for (size_t i = 0; i < l->citations_count; i++)
		if (l->citations[i].violation)
			printf(" %s %s;", l->citations[i].instrument ? l->citations[i].instrument : "?",
			       l->citations[i].article);
	printf("\n  ratifications:");
	for (size_t i = 0; i < l->ratifications_count; i++) {
		char d[11];
		date_format_iso(l->ratifications[i].date, d);
		printf(" %s %s %s;", l->ratifications[i].instrument, l->ratifications[i].action, d);
	}
	printf("\n  related: ");
	for (size_t i = 0; i < l->related_count; i++)
		printf("%s%s", i ? ", " : "", l->related[i]);
	printf("\n  signatories:\n");
	for (size_t i = 0; i < l->signatories_count; i++)
		printf("    %s, %s\n", l->signatories[i].name, l->signatories[i].title);
	printf("  citations %zu, documents %zu, links %zu, figures %zu\n", l->citations_count,
	       l->documents_count, l->links_count, l->figures_count);
	for (size_t i = 0; i < l->warnings_count; i++)
		printf("  warning: %s\n", l->warnings[i]);
}

int cmd_parse(int argc, char **argv)
{
	bool json = false;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_flag(argv, i, "--json"))
			json = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage("parse", "unknown option %s", argv[i]);
		else if (path)
			cli_usage("parse", "one FILE only");
		else
			path = argv[i];
	}
	if (!path)
		cli_usage("parse", "which letter? give a FILE");
	struct letter l;
	struct error err;
	if (letterfile_parse(path, &l, &err) < 0)
		die("%s", err.message);
	if (json) {
		json_t *o = record_to_json(&l, false);
		char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
		puts(s);
		free(s);
		json_decref(o);
	} else {
		print_summary(&l);
	}
	letter_release(&l);
	return 0;
}
