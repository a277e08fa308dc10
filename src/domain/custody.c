/*
 * custody.c - custody chains: steps in and out of the store, and the
 * analysis of gaps. See custody.h. The analysis walks the steps once,
 * keeping two open intervals (whereabouts not known; in no official
 * register) and closing them at the step that ends them; the bounds of
 * each interval come from the bounds of the uncertain dates at its ends.
 */
#include "custody.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/date.h"
#include "../util/die.h"
#include "fields.h"
#include "vocab.h"

const char *const custody_kind_names[5] = {"apprehension", "admission", "transfer", "release", "death"};

void custody_step_init(struct custody_step *s)
{
	memset(s, 0, sizeof(*s));
	s->at = (struct event_date){EVENT_DATE_UNKNOWN, DATE_NONE, DATE_NONE, -1};
	s->registered = -1;
	s->place_official = -1;
}

void custody_step_release(struct custody_step *s)
{
	free(s->place_name);
	free(s->authority);
	free(s->ordered_by);
	free(s->grounds);
	free(s->supervising);
	free(s->cause);
	free(s->remains);
	free(s->notes);
	custody_step_init(s);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int custody_step_from_json(json_t *o, const char *where, int today, struct custody_step *s, struct error *err)
{
	static const char *const keys[] = {"kind", "at", "place", "authority", "ordered_by", "grounds", "supervising",
					   "registered", "cause", "remains", "notes", "sources", "person", NULL};
	if (fields_check_keys(o, where, keys, err) < 0)
		return -1;
	const char *kind, *at, *authority, *ordered_by, *grounds, *supervising, *cause, *remains, *notes;
	if (fields_string(o, "kind", where, true, FIELDS_LINE_MAX, &kind, err) < 0 ||
	    fields_string(o, "at", where, true, FIELDS_LINE_MAX, &at, err) < 0 ||
	    fields_string(o, "authority", where, false, FIELDS_LINE_MAX, &authority, err) < 0 ||
	    fields_string(o, "ordered_by", where, false, FIELDS_LINE_MAX, &ordered_by, err) < 0 ||
	    fields_string(o, "grounds", where, false, FIELDS_LINE_MAX, &grounds, err) < 0 ||
	    fields_string(o, "supervising", where, false, FIELDS_LINE_MAX, &supervising, err) < 0 ||
	    fields_string(o, "cause", where, false, FIELDS_LINE_MAX, &cause, err) < 0 ||
	    fields_string(o, "remains", where, false, FIELDS_LINE_MAX, &remains, err) < 0 ||
	    fields_string(o, "notes", where, false, FIELDS_TEXT_MAX, &notes, err) < 0)
		return -1;
	char path[160];
	fields_path(where, "kind", path);
	const struct vocab_entry *k = vocab_check(&vocab_shared()->custody_steps, kind, path, err);
	if (!k)
		return -1;
	for (int i = 0; i < 5; i++)
		if (!strcmp(custody_kind_names[i], k->id))
			s->kind = (enum custody_kind)i;
	fields_path(where, "at", path);
	struct error e2;
	if (event_date_parse(at, today, &s->at, &e2) < 0)
		return error_set(err, "%s: %s", path, e2.message);
	bool registered, given;
	if (fields_bool(o, "registered", where, false, &registered, &given, err) < 0)
		return -1;
	if (given && s->kind != CUSTODY_ADMISSION)
		return error_set(err, "%s.registered: only an admission to a place is entered in a register", where);
	s->registered = given ? registered : -1;
	if ((cause || remains) && s->kind != CUSTODY_DEATH)
		return error_set(err, "%s.%s: only a death has a cause and remains", where, cause ? "cause" : "remains");
	s->authority = dup_or_null(authority);
	s->ordered_by = dup_or_null(ordered_by);
	s->grounds = dup_or_null(grounds);
	s->supervising = dup_or_null(supervising);
	s->cause = dup_or_null(cause);
	s->remains = dup_or_null(remains);
	s->notes = dup_or_null(notes);
	return 0;
}

void custody_sort(struct custody_step *steps, size_t n)
{
	/* insertion sort: stable, and chains are short */
	for (size_t i = 1; i < n; i++) {
		struct custody_step x = steps[i];
		size_t j = i;
		while (j > 0 && event_date_compare(&steps[j - 1].at, &x.at) > 0) {
			steps[j] = steps[j - 1];
			j--;
		}
		steps[j] = x;
	}
}

/* --- the analysis ------------------------------------------------------------------------------ */

static void problem(struct custody_analysis *a, const struct custody_step *s, const char *what)
{
	struct buf b = BUF_INIT, when = BUF_INIT;
	event_date_phrase(&s->at, &when);
	buf_addf(&b, "%s %s: %s", custody_kind_names[s->kind], when.data, what);
	buf_release(&when);
	a->problems = xrealloc(a->problems, (a->problem_count + 1) * sizeof(char *));
	a->problems[a->problem_count++] = buf_detach(&b);
}

/* Measures the gap from step s to step e (NULL: today) and keeps it when
 * it is long enough to flag. */
static void close_gap(struct custody_analysis *a, const struct custody_step *steps, enum custody_gap_kind kind,
		      size_t from, long to, int today, bool unknown_registration)
{
	struct custody_gap g = {kind, from, to, -1, -1, 0, 0, false, unknown_registration};
	long long se, sl, ee, el;
	const struct custody_step *s = &steps[from];
	bool known = event_date_bounds(&s->at, &se, &sl);
	if (to >= 0)
		known = known && event_date_bounds(&steps[to].at, &ee, &el);
	else {
		ee = (long long)today * 1440;
		el = ee + 1439;
	}
	bool flag = true; /* a gap whose length cannot be known is flagged */
	if (known) {
		g.min_minutes = ee > sl ? ee - sl : 0;
		g.max_minutes = el - se;
		const struct event_date *end = to >= 0 ? &steps[to].at : NULL;
		int end_from = end ? end->from : today, end_to = end ? end->to : today;
		g.min_days = end_from > s->at.to ? end_from - s->at.to : 0;
		g.max_days = end_to - s->at.from;
		g.timed = s->at.minute >= 0 && (!end || end->minute >= 0);
		flag = g.min_minutes >= CUSTODY_GAP_CERTAIN_MINUTES || g.max_minutes >= CUSTODY_GAP_POSSIBLE_MINUTES;
	}
	if (!flag)
		return;
	a->gaps = xrealloc(a->gaps, (a->gap_count + 1) * sizeof(*a->gaps));
	a->gaps[a->gap_count++] = g;
}

void custody_analyse(const struct custody_step *steps, size_t n, int today, struct custody_analysis *a)
{
	memset(a, 0, sizeof(*a));
	a->held_at = -1;
	long unknown_from = -1, unregistered_from = -1;
	bool in_custody = false, dead = false, registration_unknown = false;
	for (size_t i = 0; i < n; i++) {
		const struct custody_step *s = &steps[i];
		if (dead) {
			problem(a, s, "comes after the death");
			continue;
		}
		if (!in_custody && s->kind != CUSTODY_APPREHENSION && s->kind != CUSTODY_DEATH) {
			problem(a, s, "no apprehension is recorded before it: when, where and by whom the person was "
				      "deprived of liberty is not known");
			in_custody = true;
		}
		switch (s->kind) {
		case CUSTODY_APPREHENSION:
			if (in_custody) {
				problem(a, s, "apprehended again while in custody");
				break;
			}
			in_custody = true;
			a->held_at = -1;
			unknown_from = (long)i;
			unregistered_from = (long)i;
			registration_unknown = false;
			break;
		case CUSTODY_ADMISSION:
			if (unknown_from >= 0)
				close_gap(a, steps, CUSTODY_GAP_WHEREABOUTS, (size_t)unknown_from, (long)i, today, false);
			unknown_from = -1;
			a->held_at = (long)i;
			if (s->registered == 1 && s->place_official != 0) {
				if (unregistered_from >= 0)
					close_gap(a, steps, CUSTODY_GAP_UNREGISTERED, (size_t)unregistered_from, (long)i, today,
						  registration_unknown);
				unregistered_from = -1;
				registration_unknown = false;
			} else {
				if (s->registered == 1)
					problem(a, s, "said to be registered at a place that is not an official place of "
						      "detention, which keeps no official register");
				if (unregistered_from < 0)
					unregistered_from = (long)i;
				if (s->registered < 0)
					registration_unknown = true;
			}
			break;
		case CUSTODY_TRANSFER:
			a->held_at = -1;
			if (unknown_from < 0)
				unknown_from = (long)i;
			break;
		case CUSTODY_RELEASE:
		case CUSTODY_DEATH:
			if (unknown_from >= 0)
				close_gap(a, steps, CUSTODY_GAP_WHEREABOUTS, (size_t)unknown_from, (long)i, today, false);
			if (unregistered_from >= 0)
				close_gap(a, steps, CUSTODY_GAP_UNREGISTERED, (size_t)unregistered_from, (long)i, today,
					  registration_unknown);
			unknown_from = unregistered_from = -1;
			if (s->kind == CUSTODY_DEATH) {
				a->death_in_custody = in_custody;
				dead = true;
			}
			in_custody = false;
			a->held_at = -1;
			break;
		}
	}
	/* what is still open lasts to today */
	if (unknown_from >= 0)
		close_gap(a, steps, CUSTODY_GAP_WHEREABOUTS, (size_t)unknown_from, -1, today, false);
	if (unregistered_from >= 0)
		close_gap(a, steps, CUSTODY_GAP_UNREGISTERED, (size_t)unregistered_from, -1, today, registration_unknown);
	a->state = dead ? CUSTODY_DEAD
		       : !in_custody ? CUSTODY_FREE
		       : a->held_at >= 0 ? CUSTODY_HELD
					 : CUSTODY_WHEREABOUTS_UNKNOWN;
}

void custody_analysis_release(struct custody_analysis *a)
{
	for (size_t i = 0; i < a->problem_count; i++)
		free(a->problems[i]);
	free(a->problems);
	free(a->gaps);
	memset(a, 0, sizeof(*a));
}

static void days(int n, struct buf *out)
{
	buf_addf(out, "%d day%s", n, n == 1 ? "" : "s");
}

void custody_duration_phrase(const struct custody_gap *g, struct buf *out)
{
	if (g->max_minutes < 0) {
		buf_adds(out, "a length not known");
		return;
	}
	if (g->timed) {
		long long h = (g->min_minutes + 30) / 60;
		if (h < 48)
			buf_addf(out, "%lld hours", h);
		else
			buf_addf(out, "%lld days and %lld hours", h / 24, h % 24);
		return;
	}
	if (g->min_days == g->max_days)
		days(g->min_days, out);
	else if (g->min_days == 0) {
		buf_adds(out, "up to ");
		days(g->max_days, out);
	} else
		buf_addf(out, "between %d and %d days", g->min_days, g->max_days);
}

void custody_gap_describe(const struct custody_step *steps, const struct custody_gap *g, const char *who,
			  struct buf *out)
{
	struct buf from = BUF_INIT, to = BUF_INIT, len = BUF_INIT;
	event_date_phrase(&steps[g->from].at, &from);
	if (g->to >= 0)
		event_date_phrase(&steps[g->to].at, &to);
	custody_duration_phrase(g, &len);
	/* "on 6 January 2022" reads "from 6 January 2022" here */
	const char *f = from.data, *t = to.data;
	if (!strncmp(f, "on ", 3))
		f += 3;
	if (!strncmp(t, "on ", 3))
		t += 3;
	if (g->kind == CUSTODY_GAP_WHEREABOUTS)
		buf_addf(out, "The whereabouts of %s were not known", who);
	else
		buf_addf(out, "%s was held without being entered in any official register%s", who,
			 g->registration_unknown ? " (or with a registration not shown)" : "");
	if (g->to >= 0)
		buf_addf(out, " for %s, from the %s (%s) to the %s (%s).", len.data, custody_kind_names[steps[g->from].kind], f,
			 custody_kind_names[steps[g->to].kind], t);
	else
		buf_addf(out, " from the %s (%s) until today: %s.", custody_kind_names[steps[g->from].kind], f, len.data);
	buf_release(&from);
	buf_release(&to);
	buf_release(&len);
}

/* --- the store --------------------------------------------------------------------------------- */

int custody_load_person(struct db *db, const struct privacy *pv, long long person_id, long long case_id,
			struct custody_step **steps, size_t *count, struct error *err)
{
	*steps = NULL;
	*count = 0;
	struct db_stmt *st = db_prepare(db,
					"SELECT s.id, s.case_id, s.kind, s.at_kind, s.at_from, s.at_to, s.at_time, s.place_id, "
					"p.name, p.official, s.authority, s.ordered_by, s.grounds, s.supervising, s.registered, "
					"s.cause, s.remains, s.notes_sealed FROM custody_steps s LEFT JOIN places p ON p.id = "
					"s.place_id WHERE s.person_id = ?1 AND (?2 = 0 OR s.case_id = ?2) ORDER BY s.case_id, "
					"s.position, s.id",
					err);
	if (!st)
		return -1;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, case_id);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(*steps, *count + 1, cap);
		struct custody_step *s = &(*steps)[(*count)++];
		custody_step_init(s);
		s->id = db_int(st, 0);
		s->case_id = db_int(st, 1);
		s->person_id = person_id;
		for (int k = 0; k < 5; k++)
			if (!strcmp(db_text(st, 2), custody_kind_names[k]))
				s->kind = (enum custody_kind)k;
		event_date_from_columns(db_text(st, 3), db_text(st, 4), db_text(st, 5), db_text(st, 6), &s->at);
		s->place_id = db_int(st, 7);
		s->place_name = dup_or_null(db_text(st, 8));
		s->place_official = db_is_null(st, 9) ? -1 : (int)db_int(st, 9);
		s->authority = dup_or_null(db_text(st, 10));
		s->ordered_by = dup_or_null(db_text(st, 11));
		s->grounds = dup_or_null(db_text(st, 12));
		s->supervising = dup_or_null(db_text(st, 13));
		s->registered = db_is_null(st, 14) ? -1 : (int)db_int(st, 14);
		s->cause = dup_or_null(db_text(st, 15));
		s->remains = dup_or_null(db_text(st, 16));
		if (pv && db_text(st, 17)) {
			struct error e2;
			s->notes = privacy_unseal(pv, "custody_steps.notes_sealed", db_text(st, 17), &e2);
			if (!s->notes) {
				error_set(err, "custody step %lld: %s", s->id, e2.message);
				rc = -1;
				break;
			}
		}
	}
	db_finalize(st);
	if (rc < 0) {
		for (size_t i = 0; i < *count; i++)
			custody_step_release(&(*steps)[i]);
		free(*steps);
		*steps = NULL;
		*count = 0;
		return -1;
	}
	custody_sort(*steps, *count);
	return 0;
}

long long custody_insert(struct db *db, const struct privacy *pv, const struct custody_step *s, struct error *err)
{
	long long position = db_query_int(db, 0, "SELECT coalesce(max(position), 0) FROM custody_steps", NULL) + 1;
	char *notes = privacy_seal(pv, "custody_steps.notes_sealed", s->notes);
	struct db_stmt *st = db_prepare(db,
					"INSERT INTO custody_steps(case_id, person_id, position, kind, at_kind, at_from, at_to, "
					"at_time, place_id, authority, ordered_by, grounds, supervising, registered, cause, "
					"remains, notes_sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
					"?14, ?15, ?16, ?17) RETURNING id",
					err);
	long long id = 0;
	if (st) {
		db_bind_int(st, 1, s->case_id);
		db_bind_int(st, 2, s->person_id);
		db_bind_int(st, 3, position);
		db_bind_text(st, 4, custody_kind_names[s->kind]);
		db_bind_text(st, 5, event_date_kind_names[s->at.kind]);
		if (s->at.kind != EVENT_DATE_UNKNOWN) {
			char a[11], b[11];
			date_format_iso(s->at.from, a);
			date_format_iso(s->at.to, b);
			db_bind_text(st, 6, a);
			db_bind_text(st, 7, b);
		}
		if (s->at.minute >= 0) {
			char t[16];
			snprintf(t, sizeof(t), "%02d:%02d", s->at.minute / 60, s->at.minute % 60);
			db_bind_text(st, 8, t);
		}
		if (s->place_id)
			db_bind_int(st, 9, s->place_id);
		db_bind_text(st, 10, s->authority);
		db_bind_text(st, 11, s->ordered_by);
		db_bind_text(st, 12, s->grounds);
		db_bind_text(st, 13, s->supervising);
		if (s->registered >= 0)
			db_bind_int(st, 14, s->registered);
		db_bind_text(st, 15, s->cause);
		db_bind_text(st, 16, s->remains);
		db_bind_text(st, 17, notes);
		if (db_step(st, err) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	free(notes);
	return id;
}
