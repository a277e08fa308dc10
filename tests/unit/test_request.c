/*
 * test_request.c - what the server reads from a request before any page
 * (src/web/request_parse.c): query strings and urlencoded forms decoded
 * as browsers encode them, multipart bodies as Chromium and curl write
 * them, every limit and every refusal, and paths; and the audit log's
 * hash (src/store/audit.c) against a value worked out by hand.
 */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit.h"
#include "util/buf.h"
#include "util/sha256.h"
#include "web/request_parse.h"

static int query(const char *q, struct request_fields *f)
{
	memset(f, 0, sizeof(*f));
	return request_parse_query(q, strlen(q), f);
}

static void test_query(void **state)
{
	(void)state;
	struct request_fields f;
	assert_int_equal(query("q=torture+in%20custody&country=KAZ&flag&&=empty&x=%zz%4", &f), REQUEST_PARSED);
	assert_int_equal(f.count, 5);
	assert_string_equal(f.items[0].name, "q");
	assert_string_equal(f.items[0].value, "torture in custody");
	assert_string_equal(f.items[1].value, "KAZ");
	assert_string_equal(f.items[2].name, "flag");
	assert_string_equal(f.items[2].value, "");
	assert_string_equal(f.items[3].name, "");
	assert_string_equal(f.items[3].value, "empty");
	assert_string_equal(f.items[4].value, "%zz%4"); /* not an escape: itself */
	assert_null(f.items[4].filename);
	request_fields_release(&f);
	/* UTF-8 in escapes; bad UTF-8 and NUL refused */
	assert_int_equal(query("q=%D0%95%D1%80%D0%BB%D0%B0%D0%BD", &f), REQUEST_PARSED);
	assert_string_equal(f.items[0].value, "Ерлан");
	request_fields_release(&f);
	assert_int_equal(query("q=%FF", &f), REQUEST_BAD);
	request_fields_release(&f);
	assert_int_equal(query("q=a%00b", &f), REQUEST_BAD);
	request_fields_release(&f);
	assert_int_equal(query("%C0%AF=x", &f), REQUEST_BAD); /* an overlong '/' */
	request_fields_release(&f);
	/* at most WEB_MAX_FIELDS */
	struct buf b = BUF_INIT;
	for (int i = 0; i < WEB_MAX_FIELDS; i++)
		buf_addf(&b, "%sa=%d", i ? "&" : "", i);
	assert_int_equal(query(b.data, &f), REQUEST_PARSED);
	assert_int_equal(f.count, WEB_MAX_FIELDS);
	request_fields_release(&f);
	buf_adds(&b, "&one=more");
	assert_int_equal(query(b.data, &f), REQUEST_BAD);
	request_fields_release(&f);
	buf_release(&b);
}

static void test_urlencoded_form(void **state)
{
	(void)state;
	struct request_fields f = {0};
	const char *body = "csrf=00ff&facts=Line+one%0D%0ALine+two&join=torture&join=executions";
	assert_int_equal(request_parse_form("application/x-www-form-urlencoded; charset=UTF-8", body, strlen(body), &f),
			 REQUEST_PARSED);
	assert_int_equal(f.count, 4);
	assert_string_equal(f.items[1].value, "Line one\r\nLine two");
	assert_string_equal(f.items[3].value, "executions");
	request_fields_release(&f);
	/* a value over WEB_MAX_FIELD_BYTES */
	size_t n = WEB_MAX_FIELD_BYTES + 3;
	char *big = malloc(n + 1);
	memcpy(big, "a=", 2);
	memset(big + 2, 'x', n - 2);
	big[n] = '\0';
	assert_int_equal(request_parse_form("application/x-www-form-urlencoded", big, n, &f), REQUEST_TOO_LARGE);
	request_fields_release(&f);
	free(big);
	/* another type is no form */
	assert_int_equal(request_parse_form("application/json", "{}", 2, &f), REQUEST_PARSED);
	assert_int_equal(f.count, 0);
	assert_false(request_is_form("application/json"));
	assert_false(request_is_form("multipart/form-datax"));
	assert_true(request_is_form("Multipart/Form-Data; boundary=x"));
}

#define CT "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"
#define B "------WebKitFormBoundary7MA4YWxk"

static void test_multipart(void **state)
{
	(void)state;
	/* as Chromium writes it: a text field, a file with a NUL byte, and an empty file input */
	static const char body[] = B "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n00ff\r\n" B
				     "\r\nContent-Disposition: form-data; name=\"letter\"; filename=\"AL-KAZ-2-2024.pdf\"\r\n"
				     "Content-Type: application/pdf\r\n\r\n%PDF-\0\r\n" B
				     "\r\nContent-Disposition: form-data; name=\"other\"; filename=\"\"\r\n"
				     "Content-Type: application/octet-stream\r\n\r\n\r\n" B "--\r\n";
	struct request_fields f = {0};
	assert_int_equal(request_parse_form(CT, body, sizeof(body) - 1, &f), REQUEST_PARSED);
	assert_int_equal(f.count, 3);
	assert_string_equal(f.items[0].name, "csrf");
	assert_string_equal(f.items[0].value, "00ff");
	assert_null(f.items[0].filename);
	assert_string_equal(f.items[1].filename, "AL-KAZ-2-2024.pdf");
	assert_int_equal(f.items[1].value_len, 6);
	assert_memory_equal(f.items[1].value, "%PDF-\0", 6);
	assert_string_equal(f.items[2].filename, "");
	assert_int_equal(f.items[2].value_len, 0);
	request_fields_release(&f);

	/* as curl writes it: a quoted boundary, a preamble, lower-case headers, an epilogue */
	static const char curl[] = "preamble\r\n--xyz\r\ncontent-disposition: form-data; name=a\r\n\r\nA value\r\n--xyz--\r\n"
				   "epilogue";
	assert_int_equal(request_parse_form("multipart/form-data; boundary=\"xyz\"", curl, sizeof(curl) - 1, &f),
			 REQUEST_PARSED);
	assert_int_equal(f.count, 1);
	assert_string_equal(f.items[0].value, "A value");
	request_fields_release(&f);

	/* refused: no boundary, a boundary too long, cut short, no name, not form-data, bad text */
	static const char *const bad[][2] = {
		{"multipart/form-data", B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" B "--"},
		{"multipart/form-data; boundary=" "01234567890123456789012345678901234567890123456789012345678901234567890",
		 "--x"},
		{CT, B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"},
		{CT, B "\r\nContent-Disposition: form-data; filename=\"f\"\r\n\r\nx\r\n" B "--"},
		{CT, B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n" B "--"},
		{CT, B "\r\nContent-Type: text/plain\r\n\r\nx\r\n" B "--"},
		{CT, B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n" B "--"},
		{CT, B "\r\nContent-Disposition: form-data; name=\"unterminated\r\n\r\nx\r\n" B "--"},
		{CT, "no delimiter at all"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(request_parse_form(bad[i][0], bad[i][1], strlen(bad[i][1]), &f), REQUEST_BAD);
		request_fields_release(&f);
	}
}

static void test_paths(void **state)
{
	(void)state;
	assert_true(request_path_ok("/"));
	assert_true(request_path_ok("/c/AL-KAZ-2-2024"));
	assert_true(request_path_ok("/search.json"));
	assert_true(request_path_ok("/a..b/c"));
	assert_false(request_path_ok(""));
	assert_false(request_path_ok("c/AL"));
	assert_false(request_path_ok("/work/../etc/passwd"));
	assert_false(request_path_ok("/.."));
	assert_false(request_path_ok("/a\\b"));
	assert_false(request_path_ok("/a\tb"));
	assert_false(request_path_ok("/\xc0\xaf"));
}

/* The audit log's hash: SHA-256 over the fields, each "~" or "LENGTH:TEXT". */
static void test_audit_hash(void **state)
{
	(void)state;
	struct audit_entry e = {.seq = 7, .at = "2024-05-09T10:00:00.000Z", .actor = NULL, .table_name = "users",
				.row_key = "1", .op = "delete", .digest = NULL,
				.prev_hash = "0000000000000000000000000000000000000000000000000000000000000000"};
	const char *canonical = "64:0000000000000000000000000000000000000000000000000000000000000000"
				"1:724:2024-05-09T10:00:00.000Z~5:users1:16:delete~";
	char want[65], got[65];
	sha256_hex(canonical, strlen(canonical), want);
	audit_entry_hash(&e, 7, got);
	assert_string_equal(got, want);
	audit_entry_hash(&e, 8, got);
	assert_string_not_equal(got, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query),     cmocka_unit_test(test_urlencoded_form),
		cmocka_unit_test(test_multipart), cmocka_unit_test(test_paths),
		cmocka_unit_test(test_audit_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
