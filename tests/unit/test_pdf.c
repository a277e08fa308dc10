/*
 * test_pdf.c - PDF out and back (src/render/pdf.c, src/read/read_pdf.c): a
 * letter typeset by render_pdf() and read by read_pdf() gives the blocks
 * the Markdown reader gives (headings come back as paragraphs, as from a
 * text copy); running headers and page numbers are gone; a PDF written
 * as other producers write them reads well too; damaged and fake PDFs are
 * refused by name. Everything in memory.
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

/* A PDF as other producers write them, by hand: a standard font not
 * embedded, a footnote mark set small and raised, a symbol broken after a
 * slash, a tight list (no gap between items) with a hanging indent, and a
 * wrapped line that opens with "14." in running text. */
static void hand_made_pdf(struct buf *pdf)
{
	static const char *const lines[] = {
		("BT /F1 11 Tf 72 770 Td (We refer to a letter \\(KAZ 1/2022\\)) Tj 5 Ts /F1 7 Tf (1) Tj "
		 "0 Ts /F1 11 Tf ( which focused on) Tj ET"),
		"BT /F1 11 Tf 72 756 Td (the documents A/HRC/36/) Tj ET",
		"BT /F1 11 Tf 72 742 Td (46/Add.2 and CAT/C/KAZ/CO/4.) Tj ET",
		"BT /F1 11 Tf 72 712 Td (1. Please explain the first matter.) Tj ET",
		"BT /F1 11 Tf 72 698 Td (2. Please explain the second matter, as) Tj ET",
		"BT /F1 11 Tf 86 684 Td (article) Tj ET",
		"BT /F1 11 Tf 86 670 Td (14. of the Covenant requires.) Tj ET",
		"BT /F1 11 Tf 72 656 Td (3. Please explain the third matter.) Tj ET",
	};
	struct buf content = BUF_INIT;
	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++)
		buf_addf(&content, "%s\n", lines[i]);
	size_t offsets[6];
	buf_adds(pdf, "%PDF-1.4\n");
	offsets[1] = pdf->len;
	buf_adds(pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	offsets[2] = pdf->len;
	buf_adds(pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
	offsets[3] = pdf->len;
	buf_adds(pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
		      "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj\n");
	offsets[4] = pdf->len;
	buf_addf(pdf, "4 0 obj << /Length %zu >> stream\n%sendstream endobj\n", content.len,
		 content.data);
	offsets[5] = pdf->len;
	buf_adds(pdf, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
		      "/Encoding /WinAnsiEncoding >> endobj\n");
	size_t xref = pdf->len;
	buf_adds(pdf, "xref\n0 6\n0000000000 65535 f \n");
	for (int i = 1; i <= 5; i++)
		buf_addf(pdf, "%010zu 00000 n \n", offsets[i]);
	buf_addf(pdf, "trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
	buf_release(&content);
}

static void test_other_producers(void **state)
{
	(void)state;
	struct buf pdf = BUF_INIT, text = BUF_INIT;
	hand_made_pdf(&pdf);
	struct error err;
	if (read_pdf_text("other.pdf", pdf.data, pdf.len, &text, NULL, NULL, &err) < 0)
		fail_msg("read_pdf_text: %s", err.message);
	assert_contains(text.data, "(KAZ 1/2022)\xC2\xB9 which focused on"); /* ¹ */
	assert_contains(text.data, "A/HRC/36/46/Add.2 and CAT/C/KAZ/CO/4.");
	assert_contains(text.data, "\n\n1. Please explain the first matter.\n\n2. Please");
	assert_contains(text.data, "article 14. of the Covenant");
	assert_contains(text.data, "\n\n3. Please explain the third matter.");

	struct document doc;
	document_init(&doc, "other.pdf");
	assert_int_equal(document_read(&doc, "other.pdf", pdf.data, pdf.len, &err), 0);
	int items = 0;
	for (size_t i = 0; i < doc.count; i++)
		if (doc.blocks[i].kind == BLOCK_LIST_ITEM)
			assert_int_equal(doc.blocks[i].number, ++items);
	assert_int_equal(items, 3);
	document_release(&doc);
	buf_release(&text);
	buf_release(&pdf);
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
		cmocka_unit_test(test_other_producers),
		cmocka_unit_test(test_render_refuses_invalid_utf8),
	};
	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
