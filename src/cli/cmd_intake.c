/*
 * cmd_intake.c - `rapporteur intake add|list|show|decide|duplicates|link|
 * apart`: submissions from sources, as docs/CASES.md describes them. Flags
 * become the same JSON fields a file gives, so one validator
 * (intake_from_json) checks both. The source's identity and contact, the
 * narrative and notes are shown only by `intake show` (the officer's view).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/clock.h"
#include "../domain/intake.h"
#include "../domain/privacy.h"
#include "../domain/workflow.h"
#include "../read/read.h"
#include "../util/date.h"
#include "../util/die.h"
#include "cli.h"

struct intake_args {
	const char *db, *key_file, *as, *file, *id, *status, *reason, *person, *case_id, *victim;
	bool json, admissible, inadmissible;
	json_t *fields;	 /* from flags */
	json_t *source;	 /* from --source-* */
	json_t *victims; /* from --victim, --group */
};



static json_t *last_victim(struct intake_args *a, const char *flag)
{
	size_t n = json_array_size(a->victims);
	if (!n)
		cli_usage("intake", "%s: give it after the --victim or --group it is about", flag);
	return json_array_get(a->victims, n - 1);
}

static bool yes_no(const char *flag, const char *v)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true"))
		return true;
	if (!strcmp(v, "no") || !strcmp(v, "false"))
		return false;
	cli_usage("intake", "%s %s: give yes or no", flag, v);
}

static void parse_args(int argc, char **argv, struct intake_args *a)
{
	memset(a, 0, sizeof(*a));
	a->fields = json_object();
	a->source = json_object();
	a->victims = json_array();
	const char *v;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &a->db) || cli_option(argc, argv, &i, "--key-file", &a->key_file) ||
		    cli_option(argc, argv, &i, "--as", &a->as) || cli_option(argc, argv, &i, "--file", &a->file) ||
		    cli_option(argc, argv, &i, "--status", &a->status) ||
		    cli_option(argc, argv, &i, "--reason", &a->reason) ||
		    cli_option(argc, argv, &i, "--person", &a->person) || cli_option(argc, argv, &i, "--case", &a->case_id))
			continue;
		if (cli_option(argc, argv, &i, "--today", &v)) {
			struct error err;
			if (clock_set_today(v, &err) < 0)
				cli_usage("intake", "--today: %s", err.message);
		} else if (cli_option(argc, argv, &i, "--source-name", &v))
			json_object_set_new(a->source, "name", json_string(v));
		else if (cli_option(argc, argv, &i, "--source-contact", &v))
			json_object_set_new(a->source, "contact", json_string(v));
		else if (cli_option(argc, argv, &i, "--source-kind", &v))
			json_object_set_new(a->source, "kind", json_string(v));
		else if (cli_option(argc, argv, &i, "--source-id", &v))
			json_object_set_new(a->source, "id", json_integer(strtoll(v, NULL, 10)));
		else if (cli_option(argc, argv, &i, "--received", &v))
			json_object_set_new(a->fields, "received", json_string(v));
		else if (cli_option(argc, argv, &i, "--language", &v))
			json_object_set_new(a->fields, "language", json_string(v));
		else if (cli_option(argc, argv, &i, "--urgency", &v))
			json_object_set_new(a->fields, "urgency", json_string(v));
		else if (cli_option(argc, argv, &i, "--country", &v))
			json_object_set_new(a->fields, "country", json_string(v));
		else if (cli_option(argc, argv, &i, "--subject", &v))
			json_object_set_new(a->fields, "subject", json_string(v));
		else if (cli_option(argc, argv, &i, "--incident-date", &v))
			json_object_set_new(a->fields, "incident_date", json_string(v));
		else if (cli_option(argc, argv, &i, "--narrative", &v)) {
			char *text = cli_read_file("--narrative", v);
			json_object_set_new(a->fields, "narrative", json_string(text));
			free(text);
		} else if (cli_option(argc, argv, &i, "--notes", &v)) {
			char *text = cli_read_file("--notes", v);
			json_object_set_new(a->fields, "internal_notes", json_string(text));
			free(text);
		} else if (cli_option(argc, argv, &i, "--victim", &v)) {
			/* the submission's victims with --victim NAME; the link's victim number with --victim N */
			if (!strcmp(argv[1], "link"))
				a->victim = v;
			else
				json_array_append_new(a->victims, json_pack("{s:s}", "name", v));
		} else if (cli_option(argc, argv, &i, "--consent", &v))
			json_object_set_new(last_victim(a, "--consent"), "consent", json_boolean(yes_no("--consent", v)));
		else if (cli_option(argc, argv, &i, "--group", &v))
			json_array_append_new(a->victims, json_pack("{s:s}", "group", v));
		else if (cli_option(argc, argv, &i, "--count", &v))
			json_object_set_new(last_victim(a, "--count"), "count", json_integer(strtoll(v, NULL, 10)));
		else if (cli_flag(argv, i, "--admissible"))
			a->admissible = true;
		else if (cli_flag(argv, i, "--inadmissible"))
			a->inadmissible = true;
		else if (cli_flag(argv, i, "--json"))
			a->json = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage("intake", "unknown option %s", argv[i]);
		else if (!a->id)
			a->id = argv[i];
		else
			cli_usage("intake", "unexpected argument %s", argv[i]);
	}
}

static void args_release(struct intake_args *a)
{
	json_decref(a->fields);
	json_decref(a->source);
	json_decref(a->victims);
}




static int intake_add_cmd(struct intake_args *a)
{
	json_t *j = a->file ? cli_read_json_object(a->file, "a submission is a JSON object (see docs/CASES.md)") : json_object();
	json_object_update(j, a->fields);
	if (json_object_size(a->source)) {
		json_t *src = json_object_get(j, "source");
		if (json_is_object(src))
			json_object_update(src, a->source);
		else
			json_object_set(j, "source", a->source);
	}
	if (json_array_size(a->victims)) {
		json_t *v = json_object_get(j, "victims");
		if (json_is_array(v))
			json_array_extend(v, a->victims);
		else
			json_object_set(j, "victims", a->victims);
	}
	struct intake_submission s;
	intake_init(&s);
	struct error err;
	if (intake_from_json(j, clock_today(), &s, &err) < 0)
		die("%s%s%s", a->file ? a->file : "", a->file ? ": " : "", err.message);
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	long long id = intake_add(db, pv, &s, wf_actor(a->as), &err);
	if (!id)
		die("%s", err.message);
	printf("submission %lld received (pending)\n", id);
	struct intake_suggestion *sg;
	size_t n = intake_suggest_mandates(&s, &sg);
	for (size_t i = 0; i < n; i++)
		printf("%s %s (%d: %s)\n", i ? "                  " : "suggested mandates:", sg[i].mandate, sg[i].score,
		       sg[i].evidence);
	intake_suggestions_free(sg, n);
	struct intake_match *m;
	size_t mn;
	if (intake_duplicates(db, pv, id, &m, &mn, &err) < 0)
		die("%s", err.message);
	if (mn)
		printf("possible duplicates: %zu (rapporteur intake duplicates %lld)\n", mn, id);
	intake_matches_free(m, mn);
	intake_release(&s);
	privacy_free(pv);
	db_close(db);
	json_decref(j);
	return 0;
}

static int intake_list_cmd(struct intake_args *a)
{
	if (a->status && strcmp(a->status, "pending") && strcmp(a->status, "admissible") && strcmp(a->status, "inadmissible"))
		cli_usage("intake", "--status %s: pending, admissible or inadmissible", a->status);
	struct db *db = cli_open_store(a->db);
	struct intake_row *rows;
	size_t n;
	struct error err;
	if (intake_list(db, a->status, &rows, &n, &err) < 0)
		die("%s", err.message);
	if (a->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:i, s:s?, s:o}", "id",
							     (json_int_t)rows[i].id, "received", rows[i].received, "status",
							     rows[i].status, "urgency", rows[i].urgency, "country", rows[i].country,
							     "subject", rows[i].subject, "victims", rows[i].victims, "mandates",
							     rows[i].mandates, "case",
							     rows[i].case_id ? json_integer(rows[i].case_id) : json_null()));
		cli_print_json(arr);
		json_decref(arr);
	} else {
		if (n)
			printf("%-5s %-10s %-12s %-7s %-3s %-7s %-5s %s\n", "id", "received", "status", "urgency", "to",
			       "victims", "case", "subject; suggested mandates");
		for (size_t i = 0; i < n; i++) {
			char case_text[24] = "-";
			if (rows[i].case_id)
				snprintf(case_text, sizeof(case_text), "%lld", rows[i].case_id);
			printf("%-5lld %-10s %-12s %-7s %-3s %-7d %-5s %s; %s\n", rows[i].id, rows[i].received, rows[i].status,
			       rows[i].urgency, *rows[i].country ? rows[i].country : "-", rows[i].victims, case_text,
			       rows[i].subject ? rows[i].subject : "(no subject)", rows[i].mandates ? rows[i].mandates : "-");
		}
		if (!n)
			printf("no submissions%s%s\n", a->status ? " " : "", a->status ? a->status : "");
	}
	intake_rows_free(rows, n);
	db_close(db);
	return 0;
}

static int intake_show_cmd(struct intake_args *a)
{
	long long id = cli_need_number("intake", "ID", a->id);
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	struct intake_submission s;
	intake_init(&s);
	struct intake_suggestion *sg;
	size_t n;
	struct error err;
	if (intake_load(db, pv, id, &s, &sg, &n, &err) < 0)
		die("%s", err.message);
	char received[11];
	date_format_iso(s.received, received);
	struct buf when = BUF_INIT;
	event_date_format(&s.incident, &when);
	if (a->json) {
		json_t *victims = json_array();
		for (size_t i = 0; i < s.victim_count; i++) {
			const struct person *p = &s.victims[i];
			json_array_append_new(victims, json_pack("{s:i, s:I, s:s, s:s?, s:b, s:s?, s:I}", "victim", (int)i + 1,
								 "person", (json_int_t)p->id, "kind", p->group ? "group" : "person",
								 "name", p->group ? p->group_description : p->name, "consent",
								 p->consent, "contact", p->contact, "count",
								 (json_int_t)(p->group ? p->group_count : 1)));
		}
		json_t *mandates = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(mandates, json_pack("{s:s, s:i, s:s}", "mandate", sg[i].mandate, "score",
								  sg[i].score, "evidence", sg[i].evidence));
		json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s, s:{s:I, s:s, s:s?, s:s?}, s:s?, s:s?, s:o, s:o, "
				      "s:s?, s:s?, s:s?, s:o}",
				      "id", (json_int_t)id, "received", received, "status", s.status, "language", s.language,
				      "urgency", s.urgency, "country", *s.country ? s.country : NULL, "incident_date", when.data,
				      "source", "id", (json_int_t)s.source.id, "kind", s.source.kind, "name", s.source.identity,
				      "contact", s.source.contact, "subject", s.subject, "narrative", s.narrative, "victims",
				      victims, "mandates", mandates, "decision_reason", s.decision_reason, "decided_by",
				      s.decided_by, "internal_notes", s.notes, "case",
				      s.case_id ? json_integer(s.case_id) : json_null());
		cli_print_json(j);
		json_decref(j);
	} else {
		printf("submission %lld: %s, %s, received %s, in %s\n", id, s.status, s.urgency, received, s.language);
		if (s.subject)
			printf("subject: %s\n", s.subject);
		printf("country: %s; incident: %s\n", *s.country ? s.country : "-", when.data);
		printf("source %lld (%s, confidential): %s <%s>\n", s.source.id, s.source.kind,
		       s.source.identity ? s.source.identity : "", s.source.contact ? s.source.contact : "no contact");
		printf("victims:\n");
		for (size_t i = 0; i < s.victim_count; i++) {
			struct buf b = BUF_INIT;
			person_officer_name(&s.victims[i], &b);
			printf("  %zu. person %lld: %s%s\n", i + 1, s.victims[i].id, b.data,
			       !s.victims[i].group && s.victims[i].consent ? " (consented to be named)" : "");
			buf_release(&b);
		}
		printf("suggested mandates:\n");
		for (size_t i = 0; i < n; i++)
			printf("  %s (%d: %s)\n", sg[i].mandate, sg[i].score, sg[i].evidence);
		if (s.decision_reason)
			printf("decision: %s by %s, %s: %s\n", s.status, s.decided_by, s.decided_at, s.decision_reason);
		if (s.case_id)
			printf("case: %lld\n", s.case_id);
		printf("narrative (confidential):\n%s\n", s.narrative ? s.narrative : "");
		if (s.notes)
			printf("internal notes (confidential):\n%s\n", s.notes);
	}
	buf_release(&when);
	intake_suggestions_free(sg, n);
	intake_release(&s);
	privacy_free(pv);
	db_close(db);
	return 0;
}

static int intake_decide_cmd(struct intake_args *a)
{
	long long id = cli_need_number("intake", "ID", a->id);
	if (a->admissible == a->inadmissible)
		cli_usage("intake", "decide: give --admissible or --inadmissible");
	if (!a->reason)
		cli_usage("intake", "decide: --reason: required: say why");
	struct db *db = cli_open_store(a->db);
	struct error err;
	if (intake_decide(db, id, a->admissible, a->reason, wf_actor(a->as), &err) < 0)
		die("%s", err.message);
	printf("submission %lld: %s\n", id, a->admissible ? "admissible" : "inadmissible");
	db_close(db);
	return 0;
}

static int intake_duplicates_cmd(struct intake_args *a)
{
	long long id = cli_need_number("intake", "ID", a->id);
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	struct intake_match *m;
	size_t n;
	struct error err;
	if (intake_duplicates(db, pv, id, &m, &n, &err) < 0)
		die("%s", err.message);
	if (a->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:i, s:s?, s:I, s:s?, s:f, s:s?, s:s?}", "kind",
							     m[i].kind == INTAKE_MATCH_PERSON ? "person" : "case", "victim",
							     m[i].victim, "victim_name", m[i].victim_name, "target",
							     (json_int_t)m[i].target, "target_name", m[i].target_name, "score",
							     m[i].score, "why", m[i].why, "decision",
							     *m[i].decision ? m[i].decision : NULL));
		cli_print_json(arr);
		json_decref(arr);
	} else {
		if (!n)
			printf("submission %lld: no possible duplicates\n", id);
		for (size_t i = 0; i < n; i++) {
			const char *kind = m[i].kind == INTAKE_MATCH_PERSON ? "person" : "case";
			printf("%s %lld \"%s\" %.2f", kind, m[i].target, m[i].target_name, m[i].score);
			if (m[i].victim)
				printf(" ~ victim %d \"%s\"", m[i].victim, m[i].victim_name);
			printf(": %s", m[i].why);
			if (*m[i].decision)
				printf(" [%s]\n", m[i].decision);
			else if (m[i].kind == INTAKE_MATCH_PERSON)
				printf("\n    link: rapporteur intake link %lld --victim %d --person %lld; apart: rapporteur intake apart "
				       "%lld --person %lld\n",
				       id, m[i].victim, m[i].target, id, m[i].target);
			else
				printf("\n    link: rapporteur intake link %lld --case %lld; apart: rapporteur intake apart %lld "
				       "--case %lld\n",
				       id, m[i].target, id, m[i].target);
		}
	}
	intake_matches_free(m, n);
	privacy_free(pv);
	db_close(db);
	return 0;
}

static int intake_link_cmd(struct intake_args *a, bool apart)
{
	long long id = cli_need_number("intake", "ID", a->id);
	if (!!a->person == !!a->case_id)
		cli_usage("intake", "%s: give --person P or --case C", apart ? "apart" : "link");
	struct db *db = cli_open_store(a->db);
	struct error err;
	const char *actor = wf_actor(a->as);
	int rc;
	if (a->person) {
		long long person = cli_need_number("intake", "--person", a->person);
		if (apart)
			rc = intake_keep_apart(db, id, INTAKE_MATCH_PERSON, person, actor, &err);
		else {
			if (!a->victim)
				cli_usage("intake", "link --person: give --victim N, the submission's victim who is that person");
			rc = intake_link_person(db, id, (int)cli_need_number("intake", "--victim", a->victim), person, actor, &err);
		}
		if (rc == 0)
			printf(apart ? "submission %lld: kept apart from person %lld\n"
				     : "submission %lld: its victim is person %lld\n",
			       id, person);
	} else {
		long long c = cli_need_number("intake", "--case", a->case_id);
		rc = apart ? intake_keep_apart(db, id, INTAKE_MATCH_CASE, c, actor, &err)
			   : intake_link_case(db, id, c, actor, &err);
		if (rc == 0)
			printf(apart ? "submission %lld: kept apart from case %lld\n" : "submission %lld: part of case %lld\n",
			       id, c);
	}
	if (rc < 0)
		die("%s", err.message);
	db_close(db);
	return 0;
}

int cmd_intake(int argc, char **argv)
{
	if (argc < 2)
		cli_usage("intake", "give a subcommand: add, list, show, decide, duplicates, link or apart");
	struct intake_args a;
	parse_args(argc, argv, &a);
	const char *sub = argv[1];
	int rc;
	if (!strcmp(sub, "add"))
		rc = intake_add_cmd(&a);
	else if (!strcmp(sub, "list"))
		rc = intake_list_cmd(&a);
	else if (!strcmp(sub, "show"))
		rc = intake_show_cmd(&a);
	else if (!strcmp(sub, "decide"))
		rc = intake_decide_cmd(&a);
	else if (!strcmp(sub, "duplicates"))
		rc = intake_duplicates_cmd(&a);
	else if (!strcmp(sub, "link"))
		rc = intake_link_cmd(&a, false);
	else if (!strcmp(sub, "apart"))
		rc = intake_link_cmd(&a, true);
	else
		cli_usage("intake", "unknown subcommand %s", sub);
	args_release(&a);
	return rc;
}
