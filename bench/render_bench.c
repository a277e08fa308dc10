/*
 * render_bench.c - render time per letter for `make bench`: a draft (the
 * nine-mandate letter of tests/drafts/kaz-2024.json by default) rendered
 * to Markdown, typeset as PDF, and the PDF read back to a record, each
 * ROUNDS times. Prints key=value lines for bench/report.py.
 *
 * usage: render_bench [DRAFT.json] [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/draft.h"
#include "domain/letterfile.h"
#include "domain/render.h"
#include "render/pdf.h"
#include "util/buf.h"
#include "util/date.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/drafts/kaz-2024.json";
	int rounds = argc > 2 ? atoi(argv[2]) : 200;
	if (rounds < 1)
		rounds = 1;
	json_error_t jerr;
	json_t *j = json_load_file(path, 0, &jerr);
	if (!j) {
		fprintf(stderr, "render_bench: %s: %s\n", path, jerr.text);
		return 1;
	}
	struct draft d;
	draft_init(&d);
	struct error err;
	if (draft_apply_json(&d, j, kb_shared(), &err) < 0) {
		fprintf(stderr, "render_bench: %s: %s\n", path, err.message);
		return 1;
	}
	json_decref(j);
	struct render_letter in = {.draft = &d, .reference = "AL KAZ 9/2024",
				   .date = d.date != DATE_NONE ? d.date : date_from_ymd(2024, 5, 9), .reply_days = 60};
	char *md = NULL;
	double t0 = now_ms();
	for (int i = 0; i < rounds; i++) {
		free(md);
		md = render_markdown(kb_shared(), &in, NULL, &err);
		if (!md) {
			fprintf(stderr, "render_bench: %s\n", err.message);
			return 1;
		}
	}
	double md_ms = (now_ms() - t0) / rounds;
	int pdf_rounds = rounds / 10 > 0 ? rounds / 10 : 1;
	struct buf pdf = BUF_INIT;
	t0 = now_ms();
	for (int i = 0; i < pdf_rounds; i++) {
		buf_reset(&pdf);
		if (render_pdf(md, in.reference, &pdf, &err) < 0) {
			fprintf(stderr, "render_bench: %s\n", err.message);
			return 1;
		}
	}
	double pdf_ms = (now_ms() - t0) / pdf_rounds;
	t0 = now_ms();
	for (int i = 0; i < pdf_rounds; i++) {
		struct letter l;
		if (letterfile_parse_bytes("bench.pdf", pdf.data, pdf.len, &l, &err) < 0) {
			fprintf(stderr, "render_bench: reading the PDF back: %s\n", err.message);
			return 1;
		}
		letter_release(&l);
	}
	double back_ms = (now_ms() - t0) / pdf_rounds;
	printf("render_letter_bytes=%zu\nrender_pdf_bytes=%zu\n", strlen(md), pdf.len);
	printf("render_md_ms=%.3f\nrender_pdf_ms=%.3f\nread_pdf_back_ms=%.3f\n", md_ms, pdf_ms, back_ms);
	free(md);
	buf_release(&pdf);
	draft_release(&d);
	return 0;
}
