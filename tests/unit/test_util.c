/*
 * test_util.c - the small utilities under src/util: growable buffers,
 * calendar dates, UTF-8, number and sentence scanning, SHA-256 and CSV.
 * Dates are checked against a naive day-by-day reference calendar, SHA-256
 * against the FIPS 180-4 example vectors.
 */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/sha256.h"
#include "util/text.h"
#include "util/utf8.h"

/* --- buf ------------------------------------------------------------------------------ */

static void test_buf_starts_empty(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	buf_init(&b);
	assert_non_null(b.data);
	assert_int_equal(b.len, 0);
	buf_release(&b); /* releasing an empty buffer frees nothing */
	buf_release(&b);
	assert_string_equal(b.data, "");
}

static void test_buf_grows_one_byte_at_a_time(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	for (int i = 0; i < 10000; i++) {
		buf_addch(&b, (char)('a' + i % 26));
		assert_int_equal(b.len, (size_t)i + 1);
		assert_true(b.cap > b.len); /* room for the NUL */
		assert_int_equal(b.data[b.len], '\0');
	}
	for (int i = 0; i < 10000; i++)
		if (b.data[i] != (char)('a' + i % 26))
			fail_msg("byte %d is %c", i, b.data[i]);
	assert_int_equal(strlen(b.data), 10000);
	buf_release(&b);
	assert_int_equal(b.len, 0);
}

static void test_buf_add_and_addf(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "Ref.: ");
	buf_add(&b, "AL KAZ", 2);
	buf_addf(&b, " %s %d/%d", "KAZ", 2, 2024);
	assert_string_equal(b.data, "Ref.: AL KAZ 2/2024");
	assert_int_equal(b.len, strlen("Ref.: AL KAZ 2/2024"));
	buf_add(&b, "ignored", 0); /* nothing to add */
	assert_int_equal(b.len, strlen("Ref.: AL KAZ 2/2024"));

	/* a formatted string much longer than the first allocation */
	char big[5001];
	memset(big, 'x', 5000);
	big[5000] = '\0';
	buf_reset(&b);
	assert_string_equal(b.data, "");
	buf_addf(&b, "[%s]%05d", big, 42);
	assert_int_equal(b.len, 5000 + 2 + 5);
	assert_int_equal(b.data[0], '[');
	assert_int_equal(b.data[5001], ']');
	assert_string_equal(b.data + 5002, "00042");
	buf_release(&b);
}

static void test_buf_trim_and_setlen(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_adds(&b, "text \t\r\n \n");
	buf_rtrim(&b);
	assert_string_equal(b.data, "text");
	assert_int_equal(b.len, 4);
	buf_setlen(&b, 2);
	assert_string_equal(b.data, "te");
	buf_release(&b);
}

static void test_buf_detach(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s-%d", "letter", 7);
	char *s = buf_detach(&b);
	assert_string_equal(s, "letter-7");
	/* the buffer is empty and usable again; the string is the caller's */
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	buf_adds(&b, "again");
	assert_string_equal(b.data, "again");
	assert_string_equal(s, "letter-7");
	free(s);
	buf_release(&b);

	/* an empty buffer still detaches a string the caller may free */
	struct buf e = BUF_INIT;
	char *empty = buf_detach(&e);
	assert_non_null(empty);
	assert_string_equal(empty, "");
	assert_ptr_not_equal(empty, buf_empty);
	free(empty);
}

/* --- date ----------------------------------------------------------------------------- */

/* The reference calendar: the Gregorian leap rule written out plainly. */
static int naive_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

static void test_date_round_trips_every_day(void **state)
{
	(void)state;
	/* every day from 1900-01-01 to 2200-12-31, counted one by one */
	int expect = date_from_ymd(1900, 1, 1);
	int days = 0;
	for (int y = 1900; y <= 2200; y++)
		for (int m = 1; m <= 12; m++) {
			assert_int_equal(date_days_in_month(y, m), naive_days_in_month(y, m));
			for (int d = 1; d <= naive_days_in_month(y, m); d++) {
				int n = date_from_ymd(y, m, d);
				if (n != expect)
					fail_msg("%04d-%02d-%02d is day %d, expected %d", y, m, d, n, expect);
				int yy, mm, dd;
				date_to_ymd(n, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					fail_msg("day %d gives %04d-%02d-%02d, expected %04d-%02d-%02d", n,
						 yy, mm, dd, y, m, d);
				assert_true(date_valid_ymd(y, m, d));
				expect++;
				days++;
			}
		}
	/* 301 years, 73 of them leap (1900, 2100 and 2200 are not; 2000 is) */
	assert_int_equal(days, 301 * 365 + 73);
}

static void test_date_anchors_and_leap_years(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	/* 30 years of 365 days plus 7 leap days (1972 ... 1996) */
	assert_int_equal(date_from_ymd(2000, 1, 1), 30 * 365 + 7);
	/* 2000 is a leap year (divisible by 400), 2100 is not (by 100 only) */
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_false(date_valid_ymd(2100, 2, 29));
	assert_false(date_valid_ymd(2023, 2, 29));
	assert_true(date_valid_ymd(2024, 2, 29));
	assert_int_equal(date_from_ymd(2000, 3, 1) - date_from_ymd(2000, 2, 28), 2);
	assert_int_equal(date_from_ymd(2100, 3, 1) - date_from_ymd(2100, 2, 28), 1);
	assert_int_equal(date_days_in_month(2100, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2024, 13), 0);
	assert_false(date_valid_ymd(2024, 4, 31));
	assert_false(date_valid_ymd(2024, 0, 1));
	assert_false(date_valid_ymd(2024, 1, 0));
	/* 60 days after 9 May 2024: 22 days left in May, 30 in June, then 8 July */
	char iso[11];
	date_format_iso(date_from_ymd(2024, 5, 9) + 60, iso);
	assert_string_equal(iso, "2024-07-08");
}

static void test_date_parse_and_format_iso(void **state)
{
	(void)state;
	assert_int_equal(date_parse_iso("2024-05-09"), date_from_ymd(2024, 5, 9));
	assert_int_equal(date_parse_iso("2000-02-29"), date_from_ymd(2000, 2, 29));
	assert_int_equal(date_parse_iso("2024-02-30"), DATE_NONE);
	assert_int_equal(date_parse_iso("2100-02-29"), DATE_NONE);
	assert_int_equal(date_parse_iso("2024-5-9"), DATE_NONE);
	assert_int_equal(date_parse_iso("2024-05-9"), DATE_NONE);
	assert_int_equal(date_parse_iso("2024/05/09"), DATE_NONE);
	assert_int_equal(date_parse_iso("2024-05-09 "), DATE_NONE);
	assert_int_equal(date_parse_iso("2024-13-01"), DATE_NONE);
	assert_int_equal(date_parse_iso(""), DATE_NONE);
	assert_int_equal(date_parse_iso(NULL), DATE_NONE);

	char out[11];
	date_format_iso(date_from_ymd(1998, 8, 26), out);
	assert_string_equal(out, "1998-08-26");
	for (int n = date_from_ymd(1999, 12, 1); n < date_from_ymd(2001, 3, 1); n++) {
		date_format_iso(n, out);
		assert_int_equal(date_parse_iso(out), n);
	}
}

static void test_date_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(date_from_ymd(2024, 5, 9)), 4);	 /* Thursday */
	assert_int_equal(date_weekday(date_from_ymd(1970, 1, 1)), 4);	 /* Thursday */
	assert_int_equal(date_weekday(date_from_ymd(2000, 1, 1)), 6);	 /* Saturday */
	assert_int_equal(date_weekday(date_from_ymd(1969, 12, 28)), 7); /* Sunday, before 1970 */
	assert_int_equal(date_weekday(date_from_ymd(1969, 12, 29)), 1); /* Monday */
	/* seven days later is the same weekday, the next day the next one */
	for (int n = date_from_ymd(1960, 1, 1); n < date_from_ymd(1980, 1, 1); n++) {
		assert_int_equal(date_weekday(n + 7), date_weekday(n));
		assert_int_equal(date_weekday(n + 1), date_weekday(n) % 7 + 1);
	}
}

/* --- utf8 ----------------------------------------------------------------------------- */

static void test_utf8_valid_sequences(void **state)
{
	(void)state;
	const char ascii[] = "Ref.: AL KAZ 2/2024";
	assert_true(utf8_valid(ascii, strlen(ascii), NULL));
	const char accents[] = "13 ao\xC3\xBBt 2013, d\xC3\xA9tention";
	assert_true(utf8_valid(accents, strlen(accents), NULL));
	const char three[] = "\xE2\x80\x99"; /* right single quotation mark */
	assert_true(utf8_valid(three, 3, NULL));
	const char emoji[] = "ok \xF0\x9F\x98\x80";
	assert_true(utf8_valid(emoji, strlen(emoji), NULL));
	assert_true(utf8_valid("", 0, NULL));
}

static void test_utf8_invalid_sequences(void **state)
{
	(void)state;
	size_t bad = 99;
	assert_false(utf8_valid("\xC0\x80", 2, &bad)); /* overlong NUL */
	assert_int_equal(bad, 0);
	bad = 99;
	assert_false(utf8_valid("ab\xC1\xBF", 4, &bad)); /* overlong '\x7f' */
	assert_int_equal(bad, 2);
	bad = 99;
	assert_false(utf8_valid("x\xE0\x80\x80", 4, &bad)); /* overlong three bytes */
	assert_int_equal(bad, 1);
	bad = 99;
	assert_false(utf8_valid("x\xED\xA0\x80y", 5, &bad)); /* surrogate U+D800 */
	assert_int_equal(bad, 1);
	bad = 99;
	assert_false(utf8_valid("abc\xE2\x82", 5, &bad)); /* truncated euro sign */
	assert_int_equal(bad, 3);
	bad = 99;
	assert_false(utf8_valid("\xF0\x9F\x98", 3, &bad)); /* truncated emoji */
	assert_int_equal(bad, 0);
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4, NULL)); /* above U+10FFFF */
	assert_false(utf8_valid("a\x80", 2, NULL));		/* lone continuation byte */
	assert_false(utf8_valid("\xFE", 1, NULL));
	assert_false(utf8_valid("\xC3(", 2, NULL)); /* lead byte without continuation */
}

static void test_utf8_decode_and_encode(void **state)
{
	(void)state;
	const char emoji[] = "\xF0\x9F\x98\x80!";
	const char *p = emoji, *end = emoji + strlen(emoji);
	assert_int_equal(utf8_next(&p, end), 0x1F600);
	assert_ptr_equal(p, emoji + 4);
	assert_int_equal(utf8_next(&p, end), '!');
	assert_ptr_equal(p, end);

	const char broken[] = "\xC0\x80z";
	p = broken;
	end = broken + 3;
	assert_int_equal(utf8_next(&p, end), 0xFFFD);
	assert_ptr_equal(p, broken + 1); /* one bad byte at a time */

	/* every length: encode, check, decode back */
	const uint32_t cps[] = {0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x2019, 0xD7FF, 0xE000,
				0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
	const size_t lens[] = {1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4};
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		char out[4];
		size_t n = utf8_encode(cps[i], out);
		assert_int_equal(n, lens[i]);
		assert_int_equal(utf8_seqlen((unsigned char)out[0]), n);
		assert_true(utf8_valid(out, n, NULL));
		const char *q = out;
		assert_int_equal(utf8_next(&q, out + n), cps[i]);
		assert_ptr_equal(q, out + n);
	}
	assert_int_equal(utf8_seqlen(0x80), 1); /* a continuation byte */
}

static void test_utf8_looks_binary_and_lines(void **state)
{
	(void)state;
	const char nul[] = "plain text\0with a NUL";
	assert_true(utf8_looks_binary(nul, sizeof(nul) - 1));
	const char text[] = "A letter.\n\tIndented\r\nline\f";
	assert_false(utf8_looks_binary(text, strlen(text)));
	/* a run of control characters is not text either */
	const char controls[] = "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11";
	assert_true(utf8_looks_binary(controls, strlen(controls)));

	const char lines[] = "one\ntwo\nthree";
	assert_int_equal(utf8_line_of(lines, 0), 1);
	assert_int_equal(utf8_line_of(lines, 4), 2);
	assert_int_equal(utf8_line_of(lines, 8), 3);
}

/* --- text ----------------------------------------------------------------------------- */

static void check_number(const char *s, double value, size_t len)
{
	double v = -1;
	size_t n = text_parse_number(s, &v);
	if (n != len)
		fail_msg("\"%s\": read %zu bytes, expected %zu", s, n, len);
	if (v < value - 1e-9 || v > value + 1e-9)
		fail_msg("\"%s\": value %f, expected %f", s, v, value);
}

static void test_text_parse_number(void **state)
{
	(void)state;
	check_number("10'000 people", 10000, 6);
	check_number("10,000 people", 10000, 6);
	check_number("12 000 hectares", 12000, 6);
	check_number("3.5 years", 3.5, 3);
	check_number("1.250.000 inhabitants", 1250000, 9);
	check_number("2024", 2024, 4);
	check_number("1,250,000", 1250000, 9);
	check_number("236 out of 329", 236, 3);
	check_number("7", 7, 1);
	/* a separator not followed by exactly three digits is a decimal mark */
	check_number("3,5 per cent", 3.5, 3);
	check_number("10,25", 10.25, 5);
	double v = 0;
	assert_int_equal(text_parse_number("abc", &v), 0);
	assert_int_equal(text_parse_number(" 12", &v), 0);
	assert_int_equal(text_parse_number("", &v), 0);
}

static void check_sentence(const char *text, const char *at, const char *expected)
{
	const char *p = strstr(text, at);
	assert_non_null(p);
	size_t s, e;
	text_sentence(text, (size_t)(p - text), &s, &e);
	char got[512];
	snprintf(got, sizeof(got), "%.*s", (int)(e - s), text + s);
	if (strcmp(got, expected))
		fail_msg("sentence at \"%s\": \"%s\", expected \"%s\"", at, got, expected);
}

static void test_text_sentence(void **state)
{
	(void)state;
	const char *t = "The arrest was unlawful. Under art. 5 of the Law, detention is limited to "
			"72 hours. Convention No. 87 protects trade unions. Was he charged? Yes.";
	check_sentence(t, "arrest", "The arrest was unlawful.");
	/* "art." and "No." are abbreviations: the sentence goes on after them */
	check_sentence(t, "detention", "Under art. 5 of the Law, detention is limited to 72 hours.");
	check_sentence(t, "Under", "Under art. 5 of the Law, detention is limited to 72 hours.");
	check_sentence(t, "protects", "Convention No. 87 protects trade unions.");
	check_sentence(t, "charged", "Was he charged?");
	check_sentence(t, "Yes", "Yes.");
	/* a full stop inside a number does not end one either */
	check_sentence("It cost 3.5 million. Then more.", "million", "It cost 3.5 million.");
	check_sentence("Mr. Beketov was held. He was released.", "held",
		       "Mr. Beketov was held.");
}

static void test_text_matching(void **state)
{
	(void)state;
	assert_int_equal(text_prefix_ci("Excellency,", "excellency"), 10);
	assert_int_equal(text_prefix_ci("Excel", "excellency"), 0);
	assert_int_equal(text_word_prefix_ci("articles 7", "article"), 0); /* not at a word end */
	assert_int_equal(text_word_prefix_ci("article 7", "article"), 7);
	const char *hay = "the Convention against Torture";
	assert_ptr_equal(text_find_ci(hay, "AGAINST"), hay + 15);
	assert_null(text_find_word_ci("conventional", "convention"));
	assert_ptr_equal(text_find_word_ci(hay, "convention"), hay + 4);
	assert_true(text_all_digits("2024"));
	assert_false(text_all_digits("20a4"));
	assert_false(text_all_digits(""));
	const char *s = "  , Geneva,.  ";
	char *trimmed = text_trimmed(s, s + strlen(s), ",.");
	assert_string_equal(trimmed, ", Geneva");
	free(trimmed);
}

/* --- sha256 --------------------------------------------------------------------------- */

static void sha256_vectors(void);

/* The vectors through the SHA extensions where the processor has them,
 * and through the portable code always. */
static void test_sha256_fips_vectors(void **state)
{
	(void)state;
	bool ni = sha256_portable(false);
	sha256_vectors();
	sha256_portable(true);
	sha256_vectors();
	sha256_portable(false);
	print_message("SHA-256 checked portable%s\n", ni ? " and with the SHA extensions" : " (no SHA extensions here)");
}

static void sha256_vectors(void)
{
	char hex[65];
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two_blocks, strlen(two_blocks), hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

	/* one million 'a', fed in uneven pieces that straddle the 64-byte blocks */
	struct sha256 h;
	sha256_init(&h);
	char chunk[997];
	memset(chunk, 'a', sizeof(chunk));
	size_t left = 1000000;
	while (left) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		sha256_update(&h, chunk, n);
		left -= n;
	}
	unsigned char digest[32];
	sha256_final(&h, digest);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_sha256_incremental_equals_one_shot(void **state)
{
	(void)state;
	char data[300];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7 + 3);
	/* every length around the padding boundaries (55, 56, 63, 64 ...) */
	for (size_t len = 0; len <= sizeof(data); len++) {
		char one[65], parts[65];
		sha256_hex(data, len, one);
		struct sha256 h;
		sha256_init(&h);
		for (size_t i = 0; i < len; i++)
			sha256_update(&h, data + i, 1);
		unsigned char d[32];
		sha256_final(&h, d);
		for (int i = 0; i < 32; i++)
			snprintf(parts + 2 * i, 3, "%02x", d[i]);
		assert_string_equal(one, parts);
	}
}

/* --- csv ------------------------------------------------------------------------------ */

/* What csv_field writes for s, as a string the caller frees. */
static char *csv_of(const char *s, int last)
{
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	assert_non_null(f);
	csv_field(f, s, last);
	fclose(f);
	return out;
}

static void check_csv(const char *field, int last, const char *expected)
{
	char *got = csv_of(field, last);
	if (strcmp(got, expected))
		fail_msg("csv of \"%s\": \"%s\", expected \"%s\"", field ? field : "(null)", got,
			 expected);
	free(got);
}

static void test_csv_quoting(void **state)
{
	(void)state;
	check_csv("plain", 0, "plain,");
	check_csv("plain", 1, "plain\r\n");
	check_csv(NULL, 0, ",");
	check_csv("a,b", 0, "\"a,b\",");
	check_csv("say \"no\"", 0, "\"say \"\"no\"\"\",");
	check_csv("two\nlines", 1, "\"two\nlines\"\r\n");
	check_csv("cr\rhere", 0, "\"cr\rhere\",");
	/* a field a spreadsheet would run as a formula is quoted and defused */
	check_csv("=1+1", 0, "\"'=1+1\",");
	check_csv("+33 22", 0, "\"'+33 22\",");
	check_csv("-5", 0, "\"'-5\",");
	check_csv("@SUM(A1)", 0, "\"'@SUM(A1)\",");
	check_csv("=HYPERLINK(\"x\")", 0, "\"'=HYPERLINK(\"\"x\"\")\",");
	check_csv("1+1=2", 0, "1+1=2,"); /* only a leading sign matters */
}

static void test_csv_row(void **state)
{
	(void)state;
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	assert_non_null(f);
	const char *const row[] = {"AL KAZ 2/2024", "2024-05-09", "torture, detention", NULL};
	csv_row(f, row, 4);
	fclose(f);
	assert_string_equal(out, "AL KAZ 2/2024,2024-05-09,\"torture, detention\",\r\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_starts_empty),
		cmocka_unit_test(test_buf_grows_one_byte_at_a_time),
		cmocka_unit_test(test_buf_add_and_addf),
		cmocka_unit_test(test_buf_trim_and_setlen),
		cmocka_unit_test(test_buf_detach),
		cmocka_unit_test(test_date_round_trips_every_day),
		cmocka_unit_test(test_date_anchors_and_leap_years),
		cmocka_unit_test(test_date_parse_and_format_iso),
		cmocka_unit_test(test_date_weekday),
		cmocka_unit_test(test_utf8_valid_sequences),
		cmocka_unit_test(test_utf8_invalid_sequences),
		cmocka_unit_test(test_utf8_decode_and_encode),
		cmocka_unit_test(test_utf8_looks_binary_and_lines),
		cmocka_unit_test(test_text_parse_number),
		cmocka_unit_test(test_text_sentence),
		cmocka_unit_test(test_text_matching),
		cmocka_unit_test(test_sha256_fips_vectors),
		cmocka_unit_test(test_sha256_incremental_equals_one_shot),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_row),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
