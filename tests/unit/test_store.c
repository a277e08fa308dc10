/*
 * test_store.c - the store on a real SQLite file: migrations, putting a
 * letter (added, unchanged, updated, all or nothing), finding it however a
 * user writes its reference, the query language and full-text search.
 */
#include "helpers.h"
#include "store_helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "domain/letterfile.h"
#include "domain/query.h"
#include "domain/search.h"
#include "kb/kb.h"
#include "store/kbload.h"
#include "store/letters.h"
#include "store/migrate.h"
#include "util/die.h"

static char db_path[64];

static struct db *fresh_store(void)
{
	return test_store_open(db_path);
}

static void drop_store(struct db *db)
{
	test_store_drop(db, db_path);
}

static void parse_letter(const char *path, struct letter *l)
{
	struct error err = {{0}};
	if (letterfile_parse(path, l, &err) < 0)
		fail_msg("%s", err.message);
}

/* count(*) of a query with one "?" bound to the communication id */
static long long count_for(struct db *db, const char *sql, long long id)
{
	char arg[24];
	snprintf(arg, sizeof(arg), "%lld", id);
	return db_query_int(db, -1, sql, arg, (const char *)NULL);
}

static long long count_all(struct db *db, const char *sql)
{
	return db_query_int(db, -1, sql, (const char *)NULL);
}

static enum store_outcome put(struct db *db, const struct letter *l, const char *sha)
{
	struct error err = {{0}};
	enum store_outcome out;
	if (store_put_letter(db, l, "letter.md", sha, &out, NULL, &err) < 0)
		fail_msg("store_put_letter: %s", err.message);
	return out;
}

static void test_migrations_once_and_current(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	struct error err = {{0}};
	assert_int_equal(store_schema_version(db), store_latest_version(db->backend));
	assert_int_equal(store_migrate(db, &err), 0); /* nothing left to apply */
	if (db->backend == DB_SQLITE)
		assert_int_equal(count_all(db, "PRAGMA foreign_keys"), 1);
	drop_store(db);
}

static void test_put_added_unchanged_updated(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	struct letter l;
	parse_letter("tests/letters/AL-BGD-5-2023.md", &l);
	assert_int_equal(put(db, &l, "aaaa"), STORE_ADDED);
	long long id = store_find_communication(db, l.reference);
	assert_true(id > 0);
	assert_int_equal(count_for(db, "SELECT count(*) FROM questions WHERE communication_id = ?", id),
			 (long long)l.questions_count);
	assert_int_equal(put(db, &l, "aaaa"), STORE_UNCHANGED);
	assert_int_equal(put(db, &l, "bbbb"), STORE_UPDATED);
	/* an update replaces the child rows, it does not add to them */
	assert_int_equal(count_for(db, "SELECT count(*) FROM questions WHERE communication_id = ?", id),
			 (long long)l.questions_count);
	assert_int_equal(count_for(db, "SELECT count(*) FROM communication_mandates WHERE communication_id = ?", id),
			 (long long)l.mandates_count);
	assert_int_equal(count_all(db, "SELECT count(*) FROM communications"), 1);
	letter_release(&l);
	drop_store(db);
}

/* A failure after the communication row is written (here a mandate the
 * knowledge base does not hold breaks a foreign key) leaves nothing. */
static void test_failed_put_writes_nothing(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	struct letter l;
	parse_letter("tests/letters/AL-BGD-5-2023.md", &l);
	assert_true(l.mandates_count > 1);
	const char *slug = l.mandates[l.mandates_count - 1].slug;
	l.mandates[l.mandates_count - 1].slug = "no-such-mandate";
	struct error err = {{0}};
	enum store_outcome out;
	assert_int_equal(store_put_letter(db, &l, "letter.md", "cccc", &out, NULL, &err), -1);
	assert_true(strstr(err.message, "FOREIGN KEY") || strstr(err.message, "foreign key")); /* SQLite's, PostgreSQL's */
	assert_int_equal(count_all(db, "SELECT count(*) FROM communications"), 0);
	assert_int_equal(count_all(db, "SELECT count(*) FROM questions"), 0);
	assert_int_equal(count_all(db, "SELECT count(*) FROM communication_mandates"), 0);
	l.mandates[l.mandates_count - 1].slug = slug;
	assert_int_equal(put(db, &l, "cccc"), STORE_ADDED); /* and the store still works */
	letter_release(&l);
	drop_store(db);
}

/* Flat nesting (db_flat(), ingest's batches): letters put inside one
 * transaction without savepoints; an unchanged letter leaves the batch
 * whole, a failed one marks it failed, so that it can only be rolled back
 * (and nothing of it stays), and the store works as before after. */
static void test_flat_batch(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	struct letter a, b;
	parse_letter("tests/letters/AL-BGD-5-2023.md", &a);
	parse_letter("tests/letters/UA-IRN-14-2022.md", &b);
	struct error err = {{0}};
	assert_int_equal(db_begin(db, &err), 0);
	db_flat(db);
	assert_int_equal(put(db, &a, "aaaa"), STORE_ADDED);
	assert_int_equal(db->tx_depth, 1); /* the letter's own begin and commit only counted */
	assert_int_equal(db_commit(db, &err), 0);
	assert_false(db->flat);
	assert_int_equal(count_all(db, "SELECT count(*) FROM communications"), 1);

	assert_int_equal(db_begin(db, &err), 0);
	db_flat(db);
	assert_int_equal(put(db, &a, "aaaa"), STORE_UNCHANGED);
	assert_false(db->flat_failed);
	assert_int_equal(put(db, &b, "bbbb"), STORE_ADDED);
	const char *slug = a.mandates[0].slug;
	a.mandates[0].slug = "no-such-mandate";
	enum store_outcome out;
	assert_int_equal(store_put_letter(db, &a, "letter.md", "cccc", &out, NULL, &err), -1);
	a.mandates[0].slug = slug;
	assert_true(db->flat_failed);
	assert_int_equal(db->tx_depth, 1);
	assert_int_equal(db_commit(db, &err), -1); /* refused: only a rollback ends it */
	assert_non_null(strstr(err.message, "roll it back"));
	db_rollback(db);
	assert_int_equal(db->tx_depth, 0);
	assert_false(db->flat);
	assert_false(db->flat_failed);
	/* nothing of the failed batch: b absent, a as it was */
	assert_int_equal(count_all(db, "SELECT count(*) FROM communications"), 1);
	assert_int_equal(store_find_communication(db, b.reference), 0);
	assert_int_equal(put(db, &b, "bbbb"), STORE_ADDED);
	assert_int_equal(count_all(db, "SELECT count(*) FROM communications"), 2);
	letter_release(&a);
	letter_release(&b);
	drop_store(db);
}

/* A bulk load's full-text rows written at its commit (store_fts_defer):
 * a letter added then changed in the same batch leaves one entry, the
 * index whole, and the search finds the changed text. */
static void test_fts_deferred(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	if (db->backend != DB_SQLITE) { /* PostgreSQL writes its tsv with the row */
		drop_store(db);
		skip();
	}
	struct letter a;
	parse_letter("tests/letters/AL-BGD-5-2023.md", &a);
	struct error err = {{0}};
	assert_int_equal(db_begin(db, &err), 0);
	db_flat(db);
	store_fts_defer(db);
	assert_int_equal(put(db, &a, "aaaa"), STORE_ADDED);
	assert_int_equal(count_all(db, "SELECT count(*) FROM communications_fts WHERE communications_fts MATCH 'Zorblatt'"), 0);
	char *body = a.body;
	size_t n = strlen(body) + 64;
	a.body = xmalloc(n);
	snprintf(a.body, n, "%s\n\nZorblatt testified.", body);
	assert_int_equal(put(db, &a, "bbbb"), STORE_UPDATED);
	assert_int_equal(store_fts_flush(db, &err), 0);
	assert_null(db->fts_deferred);
	assert_int_equal(db_commit(db, &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO communications_fts(communications_fts) VALUES('integrity-check')", &err), 0);
	assert_int_equal(count_all(db, "SELECT count(*) FROM communications_fts"), 1);
	assert_int_equal(count_all(db, "SELECT count(*) FROM communications_fts WHERE communications_fts MATCH 'Zorblatt'"), 1);
	free(a.body);
	a.body = body;
	letter_release(&a);
	drop_store(db);
}

static void test_find_however_written(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	struct letter l;
	parse_letter("tests/letters/UA-SYR-3-2014.md", &l);
	put(db, &l, "dddd");
	long long id = store_find_communication(db, l.reference);
	assert_true(id > 0);
	assert_int_equal(store_find_communication(db, "SYR 3/2014"), id);
	struct letter m;
	parse_letter("tests/letters/AL-BGD-5-2023.md", &m);
	put(db, &m, "eeee");
	long long bgd = store_find_communication(db, "AL BGD 5/2023");
	assert_true(bgd > 0 && bgd != id);
	assert_int_equal(store_find_communication(db, "AL-BGD-5-2023"), bgd);
	assert_int_equal(store_find_communication(db, "BGD 5/2023"), bgd);
	letter_release(&m);
	assert_int_equal(store_find_communication(db, "SYR 4/2014"), 0);
	char *slug = store_reference_slug("AL KAZ 2/2024");
	assert_string_equal(slug, "AL-KAZ-2-2024");
	free(slug);
	char *core = store_reference_core("UA G/SO 214 (53-24) SYR 3/2014");
	assert_string_equal(core, "SYR 3/2014");
	free(core);
	letter_release(&l);
	drop_store(db);
}

static void test_foreign_keys_enforced(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	struct error err = {{0}};
	assert_int_equal(db_exec(db, "INSERT INTO questions(communication_id, n, text) VALUES (999, 1, 'x')", &err), -1);
	drop_store(db);
}

static void test_query_language(void **state)
{
	(void)state;
	struct error err = {{0}};
	struct query *q = query_parse("\"enforced disappearance\" torture OR beating -release", &err);
	assert_non_null(q);
	char *fts = query_to_fts5(q);
	assert_contains(fts, "\"enforced disappearance\"");
	assert_contains(fts, "OR");
	assert_contains(fts, "NOT");
	free(fts);
	/* PostgreSQL's: the index's terms (stemmed as FTS5 stems), FTS5's meaning */
	char *ts = search_tsquery(q);
	assert_string_equal(ts, "((('enforc' <-> 'disappear') & ('tortur')) | (('beat') & !('releas')))");
	free(ts);
	query_free(q);
	struct {
		const char *query, *tsquery; /* NULL: matches nothing, as in FTS5 */
	} cases[] = {
	    {"non-refoulement detent*", "(('non' <-> 'refoul') & ('detent':*))"},
	    {"Žanaozen's", "('zanaozen' <-> 's')"},
	    {"alpha _", NULL},        /* a word with no letters matches nothing, nor does the AND */
	    {"alpha OR _", "(('alpha'))"}, /* the OR keeps its other side */
	    {"alpha -_", "(('alpha'))"},   /* "alpha NOT nothing" is alpha */
	    {"it's", "('it' <-> 's')"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		q = query_parse(cases[i].query, &err);
		assert_non_null(q);
		ts = search_tsquery(q);
		if (cases[i].tsquery)
			assert_string_equal(ts, cases[i].tsquery);
		else
			assert_null(ts);
		free(ts);
		query_free(q);
	}
	assert_null(query_parse("   ", &err));
	assert_contains(err.message, "no words");
	assert_null(query_parse("-torture", &err));
	assert_contains(err.message, "only excludes");
}

static void test_search_ranked_and_newest(void **state)
{
	(void)state;
	struct db *db = fresh_store();
	const char *files[] = {"tests/letters/AL-BGD-5-2023.md", "tests/letters/UA-SYR-3-2014.md",
			       "tests/letters/UA-IRN-14-2022.md", "tests/letters/AL-AUS-1-2024.md"};
	for (size_t i = 0; i < 4; i++) {
		struct letter l;
		parse_letter(files[i], &l);
		char sha[8];
		snprintf(sha, sizeof(sha), "s%zu", i);
		put(db, &l, sha);
		letter_release(&l);
	}
	struct search_request req = {.query = "detention", .order = SEARCH_NEWEST, .limit = 10,
				     .count_total = true};
	struct search_result res;
	struct error err = {{0}};
	if (search_run(db, &req, &res, &err) < 0)
		fail_msg("search: %s", err.message);
	assert_true(res.count >= 2);
	assert_int_equal(res.total, (long long)res.count);
	for (size_t i = 1; i < res.count; i++)
		assert_true(strcmp(res.hits[i - 1].date, res.hits[i].date) >= 0);
	char open[2] = {SEARCH_MARK_OPEN, 0};
	assert_contains(res.hits[0].snippet, open);
	search_result_release(&res);

	req.query = "zzzunfindableword";
	assert_int_equal(search_run(db, &req, &res, &err), 0);
	assert_int_equal(res.count, 0);
	search_result_release(&res);
	drop_store(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrations_once_and_current),
		cmocka_unit_test(test_put_added_unchanged_updated),
		cmocka_unit_test(test_failed_put_writes_nothing),
		cmocka_unit_test(test_flat_batch),
		cmocka_unit_test(test_fts_deferred),
		cmocka_unit_test(test_find_however_written),
		cmocka_unit_test(test_foreign_keys_enforced),
		cmocka_unit_test(test_query_language),
		cmocka_unit_test(test_search_ranked_and_newest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
