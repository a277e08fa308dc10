/*
 * cmd_figures.c - `rapporteur figures`, `situation` and `funnel`: figure
 * records proposed from letters and replies and decided by an officer,
 * the situations that group communications, and the accountability
 * funnel of a situation (docs/FIGURES.md). Parsing and printing only:
 * the rules are in domain/figures.c, situations.c and funnel.c.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/clock.h"
#include "../domain/figure_vocab.h"
#include "../domain/figures.h"
#include "../domain/funnel.h"
#include "../domain/situations.h"
#include "../domain/workflow.h"
#include "../render/funnel_svg.h"
#include "../store/db.h"
#include "../util/buf.h"
#include "../util/csv.h"
#include "../util/date.h"
#include "../util/die.h"
#include "cli.h"

static long long parse_id(const char *command, const char *s)
{
	char *end;
	long long id = strtoll(s, &end, 10);
	if (*end || id <= 0)
		cli_usage(command, "%s: give a figure's number (figures list shows them)", s);
	return id;
}

static long long situation_or_die(struct db *db, const char *slug)
{
	long long id = situation_find(db, slug);
	if (!id)
		die("situation %s: no such situation (situation list shows them)", slug);
	return id;
}

static long long communication_or_die(struct db *db, const char *ref)
{
	long long id = wf_resolve(db, ref);
	if (!id)
		die("%s: no such communication", ref);
	return id;
}

static void print_json(json_t *j, FILE *out)
{
	json_dumpf(j, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
}

/* --- figures ---------------------------------------------------------------------------- */

/* The first n bytes of s on one line, cut at a UTF-8 boundary. */
static void print_excerpt(const char *s, size_t n)
{
	size_t len = strlen(s);
	if (len <= n) {
		printf("%s", s);
		return;
	}
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	printf("%.*s...", (int)n, s);
}

static void print_figure(const struct figure *f)
{
	char num[32], date[11] = "-";
	funnel_number(f->value, num);
	if (f->as_of != DATE_NONE)
		date_format_iso(f->as_of, date);
	printf("%5lld  %-9s  %-20s %8s %-12s %-10s %-9s  %-25s %s\n", f->id, f->status,
	       f->category ? f->category : "(unclassified)", num, f->unit ? f->unit : "-", date,
	       f->as_of_basis, f->source, f->document);
	printf("       \"");
	print_excerpt(f->passage, 150);
	printf("\"\n");
}

struct figure_args {
	const char *db_option, *situation, *in, *status, *category, *as, *note, *format, *out;
	bool json, all, public_only;
	struct figure_change change;
	const char **ids;
	int id_count;
};

static void parse_figure_args(const char *command, int argc, char **argv, int first,
                              struct figure_args *a)
{
	memset(a, 0, sizeof(*a));
	a->ids = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = first; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &a->db_option) ||
		    cli_option(argc, argv, &i, "--situation", &a->situation) ||
		    cli_option(argc, argv, &i, "--in", &a->in) ||
		    cli_option(argc, argv, &i, "--status", &a->status) ||
		    cli_option(argc, argv, &i, "--as", &a->as) ||
		    cli_option(argc, argv, &i, "--note", &a->change.note) ||
		    cli_option(argc, argv, &i, "--format", &a->format) ||
		    cli_option(argc, argv, &i, "-o", &a->out) ||
		    cli_option(argc, argv, &i, "--value", &a->change.value) ||
		    cli_option(argc, argv, &i, "--unit", &a->change.unit) ||
		    cli_option(argc, argv, &i, "--as-of", &a->change.as_of) ||
		    cli_option(argc, argv, &i, "--source", &a->change.source))
			continue;
		if (cli_option(argc, argv, &i, "--category", &a->category)) {
			a->change.category = a->category;
			continue;
		}
		if (cli_flag(argv, i, "--json"))
			a->json = true;
		else if (cli_flag(argv, i, "--all"))
			a->all = true;
		else if (cli_flag(argv, i, "--public"))
			a->public_only = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage(command, "unknown option %s", argv[i]);
		else
			a->ids[a->id_count++] = argv[i];
	}
	a->note = a->change.note;
	if (a->status && strcmp(a->status, "proposed") && strcmp(a->status, "confirmed") &&
	    strcmp(a->status, "rejected"))
		cli_usage(command, "--status %s: give proposed, confirmed or rejected", a->status);
	if (a->category && strcmp(a->category, "none") &&
	    !figure_category(figure_vocab_shared(), a->category))
		cli_usage(command, "--category %s: not a category (figures categories lists them)",
		          a->category);
}

static void select_or_die(struct db *db, const struct figure_args *a, struct figure_list *list)
{
	struct figure_query q = {
	    .status = a->status, .category = a->category, .public_only = a->public_only};
	if (a->situation)
		q.situation_id = situation_or_die(db, a->situation);
	if (a->in)
		q.communication_id = communication_or_die(db, a->in);
	struct error err;
	if (figures_select(db, &q, list, &err) < 0)
		die("%s", err.message);
}

static int figures_list_cmd(int argc, char **argv)
{
	struct figure_args a;
	parse_figure_args("figures", argc, argv, 2, &a);
	if (a.id_count)
		cli_usage("figures",
		          "figures list takes no numbers: --situation, --in, --status, --category");
	struct db *db = cli_open_store(a.db_option);
	/* letters stored by other ways than ingest (sent from a draft, uploaded
	 * on the web) have their figures read now, so that the list is whole */
	struct figure_propose_stats st;
	struct error err;
	if (figures_propose_pending(db, &st, &err) < 0)
		warning("figures not proposed: %s", err.message);
	struct figure_list list;
	select_or_die(db, &a, &list);
	if (a.json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < list.count; i++)
			json_array_append_new(
			    arr,
			    figure_to_json(&list.items[i], figure_vocab_shared(), a.public_only));
		print_json(arr, stdout);
		json_decref(arr);
	} else {
		if (list.count)
			printf("%5s  %-9s  %-20s %8s %-12s %-10s %-9s  %-25s %s\n", "id", "status",
			       "category", "value", "unit", "as of", "basis", "source", "document");
		size_t counts[3] = {0};
		for (size_t i = 0; i < list.count; i++) {
			print_figure(&list.items[i]);
			const char *s = list.items[i].status;
			counts[!strcmp(s, "confirmed") ? 1 : !strcmp(s, "rejected") ? 2 : 0]++;
		}
		printf("%zu figure%s: %zu proposed, %zu confirmed, %zu rejected\n", list.count,
		       list.count == 1 ? "" : "s", counts[0], counts[1], counts[2]);
	}
	figure_list_release(&list);
	db_close(db);
	free(a.ids);
	return 0;
}

/* The figures a decision applies to: the numbers given, or with --all the
 * proposals (with a category, for confirm) the filters select. */
static void decision_targets(struct db *db, const struct figure_args *a, const char *command,
                             bool classified_only, long long **ids, size_t *count)
{
	*count = 0;
	if (a->all == (a->id_count > 0))
		cli_usage("figures",
		          "figures %s: give figure numbers, or --all with --situation or --in",
		          command);
	if (!a->all) {
		*ids = xcalloc((size_t)a->id_count, sizeof(long long));
		for (int i = 0; i < a->id_count; i++)
			(*ids)[(*count)++] = parse_id("figures", a->ids[i]);
		return;
	}
	if (!a->situation && !a->in)
		cli_usage("figures", "figures %s --all: say which, with --situation S or --in REF",
		          command);
	struct figure_args sel = *a;
	sel.status = "proposed";
	struct figure_list list;
	select_or_die(db, &sel, &list);
	*ids = xcalloc(list.count + 1, sizeof(long long));
	for (size_t i = 0; i < list.count; i++)
		if (!classified_only || list.items[i].category)
			(*ids)[(*count)++] = list.items[i].id;
	figure_list_release(&list);
}

static int figures_decide_cmd(int argc, char **argv, bool confirm)
{
	struct figure_args a;
	parse_figure_args("figures", argc, argv, 2, &a);
	struct db *db = cli_open_store(a.db_option);
	long long *ids;
	size_t count;
	decision_targets(db, &a, confirm ? "confirm" : "reject", confirm, &ids, &count);
	struct error err;
	if (db_begin(db, &err) < 0)
		die("%s", err.message);
	for (size_t i = 0; i < count; i++) {
		int rc = confirm ? figures_confirm(db, ids[i], wf_actor(a.as), &err)
		                 : figures_reject(db, ids[i], wf_actor(a.as), a.note, &err);
		if (rc < 0) {
			db_rollback(db);
			die("%s", err.message);
		}
	}
	if (db_commit(db, &err) < 0)
		die("%s", err.message);
	printf("%zu figure%s %s\n", count, count == 1 ? "" : "s",
	       confirm ? "confirmed" : "rejected");
	free(ids);
	free(a.ids);
	db_close(db);
	return 0;
}

static int figures_set_cmd(int argc, char **argv)
{
	struct figure_args a;
	parse_figure_args("figures", argc, argv, 2, &a);
	if (a.id_count != 1)
		cli_usage("figures", "figures set ID [--category K] [--value N] [--unit U] "
		                     "[--as-of DATE] [--source K]");
	const struct figure_change *c = &a.change;
	if (!c->category && !c->value && !c->unit && !c->as_of && !c->source && !c->note)
		cli_usage("figures",
		          "figures set %s: say what to change (--category, --value, --unit, "
		          "--as-of, --source, --note)",
		          a.ids[0]);
	long long id = parse_id("figures", a.ids[0]);
	struct db *db = cli_open_store(a.db_option);
	struct error err;
	if (figures_set(db, id, c, wf_actor(a.as), &err) < 0)
		die("%s", err.message);
	struct figure f;
	if (figures_get(db, id, &f, &err) < 0)
		die("%s", err.message);
	print_figure(&f);
	figure_release(&f);
	free(a.ids);
	db_close(db);
	return 0;
}

static const char *const export_columns[] = {
    "id",      "reference", "document",    "category",  "category_label", "value",
    "unit",    "as_of",     "as_of_basis", "source",    "source_label",   "source_words",
    "passage", "status",    "decided_by",  "decided_at"};

static int figures_export_cmd(int argc, char **argv)
{
	struct figure_args a;
	parse_figure_args("figures", argc, argv, 2, &a);
	if (!a.format || (strcmp(a.format, "csv") && strcmp(a.format, "json")))
		cli_usage("figures", "figures export --format csv|json");
	struct db *db = cli_open_store(a.db_option);
	struct figure_list list;
	select_or_die(db, &a, &list);
	const struct figure_vocab *v = figure_vocab_shared();
	char *data = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&data, &len);
	if (!mem)
		die("out of memory");
	if (!strcmp(a.format, "json")) {
		json_t *arr = json_array();
		for (size_t i = 0; i < list.count; i++)
			json_array_append_new(arr,
			                      figure_to_json(&list.items[i], v, a.public_only));
		print_json(arr, mem);
		json_decref(arr);
	} else {
		/* the public's export leaves out who decided and when */
		int columns = a.public_only ? 14 : 16;
		csv_row(mem, export_columns, columns);
		for (size_t i = 0; i < list.count; i++) {
			const struct figure *f = &list.items[i];
			const struct figure_category *c = figure_category(v, f->category);
			const struct figure_source *s = figure_source(v, f->source);
			char id[24], num[32], date[11] = "";
			snprintf(id, sizeof(id), "%lld", f->id);
			funnel_number(f->value, num);
			if (f->as_of != DATE_NONE)
				date_format_iso(f->as_of, date);
			const char *row[] = {id,
			                     f->reference,
			                     f->document,
			                     f->category,
			                     c ? c->label : NULL,
			                     num,
			                     f->unit,
			                     date,
			                     f->as_of_basis,
			                     f->source,
			                     s ? s->label : NULL,
			                     f->source_words,
			                     f->passage,
			                     f->status,
			                     f->decided_by,
			                     f->decided_at};
			csv_row(mem, row, columns);
		}
	}
	fclose(mem);
	cli_write_out(a.out, data, len);
	free(data);
	figure_list_release(&list);
	free(a.ids);
	db_close(db);
	return 0;
}

static int figures_categories_cmd(int argc, char **argv)
{
	bool json = argc > 2 && cli_flag(argv, 2, "--json");
	const struct figure_vocab *v = figure_vocab_shared();
	if (json) {
		json_t *cats = json_array(), *srcs = json_array(), *stages = json_array();
		for (size_t i = 0; i < v->category_count; i++)
			json_array_append_new(
			    cats, json_pack("{s:s, s:s, s:s}", "key", v->categories[i].key, "label",
			                    v->categories[i].label, "kind", v->categories[i].kind));
		for (size_t i = 0; i < v->source_count; i++)
			json_array_append_new(srcs,
			                      json_pack("{s:s, s:s}", "key", v->sources[i].key,
			                                "label", v->sources[i].label));
		for (size_t i = 0; i < v->stage_count; i++)
			json_array_append_new(stages, json_string(v->stages[i].category->key));
		json_t *j = json_pack("{s:o, s:o, s:o}", "categories", cats, "sources", srcs,
		                      "funnel", stages);
		print_json(j, stdout);
		json_decref(j);
		return 0;
	}
	printf("categories (what a figure counts):\n");
	for (size_t i = 0; i < v->category_count; i++)
		printf("  %-22s %-11s %s\n", v->categories[i].key, v->categories[i].kind,
		       v->categories[i].label);
	printf("sources (who says so):\n");
	for (size_t i = 0; i < v->source_count; i++)
		printf("  %-26s %s\n", v->sources[i].key, v->sources[i].label);
	printf("funnel:");
	for (size_t i = 0; i < v->stage_count; i++)
		printf("%s%s", i ? " -> " : " ", v->stages[i].category->key);
	printf("\nrelations (a whole and its parts):\n");
	for (size_t i = 0; i < v->relation_count; i++) {
		const struct figure_relation *r = &v->relations[i];
		printf("  %s %s", r->whole->key, r->exhaustive ? "=" : ">=");
		for (size_t k = 0; k < r->part_count; k++)
			printf("%s%s", k ? " + " : " ", r->parts[k]->key);
		printf("\n");
	}
	return 0;
}

static int figures_propose_cmd(int argc, char **argv)
{
	const char *db_option = NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		cli_usage("figures", "unknown argument %s", argv[i]);
	}
	struct db *db = cli_open_store(db_option);
	struct figure_propose_stats st;
	struct error err;
	if (figures_propose_pending(db, &st, &err) < 0)
		die("figures not proposed: %s", err.message);
	printf("figures: %zu document%s read, %zu proposed, %zu withdrawn\n", st.documents,
	       st.documents == 1 ? "" : "s", st.proposed, st.withdrawn);
	db_close(db);
	return 0;
}

int cmd_figures(int argc, char **argv)
{
	if (argc < 2)
		cli_usage("figures",
		          "give list, confirm, set, reject, export, categories or propose");
	const char *sub = argv[1];
	if (!strcmp(sub, "list"))
		return figures_list_cmd(argc, argv);
	if (!strcmp(sub, "confirm"))
		return figures_decide_cmd(argc, argv, true);
	if (!strcmp(sub, "reject"))
		return figures_decide_cmd(argc, argv, false);
	if (!strcmp(sub, "set"))
		return figures_set_cmd(argc, argv);
	if (!strcmp(sub, "export"))
		return figures_export_cmd(argc, argv);
	if (!strcmp(sub, "categories"))
		return figures_categories_cmd(argc, argv);
	if (!strcmp(sub, "propose"))
		return figures_propose_cmd(argc, argv);
	cli_usage("figures", "%s: give list, confirm, set, reject, export, categories or propose",
	          sub);
}

/* --- situations ------------------------------------------------------------------------- */

static int situation_new_cmd(int argc, char **argv)
{
	const char *db_option = NULL, *as = NULL;
	struct situation_in in = {0};
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) ||
		    cli_option(argc, argv, &i, "--as", &as) ||
		    cli_option(argc, argv, &i, "--title", &in.title) ||
		    cli_option(argc, argv, &i, "--country", &in.country) ||
		    cli_option(argc, argv, &i, "--from", &in.period_from) ||
		    cli_option(argc, argv, &i, "--to", &in.period_to))
			continue;
		if ((argv[i][0] == '-' && argv[i][1]) || in.slug)
			cli_usage("situation", "unknown argument %s", argv[i]);
		in.slug = argv[i];
	}
	if (!in.slug || !in.title)
		cli_usage(
		    "situation",
		    "situation new NAME --title TEXT [--country CCC] [--from DATE] [--to DATE]");
	struct db *db = cli_open_store(db_option);
	struct error err;
	if (situation_create(db, &in, wf_actor(as), &err) < 0)
		die("%s", err.message);
	printf("situation %s created: %s\n", in.slug, in.title);
	db_close(db);
	return 0;
}

static int situation_link_cmd(int argc, char **argv, bool link)
{
	const char *db_option = NULL, *as = NULL, *slug = NULL;
	bool related = false;
	const char **refs = xcalloc((size_t)argc + 1, sizeof(char *));
	int count = 0;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) ||
		    cli_option(argc, argv, &i, "--as", &as))
			continue;
		if (cli_flag(argv, i, "--related"))
			related = true;
		else if (argv[i][0] == '-' && argv[i][1])
			cli_usage("situation", "unknown option %s", argv[i]);
		else if (!slug)
			slug = argv[i];
		else
			refs[count++] = argv[i];
	}
	if (!slug || !count)
		cli_usage("situation", "situation %s NAME REF... %s", link ? "link" : "unlink",
		          link ? "[--related]" : "");
	struct db *db = cli_open_store(db_option);
	long long sid = situation_or_die(db, slug);
	struct error err;
	int total = 0;
	for (int i = 0; i < count; i++) {
		long long cid = communication_or_die(db, refs[i]);
		int n = link ? situation_link(db, sid, cid, related, wf_actor(as), &err)
		             : situation_unlink(db, sid, cid, &err);
		if (n < 0)
			die("%s", err.message);
		total += n;
	}
	printf("situation %s: %d communication%s %s\n", slug, total, total == 1 ? "" : "s",
	       link ? "linked" : "unlinked");
	free(refs);
	db_close(db);
	return 0;
}

static int situation_show_cmd(int argc, char **argv)
{
	const char *db_option = NULL, *slug = NULL;
	bool json = false;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		if (cli_flag(argv, i, "--json"))
			json = true;
		else if ((argv[i][0] == '-' && argv[i][1]) || slug)
			cli_usage("situation", "unknown argument %s", argv[i]);
		else
			slug = argv[i];
	}
	if (!slug)
		cli_usage("situation", "situation show NAME [--json]");
	struct db *db = cli_open_store(db_option);
	long long sid = situation_or_die(db, slug);
	struct situation s;
	struct error err;
	if (situation_load(db, sid, &s, &err) < 0)
		die("%s", err.message);
	struct figure_list list;
	struct figure_query q = {.situation_id = sid};
	if (figures_select(db, &q, &list, &err) < 0)
		die("%s", err.message);
	size_t counts[3] = {0};
	for (size_t i = 0; i < list.count; i++) {
		const char *st = list.items[i].status;
		counts[!strcmp(st, "confirmed") ? 1 : !strcmp(st, "rejected") ? 2 : 0]++;
	}
	if (json) {
		json_t *j = situation_to_json(&s);
		json_object_set_new(j, "figures",
		                    json_pack("{s:I, s:I, s:I}", "proposed", (json_int_t)counts[0],
		                              "confirmed", (json_int_t)counts[1], "rejected",
		                              (json_int_t)counts[2]));
		print_json(j, stdout);
		json_decref(j);
	} else {
		printf("%s: %s\n", s.slug, s.title);
		printf("country: %s\nperiod: %s to %s\n", s.country ? s.country : "-",
		       s.period_from ? s.period_from : "-", s.period_to ? s.period_to : "-");
		printf("communications: %zu\n", s.communication_count);
		for (size_t i = 0; i < s.communication_count; i++) {
			const struct situation_communication *c = &s.communications[i];
			printf("  %-16s %-10s %-9s %d repl%s\n", c->reference,
			       c->date ? c->date : "-", c->status, c->replies,
			       c->replies == 1 ? "y" : "ies");
		}
		printf("figures: %zu proposed, %zu confirmed, %zu rejected\n", counts[0], counts[1],
		       counts[2]);
	}
	figure_list_release(&list);
	situation_release(&s);
	db_close(db);
	return 0;
}

static int situation_list_cmd(int argc, char **argv)
{
	const char *db_option = NULL;
	bool json = false;
	for (int i = 2; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option))
			continue;
		if (cli_flag(argv, i, "--json"))
			json = true;
		else
			cli_usage("situation", "unknown argument %s", argv[i]);
	}
	struct db *db = cli_open_store(db_option);
	struct error err;
	json_t *all = situation_list_json(db, &err);
	if (!all)
		die("%s", err.message);
	if (json) {
		print_json(all, stdout);
	} else {
		size_t i;
		json_t *it;
		json_array_foreach(all, i, it)
		    printf("%-24s %-4s %3lld communications  %s\n",
		           json_string_value(json_object_get(it, "slug")),
		           json_is_string(json_object_get(it, "country"))
		               ? json_string_value(json_object_get(it, "country"))
		               : "-",
		           (long long)json_integer_value(json_object_get(it, "communications")),
		           json_string_value(json_object_get(it, "title")));
		printf("%zu situation%s\n", json_array_size(all),
		       json_array_size(all) == 1 ? "" : "s");
	}
	json_decref(all);
	db_close(db);
	return 0;
}

int cmd_situation(int argc, char **argv)
{
	if (argc < 2)
		cli_usage("situation", "give new, link, unlink, show or list");
	const char *sub = argv[1];
	if (!strcmp(sub, "new"))
		return situation_new_cmd(argc, argv);
	if (!strcmp(sub, "link"))
		return situation_link_cmd(argc, argv, true);
	if (!strcmp(sub, "unlink"))
		return situation_link_cmd(argc, argv, false);
	if (!strcmp(sub, "show"))
		return situation_show_cmd(argc, argv);
	if (!strcmp(sub, "list"))
		return situation_list_cmd(argc, argv);
	cli_usage("situation", "%s: give new, link, unlink, show or list", sub);
}

/* --- funnel ----------------------------------------------------------------------------- */

static void print_checks(const char *heading, const struct funnel_check *c, size_t n,
                         bool flags_only)
{
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (flags_only && c[i].ok)
			continue;
		if (!shown++)
			printf("%s\n", heading);
		char date[11];
		date_format_iso(c[i].date, date);
		printf("  %s %s\n", c[i].ok ? "ok  " : "FLAG", c[i].message);
	}
}

static void print_funnel(const struct funnel *f, const struct situation *s)
{
	const struct figure_vocab *v = f->v;
	const struct funnel_snapshot *last = funnel_last(f);
	char date[11] = "-";
	if (f->as_of != DATE_NONE)
		date_format_iso(f->as_of, date);
	printf("%s (%s): the accountability funnel as of %s\n", s->title, s->slug, date);
	printf("%zu figure%s used", f->used, f->used == 1 ? "" : "s");
	if (f->undated)
		printf(", %zu without a date left out", f->undated);
	printf("\n\n");
	if (!last) {
		printf("no confirmed figures: confirm some with `rapporteur figures confirm`\n");
		return;
	}
	printf("%-36s %8s  %-10s %s\n", "stage", "value", "as of", "source and document");
	for (size_t i = 0; i < v->stage_count; i++) {
		const struct figure_category *c = v->stages[i].category;
		const struct funnel_value *val = &last->values[c - v->categories];
		char num[32], d[11] = "-";
		if (!val->present) {
			printf("%-36s %8s\n", c->label, "-");
			continue;
		}
		funnel_number(val->value, num);
		if (val->figure) {
			if (val->figure->as_of != DATE_NONE)
				date_format_iso(val->figure->as_of, d);
			const struct figure_source *src = figure_source(v, val->figure->source);
			printf("%-36s %8s  %-10s %s (%s, figure %lld)\n", c->label, num, d,
			       src ? src->label : val->figure->source, val->figure->document,
			       val->figure->id);
		} else {
			char *why = funnel_describe(f, last, c);
			printf("%-36s %8s  %-10s the sum of its parts: %s\n", c->label, num, "",
			       why);
			free(why);
		}
	}
	/* counts that are not stages: context for the funnel */
	bool any = false;
	for (size_t i = 0; i < v->category_count; i++) {
		const struct figure_category *c = &v->categories[i];
		bool stage = false;
		for (size_t k = 0; k < v->stage_count; k++)
			stage |= v->stages[k].category == c;
		if (stage || !last->values[i].present)
			continue;
		if (!any)
			printf("\nalso counted:\n");
		any = true;
		char *d = funnel_describe(f, last, c);
		printf("  %s\n", d);
		free(d);
	}
	printf("\nover time:\n");
	for (size_t i = 0; i < f->snapshot_count; i++) {
		const struct funnel_snapshot *s2 = &f->snapshots[i];
		const struct funnel_snapshot *prev = i ? &f->snapshots[i - 1] : NULL;
		char d[11];
		date_format_iso(s2->date, d);
		printf("  %s ", d);
		size_t n = 0;
		for (size_t k = 0; k < v->stage_count; k++) {
			size_t idx = (size_t)(v->stages[k].category - v->categories);
			const struct funnel_value *a = &s2->values[idx];
			const struct funnel_value *b = prev ? &prev->values[idx] : NULL;
			if (!a->present ||
			    (b && b->present && b->value == a->value && b->figure == a->figure))
				continue;
			char num[32];
			funnel_number(a->value, num);
			printf("%s%s %s", n++ ? ", " : " ", v->stages[k].category->label, num);
		}
		if (!n)
			printf(" (no change in the stages)");
		printf("\n");
	}
	size_t flags = funnel_flag_count(f);
	printf("\nchecks: %zu flag%s\n", flags, flags == 1 ? "" : "s");
	print_checks("as of the funnel's date:", last->checks, last->check_count, false);
	print_checks("the same count on the same date:", f->disagreements, f->disagreement_count,
	             false);
	if (f->earlier_count) {
		printf("flags at earlier dates that later figures no longer raise:\n");
		for (size_t i = 0; i < f->earlier_count; i++) {
			char d[11];
			date_format_iso(f->earlier[i].date, d);
			printf("  %s %s\n", d, f->earlier[i].message);
		}
	}
}

int cmd_funnel(int argc, char **argv)
{
	const char *db_option = NULL, *slug = NULL, *as_of_s = NULL, *out = NULL;
	bool json = false, svg = false, include_proposed = false, public_only = false;
	for (int i = 1; i < argc; i++) {
		if (cli_option(argc, argv, &i, "--db", &db_option) ||
		    cli_option(argc, argv, &i, "--as-of", &as_of_s) ||
		    cli_option(argc, argv, &i, "-o", &out))
			continue;
		if (cli_flag(argv, i, "--json"))
			json = true;
		else if (cli_flag(argv, i, "--svg"))
			svg = true;
		else if (cli_flag(argv, i, "--include-proposed"))
			include_proposed = true;
		else if (cli_flag(argv, i, "--public"))
			public_only = true;
		else if ((argv[i][0] == '-' && argv[i][1]) || slug)
			cli_usage("funnel", "unknown argument %s", argv[i]);
		else
			slug = argv[i];
	}
	if (!slug)
		cli_usage("funnel", "which situation? (situation list shows them)");
	if (json && svg)
		cli_usage("funnel", "--json or --svg, not both");
	if (public_only && include_proposed)
		cli_usage("funnel", "--public shows confirmed figures only");
	int as_of = DATE_NONE;
	if (as_of_s && (as_of = date_parse_iso(as_of_s)) == DATE_NONE)
		cli_usage("funnel", "--as-of %s: give a date as YYYY-MM-DD", as_of_s);
	struct db *db = cli_open_store(db_option);
	long long sid = situation_or_die(db, slug);
	struct situation s;
	struct error err;
	if (situation_load(db, sid, &s, &err) < 0)
		die("%s", err.message);
	struct figure_list all, list = {0};
	struct figure_query q = {.situation_id = sid, .public_only = public_only};
	if (figures_select(db, &q, &all, &err) < 0)
		die("%s", err.message);
	/* the confirmed figures, and with --include-proposed the proposals as if confirmed */
	for (size_t i = 0; i < all.count; i++) {
		const char *st = all.items[i].status;
		if (!strcmp(st, "confirmed") || (include_proposed && !strcmp(st, "proposed"))) {
			ALLOC_GROW(list.items, list.count + 1, list.cap);
			list.items[list.count++] = all.items[i];
			memset(&all.items[i], 0, sizeof(all.items[i]));
		}
	}
	struct funnel f;
	funnel_compute(figure_vocab_shared(), list.items, list.count, as_of, &f);
	if (svg) {
		char *text = funnel_svg(&f, s.title, "funnel");
		cli_write_out(out, text, strlen(text));
		free(text);
	} else if (json) {
		json_t *j = funnel_to_json(&f, public_only);
		json_object_set_new(j, "situation", situation_to_json(&s));
		json_object_set_new(j, "include_proposed", json_boolean(include_proposed));
		char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		size_t len = strlen(text);
		text = xrealloc(text, len + 2);
		text[len] = '\n';
		text[len + 1] = '\0';
		cli_write_out(out, text, len + 1);
		free(text);
		json_decref(j);
	} else {
		if (out)
			cli_usage("funnel", "-o goes with --svg or --json");
		if (include_proposed)
			printf("(proposed figures included as if confirmed)\n");
		print_funnel(&f, &s);
	}
	funnel_release(&f);
	figure_list_release(&list);
	figure_list_release(&all);
	situation_release(&s);
	db_close(db);
	return 0;
}
