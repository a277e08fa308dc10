/*
 * cmd_case.c - `rapporteur case ...`: cases after "who did what to whom"
 * (docs/CASES.md). Every way of adding to a case (a whole JSON file, or
 * one item from flags or its own file) becomes one JSON import checked by
 * cases_import(), so files and flags share one validator. `case show` is
 * the officer's view unless --public; `case draft` makes a draft
 * communication through the workflow.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/case_draft.h"
#include "../domain/cases.h"
#include "../domain/clock.h"
#include "../domain/intake.h"
#include "../domain/privacy.h"
#include "../domain/vocab.h"
#include "../domain/workflow.h"
#include "../read/read.h"
#include "../util/date.h"
#include "../util/die.h"
#include "cli.h"

struct case_args {
	const char *db, *key_file, *as, *file, *id, *title, *country, *notes, *from_submission, *person, *case_id;
	bool json, public_view;
	json_t *item; /* the one item from flags */
	json_t *cite; /* --source/--submission with --reliability */
};



/* A reference on the command line: a number is an id held, anything else a ref. */
static json_t *ref_value(const char *v)
{
	char *end;
	long long n = strtoll(v, &end, 10);
	return *v && !*end ? json_integer(n) : json_string(v);
}

static bool yes_no(const char *flag, const char *v)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true"))
		return true;
	if (!strcmp(v, "no") || !strcmp(v, "false"))
		return false;
	cli_usage("case", "%s %s: give yes or no", flag, v);
}

/* The flags that set a field of the item, and how. */
static const struct {
	const char *flag, *field;
	char how; /* s string, r reference, b yes/no, i integer, f file's text, a list item */
} item_flags[] = {
	{"--name", "name", 's'},	   {"--consent", "consent", 'b'},     {"--contact", "contact", 's'},
	{"--sex", "sex", 's'},		   {"--age", "age", 'i'},	      {"--profile", "profiles", 'a'},
	{"--group", "group", 's'},	   {"--count", "count", 'i'},	      {"--kind", "kind", 's'},
	{"--official", "official", 'b'},   {"--locality", "locality", 's'},   {"--authority", "authority", 's'},
	{"--unit", "unit", 's'},	   {"--role", "role", 's'},	      {"--date", "date", 's'},
	{"--summary", "summary", 's'},	   {"--summary-file", "summary", 'f'}, {"--place", "place", 'r'},
	{"--event", "event", 'r'},	   {"--victim", "victim", 'r'},	      {"--type", "type", 's'},
	{"--method", "method", 's'},	   {"--perpetrator", "perpetrator", 'r'}, {"--at", "at", 's'},
	{"--ordered-by", "ordered_by", 's'}, {"--grounds", "grounds", 's'}, {"--supervising", "supervising", 's'},
	{"--registered", "registered", 'b'}, {"--cause", "cause", 's'},    {"--remains", "remains", 's'},
	{"--step-notes", "notes", 's'},	   {"--ref", "ref", 's'},	      {"--identity", "identity", 's'},
};

static void parse_args(int argc, char **argv, struct case_args *a)
{
	memset(a, 0, sizeof(*a));
	a->item = json_object();
	const char *v, *reliability = NULL;
	json_t *cite_source = NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &a->db) || cli_option(argc, argv, &i, "--key-file", &a->key_file) ||
		    cli_option(argc, argv, &i, "--as", &a->as) || cli_option(argc, argv, &i, "--file", &a->file) ||
		    cli_option(argc, argv, &i, "--title", &a->title) ||
		    cli_option(argc, argv, &i, "--country", &a->country) ||
		    cli_option(argc, argv, &i, "--from-submission", &a->from_submission) ||
		    cli_option(argc, argv, &i, "--case", &a->case_id))
			continue;
		if (cli_option(argc, argv, &i, "--today", &v)) {
			struct error err;
			if (clock_set_today(v, &err) < 0)
				cli_usage("case", "--today: %s", err.message);
			continue;
		}
		if (cli_option(argc, argv, &i, "--notes", &v)) {
			a->notes = v;
			continue;
		}
		if (cli_option(argc, argv, &i, "--person", &v)) {
			a->person = v;
			json_object_set_new(a->item, "person", ref_value(v));
			continue;
		}
		if (cli_option(argc, argv, &i, "--source", &v)) {
			cite_source = json_pack("{s:o}", "source", ref_value(v));
			continue;
		}
		if (cli_option(argc, argv, &i, "--submission", &v)) {
			cite_source = json_pack("{s:I}", "submission", (json_int_t)strtoll(v, NULL, 10));
			continue;
		}
		if (cli_option(argc, argv, &i, "--reliability", &reliability))
			continue;
		bool done = false;
		for (size_t f = 0; f < sizeof(item_flags) / sizeof(item_flags[0]) && !done; f++) {
			if (!cli_option(argc, argv, &i, item_flags[f].flag, &v))
				continue;
			done = true;
			json_t *val;
			switch (item_flags[f].how) {
			case 'r':
				val = ref_value(v);
				break;
			case 'b':
				val = json_boolean(yes_no(item_flags[f].flag, v));
				break;
			case 'i': {
				char *end;
				long long n = strtoll(v, &end, 10);
				if (*end || !*v)
					cli_usage("case", "%s %s: give a whole number", item_flags[f].flag, v);
				val = json_integer(n);
				break;
			}
			case 'f': {
				char *text = cli_read_file(item_flags[f].flag, v);
				val = json_string(text);
				free(text);
				break;
			}
			case 'a': {
				json_t *arr = json_object_get(a->item, item_flags[f].field);
				if (!arr)
					json_object_set_new(a->item, item_flags[f].field, arr = json_array());
				json_array_append_new(arr, json_string(v));
				val = NULL;
				break;
			}
			default:
				val = json_string(v);
			}
			if (val)
				json_object_set_new(a->item, item_flags[f].field, val);
		}
		if (done)
			continue;
		if (cli_flag(argv, i, "--json"))
			a->json = true;
		else if (cli_flag(argv, i, "--public"))
			a->public_view = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage("case", "unknown option %s", argv[i]);
		else if (!a->id)
			a->id = argv[i];
		else
			cli_usage("case", "unexpected argument %s", argv[i]);
	}
	if (cite_source || reliability) {
		if (!cite_source || !reliability)
			cli_usage("case", "--source S (or --submission N) and --reliability GRADE go together");
		json_object_set_new(cite_source, "reliability", json_string(reliability));
		a->cite = json_pack("[o]", cite_source);
	}
}




static void import_or_die(struct db *db, const struct privacy *pv, long long id, json_t *j, const char *file)
{
	struct buf report = BUF_INIT;
	struct error err;
	if (cases_import(db, pv, id, j, clock_today(), &report, &err) < 0)
		die("%s%s%s", file ? file : "", file ? ": " : "", err.message);
	fputs(report.data, stdout);
	buf_release(&report);
}

static int case_new(struct case_args *a)
{
	json_t *j = a->file ? cli_read_json_object(a->file, "give a JSON object (see docs/CASES.md)") : json_object();
	const char *title = a->title ? a->title : json_string_value(json_object_get(j, "title"));
	const char *country = a->country ? a->country : json_string_value(json_object_get(j, "country"));
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	struct error err;
	struct intake_submission s;
	intake_init(&s);
	long long submission = a->from_submission ? cli_need_number("case", "--from-submission", a->from_submission) : 0;
	if (submission) {
		if (intake_load(db, NULL, submission, &s, NULL, NULL, &err) < 0)
			die("--from-submission: %s", err.message);
		if (!title)
			title = s.subject;
		if (!country && *s.country)
			country = s.country;
	}
	char *notes = a->notes ? cli_read_file("--notes", a->notes) : NULL;
	if (!notes && json_string_value(json_object_get(j, "notes")))
		notes = xstrdup(json_string_value(json_object_get(j, "notes")));
	json_object_del(j, "title");
	json_object_del(j, "country");
	json_object_del(j, "notes");
	/* the case, its submission and its contents: all or nothing */
	if (db_begin(db, &err) < 0)
		die("%s", err.message);
	long long id = cases_create(db, pv, title, country, notes, wf_actor(a->as), &err);
	if (!id) {
		db_rollback(db);
		die("%s%s%s", a->file ? a->file : "", a->file ? ": " : "", err.message);
	}
	if (submission && intake_link_case(db, submission, id, wf_actor(a->as), &err) < 0) {
		db_rollback(db);
		die("--from-submission: %s", err.message);
	}
	struct buf report = BUF_INIT;
	if (cases_import(db, pv, id, j, clock_today(), &report, &err) < 0) {
		db_rollback(db);
		die("%s%s%s", a->file ? a->file : "", a->file ? ": " : "", err.message);
	}
	if (db_commit(db, &err) < 0)
		die("%s", err.message);
	printf("case %lld created\n", id);
	if (submission)
		printf("submission %lld: part of case %lld\n", submission, id);
	fputs(report.data, stdout);
	buf_release(&report);
	free(notes);
	intake_release(&s);
	json_decref(j);
	privacy_free(pv);
	db_close(db);
	return 0;
}

static int case_list(struct case_args *a)
{
	struct db *db = cli_open_store(a->db);
	struct case_row *rows;
	size_t n;
	struct error err;
	if (cases_list(db, &rows, &n, &err) < 0)
		die("%s", err.message);
	if (a->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:i, s:i}", "id", (json_int_t)rows[i].id,
							     "title", rows[i].title, "country", rows[i].country, "status",
							     rows[i].status, "victims", rows[i].victims, "events", rows[i].events));
		cli_print_json(arr);
		json_decref(arr);
	} else {
		if (!n)
			printf("no cases\n");
		else
			printf("%-5s %-4s %-7s %-7s %-6s %s\n", "id", "to", "status", "victims", "events", "title");
		for (size_t i = 0; i < n; i++)
			printf("%-5lld %-4s %-7s %-7d %-6d %s\n", rows[i].id, rows[i].country, rows[i].status, rows[i].victims,
			       rows[i].events, rows[i].title);
	}
	case_rows_free(rows, n);
	db_close(db);
	return 0;
}

static const char *place_name(const struct case_record *c, long long id)
{
	const struct case_place *p = case_place(c, id);
	return p ? p->name : "a place not known";
}

static void print_sources(json_t *sources)
{
	size_t i;
	json_t *s;
	json_array_foreach(sources, i, s)
	{
		printf("%s source %lld (%s, %s)", i ? ";" : "  [", (long long)json_integer_value(json_object_get(s, "source")),
		       json_string_value(json_object_get(s, "kind")), json_string_value(json_object_get(s, "reliability")));
	}
	if (json_array_size(sources))
		printf("]");
}

/* The case as text: the officer's view, or the public one. Both read the
 * JSON, so that they cannot say different things. */
static void print_case(const struct case_record *c, json_t *j, bool public_view)
{
	printf("case %lld: %s (%s, %s)%s\n", c->id, c->title, c->country, c->status,
	       public_view ? " -- public view: victims who did not consent appear by their label" : "");
	if (!public_view && c->submission_count) {
		printf("submissions:");
		for (size_t i = 0; i < c->submission_count; i++)
			printf(" %lld", c->submissions[i]);
		printf("\n");
	}
	printf("victims:\n");
	for (size_t i = 0; i < c->victim_count; i++) {
		struct buf b = BUF_INIT;
		if (public_view)
			person_public_name(&c->victims[i], &b);
		else
			person_officer_name(&c->victims[i], &b);
		printf("  person %lld  %s: %s%s\n", c->victims[i].id, c->victims[i].label, b.data,
		       !public_view && !c->victims[i].group && c->victims[i].consent ? " (consented to be named)" : "");
		buf_release(&b);
	}
	if (c->place_count)
		printf("places:\n");
	for (size_t i = 0; i < c->place_count; i++)
		printf("  place %lld  %s%s%s (%s, %s)\n", c->places[i].id, c->places[i].name, c->places[i].locality ? ", " : "",
		       c->places[i].locality ? c->places[i].locality : "", c->places[i].kind,
		       c->places[i].official ? "official" : "unofficial");
	if (c->perpetrator_count)
		printf("perpetrators:\n");
	for (size_t i = 0; i < c->perpetrator_count; i++) {
		const struct case_perpetrator *p = &c->perpetrators[i];
		printf("  perpetrator %lld  %s%s%s (%s)", p->id, p->role ? p->role : "", p->role && p->unit ? ", " : "",
		       p->unit ? p->unit : "", p->kind);
		if (!public_view && p->name)
			printf(" name (confidential): %s", p->name);
		printf("\n");
	}
	json_t *events = json_object_get(j, "events");
	if (json_array_size(events))
		printf("events:\n");
	for (size_t i = 0; i < c->event_count; i++) {
		const struct case_event *e = &c->events[i];
		json_t *je = json_array_get(events, i);
		struct buf when = BUF_INIT;
		event_date_phrase(&e->date, &when);
		printf("  event %lld  %s%s%s", e->id, when.data, e->place_id ? " at " : "", e->place_id ? place_name(c, e->place_id) : "");
		if (!public_view)
			print_sources(json_object_get(je, "sources"));
		printf("\n    %s\n", e->summary);
		buf_release(&when);
		json_t *acts = json_object_get(je, "acts");
		size_t k;
		json_t *ja;
		json_array_foreach(acts, k, ja)
		{
			printf("    act %lld  %s: %s%s%s", (long long)json_integer_value(json_object_get(ja, "id")),
			       json_string_value(json_object_get(ja, "victim_public_name")),
			       json_string_value(json_object_get(ja, "type")),
			       json_is_string(json_object_get(ja, "method")) ? " / " : "",
			       json_is_string(json_object_get(ja, "method_label")) ? json_string_value(json_object_get(ja, "method_label")) : "");
			const struct case_perpetrator *p = case_perpetrator(c, e->acts[k].perpetrator_id);
			if (p)
				printf(" by perpetrator %lld", p->id);
			if (!public_view)
				print_sources(json_object_get(ja, "sources"));
			printf("\n");
		}
	}
	json_t *custody = json_object_get(j, "custody");
	size_t i;
	json_t *cj;
	json_array_foreach(custody, i, cj)
	{
		const struct person *p = case_victim(c, json_integer_value(json_object_get(cj, "person")));
		printf("custody of %s: %s, %zu steps, %zu gaps\n", p ? p->label : "?",
		       json_string_value(json_object_get(cj, "state")), json_array_size(json_object_get(cj, "steps")),
		       json_array_size(json_object_get(cj, "gaps")));
		size_t g;
		json_t *gj;
		json_array_foreach(json_object_get(cj, "gaps"), g, gj) printf("  ! %s\n", json_string_value(json_object_get(gj, "text")));
		json_array_foreach(json_object_get(cj, "problems"), g, gj) printf("  ? %s\n", json_string_value(gj));
	}
	const struct vocab *v = vocab_shared();
	for (size_t x = 0; x < c->exam_count; x++) {
		const struct medical_exam *e = &c->exams[x];
		const struct person *p = case_victim(c, e->person_id);
		char date[11];
		date_format_iso(e->examined, date);
		printf("medical exam %lld of %s on %s by %s%s%s (consent %s)\n", e->id, p ? p->label : "?", date,
		       e->examiner_role, !public_view && e->examiner ? ", " : "", !public_view && e->examiner ? e->examiner : "",
		       e->consent ? "given" : "refused");
		for (size_t k = 0; k < e->finding_count; k++) {
			const struct medical_finding *f = &e->findings[k];
			const struct vocab_entry *g = vocab_find(&v->grades, f->grade);
			printf("  %s: %s %s", f->location, g ? g->label : f->grade, f->method);
			if (!public_view && f->description)
				printf(" -- %s", f->description);
			printf("\n");
		}
	}
	if (!public_view && c->notes)
		printf("internal notes (confidential):\n%s\n", c->notes);
}

static int case_show(struct case_args *a)
{
	long long id = cli_need_number("case", "ID", a->id);
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	struct case_record c;
	struct error err;
	/* the public view never opens a sealed field */
	if (cases_load(db, a->public_view ? NULL : pv, id, &c, &err) < 0)
		die("%s", err.message);
	if (a->public_view) {
		/* names of victims who consented are sealed too: open those alone */
		for (size_t i = 0; i < c.victim_count; i++)
			if (c.victims[i].consent && !c.victims[i].group) {
				struct person p;
				if (persons_load(db, pv, c.victims[i].id, &p, &err) < 0)
					die("%s", err.message);
				c.victims[i].name = p.name;
				p.name = NULL;
				person_release(&p);
			}
	}
	json_t *j = cases_to_json(&c, a->public_view, clock_today());
	if (a->json)
		cli_print_json(j);
	else
		print_case(&c, j, a->public_view);
	json_decref(j);
	case_record_release(&c);
	privacy_free(pv);
	db_close(db);
	return 0;
}

/* add-*: one item, from --file or flags, into its list. */
static int case_add(struct case_args *a, const char *list)
{
	long long id = cli_need_number("case", "ID", a->id);
	json_t *item = a->file ? cli_read_json_object(a->file, "give a JSON object (see docs/CASES.md)") : json_incref(a->item);
	if (a->file && json_object_size(a->item))
		json_object_update(item, a->item);
	if (a->cite)
		json_object_set(item, "sources", a->cite);
	json_t *j = json_object();
	if (!strcmp(list, "custody")) {
		/* a step: its person is the chain's */
		json_t *person = json_incref(json_object_get(item, "person"));
		json_object_del(item, "person");
		json_object_set_new(j, "custody", json_pack("[{s:o, s:[o]}]", "person", person ? person : json_null(), "steps", item));
	} else {
		json_object_set_new(j, list, json_pack("[o]", item));
	}
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	import_or_die(db, pv, id, j, a->file);
	json_decref(j);
	privacy_free(pv);
	db_close(db);
	return 0;
}

static int case_import_cmd(struct case_args *a)
{
	long long id = cli_need_number("case", "ID", a->id);
	if (!a->file)
		cli_usage("case", "import: give --file CASE.json");
	json_t *j = cli_read_json_object(a->file, "give a JSON object (see docs/CASES.md)");
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	import_or_die(db, pv, id, j, a->file);
	json_decref(j);
	privacy_free(pv);
	db_close(db);
	return 0;
}

static int case_custody(struct case_args *a)
{
	long long person = cli_need_number("case", "PERSON", a->id);
	long long case_id = a->case_id ? cli_need_number("case", "--case", a->case_id) : 0;
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	struct person p;
	struct error err;
	if (persons_load(db, pv, person, &p, &err) < 0)
		die("%s", err.message);
	struct custody_step *steps;
	size_t n;
	if (custody_load_person(db, pv, person, case_id, &steps, &n, &err) < 0)
		die("%s", err.message);
	struct custody_analysis an;
	custody_analyse(steps, n, clock_today(), &an);
	struct buf who = BUF_INIT, called = BUF_INIT;
	person_officer_name(&p, &who);
	/* the officer's view: the person by name in the gaps too */
	if (p.group || !p.name)
		person_public_name(&p, &called);
	else
		buf_adds(&called, p.name);
	static const char *const states[] = {"free", "held", "whereabouts unknown", "dead"};
	if (a->json) {
		json_t *js = json_array();
		for (size_t i = 0; i < n; i++) {
			struct buf at = BUF_INIT;
			event_date_format(&steps[i].at, &at);
			json_array_append_new(js, json_pack("{s:I, s:I, s:s, s:s, s:s?, s:o?, s:s?, s:s?, s:s?, s:s?, s:o, s:s?, s:s?, s:s?}",
							    "id", (json_int_t)steps[i].id, "case", (json_int_t)steps[i].case_id,
							    "kind", custody_kind_names[steps[i].kind], "at", at.data, "place",
							    steps[i].place_name, "official",
							    steps[i].place_official < 0 ? NULL : (steps[i].place_official ? json_true() : json_false()),
							    "authority", steps[i].authority, "ordered_by", steps[i].ordered_by, "grounds",
							    steps[i].grounds, "supervising", steps[i].supervising, "registered",
							    steps[i].registered < 0 ? json_null() : json_boolean(steps[i].registered),
							    "cause", steps[i].cause, "remains", steps[i].remains, "notes",
							    steps[i].notes));
			buf_release(&at);
		}
		json_t *gaps = json_array();
		for (size_t g = 0; g < an.gap_count; g++) {
			struct buf d = BUF_INIT;
			custody_gap_describe(steps, &an.gaps[g], called.data, &d);
			json_array_append_new(gaps, json_pack("{s:s, s:I, s:i, s:i, s:I, s:I, s:b, s:s}", "kind",
							      an.gaps[g].kind == CUSTODY_GAP_WHEREABOUTS ? "whereabouts-unknown"
													 : "unregistered",
							      "from_step", (json_int_t)steps[an.gaps[g].from].id, "min_days",
							      an.gaps[g].min_days, "max_days", an.gaps[g].max_days, "min_minutes",
							      (json_int_t)an.gaps[g].min_minutes, "max_minutes",
							      (json_int_t)an.gaps[g].max_minutes, "ongoing", an.gaps[g].to < 0, "text",
							      d.data));
			buf_release(&d);
		}
		json_t *problems = json_array();
		for (size_t i = 0; i < an.problem_count; i++)
			json_array_append_new(problems, json_string(an.problems[i]));
		json_t *j = json_pack("{s:I, s:s, s:s, s:b, s:o, s:o, s:o}", "person", (json_int_t)person, "name", who.data,
				      "state", states[an.state], "death_in_custody", an.death_in_custody, "steps", js, "gaps",
				      gaps, "problems", problems);
		cli_print_json(j);
		json_decref(j);
	} else {
		printf("custody of person %lld, %s: %s\n", person, who.data, n ? states[an.state] : "no steps recorded");
		for (size_t i = 0; i < n; i++) {
			const struct custody_step *s = &steps[i];
			struct buf at = BUF_INIT;
			event_date_format(&s->at, &at);
			printf("  %-16s %-12s %s", at.data, custody_kind_names[s->kind],
			       s->place_name ? s->place_name : s->kind == CUSTODY_TRANSFER ? "(destination not known)" : "-");
			if (s->place_official == 0)
				printf(" (unofficial)");
			if (s->kind == CUSTODY_ADMISSION)
				printf(s->registered == 1 ? " [registered]" : s->registered == 0 ? " [NOT registered]" : " [registration not known]");
			if (s->authority)
				printf("; authority: %s", s->authority);
			if (s->ordered_by)
				printf("; ordered by: %s", s->ordered_by);
			if (s->grounds)
				printf("; grounds: %s", s->grounds);
			if (s->supervising)
				printf("; supervised by: %s", s->supervising);
			if (s->cause)
				printf("; cause: %s", s->cause);
			if (s->remains)
				printf("; remains: %s", s->remains);
			if (s->notes)
				printf("; notes (confidential): %s", s->notes);
			printf("\n");
			buf_release(&at);
		}
		for (size_t g = 0; g < an.gap_count; g++) {
			struct buf d = BUF_INIT;
			custody_gap_describe(steps, &an.gaps[g], called.data, &d);
			printf("GAP %s\n", d.data);
			buf_release(&d);
		}
		for (size_t i = 0; i < an.problem_count; i++)
			printf("DOES NOT FIT: %s\n", an.problems[i]);
	}
	buf_release(&who);
	buf_release(&called);
	custody_analysis_release(&an);
	for (size_t i = 0; i < n; i++)
		custody_step_release(&steps[i]);
	free(steps);
	person_release(&p);
	privacy_free(pv);
	db_close(db);
	return 0;
}

static int case_medical(struct case_args *a)
{
	long long id = cli_need_number("case", "ID", a->id);
	if (a->file)
		return case_add(a, "medical");
	long long person = a->person ? cli_need_number("case", "--person", a->person) : 0;
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	struct medical_exam *exams;
	size_t n;
	struct error err;
	if (medical_load(db, pv, id, person, &exams, &n, &err) < 0)
		die("%s", err.message);
	const struct vocab *v = vocab_shared();
	if (!n)
		printf("case %lld: no medical examinations\n", id);
	for (size_t i = 0; i < n; i++) {
		char date[11];
		date_format_iso(exams[i].examined, date);
		printf("exam %lld of person %lld on %s by %s, %s (consent %s)\n", exams[i].id, exams[i].person_id, date,
		       exams[i].examiner ? exams[i].examiner : "", exams[i].examiner_role, exams[i].consent ? "given" : "refused");
		for (size_t k = 0; k < exams[i].finding_count; k++) {
			const struct medical_finding *f = &exams[i].findings[k];
			const struct vocab_entry *g = vocab_find(&v->grades, f->grade);
			printf("  %-14s %-22s %s%s -- %s\n", f->location, g ? g->label : f->grade, f->method,
			       f->act_id ? " (act documented)" : "", f->description ? f->description : "");
		}
		medical_exam_release(&exams[i]);
	}
	free(exams);
	privacy_free(pv);
	db_close(db);
	return 0;
}

static int case_draft_cmd(struct case_args *a)
{
	long long id = cli_need_number("case", "ID", a->id);
	struct db *db = cli_open_store(a->db);
	struct privacy *pv = cli_open_privacy(db, a->key_file);
	struct buf explain = BUF_INIT;
	struct error err;
	long long draft = case_draft_create(db, pv, id, clock_today(), wf_actor(a->as), &explain, &err);
	if (!draft)
		die("%s", err.message);
	printf("draft %lld created from case %lld\n", draft, id);
	printf("suggested from the case:\n");
	char *save = NULL;
	for (char *line = strtok_r(explain.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		printf("  %s\n", line);
	printf("next: rapporteur draft show %lld; rapporteur render %lld\n", draft, draft);
	buf_release(&explain);
	privacy_free(pv);
	db_close(db);
	return 0;
}

int cmd_case(int argc, char **argv)
{
	if (argc < 2)
		cli_usage("case", "give a subcommand: new, list, show, import, add-victim, add-place, add-perpetrator, "
				  "add-source, add-event, add-act, add-step, add-exam, custody, medical or draft");
	struct case_args a;
	parse_args(argc, argv, &a);
	const char *sub = argv[1];
	static const struct {
		const char *name, *list;
	} adds[] = {
		{"add-victim", "victims"}, {"add-place", "places"}, {"add-perpetrator", "perpetrators"},
		{"add-source", "sources"}, {"add-event", "events"}, {"add-act", "acts"},
		{"add-step", "custody"},   {"add-exam", "medical"},
	};
	int rc = -1;
	for (size_t i = 0; i < sizeof(adds) / sizeof(adds[0]); i++)
		if (!strcmp(sub, adds[i].name))
			rc = case_add(&a, adds[i].list);
	if (rc >= 0)
		;
	else if (!strcmp(sub, "new"))
		rc = case_new(&a);
	else if (!strcmp(sub, "list"))
		rc = case_list(&a);
	else if (!strcmp(sub, "show"))
		rc = case_show(&a);
	else if (!strcmp(sub, "import"))
		rc = case_import_cmd(&a);
	else if (!strcmp(sub, "custody"))
		rc = case_custody(&a);
	else if (!strcmp(sub, "medical"))
		rc = case_medical(&a);
	else if (!strcmp(sub, "draft"))
		rc = case_draft_cmd(&a);
	else
		cli_usage("case", "unknown subcommand %s", sub);
	json_decref(a.item);
	json_decref(a.cite);
	return rc;
}
