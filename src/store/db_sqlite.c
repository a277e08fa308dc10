/*
 * db_sqlite.c - the SQLite driver: the only file that calls sqlite3_*.
 * Opens with WAL, foreign keys on, synchronous=NORMAL (durable at each
 * checkpoint, never corrupt), and a busy timeout so that concurrent
 * writers wait their turn.
 *
 * Prepared statements are kept per connection, keyed by their SQL text:
 * db_finalize() resets a kept statement instead of freeing it, and the
 * next db_prepare() of the same text takes it back without compiling the
 * SQL again. Ingest prepares a dozen statements for every letter, and a
 * server runs the same searches over and over; compiling them each time
 * cost more than running them.
 *
 * It also gives every connection two FTS5 functions search uses,
 * rapporteur_bm25 and rapporteur_snippet: bm25() and snippet() to the
 * last digit and byte, at a fraction of their cost (see each).
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"
#include "../util/sha256.h"
#include "db.h"
#include "fts_tokens.h"

#define KEPT_STATEMENTS 64

struct db_stmt {
	struct db *db; /* first, as db.c expects */
	sqlite3_stmt *stmt;
	struct kept *kept; /* the cache slot it came from, or NULL */
};

/* A kept statement: while busy, a caller holds it (as `use`). */
struct kept {
	char *sql; /* NULL: the slot is free */
	uint64_t hash;
	uint64_t last_used;
	bool busy;
	struct db_stmt use;
};

/* What db->handle points to. */
struct connection {
	sqlite3 *h;
	struct kept kept[KEPT_STATEMENTS];
	uint64_t clock;
	char *actor; /* rapporteur_actor(): who the connection acts for, or NULL */
};

static sqlite3 *handle_of(struct db *db)
{
	return db->handle ? ((struct connection *)db->handle)->h : NULL;
}

static uint64_t sql_hash(const char *sql)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

/* A full disk (SQLITE_FULL, or a write that failed with ENOSPC) is named
 * as such, and marked on the db, so that long work stops there instead
 * of failing file after file (domain/ingest.c). */
static bool disk_full(sqlite3 *h, int rc)
{
	return (rc & 0xff) == SQLITE_FULL || (h && ((sqlite3_extended_errcode(h) & 0xff) == SQLITE_FULL ||
						    sqlite3_system_errno(h) == ENOSPC));
}

#define DISK_FULL_MESSAGE "disk full: no room left on the device that holds the database"

static int sqlite_error(struct db *db, struct error *err, const char *what)
{
	sqlite3 *h = handle_of(db);
	db->disk_full = h && disk_full(h, sqlite3_extended_errcode(h));
	if (db->disk_full)
		return error_set(err, "%s: %s: " DISK_FULL_MESSAGE " (%s)", db->target, what, sqlite3_errmsg(h));
	return error_set(err, "%s: %s: %s", db->target, what, h ? sqlite3_errmsg(h) : "cannot open");
}

/*
 * rapporteur_bm25(fts_table, 'fts_table_docsize', columns, trailing)
 *
 * FTS5's bm25() (same constants, same formula, the same doubles), over the
 * first `columns` columns only and without the last `trailing` phrases of
 * the query, which are filters (search_facets tokens) rather than words
 * the user asked for. It differs in one thing, speed: bm25() looks up each
 * matching row's size in the _docsize table one row at a time, which is
 * most of its cost when most rows match; this reads every size in one scan
 * once the rows ranked so far show that the query matches many.
 */
struct rank_data {
	int phrases, columns;
	double avgdl;
	double *idf, *freq;
	long long rows, calls;
	const char *docsize; /* the docsize table's name, from the arguments */
	sqlite3_int64 *size_rowid;
	int *size;
	size_t size_count;
	bool sizes_read;
};

static void rank_data_free(void *p)
{
	struct rank_data *d = p;
	free(d->idf);
	free(d->size_rowid);
	free(d->size);
	free(d);
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)user)++;
	return SQLITE_OK;
}

static struct rank_data *rank_data_get(const Fts5ExtensionApi *api, Fts5Context *fts, int columns, int trailing,
				       int *rc)
{
	struct rank_data *d = api->xGetAuxdata(fts, 0);
	if (d)
		return d;
	d = xcalloc(1, sizeof(*d));
	d->columns = columns;
	d->phrases = api->xPhraseCount(fts) - trailing;
	if (d->phrases < 0)
		d->phrases = 0;
	d->idf = xcalloc((size_t)d->phrases * 2 + 1, sizeof(double));
	d->freq = d->idf + d->phrases;
	sqlite3_int64 rows = 0, tokens = 0;
	*rc = api->xRowCount(fts, &rows);
	for (int c = 0; *rc == SQLITE_OK && c < columns; c++) {
		sqlite3_int64 n = 0;
		*rc = api->xColumnTotalSize(fts, c, &n);
		tokens += n;
	}
	d->rows = rows;
	d->avgdl = rows ? (double)tokens / (double)rows : 1;
	for (int i = 0; *rc == SQLITE_OK && i < d->phrases; i++) {
		sqlite3_int64 hits = 0;
		*rc = api->xQueryPhrase(fts, i, &hits, count_row);
		double idf = log((rows - hits + 0.5) / (hits + 0.5));
		d->idf[i] = idf <= 0.0 ? 1e-6 : idf; /* as bm25(): a word in most rows still counts a little */
	}
	if (*rc == SQLITE_OK)
		*rc = api->xSetAuxdata(fts, d, rank_data_free);
	if (*rc != SQLITE_OK) {
		rank_data_free(d);
		return NULL;
	}
	return d;
}

/* A SQLite varint (what FTS5 writes in _docsize). Returns its length, 0 if cut short. */
static int varint_read(const unsigned char *p, const unsigned char *end, sqlite3_uint64 *v)
{
	sqlite3_uint64 x = 0;
	for (int i = 0; i < 8; i++) {
		if (p + i >= end)
			return 0;
		x = (x << 7) | (p[i] & 0x7f);
		if (!(p[i] & 0x80)) {
			*v = x;
			return i + 1;
		}
	}
	if (p + 8 >= end)
		return 0;
	*v = (x << 8) | p[8];
	return 9;
}

/* Every row's size (its first d->columns columns), in rowid order. */
static void rank_read_sizes(struct rank_data *d, sqlite3 *h)
{
	d->sizes_read = true;
	char *sql = sqlite3_mprintf("SELECT id, sz FROM \"%w\" ORDER BY id", d->docsize);
	sqlite3_stmt *st = NULL;
	if (!sql || sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		return;
	}
	sqlite3_free(sql);
	size_t cap = d->rows > 0 ? (size_t)d->rows : 64;
	d->size_rowid = xmalloc(cap * sizeof(*d->size_rowid));
	d->size = xmalloc(cap * sizeof(*d->size));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_blob(st, 1);
		const unsigned char *end = p + sqlite3_column_bytes(st, 1);
		sqlite3_uint64 total = 0, n;
		for (int c = 0; c < d->columns; c++) {
			int k = p ? varint_read(p, end, &n) : 0;
			if (!k)
				break;
			total += n;
			p += k;
		}
		if (d->size_count == cap) {
			cap *= 2;
			d->size_rowid = xrealloc(d->size_rowid, cap * sizeof(*d->size_rowid));
			d->size = xrealloc(d->size, cap * sizeof(*d->size));
		}
		d->size_rowid[d->size_count] = sqlite3_column_int64(st, 0);
		d->size[d->size_count++] = (int)total;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		d->size_count = 0; /* back to asking FTS5 row by row */
}

/* The row's size in tokens: from the sizes read at once, else from FTS5. */
static int rank_row_size(struct rank_data *d, const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3 *h,
			 double *size)
{
	/* one lookup costs about ten rows of the scan */
	if (!d->sizes_read && d->calls > 256 && d->calls > d->rows / 16)
		rank_read_sizes(d, h);
	if (d->size_count) {
		sqlite3_int64 rowid = api->xRowid(fts);
		size_t lo = 0, hi = d->size_count;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (d->size_rowid[mid] < rowid)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < d->size_count && d->size_rowid[lo] == rowid) {
			*size = (double)d->size[lo];
			return SQLITE_OK;
		}
	}
	int total = 0;
	for (int c = 0; c < d->columns; c++) {
		int n;
		int rc = api->xColumnSize(fts, c, &n);
		if (rc != SQLITE_OK)
			return rc;
		total += n;
	}
	*size = (double)total;
	return SQLITE_OK;
}

static void rank_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
		      sqlite3_value **argv)
{
	const double k1 = 1.2, b = 0.75; /* bm25()'s */
	if (argc != 3) {
		sqlite3_result_error(ctx, "rapporteur_bm25: give the docsize table, the columns and the trailing phrases", -1);
		return;
	}
	int rc = SQLITE_OK;
	struct rank_data *d = rank_data_get(api, fts, sqlite3_value_int(argv[1]), sqlite3_value_int(argv[2]), &rc);
	if (!d) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	d->docsize = (const char *)sqlite3_value_text(argv[0]);
	d->calls++;
	for (int i = 0; i < d->phrases; i++) {
		double f = 0;
		Fts5PhraseIter it;
		int col, off;
		rc = api->xPhraseFirst(fts, i, &it, &col, &off);
		for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it, &col, &off))
			if (col < d->columns)
				f += 1.0;
		d->freq[i] = f;
	}
	double D = 0;
	if (rc == SQLITE_OK && d->docsize)
		rc = rank_row_size(d, api, fts, sqlite3_context_db_handle(ctx), &D);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	double score = 0.0;
	for (int i = 0; i < d->phrases; i++)
		score += d->idf[i] * ((d->freq[i] * (k1 + 1.0)) / (d->freq[i] + k1 * (1 - b + b * D / d->avgdl)));
	sqlite3_result_double(ctx, -1.0 * score);
}

/*
 * rapporteur_snippet(fts_table, wanted, column, open, close, ellipsis, tokens)
 *
 * FTS5's snippet(fts_table, column, open, close, ellipsis, tokens): the
 * same window of the column, the same marks, the same text; but only for
 * the rows whose rowid is in wanted ("k1,k2,..." in ascending order; NULL
 * for every row), NULL for the others, so that one pass over the matches
 * makes the snippets of a page. snippet() runs the table's tokenizer over
 * the whole column twice, stemmer included; this finds the tokens once,
 * without the stemmer (porter changes a token's text, never where it
 * starts or ends): by fts_tokens.c for the text it knows, else by the
 * table's tokenizer without porter (migrations/sqlite/003_search.sql);
 * and keeps each token's offsets for the marks.
 */
struct snippet_tokenizer {
	fts5_tokenizer api;
	Fts5Tokenizer *tokenizer;
};

static void snippet_tokenizer_free(void *p)
{
	struct snippet_tokenizer *t = p;
	if (t->tokenizer)
		t->api.xDelete(t->tokenizer);
	free(t);
}

struct snippet_wanted {
	sqlite3_int64 *keys;
	size_t count;
};

static void snippet_wanted_free(void *p)
{
	struct snippet_wanted *w = p;
	free(w->keys);
	free(w);
}

static struct snippet_wanted *snippet_wanted_parse(const char *text)
{
	struct snippet_wanted *w = xcalloc(1, sizeof(*w));
	size_t cap = 0;
	for (const char *p = text; *p;) {
		char *end;
		long long k = strtoll(p, &end, 10);
		if (end == p)
			break;
		ALLOC_GROW(w->keys, w->count + 1, cap);
		w->keys[w->count++] = k;
		p = *end == ',' ? end + 1 : end;
	}
	return w;
}

static bool snippet_wanted_has(const struct snippet_wanted *w, sqlite3_int64 key)
{
	size_t lo = 0, hi = w->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->count && w->keys[lo] == key;
}

/* The column's tokens (byte offsets) and the first token of each sentence
 * (snippet()'s rule: white space after '.' or ':' before it). */
struct snippet_doc {
	const char *text;
	int *start, *end;
	size_t count, cap;
	int *first;
	size_t first_count, first_cap;
};

static int snippet_add(void *ctx, int start, int end)
{
	struct snippet_doc *d = ctx;
	bool first = d->count == 0;
	if (!first) {
		int i = start - 1;
		char c = 0;
		for (; i >= 0; i--) {
			c = d->text[i];
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				break;
		}
		first = i != start - 1 && (c == '.' || c == ':');
	}
	if (first) {
		ALLOC_GROW(d->first, d->first_count + 1, d->first_cap);
		d->first[d->first_count++] = (int)d->count;
	}
	if (d->count == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 1024;
		d->start = xrealloc(d->start, d->cap * sizeof(int));
		d->end = xrealloc(d->end, d->cap * sizeof(int));
	}
	d->start[d->count] = start;
	d->end[d->count++] = end;
	return SQLITE_OK;
}

static int snippet_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	(void)token;
	(void)n;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	return snippet_add(ctx, start, end);
}

/* The row's phrase instances: phrase, column, token offset. */
struct snippet_inst {
	int phrase, column, offset;
};

/* snippet()'s score of the window of n tokens from pos: 1000 for each
 * phrase seen there, 1 for each further instance; *adjusted (when asked)
 * the window moved to centre what it found. */
static int snippet_score(const struct snippet_inst *inst, int ninst, const int *phrase_size, unsigned char *seen,
			 int nphrase, int column, int doc_size, int pos, int n, int *adjusted)
{
	memset(seen, 0, (size_t)nphrase);
	int score = 0, first = -1, last = 0;
	sqlite3_int64 end = (sqlite3_int64)pos + n;
	for (int i = 0; i < ninst; i++) {
		const struct snippet_inst *t = &inst[i];
		if (t->column != column || t->offset < pos || t->offset >= end)
			continue;
		score += seen[t->phrase] ? 1 : 1000;
		seen[t->phrase] = 1;
		if (first < 0)
			first = t->offset;
		last = t->offset + phrase_size[t->phrase];
	}
	if (adjusted) {
		sqlite3_int64 adj = first - (n - (last - first)) / 2;
		if (adj + n > doc_size)
			adj = doc_size - n;
		if (adj < 0)
			adj = 0;
		*adjusted = (int)adj;
	}
	return score;
}

/* Coalesced instances of a column (overlapping ones are one), in order. */
struct snippet_iter {
	const struct snippet_inst *inst;
	const int *phrase_size;
	int ninst, column, next, start, end;
};

static void snippet_iter_next(struct snippet_iter *it)
{
	it->start = it->end = -1;
	for (; it->next < it->ninst; it->next++) {
		const struct snippet_inst *t = &it->inst[it->next];
		if (t->column != it->column)
			continue;
		int end = t->offset - 1 + it->phrase_size[t->phrase];
		if (it->start < 0) {
			it->start = t->offset;
			it->end = end;
		} else if (t->offset <= it->end) {
			if (end > it->end)
				it->end = end;
		} else {
			break;
		}
	}
}

static void snippet_make(const Fts5ExtensionApi *api, Fts5Context *fts, struct snippet_tokenizer *tok,
			 sqlite3_context *ctx, int column, const char *open, const char *close,
			 const char *ellipsis, int n)
{
	int rc, ninst = 0, nphrase = api->xPhraseCount(fts);
	struct snippet_doc d = {0};
	struct snippet_inst *inst = NULL;
	int *phrase_size = xcalloc((size_t)nphrase + 1, sizeof(int));
	unsigned char *seen = xcalloc((size_t)nphrase + 1, 1);
	struct buf out = BUF_INIT;
	for (int i = 0; i < nphrase; i++)
		phrase_size[i] = api->xPhraseSize(fts, i);
	rc = api->xInstCount(fts, &ninst);
	if (rc == SQLITE_OK && ninst > 0)
		inst = xmalloc((size_t)ninst * sizeof(*inst));
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++)
		rc = api->xInst(fts, i, &inst[i].phrase, &inst[i].column, &inst[i].offset);
	int nbytes = 0, doc_size = 0;
	if (rc == SQLITE_OK)
		rc = api->xColumnText(fts, column, &d.text, &nbytes);
	/* token boundaries without FTS5 where fts_tokens knows the text */
	if (rc == SQLITE_OK && d.text && !fts_tokens(d.text, nbytes, snippet_add, &d)) {
		d.count = d.first_count = 0;
		rc = tok->api.xTokenize(tok->tokenizer, &d, FTS5_TOKENIZE_AUX, d.text, nbytes, snippet_token);
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, column, &doc_size);

	/* the best window: snippet()'s search, instance by instance */
	int best_start = 0, best_score = 0;
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		const struct snippet_inst *t = &inst[i];
		if (t->column != column)
			continue;
		if (t->offset > doc_size) {
			rc = SQLITE_CORRUPT_VTAB;
			break;
		}
		int adj, score = snippet_score(inst, ninst, phrase_size, seen, nphrase, column, doc_size, t->offset, n, &adj);
		if (score > best_score) {
			best_score = score;
			best_start = adj;
		}
		if (d.first_count && doc_size > n) {
			size_t j = 0;
			while (j < d.first_count - 1 && d.first[j + 1] <= t->offset)
				j++;
			if (d.first[j] < t->offset) {
				score = snippet_score(inst, ninst, phrase_size, seen, nphrase, column, doc_size, d.first[j], n,
						      NULL);
				score += d.first[j] == 0 ? 120 : 100;
				if (score > best_score) {
					best_score = score;
					best_start = d.first[j];
				}
			}
		}
	}

	/* the window with its matches marked: snippet()'s highlighting over
	 * the offsets kept, token by token */
	if (rc == SQLITE_OK && d.text) {
		struct snippet_iter it = {inst, phrase_size, ninst, column, 0, -1, -1};
		snippet_iter_next(&it);
		int range_start = best_start, range_end = best_start + n - 1, off = 0;
		bool opened = false;
		if (best_start > 0)
			buf_adds(&out, ellipsis);
		while (it.start >= 0 && it.start < best_start)
			snippet_iter_next(&it);
		for (int pos = range_start; pos <= range_end && (size_t)pos < d.count; pos++) {
			int ts = d.start[pos], te = d.end[pos];
			if (range_start && pos == range_start)
				off = ts;
			if (opened && (pos <= it.start || it.start < 0) && ts > off) {
				buf_adds(&out, close);
				opened = false;
			}
			if (pos == it.start && !opened) {
				buf_add(&out, d.text + off, (size_t)(ts - off));
				buf_adds(&out, open);
				off = ts;
				opened = true;
			}
			if (pos == it.end) {
				if (!opened) {
					buf_adds(&out, open);
					opened = true;
				}
				buf_add(&out, d.text + off, (size_t)(te - off));
				off = te;
				snippet_iter_next(&it);
			}
			if (pos == range_end) {
				if (opened) {
					if (it.start >= 0 && pos >= it.start) {
						buf_add(&out, d.text + off, (size_t)(te - off));
						off = te;
					}
					buf_adds(&out, close);
					opened = false;
				}
				buf_add(&out, d.text + off, (size_t)(te - off));
				off = te;
			}
		}
		if (opened)
			buf_adds(&out, close);
		if (range_end >= doc_size - 1)
			buf_add(&out, d.text + off, (size_t)(nbytes - off));
		else
			buf_adds(&out, ellipsis);
	}
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else if (d.text)
		sqlite3_result_text(ctx, out.data, (int)out.len, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
	buf_release(&out);
	free(d.start);
	free(d.end);
	free(d.first);
	free(inst);
	free(phrase_size);
	free(seen);
}

static const char *text_or_empty(sqlite3_value *v)
{
	const char *s = (const char *)sqlite3_value_text(v);
	return s ? s : "";
}

static void rank_snippet(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
			 sqlite3_value **argv)
{
	if (argc != 6) {
		sqlite3_result_error(ctx, "rapporteur_snippet: give wanted rowids, column, open, close, ellipsis, tokens", -1);
		return;
	}
	struct snippet_tokenizer *tok = api->xUserData(fts);
	if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
		struct snippet_wanted *w = api->xGetAuxdata(fts, 0);
		if (!w) {
			w = snippet_wanted_parse(text_or_empty(argv[0]));
			int rc = api->xSetAuxdata(fts, w, snippet_wanted_free);
			if (rc != SQLITE_OK) {
				snippet_wanted_free(w);
				sqlite3_result_error_code(ctx, rc);
				return;
			}
		}
		if (!snippet_wanted_has(w, api->xRowid(fts))) {
			sqlite3_result_null(ctx);
			return;
		}
	}
	snippet_make(api, fts, tok, ctx, sqlite3_value_int(argv[1]), text_or_empty(argv[2]), text_or_empty(argv[3]),
		     text_or_empty(argv[4]), sqlite3_value_int(argv[5]));
}

/* Registers rapporteur_bm25 and rapporteur_snippet on a connection; a
 * build of SQLite without FTS5 has none, and search then fails saying so. */
static void register_rank(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return;
	api->xCreateFunction(api, "rapporteur_bm25", NULL, rank_bm25, NULL);
	/* the table's tokenizer without porter: "porter unicode61 remove_diacritics 2" */
	struct snippet_tokenizer *tok = xcalloc(1, sizeof(*tok));
	void *user;
	const char *args[] = {"remove_diacritics", "2"};
	if (api->xFindTokenizer(api, "unicode61", &user, &tok->api) != SQLITE_OK ||
	    tok->api.xCreate(user, args, 2, &tok->tokenizer) != SQLITE_OK) {
		free(tok);
		return;
	}
	api->xCreateFunction(api, "rapporteur_snippet", tok, rank_snippet, snippet_tokenizer_free);
}

/*
 * The audit log's functions (migrations/sqlite/008_audit.sql, whose
 * triggers call them; src/store/audit.c verifies what they wrote).
 *
 * rapporteur_sha256(x1, ..., xn): SHA-256 in lower-case hex of the
 * arguments, each written as "~" when NULL, else as its length in bytes,
 * ":" and its bytes (the text of a number, a blob's bytes as they are).
 */
static void audit_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct sha256 h;
	sha256_init(&h);
	for (int i = 0; i < argc; i++) {
		int type = sqlite3_value_type(argv[i]);
		if (type == SQLITE_NULL) {
			sha256_update(&h, "~", 1);
			continue;
		}
		const void *p = type == SQLITE_BLOB ? sqlite3_value_blob(argv[i]) : (const void *)sqlite3_value_text(argv[i]);
		int n = sqlite3_value_bytes(argv[i]);
		char len[24];
		int k = snprintf(len, sizeof(len), "%d:", n);
		sha256_update(&h, len, (size_t)k);
		if (p && n > 0)
			sha256_update(&h, p, (size_t)n);
	}
	unsigned char digest[32];
	sha256_final(&h, digest);
	static const char hex[] = "0123456789abcdef";
	char out[64];
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	sqlite3_result_text(ctx, out, 64, SQLITE_TRANSIENT);
}

/* rapporteur_actor(): who the connection acts for (db_set_actor), or NULL. */
static void audit_actor(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	const struct connection *c = sqlite3_user_data(ctx);
	if (c->actor)
		sqlite3_result_text(ctx, c->actor, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

static void register_audit(struct connection *c)
{
	sqlite3_create_function(c->h, "rapporteur_sha256", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				NULL, audit_sha256, NULL, NULL);
	sqlite3_create_function(c->h, "rapporteur_actor", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, c, audit_actor, NULL,
				NULL);
}

/* SQLite counts every allocation under one global mutex unless told not
 * to; nothing here reads those counts. Set once, before SQLite starts. */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void config_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(struct db *db, const char *target, struct error *err)
{
	pthread_once(&config_once, config_init);
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(target, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
						    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		db->disk_full = disk_full(h, rc);
		error_set(err, "%s: cannot open the database: %s%s", target, db->disk_full ? DISK_FULL_MESSAGE ": " : "",
			  h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return -1;
	}
	struct connection *c = xcalloc(1, sizeof(*c));
	c->h = h;
	db->handle = c;
	sqlite3_busy_timeout(h, 10000);
	sqlite3_extended_result_codes(h, 1);
	char *msg = NULL;
	rc = sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			     "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY",
			  NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		db->disk_full = disk_full(h, rc);
		if (db->disk_full)
			error_set(err, "%s: cannot open the database: " DISK_FULL_MESSAGE " (%s)", target,
				  msg ? msg : sqlite3_errstr(rc));
		else
			error_set(err, "%s: not a usable SQLite database: %s", target, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite3_close(h);
		free(c);
		db->handle = NULL;
		return -1;
	}
	register_rank(h);
	register_audit(c);
	return 0;
}

static void sq_close(struct db *db)
{
	struct connection *c = db->handle;
	if (!c)
		return;
	for (int i = 0; i < KEPT_STATEMENTS; i++) {
		if (!c->kept[i].sql)
			continue;
		sqlite3_finalize(c->kept[i].use.stmt);
		free(c->kept[i].sql);
	}
	sqlite3_close(c->h);
	free(c->actor);
	free(c);
	db->handle = NULL;
}

static int sq_exec(struct db *db, const char *sql, struct error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(handle_of(db), sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		db->disk_full = disk_full(handle_of(db), rc);
		error_set(err, "%s: %s%s", db->target, db->disk_full ? DISK_FULL_MESSAGE ": " : "",
			  msg ? msg : sqlite3_errmsg(handle_of(db)));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The kept slot for sql: its own, else a free one, else the least
 * recently used idle one (finalized for the new text); NULL when all are
 * busy. */
static struct kept *kept_slot(struct connection *c, const char *sql, uint64_t hash, bool *found)
{
	struct kept *victim = NULL;
	*found = false;
	for (int i = 0; i < KEPT_STATEMENTS; i++) {
		struct kept *k = &c->kept[i];
		if (k->sql && k->hash == hash && !strcmp(k->sql, sql)) {
			if (k->busy)
				return NULL; /* in use twice at once: the second is not kept */
			*found = true;
			return k;
		}
		if (!k->sql) {
			if (!victim || victim->sql)
				victim = k;
		} else if (!k->busy && (!victim || (victim->sql && k->last_used < victim->last_used))) {
			victim = k;
		}
	}
	if (victim && victim->sql) {
		sqlite3_finalize(victim->use.stmt);
		free(victim->sql);
		victim->sql = NULL;
	}
	return victim;
}

static struct db_stmt *sq_prepare(struct db *db, const char *sql, struct error *err)
{
	struct connection *c = db->handle;
	uint64_t hash = sql_hash(sql);
	bool found;
	struct kept *k = kept_slot(c, sql, hash, &found);
	if (k && found) {
		k->busy = true;
		k->last_used = ++c->clock;
		return &k->use;
	}
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v3(c->h, sql, -1, k ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, NULL) != SQLITE_OK) {
		sqlite_error(db, err, "cannot prepare a query");
		return NULL;
	}
	if (k) {
		k->sql = xstrdup(sql);
		k->hash = hash;
		k->busy = true;
		k->last_used = ++c->clock;
		k->use = (struct db_stmt){.db = db, .stmt = stmt, .kept = k};
		return &k->use;
	}
	struct db_stmt *st = xmalloc(sizeof(*st));
	*st = (struct db_stmt){.db = db, .stmt = stmt, .kept = NULL};
	return st;
}

static void sq_bind_text(struct db_stmt *st, int i, const char *s, size_t len)
{
	sqlite3_bind_text(st->stmt, i, s, (int)len, SQLITE_TRANSIENT);
}

static void sq_bind_int(struct db_stmt *st, int i, long long v)
{
	sqlite3_bind_int64(st->stmt, i, v);
}

static void sq_bind_double(struct db_stmt *st, int i, double v)
{
	sqlite3_bind_double(st->stmt, i, v);
}

static void sq_bind_null(struct db_stmt *st, int i)
{
	sqlite3_bind_null(st->stmt, i);
}

static int sq_step(struct db_stmt *st, struct error *err)
{
	int rc = sqlite3_step(st->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	sqlite_error(st->db, err, "query failed");
	return -1;
}

static int sq_column_count(struct db_stmt *st)
{
	return sqlite3_column_count(st->stmt);
}

static const char *sq_column_name(struct db_stmt *st, int col)
{
	return sqlite3_column_name(st->stmt, col);
}

static const char *sq_column_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->stmt, col);
}

static long long sq_column_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->stmt, col);
}

static double sq_column_double(struct db_stmt *st, int col)
{
	return sqlite3_column_double(st->stmt, col);
}

static bool sq_column_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->stmt, col) == SQLITE_NULL;
}

static enum db_type sq_column_type(struct db_stmt *st, int col)
{
	switch (sqlite3_column_type(st->stmt, col)) {
	case SQLITE_INTEGER:
		return DB_INTEGER;
	case SQLITE_FLOAT:
		return DB_REAL;
	case SQLITE_NULL:
		return DB_NULL;
	default:
		return DB_TEXT; /* a blob too: the store keeps none */
	}
}

static void sq_reset(struct db_stmt *st)
{
	sqlite3_reset(st->stmt);
	sqlite3_clear_bindings(st->stmt);
}

static void sq_finalize(struct db_stmt *st)
{
	if (st->kept) {
		sqlite3_reset(st->stmt);
		sqlite3_clear_bindings(st->stmt);
		st->kept->busy = false;
		return;
	}
	sqlite3_finalize(st->stmt);
	free(st);
}

static long long sq_changes(struct db *db)
{
	return sqlite3_changes64(handle_of(db));
}

/*
 * Backup and restore through SQLite's online backup API: every page of
 * from, read in one read transaction (a snapshot: in WAL mode writers go
 * on meanwhile and are not in it), written to to in one write
 * transaction, which either lands whole or not at all.
 */
static int sq_copy(struct db *from, struct db *to, struct error *err)
{
	sqlite3 *src = handle_of(from), *dst = handle_of(to);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite_error(to, err, "cannot copy into it");
	int rc;
	/* -1: all pages in one step, so that the copy is one snapshot */
	for (int tries = 0; (rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED; tries++) {
		if (tries == 100)
			break;
		sqlite3_sleep(100);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		to->disk_full = disk_full(dst, rc) || disk_full(dst, sqlite3_extended_errcode(dst));
		return error_set(err, "%s: the copy of %s failed: %s%s", to->target, from->target,
				 to->disk_full ? DISK_FULL_MESSAGE ": " : "", sqlite3_errstr(rc));
	}
	return 0;
}

/* PRAGMA integrity_check, then foreign_key_check: the first problems named. */
static int sq_check(struct db *db, struct error *err)
{
	sqlite3 *h = handle_of(db);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check(10)", -1, &st, NULL) != SQLITE_OK)
		return sqlite_error(db, err, "cannot check the database");
	struct buf problems = BUF_INIT;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok"))
			buf_addf(&problems, "%s%s", problems.len ? "; " : "", line);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		buf_release(&problems);
		return sqlite_error(db, err, "the integrity check failed");
	}
	if (!problems.len) {
		if (sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
			return sqlite_error(db, err, "cannot check the database");
		long long n = 0;
		char first[256] = "";
		while (sqlite3_step(st) == SQLITE_ROW)
			if (n++ == 0)
				snprintf(first, sizeof(first), "%s row %lld refers to a missing row of %s",
					 (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
					 (const char *)sqlite3_column_text(st, 2));
		sqlite3_finalize(st);
		if (n)
			buf_addf(&problems, "%lld broken reference%s (the first: %s)", n, n == 1 ? "" : "s", first);
	}
	if (problems.len) {
		error_set(err, "%s: the database is damaged: %s", db->target, problems.data);
		buf_release(&problems);
		return -1;
	}
	buf_release(&problems);
	return 0;
}

static void sq_set_actor(struct db *db, const char *actor)
{
	struct connection *c = db->handle;
	free(c->actor);
	c->actor = actor ? xstrdup(actor) : NULL;
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.bind_double = sq_bind_double,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.column_count = sq_column_count,
	.column_name = sq_column_name,
	.column_text = sq_column_text,
	.column_int = sq_column_int,
	.column_double = sq_column_double,
	.column_null = sq_column_null,
	.column_type = sq_column_type,
	.reset = sq_reset,
	.finalize = sq_finalize,
	.changes = sq_changes,
	.copy = sq_copy,
	.check = sq_check,
	.set_actor = sq_set_actor,
};

/*
 * db_fts_terms: FTS5's own tokenizer, run outside any table, for the
 * PostgreSQL store (see db.h). One in-memory connection, made once,
 * lends its FTS5 registry; each call makes its own tokenizer (they keep
 * a buffer, so one cannot serve two threads at once).
 */
static pthread_once_t terms_once = PTHREAD_ONCE_INIT;
static fts5_api *terms_api;
static fts5_tokenizer terms_porter;
static void *terms_porter_user;
static pthread_mutex_t terms_lock = PTHREAD_MUTEX_INITIALIZER;

static void terms_init(void)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st;
	if (sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return; /* the handle stays open for the process's life either way */
	fts5_api *api = NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api && api->xFindTokenizer(api, "porter", &terms_porter_user, &terms_porter) == SQLITE_OK)
		terms_api = api;
}

struct terms_ctx {
	db_term_fn *fn;
	void *ctx;
};

static int terms_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	(void)start;
	(void)end;
	struct terms_ctx *t = ctx;
	if (!(flags & FTS5_TOKEN_COLOCATED))
		t->fn(t->ctx, token, (size_t)n);
	return SQLITE_OK;
}

int db_fts_terms(const char *text, size_t len, db_term_fn *fn, void *ctx)
{
	pthread_once(&terms_once, terms_init);
	if (!terms_api)
		return -1;
	/* the index's tokenizer: migrations/sqlite/003_search.sql */
	const char *args[] = {"unicode61", "remove_diacritics", "2"};
	Fts5Tokenizer *tok = NULL;
	pthread_mutex_lock(&terms_lock); /* porter's xCreate looks unicode61 up in the shared registry */
	int rc = terms_porter.xCreate(terms_porter_user, args, 3, &tok);
	pthread_mutex_unlock(&terms_lock);
	if (rc != SQLITE_OK)
		return -1;
	struct terms_ctx t = {fn, ctx};
	rc = terms_porter.xTokenize(tok, &t, FTS5_TOKENIZE_DOCUMENT, text, (int)len, terms_token);
	terms_porter.xDelete(tok);
	return rc == SQLITE_OK ? 0 : -1;
}

/* A build without the PostgreSQL driver has none. */
__attribute__((weak)) const struct db_driver *db_postgres_driver_get(void)
{
	return NULL;
}
