/*
 * test_figures.c - figures as records: the vocabulary and its checks at
 * load, reading a figure's sentence (what it counts, as of when, who says
 * so) on the seed letter's own sentences and on sentences written here,
 * the funnel and its flags on the seed's numbers, and the SVG chart.
 */
#include "helpers.h"

#include <stdlib.h>

#include "domain/figure_read.h"
#include "domain/figure_vocab.h"
#include "domain/figures.h"
#include "domain/funnel.h"
#include "domain/letterfile.h"
#include "extract/letter.h"
#include "render/funnel_svg.h"
#include "util/buf.h"
#include "util/date.h"

static const struct figure_vocab *V(void)
{
	return figure_vocab_shared();
}

/* --- the vocabulary ------------------------------------------------------------------- */

static void test_vocabulary_loads(void **state)
{
	(void)state;
	const struct figure_vocab *v = V();
	assert_non_null(figure_category(v, "complaints"));
	assert_non_null(figure_category(v, "officers-accused"));
	assert_non_null(figure_category(v, "suspended-sentences"));
	assert_non_null(figure_source(v, "prosecutor-general"));
	assert_null(figure_category(v, "nonsense"));
	assert_true(figure_unit_not_counted(v, "years"));
	assert_false(figure_unit_not_counted(v, "cases"));
	assert_false(figure_unit_not_counted(v, NULL));
	/* the funnel begins with complaints and every stage is a category */
	assert_string_equal(v->stages[0].category->key, "complaints");
	assert_true(v->stage_count >= 8);
	assert_true(v->relation_count >= 4);
}

static void expect_refused(const char *json, const char *needle)
{
	struct error err = {{0}};
	struct figure_vocab *v = figure_vocab_load("test.json", json, strlen(json), &err);
	if (v) {
		figure_vocab_free(v);
		fail_msg("accepted: %s", json);
	}
	assert_contains(err.message, needle);
}

static void test_vocabulary_refusals(void **state)
{
	(void)state;
	const char *base = "{\"categories\": [{\"key\": \"a\", \"label\": \"a\", \"kind\": "
	                   "\"cases\", \"units\": [null], "
	                   "\"cues\": [\"{n} ... a\"]}], \"sources\": [{\"key\": \"s\", \"label\": "
	                   "\"s\", \"names\": [\"s\"]}], "
	                   "\"default_letter\": \"s\", \"default_reply\": \"s\", \"funnel\": "
	                   "[{\"stage\": \"a\"}], \"relations\": []}";
	struct error err = {{0}};
	struct figure_vocab *v = figure_vocab_load("test.json", base, strlen(base), &err);
	if (!v)
		fail_msg("%s", err.message);
	figure_vocab_free(v);
	expect_refused("{", "test.json:");
	expect_refused("{\"categories\": [{\"key\": \"a\", \"label\": \"a\", \"kind\": \"cases\", "
	               "\"units\": [], "
	               "\"cues\": [\"a ... b\"]}]}",
	               "a cue needs {n}");
	expect_refused("{\"categories\": [{\"key\": \"a\", \"label\": \"a\", \"kind\": \"boxes\", "
	               "\"units\": []}]}",
	               "kind boxes");
	expect_refused(
	    "{\"categories\": [{\"key\": \"a\", \"label\": \"a\", \"kind\": \"cases\", \"units\": "
	    "[], "
	    "\"cues\": [\"{n} ... a\"]}], \"sources\": [{\"key\": \"s\", \"label\": \"s\"}], "
	    "\"funnel\": [{\"stage\": \"b\"}], \"relations\": []}",
	    "b is not a category");
	expect_refused(
	    "{\"categories\": [{\"key\": \"a\", \"label\": \"a\", \"kind\": \"cases\", \"units\": "
	    "[], "
	    "\"cues\": [\"{n} ... a\"]}], \"sources\": [{\"key\": \"s\", \"label\": \"s\"}], "
	    "\"funnel\": [{\"stage\": \"a\"}], \"relations\": [{\"whole\": \"a\", \"parts\": "
	    "[\"a\"]}]}",
	    "not its own part");
	expect_refused(
	    "{\"categories\": [{\"key\": \"a\", \"label\": \"a\", \"kind\": \"cases\", \"units\": "
	    "[], "
	    "\"cues\": [\"{n} ... a\"]}], \"sources\": [{\"key\": \"s\", \"label\": \"s\"}], "
	    "\"funnel\": [{\"stage\": \"a\"}], \"relations\": [], \"default_letter\": \"t\"}",
	    "default_letter");
	expect_refused("{\"categories\": [{\"key\": \"a\", \"label\": \"a\", \"kind\": \"cases\", "
	               "\"units\": [], "
	               "\"cues\": [\"... {n} a\"]}]}",
	               "between words");
}

/* --- dates ---------------------------------------------------------------------------- */

static void expect_date(const char *text, const char *want, size_t want_len)
{
	int d = DATE_NONE;
	size_t n = figure_date_at(kb_shared(), text, text, &d);
	assert_int_equal(n, want_len);
	if (want) {
		char got[11];
		date_format_iso(d, got);
		assert_string_equal(got, want);
	}
}

static void test_dates(void **state)
{
	(void)state;
	expect_date("18 March 2022, 301", "2022-03-18", 13);
	expect_date("end of April 2024, it", "2024-04-30", 17);
	expect_date("the end of February 2024", "2024-02-29", 24);
	expect_date("early May 2024", "2024-05-01", 14);
	expect_date("April 2024", "2024-04-30", 10);
	expect_date("fin avril 2024", "2024-04-30", 14);
	expect_date("fin de mai 2024", "2024-05-31", 15);
	expect_date("début juin 2024", "2024-06-01", 16);
	expect_date("finales de mayo de 2023", "2023-05-31", 23);
	expect_date("April showers", NULL, 0);
	expect_date("end of the year", NULL, 0);
}

/* --- reading sentences ------------------------------------------------------------------ */

struct expect {
	double value;
	const char *unit;
	const char *category; /* NULL: none */
	const char *source;
	const char *as_of; /* NULL: DATE_NONE */
	enum figure_basis basis;
};

static void check_reading(const char *what, const struct figure_reading *r, const struct expect *e)
{
	const char *cat = r->category ? r->category->key : NULL;
	if ((cat == NULL) != (e->category == NULL) || (cat && strcmp(cat, e->category)))
		fail_msg("%s, %g: category %s, wanted %s", what, e->value, cat ? cat : "(none)",
		         e->category ? e->category : "(none)");
	if (strcmp(r->source->key, e->source))
		fail_msg("%s, %g: source %s, wanted %s", what, e->value, r->source->key, e->source);
	char got[11] = "";
	if (r->as_of != DATE_NONE)
		date_format_iso(r->as_of, got);
	if (strcmp(got, e->as_of ? e->as_of : ""))
		fail_msg("%s, %g: as of %s, wanted %s", what, e->value, got,
		         e->as_of ? e->as_of : "(none)");
	if (r->basis != e->basis)
		fail_msg("%s, %g: basis %s, wanted %s", what, e->value,
		         figure_basis_names[r->basis], figure_basis_names[e->basis]);
}

/* Reads one sentence (in its paragraph) with the figures the extractor
 * would find, and checks each reading. */
static void read_and_check(const char *paragraph, const char *sentence, int date, bool reply,
                           const struct expect *e, size_t n)
{
	struct figure_seen seen[16];
	struct figure_reading out[16];
	for (size_t i = 0; i < n; i++)
		seen[i] = (struct figure_seen){e[i].value, e[i].unit};
	struct figure_where where = {
	    .paragraph = paragraph, .sentence = sentence, .date = date, .reply = reply};
	figure_read_sentence(V(), kb_shared(), &where, seen, n, out);
	for (size_t i = 0; i < n; i++) {
		assert_true(out[i].located);
		check_reading(sentence, &out[i], &e[i]);
	}
}

static void test_read_own_sentences(void **state)
{
	(void)state;
	int doc = date_parse_iso("2024-07-05");
	/* the source named before, the date stated; a gap never crosses another number */
	const char *s1 = "According to the Prosecutor General's Office, as of 1 March 2024, 14 "
	                 "criminal cases had "
	                 "been opened, 40 officers had been charged and 6 of them were acquitted.";
	struct expect e1[] = {
	    {14, "cases", "criminal-cases", "prosecutor-general", "2024-03-01", BASIS_STATED},
	    {40, "officers", "officers-accused", "prosecutor-general", "2024-03-01", BASIS_STATED},
	    {6, "officers", "acquitted", "prosecutor-general", "2024-03-01", BASIS_STATED}};
	read_and_check(NULL, s1, doc, false, e1, 3);
	/* the source named after the figure, "according to"; a month's end */
	const char *s2 = "By the end of June 2024, 21 detainees had been released, according to a "
	                 "non-governmental "
	                 "organization.";
	struct expect e2[] = {{21, "detainees", "released", "ngo", "2024-06-30", BASIS_STATED}};
	read_and_check(NULL, s2, doc, false, e2, 1);
	/* nothing named, no date: the letter's source on the letter's date; in a reply, the
	 * Government */
	const char *s3 = "Five persons were sentenced to prison terms of up to four years.";
	struct expect e3[] = {
	    {5, "people", "imprisoned", "letter-source", "2024-07-05", BASIS_DOCUMENT}};
	read_and_check(NULL, s3, doc, false, e3, 1);
	struct expect e3r[] = {
	    {5, "people", "imprisoned", "government", "2024-07-05", BASIS_DOCUMENT}};
	read_and_check(NULL, s3, doc, true, e3r, 1);
	/* "since" opens a period: it is not the date a count is as of */
	const char *s4 =
	    "Since January 2022, 312 complaints of ill-treatment have been registered.";
	struct expect e4[] = {
	    {312, "complaints", "complaints", "letter-source", "2024-07-05", BASIS_DOCUMENT}};
	read_and_check(NULL, s4, doc, false, e4, 1);
	/* a source named earlier in the paragraph, with its date; an anaphor resolved to it */
	const char *p5 =
	    "The Human Rights Committee adopted its concluding observations on 20 March 2023. "
	    "The Committee noted that 41 complaints had been dismissed and that 7 cases were "
	    "closed.";
	const char *s5 = "The Committee noted that 41 complaints had been dismissed and that 7 "
	                 "cases were closed.";
	struct expect e5[] = {
	    {41, "complaints", "cases-closed", "human-rights-committee", "2023-03-20",
	     BASIS_PARAGRAPH},
	    {7, "cases", "cases-closed", "human-rights-committee", "2023-03-20", BASIS_PARAGRAPH}};
	read_and_check(p5, s5, doc, false, e5, 2);
	/* no cue: no category, but still attributed and dated */
	const char *s6 = "The Government stated on 2 May 2024 that 120 people live in the village.";
	struct expect e6[] = {{120, "people", NULL, "government", "2024-05-02", BASIS_STATED}};
	read_and_check(NULL, s6, doc, false, e6, 1);
}

/* The seed letter, as `ingest` reads it: every figure it states, read in
 * its paragraph. What each counts, who says so and as of when. */
static void test_read_seed(void **state)
{
	(void)state;
	const char *shared = getenv("SHARED");
	char path[1024];
	snprintf(path, sizeof(path), "%s/corpus/AL-KAZ-2-2024.md", shared ? shared : "../shared");
	struct letter l;
	struct error err;
	if (letterfile_parse(path, &l, &err) < 0)
		fail_msg("%s", err.message);
	struct figure_found *found = calloc(l.figures_count + 1, sizeof(*found));
	struct figure_reading *out = calloc(l.figures_count + 1, sizeof(*out));
	for (size_t i = 0; i < l.figures_count; i++)
		found[i] = (struct figure_found){l.figures[i].value, l.figures[i].unit,
		                                 l.figures[i].context};
	figure_read_document(V(), kb_shared(), l.body, l.date, false, "en", found, l.figures_count,
	                     out);
	static const struct expect want[] = {
	    {9, "cases", "custody-deaths", "government", "2022-03-18", BASIS_PARAGRAPH},
	    {10000, "people", "detained", "government", "2024-05-09", BASIS_DOCUMENT},
	    {238, "people", "killed", "government", "2024-05-09", BASIS_DOCUMENT},
	    {19, "officers", "officers-killed", "government", "2024-05-09", BASIS_DOCUMENT},
	    {267, "people", "injured", "government", "2022-03-18", BASIS_STATED},
	    {33, "people", "hospitalised", "government", "2022-03-18", BASIS_STATED},
	    {13, "cases", "criminal-cases", "prosecutor-general", "2024-04-30", BASIS_STATED},
	    {35, "officers", "officers-accused", "prosecutor-general", "2024-04-30", BASIS_STATED},
	    {84, "citizens", "victims", "prosecutor-general", "2024-04-30", BASIS_STATED},
	    {10, "cases", "cases-convicted", "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {26, "perpetrators", "imprisoned", "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {3.5, "years", NULL, "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {6, "years", NULL, "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {5, "perpetrators", "suspended-sentences", "letter-source", "2024-05-09",
	     BASIS_DOCUMENT},
	    {1, "perpetrators", "acquitted", "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {3, "cases", "cases-at-trial", "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {20, "cases", "cases-pre-trial", "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {3, "years", NULL, "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {301, "complaints", "complaints", "government", "2022-03-18", BASIS_STATED},
	    {256, "cases", "criminal-cases", "government", "2022-03-18", BASIS_STATED},
	    {200, "USD", NULL, "letter-source", "2024-05-09", BASIS_DOCUMENT},
	    {236, "cases", "cases-closed", "committee-against-torture", "2023-05-17",
	     BASIS_PARAGRAPH},
	    {329, "cases", "criminal-cases", "committee-against-torture", "2023-05-17",
	     BASIS_PARAGRAPH},
	};
	assert_int_equal(l.figures_count, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < l.figures_count; i++) {
		assert_true(l.figures[i].value == want[i].value);
		assert_true(out[i].located);
		/* durations are read but not counted: never proposed */
		assert_int_equal(out[i].counted, !(want[i].unit && !strcmp(want[i].unit, "years")));
		check_reading("seed", &out[i], &want[i]);
	}
	/* the words that name the source, as the letter writes them */
	assert_string_equal(out[6].source_words, "General Prosecutor's Office");
	assert_string_equal(out[18].source_words, "your reply");
	assert_string_equal(out[21].source_words, "Committee against Torture");
	free(found);
	free(out);
	letter_release(&l);
}

/* --- the funnel ----------------------------------------------------------------------- */

static struct figure fig(long long id, const char *category, double value, const char *as_of,
                         const char *source, const char *document)
{
	struct figure f = {0};
	f.id = id;
	f.category = (char *)category;
	f.value = value;
	f.as_of = date_parse_iso(as_of);
	f.source = (char *)source;
	f.document = (char *)document;
	f.document_date = date_parse_iso("2024-05-09");
	f.status = (char *)"confirmed";
	f.as_of_basis = (char *)"stated";
	return f;
}

/* The seed's figures as an officer confirms them (ids are the seed's proposals'). */
static size_t seed_figures(struct figure *f)
{
	size_t n = 0;
	const char *L = "AL KAZ 2/2024";
	f[n++] = fig(16, "complaints", 301, "2022-03-18", "government", L);
	f[n++] = fig(17, "criminal-cases", 256, "2022-03-18", "government", L);
	f[n++] = fig(20, "criminal-cases", 329, "2023-05-17", "committee-against-torture", L);
	f[n++] = fig(19, "cases-closed", 236, "2023-05-17", "committee-against-torture", L);
	f[n++] = fig(7, "criminal-cases", 13, "2024-04-30", "prosecutor-general", L);
	f[n++] = fig(8, "officers-accused", 35, "2024-04-30", "prosecutor-general", L);
	f[n++] = fig(10, "cases-convicted", 10, "2024-05-09", "letter-source", L);
	f[n++] = fig(11, "imprisoned", 26, "2024-05-09", "letter-source", L);
	f[n++] = fig(12, "suspended-sentences", 5, "2024-05-09", "letter-source", L);
	f[n++] = fig(13, "acquitted", 1, "2024-05-09", "letter-source", L);
	f[n++] = fig(14, "cases-at-trial", 3, "2024-05-09", "letter-source", L);
	f[n++] = fig(15, "cases-pre-trial", 20, "2024-05-09", "letter-source", L);
	return n;
}

static const struct funnel_value *value_of(const struct funnel *f, const char *key)
{
	const struct funnel_snapshot *s = funnel_last(f);
	return &s->values[figure_category(f->v, key) - f->v->categories];
}

static const struct funnel_check *check_of(const struct funnel_check *c, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(c[i].key, key))
			return &c[i];
	return NULL;
}

static bool names_figure(const struct funnel_check *c, long long id)
{
	for (size_t i = 0; i < c->figure_count; i++)
		if (c->figures[i] == id)
			return true;
	return false;
}

static void test_funnel_seed(void **state)
{
	(void)state;
	struct figure f[32];
	size_t n = seed_figures(f);
	struct funnel fn;
	funnel_compute(V(), f, n, DATE_NONE, &fn);
	const struct funnel_snapshot *last = funnel_last(&fn);
	char d[11];
	date_format_iso(fn.as_of, d);
	assert_string_equal(d, "2024-05-09");
	assert_int_equal(fn.snapshot_count, 4); /* 2022-03-18, 2023-05-17, 2024-04-30, 2024-05-09 */
	/* the latest value of each stage */
	assert_true(value_of(&fn, "complaints")->value == 301);
	assert_true(value_of(&fn, "criminal-cases")->value == 13);
	assert_int_equal(value_of(&fn, "criminal-cases")->figure->id, 7);
	assert_true(value_of(&fn, "officers-accused")->value == 35);
	/* 10 cases with convictions + 3 at trial = 13 cases tried, a sum of parts */
	const struct funnel_value *tried = value_of(&fn, "cases-tried");
	assert_true(tried->present && tried->value == 13 && tried->derived && !tried->figure);
	/* 26 imprisoned + 5 suspended = 31 convicted */
	assert_true(value_of(&fn, "convicted")->value == 31);
	/* 26 + 5 + 1 acquitted = 32 of 35 officers accused: 3 not accounted for */
	const struct funnel_check *acc =
	    check_of(last->checks, last->check_count, "parts:officers-accused");
	assert_non_null(acc);
	assert_false(acc->ok);
	assert_contains(acc->message, "= 32, short of 35 officers accused");
	assert_contains(acc->message, "3 not accounted for");
	assert_contains(acc->message, "the Prosecutor General's Office");
	assert_true(names_figure(acc, 8) && names_figure(acc, 11) && names_figure(acc, 12) &&
	            names_figure(acc, 13));
	/* the cases: 13 tried + 20 pre-trial + 236 closed exceed 13 criminal cases */
	const struct funnel_check *cases =
	    check_of(last->checks, last->check_count, "parts:criminal-cases");
	assert_non_null(cases);
	assert_false(cases->ok);
	assert_contains(cases->message,
	                "13 cases tried (10 cases with convictions + 3 cases still at trial)");
	assert_contains(cases->message, "= 269, more than 13 criminal cases");
	assert_contains(cases->message, "the Committee against Torture");
	/* the convictions are their parts' sum: no check of a whole against its own parts */
	assert_null(check_of(last->checks, last->check_count, "parts:convicted"));
	assert_int_equal(funnel_flag_count(&fn), 2);
	/* at 2023-05-17 the Committee's 329 cases exceeded 301 complaints: an earlier flag */
	assert_int_equal(fn.earlier_count, 1);
	assert_string_equal(fn.earlier[0].key, "stage:criminal-cases");
	assert_contains(fn.earlier[0].message,
	                "329 criminal cases (the Committee against Torture, as of 2023-05-17");
	assert_contains(fn.earlier[0].message,
	                "is larger than the stage before it, 301 complaints");
	funnel_release(&fn);

	/* the funnel as of an earlier date: that flag is the funnel's own */
	funnel_compute(V(), f, n, date_parse_iso("2023-12-31"), &fn);
	last = funnel_last(&fn);
	date_format_iso(last->date, d);
	assert_string_equal(d, "2023-12-31");
	const struct funnel_check *order =
	    check_of(last->checks, last->check_count, "stage:criminal-cases");
	assert_non_null(order);
	assert_false(order->ok);
	assert_false(value_of(&fn, "officers-accused")->present);
	funnel_release(&fn);
}

static void test_funnel_corrections_and_disagreement(void **state)
{
	(void)state;
	struct figure f[32];
	size_t n = seed_figures(f);
	/* the officer reads the 13 as the cases sent to court: 10 + 3 = 13, and
	 * the source's 20 pre-trial cases and the Committee's closed cases no
	 * longer count against it */
	f[4].category = (char *)"cases-tried";
	struct funnel fn;
	funnel_compute(V(), f, n, DATE_NONE, &fn);
	const struct funnel_snapshot *last = funnel_last(&fn);
	const struct funnel_check *tried =
	    check_of(last->checks, last->check_count, "parts:cases-tried");
	assert_non_null(tried);
	assert_true(tried->ok);
	assert_contains(tried->message, "= 13, within 13 cases tried");
	assert_false(value_of(&fn, "cases-tried")->derived);
	funnel_release(&fn);

	/* two sources, the same count, the same date, different numbers */
	f[n++] = fig(40, "criminal-cases", 14, "2024-04-30", "ngo", "AL KAZ 3/2024");
	f[4].category = (char *)"criminal-cases";
	funnel_compute(V(), f, n, DATE_NONE, &fn);
	assert_int_equal(fn.disagreement_count, 1);
	assert_false(fn.disagreements[0].ok);
	assert_string_equal(fn.disagreements[0].key, "agreement:criminal-cases:2024-04-30");
	assert_contains(fn.disagreements[0].message,
	                "13 (the Prosecutor General's Office, AL KAZ 2/2024, figure 7)");
	assert_contains(fn.disagreements[0].message,
	                "against 14 (a non-governmental organization, AL KAZ 3/2024, figure 40)");
	assert_true(names_figure(&fn.disagreements[0], 7) &&
	            names_figure(&fn.disagreements[0], 40));
	assert_int_equal(funnel_flag_count(&fn), 3);
	funnel_release(&fn);

	/* a figure without a category or a date is left out */
	struct figure g[2] = {fig(1, "complaints", 5, "2024-01-01", "ngo", "X"),
	                      fig(2, "complaints", 6, "2024-01-02", "ngo", "X")};
	g[0].category = NULL;
	g[1].as_of = DATE_NONE;
	funnel_compute(V(), g, 2, DATE_NONE, &fn);
	assert_null(funnel_last(&fn));
	assert_int_equal(fn.undated, 1);
	assert_int_equal(fn.used, 0);
	funnel_release(&fn);
}

static void test_funnel_json(void **state)
{
	(void)state;
	struct figure f[32];
	size_t n = seed_figures(f);
	for (size_t i = 0; i < n; i++)
		f[i].reference = (char *)"AL KAZ 2/2024", f[i].passage = (char *)"...",
		f[i].decided_by = (char *)"officer1";
	struct funnel fn;
	funnel_compute(V(), f, n, DATE_NONE, &fn);
	json_t *j = funnel_to_json(&fn, true);
	char *text = json_dumps(j, JSON_COMPACT);
	assert_contains(text, "\"as_of\":\"2024-05-09\"");
	assert_contains(
	    text, "\"category\":\"cases-tried\",\"label\":\"cases "
	          "tried\",\"kind\":\"cases\",\"value\":13,"
	          "\"derived\":true,\"derived_from\":[\"cases-convicted\",\"cases-at-trial\"]");
	assert_contains(text, "\"flags\":2");
	/* the public view names no officer */
	assert_not_contains(text, "officer1");
	free(text);
	json_decref(j);
	j = funnel_to_json(&fn, false);
	text = json_dumps(j, JSON_COMPACT);
	assert_contains(text, "officer1");
	free(text);
	json_decref(j);
	funnel_release(&fn);
}

static void test_funnel_svg(void **state)
{
	(void)state;
	struct figure f[32];
	size_t n = seed_figures(f);
	f[0].source =
	    (char *)"<script>alert(1)</script>"; /* an unknown key is shown as given: escaped */
	struct funnel fn;
	funnel_compute(V(), f, n, DATE_NONE, &fn);
	char *svg = funnel_svg(&fn, "Kazakhstan & <January> \"2022\"", "f1");
	assert_true(!strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39));
	assert_contains(svg, "role=\"img\" aria-labelledby=\"f1-title f1-desc\"");
	assert_contains(
	    svg, "<title id=\"f1-title\">Accountability funnel: Kazakhstan &amp; &lt;January&gt; "
	         "&quot;2022&quot;, as of 2024-05-09</title>");
	assert_contains(svg, "<desc id=\"f1-desc\">");
	assert_contains(svg, "&lt;script&gt;");
	assert_not_contains(svg, "<script");
	assert_not_contains(svg, "style=");
	assert_contains(svg, ">cases tried</text>");
	assert_contains(svg, "13 (sum of parts)");
	assert_contains(svg, "2 flags");
	/* every element opened is closed */
	size_t opens = 0, closes = 0;
	for (const char *p = svg; (p = strstr(p, "<g>")); p++)
		opens++;
	for (const char *p = svg; (p = strstr(p, "</g>")); p++)
		closes++;
	assert_int_equal(opens, closes);
	assert_contains(svg, "</svg>\n");
	free(svg);
	funnel_release(&fn);
	/* no figures: still a valid image that says so */
	funnel_compute(V(), f, 0, DATE_NONE, &fn);
	svg = funnel_svg(&fn, "Empty", "e");
	assert_contains(svg, "No confirmed figures.");
	free(svg);
	funnel_release(&fn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vocabulary_loads),
	    cmocka_unit_test(test_vocabulary_refusals),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_read_own_sentences),
	    cmocka_unit_test(test_read_seed),
	    cmocka_unit_test(test_funnel_seed),
	    cmocka_unit_test(test_funnel_corrections_and_disagreement),
	    cmocka_unit_test(test_funnel_json),
	    cmocka_unit_test(test_funnel_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
