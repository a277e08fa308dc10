/*
 * test_read.c - the readers (src/read): text normalisation, the Markdown
 * and plain-text readers, page-break mending, and the checks that refuse
 * what is not a letter. Documents are built from bytes in memory.
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
#include <unistd.h>

#include "helpers.h"
#include "read/block.h"
#include "read/read.h"
#include "util/error.h"

/* --- block_normalise ------------------------------------------------------------------ */

static void check_normalise(const char *raw, const char *expected)
{
	char *got = block_normalise(raw, strlen(raw));
	if (strcmp(got, expected))
		fail_msg("normalise \"%s\": \"%s\", expected \"%s\"", raw, got, expected);
	free(got);
}

static void test_normalise_spaces_and_breaks(void **state)
{
	(void)state;
	check_normalise("a soft\nbreak", "a soft break");
	check_normalise("  runs \t of   spaces  ", "runs of spaces");
	check_normalise("no\xC2\xA0" "break space", "no break space");		/* NBSP */
	check_normalise("thin\xE2\x80\x89space", "thin space");			/* U+2009 */
	check_normalise("narrow\xE2\x80\xAFno-break", "narrow no-break");	/* U+202F */
	check_normalise("line\r\nend", "line end");
	check_normalise("", "");
}

static void test_normalise_hyphenation(void **state)
{
	(void)state;
	check_normalise("viola-\ntions", "violations");
	check_normalise("the viola-\n  tions of", "the violations of");
	/* a soft hyphen and zero-width characters vanish */
	check_normalise("viola\xC2\xADtions", "violations");
	check_normalise("zero\xE2\x80\x8Bwidth", "zerowidth");
}

static void test_normalise_apostrophes_and_markers(void **state)
{
	(void)state;
	check_normalise("Excellency\xE2\x80\x99s Government", "Excellency's Government");
	check_normalise("\xE2\x80\x98quoted\xE2\x80\x99", "'quoted'");
	/* superscript footnote markers are dropped */
	check_normalise("the Convention\xC2\xB9 and the Covenant\xC2\xB2", "the Convention and the Covenant");
	/* other non-ASCII text is kept as it is */
	check_normalise("d\xC3\xA9tention arbitraire", "d\xC3\xA9tention arbitraire");
}

static void test_normalise_glued_words(void **state)
{
	(void)state;
	check_normalise("theGovernment", "the Government");
	check_normalise("to ensure thatGovernment officials", "to ensure that Government officials");
	check_normalise("allegations.We are concerned", "allegations. We are concerned");
	check_normalise("received:According to", "received: According to");
	/* names and abbreviations are not function words glued to a capital */
	check_normalise("McDonald and iPhone", "McDonald and iPhone");
	check_normalise("e.g.The", "e.g.The");
	/* URLs, addresses and symbols are never split */
	check_normalise("https://x.org/aB/cD", "https://x.org/aB/cD");
	check_normalise("see https://x.org/theGovernment.Html now",
			"see https://x.org/theGovernment.Html now");
	check_normalise("mail info@ofTheUn.org", "mail info@ofTheUn.org");
}

/* --- helpers over documents ----------------------------------------------------------- */

static void read_doc(struct document *doc, const char *path, const char *text)
{
	struct error err;
	error_clear(&err);
	document_init(doc, path);
	if (document_read(doc, path, text, strlen(text), &err) < 0)
		fail_msg("document_read: %s", err.message);
}

static void check_block(const struct document *doc, size_t i, enum block_kind kind, int number,
			const char *text)
{
	if (i >= doc->count)
		fail_msg("block %zu missing: the document has %zu blocks", i, doc->count);
	const struct block *b = &doc->blocks[i];
	if (b->kind != kind)
		fail_msg("block %zu (\"%s\") is of kind %d, expected %d", i, b->text, b->kind, kind);
	if (b->number != number)
		fail_msg("block %zu (\"%s\") has number %d, expected %d", i, b->text, b->number, number);
	if (strcmp(b->text, text))
		fail_msg("block %zu: \"%s\", expected \"%s\"", i, b->text, text);
}

/* --- the Markdown reader -------------------------------------------------------------- */

static void test_markdown_blocks(void **state)
{
	(void)state;
	const char *md = "# Urgent appeal\n"
			 "\n"
			 "First paragraph, written\n"
			 "over two lines.\n"
			 "\n"
			 "## Facts\n"
			 "\n"
			 "**Mandates of the Working Group on Arbitrary Detention**\n"
			 "\n"
			 "---\n"
			 "\n"
			 "7. Seventh question.\n"
			 "8. Eighth question.\n"
			 "\n"
			 "- a bullet.\n";
	struct document doc;
	read_doc(&doc, "letter.md", md);
	assert_int_equal(doc.count, 7); /* the rule is dropped by the mending */
	check_block(&doc, 0, BLOCK_HEADING, 0, "Urgent appeal");
	assert_int_equal(doc.blocks[0].level, 1);
	check_block(&doc, 1, BLOCK_PARAGRAPH, 0, "First paragraph, written over two lines.");
	assert_false(doc.blocks[1].strong);
	check_block(&doc, 2, BLOCK_HEADING, 0, "Facts");
	assert_int_equal(doc.blocks[2].level, 2);
	check_block(&doc, 3, BLOCK_PARAGRAPH, 0, "Mandates of the Working Group on Arbitrary Detention");
	assert_true(doc.blocks[3].strong);
	check_block(&doc, 4, BLOCK_LIST_ITEM, 7, "Seventh question.");
	check_block(&doc, 5, BLOCK_LIST_ITEM, 8, "Eighth question.");
	check_block(&doc, 6, BLOCK_LIST_ITEM, 0, "a bullet.");
	/* offsets point at the block's line in the source */
	assert_int_equal(doc.blocks[0].offset, 0);
	assert_int_equal(doc.blocks[1].offset, strlen("# Urgent appeal\n\n"));
	document_release(&doc);
}

static void test_markdown_rule_before_mending(void **state)
{
	(void)state;
	const char *md = "One.\n\n---\n\nTwo.\n";
	struct document doc;
	struct error err;
	document_init(&doc, "x.md");
	assert_int_equal(read_markdown(&doc, md, strlen(md), &err), 0);
	assert_int_equal(doc.count, 3);
	assert_int_equal(doc.blocks[1].kind, BLOCK_RULE);
	document_mend(&doc);
	assert_int_equal(doc.count, 2);
	check_block(&doc, 0, BLOCK_PARAGRAPH, 0, "One.");
	check_block(&doc, 1, BLOCK_PARAGRAPH, 0, "Two.");
	document_release(&doc);
}

static void test_markdown_footnotes_and_sup(void **state)
{
	(void)state;
	const char *md = "We refer to our earlier letter.<sup>3</sup>\n"
			 "\n"
			 "<sup>3</sup> See the public report of the session.\n"
			 "\n"
			 "At the 110<sup>th</sup> Session of the Conference.\n"
			 "\n"
			 "<sup>12</sup> A second note.\n";
	struct document doc;
	read_doc(&doc, "letter.md", md);
	assert_int_equal(doc.count, 4);
	/* a marker inside a sentence is dropped, not turned into text */
	check_block(&doc, 0, BLOCK_PARAGRAPH, 0, "We refer to our earlier letter.");
	check_block(&doc, 1, BLOCK_FOOTNOTE, 3, "See the public report of the session.");
	/* superscript letters are text: an ordinal keeps them */
	check_block(&doc, 2, BLOCK_PARAGRAPH, 0, "At the 110th Session of the Conference.");
	check_block(&doc, 3, BLOCK_FOOTNOTE, 12, "A second note.");
	document_release(&doc);
}

static void test_markdown_links(void **state)
{
	(void)state;
	const char *md = "See [https://example.org/report](https://example.org/report) and "
			 "[the website](#) and <https://example.org/angle>.\n"
			 "\n"
			 "Also https://example.org/bare. And https://example.org/report again.\n"
			 "\n"
			 "Escaped: https://example.org/f?p=P13100\\\\_ID,P13100\\\\_COUNTRY and "
			 "[mailto](mailto:someone@example.org).\n"
			 "\n"
			 "[https://example.org/a\\\\_b](https://example.org/a_b)\n";
	struct document doc;
	read_doc(&doc, "letter.md", md);
	const char *expected[] = {"https://example.org/report", "https://example.org/angle",
				  "https://example.org/bare",
				  "https://example.org/f?p=P13100_ID,P13100_COUNTRY",
				  "https://example.org/a_b"};
	size_t n = sizeof(expected) / sizeof(expected[0]);
	assert_int_equal(doc.link_count, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(doc.links[i], expected[i]);
	/* the visible text of the links stays in the paragraph */
	assert_contains(doc.blocks[0].text, "See https://example.org/report and the website and");
	document_release(&doc);
}

static void test_document_add_link(void **state)
{
	(void)state;
	struct document doc;
	document_init(&doc, "x.md");
	const char *urls[] = {"https://a.org/x).", "https://a.org/x", "ftp://a.org/y",
			      "mailto:me@a.org", "http://", "http://b.org/f(1)", "HTTPS://C.ORG/\\_z;"};
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
		document_add_link(&doc, urls[i], strlen(urls[i]));
	assert_int_equal(doc.link_count, 3);
	assert_string_equal(doc.links[0], "https://a.org/x");	 /* ")." trimmed, then a duplicate */
	assert_string_equal(doc.links[1], "http://b.org/f(1)"); /* a balanced ')' stays */
	assert_string_equal(doc.links[2], "HTTPS://C.ORG/_z");
	document_scan_links(&doc, "text http://d.org/p, and xhttp://no.org and <https://e.org/q>");
	assert_int_equal(doc.link_count, 5);
	assert_string_equal(doc.links[3], "http://d.org/p");
	assert_string_equal(doc.links[4], "https://e.org/q");
	document_release(&doc);
}

/* --- the plain-text reader ------------------------------------------------------------ */

static void test_text_reader(void **state)
{
	(void)state;
	const char *txt = "Excellency,\n"
			  "\n"
			  "We have the honour to address you\n"
			  "in our capacities as Special Rapporteurs.\n"
			  "\n"
			  "We would be grateful for your observations on the following matters:\n"
			  "1. Please provide any additional information.\n"
			  "2. Please explain the legal basis.\n"
			  "   It may continue on a second line.\n"
			  "3) Please indicate the measures taken.\n"
			  "\n"
			  "\xC2\xB3 The footnote under a paragraph.\n"
			  "\n"
			  "- a bullet\n"
			  "\n"
			  "Please accept, Excellency, the assurances of our highest consideration.\n";
	struct document doc;
	read_doc(&doc, "letter.txt", txt);
	check_block(&doc, 0, BLOCK_PARAGRAPH, 0, "Excellency,");
	check_block(&doc, 1, BLOCK_PARAGRAPH, 0,
		    "We have the honour to address you in our capacities as Special Rapporteurs.");
	check_block(&doc, 2, BLOCK_PARAGRAPH, 0,
		    "We would be grateful for your observations on the following matters:");
	/* numbered lines start items even without a blank line between them */
	check_block(&doc, 3, BLOCK_LIST_ITEM, 1, "Please provide any additional information.");
	check_block(&doc, 4, BLOCK_LIST_ITEM, 2,
		    "Please explain the legal basis. It may continue on a second line.");
	check_block(&doc, 5, BLOCK_LIST_ITEM, 3, "Please indicate the measures taken.");
	check_block(&doc, 6, BLOCK_FOOTNOTE, 3, "The footnote under a paragraph.");
	check_block(&doc, 7, BLOCK_LIST_ITEM, 0, "a bullet");
	check_block(&doc, 8, BLOCK_PARAGRAPH, 0,
		    "Please accept, Excellency, the assurances of our highest consideration.");
	assert_int_equal(doc.count, 9);
	document_release(&doc);
}

static void test_text_reader_rules(void **state)
{
	(void)state;
	const char *txt = "Page one ends here.\n"
			  "---\n"
			  "4 A numbered footnote under the page rule.\n"
			  "\n"
			  "5 Another one.\n"
			  "\n"
			  "_____\n"
			  "\n"
			  "* * *\n"
			  "Page two.\n"
			  "\n"
			  "6 Not a footnote: no rule above.\n";
	struct document doc;
	struct error err;
	document_init(&doc, "letter.txt");
	assert_int_equal(read_text(&doc, txt, strlen(txt), &err), 0);
	check_block(&doc, 0, BLOCK_PARAGRAPH, 0, "Page one ends here.");
	assert_int_equal(doc.blocks[1].kind, BLOCK_RULE);
	/* under a rule, a paragraph opening with "N " is a footnote, as is the next one */
	check_block(&doc, 2, BLOCK_FOOTNOTE, 4, "A numbered footnote under the page rule.");
	check_block(&doc, 3, BLOCK_FOOTNOTE, 5, "Another one.");
	assert_int_equal(doc.blocks[4].kind, BLOCK_RULE); /* underscores */
	assert_int_equal(doc.blocks[5].kind, BLOCK_RULE); /* spaced stars */
	check_block(&doc, 6, BLOCK_PARAGRAPH, 0, "Page two.");
	check_block(&doc, 7, BLOCK_PARAGRAPH, 0, "6 Not a footnote: no rule above.");
	assert_int_equal(doc.count, 8);
	document_mend(&doc);
	for (size_t i = 0; i < doc.count; i++)
		assert_int_not_equal(doc.blocks[i].kind, BLOCK_RULE);
	assert_int_equal(doc.count, 5);
	document_release(&doc);
}

static void test_text_reader_form_feed(void **state)
{
	(void)state;
	const char *txt = "Page one ends here.\n"
			  "\fPage two starts here.\n"
			  "\n"
			  "Page two goes on.\n"
			  "\f\n"
			  "Page three.\n";
	struct document doc;
	struct error err;
	document_init(&doc, "letter.txt");
	assert_int_equal(read_text(&doc, txt, strlen(txt), &err), 0);
	check_block(&doc, 0, BLOCK_PARAGRAPH, 0, "Page one ends here.");
	assert_int_equal(doc.blocks[1].kind, BLOCK_RULE);
	check_block(&doc, 2, BLOCK_PARAGRAPH, 0, "Page two starts here.");
	check_block(&doc, 3, BLOCK_PARAGRAPH, 0, "Page two goes on.");
	assert_int_equal(doc.blocks[4].kind, BLOCK_RULE);
	check_block(&doc, 5, BLOCK_PARAGRAPH, 0, "Page three.");
	assert_int_equal(doc.count, 6);
	document_release(&doc);
}

/* --- mending -------------------------------------------------------------------------- */

static void test_mend_joins_after_dangling_word(void **state)
{
	(void)state;
	const char *md = "Kazakhstan is a party to the Convention against Torture and, since 2009, of the\n"
			 "\n"
			 "---\n"
			 "\n"
			 "International Convention for the Protection of All Persons from Enforced "
			 "Disappearance.\n"
			 "\n"
			 "Next paragraph.\n";
	struct document doc;
	read_doc(&doc, "letter.md", md);
	assert_int_equal(doc.count, 2);
	check_block(&doc, 0, BLOCK_PARAGRAPH, 0,
		    "Kazakhstan is a party to the Convention against Torture and, since 2009, of the "
		    "International Convention for the Protection of All Persons from Enforced "
		    "Disappearance.");
	check_block(&doc, 1, BLOCK_PARAGRAPH, 0, "Next paragraph.");
	document_release(&doc);
}

static void test_mend_joins_across_footnote(void **state)
{
	(void)state;
	const char *md = "The detainees were held for several weeks in a facility\n"
			 "\n"
			 "<sup>4</sup> The facility is described in an earlier report.\n"
			 "\n"
			 "where they had no access to lawyers.\n"
			 "\n"
			 "A new sentence ends\n"
			 "\n"
			 "With a capital that does not continue it.\n";
	struct document doc;
	read_doc(&doc, "letter.md", md);
	check_block(&doc, 0, BLOCK_PARAGRAPH, 0,
		    "The detainees were held for several weeks in a facility where they had no "
		    "access to lawyers.");
	/* the footnote stays, out of the flow */
	check_block(&doc, 1, BLOCK_FOOTNOTE, 4, "The facility is described in an earlier report.");
	/* no punctuation, but "ends" is not a dangling word and the next opens in capitals */
	check_block(&doc, 2, BLOCK_PARAGRAPH, 0, "A new sentence ends");
	check_block(&doc, 3, BLOCK_PARAGRAPH, 0, "With a capital that does not continue it.");
	assert_int_equal(doc.count, 4);
	document_release(&doc);
}

static void test_mend_joins_hyphenated_across_page(void **state)
{
	(void)state;
	const char *md = "These acts would amount to viola-\n\n---\n\ntions of the Covenant.\n";
	struct document doc;
	read_doc(&doc, "letter.md", md);
	assert_int_equal(doc.count, 1);
	check_block(&doc, 0, BLOCK_PARAGRAPH, 0, "These acts would amount to violations of the Covenant.");
	document_release(&doc);
}

static void test_mend_keeps_list_split_by_footnote(void **state)
{
	(void)state;
	const char *md = "1. Please provide any additional information.\n"
			 "2. Please explain the legal grounds for the arrest.\n"
			 "3. Please indicate whether an investigation was opened.\n"
			 "4. Please explain the measures taken to protect the family.\n"
			 "5. Please provide information on access to lawyers.\n"
			 "6. Please indicate the steps taken to ensure redress and\n"
			 "\n"
			 "<sup>5</sup> A footnote at the foot of the page.\n"
			 "\n"
			 "---\n"
			 "\n"
			 "7. Please explain the conditions of detention.\n"
			 "8. Please indicate whether the family was informed.\n"
			 "9. Please provide the text of the law.\n"
			 "10. Please explain how it complies with international law.\n";
	struct document doc;
	read_doc(&doc, "letter.md", md);
	assert_int_equal(doc.count, 11);
	for (int n = 1; n <= 6; n++) {
		assert_int_equal(doc.blocks[n - 1].kind, BLOCK_LIST_ITEM);
		assert_int_equal(doc.blocks[n - 1].number, n);
	}
	/* item 6 ends mid-sentence but the next flow block is an item: nothing is joined */
	check_block(&doc, 5, BLOCK_LIST_ITEM, 6, "Please indicate the steps taken to ensure redress and");
	check_block(&doc, 6, BLOCK_FOOTNOTE, 5, "A footnote at the foot of the page.");
	for (int n = 7; n <= 10; n++) {
		assert_int_equal(doc.blocks[n].kind, BLOCK_LIST_ITEM);
		assert_int_equal(doc.blocks[n].number, n);
	}
	check_block(&doc, 10, BLOCK_LIST_ITEM, 10, "Please explain how it complies with international law.");
	document_release(&doc);
}

static void test_mend_list_item_continued_in_paragraph(void **state)
{
	(void)state;
	/* an item cut by a page break goes on in a lowercase paragraph */
	const char *md = "1. Please provide information on the legal grounds for\n"
			 "\n"
			 "---\n"
			 "\n"
			 "the arrest of Mr. Beketov.\n"
			 "\n"
			 "2. Please explain the charges.\n";
	struct document doc;
	read_doc(&doc, "letter.md", md);
	assert_int_equal(doc.count, 2);
	check_block(&doc, 0, BLOCK_LIST_ITEM, 1,
		    "Please provide information on the legal grounds for the arrest of Mr. Beketov.");
	check_block(&doc, 1, BLOCK_LIST_ITEM, 2, "Please explain the charges.");
	document_release(&doc);
}

/* --- refusing what is not a letter ---------------------------------------------------- */

static void test_check_bytes(void **state)
{
	(void)state;
	struct error err;
	error_clear(&err);
	const char ok[] = "Excellency,\n\nA letter.\n";
	assert_int_equal(read_check_bytes("ok.md", ok, strlen(ok), &err), 0);

	assert_int_equal(read_check_bytes("empty.md", "", 0, &err), -1);
	assert_contains(err.message, "empty.md");
	assert_contains(err.message, "empty");

	const char bin[] = "PK\x03\x04\0\0binary";
	assert_int_equal(read_check_bytes("doc.docx", bin, sizeof(bin) - 1, &err), -1);
	assert_contains(err.message, "doc.docx");
	assert_contains(err.message, "binary");

	const char bad[] = "line one\nline two\nbad \xC0\x80 here\n";
	assert_int_equal(read_check_bytes("bad.md", bad, strlen(bad), &err), -1);
	assert_contains(err.message, "bad.md:3:"); /* the line of the bad byte */
	assert_contains(err.message, "invalid UTF-8");
	assert_contains(err.message, "0xc0");

	const char blank[] = " \n\t\r\n  \n";
	assert_int_equal(read_check_bytes("blank.txt", blank, strlen(blank), &err), -1);
	assert_contains(err.message, "blank.txt");
	assert_contains(err.message, "blank space");

	/* NULL err is allowed: the message is dropped */
	assert_int_equal(read_check_bytes("empty.md", "", 0, NULL), -1);
}

static void test_check_bytes_too_large(void **state)
{
	(void)state;
	size_t len = READ_MAX_BYTES + 1;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, 'a', len);
	struct error err;
	error_clear(&err);
	assert_int_equal(read_check_bytes("big.md", big, len, &err), -1);
	assert_contains(err.message, "big.md");
	assert_contains(err.message, "more than");
	assert_int_equal(read_check_bytes("max.md", big, READ_MAX_BYTES, &err), 0);
	free(big);
}

static void test_read_file_checked(void **state)
{
	(void)state;
	char dir[] = "/tmp/rapporteur-read-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/letter.md", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("Excellency,\n", f);
	fclose(f);

	struct error err;
	error_clear(&err);
	size_t len = 0;
	char *bytes = read_file_checked(path, &len, &err);
	assert_non_null(bytes);
	assert_int_equal(len, 12);
	assert_string_equal(bytes, "Excellency,\n");
	free(bytes);

	assert_null(read_file_checked(dir, &len, &err));
	assert_contains(err.message, "folder");
	char missing[256];
	snprintf(missing, sizeof(missing), "%s/missing.md", dir);
	assert_null(read_file_checked(missing, &len, &err));
	assert_contains(err.message, "missing.md");
	assert_contains(err.message, "cannot open");

	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise_spaces_and_breaks),
		cmocka_unit_test(test_normalise_hyphenation),
		cmocka_unit_test(test_normalise_apostrophes_and_markers),
		cmocka_unit_test(test_normalise_glued_words),
		cmocka_unit_test(test_markdown_blocks),
		cmocka_unit_test(test_markdown_rule_before_mending),
		cmocka_unit_test(test_markdown_footnotes_and_sup),
		cmocka_unit_test(test_markdown_links),
		cmocka_unit_test(test_document_add_link),
		cmocka_unit_test(test_text_reader),
		cmocka_unit_test(test_text_reader_rules),
		cmocka_unit_test(test_text_reader_form_feed),
		cmocka_unit_test(test_mend_joins_after_dangling_word),
		cmocka_unit_test(test_mend_joins_across_footnote),
		cmocka_unit_test(test_mend_joins_hyphenated_across_page),
		cmocka_unit_test(test_mend_keeps_list_split_by_footnote),
		cmocka_unit_test(test_mend_list_item_continued_in_paragraph),
		cmocka_unit_test(test_check_bytes),
		cmocka_unit_test(test_check_bytes_too_large),
		cmocka_unit_test(test_read_file_checked),
	};
	return cmocka_run_group_tests_name("read", tests, NULL, NULL);
}
