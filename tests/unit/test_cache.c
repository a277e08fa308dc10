/*
 * test_cache.c - the public pages kept in memory (src/web/cache.c): an
 * answer comes back byte for byte with its headers and tag; a new store
 * generation or a new day empties the cache, and a reader still on the
 * older one neither gets nor stores a page; answers with cookies, no-store
 * or another status are never kept; the bound holds, the least recently
 * used going first; no cache at all still gives tags.
 */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <string.h>

#include "util/die.h"
#include "web/cache.h"

static struct web_response page(const char *body)
{
	struct web_response r = {.status = 200, .content_type = "text/html; charset=utf-8", .body = BUF_INIT};
	buf_adds(&r.body, body);
	return r;
}

static void release(struct web_response *r)
{
	buf_release(&r->body);
	for (size_t i = 0; i < r->header_count; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	memset(r, 0, sizeof(*r));
}

/* What the cache gives for key (NULL when nothing), as a string. */
static char *got(const char *key, long long gen, int today)
{
	struct web_response r = {.status = 0, .body = BUF_INIT};
	char etag[24];
	if (!web_cache_get(key, gen, today, &r, etag)) {
		release(&r);
		return NULL;
	}
	char *s = xstrdup(r.body.data ? r.body.data : "");
	release(&r);
	return s;
}

static void put(const char *key, long long gen, int today, const char *body)
{
	struct web_response r = page(body);
	char etag[24];
	web_cache_put(key, gen, today, &r, etag);
	release(&r);
}

static void test_kept_byte_for_byte(void **state)
{
	(void)state;
	web_cache_init(1 << 20);
	struct web_response r = page("<p>AL KAZ 2/2024</p>");
	r.headers[0].name = xstrdup("Content-Disposition");
	r.headers[0].value = xstrdup("inline; filename=\"AL-KAZ-2-2024.pdf\"");
	r.header_count = 1;
	char tag[24], tag2[24];
	web_cache_put("h /c/AL-KAZ-2-2024?", 5, 20000, &r, tag);
	assert_int_equal(strlen(tag), 22); /* a quoted 20-digit digest */
	struct web_response back = {.body = BUF_INIT};
	assert_true(web_cache_get("h /c/AL-KAZ-2-2024?", 5, 20000, &back, tag2));
	assert_int_equal(back.status, 200);
	assert_string_equal(back.content_type, "text/html; charset=utf-8");
	assert_int_equal(back.body.len, r.body.len);
	assert_memory_equal(back.body.data, r.body.data, r.body.len);
	assert_int_equal(back.header_count, 1);
	assert_string_equal(back.headers[0].value, "inline; filename=\"AL-KAZ-2-2024.pdf\"");
	assert_string_equal(tag, tag2);
	release(&back);
	release(&r);
	/* another address, another answer */
	assert_null(got("h /c/AL-KAZ-1-2022?", 5, 20000));
	assert_null(got("other-host /c/AL-KAZ-2-2024?", 5, 20000));
}

static void test_new_generation_or_day_empties(void **state)
{
	(void)state;
	web_cache_init(1 << 20);
	put("k", 7, 20000, "before the reply");
	char *s = got("k", 7, 20000);
	assert_non_null(s);
	free(s);
	/* a write moved the generation: nothing kept from before is given */
	assert_null(got("k", 8, 20000));
	/* and a reader who read the old generation neither gets nor keeps */
	put("k", 7, 20000, "stale");
	assert_null(got("k", 7, 20000));
	assert_null(got("k", 8, 20000));
	put("k", 8, 20000, "after the reply");
	s = got("k", 8, 20000);
	assert_string_equal(s, "after the reply");
	free(s);
	/* the day turns: a letter may have become public */
	assert_null(got("k", 8, 20001));
	put("k", 8, 20000, "yesterday's");
	assert_null(got("k", 8, 20001));
	struct web_cache_stats st;
	web_cache_stats(&st);
	assert_int_equal(st.entries, 0);
	assert_true(st.cleared >= 2);
}

static void test_only_plain_public_answers_kept(void **state)
{
	(void)state;
	web_cache_init(1 << 20);
	struct web_response r = page("with a cookie");
	r.headers[0].name = xstrdup("Set-Cookie");
	r.headers[0].value = xstrdup("rapporteur_csrf=abc; HttpOnly");
	r.header_count = 1;
	char tag[24];
	web_cache_put("cookie", 1, 1, &r, tag);
	release(&r);
	assert_null(got("cookie", 1, 1));
	r = page("private");
	r.no_store = true;
	web_cache_put("private", 1, 1, &r, tag);
	release(&r);
	assert_null(got("private", 1, 1));
	r = page("not found");
	r.status = 404;
	web_cache_put("missing", 1, 1, &r, tag);
	release(&r);
	assert_null(got("missing", 1, 1));
}

static void test_bound_and_least_recent_first(void **state)
{
	(void)state;
	size_t bound = 64 * 1024;
	web_cache_init(bound);
	char body[4000];
	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	char key[32];
	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "page-%d", i);
		put(key, 1, 1, body);
		/* page-0 is read all along: the most recently used */
		char *s = got("page-0", 1, 1);
		assert_non_null(s);
		free(s);
		struct web_cache_stats st;
		web_cache_stats(&st);
		assert_true(st.bytes <= bound);
	}
	assert_null(got("page-1", 1, 1)); /* among the first to go */
	char *s = got("page-99", 1, 1);
	assert_non_null(s);
	free(s);
	/* one answer larger than an eighth of the bound is not kept */
	char *big = xcalloc(bound / 4, 1);
	memset(big, 'y', bound / 4 - 1);
	put("big", 1, 1, big);
	free(big);
	assert_null(got("big", 1, 1));
}

static void test_no_cache_still_tags(void **state)
{
	(void)state;
	web_cache_init(0);
	struct web_response r = page("the same bytes");
	char a[24] = "", b[24] = "";
	web_cache_put("k", 1, 1, &r, a);
	web_cache_put("k", 1, 1, &r, b);
	release(&r);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 22);
	assert_null(got("k", 1, 1));
	r = page("other bytes");
	web_cache_put("k", 1, 1, &r, b);
	release(&r);
	assert_string_not_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_byte_for_byte),
		cmocka_unit_test(test_new_generation_or_day_empties),
		cmocka_unit_test(test_only_plain_public_answers_kept),
		cmocka_unit_test(test_bound_and_least_recent_first),
		cmocka_unit_test(test_no_cache_still_tags),
	};
	return cmocka_run_group_tests_name("cache", tests, NULL, NULL);
}
