/*
 * public_record.c - the public record as JSON. See public_record.h.
 *
 * Every query here names its columns (never "SELECT *"), and every query
 * over communications goes through visibility_public_where(), including
 * the joins of the chain: a related communication that is not public is
 * shown as the reference the public letter cites, nothing more. Replies
 * count from the day they were received: a reader "today" sees no reply
 * filed after it. Knows nothing of HTTP or HTML.
 */
#include "public_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "filter.h"
#include "public_index.h"
#include "visibility.h"

/* A string or null: the store's text is UTF-8 (checked when read in). */
static json_t *jstr(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;
	return j ? j : json_null();
}

static json_t *jint_or_null(struct db_stmt *st, int col)
{
	return db_is_null(st, col) ? json_null() : json_integer(db_int(st, col));
}

/* The first reply a reader sees for communication alias.id: SQL text. */
#define FIRST_REPLY(alias, param)                                                                  \
	"(SELECT min(r.received) FROM replies r WHERE r.communication_id = " alias                 \
	".id AND r.received <= " param ")"

static const char *reply_status(const char *first_reply, const char *due)
{
	if (!first_reply)
		return "none";
	return due && strcmp(first_reply, due) > 0 ? "late" : "in-time";
}

/* Prepares sql (whose placeholders params holds) and binds them. */
static struct db_stmt *prepare_bound(struct db *db, struct buf *sql, struct sql_params *params)
{
	struct db_stmt *st = db_prepare(db, sql->data, NULL);
	if (st)
		sql_params_bind(params, st);
	buf_release(sql);
	return st;
}

long long public_communication_id(struct db *db, const char *slug, const char *today)
{
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT c.id FROM communications c WHERE c.slug = ");
	sql_param(&sql, &params, slug);
	visibility_public_where(&sql, &params, "c", today);
	struct db_stmt *st = prepare_bound(db, &sql, &params);
	long long id = 0;
	if (st) {
		if (db_step(st, NULL) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	return id;
}

/* ---- one communication ------------------------------------------------------------------- */

/* Replies as JSON, and their ids in the same order (caller frees). */
static json_t *replies_of(struct db *db, long long id, const char *today, bool texts,
                          long long **ids, size_t *n)
{
	struct db_stmt *st =
	    db_prepare(db,
	               "SELECT id, received, kind, late, language, body FROM replies "
	               "WHERE communication_id = ?1 AND received <= ?2 ORDER BY received, id",
	               NULL);
	json_t *list = json_array();
	if (!st)
		return list;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, today);
	size_t cap = 0;
	while (db_step(st, NULL) == 1) {
		if (ids) {
			ALLOC_GROW(*ids, *n + 1, cap);
			(*ids)[(*n)++] = db_int(st, 0);
		}
		json_t *r = json_object();
		json_object_set_new(r, "n", json_integer((json_int_t)json_array_size(list) + 1));
		json_object_set_new(r, "received", jstr(db_text(st, 1)));
		json_object_set_new(r, "kind", jstr(db_text(st, 2)));
		json_object_set_new(r, "late", json_boolean(db_int(st, 3)));
		json_object_set_new(r, "language", jstr(db_text(st, 4)));
		if (texts)
			json_object_set_new(r, "text", jstr(db_text(st, 5)));
		json_array_append_new(list, r);
	}
	db_finalize(st);
	return list;
}

json_t *public_replies(struct db *db, long long id, const char *today, bool texts)
{
	return replies_of(db, id, today, texts, NULL, NULL);
}

static json_t *mandates_of(struct db *db, long long id)
{
	struct db_stmt *st =
	    db_prepare(db,
	               "SELECT title, resolution, slug FROM communication_mandates "
	               "WHERE communication_id = ?1 ORDER BY position",
	               NULL);
	json_t *list = json_array();
	if (!st)
		return list;
	db_bind_int(st, 1, id);
	while (db_step(st, NULL) == 1)
		json_array_append_new(
		    list, json_pack("{s:o, s:o, s:o}", "slug", jstr(db_text(st, 2)), "title",
		                    jstr(db_text(st, 0)), "resolution", jstr(db_text(st, 1))));
	db_finalize(st);
	return list;
}

/* The numbered questions, each with what every reply said of it: the
 * officer's reading where there is one, else the suggested reading. */
static json_t *questions_of(struct db *db, long long id, const long long *reply_ids,
                            size_t reply_count)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(
	    db, "SELECT n, text FROM questions WHERE communication_id = ?1 ORDER BY n", NULL);
	struct db_stmt *ans = db_prepare(
	    db,
	    "SELECT coalesce(reading, suggested), reading IS NOT NULL FROM reply_answers "
	    "WHERE reply_id = ?1 AND question_n = ?2",
	    NULL);
	if (!st || !ans) {
		if (st)
			db_finalize(st);
		if (ans)
			db_finalize(ans);
		return list;
	}
	db_bind_int(st, 1, id);
	while (db_step(st, NULL) == 1) {
		long long n = db_int(st, 0);
		json_t *answers = json_array();
		for (size_t i = 0; i < reply_count; i++) {
			db_bind_int(ans, 1, reply_ids[i]);
			db_bind_int(ans, 2, n);
			if (db_step(ans, NULL) == 1)
				json_array_append_new(answers,
				                      json_pack("{s:I, s:o, s:b}", "reply",
				                                (json_int_t)i + 1, "reading",
				                                jstr(db_text(ans, 0)), "confirmed",
				                                (int)db_int(ans, 1)));
			db_reset(ans);
		}
		json_array_append_new(list, json_pack("{s:I, s:o, s:o}", "n", (json_int_t)n, "text",
		                                      jstr(db_text(st, 1)), "answers", answers));
	}
	db_finalize(st);
	db_finalize(ans);
	return list;
}

static json_t *citations_of(struct db *db, long long id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT instrument, article, violation FROM citations WHERE communication_id = ?1 "
	    "ORDER BY position",
	    NULL);
	if (!st)
		return list;
	db_bind_int(st, 1, id);
	while (db_step(st, NULL) == 1)
		json_array_append_new(list, json_pack("{s:o, s:o, s:b}", "instrument",
		                                      jstr(db_text(st, 0)), "article",
		                                      jstr(db_text(st, 1)), "violation",
		                                      (int)db_int(st, 2)));
	db_finalize(st);
	return list;
}

static json_t *signatories_of(struct db *db, long long id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(
	    db, "SELECT name, title FROM signatories WHERE communication_id = ?1 ORDER BY position",
	    NULL);
	if (!st)
		return list;
	db_bind_int(st, 1, id);
	while (db_step(st, NULL) == 1)
		json_array_append_new(list, json_pack("{s:o, s:o}", "name", jstr(db_text(st, 0)),
		                                      "title", jstr(db_text(st, 1))));
	db_finalize(st);
	return list;
}

/* The chain: the earlier communications this one cites (with the first
 * reply each had), and the later public ones that cite it. */
static json_t *chain_of(struct db *db, long long id, const char *core, const char *today)
{
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 2};
	buf_adds(&sql, "SELECT r.reference, c.reference, c.slug, c.date, " FIRST_REPLY(
	                   "c", "?2") " FROM related_references r LEFT JOIN communications c ON "
	                              "c.core = r.reference");
	params.count = 1; /* ?2, today, bound below with the rest */
	params.values[0] = today;
	visibility_public_where(&sql, &params, "c", today);
	buf_adds(&sql,
	         " WHERE r.communication_id = ?1 ORDER BY c.date IS NULL, c.date, r.reference");
	json_t *cites = json_array(), *cited_by = json_array();
	struct db_stmt *st = prepare_bound(db, &sql, &params);
	if (st) {
		db_bind_int(st, 1, id);
		while (db_step(st, NULL) == 1) {
			json_t *held = json_null();
			if (db_text(st, 1))
				held = json_pack("{s:o, s:o, s:o, s:o}", "reference",
				                 jstr(db_text(st, 1)), "slug", jstr(db_text(st, 2)),
				                 "date", jstr(db_text(st, 3)), "first_reply",
				                 jstr(db_text(st, 4)));
			json_array_append_new(cites, json_pack("{s:o, s:o}", "cited_as",
			                                       jstr(db_text(st, 0)),
			                                       "communication", held));
		}
		db_finalize(st);
	}
	if (core) {
		struct sql_params p2 = {.first = 1};
		buf_adds(&sql,
		         "SELECT c.reference, c.slug, c.date FROM related_references r "
		         "JOIN communications c ON c.id = r.communication_id WHERE r.reference = ");
		sql_param(&sql, &p2, core);
		visibility_public_where(&sql, &p2, "c", today);
		buf_adds(&sql, " ORDER BY c.date, c.reference");
		st = prepare_bound(db, &sql, &p2);
		if (st) {
			while (db_step(st, NULL) == 1)
				json_array_append_new(cited_by,
				                      json_pack("{s:o, s:o, s:o}", "reference",
				                                jstr(db_text(st, 0)), "slug",
				                                jstr(db_text(st, 1)), "date",
				                                jstr(db_text(st, 2))));
			db_finalize(st);
		}
	}
	buf_release(&sql);
	return json_pack("{s:o, s:o}", "cites", cites, "cited_by", cited_by);
}

json_t *public_communication(struct db *db, long long id, const char *today, unsigned parts)
{
	/* id comes from public_communication_id(); checked again here, so no
	 * caller can hand this an id that is not public */
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 2};
	buf_adds(
	    &sql,
	    "SELECT c.reference, c.slug, c.type, c.country, k.name_en, c.date, c.language, "
	    "c.reply_due, "
	    "c.publication_date, c.session, s.report_symbol, c.core, coalesce(c.letter_md, c.body) "
	    "FROM communications c LEFT JOIN countries k ON k.alpha3 = c.country "
	    "LEFT JOIN hrc_sessions s ON s.session = c.session WHERE c.id = ?1");
	visibility_public_where(&sql, &params, "c", today);
	struct db_stmt *st = prepare_bound(db, &sql, &params);
	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	if (db_step(st, NULL) != 1) {
		db_finalize(st);
		return NULL;
	}
	long long *reply_ids = NULL;
	size_t reply_count = 0;
	json_t *replies =
	    replies_of(db, id, today, parts & PUBLIC_PART_REPLY_TEXTS, &reply_ids, &reply_count);
	const char *first =
	    json_array_size(replies)
	        ? json_string_value(json_object_get(json_array_get(replies, 0), "received"))
	        : NULL;
	json_t *c = json_object();
	json_object_set_new(c, "reference", jstr(db_text(st, 0)));
	json_object_set_new(c, "slug", jstr(db_text(st, 1)));
	json_object_set_new(c, "type", jstr(db_text(st, 2)));
	json_object_set_new(
	    c, "addressee",
	    json_pack("{s:o, s:o}", "code", jstr(db_text(st, 3)), "name", jstr(db_text(st, 4))));
	json_object_set_new(c, "date", jstr(db_text(st, 5)));
	json_object_set_new(c, "language", jstr(db_text(st, 6)));
	json_object_set_new(c, "reply_due", jstr(db_text(st, 7)));
	json_object_set_new(c, "publication_date", jstr(db_text(st, 8)));
	json_object_set_new(c, "session", jint_or_null(st, 9));
	json_object_set_new(c, "session_report", jstr(db_text(st, 10)));
	json_object_set_new(c, "reply_status", json_string(reply_status(first, db_text(st, 7))));
	json_object_set_new(c, "first_reply", jstr(first));
	json_object_set_new(c, "mandates", mandates_of(db, id));
	json_object_set_new(c, "questions", questions_of(db, id, reply_ids, reply_count));
	json_object_set_new(c, "citations", citations_of(db, id));
	json_object_set_new(c, "signatories", signatories_of(db, id));
	json_object_set_new(c, "replies", replies);
	json_object_set_new(c, "chain", chain_of(db, id, db_text(st, 11), today));
	if (parts & PUBLIC_PART_TEXT)
		json_object_set_new(c, "text", jstr(db_text(st, 12)));
	db_finalize(st);
	free(reply_ids);
	return c;
}

/* ---- lists ------------------------------------------------------------------------------- */

/* The columns list_item() reads, from c (communications) and k (countries). */
#define LIST_COLUMNS                                                                               \
	"c.reference, c.slug, c.type, c.country, k.name_en, c.date, c.reply_due, "                 \
	"c.publication_date, c.session, " FIRST_REPLY("c", "?1")

static json_t *list_item(struct db_stmt *st)
{
	json_t *j = json_object();
	json_object_set_new(j, "reference", jstr(db_text(st, 0)));
	json_object_set_new(j, "slug", jstr(db_text(st, 1)));
	json_object_set_new(j, "type", jstr(db_text(st, 2)));
	json_object_set_new(
	    j, "addressee",
	    json_pack("{s:o, s:o}", "code", jstr(db_text(st, 3)), "name", jstr(db_text(st, 4))));
	json_object_set_new(j, "date", jstr(db_text(st, 5)));
	json_object_set_new(j, "reply_due", jstr(db_text(st, 6)));
	json_object_set_new(j, "publication_date", jstr(db_text(st, 7)));
	json_object_set_new(j, "session", jint_or_null(st, 8));
	json_object_set_new(j, "first_reply", jstr(db_text(st, 9)));
	json_object_set_new(j, "reply_status",
	                    json_string(reply_status(db_text(st, 9), db_text(st, 6))));
	return j;
}

/* Public communications as list items, in order, at most limit. */
static json_t *list(struct db *db, const char *today, const char *order, int limit)
{
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT " LIST_COLUMNS
	               " FROM communications c LEFT JOIN countries k ON k.alpha3 = c.country "
	               "WHERE 1 = 1");
	params.values[params.count++] = today; /* ?1 */
	visibility_public_where(&sql, &params, "c", today);
	buf_addf(&sql, " ORDER BY %s LIMIT %d", order, limit);
	json_t *out = json_array();
	struct db_stmt *st = prepare_bound(db, &sql, &params);
	if (!st)
		return out;
	while (db_step(st, NULL) == 1)
		json_array_append_new(out, list_item(st));
	db_finalize(st);
	return out;
}

json_t *public_latest(struct db *db, const char *today, int limit)
{
	json_t *items = list(db, today, "c.publication_date DESC, c.date DESC, c.id DESC", limit);
	/* the feed names the mandates */
	struct db_stmt *st =
	    db_prepare(db,
	               "SELECT m.title FROM communication_mandates m JOIN communications c "
	               "ON c.id = m.communication_id WHERE c.slug = ?1 ORDER BY m.position",
	               NULL);
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		json_t *titles = json_array();
		if (st) {
			db_bind_text(st, 1, json_string_value(json_object_get(item, "slug")));
			while (db_step(st, NULL) == 1)
				json_array_append_new(titles, jstr(db_text(st, 0)));
			db_reset(st);
		}
		json_object_set_new(item, "mandates", titles);
	}
	if (st)
		db_finalize(st);
	return items;
}

/* ---- reply figures ----------------------------------------------------------------------- */

struct tally {
	long long communications, replied, in_time, late, none, overdue;
	double *days; /* days from sending to the first reply */
	size_t day_count, day_cap;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void tally_add(struct tally *t, const struct public_entry *e, int today)
{
	t->communications++;
	if (e->first_reply == PUBLIC_NONE) {
		t->none++;
		if (e->reply_due != PUBLIC_NONE && e->reply_due < today)
			t->overdue++;
		return;
	}
	t->replied++;
	if (!strcmp(public_entry_reply_status(e), "late"))
		t->late++;
	else
		t->in_time++;
	if (e->date != PUBLIC_NONE) {
		ALLOC_GROW(t->days, t->day_count + 1, t->day_cap);
		t->days[t->day_count++] = e->first_reply - e->date;
	}
}

/* The figures as JSON; frees what t holds. */
static json_t *tally_json(struct tally *t)
{
	json_t *j = json_object();
	json_object_set_new(j, "communications", json_integer(t->communications));
	json_object_set_new(j, "replied", json_integer(t->replied));
	json_object_set_new(j, "replied_in_time", json_integer(t->in_time));
	json_object_set_new(j, "replied_late", json_integer(t->late));
	json_object_set_new(j, "no_reply", json_integer(t->none));
	json_object_set_new(j, "overdue", json_integer(t->overdue));
	/* a share with three decimals, so JSON readers all print the same */
	json_object_set_new(j, "reply_rate",
	                    t->communications
	                        ? json_real((double)(t->replied * 1000 / t->communications) / 1000)
	                        : json_null());
	json_t *median = json_null();
	if (t->day_count) {
		qsort(t->days, t->day_count, sizeof(double), cmp_double);
		size_t n = t->day_count;
		median =
		    json_real(n % 2 ? t->days[n / 2] : (t->days[n / 2 - 1] + t->days[n / 2]) / 2);
	}
	json_object_set_new(j, "median_days_to_reply", median);
	free(t->days);
	memset(t, 0, sizeof(*t));
	return j;
}

/* Which entries a page counts: all, one addressee's, one mandate's. */
struct keep {
	enum { KEEP_ALL, KEEP_COUNTRY, KEEP_MANDATE } by;
	int value; /* the index's number for the country or mandate; -1 keeps none */
};

static bool kept(const struct public_index *ix, const struct public_entry *e, const struct keep *k)
{
	switch (k->by) {
	case KEEP_ALL:
		return true;
	case KEEP_COUNTRY:
		return e->country == k->value;
	case KEEP_MANDATE:
		for (uint32_t j = 0; j < e->mandate_count; j++)
			if (ix->entry_mandates[e->mandate_first + j] == k->value)
				return true;
		return false;
	}
	return false;
}

static json_t *totals(const struct public_index *ix, const struct keep *k, int today)
{
	struct tally t = {0};
	for (size_t i = 0; i < ix->count; i++)
		if (kept(ix, &ix->entries[i], k))
			tally_add(&t, &ix->entries[i], today);
	return tally_json(&t);
}

/* Per-year counts: [{year, communications, replied}] oldest first. */
static json_t *per_year(const struct public_index *ix, const struct keep *k)
{
	enum { FIRST = 1800, YEARS = 400 };
	long long *sent = xcalloc(YEARS, sizeof(long long)),
	          *replied = xcalloc(YEARS, sizeof(long long));
	for (size_t i = 0; i < ix->count; i++) {
		const struct public_entry *e = &ix->entries[i];
		if (e->date == PUBLIC_NONE || !kept(ix, e, k))
			continue;
		int y = e->year;
		if (y < FIRST || y >= FIRST + YEARS)
			continue;
		sent[y - FIRST]++;
		if (e->first_reply != PUBLIC_NONE)
			replied[y - FIRST]++;
	}
	json_t *out = json_array();
	for (int y = 0; y < YEARS; y++)
		if (sent[y])
			json_array_append_new(out, json_pack("{s:i, s:I, s:I}", "year", y + FIRST,
			                                     "communications", (json_int_t)sent[y],
			                                     "replied", (json_int_t)replied[y]));
	free(sent);
	free(replied);
	return out;
}

/* Sorts groups by communications, most first, then by label. */
static int by_communications(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t cx = json_integer_value(json_object_get(x, "communications"));
	json_int_t cy = json_integer_value(json_object_get(y, "communications"));
	if (cx != cy)
		return cx > cy ? -1 : 1;
	return strcmp(json_string_value(json_object_get(x, "label")),
	              json_string_value(json_object_get(y, "label")));
}

/* Figures per addressee (or per type), the largest groups first. */
static json_t *grouped(const struct public_index *ix, const struct keep *k, bool by_type)
{
	const struct public_table *t = by_type ? &ix->types : &ix->countries;
	struct tally *tallies = xcalloc(t->count + 1, sizeof(*tallies));
	int today = date_parse_iso(ix->today);
	for (size_t i = 0; i < ix->count; i++) {
		const struct public_entry *e = &ix->entries[i];
		int g = by_type ? e->type : e->country;
		if (g >= 0 && kept(ix, e, k))
			tally_add(&tallies[g], e, today);
	}
	json_t **items = xmalloc((t->count ? t->count : 1) * sizeof(*items));
	size_t n = 0;
	for (size_t g = 0; g < t->count; g++) {
		if (!tallies[g].communications)
			continue;
		json_t *j = tally_json(&tallies[g]);
		json_object_set_new(j, "key", json_string(t->values[g].value));
		json_object_set_new(j, "label", jstr(t->values[g].label));
		items[n++] = j;
	}
	qsort(items, n, sizeof(*items), by_communications);
	json_t *out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(out, items[i]);
	free(items);
	free(tallies);
	return out;
}

struct counted {
	uint32_t provision;
	long long n;
};

static int by_n(const void *a, const void *b)
{
	const struct counted *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->provision < y->provision ? -1 : x->provision > y->provision;
}

/* The most cited provisions: how many communications cite each. */
static json_t *provisions(const struct public_index *ix, const struct keep *k, size_t limit)
{
	struct counted *c = xcalloc(ix->provisions.count + 1, sizeof(*c));
	for (size_t p = 0; p < ix->provisions.count; p++)
		c[p].provision = (uint32_t)p;
	for (size_t i = 0; i < ix->count; i++) {
		const struct public_entry *e = &ix->entries[i];
		if (kept(ix, e, k))
			for (uint32_t j = 0; j < e->provision_count; j++)
				c[ix->entry_provisions[e->provision_first + j]].n++;
	}
	qsort(c, ix->provisions.count, sizeof(*c), by_n);
	json_t *out = json_array();
	for (size_t i = 0; i < ix->provisions.count && i < limit && c[i].n; i++) {
		const struct public_value *v = &ix->provisions.values[c[i].provision];
		json_array_append_new(out, json_pack("{s:s, s:s, s:I}", "instrument", v->value,
		                                     "article", v->value2 ? v->value2 : "",
		                                     "communications", (json_int_t)c[i].n));
	}
	free(c);
	return out;
}

/* The latest (by date sent) kept entries as list items. */
static json_t *latest_of(const struct public_index *ix, const struct keep *k, size_t limit)
{
	json_t *out = json_array();
	char date[11], due[11], published[11], first[11];
	for (size_t i = 0; i < ix->count && json_array_size(out) < limit; i++) {
		const struct public_entry *e = &ix->entries[i];
		if (!kept(ix, e, k))
			continue;
		json_t *j = json_object();
		json_object_set_new(j, "reference", json_string(e->reference));
		json_object_set_new(j, "slug", json_string(e->slug));
		json_object_set_new(j, "type",
		                    e->type >= 0 ? json_string(ix->types.values[e->type].value)
		                                 : json_null());
		json_object_set_new(j, "addressee",
		                    e->country >= 0
		                        ? json_pack("{s:s, s:o}", "code",
		                                    ix->countries.values[e->country].value, "name",
		                                    jstr(ix->countries.values[e->country].label))
		                        : json_null());
		if (e->date != PUBLIC_NONE)
			date_format_iso(e->date, date);
		if (e->reply_due != PUBLIC_NONE)
			date_format_iso(e->reply_due, due);
		if (e->publication != PUBLIC_NONE)
			date_format_iso(e->publication, published);
		if (e->first_reply != PUBLIC_NONE)
			date_format_iso(e->first_reply, first);
		json_object_set_new(j, "date", jstr(e->date != PUBLIC_NONE ? date : NULL));
		json_object_set_new(j, "reply_due", jstr(e->reply_due != PUBLIC_NONE ? due : NULL));
		json_object_set_new(j, "publication_date",
		                    jstr(e->publication != PUBLIC_NONE ? published : NULL));
		json_object_set_new(j, "session",
		                    e->session ? json_integer(e->session) : json_null());
		json_object_set_new(j, "first_reply",
		                    jstr(e->first_reply != PUBLIC_NONE ? first : NULL));
		json_object_set_new(j, "reply_status", json_string(public_entry_reply_status(e)));
		json_array_append_new(out, j);
	}
	return out;
}

/* The figures of the entries kept, for an addressee's or mandate's page. */
static void figures_into(json_t *o, const struct public_index *ix, const struct keep *k,
                         bool by_addressee)
{
	json_object_set_new(o, "figures", totals(ix, k, date_parse_iso(ix->today)));
	json_object_set_new(o, "per_year", per_year(ix, k));
	if (by_addressee)
		json_object_set_new(o, "by_addressee", grouped(ix, k, false));
	json_object_set_new(o, "provisions", provisions(ix, k, 10));
	json_object_set_new(o, "latest", latest_of(ix, k, 50));
}

json_t *public_addressee(struct db *db, const char *code, const char *today)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT alpha3, name_en, name_fr, name_es FROM countries WHERE alpha3 = ?1", NULL);
	if (!st)
		return NULL;
	db_bind_text(st, 1, code);
	json_t *a = NULL;
	if (db_step(st, NULL) == 1)
		a = json_pack("{s:o, s:o, s:o, s:o}", "code", jstr(db_text(st, 0)), "name",
		              jstr(db_text(st, 1)), "name_fr", jstr(db_text(st, 2)), "name_es",
		              jstr(db_text(st, 3)));
	db_finalize(st);
	if (!a)
		return NULL;
	struct public_index *ix = public_index_get(db, today, NULL);
	if (!ix) {
		json_decref(a);
		return NULL;
	}
	struct keep k = {KEEP_COUNTRY, public_table_find(&ix->countries, code, NULL)};
	figures_into(a, ix, &k, false);
	public_index_put(ix);
	return a;
}

json_t *public_mandate(struct db *db, const char *slug, const char *today)
{
	struct db_stmt *st =
	    db_prepare(db,
	               "SELECT slug, title_en, kind, body, country, established FROM mandates "
	               "WHERE slug = ?1",
	               NULL);
	if (!st)
		return NULL;
	db_bind_text(st, 1, slug);
	json_t *m = NULL;
	if (db_step(st, NULL) == 1)
		m = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "slug", jstr(db_text(st, 0)),
		              "title", jstr(db_text(st, 1)), "kind", jstr(db_text(st, 2)), "body",
		              jstr(db_text(st, 3)), "country", jstr(db_text(st, 4)), "established",
		              jstr(db_text(st, 5)));
	db_finalize(st);
	if (!m)
		return NULL;
	json_t *resolutions = json_array(), *holders = json_array();
	st = db_prepare(db,
	                "SELECT symbol, body, adopted FROM mandate_resolutions WHERE slug = ?1 "
	                "ORDER BY adopted",
	                NULL);
	if (st) {
		db_bind_text(st, 1, slug);
		while (db_step(st, NULL) == 1)
			json_array_append_new(
			    resolutions,
			    json_pack("{s:o, s:o, s:o}", "symbol", jstr(db_text(st, 0)), "body",
			              jstr(db_text(st, 1)), "adopted", jstr(db_text(st, 2))));
		db_finalize(st);
	}
	/* the holders are public office: the names that sign the letters */
	st = db_prepare(db,
	                "SELECT name, served_from, served_to FROM mandate_holders WHERE slug = ?1 "
	                "ORDER BY served_from DESC",
	                NULL);
	if (st) {
		db_bind_text(st, 1, slug);
		while (db_step(st, NULL) == 1)
			json_array_append_new(holders, json_pack("{s:o, s:o, s:o}", "name",
			                                         jstr(db_text(st, 0)), "from",
			                                         jstr(db_text(st, 1)), "to",
			                                         jstr(db_text(st, 2))));
		db_finalize(st);
	}
	json_object_set_new(m, "resolutions", resolutions);
	json_object_set_new(m, "holders", holders);
	struct public_index *ix = public_index_get(db, today, NULL);
	if (!ix) {
		json_decref(m);
		return NULL;
	}
	struct keep k = {KEEP_MANDATE, public_table_find(&ix->mandates, slug, NULL)};
	figures_into(m, ix, &k, true);
	public_index_put(ix);
	return m;
}

json_t *public_stats(struct db *db, const char *today)
{
	struct public_index *ix = public_index_get(db, today, NULL);
	if (!ix)
		return NULL;
	struct keep all = {KEEP_ALL, 0};
	json_t *s = json_object();
	json_object_set_new(s, "today", json_string(today));
	json_object_set_new(s, "totals", totals(ix, &all, date_parse_iso(today)));
	json_object_set_new(s, "per_year", per_year(ix, &all));
	json_object_set_new(s, "by_addressee", grouped(ix, &all, false));
	json_object_set_new(s, "by_type", grouped(ix, &all, true));
	json_object_set_new(s, "provisions", provisions(ix, &all, 20));
	public_index_put(ix);
	return s;
}

long long public_count(struct db *db, const char *today)
{
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT count(*) FROM communications c WHERE 1 = 1");
	visibility_public_where(&sql, &params, "c", today);
	struct db_stmt *st = prepare_bound(db, &sql, &params);
	long long n = 0;
	if (st) {
		if (db_step(st, NULL) == 1)
			n = db_int(st, 0);
		db_finalize(st);
	}
	return n;
}

/* ---- the dump ---------------------------------------------------------------------------- */

json_t *public_dump(struct db *db, const char *today, int page, int per_page)
{
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_adds(&sql, "SELECT c.id FROM communications c WHERE 1 = 1");
	visibility_public_where(&sql, &params, "c", today);
	buf_addf(&sql, " ORDER BY c.date IS NULL, c.date, c.id LIMIT %d OFFSET %lld", per_page,
	         (long long)(page - 1) * per_page);
	json_t *items = json_array();
	struct db_stmt *st = prepare_bound(db, &sql, &params);
	if (!st)
		return items;
	long long *ids = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st, NULL) == 1) {
		ALLOC_GROW(ids, n + 1, cap);
		ids[n++] = db_int(st, 0);
	}
	db_finalize(st);
	for (size_t i = 0; i < n; i++) {
		json_t *c = public_communication(db, ids[i], today,
		                                 PUBLIC_PART_TEXT | PUBLIC_PART_REPLY_TEXTS);
		if (c)
			json_array_append_new(items, c);
	}
	free(ids);
	return items;
}
