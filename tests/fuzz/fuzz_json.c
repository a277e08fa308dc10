/*
 * fuzz_json.c - libFuzzer target for the JSON bodies the store takes in:
 * a draft (draft_apply_json, the one validator for files, flags and the
 * web's draft form; then rendered as the letter it would be) and a
 * submission (intake_from_json, then the mandates its words suggest). Any
 * bytes in, a checked value or an error naming the field out, never a
 * crash, a leak or undefined behaviour. The first byte chooses: even a
 * draft, odd a submission.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "domain/draft.h"
#include "domain/intake.h"
#include "domain/render.h"
#include "kb/kb.h"
#include "util/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_draft(json_t *o)
{
	const struct kb *kb = kb_shared();
	struct draft d;
	struct error err;
	draft_init(&d);
	if (draft_apply_json(&d, o, kb, &err) == 0) {
		json_t *back = draft_to_json(&d);
		json_decref(back);
		if (draft_check_complete(&d, &err) == 0) {
			struct render_letter in = {.draft = &d, .date = date_parse_iso("2024-05-09"), .reply_days = 60};
			char *warnings = NULL;
			free(render_markdown(kb, &in, &warnings, &err));
			free(warnings);
		}
	}
	draft_release(&d);
}

static void try_submission(json_t *o)
{
	struct intake_submission s;
	struct error err;
	intake_init(&s);
	if (intake_from_json(o, date_parse_iso("2024-05-09"), &s, &err) == 0) {
		struct intake_suggestion *sg = NULL;
		size_t n = intake_suggest_mandates(&s, &sg);
		intake_suggestions_free(sg, n);
	}
	intake_release(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (!o)
		return 0;
	if (data[0] & 1)
		try_submission(o);
	else
		try_draft(o);
	json_decref(o);
	return 0;
}
