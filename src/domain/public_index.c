/*
 * public_index.c - the public record's filters and figures in memory. See
 * public_index.h.
 *
 * Building reads five things, each through a covering index of
 * 006_public.sql: the public communications (visibility_public_where()),
 * their first reply, their mandates, the provisions they cite, and the
 * names of countries, mandates and instruments. At 10,000 letters that is
 * about 110 ms of CPU (measured), paid once per change of the store; a
 * search then costs 2 to 13 ms instead of 100 to 1,000.
 */
#include "public_index.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "filter.h"
#include "visibility.h"

/* ---- tables of values -------------------------------------------------------------------- */

static uint32_t hash(const char *value, const char *value2)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const char *p = value; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ 0x1f) * 16777619u;
	for (const char *p = value2 ? value2 : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

static bool same(const struct public_value *v, const char *value, const char *value2)
{
	return !strcmp(v->value, value) &&
	       !strcmp(v->value2 ? v->value2 : "", value2 ? value2 : "");
}

int public_table_find(const struct public_table *t, const char *value, const char *value2)
{
	if (!t->slot_count || !value)
		return -1;
	for (size_t i = hash(value, value2) & (t->slot_count - 1);;
	     i = (i + 1) & (t->slot_count - 1)) {
		uint32_t s = t->slots[i];
		if (!s)
			return -1;
		if (same(&t->values[s - 1], value, value2))
			return (int)(s - 1);
	}
}

static void table_rehash(struct public_table *t)
{
	free(t->slots);
	t->slot_count = t->slot_count ? t->slot_count * 2 : 64;
	t->slots = xcalloc(t->slot_count, sizeof(*t->slots));
	for (size_t v = 0; v < t->count; v++) {
		size_t i = hash(t->values[v].value, t->values[v].value2) & (t->slot_count - 1);
		while (t->slots[i])
			i = (i + 1) & (t->slot_count - 1);
		t->slots[i] = (uint32_t)v + 1;
	}
}

/* The index of (value, value2), added with label if new. */
static int table_add(struct public_table *t, const char *value, const char *value2,
                     const char *label)
{
	int found = public_table_find(t, value, value2);
	if (found >= 0)
		return found;
	ALLOC_GROW(t->values, t->count + 1, t->cap);
	struct public_value *v = &t->values[t->count++];
	v->value = xstrdup(value);
	v->value2 = value2 ? xstrdup(value2) : NULL;
	v->label = xstrdup(label ? label : value);
	if (t->count * 2 > t->slot_count)
		table_rehash(t);
	else {
		size_t i = hash(value, value2) & (t->slot_count - 1);
		while (t->slots[i])
			i = (i + 1) & (t->slot_count - 1);
		t->slots[i] = (uint32_t)t->count;
	}
	return (int)t->count - 1;
}

/* The label for value if a name table has one. */
static const char *label_of(const struct public_table *names, const char *value)
{
	int i = public_table_find(names, value, NULL);
	return i >= 0 ? names->values[i].label : value;
}

static void table_release(struct public_table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		free(t->values[i].value);
		free(t->values[i].value2);
		free(t->values[i].label);
	}
	free(t->values);
	free(t->slots);
}

/* ---- building ---------------------------------------------------------------------------- */

static int day(const char *iso)
{
	int d = iso ? date_parse_iso(iso) : DATE_NONE;
	return d;
}

/* The index being sorted by qsort's comparators (builds take build_lock). */
static const struct public_index *sort_ix;

static int cmp_id(const void *a, const void *b)
{
	long long x = sort_ix->entries[*(const uint32_t *)a].id,
	          y = sort_ix->entries[*(const uint32_t *)b].id;
	return x < y ? -1 : x > y;
}

static long find_id(const struct public_index *ix, const uint32_t *order, long long id)
{
	size_t lo = 0, hi = ix->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		long long v = ix->entries[order[mid]].id;
		if (v == id)
			return order[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Runs sql with today bound through visibility (params), row by row. */
static struct db_stmt *prepare_public(struct db *db, struct buf *sql, struct sql_params *params,
                                      struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql->data, err);
	if (st)
		sql_params_bind(params, st);
	buf_release(sql);
	return st;
}

/* A name table (value, label) from sql. */
static int names(struct db *db, const char *sql, struct public_table *t, struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st, err)) == 1)
		if (db_text(st, 0))
			table_add(t, db_text(st, 0), NULL, db_text(st, 1));
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* A child row (entry, value) kept until the rows are grouped per entry. */
struct pair {
	uint32_t entry, value;
};

/* Groups pairs per entry, keeping the rows' order within an entry (a
 * counting sort). Returns the values (uint16_t or uint32_t by width) and
 * sets start[e]..start[e + 1] to entry e's range (start: count + 1). */
static void *group_pairs(const struct public_index *ix, const struct pair *pairs, size_t n,
                         size_t width, uint32_t *start)
{
	memset(start, 0, (ix->count + 1) * sizeof(*start));
	for (size_t i = 0; i < n; i++)
		start[pairs[i].entry + 1]++;
	for (size_t e = 0; e < ix->count; e++)
		start[e + 1] += start[e];
	char *out = xmalloc((n ? n : 1) * width);
	uint32_t *fill = xcalloc(ix->count + 1, sizeof(*fill));
	for (size_t i = 0; i < n; i++) {
		uint32_t at = start[pairs[i].entry] + fill[pairs[i].entry]++;
		if (width == sizeof(uint16_t))
			((uint16_t *)out)[at] = (uint16_t)pairs[i].value;
		else
			((uint32_t *)out)[at] = pairs[i].value;
	}
	free(fill);
	return out;
}

static int key_cmp_ix(const void *a, const void *b)
{
	long long x = sort_ix->entries[*(const uint32_t *)a].search_key;
	long long y = sort_ix->entries[*(const uint32_t *)b].search_key;
	return x < y ? -1 : x > y;
}

static void index_free(struct public_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->count; i++) {
		free(ix->entries[i].reference);
		free(ix->entries[i].slug);
	}
	free(ix->entries);
	free(ix->keys);
	free(ix->key_entry);
	table_release(&ix->countries);
	table_release(&ix->types);
	table_release(&ix->mandates);
	table_release(&ix->instruments);
	table_release(&ix->provisions);
	free(ix->provision_instrument);
	free(ix->entry_mandates);
	free(ix->entry_provisions);
	free(ix);
}

/* sort_ix is used by qsort's comparators while building; one build at a time. */
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

static struct public_index *build(struct db *db, long long generation, const char *today,
                                  struct error *err)
{
	struct public_index *ix = xcalloc(1, sizeof(*ix));
	ix->generation = generation;
	memcpy(ix->today, today, 11);
	struct public_table country_names = {0}, mandate_names = {0}, instrument_names = {0};
	struct pair *pairs = NULL;
	uint32_t *order = NULL, *start = NULL;
	size_t cap = 0, pair_count = 0, pair_cap = 0;
	int rc = -1;
	if (names(db, "SELECT alpha3, name_en FROM countries", &country_names, err) < 0 ||
	    names(db, "SELECT slug, title_en FROM mandates", &mandate_names, err) < 0 ||
	    names(db, "SELECT short, name_en FROM instruments", &instrument_names, err) < 0)
		goto done;

	/* the public communications, newest first */
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT c.id, c.search_key, c.reference, c.slug, c.country, c.type, c.date, "
	               "c.reply_due, "
	               "c.publication_date, c.session FROM communications c WHERE 1 = 1");
	visibility_public_where(&sql, &params, "c", today);
	buf_adds(&sql, " ORDER BY c.date IS NULL, c.date DESC, c.id DESC");
	struct db_stmt *st = prepare_public(db, &sql, &params, err);
	if (!st)
		goto done;
	int step;
	while ((step = db_step(st, err)) == 1) {
		ALLOC_GROW(ix->entries, ix->count + 1, cap);
		struct public_entry *e = &ix->entries[ix->count++];
		memset(e, 0, sizeof(*e));
		e->id = db_int(st, 0);
		e->search_key = db_is_null(st, 1) ? -1 : db_int(st, 1);
		e->reference = xstrdup(db_text(st, 2) ? db_text(st, 2) : "");
		e->slug = xstrdup(db_text(st, 3) ? db_text(st, 3) : "");
		e->country = db_text(st, 4) ? table_add(&ix->countries, db_text(st, 4), NULL,
		                                        label_of(&country_names, db_text(st, 4)))
		                            : -1;
		e->type = db_text(st, 5) ? table_add(&ix->types, db_text(st, 5), NULL, NULL) : -1;
		e->date = day(db_text(st, 6));
		if (e->date != PUBLIC_NONE) {
			int month, dom;
			date_to_ymd(e->date, &e->year, &month, &dom);
		}
		e->reply_due = day(db_text(st, 7));
		e->publication = day(db_text(st, 8));
		e->first_reply = PUBLIC_NONE;
		e->session = db_is_null(st, 9) ? 0 : (int)db_int(st, 9);
	}
	db_finalize(st);
	if (step < 0)
		goto done;
	order = xmalloc((ix->count ? ix->count : 1) * sizeof(*order));
	for (size_t i = 0; i < ix->count; i++)
		order[i] = (uint32_t)i;
	sort_ix = ix;
	qsort(order, ix->count, sizeof(*order), cmp_id);

	/* the first reply a reader sees today, and how many */
	st = db_prepare(
	    db,
	    "SELECT communication_id, min(received), count(*) FROM replies WHERE received <= ?1 "
	    "GROUP BY communication_id",
	    err);
	if (!st)
		goto done;
	db_bind_text(st, 1, today);
	while ((step = db_step(st, err)) == 1) {
		long e = find_id(ix, order, db_int(st, 0));
		if (e >= 0) {
			ix->entries[e].first_reply = day(db_text(st, 1));
			ix->entries[e].replies = (int)db_int(st, 2);
		}
	}
	db_finalize(st);
	if (step < 0)
		goto done;

	/* mandates, in each letter's order */
	st = db_prepare(
	    db,
	    "SELECT communication_id, slug FROM communication_mandates WHERE slug IS NOT NULL "
	    "ORDER BY communication_id, position",
	    err);
	if (!st)
		goto done;
	while ((step = db_step(st, err)) == 1) {
		long e = find_id(ix, order, db_int(st, 0));
		if (e < 0)
			continue;
		int m = table_add(&ix->mandates, db_text(st, 1), NULL,
		                  label_of(&mandate_names, db_text(st, 1)));
		if (m > UINT16_MAX)
			continue; /* more than 65,535 mandates: never, the Council has some 60 */
		ALLOC_GROW(pairs, pair_count + 1, pair_cap);
		pairs[pair_count++] = (struct pair){(uint32_t)e, (uint32_t)m};
	}
	db_finalize(st);
	if (step < 0)
		goto done;
	start = xmalloc((ix->count + 1) * sizeof(*start));
	ix->entry_mandates = group_pairs(ix, pairs, pair_count, sizeof(uint16_t), start);
	for (size_t e = 0; e < ix->count; e++) {
		ix->entries[e].mandate_first = start[e];
		ix->entries[e].mandate_count = start[e + 1] - start[e];
	}
	ix->entry_mandate_count = pair_count;
	pair_count = 0;

	/* the provisions each letter cites (once each) */
	st = db_prepare(db,
	                "SELECT DISTINCT communication_id, instrument, article FROM citations "
	                "WHERE instrument IS NOT NULL",
	                err);
	if (!st)
		goto done;
	size_t pi_cap = 0;
	while ((step = db_step(st, err)) == 1) {
		long e = find_id(ix, order, db_int(st, 0));
		if (e < 0)
			continue;
		const char *instrument = db_text(st, 1), *article = db_text(st, 2);
		struct buf label = BUF_INIT;
		buf_addf(&label, "%s art. %s", instrument, article);
		size_t before = ix->provisions.count;
		int p = table_add(&ix->provisions, instrument, article, label.data);
		buf_release(&label);
		if (ix->provisions.count > before) {
			ALLOC_GROW(ix->provision_instrument, ix->provisions.count, pi_cap);
			ix->provision_instrument[p] =
			    (uint32_t)table_add(&ix->instruments, instrument, NULL,
			                        label_of(&instrument_names, instrument));
		}
		ALLOC_GROW(pairs, pair_count + 1, pair_cap);
		pairs[pair_count++] = (struct pair){(uint32_t)e, (uint32_t)p};
	}
	db_finalize(st);
	if (step < 0)
		goto done;
	ix->entry_provisions = group_pairs(ix, pairs, pair_count, sizeof(uint32_t), start);
	for (size_t e = 0; e < ix->count; e++) {
		ix->entries[e].provision_first = start[e];
		ix->entries[e].provision_count = start[e + 1] - start[e];
	}
	ix->entry_provision_count = pair_count;

	/* search keys, to find the entries of full-text matches */
	ix->keys = xmalloc((ix->count ? ix->count : 1) * sizeof(*ix->keys));
	ix->key_entry = xmalloc((ix->count ? ix->count : 1) * sizeof(*ix->key_entry));
	for (size_t i = 0; i < ix->count; i++)
		order[i] = (uint32_t)i;
	qsort(order, ix->count, sizeof(*order), key_cmp_ix);
	for (size_t i = 0; i < ix->count; i++) {
		ix->keys[i] = ix->entries[order[i]].search_key;
		ix->key_entry[i] = order[i];
	}
	rc = 0;
done:
	sort_ix = NULL;
	free(order);
	free(start);
	free(pairs);
	table_release(&country_names);
	table_release(&mandate_names);
	table_release(&instrument_names);
	if (rc < 0) {
		index_free(ix);
		return NULL;
	}
	return ix;
}

/* ---- sharing ----------------------------------------------------------------------------- */

static pthread_mutex_t share_lock = PTHREAD_MUTEX_INITIALIZER;
static struct public_index *current;

void public_index_put(struct public_index *ix)
{
	if (!ix)
		return;
	pthread_mutex_lock(&share_lock);
	bool last = --ix->refs == 0;
	pthread_mutex_unlock(&share_lock);
	if (last)
		index_free(ix);
}

/* Takes the current index if it is for this generation and day. */
static struct public_index *take_current(long long generation, const char *today)
{
	struct public_index *ix = NULL;
	pthread_mutex_lock(&share_lock);
	if (current && current->generation == generation && !strcmp(current->today, today)) {
		ix = current;
		ix->refs++;
	}
	pthread_mutex_unlock(&share_lock);
	return ix;
}

struct public_index *public_index_get(struct db *db, const char *today, struct error *err)
{
	long long generation =
	    db_query_int(db, -1, "SELECT n FROM public_generation", (const char *)NULL);
	struct public_index *ix = take_current(generation, today);
	if (ix)
		return ix;
	/* one thread builds; the others wait for it rather than build too */
	pthread_mutex_lock(&build_lock);
	ix = take_current(generation, today);
	if (!ix) {
		ix = build(db, generation, today, err);
		if (ix) {
			ix->refs = 2; /* the current one, and this reader's */
			pthread_mutex_lock(&share_lock);
			struct public_index *old = current;
			current = ix;
			bool last = old && --old->refs == 0;
			pthread_mutex_unlock(&share_lock);
			if (last)
				index_free(old);
		}
	}
	pthread_mutex_unlock(&build_lock);
	return ix;
}

long public_index_by_key(const struct public_index *ix, long long key)
{
	size_t lo = 0, hi = ix->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ix->keys[mid] == key)
			return ix->key_entry[mid];
		if (ix->keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const char *public_entry_reply_status(const struct public_entry *e)
{
	if (e->first_reply == PUBLIC_NONE)
		return "none";
	return e->reply_due != PUBLIC_NONE && e->first_reply > e->reply_due ? "late" : "in-time";
}
