/*
 * test_public.c - the public record's pieces below HTTP: the public search
 * and its index against a naive reference (SQL counting the same thing
 * row by row) on a real store of our letters, the index read again when
 * the store changes, the search read from an address and written back,
 * snippets and the SVG writer escaping what they print.
 */
#include "helpers.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "domain/letterfile.h"
#include "domain/public_index.h"
#include "domain/public_search.h"
#include "domain/search.h"
#include "kb/kb.h"
#include "store/kbload.h"
#include "store/letters.h"
#include "store/migrate.h"
#include "util/die.h"
#include "web/public_common.h"
#include "web/svg.h"

#define TODAY "2026-01-01"

static char db_path[64];
static struct db *db;

static int store_up(void **state)
{
	(void)state;
	strcpy(db_path, "/tmp/rapporteur-public-XXXXXX");
	int fd = mkstemp(db_path);
	assert_true(fd >= 0);
	close(fd);
	unlink(db_path);
	struct error err = {{0}};
	db = db_open(db_path, &err);
	if (!db || store_migrate(db, &err) < 0 || store_load_kb(db, kb_shared(), &err) < 0)
		fail_msg("store: %s", err.message);
	DIR *d = opendir("tests/letters");
	assert_non_null(d);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 4 ||
		    (strcmp(e->d_name + len - 3, ".md") && strcmp(e->d_name + len - 4, ".txt")) ||
		    !strcmp(e->d_name, "README.md"))
			continue;
		char path[512];
		snprintf(path, sizeof(path), "tests/letters/%s", e->d_name);
		struct letter l;
		if (letterfile_parse(path, &l, &err) < 0)
			fail_msg("%s", err.message);
		enum store_outcome out;
		if (store_put_letter(db, &l, e->d_name, e->d_name, &out, NULL, &err) < 0)
			fail_msg("%s", err.message);
		letter_release(&l);
		n++;
	}
	closedir(d);
	assert_true(n >= 10);
	/* published on their due date, as ingest does; one not yet public on TODAY, one a draft */
	assert_int_equal(
	    db_exec(db, "UPDATE communications SET publication_date = coalesce(reply_due, date)",
	            &err),
	    0);
	assert_int_equal(
	    db_exec(db,
	            "UPDATE communications SET publication_date = '2026-02-01' WHERE id = "
	            "(SELECT min(id) FROM communications)",
	            &err),
	    0);
	assert_int_equal(db_exec(db,
	                         "UPDATE communications SET status = 'draft' WHERE id = "
	                         "(SELECT max(id) FROM communications)",
	                         &err),
	                 0);
	return 0;
}

static int store_down(void **state)
{
	(void)state;
	db_close(db);
	char side[96];
	unlink(db_path);
	snprintf(side, sizeof(side), "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", db_path);
	unlink(side);
	return 0;
}

/* The naive reference: public communications where cond holds, counted by SQL. */
static long long naive(const char *cond)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM communications c WHERE c.reference IS NOT NULL AND c.status "
	         "NOT IN "
	         "('draft', 'approved') AND c.publication_date IS NOT NULL AND c.publication_date "
	         "<= '%s' AND (%s)",
	         TODAY, cond);
	return db_query_int(db, -1, sql, (const char *)NULL);
}

static long long total(const struct public_query *q)
{
	struct public_result r;
	struct error err = {{0}};
	if (public_search(db, q, TODAY, PUBLIC_WANT_FACETS, &r, &err) < 0)
		fail_msg("public_search: %s", err.message);
	long long t = r.total;
	public_result_release(&r);
	return t;
}

static void test_search_agrees_with_the_naive_count(void **state)
{
	(void)state;
	struct public_query q = {0};
	assert_int_equal(total(&q), naive("1"));
	/* every addressee, type and mandate the facets offer, each alone */
	struct public_result r;
	struct error err = {{0}};
	assert_int_equal(public_search(db, &q, TODAY, PUBLIC_WANT_FACETS, &r, &err), 0);
	char cond[512];
	for (size_t i = 0; i < r.facets[FACET_ADDRESSEE].count; i++) {
		struct public_query a = {.addressees = {r.facets[FACET_ADDRESSEE].values[i].value},
		                         .addressee_count = 1};
		snprintf(cond, sizeof(cond), "c.country = '%s'", a.addressees[0]);
		assert_int_equal(total(&a), naive(cond));
		assert_int_equal(total(&a), r.facets[FACET_ADDRESSEE].values[i].count);
	}
	for (size_t i = 0; i < r.facets[FACET_MANDATE].count; i++) {
		struct public_query m = {.mandates = {r.facets[FACET_MANDATE].values[i].value},
		                         .mandate_count = 1};
		snprintf(cond, sizeof(cond),
		         "EXISTS (SELECT 1 FROM communication_mandates m WHERE m.communication_id "
		         "= c.id AND m.slug = '%s')",
		         m.mandates[0]);
		assert_int_equal(total(&m), naive(cond));
	}
	for (size_t i = 0; i < r.facets[FACET_PROVISION].count; i++) {
		const struct public_facet_value *v = &r.facets[FACET_PROVISION].values[i];
		struct public_query p = {.instrument = v->value, .article = v->value2};
		snprintf(cond, sizeof(cond),
		         "EXISTS (SELECT 1 FROM citations ci WHERE ci.communication_id = c.id AND "
		         "ci.instrument = '%s' "
		         "AND ci.article = '%s')",
		         v->value, v->value2);
		assert_int_equal(total(&p), naive(cond));
		assert_int_equal(total(&p), v->count);
	}
	public_result_release(&r);
	/* mandates any and all, dates, no reply at all */
	struct public_query any = {.mandates = {"torture", "arbitrary-detention"},
	                           .mandate_count = 2};
	struct public_query all = any;
	all.mandates_all = true;
#define HAS                                                                                        \
	"EXISTS (SELECT 1 FROM communication_mandates m WHERE m.communication_id = c.id AND "      \
	"m.slug = '%s')"
	char a[200], b[200];
	snprintf(a, sizeof(a), HAS, "torture");
	snprintf(b, sizeof(b), HAS, "arbitrary-detention");
	snprintf(cond, sizeof(cond), "%s OR %s", a, b);
	assert_int_equal(total(&any), naive(cond));
	snprintf(cond, sizeof(cond), "%s AND %s", a, b);
	assert_int_equal(total(&all), naive(cond));
	assert_true(total(&all) <= total(&any));
	assert_true(total(&all) > 0);
	struct public_query dates = {.from = "2021-01-01", .to = "2022-12-31"};
	assert_int_equal(total(&dates), naive("c.date BETWEEN '2021-01-01' AND '2022-12-31'"));
	struct public_query none = {.reply = PUBLIC_REPLY_NONE},
	                    late = {.reply = PUBLIC_REPLY_LATE};
	assert_int_equal(total(&none), naive("1"));
	assert_int_equal(total(&late), 0);
	struct public_query unknown = {.addressees = {"ZZZ"}, .addressee_count = 1};
	assert_int_equal(total(&unknown), 0);
}

static void test_full_text_pages_and_snippets(void **state)
{
	(void)state;
	struct public_query q = {.q = "torture", .per_page = 3};
	struct public_result r;
	struct error err = {{0}};
	assert_int_equal(public_search(db, &q, TODAY, PUBLIC_WANT_PAGE, &r, &err), 0);
	assert_true(r.total > 3);
	assert_int_equal(r.count, 3);
	for (size_t i = 0; i < r.count; i++) {
		assert_non_null(r.hits[i].snippet);
		assert_non_null(strchr(r.hits[i].snippet, SEARCH_MARK_OPEN));
	}
	long long all = r.total;
	public_result_release(&r);
	/* every page, newest first, each hit once */
	q.sort = PUBLIC_SORT_NEWEST;
	long long seen = 0;
	char last[11] = "9999-12-31";
	for (q.page = 1;; q.page++) {
		assert_int_equal(public_search(db, &q, TODAY, PUBLIC_WANT_PAGE, &r, &err), 0);
		for (size_t i = 0; i < r.count; i++) {
			if (r.hits[i].date) {
				assert_true(strcmp(r.hits[i].date, last) <= 0);
				snprintf(last, sizeof(last), "%s", r.hits[i].date);
			}
			seen++;
		}
		size_t n = r.count;
		public_result_release(&r);
		if (!n)
			break;
	}
	assert_int_equal(seen, all);
}

static void test_index_follows_the_store(void **state)
{
	(void)state;
	struct public_query q = {0};
	long long before = total(&q);
	struct error err = {{0}};
	/* the letter under embargo becomes public: the trigger moves the counter */
	assert_int_equal(db_exec(db,
	                         "UPDATE communications SET publication_date = '2025-12-01' WHERE "
	                         "publication_date = '2026-02-01'",
	                         &err),
	                 0);
	assert_int_equal(total(&q), before + 1);
	assert_int_equal(db_exec(db,
	                         "UPDATE communications SET publication_date = '2026-02-01' WHERE "
	                         "publication_date = '2025-12-01'",
	                         &err),
	                 0);
	assert_int_equal(total(&q), before);
	/* and a new day is a new index */
	struct public_index *ix = public_index_get(db, "2026-03-01", &err);
	assert_non_null(ix);
	assert_int_equal((long long)ix->count, before + 1);
	public_index_put(ix);
}

static void test_query_check(void **state)
{
	(void)state;
	struct error err = {{0}};
	struct public_query ok = {.q = "\"hot irons\" OR burns",
	                          .addressees = {"KAZ"},
	                          .addressee_count = 1,
	                          .from = "2020-01-01",
	                          .instrument = "ICCPR",
	                          .article = "14(3)(g)"};
	assert_int_equal(public_query_check(&ok, &err), 0);
	struct public_query bad[] = {
	    {.q = "NOT torture"},
	    {.addressees = {"kaz"}, .addressee_count = 1},
	    {.from = "2024-02-30"},
	    {.from = "2024-05-01", .to = "2024-01-01"},
	    {.article = "7"},
	    {.instrument = "ICCPR; DROP"},
	    {.sort = PUBLIC_SORT_RELEVANCE},
	    {.per_page = 1000},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(public_query_check(&bad[i], &err), -1);
}

/* A request whose query string holds these pairs. */
static void request_of(struct web_request *req, struct web_field *fields, const char *const *pairs,
                       size_t n)
{
	memset(req, 0, sizeof(*req));
	for (size_t i = 0; i < n; i++)
		fields[i] = (struct web_field){(char *)pairs[2 * i], (char *)pairs[2 * i + 1],
		                               strlen(pairs[2 * i + 1]), NULL};
	req->query = fields;
	req->query_count = n;
	req->path = "/search";
}

static void test_search_address_round_trip(void **state)
{
	(void)state;
	const char *pairs[] = {"q",
	                       "torture & \"hot irons\"",
	                       "addressee",
	                       "KAZ",
	                       "addressee",
	                       "KGZ",
	                       "mandate",
	                       "torture",
	                       "mandate_match",
	                       "all",
	                       "type",
	                       "AL",
	                       "from",
	                       "2020-01-01",
	                       "reply",
	                       "late",
	                       "session",
	                       "57",
	                       "instrument",
	                       "CAT",
	                       "article",
	                       "13",
	                       "sort",
	                       "newest",
	                       "page",
	                       "2",
	                       "button",
	                       "",
	                       "to",
	                       ""};
	struct web_field fields[16];
	struct web_request req;
	request_of(&req, fields, pairs, 15);
	struct public_query q;
	struct error err = {{0}};
	assert_int_equal(search_params_read(&req, &q, &err), 0);
	assert_int_equal(q.addressee_count, 2);
	assert_true(q.mandates_all);
	assert_null(q.to);
	struct buf url = BUF_INIT;
	search_params_url(&url, "/search", &q);
	assert_string_equal(
	    url.data,
	    "/search?q=torture%20%26%20%22hot%20irons%22&addressee=KAZ&addressee=KGZ"
	    "&mandate=torture&mandate_match=all&type=AL&from=2020-01-01&reply=late&session=57"
	    "&instrument=CAT&article=13&sort=newest&page=2");
	buf_release(&url);
	const char *bad[] = {"per_page", "0"};
	request_of(&req, fields, bad, 1);
	assert_int_equal(search_params_read(&req, &q, &err), -1);
	assert_contains(err.message, "per_page");
}

static void test_snippets_and_svg_escape(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	snippet_html(&b, "a <b> \x02tor&ture\x03 \"c\"");
	assert_string_equal(b.data, "a &lt;b&gt; <mark>tor&amp;ture</mark> &quot;c&quot;");
	char *t = snippet_text("\x02x\x03y");
	assert_string_equal(t, "xy");
	free(t);
	buf_reset(&b);
	struct svg_bar bars[] = {
	    {"<script>alert(1)</script>", 5, 2, "a \"tip\" & more", "5"},
	    {"Côte d'Ivoire, a name long enough to be cut short here", 10, -1, NULL, NULL}};
	svg_bars(&b, "x", "Title <b>", "Desc & more", bars, 2, 0);
	assert_not_contains(b.data, "<script>");
	assert_contains(b.data, "&lt;script&gt;");
	assert_contains(b.data, "<title id=\"x-title\">Title &lt;b&gt;</title>");
	assert_contains(b.data, "role=\"img\" aria-labelledby=\"x-title x-desc\"");
	assert_contains(b.data, "<title>a &quot;tip&quot; &amp; more</title>");
	assert_contains(b.data, "C\xc3\xb4te d&#39;Ivoire, a name long eno...");
	assert_not_contains(b.data, "style=");
	buf_reset(&b);
	svg_columns(&b, "y", "t", "d", bars, 2, 0);
	assert_contains(b.data, "</svg>");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_search_agrees_with_the_naive_count),
	    cmocka_unit_test(test_full_text_pages_and_snippets),
	    cmocka_unit_test(test_index_follows_the_store),
	    cmocka_unit_test(test_query_check),
	    cmocka_unit_test(test_search_address_round_trip),
	    cmocka_unit_test(test_snippets_and_svg_escape),
	};
	return cmocka_run_group_tests(tests, store_up, store_down);
}
