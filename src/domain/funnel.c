/*
 * funnel.c - the accountability funnel and its checks. See funnel.h.
 *
 * A funnel is computed at every date some figure is as of: for each
 * category, the figure with the latest as-of date on or before it (two on
 * the same date: the one from the later document). Then exhaustive
 * relations give missing wholes as the sum of their parts, in the order
 * the vocabulary lists them (convictions from imprisoned + suspended
 * before officers accused from convictions + acquittals), and the checks
 * run. The last funnel's checks are the answer; flags raised only at
 * earlier dates are kept apart, as history.
 */
#include "funnel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"

const char *const funnel_check_kind_names[3] = {"stage-order", "parts", "agreement"};

static bool more_than(double a, double b)
{
	return a - b > 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
}

void funnel_number(double v, char out[32])
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, 32, "%.0f", v);
	else
		snprintf(out, 32, "%.15g", v);
}

static size_t cat_index(const struct funnel *f, const struct figure_category *c)
{
	return (size_t)(c - f->v->categories);
}

/* Is figure a to be preferred to b as a category's value? */
static bool newer(const struct figure *a, const struct figure *b)
{
	if (a->as_of != b->as_of)
		return a->as_of > b->as_of;
	if (a->document_date != b->document_date)
		return a->document_date > b->document_date;
	return a->id > b->id;
}

static const char *source_label(const struct funnel *f, const struct figure *fig)
{
	const struct figure_source *s = figure_source(f->v, fig->source);
	return s ? s->label : fig->source;
}

static void describe_figure(const struct funnel *f, const struct figure *fig,
                            const struct figure_category *c, struct buf *b)
{
	char num[32], date[11] = "?";
	funnel_number(fig->value, num);
	if (fig->as_of != DATE_NONE)
		date_format_iso(fig->as_of, date);
	buf_addf(b, "%s %s (%s, as of %s, %s, figure %lld)", num, c->label, source_label(f, fig),
	         date, fig->document, fig->id);
}

static void describe(const struct funnel *f, const struct funnel_snapshot *s,
                     const struct figure_category *c, bool full, struct buf *b)
{
	const struct funnel_value *val = &s->values[cat_index(f, c)];
	char num[32];
	funnel_number(val->value, num);
	if (!val->present) {
		buf_addf(b, "no figure for %s", c->label);
	} else if (val->figure) {
		if (full)
			describe_figure(f, val->figure, c, b);
		else
			buf_addf(b, "%s %s", num, c->label);
	} else {
		buf_addf(b, "%s %s (", num, c->label);
		int n = 0;
		for (size_t i = 0; i < val->derived->part_count; i++) {
			const struct funnel_value *p =
			    &s->values[cat_index(f, val->derived->parts[i])];
			if (!p->present)
				continue;
			char pn[32];
			funnel_number(p->value, pn);
			buf_addf(b, "%s%s %s", n++ ? " + " : "", pn, val->derived->parts[i]->label);
		}
		buf_adds(b, ")");
	}
}

char *funnel_describe(const struct funnel *f, const struct funnel_snapshot *s,
                      const struct figure_category *c)
{
	struct buf b = BUF_INIT;
	describe(f, s, c, true, &b);
	return buf_detach(&b);
}

/* The figures a value rests on, its parts' when it is derived. */
static void value_figures(const struct funnel *f, const struct funnel_snapshot *s,
                          const struct figure_category *c, struct funnel_check *ck, int depth)
{
	const struct funnel_value *val = &s->values[cat_index(f, c)];
	if (!val->present || depth > 8)
		return;
	if (val->figure) {
		for (size_t i = 0; i < ck->figure_count; i++)
			if (ck->figures[i] == val->figure->id)
				return;
		if (ck->figure_count < FUNNEL_CHECK_FIGURES)
			ck->figures[ck->figure_count++] = val->figure->id;
		return;
	}
	for (size_t i = 0; i < val->derived->part_count; i++)
		value_figures(f, s, val->derived->parts[i], ck, depth + 1);
}

static struct funnel_check *add_check(struct funnel_check **arr, size_t *count,
                                      enum funnel_check_kind kind, bool ok, const char *key,
                                      int date)
{
	*arr = xrealloc(*arr, (*count + 1) * sizeof(**arr));
	struct funnel_check *ck = &(*arr)[(*count)++];
	memset(ck, 0, sizeof(*ck));
	ck->kind = kind;
	ck->ok = ok;
	snprintf(ck->key, sizeof(ck->key), "%s", key);
	ck->date = date;
	return ck;
}

static void check_relations(const struct funnel *f, struct funnel_snapshot *s)
{
	for (size_t r = 0; r < f->v->relation_count; r++) {
		const struct figure_relation *rel = &f->v->relations[r];
		const struct funnel_value *whole = &s->values[cat_index(f, rel->whole)];
		if (!whole->present || whole->derived == rel)
			continue;
		double sum = 0;
		size_t present = 0;
		for (size_t i = 0; i < rel->part_count; i++) {
			const struct funnel_value *p = &s->values[cat_index(f, rel->parts[i])];
			if (p->present) {
				sum += p->value;
				present++;
			}
		}
		if (!present)
			continue;
		bool exceed = more_than(sum, whole->value);
		bool short_ = rel->exhaustive && more_than(whole->value, sum);
		char key[96];
		snprintf(key, sizeof(key), "parts:%s", rel->whole->key);
		struct funnel_check *ck = add_check(&s->checks, &s->check_count, CHECK_PARTS,
		                                    !exceed && !short_, key, s->date);
		struct buf b = BUF_INIT;
		char num[32], diff[32];
		funnel_number(sum, num);
		funnel_number(fabs(whole->value - sum), diff);
		size_t n = 0;
		for (size_t i = 0; i < rel->part_count; i++) {
			if (!s->values[cat_index(f, rel->parts[i])].present)
				continue;
			buf_adds(&b, n++ ? " + " : "");
			describe(f, s, rel->parts[i], true, &b);
			value_figures(f, s, rel->parts[i], ck, 0);
		}
		if (n > 1)
			buf_addf(&b, " = %s", num);
		if (exceed)
			buf_adds(&b, n > 1 ? ", more than " : " is more than ");
		else if (short_)
			buf_adds(&b, n > 1 ? ", short of " : " is short of ");
		else
			buf_adds(&b, n > 1 ? ", within " : " is within ");
		describe(f, s, rel->whole, true, &b);
		value_figures(f, s, rel->whole, ck, 0);
		if (exceed)
			buf_addf(&b, ": the parts exceed the whole by %s", diff);
		else if (short_)
			buf_addf(&b, ": %s not accounted for", diff);
		ck->message = buf_detach(&b);
	}
}

/* True when a relation with whole `whole` lists `part`: its check covers the pair. */
static bool covered(const struct figure_vocab *v, const struct figure_category *whole,
                    const struct figure_category *part)
{
	for (size_t r = 0; r < v->relation_count; r++) {
		if (v->relations[r].whole != whole)
			continue;
		for (size_t i = 0; i < v->relations[r].part_count; i++)
			if (v->relations[r].parts[i] == part)
				return true;
	}
	return false;
}

static void check_stages(const struct funnel *f, struct funnel_snapshot *s)
{
	for (size_t i = 0; i < f->v->stage_count; i++) {
		const struct figure_stage *st = &f->v->stages[i];
		const struct funnel_value *val = &s->values[cat_index(f, st->category)];
		if (!val->present)
			continue;
		const struct figure_category *bound = NULL;
		for (size_t k = 0; k < st->at_most_count && !bound; k++)
			if (s->values[cat_index(f, st->at_most[k])].present)
				bound = st->at_most[k];
		if (!bound || covered(f->v, bound, st->category))
			continue;
		const struct funnel_value *b = &s->values[cat_index(f, bound)];
		bool larger = more_than(val->value, b->value);
		char key[96];
		snprintf(key, sizeof(key), "stage:%s", st->category->key);
		struct funnel_check *ck = add_check(&s->checks, &s->check_count, CHECK_STAGE_ORDER,
		                                    !larger, key, s->date);
		struct buf m = BUF_INIT;
		describe(f, s, st->category, true, &m);
		buf_adds(&m,
		         larger ? " is larger than the stage before it, " : " is not larger than ");
		describe(f, s, bound, true, &m);
		value_figures(f, s, st->category, ck, 0);
		value_figures(f, s, bound, ck, 0);
		ck->message = buf_detach(&m);
	}
}

static int compare_dates(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static bool usable(const struct funnel *f, const struct figure *fig, int limit)
{
	return figure_category(f->v, fig->category) && fig->as_of != DATE_NONE &&
	       (limit == DATE_NONE || fig->as_of <= limit);
}

static void snapshot_at(struct funnel *f, struct funnel_snapshot *s, int date)
{
	const struct figure_vocab *v = f->v;
	s->date = date;
	s->values = xcalloc(v->category_count, sizeof(*s->values));
	for (size_t i = 0; i < f->figure_count; i++) {
		const struct figure *fig = &f->figures[i];
		if (!usable(f, fig, date))
			continue;
		struct funnel_value *val =
		    &s->values[cat_index(f, figure_category(v, fig->category))];
		if (!val->present || newer(fig, val->figure))
			*val = (struct funnel_value){true, fig->value, fig, NULL};
	}
	for (size_t r = 0; r < v->relation_count; r++) {
		const struct figure_relation *rel = &v->relations[r];
		struct funnel_value *whole = &s->values[cat_index(f, rel->whole)];
		if (!rel->exhaustive || whole->present)
			continue;
		double sum = 0;
		size_t present = 0;
		for (size_t i = 0; i < rel->part_count; i++) {
			const struct funnel_value *p = &s->values[cat_index(f, rel->parts[i])];
			if (p->present) {
				sum += p->value;
				present++;
			}
		}
		if (present)
			*whole = (struct funnel_value){true, sum, NULL, rel};
	}
	check_relations(f, s);
	check_stages(f, s);
}

static void check_agreement(struct funnel *f, int limit)
{
	bool *done = xcalloc(f->figure_count + 1, sizeof(bool));
	for (size_t i = 0; i < f->figure_count; i++) {
		const struct figure *a = &f->figures[i];
		if (done[i] || !usable(f, a, limit))
			continue;
		size_t same = 1;
		bool differ = false;
		for (size_t j = i + 1; j < f->figure_count; j++) {
			const struct figure *b = &f->figures[j];
			if (usable(f, b, limit) && !strcmp(a->category, b->category) &&
			    a->as_of == b->as_of) {
				same++;
				differ |=
				    more_than(a->value, b->value) || more_than(b->value, a->value);
			}
		}
		if (same < 2)
			continue;
		const struct figure_category *c = figure_category(f->v, a->category);
		char date[11], key[96];
		date_format_iso(a->as_of, date);
		snprintf(key, sizeof(key), "agreement:%s:%s", c->key, date);
		struct funnel_check *ck = add_check(&f->disagreements, &f->disagreement_count,
		                                    CHECK_AGREEMENT, !differ, key, a->as_of);
		struct buf m = BUF_INIT;
		buf_addf(&m, "%s as of %s: ", c->label, date);
		size_t n = 0;
		for (size_t j = i; j < f->figure_count; j++) {
			const struct figure *b = &f->figures[j];
			if (j > i && (done[j] || !usable(f, b, limit) ||
			              strcmp(a->category, b->category) || a->as_of != b->as_of))
				continue;
			done[j] = true;
			char num[32];
			funnel_number(b->value, num);
			buf_addf(&m, "%s%s (%s, %s, figure %lld)",
			         n++ ? (differ ? " against " : " and ") : "", num,
			         source_label(f, b), b->document, b->id);
			if (ck->figure_count < FUNNEL_CHECK_FIGURES)
				ck->figures[ck->figure_count++] = b->id;
		}
		buf_adds(&m, differ ? ": the sources disagree" : ": they agree");
		ck->message = buf_detach(&m);
	}
	free(done);
}

static bool same_figures(const struct funnel_check *a, const struct funnel_check *b)
{
	if (a->figure_count != b->figure_count)
		return false;
	for (size_t i = 0; i < a->figure_count; i++)
		if (a->figures[i] != b->figures[i])
			return false;
	return true;
}

static void collect_earlier(struct funnel *f)
{
	if (f->snapshot_count < 2)
		return;
	const struct funnel_snapshot *last = &f->snapshots[f->snapshot_count - 1];
	for (size_t i = 0; i + 1 < f->snapshot_count; i++) {
		const struct funnel_snapshot *s = &f->snapshots[i];
		for (size_t k = 0; k < s->check_count; k++) {
			const struct funnel_check *ck = &s->checks[k];
			if (ck->ok)
				continue;
			bool raised = false;
			for (size_t j = 0; j < last->check_count && !raised; j++)
				raised =
				    !last->checks[j].ok && !strcmp(last->checks[j].key, ck->key);
			for (size_t j = 0; j < f->earlier_count && !raised; j++)
				raised = !strcmp(f->earlier[j].key, ck->key) &&
				         same_figures(&f->earlier[j], ck);
			if (raised)
				continue;
			struct funnel_check *e = add_check(&f->earlier, &f->earlier_count, ck->kind,
			                                   false, ck->key, ck->date);
			memcpy(e->figures, ck->figures, sizeof(e->figures));
			e->figure_count = ck->figure_count;
			e->message = xstrdup(ck->message);
		}
	}
}

void funnel_compute(const struct figure_vocab *v, const struct figure *figures, size_t n, int as_of,
                    struct funnel *out)
{
	memset(out, 0, sizeof(*out));
	out->v = v;
	out->figures = figures;
	out->figure_count = n;
	int *dates = xcalloc(n + 2, sizeof(int));
	size_t count = 0;
	int latest = DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		if (figure_category(v, figures[i].category) && figures[i].as_of == DATE_NONE)
			out->undated++;
		if (!usable(out, &figures[i], as_of))
			continue;
		out->used++;
		dates[count++] = figures[i].as_of;
		if (latest == DATE_NONE || figures[i].as_of > latest)
			latest = figures[i].as_of;
	}
	out->as_of = as_of != DATE_NONE ? as_of : latest;
	if (as_of != DATE_NONE && count && latest != as_of)
		dates[count++] = as_of;
	qsort(dates, count, sizeof(int), compare_dates);
	size_t distinct = 0;
	for (size_t i = 0; i < count; i++)
		if (!distinct || dates[distinct - 1] != dates[i])
			dates[distinct++] = dates[i];
	out->snapshots = xcalloc(distinct + 1, sizeof(*out->snapshots));
	for (size_t i = 0; i < distinct; i++)
		snapshot_at(out, &out->snapshots[out->snapshot_count++], dates[i]);
	free(dates);
	check_agreement(out, out->as_of);
	collect_earlier(out);
}

static void checks_release(struct funnel_check *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].message);
	free(c);
}

void funnel_release(struct funnel *f)
{
	for (size_t i = 0; i < f->snapshot_count; i++) {
		free(f->snapshots[i].values);
		checks_release(f->snapshots[i].checks, f->snapshots[i].check_count);
	}
	free(f->snapshots);
	checks_release(f->disagreements, f->disagreement_count);
	checks_release(f->earlier, f->earlier_count);
	memset(f, 0, sizeof(*f));
}

const struct funnel_snapshot *funnel_last(const struct funnel *f)
{
	return f->snapshot_count ? &f->snapshots[f->snapshot_count - 1] : NULL;
}

size_t funnel_flag_count(const struct funnel *f)
{
	size_t n = 0;
	const struct funnel_snapshot *s = funnel_last(f);
	for (size_t i = 0; s && i < s->check_count; i++)
		n += !s->checks[i].ok;
	for (size_t i = 0; i < f->disagreement_count; i++)
		n += !f->disagreements[i].ok;
	return n;
}

/* --- JSON ------------------------------------------------------------------------------- */

static json_t *date_json(int d)
{
	if (d == DATE_NONE)
		return json_null();
	char s[11];
	date_format_iso(d, s);
	return json_string(s);
}

static json_t *number_json(double v)
{
	return v == floor(v) && fabs(v) < 9e15 ? json_integer((json_int_t)v) : json_real(v);
}

static json_t *checks_json(const struct funnel_check *c, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *ids = json_array();
		for (size_t k = 0; k < c[i].figure_count; k++)
			json_array_append_new(ids, json_integer(c[i].figures[k]));
		json_array_append_new(arr,
		                      json_pack("{s:s, s:b, s:s, s:s, s:o, s:o}", "kind",
		                                funnel_check_kind_names[c[i].kind], "ok", c[i].ok,
		                                "key", c[i].key, "message", c[i].message, "figures",
		                                ids, "date", date_json(c[i].date)));
	}
	return arr;
}

static json_t *category_json(const struct funnel *f, const struct figure_category *c,
                             bool public_view)
{
	const struct funnel_snapshot *last = funnel_last(f);
	const struct funnel_value *val = last ? &last->values[cat_index(f, c)] : NULL;
	json_t *j =
	    json_pack("{s:s, s:s, s:s}", "category", c->key, "label", c->label, "kind", c->kind);
	json_object_set_new(j, "value",
	                    val && val->present ? number_json(val->value) : json_null());
	json_object_set_new(j, "derived", json_boolean(val && val->present && val->derived));
	if (val && val->present && val->derived) {
		json_t *parts = json_array();
		for (size_t i = 0; i < val->derived->part_count; i++)
			if (last->values[cat_index(f, val->derived->parts[i])].present)
				json_array_append_new(parts,
				                      json_string(val->derived->parts[i]->key));
		json_object_set_new(j, "derived_from", parts);
	}
	json_object_set_new(j, "figure",
	                    val && val->present && val->figure
	                        ? figure_to_json(val->figure, f->v, public_view)
	                        : json_null());
	json_t *over = json_array();
	for (size_t i = 0; i < f->snapshot_count; i++) {
		const struct funnel_value *v = &f->snapshots[i].values[cat_index(f, c)];
		if (!v->present)
			continue;
		json_t *point =
		    json_pack("{s:o, s:o, s:b}", "date", date_json(f->snapshots[i].date), "value",
		              number_json(v->value), "derived", v->derived != NULL);
		json_object_set_new(point, "figure",
		                    v->figure ? json_integer(v->figure->id) : json_null());
		json_array_append_new(over, point);
	}
	json_object_set_new(j, "over_time", over);
	return j;
}

static bool is_stage(const struct figure_vocab *v, const struct figure_category *c)
{
	for (size_t i = 0; i < v->stage_count; i++)
		if (v->stages[i].category == c)
			return true;
	return false;
}

json_t *funnel_to_json(const struct funnel *f, bool public_view)
{
	const struct funnel_snapshot *last = funnel_last(f);
	json_t *stages = json_array(), *other = json_array(), *dates = json_array();
	for (size_t i = 0; i < f->v->stage_count; i++)
		json_array_append_new(stages,
		                      category_json(f, f->v->stages[i].category, public_view));
	for (size_t i = 0; i < f->v->category_count; i++) {
		const struct figure_category *c = &f->v->categories[i];
		if (!is_stage(f->v, c) && last && last->values[i].present)
			json_array_append_new(other, category_json(f, c, public_view));
	}
	for (size_t i = 0; i < f->snapshot_count; i++)
		json_array_append_new(dates, date_json(f->snapshots[i].date));
	json_t *j =
	    json_pack("{s:o, s:I, s:I, s:o, s:o, s:o}", "as_of", date_json(f->as_of),
	              "figures_used", (json_int_t)f->used, "figures_undated",
	              (json_int_t)f->undated, "dates", dates, "stages", stages, "other", other);
	json_object_set_new(j, "checks",
	                    last ? checks_json(last->checks, last->check_count) : json_array());
	json_object_set_new(j, "disagreements",
	                    checks_json(f->disagreements, f->disagreement_count));
	json_object_set_new(j, "earlier_flags", checks_json(f->earlier, f->earlier_count));
	json_object_set_new(j, "flags", json_integer((json_int_t)funnel_flag_count(f)));
	return j;
}
