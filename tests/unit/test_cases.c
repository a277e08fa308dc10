/*
 * test_cases.c - intake and cases: names across spellings and scripts,
 * uncertain dates, custody gaps, the vocabulary against the methods and
 * places the seed letter names, mandates suggested from a submission's
 * words, the public form of a person, a draft made from a case, and sealed
 * fields on a real database file (rotation keeps them readable).
 */
#include "helpers.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/case_draft.h"
#include "domain/cases.h"
#include "domain/custody.h"
#include "domain/draft.h"
#include "domain/event_date.h"
#include "domain/intake.h"
#include "domain/names.h"
#include "domain/persons.h"
#include "domain/privacy.h"
#include "domain/vocab.h"
#include "store/kbload.h"
#include "store/migrate.h"
#include "util/date.h"
#include "util/die.h"

static double similarity(const char *a, const char *b)
{
	char *ka = names_key(a), *kb = names_key(b);
	double s = names_similarity(ka, kb);
	free(ka);
	free(kb);
	return s;
}

static void assert_same_key(const char *a, const char *b)
{
	char *ka = names_key(a), *kb = names_key(b);
	if (strcmp(ka, kb))
		fail_msg("\"%s\" -> \"%s\" but \"%s\" -> \"%s\"", a, ka, b, kb);
	free(ka);
	free(kb);
}

static void test_names_across_scripts(void **state)
{
	(void)state;
	/* Cyrillic and the usual Latin spellings meet in one key */
	assert_same_key("\xD0\x95\xD1\x80\xD0\xBB\xD0\xB0\xD0\xBD \xD0\x96\xD0\xB0\xD0\xBA\xD1\x83\xD0\xBF\xD0\xBE\xD0\xB2",
			"Yerlan Zhakupov"); /* Ерлан Жакупов */
	assert_same_key("Yerlan Zhakupov", "Erlan Zhakupov");
	assert_same_key("ERLAN  zhakupov", "Erlan-Zhakupov");
	assert_same_key("\xD0\x94\xD0\xBC\xD0\xB8\xD1\x82\xD1\x80\xD0\xB8\xD0\xB9 \xD0\xA4\xD1\x91\xD0\xB4\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB2",
			"Dmitriy Fyodorov"); /* Дмитрий Фёдоров */
	assert_same_key("Dmitriy Fyodorov", "Dmitrii Fedorov");
	assert_same_key("Dmitry Fedorov", "Dmitrij Fjodorov");
	/* Kazakh letters: Қайрат Мұхтарұлы */
	assert_same_key("\xD2\x9A\xD0\xB0\xD0\xB9\xD1\x80\xD0\xB0\xD1\x82 \xD0\x9C\xD2\xB1\xD1\x85\xD1\x82\xD0\xB0\xD1\x80\xD2\xB1\xD0\xBB\xD1\x8B",
			"Kairat Mukhtaruly");
	assert_same_key("Qayrat Muhtaruly", "Kairat Mukhtaruly");
	assert_same_key("Aleksandr", "Alexandr");
	assert_same_key("O'Brien", "OBrien");
	/* the Kazakh Latin alphabet's j for Ж is close enough to be looked at */
	assert_true(similarity("Jakupov Yerlan", "Zhakupov Yerlan") >= NAMES_POSSIBLE);
	/* order does not matter; an initial counts; a patronymic costs little */
	assert_true(similarity("Zhakupov Yerlan", "Yerlan Zhakupov") > 0.99);
	assert_true(similarity("E. Zhakupov", "Yerlan Zhakupov") >= NAMES_LIKELY);
	assert_true(similarity("Yerlan Serikovich Zhakupov", "Erlan Zhakupov") >= NAMES_LIKELY);
	assert_true(similarity("Yerlan Zhakipov", "Yerlan Zhakupov") >= NAMES_LIKELY);
	/* different people are not */
	assert_true(similarity("Yerlan Zhakupov", "Aigerim Bekova") < 0.7);
	assert_true(similarity("Yerlan Zhakupov", "Yerlan Bekov") < NAMES_POSSIBLE);
	/* a first name alone is weak */
	assert_true(similarity("Yerlan", "Yerlan Zhakupov") < NAMES_POSSIBLE);
	assert_true(names_similarity("", "x") == 0);
	/* scripts without a table still meet themselves */
	assert_true(similarity("\xE6\x9D\x8E\xE6\x98\x8E", "\xE6\x9D\x8E\xE6\x98\x8E") > 0.99);
}

static void test_key_contains(void **state)
{
	(void)state;
	char *text = names_key("They were beaten, hooded; and doused with ice-cold water.");
	char *beat = names_key("beat"), *ice = names_key("ice-cold water"), *cold = names_key("cold ice");
	assert_true(names_key_contains(text, beat, false));
	assert_false(names_key_contains(text, beat, true));
	assert_true(names_key_contains(text, ice, false));
	assert_false(names_key_contains(text, cold, false));
	free(text);
	free(beat);
	free(ice);
	free(cold);
	/* Russian words found whatever the case ending: пытк in пытками */
	char *ru = names_key("\xD0\x9F\xD1\x8B\xD1\x82\xD0\xBA\xD0\xB0\xD0\xBC\xD0\xB8"), *stem = names_key("\xD0\xBF\xD1\x8B\xD1\x82\xD0\xBA");
	assert_true(names_key_contains(ru, stem, false));
	free(ru);
	free(stem);
}

static struct event_date date_of(const char *text)
{
	struct event_date d;
	struct error err = {{0}};
	if (event_date_parse(text, date_parse_iso("2024-05-01"), &d, &err) < 0)
		fail_msg("%s: %s", text, err.message);
	return d;
}

static void assert_phrase(const char *text, const char *phrase)
{
	struct event_date d = date_of(text);
	struct buf b = BUF_INIT, f = BUF_INIT;
	event_date_phrase(&d, &b);
	assert_string_equal(b.data, phrase);
	/* and the written form comes back as given */
	event_date_format(&d, &f);
	assert_string_equal(f.data, text);
	buf_release(&b);
	buf_release(&f);
}

static void test_uncertain_dates(void **state)
{
	(void)state;
	assert_phrase("2022-01-06", "on 6 January 2022");
	assert_phrase("2022-01-06T14:30", "on 6 January 2022 at 14:30");
	assert_phrase("2022-01-06/2022-01-09", "between 6 and 9 January 2022");
	assert_phrase("2021-12-28/2022-01-03", "between 28 December 2021 and 3 January 2022");
	assert_phrase("2022-01", "in January 2022");
	assert_phrase("2022", "in 2022");
	assert_phrase("~2022-01-08", "on or around 8 January 2022");
	assert_phrase("unknown", "on a date not known");
	struct event_date m = date_of("2022-02");
	assert_int_equal(m.from, date_parse_iso("2022-02-01"));
	assert_int_equal(m.to, date_parse_iso("2022-02-28"));
	struct event_date e = date_of("~2022-01-08");
	assert_int_equal(e.to - e.from, 2 * EVENT_DATE_ESTIMATE_DAYS);
	long long lo, hi;
	assert_true(event_date_bounds(&m, &lo, &hi));
	assert_int_equal(hi - lo, 28 * 1440 - 1);
	/* order by the middle of the span: 6 Jan, 6-8 Jan, around 8 Jan, January, unknown */
	struct event_date a = date_of("2022-01-06"), r = date_of("2022-01-06/2022-01-08"), u = date_of("unknown"),
			  jan = date_of("2022-01");
	assert_true(event_date_compare(&a, &r) < 0);
	assert_true(event_date_compare(&r, &e) < 0);
	assert_true(event_date_compare(&e, &jan) < 0);
	assert_true(event_date_compare(&jan, &u) < 0);
	/* refused, saying why */
	struct event_date d;
	struct error err = {{0}};
	int today = date_parse_iso("2024-05-01");
	assert_int_equal(event_date_parse("2022-01-09/2022-01-06", today, &d, &err), -1);
	assert_contains(err.message, "ends before it begins");
	assert_int_equal(event_date_parse("2025-01-01", today, &d, &err), -1);
	assert_contains(err.message, "after today");
	assert_int_equal(event_date_parse("2022-13", today, &d, &err), -1);
	assert_int_equal(event_date_parse("6 January", today, &d, &err), -1);
	assert_contains(err.message, "2022-01-06/2022-01-09");
	assert_int_equal(event_date_parse("2022-01-06T25:00", today, &d, &err), -1);
}

/* A step from a written date; place_official -1 when no place. */
static struct custody_step step(enum custody_kind kind, const char *at, int official, int registered)
{
	struct custody_step s;
	custody_step_init(&s);
	s.kind = kind;
	s.at = date_of(at);
	s.place_official = official;
	s.place_id = official >= 0 ? 1 : 0;
	s.registered = registered;
	return s;
}

static void test_custody_gaps(void **state)
{
	(void)state;
	int today = date_parse_iso("2024-05-01");
	/* the seed's pattern: held in a gymnasium, registered three days later */
	struct custody_step chain[] = {
		step(CUSTODY_APPREHENSION, "2022-01-06", 0, -1), step(CUSTODY_ADMISSION, "2022-01-06", 0, 0),
		step(CUSTODY_TRANSFER, "2022-01-08", -1, -1),	 step(CUSTODY_ADMISSION, "2022-01-09", 1, 1),
		step(CUSTODY_RELEASE, "2022-01-21", -1, -1),
	};
	struct custody_analysis a;
	custody_analyse(chain, 5, today, &a);
	assert_int_equal(a.gap_count, 1);
	assert_int_equal(a.gaps[0].kind, CUSTODY_GAP_UNREGISTERED);
	assert_int_equal(a.gaps[0].from, 0);
	assert_int_equal(a.gaps[0].to, 3);
	assert_int_equal(a.gaps[0].min_days, 3);
	assert_int_equal(a.gaps[0].max_days, 3);
	assert_int_equal(a.state, CUSTODY_FREE);
	assert_int_equal(a.problem_count, 0);
	struct buf b = BUF_INIT;
	custody_gap_describe(chain, &a.gaps[0], "Victim A", &b);
	assert_contains(b.data, "Victim A was held without being entered in any official register for 3 days");
	assert_contains(b.data, "from the apprehension (6 January 2022) to the admission (9 January 2022)");
	buf_release(&b);
	custody_analysis_release(&a);

	/* transferred, and nothing since: whereabouts unknown to this day */
	struct custody_step gone[] = {
		step(CUSTODY_APPREHENSION, "2022-01-07", 0, -1), step(CUSTODY_ADMISSION, "2022-01-07", 1, 1),
		step(CUSTODY_TRANSFER, "2022-01-10", -1, -1),
	};
	custody_analyse(gone, 3, today, &a);
	assert_int_equal(a.state, CUSTODY_WHEREABOUTS_UNKNOWN);
	assert_int_equal(a.gap_count, 1);
	assert_int_equal(a.gaps[0].kind, CUSTODY_GAP_WHEREABOUTS);
	assert_int_equal(a.gaps[0].to, -1);
	assert_int_equal(a.gaps[0].min_days, today - date_parse_iso("2022-01-10"));
	custody_analysis_release(&a);

	/* a transfer and an admission the same day are no gap; with times, hours count */
	struct custody_step quick[] = {
		step(CUSTODY_APPREHENSION, "2022-01-06T10:00", 0, -1), step(CUSTODY_ADMISSION, "2022-01-06T11:00", 1, 1),
		step(CUSTODY_TRANSFER, "2022-01-07T08:00", -1, -1),    step(CUSTODY_ADMISSION, "2022-01-07T12:00", 1, 1),
	};
	custody_analyse(quick, 4, today, &a);
	assert_int_equal(a.gap_count, 0);
	assert_int_equal(a.state, CUSTODY_HELD);
	assert_int_equal(a.held_at, 3);
	custody_analysis_release(&a);

	/* uncertain dates give bounds: apprehended some day in January, registered on 3 February */
	struct custody_step vague[] = {step(CUSTODY_APPREHENSION, "2022-01", 0, -1),
				       step(CUSTODY_ADMISSION, "2022-02-03", 1, 1)};
	custody_analyse(vague, 2, today, &a);
	assert_int_equal(a.gap_count, 2); /* not registered, whereabouts not known */
	assert_int_equal(a.gaps[0].min_days, 3);
	assert_int_equal(a.gaps[0].max_days, 33);
	b = (struct buf)BUF_INIT;
	custody_duration_phrase(&a.gaps[0], &b);
	assert_string_equal(b.data, "between 3 and 33 days");
	buf_release(&b);
	custody_analysis_release(&a);

	/* what does not fit: custody with no apprehension, a step after death; death in custody */
	struct custody_step odd[] = {
		step(CUSTODY_ADMISSION, "2022-01-06", 1, -1), step(CUSTODY_DEATH, "2022-01-09", 1, -1),
		step(CUSTODY_RELEASE, "2022-01-10", -1, -1),
	};
	custody_analyse(odd, 3, today, &a);
	assert_int_equal(a.problem_count, 2);
	assert_contains(a.problems[0], "no apprehension is recorded");
	assert_contains(a.problems[1], "comes after the death");
	assert_true(a.death_in_custody);
	assert_int_equal(a.state, CUSTODY_DEAD);
	/* registration not known counts as not registered, and says so */
	assert_int_equal(a.gap_count, 1);
	assert_true(a.gaps[0].registration_unknown);
	custody_analysis_release(&a);

	/* sorting keeps the given order of steps at the same time */
	struct custody_step mixed[] = {step(CUSTODY_ADMISSION, "2022-01-09", 1, 1), step(CUSTODY_APPREHENSION, "2022-01-06", 0, -1),
				       step(CUSTODY_TRANSFER, "2022-01-09", -1, -1)};
	custody_sort(mixed, 3);
	assert_int_equal(mixed[0].kind, CUSTODY_APPREHENSION);
	assert_int_equal(mixed[1].kind, CUSTODY_ADMISSION);
	assert_int_equal(mixed[2].kind, CUSTODY_TRANSFER);
}

static void test_vocabulary_covers_the_seed(void **state)
{
	(void)state;
	const struct vocab *v = vocab_shared();
	/* every method AL KAZ 2/2024 names */
	const char *methods[] = {"beating", "burning-hot-iron", "electric-shocks", "hooding", "dousing-boiling-water",
				 "dousing-ice-cold-water", "pulling-out-teeth", "sexual-violence", "threats-of-rape",
				 "tear-gas", "stun-grenades", "water-cannon", "lethal-force", "unregistered-detention",
				 "denial-of-counsel", "pressure-to-withdraw-complaint", "intimidation-at-trial",
				 "closed-hearings"};
	for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
		if (!vocab_find(&v->methods, methods[i]))
			fail_msg("method %s is missing", methods[i]);
	/* and every place: formal and informal detention centres, police stations, gymnasia, streets, hospitals */
	const char *places[] = {"formal-detention-centre", "informal-detention-centre", "police-station", "gymnasium",
				"street", "hospital"};
	for (size_t i = 0; i < sizeof(places) / sizeof(*places); i++)
		assert_non_null(vocab_find(&v->place_kinds, places[i]));
	assert_int_equal(vocab_find(&v->place_kinds, "gymnasium")->flag, 0);
	assert_int_equal(vocab_find(&v->place_kinds, "police-station")->flag, 1);
	assert_int_equal(vocab_find(&v->place_kinds, "hospital")->flag, -1);
	/* the Istanbul Protocol's grades, in order */
	const char *grades[] = {"not-consistent", "consistent", "highly-consistent", "typical", "diagnostic"};
	for (int i = 0; i < 5; i++)
		assert_int_equal(vocab_index(&v->grades, grades[i]), i);
	/* torture suggests what AL KAZ 2/2024 cites */
	const struct vocab_entry *t = vocab_find(&v->act_types, "torture");
	assert_string_equal(t->suggests.mandates[0], "torture");
	assert_string_equal(t->suggests.provisions[0].instrument, "CAT");
	assert_string_equal(t->suggests.provisions[1].instrument, "ICCPR");
	assert_string_equal(t->suggests.provisions[1].articles[0], "7");
	const struct vocab_entry *d = vocab_find(&v->act_types, "enforced-disappearance");
	assert_string_equal(d->suggests.mandates[0], "disappearances");
	bool art17 = false;
	for (size_t i = 0; i < d->suggests.provision_count; i++)
		for (size_t k = 0; k < d->suggests.provisions[i].article_count; k++)
			art17 = art17 || (!strcmp(d->suggests.provisions[i].instrument, "ICPPED") &&
					  !strcmp(d->suggests.provisions[i].articles[k], "17"));
	assert_true(art17);
	struct error err = {{0}};
	assert_null(vocab_check(&v->methods, "waterboard", "acts[0].method", &err));
	assert_contains(err.message, "acts[0].method: \"waterboard\" is not a method; one of: beating");
}

static void test_mandates_suggested(void **state)
{
	(void)state;
	struct intake_submission s;
	intake_init(&s);
	s.subject = xstrdup("Detained protesters beaten in Almaty");
	s.narrative = xstrdup("They were hooded and given electric shocks. Nobody was registered and the family "
			      "searched the police stations for days. A journalist was among them.");
	struct intake_suggestion *sg;
	size_t n = intake_suggest_mandates(&s, &sg);
	assert_true(n >= 3);
	assert_string_equal(sg[0].mandate, "torture");
	assert_contains(sg[0].evidence, "\"electric shock\"");
	bool disappearances = false, assembly = false;
	for (size_t i = 0; i < n; i++) {
		disappearances = disappearances || !strcmp(sg[i].mandate, "disappearances");
		assembly = assembly || !strcmp(sg[i].mandate, "assembly-association");
	}
	assert_true(disappearances);
	assert_true(assembly);
	intake_suggestions_free(sg, n);
	intake_release(&s);

	/* in Russian, with the country's own mandate and the victim's profile */
	intake_init(&s);
	s.narrative = xstrdup("\xD0\x95\xD0\xB3\xD0\xBE \xD0\xB8\xD0\xB7\xD0\xB1\xD0\xB8\xD0\xB2\xD0\xB0\xD0\xBB\xD0\xB8 "
			      "\xD0\xB8 \xD0\xBF\xD1\x8B\xD1\x82\xD0\xB0\xD0\xBB\xD0\xB8 \xD1\x82\xD0\xBE\xD0\xBA\xD0\xBE\xD0\xBC.");
	/* Его избивали и пытали током. */
	snprintf(s.country, sizeof(s.country), "BLR");
	s.victims = xcalloc(1, sizeof(*s.victims));
	person_init(&s.victims[0]);
	s.victims[0].profiles = xstrdup("journalist");
	s.victim_count = 1;
	n = intake_suggest_mandates(&s, &sg);
	bool torture = false, belarus = false, expression = false;
	for (size_t i = 0; i < n; i++) {
		torture = torture || !strcmp(sg[i].mandate, "torture");
		belarus = belarus || !strcmp(sg[i].mandate, "belarus");
		expression = expression || !strcmp(sg[i].mandate, "expression");
	}
	assert_true(torture);
	assert_true(belarus);
	assert_true(expression);
	intake_suggestions_free(sg, n);
	intake_release(&s);
}

static void test_intake_refuses(void **state)
{
	(void)state;
	int today = date_parse_iso("2024-05-01");
	const char *bad[][2] = {
		{"{\"narrative\": \"x\"}", "source: required: anonymous submissions are refused"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Anonymous\", \"contact\": \"a@b\"}}", "source.name: anonymous"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"N/A\", \"contact\": \"a@b\"}}", "source.name: anonymous"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\"}}", "source.contact: required"},
		{"{\"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}}", "narrative: required"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}, \"victims\": [{\"name\": \"A B\"}]}",
		 "victims[0].consent: required"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}, \"victims\": [{\"group\": \"g\"}]}",
		 "victims[0].count: required"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}, \"country\": \"XYZ\"}", "country:"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}, \"urgency\": \"now\"}", "urgency:"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}, \"received\": \"2030-01-01\"}",
		 "received: 2030-01-01 is after today"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}, \"victim\": []}",
		 "victim: unknown field"},
		/* the subject and a group's description are in clear: no name of the source or a victim,
		 * in any script */
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana Ospanova\", \"contact\": \"d@x\"}, "
		 "\"subject\": \"Reported by Dana Ospanova\"}",
		 "subject: it names the source"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}, \"subject\": "
		 "\"Zhakupov beaten\", \"victims\": [{\"name\": \"\u0415\u0440\u043b\u0430\u043d "
		 "\u0416\u0430\u043a\u0443\u043f\u043e\u0432\", \"consent\": true}]}",
		 "subject: it names victims[0]"},
		{"{\"narrative\": \"x\", \"source\": {\"name\": \"Dana\", \"contact\": \"d@x\"}, \"victims\": "
		 "[{\"name\": \"Marat Ospanov\", \"consent\": false}, {\"group\": \"Ospanov and his cellmates\", "
		 "\"count\": 4}]}",
		 "victims[1].group: it names victims[0]"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		json_error_t jerr;
		json_t *j = json_loads(bad[i][0], 0, &jerr);
		if (!j)
			fail_msg("test JSON %zu: %s", i, jerr.text);
		struct intake_submission s;
		intake_init(&s);
		struct error err = {{0}};
		assert_int_equal(intake_from_json(j, today, &s, &err), -1);
		assert_contains(err.message, bad[i][1]);
		intake_release(&s);
		json_decref(j);
	}
	/* a document needs no contact; a person does */
	json_t *j = json_loads("{\"narrative\": \"x\", \"source\": {\"kind\": \"media\", \"name\": \"A newspaper\"}}", 0, NULL);
	struct intake_submission s;
	intake_init(&s);
	struct error err = {{0}};
	assert_int_equal(intake_from_json(j, today, &s, &err), 0);
	intake_release(&s);
	json_decref(j);
}

static void test_public_name(void **state)
{
	(void)state;
	char label[32];
	persons_label(0, label);
	assert_string_equal(label, "Victim A");
	persons_label(25, label);
	assert_string_equal(label, "Victim Z");
	persons_label(26, label);
	assert_string_equal(label, "Victim AA");
	persons_label(27, label);
	assert_string_equal(label, "Victim AB");
	struct person p;
	person_init(&p);
	p.name = xstrdup("Yerlan Zhakupov");
	p.label = xstrdup("Victim A");
	struct buf b = BUF_INIT;
	person_public_name(&p, &b);
	assert_string_equal(b.data, "Victim A");
	buf_reset(&b);
	person_officer_name(&p, &b);
	assert_string_equal(b.data, "Yerlan Zhakupov (not to be named: Victim A)");
	p.consent = true;
	buf_reset(&b);
	person_public_name(&p, &b);
	assert_string_equal(b.data, "Yerlan Zhakupov");
	person_release(&p);
	person_init(&p);
	p.group = true;
	p.group_count = 40;
	p.group_description = xstrdup("protesters held in a gymnasium");
	buf_reset(&b);
	person_public_name(&p, &b);
	assert_string_equal(b.data, "a group of 40 people (protesters held in a gymnasium)");
	buf_release(&b);
	person_release(&p);
}

/* A case built in memory: what case_draft_json() makes of it. */
static void test_draft_from_case(void **state)
{
	(void)state;
	struct case_record c;
	memset(&c, 0, sizeof(c));
	c.id = 7;
	c.title = xstrdup("Protesters ill-treated in Almaty");
	snprintf(c.country, sizeof(c.country), "KAZ");
	c.victims = xcalloc(2, sizeof(*c.victims));
	c.victim_count = 2;
	person_init(&c.victims[0]);
	c.victims[0].id = 1;
	c.victims[0].name = xstrdup("Yerlan Zhakupov");
	c.victims[0].label = xstrdup("Victim A");
	c.victims[0].sex = xstrdup("male");
	c.victims[0].age = 34;
	person_init(&c.victims[1]);
	c.victims[1].id = 2;
	c.victims[1].name = xstrdup("Aigerim Bekova");
	c.victims[1].consent = true;
	c.victims[1].label = xstrdup("Victim B");
	c.victims[1].profiles = xstrdup("journalist");
	c.places = xcalloc(1, sizeof(*c.places));
	c.place_count = 1;
	c.places[0] = (struct case_place){3, xstrdup("the gymnasium of school No. 41"), xstrdup("Almaty"), NULL, "gymnasium", false};
	c.events = xcalloc(1, sizeof(*c.events));
	c.event_count = 1;
	c.events[0].id = 4;
	c.events[0].date = date_of("2022-01-06/2022-01-08");
	c.events[0].place_id = 3;
	c.events[0].summary = xstrdup("The detainees were held for two nights");
	c.events[0].acts = xcalloc(3, sizeof(struct case_act));
	c.events[0].act_count = 3;
	c.events[0].acts[0] = (struct case_act){10, 4, 1, 0, "torture", "electric-shocks"};
	c.events[0].acts[1] = (struct case_act){11, 4, 1, 0, "torture", "hooding"};
	c.events[0].acts[2] = (struct case_act){12, 4, 2, 0, "torture", "burning-hot-iron"};
	c.steps = xcalloc(2, sizeof(*c.steps));
	c.step_count = 2;
	c.steps[0] = step(CUSTODY_APPREHENSION, "2022-01-06", 0, -1);
	c.steps[1] = step(CUSTODY_ADMISSION, "2022-01-10", 1, 1);
	c.steps[0].person_id = c.steps[1].person_id = 1;
	struct buf explain = BUF_INIT;
	json_t *d = case_draft_json(&c, date_parse_iso("2024-05-01"), &explain);
	const char *facts = json_string_value(json_object_get(d, "facts"));
	/* the victim who did not consent appears by label only; the one who did, by name */
	assert_contains(facts, "Victim A, a man aged 34");
	assert_not_contains(facts, "Zhakupov");
	assert_contains(facts, "Aigerim Bekova was burned with hot irons");
	assert_contains(facts, "**Between 6 and 8 January 2022**, at the gymnasium of school No. 41, Almaty (a gymnasium, not an official place of detention)");
	assert_contains(facts, "Victim A was subjected to electric shocks and hooded");
	assert_contains(facts, "Victim A was held without being entered in any official register for 4 days");
	/* still held: an urgent appeal */
	assert_contains(facts, "Victim A remains held");
	assert_string_equal(json_string_value(json_object_get(d, "type")), "UA");
	/* what it suggests */
	assert_string_equal(json_string_value(json_array_get(json_object_get(d, "mandates"), 0)), "torture");
	char *dump = json_dumps(d, JSON_SORT_KEYS);
	assert_contains(dump, "\"instrument\": \"CAT\"");
	assert_contains(dump, "\"ICPPED\"");
	assert_contains(dump, "\"disappearances\"");
	assert_contains(dump, "\"expression\"");
	assert_contains(dump, "torture-investigation-steps");
	assert_contains(dump, "disappearance-registers");
	assert_not_contains(dump, "Zhakupov");
	assert_contains(explain.data, "acts of torture (acts 10, 11, 12)");
	/* and it is a draft the validator takes */
	struct draft dr;
	draft_init(&dr);
	struct error err = {{0}};
	if (draft_apply_json(&dr, d, kb_shared(), &err) < 0)
		fail_msg("draft: %s", err.message);
	assert_int_equal(draft_check_complete(&dr, &err), 0);
	draft_release(&dr);
	free(dump);
	json_decref(d);
	buf_release(&explain);
	case_record_release(&c);
}

/* --- sealed fields on a real database --------------------------------------------------------- */

static char db_path[64], key_path[80];

static struct db *fresh_store(void)
{
	strcpy(db_path, "/tmp/rapporteur-cases-XXXXXX");
	int fd = mkstemp(db_path);
	assert_true(fd >= 0);
	close(fd);
	unlink(db_path);
	snprintf(key_path, sizeof(key_path), "%s.key", db_path);
	struct error err = {{0}};
	struct db *db = db_open(db_path, &err);
	if (!db || store_migrate(db, &err) < 0 || store_load_kb(db, kb_shared(), &err) < 0)
		fail_msg("store: %s", err.message);
	return db;
}

static void drop_store(struct db *db)
{
	db_close(db);
	char side[96];
	const char *ext[] = {"", "-wal", "-shm", ".key", ".key.tmp"};
	for (int i = 0; i < 5; i++) {
		snprintf(side, sizeof(side), "%s%s", db_path, ext[i]);
		unlink(side);
	}
}

static void test_sealed_and_rotated(void **state)
{
	(void)state;
	unsetenv("RAPPORTEUR_KEY_FILE");
	struct db *db = fresh_store();
	struct error err = {{0}};
	struct privacy *pv = privacy_open(db, NULL, &err);
	if (!pv)
		fail_msg("privacy_open: %s", err.message);
	assert_string_equal(pv->path, key_path);
	struct stat st;
	assert_int_equal(stat(key_path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* sealed, opened; bound to its column; tampering is found */
	char *s = privacy_seal(pv, "persons.name_sealed", "Yerlan Zhakupov");
	assert_not_contains(s, "Zhakupov");
	assert_true(!strncmp(s, "s1.", 3));
	char *plain = privacy_unseal(pv, "persons.name_sealed", s, &err);
	assert_string_equal(plain, "Yerlan Zhakupov");
	free(plain);
	assert_null(privacy_unseal(pv, "sources.identity_sealed", s, &err));
	assert_contains(err.message, "sealed for another column");
	s[strlen(s) - 3] = s[strlen(s) - 3] == 'A' ? 'B' : 'A';
	assert_null(privacy_unseal(pv, "persons.name_sealed", s, &err));
	free(s);
	/* two seals of one text differ (a fresh nonce each time) */
	char *s1 = privacy_seal(pv, "x", "same"), *s2 = privacy_seal(pv, "x", "same");
	assert_string_not_equal(s1, s2);
	free(s1);
	free(s2);

	/* a person stored, found blind, rotated, still readable and still found */
	struct person p;
	person_init(&p);
	p.name = xstrdup("\xD0\x95\xD1\x80\xD0\xBB\xD0\xB0\xD0\xBD \xD0\x96\xD0\xB0\xD0\xBA\xD1\x83\xD0\xBF\xD0\xBE\xD0\xB2");
	p.contact = xstrdup("+7 700 555 0101");
	long long id = persons_insert(db, pv, &p, &err);
	assert_true(id > 0);
	person_release(&p);
	long long *ids;
	size_t n;
	assert_int_equal(persons_candidates(db, pv, "Yerlan Zhakupov", 0, &ids, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], id);
	free(ids);
	char old[16];
	snprintf(old, sizeof(old), "%s", pv->keys[0].id);
	long long fields;
	if (privacy_rotate(db, pv, &fields, &err) < 0)
		fail_msg("rotate: %s", err.message);
	assert_int_equal(fields, 2);
	assert_string_not_equal(pv->keys[0].id, old);
	assert_int_equal(pv->key_count, 1);
	privacy_free(pv);
	/* a fresh open reads the new key file and the database agrees */
	pv = privacy_open(db, NULL, &err);
	if (!pv)
		fail_msg("privacy_open after rotation: %s", err.message);
	assert_int_equal(pv->key_count, 1);
	assert_int_equal(persons_load(db, pv, id, &p, &err), 0);
	assert_string_equal(p.contact, "+7 700 555 0101");
	person_release(&p);
	assert_int_equal(persons_candidates(db, pv, "Erlan Zhakupov", 0, &ids, &n, &err), 0);
	assert_int_equal(n, 1);
	free(ids);
	assert_int_equal(db_query_int(db, 0, "SELECT count(*) FROM privacy_keys WHERE status = 'retired'", NULL), 1);
	privacy_free(pv);
	/* a key file others can read is refused */
	chmod(key_path, 0644);
	assert_null(privacy_open(db, NULL, &err));
	assert_contains(err.message, "chmod 600");
	chmod(key_path, 0600);
	drop_store(db);
}

static void test_wrong_key_refused(void **state)
{
	(void)state;
	unsetenv("RAPPORTEUR_KEY_FILE");
	struct db *db = fresh_store();
	struct error err = {{0}};
	struct privacy *pv = privacy_open(db, NULL, &err);
	assert_non_null(pv);
	privacy_free(pv);
	/* another key file, made for another database */
	char other[96];
	snprintf(other, sizeof(other), "%s.other.key", db_path);
	unlink(other);
	struct db *db2 = db_open(":memory:", &err);
	assert_non_null(db2);
	assert_int_equal(store_migrate(db2, &err) >= 0, 1);
	bool created;
	assert_int_equal(privacy_setup(db2, other, &created, &err), 0);
	assert_true(created);
	db_close(db2);
	assert_null(privacy_open(db, other, &err));
	assert_contains(err.message, "the database's confidential fields are sealed under key");
	unlink(other);
	/* the key file gone: refused, never replaced by a new key */
	unlink(key_path);
	assert_null(privacy_open(db, NULL, &err));
	assert_contains(err.message, "restore it from its backup");
	drop_store(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_across_scripts),
		cmocka_unit_test(test_key_contains),
		cmocka_unit_test(test_uncertain_dates),
		cmocka_unit_test(test_custody_gaps),
		cmocka_unit_test(test_vocabulary_covers_the_seed),
		cmocka_unit_test(test_mandates_suggested),
		cmocka_unit_test(test_intake_refuses),
		cmocka_unit_test(test_public_name),
		cmocka_unit_test(test_draft_from_case),
		cmocka_unit_test(test_sealed_and_rotated),
		cmocka_unit_test(test_wrong_key_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
