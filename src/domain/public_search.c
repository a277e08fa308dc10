/*
 * public_search.c - the public record's search. See public_search.h.
 *
 * The full text is matched in the store (FTS5, ranked by the store's
 * rapporteur_bm25 when by relevance; on PostgreSQL the tsv column, ranked
 * by ts_rank, and the snippets made as on SQLite: search.c);
 * everything else runs over the public index (public_index.c), which
 * holds only public communications: the matches' keys become entries,
 * one pass over the entries applies the filters, the hits are counted
 * per filter value as they pass, and the page's snippets are made last,
 * for the page alone. search.c (the command line's search) is left to do
 * its own work; this file shares its query language and snippet marks.
 */
#include "public_search.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "public_index.h"
#include "query.h"
#include "search.h"

const char *const public_reply_names[5] = {"", "replied", "in-time", "late", "none"};
const char *const public_sort_names[4] = {"", "relevance", "newest", "oldest"};
const char *const public_facet_names[FACET_KINDS] = {
    "addressee", "mandate", "type", "year", "reply", "session", "instrument", "provision"};

/* ---- checking a query -------------------------------------------------------------------- */

/* s is 1..max characters, each a letter, digit or one of extra. */
static bool token_ok(const char *s, size_t max, const char *extra)
{
	size_t n = strlen(s);
	if (!n || n > max)
		return false;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr(extra, *p))
			return false;
	return true;
}

static bool upper_ok(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return false;
	for (const char *p = s; *p; p++)
		if (*p < 'A' || *p > 'Z')
			return false;
	return true;
}

int public_query_check(const struct public_query *q, struct error *err)
{
	if (q->q) {
		if (strlen(q->q) > 500)
			return error_set(err, "q: the query is longer than 500 characters");
		struct query *parsed = query_parse(q->q, err);
		if (!parsed)
			return -1;
		query_free(parsed);
	}
	for (size_t i = 0; i < q->addressee_count; i++)
		if (!upper_ok(q->addressees[i], 3, 3))
			return error_set(
			    err, "addressee \"%s\": give an ISO 3166-1 alpha-3 code such as KAZ",
			    q->addressees[i]);
	for (size_t i = 0; i < q->mandate_count; i++)
		if (!token_ok(q->mandates[i], 64, "-"))
			return error_set(err,
			                 "mandate \"%s\": give a mandate's slug such as torture",
			                 q->mandates[i]);
	for (size_t i = 0; i < q->type_count; i++)
		if (!upper_ok(q->types[i], 2, 4))
			return error_set(err, "type \"%s\": give AL, UA, OL, JAL, JUA or JOL",
			                 q->types[i]);
	if (q->from && date_parse_iso(q->from) == DATE_NONE)
		return error_set(err, "from \"%s\": give a date as YYYY-MM-DD", q->from);
	if (q->to && date_parse_iso(q->to) == DATE_NONE)
		return error_set(err, "to \"%s\": give a date as YYYY-MM-DD", q->to);
	if (q->from && q->to && strcmp(q->from, q->to) > 0)
		return error_set(err, "from %s is after to %s", q->from, q->to);
	if (q->session < 0 || q->session > 999)
		return error_set(err, "session %d: give a Human Rights Council session number",
		                 q->session);
	if (q->instrument && !token_ok(q->instrument, 32, "-"))
		return error_set(err,
		                 "instrument \"%s\": give an instrument's short name such as ICCPR",
		                 q->instrument);
	if (q->article && !token_ok(q->article, 24, "()._-"))
		return error_set(err, "article \"%s\": give an article such as 7 or 14(3)(g)",
		                 q->article);
	if (q->article && !q->instrument)
		return error_set(err, "article %s: say of which instrument (instrument=ICCPR)",
		                 q->article);
	if (q->sort == PUBLIC_SORT_RELEVANCE && !q->q)
		return error_set(err, "sort=relevance needs a query (q) to rank by");
	if (q->per_page < 0 || q->per_page > PUBLIC_MAX_PER_PAGE)
		return error_set(err, "per_page %d: give 1 to %d", q->per_page,
		                 PUBLIC_MAX_PER_PAGE);
	if (q->page < 0 || q->page > 100000)
		return error_set(err, "page %d: give a page number from 1", q->page);
	return 0;
}

enum public_sort public_query_sort(const struct public_query *q)
{
	if (q->sort != PUBLIC_SORT_DEFAULT)
		return q->sort;
	return q->q ? PUBLIC_SORT_RELEVANCE : PUBLIC_SORT_NEWEST;
}

const char *public_hit_reply_status(const struct public_hit *h)
{
	if (!h->first_reply)
		return "none";
	return h->reply_due && strcmp(h->first_reply, h->reply_due) > 0 ? "late" : "in-time";
}

/* ---- the full-text match ----------------------------------------------------------------- */

/* Marks the entries the match finds (score: bm25, lower is better, when
 * ranking; 0 otherwise). matched[e] is set for each. */
static int full_text(struct db *db, const struct public_index *ix, const char *match, bool rank,
                     bool *matched, double *score, struct error *err)
{
	struct db_stmt *st;
	if (db->backend == DB_SQLITE)
		/* bm25() over reference and body, the row sizes read in one scan
		 * (store/db_sqlite.c); no trailing filter phrases */
		st =
		    db_prepare(db,
		               rank ? "SELECT rowid, rapporteur_bm25(communications_fts, "
		                      "'communications_fts_docsize', 2, 0) FROM communications_fts "
		                      "WHERE communications_fts MATCH ?1"
		                    : "SELECT rowid, 0 FROM communications_fts WHERE "
		                      "communications_fts MATCH ?1",
		               err);
	else if (!match)
		return 0; /* a query FTS5 reads as matching nothing (search_tsquery()) */
	else
		/* the same letters match (search.c says how), through the index;
		 * ranked afterwards, for the page only (rank_postgres) */
		st = db_prepare(db,
		                "SELECT k, 0 FROM rapporteur_matches(CAST(?1 AS tsquery)) k ORDER BY k",
		                err);
	if (!st)
		return -1;
	db_bind_text(st, 1, match);
	int rc;
	/* FTS5 gives rowids in ascending order, as the index holds its keys:
	 * walk both together, searching only when the order breaks */
	size_t at = 0;
	while ((rc = db_step(st, err)) == 1) {
		long long key = db_int(st, 0);
		while (at < ix->count && ix->keys[at] < key)
			at++;
		long e = at < ix->count && ix->keys[at] == key ? (long)ix->key_entry[at]
		                                               : public_index_by_key(ix, key);
		if (e >= 0) {
			matched[e] = true;
			score[e] = db_double(st, 1);
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/*
 * PostgreSQL's relevance: the hits (matched and filtered) that the page
 * needs get a score, the rest HUGE_VAL. Few hits (or most of them wanted)
 * are ranked one by one; otherwise the index gives the matches best first
 * (rapporteur_distance: RUM's order, migrations/postgres/003_search.sql)
 * in batches, each hit's score its place, until the page's are all seen.
 * Ranking every match of a broad word row by row took 130-220 ms at
 * 10,000 letters; the index's first 200 take 7.
 */
#define RANK_ONE_BY_ONE 1000

static int rank_postgres(struct db *db, const struct public_index *ix, const char *tsquery,
                         const uint32_t *hits, size_t n, size_t want, double *score, struct error *err)
{
	for (size_t i = 0; i < n; i++)
		score[hits[i]] = HUGE_VAL;
	if (!n || !want)
		return 0;
	struct db_stmt *st;
	struct buf keys = BUF_INIT;
	bool one_by_one = n <= RANK_ONE_BY_ONE || want * 4 >= n;
	if (one_by_one) {
		buf_addch(&keys, '{');
		for (size_t i = 0; i < n; i++)
			buf_addf(&keys, "%s%lld", i ? "," : "", ix->entries[hits[i]].search_key);
		buf_addch(&keys, '}');
		st = db_prepare(db,
		                "SELECT search_key, rapporteur_distance(tsv, CAST(?1 AS tsquery)) FROM "
		                "communications WHERE search_key = ANY (CAST(?2 AS bigint[]))",
		                err);
	} else {
		st = db_prepare(db,
		                "SELECT search_key, 0 FROM communications WHERE tsv @@ CAST(?1 AS tsquery) AND "
		                "search_key IS NOT NULL ORDER BY rapporteur_distance(tsv, CAST(?1 AS tsquery)) "
		                "LIMIT ?2 OFFSET ?3",
		                err);
	}
	if (!st) {
		buf_release(&keys);
		return -1;
	}
	bool *wanted = xcalloc(ix->count ? ix->count : 1, sizeof(*wanted));
	for (size_t i = 0; i < n; i++)
		wanted[hits[i]] = true;
	size_t seen = 0, place = 0, batch = want * 2 > 200 ? want * 2 : 200;
	int rc = 0;
	for (;;) {
		db_bind_text(st, 1, tsquery);
		if (one_by_one) {
			db_bind_text(st, 2, keys.data);
		} else {
			db_bind_int(st, 2, (long long)batch);
			db_bind_int(st, 3, (long long)place);
		}
		size_t rows = 0;
		while ((rc = db_step(st, err)) == 1) {
			rows++;
			long e = public_index_by_key(ix, db_int(st, 0));
			if (e < 0 || !wanted[e])
				continue;
			score[e] = one_by_one ? db_double(st, 1) : (double)(place + rows);
			seen++;
		}
		if (rc < 0 || one_by_one || seen >= want || rows < batch)
			break;
		place += rows;
		batch *= 2;
		db_reset(st);
	}
	db_finalize(st);
	free(wanted);
	buf_release(&keys);
	return rc < 0 ? -1 : 0;
}

/* ---- the filters ------------------------------------------------------------------------- */

/* The query's values as the index's numbers; a value the index does not
 * hold matches nothing. */
struct resolved {
	int addressees[PUBLIC_MAX_ADDRESSEES];
	size_t addressee_count;
	int mandates[PUBLIC_MAX_MANDATES];
	size_t mandate_count;
	int types[PUBLIC_MAX_TYPES];
	size_t type_count;
	int from, to;
	int instrument, provision;
	bool impossible; /* a value that nothing can match */
};

static void resolve(const struct public_index *ix, const struct public_query *q, struct resolved *r)
{
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < q->addressee_count; i++) {
		int v = public_table_find(&ix->countries, q->addressees[i], NULL);
		if (v >= 0)
			r->addressees[r->addressee_count++] = v;
	}
	if (q->addressee_count && !r->addressee_count)
		r->impossible = true;
	for (size_t i = 0; i < q->type_count; i++) {
		int v = public_table_find(&ix->types, q->types[i], NULL);
		if (v >= 0)
			r->types[r->type_count++] = v;
	}
	if (q->type_count && !r->type_count)
		r->impossible = true;
	for (size_t i = 0; i < q->mandate_count; i++) {
		int v = public_table_find(&ix->mandates, q->mandates[i], NULL);
		if (v >= 0)
			r->mandates[r->mandate_count++] = v;
		else if (q->mandates_all)
			r->impossible = true;
	}
	if (q->mandate_count && !r->mandate_count)
		r->impossible = true;
	r->from = q->from ? date_parse_iso(q->from) : PUBLIC_NONE;
	r->to = q->to ? date_parse_iso(q->to) : PUBLIC_NONE;
	r->instrument = r->provision = -1;
	if (q->instrument) {
		r->instrument = public_table_find(&ix->instruments, q->instrument, NULL);
		if (r->instrument < 0)
			r->impossible = true;
	}
	if (q->article) {
		r->provision = public_table_find(&ix->provisions, q->instrument, q->article);
		if (r->provision < 0)
			r->impossible = true;
	}
}

static bool has(const int *list, size_t n, int v)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == v)
			return true;
	return false;
}

static bool passes(const struct public_index *ix, const struct public_entry *e,
                   const struct public_query *q, const struct resolved *r)
{
	if (r->addressee_count && !has(r->addressees, r->addressee_count, e->country))
		return false;
	if (r->type_count && !has(r->types, r->type_count, e->type))
		return false;
	if (r->from != PUBLIC_NONE && (e->date == PUBLIC_NONE || e->date < r->from))
		return false;
	if (r->to != PUBLIC_NONE && (e->date == PUBLIC_NONE || e->date > r->to))
		return false;
	if (q->session && e->session != q->session)
		return false;
	switch (q->reply) {
	case PUBLIC_REPLY_ANY:
		break;
	case PUBLIC_REPLY_REPLIED:
		if (e->first_reply == PUBLIC_NONE)
			return false;
		break;
	case PUBLIC_REPLY_IN_TIME:
		if (strcmp(public_entry_reply_status(e), "in-time"))
			return false;
		break;
	case PUBLIC_REPLY_LATE:
		if (strcmp(public_entry_reply_status(e), "late"))
			return false;
		break;
	case PUBLIC_REPLY_NONE:
		if (e->first_reply != PUBLIC_NONE)
			return false;
		break;
	}
	if (r->mandate_count) {
		const uint16_t *m = ix->entry_mandates + e->mandate_first;
		size_t found = 0;
		for (size_t i = 0; i < r->mandate_count; i++)
			for (uint32_t j = 0; j < e->mandate_count; j++)
				if (m[j] == r->mandates[i]) {
					found++;
					break;
				}
		if (q->mandates_all ? found < r->mandate_count : !found)
			return false;
	}
	if (r->instrument >= 0) {
		const uint32_t *p = ix->entry_provisions + e->provision_first;
		bool found = false;
		for (uint32_t j = 0; j < e->provision_count && !found; j++)
			found = r->provision >= 0
			            ? p[j] == (uint32_t)r->provision
			            : ix->provision_instrument[p[j]] == (uint32_t)r->instrument;
		if (!found)
			return false;
	}
	return true;
}

/* ---- facets ------------------------------------------------------------------------------ */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void facet_add(struct public_facet *f, size_t *cap, const char *value, const char *value2,
                      const char *label, long long count)
{
	ALLOC_GROW(f->values, f->count + 1, *cap);
	struct public_facet_value *v = &f->values[f->count++];
	v->value = xstrdup(value);
	v->value2 = dup_or_null(value2);
	v->label = xstrdup(label ? label : value);
	v->count = count;
}

static int by_count(const void *a, const void *b)
{
	const struct public_facet_value *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->label, y->label);
}

/* The values of a table with a count, most first; at most limit (0: all). */
static void table_facet(struct public_facet *f, const struct public_table *t,
                        const long long *counts, size_t limit)
{
	size_t cap = 0;
	for (size_t i = 0; i < t->count; i++)
		if (counts[i])
			facet_add(f, &cap, t->values[i].value, t->values[i].value2,
			          t->values[i].label, counts[i]);
	if (f->count)
		qsort(f->values, f->count, sizeof(*f->values), by_count);
	while (limit && f->count > limit) {
		struct public_facet_value *v = &f->values[--f->count];
		free(v->value);
		free(v->value2);
		free(v->label);
	}
}

#define YEARS    400 /* years 1800 to 2199 */
#define SESSIONS 1000

static void facets(const struct public_index *ix, const uint32_t *hits, size_t n,
                   struct public_result *out)
{
	long long *country = xcalloc(ix->countries.count + 1, sizeof(long long));
	long long *type = xcalloc(ix->types.count + 1, sizeof(long long));
	long long *mandate = xcalloc(ix->mandates.count + 1, sizeof(long long));
	long long *instrument = xcalloc(ix->instruments.count + 1, sizeof(long long));
	long long *provision = xcalloc(ix->provisions.count + 1, sizeof(long long));
	/* the last hit that counted each instrument: a letter counts once */
	size_t *instrument_seen = xcalloc(ix->instruments.count + 1, sizeof(size_t));
	long long *year = xcalloc(YEARS, sizeof(long long)),
	          *session = xcalloc(SESSIONS, sizeof(long long));
	long long reply[5] = {0};
	for (size_t i = 0; i < n; i++) {
		const struct public_entry *e = &ix->entries[hits[i]];
		if (e->country >= 0)
			country[e->country]++;
		if (e->type >= 0)
			type[e->type]++;
		for (uint32_t j = 0; j < e->mandate_count; j++)
			mandate[ix->entry_mandates[e->mandate_first + j]]++;
		for (uint32_t j = 0; j < e->provision_count; j++) {
			uint32_t p = ix->entry_provisions[e->provision_first + j],
			         in = ix->provision_instrument[p];
			provision[p]++;
			if (instrument_seen[in] != i + 1) {
				instrument_seen[in] = i + 1;
				instrument[in]++;
			}
		}
		if (e->year >= 1800 && e->year < 1800 + YEARS)
			year[e->year - 1800]++;
		if (e->session > 0 && e->session < SESSIONS)
			session[e->session]++;
		const char *status = public_entry_reply_status(e);
		if (!strcmp(status, "none")) {
			reply[PUBLIC_REPLY_NONE]++;
		} else {
			reply[PUBLIC_REPLY_REPLIED]++;
			reply[!strcmp(status, "late") ? PUBLIC_REPLY_LATE : PUBLIC_REPLY_IN_TIME]++;
		}
	}
	table_facet(&out->facets[FACET_ADDRESSEE], &ix->countries, country, 0);
	table_facet(&out->facets[FACET_TYPE], &ix->types, type, 0);
	table_facet(&out->facets[FACET_MANDATE], &ix->mandates, mandate, 0);
	table_facet(&out->facets[FACET_INSTRUMENT], &ix->instruments, instrument, 0);
	table_facet(&out->facets[FACET_PROVISION], &ix->provisions, provision, 30);
	size_t cap = 0;
	char text[16];
	for (int y = YEARS - 1; y >= 0; y--)
		if (year[y]) {
			snprintf(text, sizeof(text), "%d", y + 1800);
			facet_add(&out->facets[FACET_YEAR], &cap, text, NULL, text, year[y]);
		}
	cap = 0;
	for (int s = SESSIONS - 1; s > 0; s--)
		if (session[s]) {
			snprintf(text, sizeof(text), "%d", s);
			facet_add(&out->facets[FACET_SESSION], &cap, text, NULL, text, session[s]);
		}
	cap = 0;
	static const char *const labels[] = {"", "Replied", "Replied in time", "Replied late",
	                                     "No reply"};
	for (int r = 1; r < 5; r++)
		facet_add(&out->facets[FACET_REPLY], &cap, public_reply_names[r], NULL, labels[r],
		          reply[r]);
	free(country);
	free(type);
	free(mandate);
	free(instrument);
	free(provision);
	free(instrument_seen);
	free(year);
	free(session);
}

/* ---- hits -------------------------------------------------------------------------------- */

static char *iso_or_null(int d)
{
	if (d == PUBLIC_NONE)
		return NULL;
	char out[11];
	date_format_iso(d, out);
	return xstrdup(out);
}

static void hit_from(const struct public_index *ix, const struct public_entry *e,
                     struct public_hit *h)
{
	h->id = e->id;
	h->reference = xstrdup(e->reference);
	h->slug = xstrdup(e->slug);
	h->type = e->type >= 0 ? xstrdup(ix->types.values[e->type].value) : NULL;
	h->country = e->country >= 0 ? xstrdup(ix->countries.values[e->country].value) : NULL;
	h->country_name = e->country >= 0 ? xstrdup(ix->countries.values[e->country].label) : NULL;
	h->date = iso_or_null(e->date);
	h->reply_due = iso_or_null(e->reply_due);
	h->publication_date = iso_or_null(e->publication);
	h->session = e->session;
	h->first_reply = iso_or_null(e->first_reply);
	h->replies = e->replies;
	struct buf m = BUF_INIT;
	for (uint32_t j = 0; j < e->mandate_count; j++) {
		if (j)
			buf_addch(&m, ' ');
		buf_adds(&m, ix->mandates.values[ix->entry_mandates[e->mandate_first + j]].value);
	}
	h->mandates = buf_detach(&m);
}

static int by_key(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* Snippets for the hits held, from the store's full text. On SQLite, one
 * pass over the matches between the page's first and last key, with the
 * store's rapporteur_snippet() making them for the page's rows only
 * (store/db_sqlite.c): snippet() row by row cost a millisecond or more
 * each, most of a page's time. */
static int snippets(struct db *db, const struct public_index *ix, const uint32_t *entries,
                    const char *match, struct public_result *out, struct error *err)
{
	if (!out->count)
		return 0;
	long long *keys = xmalloc(out->count * sizeof(*keys));
	for (size_t i = 0; i < out->count; i++)
		keys[i] = ix->entries[entries[i]].search_key;
	qsort(keys, out->count, sizeof(*keys), by_key);
	struct buf wanted = BUF_INIT;
	for (size_t i = 0; i < out->count; i++)
		buf_addf(&wanted, "%s%lld", i ? "," : "", keys[i]);
	if (db->backend == DB_POSTGRES) {
		/* made as on SQLite, from a copy of the page's rows (search.c) */
		char **made = xcalloc(out->count, sizeof(*made));
		int rc = search_snippets_copied(db, match, keys, out->count, made, err);
		for (size_t i = 0; i < out->count; i++)
			for (size_t j = 0; j < out->count; j++)
				if (ix->entries[entries[j]].search_key == keys[i] && !out->hits[j].snippet) {
					out->hits[j].snippet = made[i];
					made[i] = NULL;
					break;
				}
		for (size_t i = 0; i < out->count; i++)
			free(made[i]);
		free(made);
		buf_release(&wanted);
		free(keys);
		return rc;
	}
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT rowid, rapporteur_snippet(communications_fts, ?2, 1, char(2), "
	    "char(3), '…', 24) FROM communications_fts WHERE communications_fts "
	    "MATCH ?1 AND rowid BETWEEN ?3 AND ?4",
	    err);
	int rc = -1;
	if (st) {
		db_bind_text(st, 1, match);
		db_bind_text(st, 2, wanted.data);
		db_bind_int(st, 3, keys[0]);
		db_bind_int(st, 4, keys[out->count - 1]);
		while ((rc = db_step(st, err)) == 1) {
			if (db_is_null(st, 1))
				continue;
			long long key = db_int(st, 0);
			for (size_t i = 0; i < out->count; i++)
				if (ix->entries[entries[i]].search_key == key &&
				    !out->hits[i].snippet)
					out->hits[i].snippet = xstrdup(db_text(st, 1));
		}
		db_finalize(st);
	}
	buf_release(&wanted);
	free(keys);
	return rc < 0 ? -1 : 0;
}

/* ---- the search -------------------------------------------------------------------------- */

/* Best score first (bm25: lower), then the index's order (newest first). */
static int by_score(const void *a, const void *b, void *scores)
{
	const double *score = scores;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (score[x] != score[y])
		return score[x] < score[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Restores the heap hits[0..k) (the worst on top) below at. */
static void sift_down(uint32_t *hits, size_t k, size_t at, double *score)
{
	for (;;) {
		size_t l = 2 * at + 1, r = l + 1, worst = at;
		if (l < k && by_score(&hits[l], &hits[worst], score) > 0)
			worst = l;
		if (r < k && by_score(&hits[r], &hits[worst], score) > 0)
			worst = r;
		if (worst == at)
			return;
		uint32_t t = hits[at];
		hits[at] = hits[worst];
		hits[worst] = t;
		at = worst;
	}
}

/* Moves the k best of hits[0..n) (by_score's order) to the front, in that
 * order; the rest are left in any order. A page needs 20 of a broad word's
 * 100,000 matches: a heap of k instead of sorting them all. */
static void best_first(uint32_t *hits, size_t n, size_t k, double *score)
{
	if (k >= n || n < 64) {
		qsort_r(hits, n, sizeof(*hits), by_score, score);
		return;
	}
	if (!k)
		return;
	for (size_t i = k / 2; i-- > 0;)
		sift_down(hits, k, i, score);
	for (size_t i = k; i < n; i++) {
		if (by_score(&hits[i], &hits[0], score) >= 0)
			continue;
		uint32_t t = hits[0];
		hits[0] = hits[i];
		hits[i] = t;
		sift_down(hits, k, 0, score);
	}
	qsort_r(hits, k, sizeof(*hits), by_score, score);
}

int public_search(struct db *db, const struct public_query *q, const char *today, unsigned want,
                  struct public_result *out, struct error *err)
{
	memset(out, 0, sizeof(*out));
	struct public_index *ix = public_index_get(db, today, err);
	if (!ix)
		return -1;
	char *match = NULL, *tsquery = NULL;
	bool *matched = NULL;
	double *score = NULL;
	uint32_t *hits = NULL;
	size_t n = 0;
	int rc = -1;
	enum public_sort sort = public_query_sort(q);
	if (q->q) {
		struct query *parsed = query_parse(q->q, err);
		if (!parsed)
			goto done;
		match = query_to_fts5(parsed);
		if (db->backend == DB_POSTGRES)
			tsquery = search_tsquery(parsed);
		query_free(parsed);
		matched = xcalloc(ix->count ? ix->count : 1, sizeof(*matched));
		score = xcalloc(ix->count ? ix->count : 1, sizeof(*score));
		/* ranking every match costs bm25's reading of each; newest first does not need it
		 */
		if (full_text(db, ix, db->backend == DB_POSTGRES ? tsquery : match,
		              db->backend == DB_SQLITE && sort == PUBLIC_SORT_RELEVANCE &&
		                  (want & (PUBLIC_WANT_PAGE | PUBLIC_WANT_ALL)),
		              matched, score, err) < 0)
			goto done;
	}
	struct resolved r;
	resolve(ix, q, &r);
	hits = xmalloc((ix->count ? ix->count : 1) * sizeof(*hits));
	if (!r.impossible)
		for (size_t e = 0; e < ix->count; e++)
			if ((!matched || matched[e]) && passes(ix, &ix->entries[e], q, &r))
				hits[n++] = (uint32_t)e;
	out->total = (long long)n;
	if (want & PUBLIC_WANT_FACETS)
		facets(ix, hits, n, out);
	if (want & (PUBLIC_WANT_PAGE | PUBLIC_WANT_ALL)) {
		if (sort == PUBLIC_SORT_RELEVANCE && score) {
			if (db->backend == DB_POSTGRES) {
				size_t per = q->per_page > 0 ? (size_t)q->per_page : PUBLIC_PER_PAGE;
				size_t page = q->page > 0 ? (size_t)q->page : 1;
				size_t wanted = want & PUBLIC_WANT_ALL ? n : page * per;
				if (rank_postgres(db, ix, tsquery, hits, n, wanted < n ? wanted : n, score, err) < 0)
					goto done;
			}
			size_t per = q->per_page > 0 ? (size_t)q->per_page : PUBLIC_PER_PAGE;
			size_t page = q->page > 0 ? (size_t)q->page : 1;
			best_first(hits, n, want & PUBLIC_WANT_ALL ? n : page * per, score);
		} else if (sort == PUBLIC_SORT_OLDEST) {
			/* the index is newest first; undated letters stay last */
			size_t dated = 0;
			while (dated < n && ix->entries[hits[dated]].date != PUBLIC_NONE)
				dated++;
			for (size_t i = 0, j = dated; i + 1 < j; i++, j--) {
				uint32_t t = hits[i];
				hits[i] = hits[j - 1];
				hits[j - 1] = t;
			}
		}
		size_t first = 0, count = n;
		if (!(want & PUBLIC_WANT_ALL)) {
			size_t per = q->per_page > 0 ? (size_t)q->per_page : PUBLIC_PER_PAGE;
			size_t page = q->page > 0 ? (size_t)q->page : 1;
			first = (page - 1) * per;
			count = first < n ? (n - first < per ? n - first : per) : 0;
		}
		out->hits = xcalloc(count ? count : 1, sizeof(*out->hits));
		for (size_t i = 0; i < count; i++)
			hit_from(ix, &ix->entries[hits[first + i]], &out->hits[i]);
		out->count = count;
		if (match && !(want & PUBLIC_WANT_ALL) &&
		    snippets(db, ix, hits + first, match, out, err) < 0)
			goto done;
	}
	rc = 0;
done:
	if (rc < 0)
		public_result_release(out);
	public_index_put(ix);
	free(hits);
	free(score);
	free(matched);
	free(match);
	free(tsquery);
	return rc;
}

void public_result_release(struct public_result *r)
{
	for (size_t i = 0; i < r->count; i++) {
		struct public_hit *h = &r->hits[i];
		free(h->reference);
		free(h->slug);
		free(h->type);
		free(h->country);
		free(h->country_name);
		free(h->date);
		free(h->reply_due);
		free(h->publication_date);
		free(h->first_reply);
		free(h->mandates);
		free(h->snippet);
	}
	free(r->hits);
	for (int k = 0; k < FACET_KINDS; k++) {
		for (size_t i = 0; i < r->facets[k].count; i++) {
			free(r->facets[k].values[i].value);
			free(r->facets[k].values[i].value2);
			free(r->facets[k].values[i].label);
		}
		free(r->facets[k].values);
	}
	memset(r, 0, sizeof(*r));
}
