/*
 * test_limit.c - the web's per-client counts (src/web/limit.c): a sliding
 * window, separate clients and kinds, an IPv6 address counted by its /64,
 * the wait it announces, and a bounded table under a flood of addresses,
 * against a naive list of every event.
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

#include "web/limit.h"

static void test_window(void **state)
{
	(void)state;
	web_limit_reset();
	long long t = 1000000;
	int retry = 0;
	for (int i = 0; i < 5; i++)
		assert_true(web_limit_take("intake", "192.0.2.1", 5, 3600, t + i * 60, &retry));
	assert_false(web_limit_take("intake", "192.0.2.1", 5, 3600, t + 300, &retry));
	/* the first event leaves the window at t + 3600 */
	assert_int_equal(retry, 3300);
	assert_false(web_limit_take("intake", "192.0.2.1", 5, 3600, t + 3599, &retry));
	assert_int_equal(retry, 1);
	assert_true(web_limit_take("intake", "192.0.2.1", 5, 3600, t + 3600, &retry));
	/* a refusal counted nothing: the next frees at the second event's hour */
	assert_false(web_limit_take("intake", "192.0.2.1", 5, 3600, t + 3601, &retry));
	assert_int_equal(retry, 59);
	/* another client and another kind are counted apart */
	assert_true(web_limit_take("intake", "192.0.2.2", 5, 3600, t + 300, NULL));
	assert_true(web_limit_take("other", "192.0.2.1", 5, 3600, t + 300, NULL));
}

static void test_ipv6_by_its_64(void **state)
{
	(void)state;
	web_limit_reset();
	char a[64];
	for (int i = 0; i < 3; i++) {
		snprintf(a, sizeof(a), "2001:db8:1:2::%x", i + 1);
		assert_true(web_limit_take("intake", a, 3, 3600, 5000, NULL));
	}
	/* another host of the same /64 is the same client */
	assert_false(web_limit_take("intake", "2001:db8:1:2:ffff::9", 3, 3600, 5000, NULL));
	/* another /64 is not */
	assert_true(web_limit_take("intake", "2001:db8:1:3::1", 3, 3600, 5000, NULL));
}

/* Against a naive reference: every event kept, counted in the window. */
static void test_against_reference(void **state)
{
	(void)state;
	web_limit_reset();
	static long long kept[3][64];
	int n[3] = {0};
	const char *clients[3] = {"198.51.100.1", "198.51.100.2", "2001:db8::1"};
	unsigned seed = 7;
	long long t = 0;
	for (int step = 0; step < 2000; step++) {
		seed = seed * 1103515245u + 12345u;
		int c = (int)((seed >> 16) % 3);
		t += (seed >> 8) % 400;
		int in_window = 0;
		for (int i = 0; i < n[c]; i++)
			in_window += kept[c][i] > t - 1800;
		bool want = in_window < 4;
		bool got = web_limit_take("x", clients[c], 4, 1800, t, NULL);
		assert_int_equal(got, want);
		if (want) {
			if (n[c] == 64) {
				memmove(kept[c], kept[c] + 1, 63 * sizeof(**kept));
				n[c]--;
			}
			kept[c][n[c]++] = t;
		}
	}
}

/* A flood of addresses takes the places of the oldest; counts stay right
 * for those still held and the table never grows. */
static void test_flood(void **state)
{
	(void)state;
	web_limit_reset();
	assert_true(web_limit_take("intake", "203.0.113.7", 1, 3600, 100, NULL));
	char a[64];
	for (int i = 0; i < 10000; i++) {
		snprintf(a, sizeof(a), "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
		assert_true(web_limit_take("intake", a, 1, 3600, 200 + i / 100, NULL));
	}
	/* the latest ones are still counted */
	assert_false(web_limit_take("intake", a, 1, 3600, 400, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_ipv6_by_its_64),
		cmocka_unit_test(test_against_reference),
		cmocka_unit_test(test_flood),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
