/*
 * test_search.c - search over the SQLite index laid out by migration 003:
 * rapporteur_bm25 and rapporteur_snippet give exactly what FTS5's bm25()
 * and snippet() give; filters as facet tokens select what the same filters
 * as SQL select; newest first is date then id; the index stays in step
 * with communications when a letter is replaced (FTS5 integrity-check).
 * With $RAPPORTEUR_TEST_PG, the FTS5 tests are skipped and PostgreSQL's
 * search is held to SQLite's: the same letters for every query, newest
 * first in the same order, the same snippets.
 */
#include "helpers.h"
#include "store_helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "domain/filter.h"
#include "domain/letterfile.h"
#include "domain/query.h"
#include "domain/search.h"
#include "kb/kb.h"
#include "store/kbload.h"
#include "store/letters.h"
#include "store/migrate.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/die.h"

static char db_path[64];

static const char *const letters[] = {
	"tests/letters/AL-AUS-1-2024.md",  "tests/letters/AL-BGD-5-2023.md",  "tests/letters/AL-BHR-11-2012.md",
	"tests/letters/AL-BRA-2-2021.md",  "tests/letters/AL-CMR-4-2013.md",  "tests/letters/AL-EGY-14-2022.md",
	"tests/letters/AL-GTM-6-2021.md",  "tests/letters/AL-IND-8-2022.md",  "tests/letters/AL-OTH-71-2023.md",
	"tests/letters/JUA-TUR-9-2016.md", "tests/letters/OL-KGZ-2-2024.md",  "tests/letters/UA-BLR-7-2021.txt",
	"tests/letters/UA-IRN-14-2022.md", "tests/letters/UA-LBY-3-2021.md",  "tests/letters/UA-PHL-6-2019.txt", "tests/letters/UA-SGP-4-2023.md",
	"tests/letters/UA-SYR-3-2014.md",
	NULL};

/* Queries with words in three languages, phrases, OR, NOT and prefixes. */
static const char *const queries[] = {
	"torture",	"detention",	 "\"human rights council\"", "\"enforced disappearance\"",
	"tortur*",	"détention",	 "derechos",		      "torture NOT detention",
	"police OR army", "article AND convention", "Excellency", "information", NULL};

static struct db *store_with_letters(void)
{
	struct db *db = test_store_open(db_path);
	struct error err = {{0}};
	for (int i = 0; letters[i]; i++) {
		struct letter l;
		if (letterfile_parse(letters[i], &l, &err) < 0)
			fail_msg("%s", err.message);
		enum store_outcome out;
		if (store_put_letter(db, &l, letters[i], "sha", &out, NULL, &err) < 0)
			fail_msg("%s: %s", letters[i], err.message);
		letter_release(&l);
	}
	return db;
}

static void drop_store(struct db *db)
{
	test_store_drop(db, db_path);
}

static void exec(struct db *db, const char *sql)
{
	struct error err = {{0}};
	if (db_exec(db, sql, &err) < 0)
		fail_msg("%s: %s", sql, err.message);
}

/* Every row of every query: ours and FTS5's, value for value. */
/* FTS5's own functions and tables: SQLite's alone. */
static bool on_postgres(void)
{
	const char *pg = getenv("RAPPORTEUR_TEST_PG");
	return pg && *pg;
}

static void test_rank_and_snippet_are_fts5s(void **state)
{
	(void)state;
	if (on_postgres())
		skip();
	struct db *db = store_with_letters();
	/* bm25() ranks over every column: a table with only the two columns
	 * rapporteur_bm25 is told to rank */
	exec(db, "CREATE VIRTUAL TABLE two USING fts5(reference, body, content = 'communications', "
		 "content_rowid = 'search_key', tokenize = 'porter unicode61 remove_diacritics 2'); "
		 "INSERT INTO two(two) VALUES ('rebuild')");
	struct error err = {{0}};
	int rows = 0;
	for (int q = 0; queries[q]; q++) {
		for (int col = 0; col < 2; col++) {
			char sql[512];
			snprintf(sql, sizeof(sql),
				 "SELECT snippet(two, %d, '[', ']', '…', 24), "
				 "rapporteur_snippet(two, NULL, %d, '[', ']', '…', 24), bm25(two), "
				 "rapporteur_bm25(two, 'two_docsize', 2, 0), rowid FROM two WHERE two MATCH ?1",
				 col, col);
			struct db_stmt *st = db_prepare(db, sql, &err);
			if (!st)
				fail_msg("%s", err.message);
			struct query *parsed = query_parse(queries[q], &err);
			char *match = query_to_fts5(parsed);
			query_free(parsed);
			db_bind_text(st, 1, match);
			while (db_step(st, &err) == 1) {
				if (strcmp(db_text(st, 0), db_text(st, 1)))
					fail_msg("%s, row %lld, column %d:\n snippet() %s\n ours      %s", queries[q],
						 db_int(st, 4), col, db_text(st, 0), db_text(st, 1));
				if (db_double(st, 2) != db_double(st, 3))
					fail_msg("%s, row %lld: bm25() %.17g, ours %.17g", queries[q], db_int(st, 4),
						 db_double(st, 2), db_double(st, 3));
				rows++;
			}
			db_finalize(st);
			free(match);
		}
	}
	assert_true(rows > 50);
	drop_store(db);
}

/* The hits' references, in order, one per line. */
static char *run(struct db *db, const char *query, struct comm_filter filter, enum search_order order, int limit,
		 int offset, long long *total)
{
	struct search_request req = {.query = query, .filter = filter, .order = order, .limit = limit,
				     .offset = offset, .count_total = true};
	struct search_result res;
	struct error err = {{0}};
	if (search_run(db, &req, &res, &err) < 0)
		fail_msg("search %s: %s", query, err.message);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < res.count; i++) {
		buf_addf(&b, "%s\n", res.hits[i].reference);
		assert_non_null(res.hits[i].snippet);
	}
	*total = res.total;
	search_result_release(&res);
	return buf_detach(&b);
}

/* The same, from SQL: a word every letter has, the filter as filter.c
 * writes it, newest first as the store defines it. */
static char *expected(struct db *db, struct comm_filter filter, int limit, int offset, long long *total)
{
	struct buf where = BUF_INIT, sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	filter_where(&filter, &where, &params);
	buf_addf(&sql, "SELECT c.reference FROM communications c WHERE c.reference IS NOT NULL%s "
		       "ORDER BY c.date IS NULL, c.date DESC, c.id DESC",
		 where.data);
	struct error err = {{0}};
	struct db_stmt *st = db_prepare(db, sql.data, &err);
	if (!st)
		fail_msg("%s", err.message);
	sql_params_bind(&params, st);
	struct buf b = BUF_INIT;
	long long n = 0;
	while (db_step(st, &err) == 1) {
		if (n >= offset && n < offset + limit)
			buf_addf(&b, "%s\n", db_text(st, 0));
		n++;
	}
	db_finalize(st);
	*total = n;
	buf_release(&where);
	buf_release(&sql);
	return buf_detach(&b);
}

static void check_filter(struct db *db, struct comm_filter f)
{
	long long got_total, want_total;
	/* "the" is in every letter; its page newest first is the filter's list */
	for (int offset = 0; offset < 3; offset += 2) {
		char *got = run(db, "the OR le OR el", f, SEARCH_NEWEST, 4, offset, &got_total);
		char *want = expected(db, f, 4, offset, &want_total);
		assert_string_equal(got, want);
		assert_int_equal(got_total, want_total);
		free(got);
		free(want);
	}
	char *got = run(db, "the OR le OR el", f, SEARCH_RELEVANCE, 100, 0, &got_total);
	assert_int_equal(got_total, want_total);
	free(got);
}

static void test_filters_select_what_sql_selects(void **state)
{
	(void)state;
	struct db *db = store_with_letters();
	check_filter(db, (struct comm_filter){0});
	check_filter(db, (struct comm_filter){.country = "IND"});
	check_filter(db, (struct comm_filter){.country = "IRN"});
	check_filter(db, (struct comm_filter){.type = "UA"});
	check_filter(db, (struct comm_filter){.type = "ua"}); /* as SQL: nothing */
	check_filter(db, (struct comm_filter){.year = 2021});
	check_filter(db, (struct comm_filter){.mandate = "torture"});
	check_filter(db, (struct comm_filter){.mandate = "arbitrary-detention", .type = "AL"});
	check_filter(db, (struct comm_filter){.from = "2021-01-01"});
	check_filter(db, (struct comm_filter){.to = "2021-06-30"});
	check_filter(db, (struct comm_filter){.from = "2019-01-01", .to = "2022-12-31", .type = "UA"});
	check_filter(db, (struct comm_filter){.from = "2022-12-31", .to = "2019-01-01"});
	drop_store(db);
}

static void test_index_follows_replaced_letters(void **state)
{
	(void)state;
	if (on_postgres())
		skip();
	struct db *db = store_with_letters();
	exec(db, "INSERT INTO communications_fts(communications_fts) VALUES ('integrity-check')");
	/* the same reference again, from a changed file dated otherwise */
	struct letter l;
	struct error err = {{0}};
	if (letterfile_parse("tests/letters/AL-BGD-5-2023.md", &l, &err) < 0)
		fail_msg("%s", err.message);
	l.date = date_from_ymd(2001, 2, 3);
	snprintf(l.country, sizeof(l.country), "KAZ");
	enum store_outcome out;
	if (store_put_letter(db, &l, "again.md", "other", &out, NULL, &err) < 0)
		fail_msg("%s", err.message);
	assert_int_equal(out, STORE_UPDATED);
	exec(db, "INSERT INTO communications_fts(communications_fts) VALUES ('integrity-check')");
	long long total;
	char *got = run(db, "the OR le OR el", (struct comm_filter){.to = "2001-12-31"}, SEARCH_NEWEST, 5, 0, &total);
	assert_string_equal(got, "AL BGD 5/2023\n");
	free(got);
	got = run(db, "the OR le OR el", (struct comm_filter){.country = "BGD"}, SEARCH_NEWEST, 5, 0, &total);
	assert_int_equal(total, 0);
	free(got);
	letter_release(&l);
	check_filter(db, (struct comm_filter){0});
	drop_store(db);
}

static int strcmp_ptr(const char **a, const char **b)
{
	return strcmp(*a, *b);
}

/* One search's hits as text: reference and snippet, one a line. */
static char *hits_text(struct db *db, const char *query, enum search_order order, bool sorted)
{
	struct search_request req = {.query = query, .order = order, .limit = 100, .count_total = true};
	struct search_result res;
	struct error err = {{0}};
	if (search_run(db, &req, &res, &err) < 0)
		fail_msg("%s: %s", query, err.message);
	char **lines = xcalloc(res.count + 1, sizeof(*lines));
	for (size_t i = 0; i < res.count; i++) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s | %s", res.hits[i].reference, res.hits[i].snippet ? res.hits[i].snippet : "-");
		lines[i] = buf_detach(&b);
	}
	if (sorted)
		qsort(lines, res.count, sizeof(*lines), (int (*)(const void *, const void *))strcmp_ptr);
	struct buf all = BUF_INIT;
	buf_addf(&all, "%lld matches\n", res.total);
	for (size_t i = 0; i < res.count; i++) {
		buf_addf(&all, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	search_result_release(&res);
	return buf_detach(&all);
}

static void test_postgres_finds_what_sqlite_finds(void **state)
{
	(void)state;
	if (!on_postgres())
		skip();
	struct db *pg = store_with_letters();
	/* the same letters in a SQLite file */
	char path[64];
	snprintf(path, sizeof(path), "/tmp/rapporteur-unit-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct error err = {{0}};
	struct db *sq = db_open(path, &err);
	if (!sq || store_migrate(sq, &err) < 0 || store_load_kb(sq, kb_shared(), &err) < 0)
		fail_msg("%s", err.message);
	for (int i = 0; letters[i]; i++) {
		struct letter l;
		enum store_outcome out;
		if (letterfile_parse(letters[i], &l, &err) < 0 ||
		    store_put_letter(sq, &l, letters[i], "sha", &out, NULL, &err) < 0)
			fail_msg("%s: %s", letters[i], err.message);
		letter_release(&l);
	}
	static const char *const more[] = {"non-refoulement", "\"pre-trial detention\"", "detent* -torture",
					   "zzznothing", "it's", NULL};
	for (int pass = 0; pass < 2; pass++)
		for (int q = 0; (pass ? more : queries)[q]; q++) {
			const char *query = (pass ? more : queries)[q];
			/* newest first: the same page, in the same order, with the same snippets */
			char *a = hits_text(sq, query, SEARCH_NEWEST, false), *b = hits_text(pg, query, SEARCH_NEWEST, false);
			if (strcmp(a, b))
				fail_msg("%s, newest first:\nSQLite:\n%s\nPostgreSQL:\n%s", query, a, b);
			free(a);
			free(b);
			/* by relevance: the same letters (each store ranks its own way) */
			a = hits_text(sq, query, SEARCH_RELEVANCE, true);
			b = hits_text(pg, query, SEARCH_RELEVANCE, true);
			if (strcmp(a, b))
				fail_msg("%s, by relevance:\nSQLite:\n%s\nPostgreSQL:\n%s", query, a, b);
			free(a);
			free(b);
		}
	db_close(sq);
	unlink(path);
	char side[96];
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	drop_store(pg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank_and_snippet_are_fts5s),
		cmocka_unit_test(test_filters_select_what_sql_selects),
		cmocka_unit_test(test_index_follows_replaced_letters),
		cmocka_unit_test(test_postgres_finds_what_sqlite_finds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
