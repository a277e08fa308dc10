/*
 * test_pdf.c - PDF out and back (src/render/pdf.c, src/read/read_pdf.c): a
 * letter typeset by render_pdf() and read by read_pdf() gives the blocks
 * the Markdown reader gives (headings come back as paragraphs, as from a
 * text copy); running headers and page numbers are gone; damaged and
 * fake PDFs are refused by name. Everything in memory.
 */
#include "helpers.h"

#include <stdlib.h>

#include "read/block.h"
#include "read/read.h"
#include "render/pdf.h"
#include "util/buf.h"
#include "util/error.h"

#define REFERENCE "AL XYZ 1/2024"

/* A letter of a few pages with what letters hold: a bold header, a
 * heading, escapes, hyphens and slashes a line must not break at, long
 * addresses, a hidden link target, numbered items past 9, bullets,
 * footnotes, a rule, and many paragraphs, some cut by page breaks. */
static char *sample_letter(void)
{
	struct buf md = BUF_INIT;
	buf_adds(&md, "**Mandates of the Special Rapporteur on the situation of human rights "
		      "defenders and the Working Group on Arbitrary Detention**\n\n"
		      "Ref.: " REFERENCE "  \n(Please use this reference in your reply)\n\n"
		      "9 May 2024\n\nExcellency,\n\n"
		      "# Facts & concerns\n\n"
		      "Tom & Jerry <b>said</b> 3 < 4 > 2, on the non-refoulement principle, "
		      "CAT/C/KAZ/CO/4 and paras. 12(b)(m); this paragraph is **bold in part** and "
		      "*italic in part*, and cites a letter (KAZ 1/2022)<sup>1</sup> with a mark.\n\n"
		      "<sup>1</sup> See <https://spcommreports.ohchr.org/TMResultsBase/"
		      "DownloadPublicCommunicationFile?gId=26969&lang=en&format=pdf&extra=a-very-long-"
		      "query-string-that-goes-on-and-on-past-the-end-of-the-line>.\n\n"
		      "The [IOM maritime update](https://example.org/iom/maritime-update-19-june-2021.pdf) "
		      "is cited by name only.\n\n");
	for (int i = 1; i <= 40; i++)
		buf_addf(&md,
			 "Paragraph %d reports that the authorities of the State detained the defender "
			 "without a warrant, held him incommunicado for %d days, and denied him access "
			 "to a lawyer of his choosing. It is further reported that his family was not "
			 "informed of his whereabouts.\n\n",
			 i, i + 2);
	buf_adds(&md, "We would be grateful for your observations on the following matters:\n\n");
	for (int i = 1; i <= 12; i++)
		buf_addf(&md, "%d. Please provide information on measure number %d taken to ensure "
			      "the safety of the defender and of his family.\n",
			 i, i);
	buf_adds(&md, "\n- a bullet item\n- another bullet item\n\n---\n\n"
		      "<sup>2</sup> A footnote after a rule.\n\n"
		      "Please accept, Excellency, the assurances of our highest consideration.\n");
	return buf_detach(&md);
}

static void render(const char *markdown, const char *reference, struct buf *pdf)
{
	struct error err;
	if (render_pdf(markdown, reference, pdf, &err) < 0)
		fail_msg("render_pdf: %s", err.message);
	assert_true(pdf->len > 1000);
	assert_memory_equal(pdf->data, "%PDF-", 5);
}

static void read_back(const struct buf *pdf, struct document *doc)
{
	struct error err;
	document_init(doc, "letter.pdf");
	if (document_read(doc, "letter.pdf", pdf->data, pdf->len, &err) < 0)
		fail_msg("document_read: %s", err.message);
}

static void test_round_trip_gives_the_markdown_blocks(void **state)
{
	(void)state;
	char *md = sample_letter();
	struct buf pdf = BUF_INIT;
	render(md, REFERENCE, &pdf);
	struct document from_pdf, from_md;
	read_back(&pdf, &from_pdf);
	document_init(&from_md, "letter.md");
	assert_int_equal(document_read(&from_md, "letter.md", md, strlen(md), NULL), 0);

	for (size_t i = 0; i < from_md.count && i < from_pdf.count; i++) {
		const struct block *a = &from_md.blocks[i], *b = &from_pdf.blocks[i];
		enum block_kind want = a->kind == BLOCK_HEADING ? BLOCK_PARAGRAPH : a->kind;
		if (want != b->kind || a->number != b->number || strcmp(a->text, b->text))
			fail_msg("block %zu: Markdown %d/%d \"%s\", PDF %d/%d \"%s\"", i, a->kind,
				 a->number, a->text, b->kind, b->number, b->text);
	}
	assert_int_equal(from_pdf.count, from_md.count);
	assert_int_equal(from_pdf.link_count, from_md.link_count);
	for (size_t i = 0; i < from_md.link_count; i++) {
		bool found = false;
		for (size_t j = 0; j < from_pdf.link_count; j++)
			found = found || !strcmp(from_md.links[i], from_pdf.links[j]);
		if (!found)
			fail_msg("link %s not read back", from_md.links[i]);
	}
	document_release(&from_pdf);
	document_release(&from_md);
	buf_release(&pdf);
	free(md);
}

static void test_furniture_is_dropped(void **state)
{
	(void)state;
	char *md = sample_letter();
	struct buf pdf = BUF_INIT, text = BUF_INIT;
	render(md, REFERENCE, &pdf);
	struct error err;
	assert_int_equal(read_pdf_text("letter.pdf", pdf.data, pdf.len, &text, NULL, NULL, &err), 0);
	assert_not_contains(text.data, "Page 1 of");
	assert_not_contains(text.data, "Page 2 of");
	/* the reference once, where the letter gives it, not once a page */
	const char *first = strstr(text.data, REFERENCE);
	assert_non_null(first);
	assert_null(strstr(first + 1, REFERENCE));
	assert_contains(text.data, "\f"); /* a page break that ends a paragraph */
	assert_contains(text.data, "10. Please provide");
	buf_release(&text);
	buf_release(&pdf);
	free(md);
}

static void test_single_page(void **state)
{
	(void)state;
	struct buf pdf = BUF_INIT, text = BUF_INIT;
	render("Excellency,\n\nWe write about a case.\n\n1. Please explain.\n", REFERENCE, &pdf);
	struct error err;
	assert_int_equal(read_pdf_text("short.pdf", pdf.data, pdf.len, &text, NULL, NULL, &err), 0);
	assert_string_equal(text.data, "Excellency,\n\nWe write about a case.\n\n1. Please explain.\n");
	buf_reset(&pdf);
	buf_reset(&text);
	/* no reference: no header, and an empty letter is still a page */
	render("", NULL, &pdf);
	assert_int_equal(read_pdf_text("empty.pdf", pdf.data, pdf.len, &text, NULL, NULL, &err), -1);
	assert_contains(err.message, "empty.pdf: the PDF holds no text");
	buf_release(&text);
	buf_release(&pdf);
}

static void test_damaged_and_fake_pdfs(void **state)
{
	(void)state;
	char *md = sample_letter();
	struct buf pdf = BUF_INIT;
	render(md, REFERENCE, &pdf);
	struct document doc;
	struct error err;

	document_init(&doc, "cut.pdf");
	assert_int_equal(document_read(&doc, "cut.pdf", pdf.data, pdf.len / 2, &err), -1);
	assert_contains(err.message, "cut.pdf: the PDF is damaged");
	document_release(&doc);

	static const char fake[] = "%PDF-1.7\nnot a PDF after all\n";
	document_init(&doc, "fake.pdf");
	assert_int_equal(document_read(&doc, "fake.pdf", fake, sizeof(fake) - 1, &err), -1);
	assert_contains(err.message, "fake.pdf: ");
	document_release(&doc);

	/* the checks let a PDF through (it is binary by nature), and nothing else binary */
	assert_int_equal(read_check_bytes("x.pdf", pdf.data, pdf.len, &err), 0);
	assert_int_equal(read_check_bytes("x.pdf", "ELF\0\1\2\3", 7, &err), -1);
	assert_true(read_is_pdf(pdf.data, pdf.len));
	assert_false(read_is_pdf("%PDF", 4));
	buf_release(&pdf);
	free(md);
}

static void test_render_refuses_invalid_utf8(void **state)
{
	(void)state;
	struct buf pdf = BUF_INIT;
	struct error err;
	assert_int_equal(render_pdf("bad \xFF byte", NULL, &pdf, &err), -1);
	assert_contains(err.message, "not valid UTF-8");
	assert_int_equal(pdf.len, 0);
	buf_release(&pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_gives_the_markdown_blocks),
		cmocka_unit_test(test_furniture_is_dropped),
		cmocka_unit_test(test_single_page),
		cmocka_unit_test(test_damaged_and_fake_pdfs),
		cmocka_unit_test(test_render_refuses_invalid_utf8),
	};
	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
