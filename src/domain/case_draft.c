/*
 * case_draft.c - a case becomes a draft communication. See case_draft.h.
 * Every person is written through person_public_name(): a victim who did
 * not consent is "Victim A" here, whatever the officer sees. English only:
 * the facts are drafted in English and the officer translates.
 */
#include "case_draft.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "../util/date.h"
#include "../util/die.h"
#include "clock.h"
#include "draft.h"
#include "vocab.h"
#include "workflow.h"

/* --- suggestions: weighted mandates, provisions and questions in order ----------------------------- */

struct weight {
	const char *mandate;
	int score;
	size_t first; /* order of the first contribution, for ties */
};

struct plan {
	struct weight *mandates;
	size_t mandate_count, mandate_cap, contributions;
	json_t *provisions; /* {"CAT": ["1", ...]} */
	json_t *instrument_order;
	struct weight *questions; /* ids (in .mandate), weighed as the mandates are */
	size_t question_count, question_cap;
	struct buf *explain;
};

static void weigh(struct plan *p, const char *mandate, int score)
{
	for (size_t i = 0; i < p->mandate_count; i++)
		if (!strcmp(p->mandates[i].mandate, mandate)) {
			p->mandates[i].score += score;
			return;
		}
	ALLOC_GROW(p->mandates, p->mandate_count + 1, p->mandate_cap);
	p->mandates[p->mandate_count++] = (struct weight){mandate, score, p->contributions++};
}

/* A question weighs what the terms that suggest it weigh: with twelve at most,
 * those of the acts most alleged come first. */
static void add_question(struct plan *p, const char *id, int score)
{
	for (size_t i = 0; i < p->question_count; i++)
		if (!strcmp(p->questions[i].mandate, id)) {
			p->questions[i].score += score;
			return;
		}
	ALLOC_GROW(p->questions, p->question_count + 1, p->question_cap);
	p->questions[p->question_count++] = (struct weight){id, score, p->contributions++};
}

static void explain_suggests(struct buf *out, const char *why, const struct vocab_suggests *s);

static void suggest(struct plan *p, const struct vocab_suggests *s, int lead_weight, const char *why)
{
	for (size_t i = 0; i < s->mandate_count; i++)
		weigh(p, s->mandates[i], i == 0 ? lead_weight : lead_weight - 1);
	for (size_t i = 0; i < s->provision_count; i++) {
		const struct vocab_provision *vp = &s->provisions[i];
		json_t *arts = json_object_get(p->provisions, vp->instrument);
		if (!arts) {
			arts = json_array();
			json_object_set_new(p->provisions, vp->instrument, arts);
			json_array_append_new(p->instrument_order, json_string(vp->instrument));
		}
		for (size_t k = 0; k < vp->article_count; k++) {
			bool have = false;
			for (size_t a = 0; a < json_array_size(arts) && !have; a++)
				have = !strcmp(json_string_value(json_array_get(arts, a)), vp->articles[k]);
			if (!have)
				json_array_append_new(arts, json_string(vp->articles[k]));
		}
	}
	for (size_t i = 0; i < s->question_count; i++)
		add_question(p, s->questions[i], lead_weight);
	if (p->explain && why)
		explain_suggests(p->explain, why, s);
}

/* "why: mandates a, b; CAT 1,2; ICCPR 7; questions q1, q2" */
static void explain_suggests(struct buf *out, const char *why, const struct vocab_suggests *s)
{
	buf_addf(out, "%s:", why);
	if (s->mandate_count) {
		buf_adds(out, " mandates");
		for (size_t i = 0; i < s->mandate_count; i++)
			buf_addf(out, "%s %s", i ? "," : "", s->mandates[i]);
		buf_addch(out, ';');
	}
	for (size_t i = 0; i < s->provision_count; i++) {
		buf_addf(out, " %s ", s->provisions[i].instrument);
		for (size_t k = 0; k < s->provisions[i].article_count; k++)
			buf_addf(out, "%s%s", k ? "," : "", s->provisions[i].articles[k]);
		buf_addch(out, ';');
	}
	if (s->question_count) {
		buf_adds(out, " questions");
		for (size_t i = 0; i < s->question_count; i++)
			buf_addf(out, "%s %s", i ? "," : "", s->questions[i]);
	}
	buf_rtrim(out);
	if (out->len && out->data[out->len - 1] == ';')
		buf_setlen(out, out->len - 1);
	buf_addch(out, '\n');
}

static int by_weight(const void *a, const void *b)
{
	const struct weight *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Articles in their numeric order: "2" before "12", "17" before "17(3)". */
static int by_article(const void *a, const void *b)
{
	const char *x = json_string_value(*(json_t *const *)a), *y = json_string_value(*(json_t *const *)b);
	long nx = strtol(x, NULL, 10), ny = strtol(y, NULL, 10);
	return nx != ny ? (nx < ny ? -1 : 1) : strcmp(x, y);
}

/* --- the facts ------------------------------------------------------------------------------------- */

static void capitalised(struct buf *out, const char *s)
{
	size_t at = out->len;
	buf_adds(out, s);
	if (out->len > at)
		out->data[at] = (char)toupper((unsigned char)out->data[at]);
}

static void public_name(const struct case_record *c, long long person_id, struct buf *out)
{
	const struct person *p = case_victim(c, person_id);
	if (p)
		person_public_name(p, out);
	else
		buf_adds(out, "a victim");
}

static void describe_victim(const struct person *p, struct buf *out)
{
	const struct vocab *v = vocab_shared();
	person_public_name(p, out);
	if (p->group)
		return;
	bool any = false;
	if (p->sex && (!strcmp(p->sex, "male") || !strcmp(p->sex, "female"))) {
		buf_addf(out, ", a %s", !strcmp(p->sex, "male") ? "man" : "woman");
		any = true;
	}
	if (p->age >= 0) {
		buf_addf(out, "%s aged %d", any ? "" : ",", p->age);
		any = true;
	}
	if (p->profiles) {
		char *copy = xstrdup(p->profiles), *save = NULL;
		for (char *id = strtok_r(copy, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
			const struct vocab_entry *e = vocab_find(&v->profiles, id);
			if (e) {
				buf_addf(out, "%s %s", any ? " and" : ",", e->label);
				any = true;
			}
		}
		free(copy);
	}
}

static void place_phrase(const struct case_place *pl, struct buf *out)
{
	const struct vocab_entry *k = vocab_find(&vocab_shared()->place_kinds, pl->kind);
	buf_addf(out, "%s", pl->name);
	if (pl->locality)
		buf_addf(out, ", %s", pl->locality);
	if (k && k->flag == 1 && pl->official)
		return;
	buf_addf(out, " (%s, %s)", k ? k->label : "a place", pl->official ? "an official place of detention"
									    : "not an official place of detention");
}

static void perpetrator_phrase(const struct case_perpetrator *p, struct buf *out)
{
	if (p->role && p->unit)
		buf_addf(out, " by %s of %s", p->role, p->unit);
	else if (p->unit)
		buf_addf(out, " by %s", p->unit);
	else if (p->role)
		buf_addf(out, " by %s", p->role);
}

/* "a, b and c" from the participles. */
static void list_phrase(struct buf *out, const char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_addf(out, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", items[i]);
}

static void event_facts(const struct case_record *c, const struct case_event *e, struct buf *md)
{
	const struct vocab *v = vocab_shared();
	struct buf when = BUF_INIT;
	event_date_phrase(&e->date, &when);
	buf_adds(md, "**");
	capitalised(md, when.data);
	buf_adds(md, "**");
	buf_release(&when);
	const struct case_place *pl = case_place(c, e->place_id);
	if (pl) {
		buf_adds(md, ", at ");
		place_phrase(pl, md);
	}
	buf_addf(md, ": %s", e->summary);
	if (md->len && md->data[md->len - 1] != '.')
		buf_addch(md, '.');
	/* the acts, one sentence per victim and perpetrator */
	bool *done = xcalloc(e->act_count + 1, sizeof(bool));
	for (size_t i = 0; i < e->act_count; i++) {
		if (done[i] || case_fact_doubtful(c, "act", e->acts[i].id))
			continue;
		const char **what = xcalloc(e->act_count + 1, sizeof(char *));
		size_t n = 0;
		for (size_t k = i; k < e->act_count; k++) {
			const struct case_act *a = &e->acts[k];
			if (done[k] || a->victim_id != e->acts[i].victim_id || a->perpetrator_id != e->acts[i].perpetrator_id ||
			    case_fact_doubtful(c, "act", a->id))
				continue;
			done[k] = true;
			const struct vocab_entry *m = vocab_find(&v->methods, a->method);
			const struct vocab_entry *t = vocab_find(&v->act_types, a->type);
			/* a method says what was done; an act with none, its type */
			const char *item = m && m->past ? m->past : t ? t->label : "ill-treatment";
			bool dup = false;
			for (size_t d = 0; d < n && !dup; d++)
				dup = !strcmp(what[d], item);
			if (!dup)
				what[n++] = item;
		}
		buf_adds(md, " ");
		struct buf who = BUF_INIT;
		public_name(c, e->acts[i].victim_id, &who);
		capitalised(md, who.data);
		buf_release(&who);
		const struct person *p = case_victim(c, e->acts[i].victim_id);
		buf_adds(md, p && p->group && p->group_count > 1 ? " were " : " was ");
		for (size_t k = 0; k < n; k++) {
			buf_adds(md, k == 0 ? "" : k + 1 == n ? " and " : ", ");
			/* a type's label is a noun ("sexual violence"): what the victim was subjected to */
			bool noun = false;
			for (size_t t = 0; t < v->act_types.count && !noun; t++)
				noun = what[k] == v->act_types.items[t].label;
			buf_addf(md, "%s%s", noun ? "subjected to " : "", what[k]);
		}
		const struct case_perpetrator *perp = case_perpetrator(c, e->acts[i].perpetrator_id);
		if (perp)
			perpetrator_phrase(perp, md);
		buf_addch(md, '.');
		free(what);
	}
	free(done);
	buf_adds(md, "\n\n");
}

static void step_sentence(const struct custody_step *s, const char *who, bool first, struct buf *md)
{
	struct buf when = BUF_INIT;
	event_date_phrase(&s->at, &when);
	if (!first)
		buf_adds(md, " ");
	capitalised(md, who);
	switch (s->kind) {
	case CUSTODY_APPREHENSION:
		buf_addf(md, " was apprehended %s", when.data);
		if (s->place_name)
			buf_addf(md, " at %s", s->place_name);
		if (s->authority)
			buf_addf(md, " by %s", s->authority);
		if (s->ordered_by)
			buf_addf(md, " on the order of %s", s->ordered_by);
		if (s->grounds)
			buf_addf(md, " on the grounds of %s", s->grounds);
		break;
	case CUSTODY_ADMISSION:
		buf_addf(md, " was taken to %s %s", s->place_name ? s->place_name : "a place not known", when.data);
		if (s->place_official == 0)
			buf_adds(md, ", which is not an official place of detention");
		else if (s->registered == 1)
			buf_adds(md, ", where the admission was entered in the official register");
		else if (s->registered == 0)
			buf_adds(md, ", where the admission was not entered in any register");
		break;
	case CUSTODY_TRANSFER:
		buf_adds(md, " was transferred");
		if (s->authority)
			buf_addf(md, " by %s", s->authority);
		buf_addf(md, " %s to %s", when.data, s->place_name ? s->place_name : "a place not known");
		break;
	case CUSTODY_RELEASE:
		buf_addf(md, " was released %s", when.data);
		break;
	case CUSTODY_DEATH:
		buf_addf(md, " died %s", when.data);
		if (s->place_name)
			buf_addf(md, " at %s", s->place_name);
		if (s->cause)
			buf_addf(md, "; the cause of death given was %s", s->cause);
		break;
	}
	buf_addch(md, '.');
	buf_release(&when);
}

/* The chain of one victim, its gaps, and what they suggest. */
static void custody_facts(const struct case_record *c, const struct person *p, int today, struct plan *plan,
			  struct buf *md, bool *ongoing)
{
	const struct vocab *v = vocab_shared();
	size_t n = 0;
	for (size_t i = 0; i < c->step_count; i++)
		n += c->steps[i].person_id == p->id;
	if (!n)
		return;
	struct custody_step *steps = xcalloc(n, sizeof(*steps));
	n = 0;
	for (size_t i = 0; i < c->step_count; i++)
		if (c->steps[i].person_id == p->id)
			steps[n++] = c->steps[i]; /* shallow */
	struct buf who = BUF_INIT;
	person_public_name(p, &who);
	for (size_t i = 0; i < n; i++)
		step_sentence(&steps[i], who.data, i == 0, md);
	struct custody_analysis a;
	custody_analyse(steps, n, today, &a);
	bool unregistered = false, unknown = false;
	for (size_t g = 0; g < a.gap_count; g++) {
		buf_adds(md, " ");
		custody_gap_describe(steps, &a.gaps[g], who.data, md);
		unregistered = unregistered || a.gaps[g].kind == CUSTODY_GAP_UNREGISTERED;
		unknown = unknown || a.gaps[g].kind == CUSTODY_GAP_WHEREABOUTS;
	}
	if (a.state == CUSTODY_HELD)
		buf_addf(md, " %s remains held at %s.", who.data,
			 steps[a.held_at].place_name ? steps[a.held_at].place_name : "a place not known");
	else if (a.state == CUSTODY_WHEREABOUTS_UNKNOWN)
		buf_addf(md, " The fate and whereabouts of %s remain unknown.", who.data);
	buf_adds(md, "\n\n");
	struct buf why = BUF_INIT;
	if (unregistered) {
		buf_addf(&why, "custody of %s: held unregistered", who.data);
		suggest(plan, &vocab_find(&v->custody_findings, "unregistered")->suggests, 3, why.data);
	}
	if (unknown || a.state == CUSTODY_WHEREABOUTS_UNKNOWN) {
		buf_reset(&why);
		buf_addf(&why, "custody of %s: whereabouts not known", who.data);
		suggest(plan, &vocab_find(&v->custody_findings, "whereabouts-unknown")->suggests, 3, why.data);
	}
	if (a.death_in_custody) {
		buf_reset(&why);
		buf_addf(&why, "custody of %s: death in custody", who.data);
		suggest(plan, &vocab_find(&v->custody_findings, "death-in-custody")->suggests, 3, why.data);
	}
	if (a.state == CUSTODY_HELD) {
		buf_reset(&why);
		buf_addf(&why, "custody of %s: still held", who.data);
		suggest(plan, &vocab_find(&v->custody_findings, "held")->suggests, 2, why.data);
	}
	*ongoing = *ongoing || a.state == CUSTODY_HELD || a.state == CUSTODY_WHEREABOUTS_UNKNOWN;
	buf_release(&why);
	buf_release(&who);
	custody_analysis_release(&a);
	free(steps);
}

static void medical_facts(const struct case_record *c, const struct medical_exam *e, struct buf *md)
{
	const struct vocab *v = vocab_shared();
	char date[64];
	int y, m, d;
	date_to_ymd(e->examined, &y, &m, &d);
	snprintf(date, sizeof(date), "%d %s %d", d, kb_language(kb_shared(), "en")->months[m - 1].items[0], y);
	struct buf who = BUF_INIT;
	public_name(c, e->person_id, &who);
	if (!e->consent) {
		buf_addf(md, "On %s, %s declined a medical examination by %s.\n\n", date, who.data, e->examiner_role);
		buf_release(&who);
		return;
	}
	buf_addf(md, "On %s, %s was examined by %s, with %s's informed consent.", date, who.data, e->examiner_role, who.data);
	for (size_t i = 0; i < e->finding_count; i++) {
		const struct medical_finding *f = &e->findings[i];
		const struct vocab_entry *loc = vocab_find(&v->body_locations, f->location);
		const struct vocab_entry *g = vocab_find(&v->grades, f->grade);
		const struct vocab_entry *meth = vocab_find(&v->methods, f->method);
		buf_addf(md, " The findings on %s were assessed as %s %s.", loc ? loc->label : f->location,
			 g ? g->label : f->grade, meth ? meth->label : f->method);
	}
	buf_adds(md, "\n\n");
	buf_release(&who);
}

/* Which acts each act type or method stood for, to explain the suggestions once per term. */
struct terms {
	struct {
		const struct vocab_entry *entry;
		long long *acts;
		size_t act_count;
	} *items;
	size_t count, cap;
};

static void note_term(struct terms *t, const struct vocab_entry *e, long long act)
{
	size_t i = 0;
	while (i < t->count && t->items[i].entry != e)
		i++;
	if (i == t->count) {
		ALLOC_GROW(t->items, t->count + 1, t->cap);
		t->items[t->count++].entry = e;
		t->items[i].acts = NULL;
		t->items[i].act_count = 0;
	}
	t->items[i].acts = xrealloc(t->items[i].acts, (t->items[i].act_count + 1) * sizeof(long long));
	t->items[i].acts[t->items[i].act_count++] = act;
}

json_t *case_draft_json(const struct case_record *c, int today, struct buf *explain)
{
	const struct vocab *v = vocab_shared();
	const struct kb *kb = kb_shared();
	struct plan plan = {0};
	plan.provisions = json_object();
	plan.instrument_order = json_array();
	plan.explain = explain;
	add_question(&plan, "general-additional-information", 1 << 20); /* always first */
	struct buf md = BUF_INIT;
	/* who */
	const struct kb_country *country = kb_country(kb, c->country);
	buf_adds(&md, "The information received concerns ");
	for (size_t i = 0; i < c->victim_count; i++) {
		buf_adds(&md, i == 0 ? "" : i + 1 == c->victim_count ? "; and " : "; ");
		describe_victim(&c->victims[i], &md);
	}
	if (!c->victim_count)
		buf_adds(&md, "events");
	buf_addf(&md, ", in %s.\n\n", country ? country->name[KB_EN] : c->country);
	/* what happened, in the order it happened */
	size_t left_out = 0;
	struct terms terms = {0};
	for (size_t i = 0; i < c->event_count; i++) {
		const struct case_event *e = &c->events[i];
		if (case_fact_doubtful(c, "event", e->id)) {
			left_out++;
			continue;
		}
		event_facts(c, e, &md);
		for (size_t k = 0; k < e->act_count; k++) {
			const struct case_act *a = &e->acts[k];
			if (case_fact_doubtful(c, "act", a->id)) {
				left_out++;
				continue;
			}
			const struct vocab_entry *t = vocab_find(&v->act_types, a->type);
			const struct vocab_entry *m = vocab_find(&v->methods, a->method);
			if (t) {
				suggest(&plan, &t->suggests, 3, NULL);
				note_term(&terms, t, a->id);
			}
			if (m && (m->suggests.mandate_count || m->suggests.provision_count || m->suggests.question_count)) {
				suggest(&plan, &m->suggests, 1, NULL);
				note_term(&terms, m, a->id);
			}
		}
	}
	for (size_t i = 0; explain && i < terms.count; i++) {
		struct buf why = BUF_INIT;
		buf_addf(&why, "%s %s (act%s", terms.items[i].entry->types ? "method" : "acts of", terms.items[i].entry->id,
			 terms.items[i].act_count == 1 ? "" : "s");
		for (size_t k = 0; k < terms.items[i].act_count; k++)
			buf_addf(&why, "%s %lld", k ? "," : "", terms.items[i].acts[k]);
		buf_addch(&why, ')');
		explain_suggests(explain, why.data, &terms.items[i].entry->suggests);
		buf_release(&why);
		free(terms.items[i].acts);
	}
	free(terms.items);
	/* custody, victim by victim */
	bool ongoing = false;
	for (size_t i = 0; i < c->victim_count; i++)
		custody_facts(c, &c->victims[i], today, &plan, &md, &ongoing);
	for (size_t i = 0; i < c->exam_count; i++)
		medical_facts(c, &c->exams[i], &md);
	/* who the victims are suggests mandates too */
	for (size_t i = 0; i < c->victim_count; i++) {
		if (!c->victims[i].profiles)
			continue;
		char *copy = xstrdup(c->victims[i].profiles), *save = NULL;
		for (char *id = strtok_r(copy, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
			const struct vocab_entry *e = vocab_find(&v->profiles, id);
			for (size_t k = 0; e && k < e->suggests.mandate_count; k++)
				weigh(&plan, e->suggests.mandates[k], 2);
		}
		free(copy);
	}
	for (size_t i = 0; i < c->hint_count; i++)
		weigh(&plan, c->hints[i].mandate, 1);
	/* a country mandate for the State concerned joins */
	for (size_t m = 0; m < kb->mandate_count; m++)
		if (kb->mandates[m].country && !strcmp(kb->mandates[m].country, c->country)) {
			weigh(&plan, kb->mandates[m].slug, 2);
			if (explain)
				buf_addf(explain, "country %s: mandate %s\n", c->country, kb->mandates[m].slug);
		}
	buf_rtrim(&md);
	buf_addch(&md, '\n');
	if (explain && left_out)
		buf_addf(explain, "left out: %zu fact%s whose every source is graded doubtful\n", left_out,
			 left_out == 1 ? "" : "s");
	/* the draft */
	if (plan.mandate_count)
		qsort(plan.mandates, plan.mandate_count, sizeof(*plan.mandates), by_weight);
	/* a mandate joins on more than a word of a submission: an act, a custody
	 * finding or a victim's profile */
	json_t *mandates = json_array();
	for (size_t i = 0; i < plan.mandate_count; i++)
		if (plan.mandates[i].score >= 2)
			json_array_append_new(mandates, json_string(plan.mandates[i].mandate));
	if (explain && plan.mandate_count) {
		buf_adds(explain, "mandates by weight:");
		for (size_t i = 0; i < plan.mandate_count; i++)
			buf_addf(explain, " %s (%d)", plan.mandates[i].mandate, plan.mandates[i].score);
		buf_addch(explain, '\n');
	}
	json_t *provisions = json_array();
	for (size_t i = 0; i < json_array_size(plan.instrument_order); i++) {
		const char *ins = json_string_value(json_array_get(plan.instrument_order, i));
		json_t *arts = json_object_get(plan.provisions, ins);
		size_t n = json_array_size(arts);
		json_t **items = xcalloc(n + 1, sizeof(json_t *));
		for (size_t k = 0; k < n; k++)
			items[k] = json_array_get(arts, k);
		qsort(items, n, sizeof(*items), by_article);
		json_t *sorted = json_array();
		for (size_t k = 0; k < n; k++)
			json_array_append(sorted, items[k]);
		free(items);
		json_array_append_new(provisions,
				      json_pack("{s:s, s:o, s:b}", "instrument", ins, "articles", sorted, "violation", 1));
	}
	qsort(plan.questions, plan.question_count, sizeof(*plan.questions), by_weight);
	json_t *questions = json_array();
	for (size_t i = 0; i < plan.question_count && i < 12; i++)
		json_array_append_new(questions, json_pack("{s:s}", "catalogue", plan.questions[i].mandate));
	/* the concerns: the kinds of acts alleged */
	struct buf concerns = BUF_INIT;
	const char *labels[32];
	size_t nl = 0;
	for (size_t i = 0; i < c->event_count; i++)
		for (size_t k = 0; k < c->events[i].act_count; k++) {
			if (case_fact_doubtful(c, "event", c->events[i].id) || case_fact_doubtful(c, "act", c->events[i].acts[k].id))
				continue;
			const struct vocab_entry *t = vocab_find(&v->act_types, c->events[i].acts[k].type);
			bool have = !t;
			for (size_t l = 0; l < nl && !have; l++)
				have = labels[l] == t->label;
			if (!have && nl < 32)
				labels[nl++] = t->label;
		}
	if (nl) {
		buf_adds(&concerns, "at the allegations of ");
		list_phrase(&concerns, labels, nl);
		buf_adds(&concerns, ", and at the lack of information on any investigation into them.");
	}
	char date[11];
	date_format_iso(today, date);
	struct buf notes = BUF_INIT;
	buf_addf(&notes, "Drafted from case %lld on %s.", c->id, date);
	json_t *d = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:s}", "type", c->urgent || ongoing ? "UA" : "AL",
			      "addressee", c->country, "language", "en", "date", date, "subject", c->title, "mandates",
			      mandates, "facts", md.data, "provisions", provisions, "questions", questions, "internal_notes",
			      notes.data);
	if (concerns.len)
		json_object_set_new(d, "concerns", json_string(concerns.data));
	buf_release(&concerns);
	buf_release(&notes);
	buf_release(&md);
	free(plan.mandates);
	json_decref(plan.provisions);
	json_decref(plan.instrument_order);
	free(plan.questions);
	return d;
}

long long case_draft_create(struct db *db, const struct privacy *pv, long long case_id, int today, const char *actor,
			    struct buf *explain, struct error *err)
{
	struct case_record c;
	if (cases_load(db, pv, case_id, &c, err) < 0) {
		case_record_release(&c);
		return 0;
	}
	if (!c.event_count) {
		case_record_release(&c);
		error_set(err, "case %lld has no events yet: a communication needs facts (rapporteur case add-event)", case_id);
		return 0;
	}
	json_t *j = case_draft_json(&c, today, explain);
	case_record_release(&c);
	struct draft d;
	draft_init(&d);
	long long id = 0;
	struct error e2;
	if (draft_apply_json(&d, j, kb_shared(), &e2) < 0)
		error_set(err, "the draft made from case %lld does not check: %s", case_id, e2.message);
	else if (db_begin(db, err) == 0) {
		id = wf_draft_create(db, &d, actor, err);
		char now[32];
		clock_now_iso(now);
		struct db_stmt *st = id ? db_prepare(db, "INSERT INTO case_communications(case_id, communication_id, created_at) "
							 "VALUES (?1, ?2, ?3)", err)
					: NULL;
		if (st) {
			db_bind_int(st, 1, case_id);
			db_bind_int(st, 2, id);
			db_bind_text(st, 3, now);
			if (db_step(st, err) < 0)
				id = 0;
			db_finalize(st);
		} else
			id = 0;
		if (!id || db_commit(db, err) < 0) {
			db_rollback(db);
			id = 0;
		}
	}
	draft_release(&d);
	json_decref(j);
	return id;
}
