/*
 * cmd_draft.c - `rapporteur draft new|edit|show|list`: an officer's
 * drafts, from a JSON file (docs/DRAFTING.md) and/or flags. The flags are
 * turned into the same JSON fields and applied after the file, so both
 * paths are validated by draft_apply_json() alone.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/draft.h"
#include "../domain/workflow.h"
#include "../read/read.h"
#include "../store/db.h"
#include "../util/die.h"
#include "cli.h"

struct draft_args {
	const char *db, *as, *file, *id;
	bool json;
	json_t *fields; /* from flags */
	json_t *joins, *provisions, *questions, *related;
	const char *lead;
};


/* A Markdown file's text as a JSON string (read_file_checked has checked its UTF-8). */
static json_t *file_text(const char *what, const char *path)
{
	char *text = cli_read_file(what, path);
	json_t *j = json_string(text);
	free(text);
	if (!j)
		die("%s: %s is not valid UTF-8 text", what, path);
	return j;
}

/* "CAT:1,2,12" -> {"instrument": "CAT", "articles": ["1","2","12"], "violation": v} */
static json_t *provision_arg(const char *s, bool violation)
{
	const char *colon = strchr(s, ':');
	if (!colon || colon == s || !colon[1])
		cli_usage("draft", "--provision %s: give INSTRUMENT:ARTICLE[,ARTICLE...], e.g. CAT:1,2,12", s);
	json_t *arts = json_array();
	char *copy = xstrdup(colon + 1), *save = NULL;
	for (char *a = strtok_r(copy, ",", &save); a; a = strtok_r(NULL, ",", &save))
		json_array_append_new(arts, json_string(a));
	free(copy);
	return json_pack("{s:s%, s:o, s:b}", "instrument", s, (size_t)(colon - s), "articles", arts, "violation",
			 violation);
}

static void parse_args(int argc, char **argv, struct draft_args *a, bool takes_id)
{
	a->fields = json_object();
	const char *v;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &a->db) || cli_option(argc, argv, &i, "--as", &a->as) ||
		    cli_option(argc, argv, &i, "--file", &a->file))
			continue;
		if (cli_option(argc, argv, &i, "--type", &v))
			json_object_set_new(a->fields, "type", json_string(v));
		else if (cli_option(argc, argv, &i, "--addressee", &v))
			json_object_set_new(a->fields, "addressee", json_string(v));
		else if (cli_option(argc, argv, &i, "--addressee-name", &v))
			json_object_set_new(a->fields, "addressee_name", json_string(v));
		else if (cli_option(argc, argv, &i, "--language", &v))
			json_object_set_new(a->fields, "language", json_string(v));
		else if (cli_option(argc, argv, &i, "--date", &v))
			json_object_set_new(a->fields, "date", json_string(v));
		else if (cli_option(argc, argv, &i, "--subject", &v))
			json_object_set_new(a->fields, "subject", json_string(v));
		else if (cli_option(argc, argv, &i, "--facts", &v))
			json_object_set_new(a->fields, "facts", file_text("--facts", v));
		else if (cli_option(argc, argv, &i, "--concerns", &v))
			json_object_set_new(a->fields, "concerns", file_text("--concerns", v));
		else if (cli_option(argc, argv, &i, "--notes", &v))
			json_object_set_new(a->fields, "internal_notes", file_text("--notes", v));
		else if (cli_option(argc, argv, &i, "--lead", &v))
			a->lead = v;
		else if (cli_option(argc, argv, &i, "--join", &v)) {
			char *copy = xstrdup(v), *save = NULL;
			for (char *m = strtok_r(copy, ",", &save); m; m = strtok_r(NULL, ",", &save))
				json_array_append_new(a->joins, json_string(m));
			free(copy);
		} else if (cli_option(argc, argv, &i, "--provision", &v))
			json_array_append_new(a->provisions, provision_arg(v, true));
		else if (cli_option(argc, argv, &i, "--cite", &v))
			json_array_append_new(a->provisions, provision_arg(v, false));
		else if (cli_option(argc, argv, &i, "--question", &v)) {
			/* a catalogue id, or the text of a question */
			bool id = kb_question(kb_shared(), v) != NULL;
			json_array_append_new(a->questions, json_pack("{s:s}", id ? "catalogue" : "text", v));
		} else if (cli_option(argc, argv, &i, "--related", &v))
			json_array_append_new(a->related, json_string(v));
		else if (cli_flag(argv, i, "--interim-measures"))
			json_object_set_new(a->fields, "interim_measures", json_true());
		else if (cli_flag(argv, i, "--press-release"))
			json_object_set_new(a->fields, "press_release", json_true());
		else if (cli_flag(argv, i, "--json"))
			a->json = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage("draft", "unknown option %s", argv[i]);
		else if (takes_id && !a->id)
			a->id = argv[i];
		else
			cli_usage("draft", "unexpected argument %s", argv[i]);
	}
}


/* The flags as draft fields; the current lead is kept when only --join is given. */
static void apply_flags(struct draft *d, struct draft_args *a)
{
	struct error err;
	if (a->lead || json_array_size(a->joins)) {
		json_t *m = json_array();
		const char *lead = a->lead ? a->lead : d->mandate_count ? d->mandates[0]->slug : NULL;
		if (!lead)
			die("--join: name the lead mandate with --lead");
		json_array_append_new(m, json_string(lead));
		json_array_extend(m, a->joins);
		json_object_set_new(a->fields, "mandates", m);
	}
	if (json_array_size(a->provisions))
		json_object_set(a->fields, "provisions", a->provisions);
	if (json_array_size(a->questions))
		json_object_set(a->fields, "questions", a->questions);
	if (json_array_size(a->related))
		json_object_set(a->fields, "related", a->related);
	if (draft_apply_json(d, a->fields, kb_shared(), &err) < 0)
		die("%s", err.message);
}

static void args_init(struct draft_args *a)
{
	memset(a, 0, sizeof(*a));
	a->joins = json_array();
	a->provisions = json_array();
	a->questions = json_array();
	a->related = json_array();
}

static void args_release(struct draft_args *a)
{
	json_decref(a->fields);
	json_decref(a->joins);
	json_decref(a->provisions);
	json_decref(a->questions);
	json_decref(a->related);
}

static long long need_draft(struct db *db, const char *id)
{
	if (!id)
		cli_usage("draft", "give the draft's number");
	long long n = wf_resolve(db, id);
	if (!n)
		die("%s: no such draft or communication", id);
	return n;
}

static int draft_new(int argc, char **argv)
{
	struct draft_args a;
	args_init(&a);
	parse_args(argc, argv, &a, false);
	struct draft d;
	draft_init(&d);
	struct error err;
	if (a.file) {
		json_t *j = cli_read_json_object(a.file, "a draft is a JSON object (see docs/DRAFTING.md)");
		if (draft_apply_json(&d, j, kb_shared(), &err) < 0)
			die("%s: %s", a.file, err.message);
		json_decref(j);
	}
	apply_flags(&d, &a);
	struct db *db = cli_open_store(a.db);
	long long id = wf_draft_create(db, &d, wf_actor(a.as), &err);
	if (!id)
		die("%s", err.message);
	printf("draft %lld created\n", id);
	if (draft_check_complete(&d, &err) < 0)
		printf("not ready for approval yet: %s\n", err.message);
	draft_release(&d);
	db_close(db);
	args_release(&a);
	return 0;
}

static int draft_edit(int argc, char **argv)
{
	struct draft_args a;
	args_init(&a);
	parse_args(argc, argv, &a, true);
	struct db *db = cli_open_store(a.db);
	long long id = need_draft(db, a.id);
	struct draft d;
	draft_init(&d);
	struct error err;
	if (wf_draft_load(db, id, &d, &err) < 0)
		die("%s", err.message);
	if (a.file) {
		json_t *j = cli_read_json_object(a.file, "a draft is a JSON object (see docs/DRAFTING.md)");
		if (draft_apply_json(&d, j, kb_shared(), &err) < 0)
			die("%s: %s", a.file, err.message);
		json_decref(j);
	}
	apply_flags(&d, &a);
	char before[16];
	wf_status(db, id, before);
	if (wf_draft_save(db, id, &d, wf_actor(a.as), &err) < 0)
		die("%s", err.message);
	printf("draft %lld saved%s\n", id,
	       !strcmp(before, "approved") ? "; it was approved: the mandates must approve it again" : "");
	draft_release(&d);
	db_close(db);
	args_release(&a);
	return 0;
}

static void print_approvals(struct db *db, long long id, const struct draft *d)
{
	struct db_stmt *st = db_prepare(db, "SELECT approved_by, approved_at FROM approvals WHERE communication_id = ?1 AND mandate = ?2", NULL);
	for (size_t i = 0; st && i < d->mandate_count; i++) {
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, d->mandates[i]->slug);
		if (db_step(st, NULL) == 1)
			printf("  %-5s %-40s approved by %s, %s\n", i ? "joins" : "lead", d->mandates[i]->slug, db_text(st, 0),
			       db_text(st, 1));
		else
			printf("  %-5s %-40s awaiting approval\n", i ? "joins" : "lead", d->mandates[i]->slug);
		db_reset(st);
	}
	db_finalize(st);
}

static int draft_show(int argc, char **argv)
{
	struct draft_args a;
	args_init(&a);
	parse_args(argc, argv, &a, true);
	struct db *db = cli_open_store(a.db);
	long long id = need_draft(db, a.id);
	struct draft d;
	draft_init(&d);
	struct error err;
	if (wf_draft_load(db, id, &d, &err) < 0)
		die("%s", err.message);
	char status[16];
	wf_status(db, id, status);
	if (a.json) {
		json_t *j = draft_to_json(&d);
		json_object_set_new(j, "id", json_integer(id));
		json_object_set_new(j, "status", json_string(status));
		char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		puts(s);
		free(s);
		json_decref(j);
	} else {
		printf("draft %lld, %s: %s to %s%s%s%s\n", id, status, d.type[0] ? d.type : "(no type)",
		       d.addressee[0] ? d.addressee : "(no addressee)", d.addressee_name ? " (" : "",
		       d.addressee_name ? d.addressee_name : "", d.addressee_name ? ")" : "");
		if (d.subject)
			printf("subject: %s\n", d.subject);
		printf("mandates:\n");
		print_approvals(db, id, &d);
		printf("provisions:\n");
		for (size_t i = 0; i < d.provision_count; i++) {
			printf("  %s", d.provisions[i].instrument->short_name);
			for (size_t k = 0; k < d.provisions[i].article_count; k++)
				printf("%s%s", k ? "," : " art. ", d.provisions[i].articles[k]);
			printf("%s\n", d.provisions[i].violation ? "  (would violate)" : "  (cited)");
		}
		printf("questions:\n");
		for (size_t i = 0; i < d.question_count; i++)
			printf("  %zu. %s\n", i + 1, d.questions[i].text);
		for (size_t i = 0; i < d.related_count; i++)
			printf("follows up: %s\n", d.related[i]);
		if (d.internal_notes)
			printf("internal notes (confidential):\n  %s\n", d.internal_notes);
		if (draft_check_complete(&d, &err) < 0)
			printf("not ready for approval: %s\n", err.message);
	}
	draft_release(&d);
	db_close(db);
	args_release(&a);
	return 0;
}

static int draft_list(int argc, char **argv)
{
	struct draft_args a;
	args_init(&a);
	parse_args(argc, argv, &a, false);
	struct db *db = cli_open_store(a.db);
	struct error err;
	struct db_stmt *st = db_prepare(db, "SELECT c.id, c.status, coalesce(c.type, '-'), coalesce(c.country, '-'), "
					    "coalesce(json_extract(c.draft, '$.subject'), ''), "
					    "(SELECT count(*) FROM approvals a WHERE a.communication_id = c.id), "
					    "json_array_length(c.draft, '$.mandates'), c.created_by "
					    "FROM communications c WHERE c.status IN ('draft', 'approved') ORDER BY c.id", &err);
	if (!st)
		die("%s", err.message);
	int n = 0;
	while (db_step(st, NULL) == 1) {
		if (!n++)
			printf("%-5s %-9s %-4s %-4s %-9s %-12s %s\n", "id", "status", "type", "to", "approved", "by",
			       "subject");
		char approved[16];
		snprintf(approved, sizeof(approved), "%lld/%lld", db_int(st, 5), db_int(st, 6));
		printf("%-5lld %-9s %-4s %-4s %-9s %-12s %s\n", db_int(st, 0), db_text(st, 1), db_text(st, 2),
		       db_text(st, 3), approved, db_text(st, 7) ? db_text(st, 7) : "-", db_text(st, 4));
	}
	db_finalize(st);
	if (!n)
		printf("no drafts\n");
	db_close(db);
	args_release(&a);
	return 0;
}

int cmd_draft(int argc, char **argv)
{
	if (argc < 2)
		cli_usage("draft", "give new, edit, show or list");
	if (!strcmp(argv[1], "new"))
		return draft_new(argc, argv);
	if (!strcmp(argv[1], "edit"))
		return draft_edit(argc, argv);
	if (!strcmp(argv[1], "show"))
		return draft_show(argc, argv);
	if (!strcmp(argv[1], "list"))
		return draft_list(argc, argv);
	cli_usage("draft", "%s: give new, edit, show or list", argv[1]);
}
