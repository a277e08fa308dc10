/*
 * public_situation.c - a situation as the public sees it. See
 * public_situation.h. Every communication goes through
 * visibility_public_where(); every figure through figures_select()'s
 * public view; nothing here reads who decided anything.
 */
#include "public_situation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "../util/csv.h"
#include "../util/date.h"
#include "../util/die.h"
#include "figure_vocab.h"
#include "filter.h"
#include "visibility.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void public_situation_release(struct public_situation *ps)
{
	if (!ps)
		return;
	funnel_release(&ps->funnel);
	figure_list_release(&ps->figures);
	for (size_t i = 0; i < ps->communication_count; i++) {
		free(ps->communications[i].reference);
		free(ps->communications[i].slug);
		free(ps->communications[i].date);
	}
	free(ps->communications);
	situation_release(&ps->situation);
	memset(ps, 0, sizeof(*ps));
}

/* The situation's communications the public may see, by date. */
static int load_communications(struct db *db, long long situation_id, const char *today, struct public_situation *ps,
			       struct error *err)
{
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT c.id, c.reference, c.slug, c.date, (SELECT count(*) FROM replies r WHERE "
		       "r.communication_id = c.id AND r.received <= ");
	sql_param(&sql, &params, today);
	buf_adds(&sql, ") FROM situation_communications l JOIN communications c ON c.id = l.communication_id "
		       "WHERE l.situation_id = ");
	sql_param_int(&sql, &params, situation_id);
	visibility_public_where(&sql, &params, "c", today);
	buf_adds(&sql, " ORDER BY c.date, c.id");
	struct db_stmt *st = db_prepare(db, sql.data, err);
	buf_release(&sql);
	if (!st)
		return -1;
	sql_params_bind(&params, st);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(ps->communications, ps->communication_count + 1, cap);
		struct public_situation_communication *c = &ps->communications[ps->communication_count++];
		c->id = db_int(st, 0);
		c->reference = xstrdup(db_text(st, 1));
		c->slug = dup_or_null(db_text(st, 2));
		c->date = dup_or_null(db_text(st, 3));
		c->replies = (int)db_int(st, 4);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int public_situation_load(struct db *db, const char *slug, const char *today, struct public_situation *out,
			  struct error *err)
{
	memset(out, 0, sizeof(*out));
	error_clear(err);
	/* by slug only: a number is an officer's way of naming it */
	long long id = slug && *slug && strlen(slug) <= 64 && strspn(slug, "0123456789") < strlen(slug)
			       ? situation_find(db, slug)
			       : 0;
	if (!id)
		return 0;
	if (situation_load(db, id, &out->situation, err) < 0)
		return -1;
	if (load_communications(db, id, today, out, err) < 0)
		return -1;
	if (!out->communication_count)
		return 0;
	struct figure_list all;
	if (figures_select(db, &(struct figure_query){.situation_id = id, .public_only = true}, &all, err) < 0)
		return -1;
	/* a reply's figures once the reply is public: received by today */
	int day = date_parse_iso(today);
	for (size_t i = 0; i < all.count; i++) {
		struct figure *f = &all.items[i];
		if (f->reply_id && day != DATE_NONE && f->document_date != DATE_NONE && f->document_date > day)
			continue;
		ALLOC_GROW(out->figures.items, out->figures.count + 1, out->figures.cap);
		out->figures.items[out->figures.count++] = *f;
		memset(f, 0, sizeof(*f));
	}
	figure_list_release(&all);
	funnel_compute(figure_vocab_shared(), out->figures.items, out->figures.count, DATE_NONE, &out->funnel);
	return 1;
}

json_t *public_situation_json(const struct public_situation *ps)
{
	const struct situation *s = &ps->situation;
	json_t *country = json_null();
	if (s->country) {
		const struct kb_country *k = kb_country(kb_shared(), s->country);
		country = json_pack("{s:s, s:s}", "code", s->country, "name", k && k->name[KB_EN] ? k->name[KB_EN] : s->country);
	}
	json_t *comms = json_array();
	for (size_t i = 0; i < ps->communication_count; i++) {
		const struct public_situation_communication *c = &ps->communications[i];
		json_array_append_new(comms, json_pack("{s:s, s:s?, s:s?, s:i}", "reference", c->reference, "slug", c->slug,
						       "date", c->date, "replies", c->replies));
	}
	const struct figure_vocab *v = figure_vocab_shared();
	json_t *figures = json_array();
	for (size_t i = 0; i < ps->figures.count; i++)
		json_array_append_new(figures, figure_to_json(&ps->figures.items[i], v, true));
	return json_pack("{s:s, s:s, s:o, s:s?, s:s?, s:o, s:o, s:o}", "slug", s->slug, "title", s->title, "country",
			 country, "period_from", s->period_from, "period_to", s->period_to, "communications", comms,
			 "figures", figures, "funnel", funnel_to_json(&ps->funnel, true));
}

char *public_situation_csv(const struct public_situation *ps, size_t *len)
{
	static const char *const header[] = {"id",	    "reference", "document",    "category", "category_label",
					     "value",	    "unit",	 "as_of",	"as_of_basis", "source",
					     "source_label", "source_words", "passage", "status"};
	enum { COLUMNS = sizeof(header) / sizeof(header[0]) };
	char *data = NULL;
	FILE *out = open_memstream(&data, len);
	if (!out)
		die("out of memory");
	csv_row(out, header, COLUMNS);
	const struct figure_vocab *v = figure_vocab_shared();
	for (size_t i = 0; i < ps->figures.count; i++) {
		const struct figure *f = &ps->figures.items[i];
		const struct figure_category *c = figure_category(v, f->category);
		const struct figure_source *src = figure_source(v, f->source);
		char id[24], num[32], date[11] = "";
		snprintf(id, sizeof(id), "%lld", f->id);
		funnel_number(f->value, num);
		if (f->as_of != DATE_NONE)
			date_format_iso(f->as_of, date);
		const char *row[COLUMNS] = {id,
					    f->reference,
					    f->document,
					    f->category,
					    c ? c->label : NULL,
					    num,
					    f->unit,
					    date,
					    f->as_of_basis,
					    f->source,
					    src ? src->label : NULL,
					    f->source_words,
					    f->passage,
					    f->status};
		csv_row(out, row, COLUMNS);
	}
	fclose(out);
	return data;
}

json_t *public_situations(struct db *db, const char *today, struct error *err)
{
	/* the public counts: communications visible today, and their confirmed figures */
	struct buf vis = BUF_INIT, sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	visibility_public_where(&vis, &params, "c", today);
	buf_addf(&sql,
		 "SELECT s.slug, s.title, s.country, s.period_from, s.period_to, count(DISTINCT c.id), "
		 "(SELECT count(*) FROM figure_records f JOIN situation_communications l2 ON l2.communication_id = "
		 "f.communication_id WHERE l2.situation_id = s.id AND f.status = 'confirmed' AND f.communication_id IN "
		 "(SELECT c.id FROM communications c WHERE 1 = 1 %s) AND (f.reply_id IS NULL OR "
		 "(SELECT r.received FROM replies r WHERE r.id = f.reply_id) <= ?1)) "
		 "FROM situations s JOIN situation_communications l ON l.situation_id = s.id "
		 "JOIN communications c ON c.id = l.communication_id WHERE 1 = 1 %s GROUP BY s.id ORDER BY s.slug",
		 vis.data, vis.data);
	buf_release(&vis);
	struct db_stmt *st = db_prepare(db, sql.data, err);
	buf_release(&sql);
	if (!st)
		return NULL;
	sql_params_bind(&params, st);
	json_t *all = json_array();
	int rc;
	while ((rc = db_step(st, err)) == 1)
		json_array_append_new(all, json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:I, s:I}", "slug", db_text(st, 0),
						     "title", db_text(st, 1), "country", db_text(st, 2), "period_from",
						     db_text(st, 3), "period_to", db_text(st, 4), "communications",
						     (json_int_t)db_int(st, 5), "figures", (json_int_t)db_int(st, 6)));
	db_finalize(st);
	if (rc < 0) {
		json_decref(all);
		return NULL;
	}
	return all;
}
