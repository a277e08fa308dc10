/*
 * test_workflow.c - the pure parts of the workflow: a draft read from JSON
 * (and refused field by field), a letter rendered for its date, and the
 * suggested reading of a reply against the questions.
 */
#include "helpers.h"

#include <stdlib.h>

#include "domain/draft.h"
#include "domain/render.h"
#include "domain/replies.h"
#include "read/block.h"
#include "util/date.h"

static void load_draft(struct draft *d, const char *json)
{
	json_error_t jerr;
	json_t *j = json_loads(json, 0, &jerr);
	if (!j)
		fail_msg("bad test JSON: %s", jerr.text);
	struct error err = {{0}};
	draft_init(d);
	if (draft_apply_json(d, j, kb_shared(), &err) < 0)
		fail_msg("draft: %s", err.message);
	json_decref(j);
}

static char *render_on(const struct draft *d, const char *date, char **warnings)
{
	struct render_letter in = {.draft = d, .reference = "AL XXX 1/2000", .date = date_parse_iso(date),
				   .reply_days = 60};
	struct error err = {{0}};
	char *md = render_markdown(kb_shared(), &in, warnings, &err);
	if (!md)
		fail_msg("render: %s", err.message);
	return md;
}

static const char *torture_to_kaz =
	"{\"type\": \"AL\", \"addressee\": \"KAZ\", \"mandates\": [\"torture\"], \"facts\": \"Facts.\","
	" \"provisions\": [{\"instrument\": \"CAT\", \"articles\": [\"1\"], \"violation\": true},"
	"                 {\"instrument\": \"ICPPED\", \"articles\": [\"17\"], \"violation\": true}],"
	" \"questions\": [{\"text\": \"Please explain.\"}]}";

static void test_render_follows_the_date(void **state)
{
	(void)state;
	struct draft d;
	load_draft(&d, torture_to_kaz);
	char *w = NULL;
	char *y2015 = render_on(&d, "2015-06-01", &w);
	char *y2024 = render_on(&d, "2024-05-09", &w);
	/* the resolution in force and the holder in office change with the date */
	assert_contains(y2015, "resolution 25/13");
	assert_contains(y2015, "Juan E. M\xC3\xA9ndez");
	assert_contains(y2024, "resolution 52/7");
	assert_contains(y2024, "Alice Jill Edwards");
	assert_not_contains(y2024, "M\xC3\xA9ndez");
	/* ICPPED: Kazakhstan acceded in 2009, so binding in 2015 and 2024 */
	assert_contains(y2024, "acceded to by Kazakhstan on 27 February 2009");
	char *y2008 = render_on(&d, "2008-03-03", &w);
	assert_contains(y2008, "is not a party to the International Convention for the Protection of All Persons from Enforced Disappearance");
	assert_not_contains(y2008, "acceded to by Kazakhstan on 27 February 2009");
	assert_contains(y2008, "acceded to by Kazakhstan on 26 August 1998");
	free(y2008);
	free(y2015);
	free(y2024);
	free(w);
	draft_release(&d);
}

static void test_render_notices_only_when_joined(void **state)
{
	(void)state;
	struct draft d;
	load_draft(&d, torture_to_kaz);
	char *w = NULL;
	char *alone = render_on(&d, "2024-05-09", &w);
	assert_not_contains(alone, "regular procedure");
	assert_not_contains(alone, "humanitarian procedure");
	assert_contains(alone, "I have the honour");
	json_t *j = json_pack("{s:[sss]}", "mandates", "torture", "arbitrary-detention", "disappearances");
	struct error err = {{0}};
	assert_int_equal(draft_apply_json(&d, j, kb_shared(), &err), 0);
	json_decref(j);
	char *joint = render_on(&d, "2024-05-09", &w);
	assert_contains(joint, "regular procedure");
	assert_contains(joint, "humanitarian procedure");
	assert_contains(joint, "We have the honour");
	assert_contains(joint, "resolutions 52/7, 51/8 and 54/14");
	free(alone);
	free(joint);
	free(w);
	draft_release(&d);
}

static void test_draft_errors_name_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *json, *field;
	} cases[] = {
		{"{\"type\": \"ZZ\"}", "type"},
		{"{\"addressee\": \"XYZ\"}", "addressee"},
		{"{\"language\": \"de\"}", "language"},
		{"{\"date\": \"2024-02-30\"}", "date"},
		{"{\"mandates\": []}", "mandates"},
		{"{\"mandates\": [\"torture\", \"torture\"]}", "mandates[1]"},
		{"{\"provisions\": [{\"instrument\": \"CAT\", \"articles\": [\"art. 7\"]}]}", "provisions[0]"},
		{"{\"questions\": [{\"catalogue\": \"no-such-question\"}]}", "questions[0]"},
		{"{\"related\": [\"nothing\"]}", "related[0]"},
		{"{\"subject\": 12}", "subject"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct draft d;
		draft_init(&d);
		json_t *j = json_loads(cases[i].json, 0, NULL);
		struct error err = {{0}};
		if (draft_apply_json(&d, j, kb_shared(), &err) == 0)
			fail_msg("accepted %s", cases[i].json);
		assert_contains(err.message, cases[i].field);
		json_decref(j);
		draft_release(&d);
	}
}

/* A reply as blocks, from Markdown. */
static void reply_doc(struct document *doc, const char *md)
{
	struct error err = {{0}};
	memset(doc, 0, sizeof(*doc));
	if (document_read(doc, "reply.md", md, strlen(md), &err) < 0)
		fail_msg("%s", err.message);
}

static const char *const questions[] = {
	"Please provide information on the investigations opened into the allegations of torture in police custody.",
	"Please indicate the legal basis for the detention of the three journalists and where they are held.",
	"Please explain what measures have been taken to ensure reparation and rehabilitation for the victims.",
	"Please provide information on the training given to police officers on the prohibition of torture.",
};

static void test_reply_suggestions(void **state)
{
	(void)state;
	struct document doc;
	reply_doc(&doc,
		  "The Government has the honour to reply.\n\n"
		  "Regarding question 1, the prosecutor opened eleven criminal cases concerning the alleged torture in "
		  "custody; forensic examinations were carried out and four officers were charged and suspended.\n\n"
		  "2. They are held lawfully.\n\n"
		  "As to your request to explain what measures have been taken to ensure reparation and rehabilitation "
		  "for the victims: the law provides compensation.\n\n"
		  "Nothing else is to be added about the police.\n");
	struct reply_suggestion s[4];
	reply_suggest(questions, 4, &doc, s);
	assert_int_equal(s[0].reading, READ_ANSWERED);
	assert_contains(s[0].evidence, "numbered answer");
	assert_int_equal(s[1].reading, READ_PARTLY); /* a numbered answer of four words */
	assert_int_equal(s[2].reading, READ_ANSWERED);
	assert_contains(s[2].evidence, "quotes the question");
	assert_int_equal(s[3].reading, READ_NOT_ANSWERED);
	assert_string_equal(reply_guess_kind(&doc), "substantive");
	document_release(&doc);
}

static void test_reply_kinds(void **state)
{
	(void)state;
	struct document doc;
	reply_doc(&doc, "The Permanent Mission acknowledges receipt of the letter, which has been transmitted to the "
			"competent authorities.\n");
	assert_string_equal(reply_guess_kind(&doc), "acknowledgement");
	document_release(&doc);
	reply_doc(&doc, "The Government categorically rejects the allegations, which are politically motivated.\n");
	assert_string_equal(reply_guess_kind(&doc), "rejection");
	document_release(&doc);
	assert_int_equal(reply_reading_parse("partly"), READ_PARTLY);
	assert_int_equal(reply_reading_parse("maybe"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_follows_the_date),
		cmocka_unit_test(test_render_notices_only_when_joined),
		cmocka_unit_test(test_draft_errors_name_the_field),
		cmocka_unit_test(test_reply_suggestions),
		cmocka_unit_test(test_reply_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
