/*
 * workflow.c - the status machine over the store. See workflow.h.
 *
 * Statuses: draft -> approved -> sent -> replied | overdue -> published ->
 * reported. A draft has no reference; the reference is given by wf_send()
 * and never changes. Time moves letters on (wf_advance): on the due date a
 * letter with no reply is overdue, and every letter is published on its
 * publication date (the due date) whether or not a reply came.
 */
#include "workflow.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../kb/kb.h"
#include "../store/letters.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "clock.h"
#include "letterfile.h"

const char *wf_actor(const char *option)
{
	if (option && *option)
		return option;
	const char *e = getenv("RAPPORTEUR_USER");
	if (e && *e)
		return e;
	e = getenv("USER");
	if (e && *e)
		return e;
	const struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

long long wf_resolve(struct db *db, const char *s)
{
	const char *p = s;
	if (*p == '#')
		p++;
	if (*p >= '0' && *p <= '9') {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (!*end) {
			char arg[24];
			snprintf(arg, sizeof(arg), "%lld", id);
			return db_query_int(db, 0, "SELECT id FROM communications WHERE id = ?", arg, (const char *)NULL);
		}
	}
	return store_find_communication(db, s);
}

void wf_status(struct db *db, long long id, char out[16])
{
	out[0] = '\0';
	struct db_stmt *st = db_prepare(db, "SELECT status FROM communications WHERE id = ?1", NULL);
	if (!st)
		return;
	db_bind_int(st, 1, id);
	if (db_step(st, NULL) == 1 && db_text(st, 0))
		snprintf(out, 16, "%s", db_text(st, 0));
	db_finalize(st);
}

int wf_reply_days(struct db *db, const char *type)
{
	char key[32];
	snprintf(key, sizeof(key), "reply_days.%s", type);
	long long days = db_query_int(db, 60, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?", key,
				      (const char *)NULL);
	return days > 0 && days < 1000 ? (int)days : 60;
}

static void iso(int date, char out[11])
{
	if (date == DATE_NONE)
		out[0] = '\0';
	else
		date_format_iso(date, out);
}

int wf_event(struct db *db, long long id, const char *from, const char *to, const char *actor, int effective,
	     const char *note, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO status_events(communication_id, from_status, to_status, actor, at, "
					    "effective, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!st)
		return -1;
	char now[32], day[11];
	clock_now_iso(now);
	iso(effective, day);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, actor);
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, day);
	db_bind_text(st, 7, note);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* Sets the status, checking that it is still the one read (a concurrent
 * change makes this fail rather than be overwritten), and records it. */
int wf_move(struct db *db, long long id, const char *from, const char *to, const char *actor, int effective,
		const char *note, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "UPDATE communications SET status = ?1, updated_at = ?2 "
					    "WHERE id = ?3 AND status = ?4", err);
	if (!st)
		return -1;
	char now[32];
	clock_now_iso(now);
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, id);
	db_bind_text(st, 4, from);
	int rc = db_step(st, err);
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (db_changes(db) != 1)
		return error_set(err, "communication %lld is no longer %s: someone else changed it", id, from);
	return wf_event(db, id, from, to, actor, effective, note, err);
}

static int save_draft_row(struct db *db, long long id, const struct draft *d, struct error *err)
{
	json_t *j = draft_to_json(d);
	char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	char now[32], day[11];
	clock_now_iso(now);
	iso(d->date, day);
	struct db_stmt *st = db_prepare(db, "UPDATE communications SET draft = ?1, type = ?2, country = ?3, language = ?4, "
					    "date = ?5, updated_at = ?6 WHERE id = ?7", err);
	int rc = -1;
	if (st) {
		db_bind_text(st, 1, text);
		db_bind_text(st, 2, d->type[0] ? d->type : NULL);
		db_bind_text(st, 3, d->addressee[0] ? d->addressee : NULL);
		db_bind_text(st, 4, d->language[0] ? d->language : "en");
		db_bind_text(st, 5, day[0] ? day : NULL);
		db_bind_text(st, 6, now);
		db_bind_int(st, 7, id);
		rc = db_step(st, err) < 0 ? -1 : 0;
		db_finalize(st);
	}
	free(text);
	return rc;
}

long long wf_draft_create(struct db *db, const struct draft *d, const char *actor, struct error *err)
{
	if (db_begin(db, err) < 0)
		return 0;
	char now[32];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db, "INSERT INTO communications(status, origin, created_by, created_at, updated_at) "
					    "VALUES ('draft', 'drafted', ?1, ?2, ?2) RETURNING id", err);
	long long id = 0;
	if (st) {
		db_bind_text(st, 1, actor);
		db_bind_text(st, 2, now);
		if (db_step(st, err) == 1)
			id = db_int(st, 0);
		db_finalize(st);
	}
	if (!id || save_draft_row(db, id, d, err) < 0 ||
	    wf_event(db, id, NULL, "draft", actor, clock_today(), NULL, err) < 0 || db_commit(db, err) < 0) {
		db_rollback(db);
		return 0;
	}
	return id;
}

int wf_draft_load(struct db *db, long long id, struct draft *d, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT draft FROM communications WHERE id = ?1", err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int rc = db_step(st, err);
	char *text = rc == 1 && db_text(st, 0) ? xstrdup(db_text(st, 0)) : NULL;
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (!text)
		return error_set(err, "communication %lld was not drafted here: it has no draft", id);
	json_error_t jerr;
	json_t *j = json_loads(text, 0, &jerr);
	free(text);
	if (!j)
		return error_set(err, "communication %lld: its stored draft is not JSON (%s)", id, jerr.text);
	rc = draft_apply_json(d, j, kb_shared(), err);
	json_decref(j);
	return rc;
}

int wf_draft_save(struct db *db, long long id, const struct draft *d, const char *actor, struct error *err)
{
	if (db_begin(db, err) < 0)
		return -1;
	char status[16];
	wf_status(db, id, status);
	int rc;
	if (!strcmp(status, "draft")) {
		rc = save_draft_row(db, id, d, err);
	} else if (!strcmp(status, "approved")) {
		/* the text the mandates approved has changed: they approve again */
		rc = save_draft_row(db, id, d, err);
		if (rc == 0) {
			struct db_stmt *st = db_prepare(db, "DELETE FROM approvals WHERE communication_id = ?1", err);
			rc = st ? 0 : -1;
			if (st) {
				db_bind_int(st, 1, id);
				rc = db_step(st, err) < 0 ? -1 : 0;
				db_finalize(st);
			}
		}
		if (rc == 0)
			rc = wf_move(db, id, "approved", "draft", actor, clock_today(),
				  "edited after approval: the approvals are withdrawn", err);
	} else if (!status[0]) {
		rc = error_set(err, "there is no communication %lld", id);
	} else {
		rc = error_set(err, "communication %lld is %s: only a draft can be edited; a sent letter never changes",
			       id, status);
	}
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int wf_approve(struct db *db, long long id, const char *mandate, const char *actor, int *pending,
	       struct error *err)
{
	if (db_begin(db, err) < 0)
		return -1;
	struct draft d;
	draft_init(&d);
	char status[16];
	wf_status(db, id, status);
	int rc = 0;
	if (!status[0])
		rc = error_set(err, "there is no communication %lld", id);
	else if (!strcmp(status, "approved"))
		rc = error_set(err, "communication %lld is already approved by all its mandates", id);
	else if (strcmp(status, "draft"))
		rc = error_set(err, "communication %lld is %s: only a draft can be approved", id, status);
	if (rc == 0)
		rc = wf_draft_load(db, id, &d, err);
	if (rc == 0)
		rc = draft_check_complete(&d, err);
	bool joins = false;
	for (size_t i = 0; rc == 0 && i < d.mandate_count; i++)
		joins = joins || !strcmp(d.mandates[i]->slug, mandate);
	if (rc == 0 && !joins)
		rc = error_set(err, "mandate \"%s\" does not join communication %lld; its mandates are given by `draft show %lld`",
			       mandate, id, id);
	char arg[24];
	snprintf(arg, sizeof(arg), "%lld", id);
	if (rc == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT approved_by, approved_at FROM approvals "
						    "WHERE communication_id = ?1 AND mandate = ?2", err);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, id);
			db_bind_text(st, 2, mandate);
			if (db_step(st, NULL) == 1)
				rc = error_set(err, "mandate %s already approved communication %lld (%s, %s)", mandate, id,
					       db_text(st, 0), db_text(st, 1));
			db_finalize(st);
		}
	}
	if (rc == 0) {
		char now[32];
		clock_now_iso(now);
		struct db_stmt *st = db_prepare(db, "INSERT INTO approvals(communication_id, mandate, approved_by, approved_at) "
						    "VALUES (?1, ?2, ?3, ?4)", err);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, id);
			db_bind_text(st, 2, mandate);
			db_bind_text(st, 3, actor);
			db_bind_text(st, 4, now);
			rc = db_step(st, err) < 0 ? -1 : 0;
			db_finalize(st);
		}
	}
	int left = 0;
	if (rc == 0) {
		long long done = db_query_int(db, 0, "SELECT count(*) FROM approvals WHERE communication_id = ?", arg,
					      (const char *)NULL);
		left = (int)d.mandate_count - (int)done;
		if (left <= 0)
			rc = wf_move(db, id, "draft", "approved", actor, clock_today(), "approved by every joining mandate", err);
	}
	draft_release(&d);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	if (pending)
		*pending = left > 0 ? left : 0;
	return db_commit(db, err);
}

/* The earlier communications a draft follows up, with their dates and
 * first replies, as the renderer wants them. */
static struct render_related *related_of(struct db *db, const struct draft *d)
{
	struct render_related *r = xcalloc(d->related_count + 1, sizeof(*r));
	for (size_t i = 0; i < d->related_count; i++) {
		r[i].reference = d->related[i];
		r[i].date = r[i].reply_date = DATE_NONE;
		long long id = store_find_communication(db, d->related[i]);
		if (!id)
			continue;
		struct db_stmt *st = db_prepare(db, "SELECT c.date, (SELECT min(received) FROM replies WHERE communication_id = c.id) "
						    "FROM communications c WHERE c.id = ?1", NULL);
		if (!st)
			continue;
		db_bind_int(st, 1, id);
		if (db_step(st, NULL) == 1) {
			if (db_text(st, 0))
				r[i].date = date_parse_iso(db_text(st, 0));
			if (db_text(st, 1))
				r[i].reply_date = date_parse_iso(db_text(st, 1));
		}
		db_finalize(st);
	}
	return r;
}

static char *render_draft(struct db *db, const struct draft *d, const char *reference, int date, char **warnings,
			  struct error *err)
{
	struct render_related *rel = related_of(db, d);
	struct render_letter in = {
		.draft = d,
		.reference = reference,
		.date = date,
		.related = rel,
		.related_count = d->related_count,
		.reply_days = wf_reply_days(db, d->type),
	};
	char *md = render_markdown(kb_shared(), &in, warnings, err);
	free(rel);
	return md;
}

char *wf_render_draft(struct db *db, const struct draft *d, int date, char **warnings, struct error *err)
{
	if (!d->mandate_count) {
		error_set(err, "the draft has no mandates yet: nothing to render");
		return NULL;
	}
	return render_draft(db, d, NULL, date != DATE_NONE ? date : clock_today(), warnings, err);
}

struct db_stmt *wf_awaiting(struct db *db, int from, int to, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT c.id, c.reference, c.country, c.date, c.reply_due, c.status "
					    "FROM communications c WHERE c.reference IS NOT NULL "
					    "AND c.status NOT IN ('draft', 'approved') "
					    "AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.communication_id = c.id) "
					    "AND c.reply_due >= ?1 AND c.reply_due <= ?2 ORDER BY c.reply_due, c.reference",
					err);
	if (!st)
		return NULL;
	char a[11], b[11];
	date_format_iso(from, a);
	date_format_iso(to, b);
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	return st;
}

/* The next number for an addressee and year: above the counter and above
 * every number held (ingested letters count too). Inside the caller's
 * write transaction. */
static int next_number(struct db *db, const char *country, int year, struct error *err)
{
	char y[8];
	snprintf(y, sizeof(y), "%d", year);
	long long last = db_query_int(db, 0, "SELECT last FROM reference_counters WHERE country = ? AND year = ?", country,
				      y, (const char *)NULL);
	long long held = db_query_int(db, 0, "SELECT max(number) FROM communications WHERE country = ? AND year = ?",
				      country, y, (const char *)NULL);
	int n = (int)(last > held ? last : held) + 1;
	struct db_stmt *st = db_prepare(db, "INSERT INTO reference_counters(country, year, last) VALUES (?1, ?2, ?3) "
					    "ON CONFLICT(country, year) DO UPDATE SET last = excluded.last", err);
	if (!st)
		return -1;
	db_bind_text(st, 1, country);
	db_bind_int(st, 2, year);
	db_bind_int(st, 3, n);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : n;
}

int wf_send(struct db *db, long long id, int date, const char *actor, char **reference, char **warnings,
	    struct error *err)
{
	*reference = NULL;
	if (db_begin(db, err) < 0) /* BEGIN IMMEDIATE: senders queue here */
		return -1;
	struct draft d;
	draft_init(&d);
	struct letter l;
	bool parsed = false;
	char *md = NULL, *ref = NULL;
	char status[16];
	wf_status(db, id, status);
	int rc = 0;
	if (!status[0])
		rc = error_set(err, "there is no communication %lld", id);
	else if (!strcmp(status, "draft")) {
		char arg[24];
		snprintf(arg, sizeof(arg), "%lld", id);
		rc = wf_draft_load(db, id, &d, err);
		if (rc == 0) {
			struct buf missing = BUF_INIT;
			for (size_t i = 0; i < d.mandate_count; i++) {
				long long ok = db_query_int(db, 0, "SELECT count(*) FROM approvals WHERE communication_id = ? AND mandate = ?",
							    arg, d.mandates[i]->slug, (const char *)NULL);
				if (!ok)
					buf_addf(&missing, "%s%s", missing.len ? ", " : "", d.mandates[i]->slug);
			}
			rc = error_set(err, "communication %lld is a draft still awaiting approval from: %s", id,
				       missing.len ? missing.data : "(none)");
			buf_release(&missing);
		}
	} else if (strcmp(status, "approved"))
		rc = error_set(err, "communication %lld is %s: only an approved draft can be sent", id, status);
	if (rc == 0)
		rc = wf_draft_load(db, id, &d, err);
	if (rc == 0)
		rc = draft_check_complete(&d, err);
	int number = 0, year = 0;
	if (rc == 0) {
		date_to_ymd(date, &year, &(int){0}, &(int){0});
		number = next_number(db, d.addressee, year, err);
		rc = number < 0 ? -1 : 0;
	}
	if (rc == 0) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s %s %d/%d", d.type, d.addressee, number, year);
		ref = buf_detach(&b);
		md = render_draft(db, &d, ref, date, warnings, err);
		rc = md ? 0 : -1;
	}
	if (rc == 0) {
		/* read the letter back as anyone receiving it would: what is stored
		 * is what the letter says, and a letter we cannot read is not sent */
		char name[96];
		snprintf(name, sizeof(name), "%s.md", ref);
		rc = letterfile_parse_bytes(name, md, strlen(md), &l, err);
		parsed = rc == 0;
		if (rc == 0 && (!l.reference || strcmp(l.reference, ref) || l.date != date ||
				l.questions_count != d.question_count || l.mandates_count != d.mandate_count))
			rc = error_set(err, "the rendered letter does not read back as it was drafted "
					    "(reference %s, %zu of %zu questions, %zu of %zu mandates): not sent",
				       l.reference ? l.reference : "missing", l.questions_count, d.question_count,
				       l.mandates_count, d.mandate_count);
	}
	if (rc == 0)
		rc = store_fill_draft(db, id, &l, err);
	if (rc == 0) {
		int days = wf_reply_days(db, d.type);
		int due = date + days;
		const struct kb_session *s = kb_session_for_sent(kb_shared(), date);
		char due_iso[11];
		iso(due, due_iso);
		struct db_stmt *st = db_prepare(db, "UPDATE communications SET letter_md = ?1, reply_deadline_days = ?2, "
						    "reply_due = ?3, publication_date = ?3, session = ?4, sent_by = ?5 WHERE id = ?6",
						err);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_text(st, 1, md);
			db_bind_int(st, 2, days);
			db_bind_text(st, 3, due_iso);
			if (s)
				db_bind_int(st, 4, s->session);
			else
				db_bind_null(st, 4);
			db_bind_text(st, 5, actor);
			db_bind_int(st, 6, id);
			rc = db_step(st, err) < 0 ? -1 : 0;
			db_finalize(st);
		}
	}
	if (rc == 0)
		rc = wf_move(db, id, "approved", "sent", actor, date, ref, err);
	if (parsed)
		letter_release(&l);
	draft_release(&d);
	free(md);
	if (rc < 0 || db_commit(db, err) < 0) {
		if (rc < 0)
			db_rollback(db);
		free(ref);
		return -1;
	}
	*reference = ref;
	return 0;
}

char *wf_letter_markdown(struct db *db, long long id, char **warnings, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT status, letter_md, body, draft IS NOT NULL, date FROM communications WHERE id = ?1", err);
	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	char *out = NULL;
	bool from_draft = false;
	int date = DATE_NONE;
	if (db_step(st, err) == 1) {
		const char *status = db_text(st, 0);
		if (db_text(st, 1))
			out = xstrdup(db_text(st, 1));
		else if (db_int(st, 3) && (!strcmp(status, "draft") || !strcmp(status, "approved")))
			from_draft = true;
		else
			out = xstrdup(db_text(st, 2) ? db_text(st, 2) : "");
		if (db_text(st, 4))
			date = date_parse_iso(db_text(st, 4));
	} else {
		error_set(err, "there is no communication %lld", id);
	}
	db_finalize(st);
	if (!from_draft)
		return out;
	struct draft d;
	draft_init(&d);
	if (wf_draft_load(db, id, &d, err) == 0) {
		if (!d.mandate_count)
			error_set(err, "the draft has no mandates yet: nothing to render");
		else
			out = render_draft(db, &d, NULL, date != DATE_NONE ? date : clock_today(), warnings, err);
	}
	draft_release(&d);
	return out;
}

/* A sent letter's publication date (its reply's due date: the one it
 * states, else its date plus the reply days of its type) and the HRC
 * session it is reported to (0: none). */
static void letter_dates(struct db *db, int date, int due, const char *type, int *publication, int *session)
{
	*publication = due != DATE_NONE ? due : date + wf_reply_days(db, type && *type ? type : "AL");
	const struct kb_session *s = kb_session_for_sent(kb_shared(), date);
	*session = s ? s->session : 0;
}

void wf_row_dates(struct db *db, const struct letter *l, struct store_row *row)
{
	if (!l->reference || l->date == DATE_NONE)
		return; /* as wf_fill_dates() leaves them */
	letter_dates(db, l->date, l->reply_due, l->type, &row->publication_date, &row->session);
}

int wf_fill_dates(struct db *db, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, date, reply_due, type FROM communications "
					    "WHERE reference IS NOT NULL AND date IS NOT NULL "
					    "AND (publication_date IS NULL OR session IS NULL)", err);
	if (!st)
		return -1;
	struct row {
		long long id;
		int date, due;
		char type[4];
	} *rows = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st, NULL) == 1) {
		ALLOC_GROW(rows, n + 1, cap);
		rows[n].id = db_int(st, 0);
		rows[n].date = date_parse_iso(db_text(st, 1));
		rows[n].due = db_text(st, 2) ? date_parse_iso(db_text(st, 2)) : DATE_NONE;
		snprintf(rows[n].type, sizeof(rows[n].type), "%s", db_text(st, 3) ? db_text(st, 3) : "AL");
		n++;
	}
	db_finalize(st);
	if (db_begin(db, err) < 0) {
		free(rows);
		return -1;
	}
	int rc = 0;
	st = db_prepare(db, "UPDATE communications SET publication_date = ?1, reply_due = coalesce(reply_due, ?1), "
			    "session = ?2 WHERE id = ?3", err);
	for (size_t i = 0; st && rc == 0 && i < n; i++) {
		if (rows[i].date == DATE_NONE)
			continue;
		int due, session;
		letter_dates(db, rows[i].date, rows[i].due, rows[i].type, &due, &session);
		char d[11];
		iso(due, d);
		db_bind_text(st, 1, d);
		if (session)
			db_bind_int(st, 2, session);
		else
			db_bind_null(st, 2);
		db_bind_int(st, 3, rows[i].id);
		rc = db_step(st, err) < 0 ? -1 : 0;
		db_reset(st);
	}
	if (!st)
		rc = -1;
	db_finalize(st);
	free(rows);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err) < 0 ? -1 : (int)n;
}

struct pending_move {
	long long id;
	char *reference;
	char from[16];
	const char *to;
	int effective;
	char *note;
};

int wf_advance(struct db *db, int today, const char *actor, FILE *out, struct error *err)
{
	if (wf_fill_dates(db, err) < 0)
		return -1;
	if (db_begin(db, err) < 0)
		return -1;
	char t[11];
	iso(today, t);
	/* one pass per step, in the order of the machine, so that a letter
	 * long past its dates goes through each status in turn */
	static const char *const steps[] = {
		/* overdue: no reply received by the due date */
		"SELECT id, reference, status, reply_due, NULL FROM communications c WHERE status = 'sent' "
		"AND reply_due IS NOT NULL AND reply_due <= ?1 "
		"AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.communication_id = c.id AND r.received <= c.reply_due)",
		/* published on the publication date, replied or not */
		"SELECT id, reference, status, publication_date, NULL FROM communications WHERE status IN ('sent', 'replied', 'overdue') "
		"AND publication_date IS NOT NULL AND publication_date <= ?1",
		/* reported once the session whose report covers it opens */
		"SELECT c.id, c.reference, c.status, s.opens, s.report_symbol FROM communications c "
		"JOIN hrc_sessions s ON s.session = c.session WHERE c.status = 'published' AND s.opens <= ?1",
	};
	static const char *const targets[] = {"overdue", "published", "reported"};
	int changes = 0, rc = 0;
	for (int step = 0; step < 3 && rc == 0; step++) {
		struct db_stmt *st = db_prepare(db, steps[step], err);
		if (!st) {
			rc = -1;
			break;
		}
		db_bind_text(st, 1, t);
		struct pending_move *moves = NULL;
		size_t n = 0, cap = 0;
		while (db_step(st, NULL) == 1) {
			ALLOC_GROW(moves, n + 1, cap);
			struct pending_move *m = &moves[n++];
			m->id = db_int(st, 0);
			m->reference = xstrdup(db_text(st, 1) ? db_text(st, 1) : "?");
			snprintf(m->from, sizeof(m->from), "%s", db_text(st, 2));
			m->to = targets[step];
			m->effective = date_parse_iso(db_text(st, 3));
			m->note = db_text(st, 4) ? xstrdup(db_text(st, 4)) : NULL;
		}
		db_finalize(st);
		for (size_t i = 0; i < n; i++) {
			if (rc == 0 && wf_move(db, moves[i].id, moves[i].from, moves[i].to, actor, moves[i].effective,
					    moves[i].note, err) < 0)
				rc = -1;
			if (rc == 0) {
				changes++;
				if (out) {
					char e[11];
					iso(moves[i].effective, e);
					fprintf(out, "%-28s %-9s -> %-9s %s\n", moves[i].reference, moves[i].from, moves[i].to, e);
				}
			}
			free(moves[i].reference);
			free(moves[i].note);
		}
		free(moves);
	}
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err) < 0 ? -1 : changes;
}
