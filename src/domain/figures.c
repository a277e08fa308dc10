/*
 * figures.c - figure records in the store. See figures.h.
 *
 * Proposing reads the `figures` rows the extractor stored for a letter
 * (or extracts them from a reply's text), finds each sentence's paragraph
 * in the document's body, and lets figure_read.c say what each counts.
 * A record is identified by its document, passage and place in it, so
 * that reading a letter again adds only what is new.
 */
#include "figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/letter.h"
#include "../kb/kb.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/die.h"
#include "../util/text.h"
#include "clock.h"
#include "figure_read.h"
#include "filter.h"
#include "visibility.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void figure_release(struct figure *f)
{
	if (!f)
		return;
	free(f->reference);
	free(f->document);
	free(f->passage);
	free(f->unit);
	free(f->category);
	free(f->as_of_basis);
	free(f->source);
	free(f->source_words);
	free(f->evidence);
	free(f->proposed);
	free(f->status);
	free(f->decided_by);
	free(f->decided_at);
	free(f->note);
	memset(f, 0, sizeof(*f));
}

void figure_list_release(struct figure_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		figure_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int date_or_none(const char *s)
{
	return s ? date_parse_iso(s) : DATE_NONE;
}

/* --- selecting -------------------------------------------------------------------------- */

static const char *const select_columns =
    "f.id, f.communication_id, coalesce(f.reply_id, 0), c.reference, r.received, c.date, "
    "f.passage, "
    "f.occurrence, f.value, f.unit, f.category, f.as_of, f.as_of_basis, f.source, f.source_words, "
    "f.evidence, "
    "f.proposed, f.status, f.decided_by, f.decided_at, f.note";

static void read_row(struct db_stmt *st, struct figure *f)
{
	memset(f, 0, sizeof(*f));
	f->id = db_int(st, 0);
	f->communication_id = db_int(st, 1);
	f->reply_id = db_int(st, 2);
	f->reference = xstrdup(db_text(st, 3) ? db_text(st, 3) : "(unsent)");
	const char *received = db_text(st, 4);
	if (f->reply_id) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "reply %lld to %s (%s)", f->reply_id, f->reference,
		         received ? received : "?");
		f->document = buf_detach(&b);
		f->document_date = date_or_none(received);
	} else {
		f->document = xstrdup(f->reference);
		f->document_date = date_or_none(db_text(st, 5));
	}
	f->passage = xstrdup(db_text(st, 6) ? db_text(st, 6) : "");
	f->occurrence = (int)db_int(st, 7);
	f->value = db_double(st, 8);
	f->unit = dup_or_null(db_text(st, 9));
	f->category = dup_or_null(db_text(st, 10));
	f->as_of = date_or_none(db_text(st, 11));
	f->as_of_basis = xstrdup(db_text(st, 12));
	f->source = xstrdup(db_text(st, 13));
	f->source_words = dup_or_null(db_text(st, 14));
	f->evidence = dup_or_null(db_text(st, 15));
	f->proposed = dup_or_null(db_text(st, 16));
	f->status = xstrdup(db_text(st, 17));
	f->decided_by = dup_or_null(db_text(st, 18));
	f->decided_at = dup_or_null(db_text(st, 19));
	f->note = dup_or_null(db_text(st, 20));
}

int figures_select(struct db *db, const struct figure_query *q, struct figure_list *out,
                   struct error *err)
{
	memset(out, 0, sizeof(*out));
	struct buf sql = BUF_INIT;
	struct sql_params params = {.first = 1};
	buf_addf(
	    &sql,
	    "SELECT %s FROM figure_records f JOIN communications c ON c.id = f.communication_id "
	    "LEFT JOIN replies r ON r.id = f.reply_id WHERE 1 = 1",
	    select_columns);
	if (q->situation_id) {
		buf_adds(&sql, " AND f.communication_id IN (SELECT communication_id FROM "
		               "situation_communications "
		               "WHERE situation_id = ");
		sql_param_int(&sql, &params, q->situation_id);
		buf_adds(&sql, ")");
	}
	if (q->communication_id) {
		buf_adds(&sql, " AND f.communication_id = ");
		sql_param_int(&sql, &params, q->communication_id);
	}
	char today[11]; /* bound below: lives as long as the statement's parameters */
	if (q->public_only) {
		buf_adds(&sql, " AND f.status = 'confirmed'");
		date_format_iso(clock_today(), today);
		visibility_public_where(&sql, &params, "c", today);
	} else if (q->status) {
		buf_adds(&sql, " AND f.status = ");
		sql_param(&sql, &params, q->status);
	}
	if (q->category && !strcmp(q->category, "none")) {
		buf_adds(&sql, " AND f.category IS NULL");
	} else if (q->category) {
		buf_adds(&sql, " AND f.category = ");
		sql_param(&sql, &params, q->category);
	}
	buf_adds(&sql,
	         " ORDER BY coalesce(r.received, c.date), c.id, coalesce(f.reply_id, 0), f.id");
	struct db_stmt *st = db_prepare(db, sql.data, err);
	buf_release(&sql);
	if (!st)
		return -1;
	sql_params_bind(&params, st);
	int rc;
	while ((rc = db_step(st, err)) == 1) {
		ALLOC_GROW(out->items, out->count + 1, out->cap);
		read_row(st, &out->items[out->count++]);
	}
	db_finalize(st);
	if (rc < 0) {
		figure_list_release(out);
		return -1;
	}
	return 0;
}

int figures_get(struct db *db, long long id, struct figure *out, struct error *err)
{
	char sql[1024];
	snprintf(
	    sql, sizeof(sql),
	    "SELECT %s FROM figure_records f JOIN communications c ON c.id = f.communication_id "
	    "LEFT JOIN replies r ON r.id = f.reply_id WHERE f.id = ?1",
	    select_columns);
	struct db_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int rc = db_step(st, err);
	if (rc == 1)
		read_row(st, out);
	db_finalize(st);
	if (rc == 0)
		return error_set(err, "figure %lld: no such figure (figures list shows them)", id);
	return rc < 0 ? -1 : 0;
}

/* --- proposing -------------------------------------------------------------------------- */

struct proposer {
	struct db *db;
	const struct figure_vocab *v;
	const struct kb *kb;
	struct db_stmt *insert, *existing, *withdraw, *mark;
	struct figure_propose_stats *stats;
	char now[32];
};

static json_t *proposal_json(const struct figure_reading *r)
{
	char date[11] = "";
	if (r->as_of != DATE_NONE)
		date_format_iso(r->as_of, date);
	return json_pack("{s:s?, s:s?, s:s, s:s, s:s?}", "category",
	                 r->category ? r->category->key : NULL, "as_of", date[0] ? date : NULL,
	                 "as_of_basis", figure_basis_names[r->basis], "source", r->source->key,
	                 "cue", r->cue ? r->cue->text : NULL);
}

struct existing {
	long long id;
	char *passage;
	int occurrence;
	bool seen;
};

/* Proposes the figures found in one document: found[0..n) in order, read
 * here unless read already (given: figures_read_letter's). */
static int propose_document(struct proposer *p, long long comm_id, long long reply_id,
                            const char *body, int date, const char *language,
                            const struct figure_found *found, size_t n,
                            const struct figure_reading *given, struct error *err)
{
	/* what is already proposed here, to withdraw what the document no longer says */
	struct existing *ex = NULL;
	size_t ex_count = 0, ex_cap = 0;
	db_bind_int(p->existing, 1, comm_id);
	db_bind_int(p->existing, 2, reply_id);
	/* (the status is tested here, not in SQL, so that the document's index serves the query) */
	while (db_step(p->existing, NULL) == 1) {
		if (strcmp(db_text(p->existing, 3), "proposed"))
			continue;
		ALLOC_GROW(ex, ex_count + 1, ex_cap);
		ex[ex_count++] =
		    (struct existing){db_int(p->existing, 0), xstrdup(db_text(p->existing, 1)),
		                      (int)db_int(p->existing, 2), false};
	}
	db_reset(p->existing);
	int rc = 0;
	struct figure_reading *mine = NULL;
	const struct figure_reading *readings = given;
	if (!given) {
		mine = xcalloc(n + 1, sizeof(*mine));
		figure_read_document(p->v, p->kb, body, date, reply_id != 0, language, found, n, mine);
		readings = mine;
	}
	for (size_t k = 0; k < n && rc == 0; k++) {
		const struct figure_reading *r = &readings[k];
		if (!r->counted)
			continue;
		/* its place among the figures of that sentence (and of any earlier
		 * sentence with the same words) */
		int occurrence = 0;
		for (size_t e = 0; e < k; e++)
			occurrence += !strcmp(found[e].context, found[k].context);
		for (size_t e = 0; e < ex_count; e++)
			if (ex[e].occurrence == occurrence &&
			    !strcmp(ex[e].passage, found[k].context))
				ex[e].seen = true;
		json_t *prop = proposal_json(r);
		char *prop_text = json_dumps(prop, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(prop);
		char as_of[11] = "";
		if (r->as_of != DATE_NONE)
			date_format_iso(r->as_of, as_of);
		struct db_stmt *st = p->insert;
		db_bind_int(st, 1, comm_id);
		if (reply_id)
			db_bind_int(st, 2, reply_id);
		else
			db_bind_null(st, 2);
		db_bind_text(st, 3, found[k].context);
		db_bind_int(st, 4, occurrence);
		db_bind_double(st, 5, found[k].value);
		db_bind_text(st, 6, found[k].unit);
		db_bind_text(st, 7, r->category ? r->category->key : NULL);
		db_bind_text(st, 8, as_of[0] ? as_of : NULL);
		db_bind_text(st, 9, figure_basis_names[r->basis]);
		db_bind_text(st, 10, r->source->key);
		db_bind_text(st, 11, r->source_words[0] ? r->source_words : NULL);
		db_bind_text(st, 12, r->cue ? r->cue->text : NULL);
		db_bind_text(st, 13, prop_text);
		db_bind_text(st, 14, p->now);
		if (db_step(st, err) < 0)
			rc = -1;
		else
			p->stats->proposed += (size_t)db_changes(p->db);
		db_reset(st);
		free(prop_text);
	}
	for (size_t e = 0; e < ex_count; e++) {
		if (!ex[e].seen && rc == 0) {
			db_bind_int(p->withdraw, 1, ex[e].id);
			if (db_step(p->withdraw, err) < 0)
				rc = -1;
			db_reset(p->withdraw);
			p->stats->withdrawn++;
		}
		free(ex[e].passage);
	}
	free(ex);
	free(mine);
	p->stats->documents++;
	return rc;
}

static int mark_read(struct proposer *p, long long comm_id, long long reply_id, const char *version,
                     struct error *err)
{
	db_bind_int(p->mark, 1, comm_id);
	if (reply_id)
		db_bind_int(p->mark, 2, reply_id);
	else
		db_bind_null(p->mark, 2);
	db_bind_text(p->mark, 3, version);
	db_bind_text(p->mark, 4, p->now);
	int rc = db_step(p->mark, err);
	db_reset(p->mark);
	return rc < 0 ? -1 : 0;
}

/* The letters to read: sent, and new or changed since they were last read. */
static int propose_letters(struct proposer *p, struct error *err)
{
	struct db_stmt *docs = db_prepare(
	    p->db,
	    "SELECT c.id, coalesce(c.source_sha256, c.updated_at), c.date, c.language, c.body "
	    "FROM communications c LEFT JOIN figure_documents d ON d.communication_id = c.id AND "
	    "d.reply_id IS NULL "
	    "WHERE c.reference IS NOT NULL AND (d.version IS NULL OR d.version <> "
	    "coalesce(c.source_sha256, c.updated_at)) "
	    "ORDER BY c.id",
	    err);
	struct db_stmt *figs = db_prepare(
	    p->db,
	    "SELECT value, unit, coalesce(context, '') FROM figures WHERE communication_id = ?1 "
	    "ORDER BY position",
	    err);
	if (!docs || !figs) {
		db_finalize(docs);
		db_finalize(figs);
		return -1;
	}
	int rc = 0, step;
	while (rc == 0 && (step = db_step(docs, err)) == 1) {
		long long id = db_int(docs, 0);
		char *version = xstrdup(db_text(docs, 1));
		int date = date_or_none(db_text(docs, 2));
		char *language = dup_or_null(db_text(docs, 3));
		char *body = dup_or_null(db_text(docs, 4));
		struct figure_found *found = NULL;
		char **owned = NULL;
		size_t n = 0, cap = 0, ocap = 0;
		db_bind_int(figs, 1, id);
		while (db_step(figs, NULL) == 1) {
			ALLOC_GROW(found, n + 1, cap);
			ALLOC_GROW(owned, 2 * n + 2, ocap);
			owned[2 * n] = dup_or_null(db_text(figs, 1));
			owned[2 * n + 1] = xstrdup(db_text(figs, 2));
			found[n] = (struct figure_found){db_double(figs, 0), owned[2 * n],
			                                 owned[2 * n + 1]};
			n++;
		}
		db_reset(figs);
		rc = propose_document(p, id, 0, body, date, language, found, n, NULL, err);
		if (rc == 0)
			rc = mark_read(p, id, 0, version, err);
		for (size_t i = 0; i < 2 * n; i++)
			free(owned[i]);
		free(owned);
		free(found);
		free(body);
		free(language);
		free(version);
	}
	if (rc == 0 && step < 0)
		rc = -1;
	db_finalize(docs);
	db_finalize(figs);
	return rc;
}

/* A reply's figures: its text, as the paragraphs it was stored in. */
static int propose_reply(struct proposer *p, long long reply_id, long long comm_id,
                         const char *body, const char *received, const char *language,
                         struct error *err)
{
	struct document doc;
	document_init(&doc, "reply");
	for (const char *s = body; *s;) {
		const char *e = strstr(s, "\n\n");
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len)
			document_add(&doc, BLOCK_PARAGRAPH, xstrndup(s, len), (size_t)(s - body));
		s += len;
		while (*s == '\n')
			s++;
	}
	/* the letter extractor reads a reply as it reads a letter: a reply has
	 * no salutation or questions, so its facts are the whole text */
	struct letter l;
	letter_init(&l);
	letter_extract(&l, &doc, p->kb);
	struct figure_found *found = xcalloc(l.figures_count + 1, sizeof(*found));
	for (size_t i = 0; i < l.figures_count; i++)
		found[i] = (struct figure_found){l.figures[i].value, l.figures[i].unit,
		                                 l.figures[i].context};
	int rc = propose_document(p, comm_id, reply_id, body, date_or_none(received), language,
	                          found, l.figures_count, NULL, err);
	free(found);
	letter_release(&l);
	document_release(&doc);
	return rc;
}

static int propose_replies(struct proposer *p, struct error *err)
{
	struct db_stmt *docs = db_prepare(p->db,
	                                  "SELECT r.id, r.communication_id, r.body, r.received, "
	                                  "coalesce(r.language, c.language), "
	                                  "coalesce(r.source_sha256, 'filed') FROM replies r JOIN "
	                                  "communications c ON c.id = r.communication_id "
	                                  "LEFT JOIN figure_documents d ON d.reply_id = r.id WHERE "
	                                  "d.reply_id IS NULL ORDER BY r.id",
	                                  err);
	if (!docs)
		return -1;
	int rc = 0, step;
	while (rc == 0 && (step = db_step(docs, err)) == 1) {
		long long rid = db_int(docs, 0), cid = db_int(docs, 1);
		char *body = xstrdup(db_text(docs, 2) ? db_text(docs, 2) : "");
		char *received = dup_or_null(db_text(docs, 3));
		char *language = dup_or_null(db_text(docs, 4));
		char *version = xstrdup(db_text(docs, 5));
		rc = propose_reply(p, rid, cid, body, received, language, err);
		if (rc == 0)
			rc = mark_read(p, cid, rid, version, err);
		free(body);
		free(received);
		free(language);
		free(version);
	}
	if (rc == 0 && step < 0)
		rc = -1;
	db_finalize(docs);
	return rc;
}

/* The statements a proposer writes with; -1 with err (the rest NULL). */
static int proposer_prepare(struct proposer *p, struct error *err)
{
	p->insert = db_prepare(
	    p->db,
	    "INSERT INTO figure_records(communication_id, reply_id, passage, occurrence, value, "
	    "unit, "
	    "category, as_of, as_of_basis, source, source_words, evidence, proposed, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO "
	    "NOTHING",
	    err);
	p->existing = p->insert
	                 ? db_prepare(p->db,
	                              "SELECT id, passage, occurrence, status FROM figure_records "
	                              "WHERE communication_id = ?1 AND coalesce(reply_id, 0) = ?2",
	                              err)
	                 : NULL;
	p->withdraw =
	    p->existing
	        ? db_prepare(p->db, "DELETE FROM figure_records WHERE id = ?1 AND status = 'proposed'",
	                     err)
	        : NULL;
	p->mark =
	    p->withdraw
	        ? db_prepare(
	              p->db,
	              "INSERT INTO figure_documents(communication_id, reply_id, version, read_at) "
	              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (communication_id, coalesce(reply_id, "
	              "0)) "
	              "DO UPDATE SET version = excluded.version, read_at = excluded.read_at",
	              err)
	        : NULL;
	return p->mark ? 0 : -1;
}

static void proposer_finalize(struct proposer *p)
{
	db_finalize(p->insert);
	db_finalize(p->existing);
	db_finalize(p->withdraw);
	db_finalize(p->mark);
}

int figures_propose_pending(struct db *db, struct figure_propose_stats *stats, struct error *err)
{
	struct figure_propose_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	struct proposer p = {
	    .db = db, .v = figure_vocab_shared(), .kb = kb_shared(), .stats = stats};
	clock_now_iso(p.now);
	if (db_begin(db, err) < 0)
		return -1;
	int rc = proposer_prepare(&p, err);
	if (rc == 0)
		rc = propose_letters(&p, err);
	if (rc == 0)
		rc = propose_replies(&p, err);
	proposer_finalize(&p);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* --- as letters are ingested ------------------------------------------------------------ */

void figures_read_letter(const struct letter *l, struct figure_letter_reading *out)
{
	memset(out, 0, sizeof(*out));
	out->n = l->figures_count;
	out->found = xcalloc(out->n + 1, sizeof(*out->found));
	out->readings = xcalloc(out->n + 1, sizeof(*out->readings));
	/* as propose_letters() reads them back from the store */
	for (size_t i = 0; i < out->n; i++)
		out->found[i] = (struct figure_found){l->figures[i].value, l->figures[i].unit,
		                                      l->figures[i].context ? l->figures[i].context : ""};
	figure_read_document(figure_vocab_shared(), kb_shared(), l->body ? l->body : "", l->date,
	                     false, l->language, out->found, out->n, out->readings);
}

void figure_letter_reading_release(struct figure_letter_reading *r)
{
	free(r->found);
	free(r->readings);
	memset(r, 0, sizeof(*r));
}

struct figure_proposer {
	struct proposer p;
};

struct figure_proposer *figures_proposer_open(struct db *db, struct figure_propose_stats *stats,
                                              struct error *err)
{
	struct figure_proposer *fp = xcalloc(1, sizeof(*fp));
	fp->p = (struct proposer){.db = db, .v = figure_vocab_shared(), .kb = kb_shared(), .stats = stats};
	memset(stats, 0, sizeof(*stats));
	clock_now_iso(fp->p.now);
	if (proposer_prepare(&fp->p, err) < 0) {
		figures_proposer_close(fp);
		return NULL;
	}
	return fp;
}

int figures_propose_read(struct figure_proposer *fp, long long comm_id, const char *version,
                         const struct letter *l, const struct figure_letter_reading *r,
                         struct error *err)
{
	if (propose_document(&fp->p, comm_id, 0, l->body ? l->body : "", l->date, l->language,
	                     r->found, r->n, r->readings, err) < 0)
		return -1;
	return mark_read(&fp->p, comm_id, 0, version, err);
}

void figures_proposer_close(struct figure_proposer *fp)
{
	if (!fp)
		return;
	proposer_finalize(&fp->p);
	free(fp);
}

/* --- decisions -------------------------------------------------------------------------- */

static int decide(struct db *db, long long id, const char *status, const char *actor,
                  const char *note, struct error *err)
{
	char now[32];
	clock_now_iso(now);
	struct db_stmt *st =
	    db_prepare(db,
	               "UPDATE figure_records SET status = ?2, decided_by = ?3, decided_at = ?4, "
	               "note = coalesce(?5, note) WHERE id = ?1",
	               err);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, actor);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, note);
	int rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int figures_confirm(struct db *db, long long id, const char *actor, struct error *err)
{
	struct figure f;
	if (figures_get(db, id, &f, err) < 0)
		return -1;
	int rc = 0;
	if (!f.category)
		rc = error_set(
		    err,
		    "figure %lld has no category: give one with `figures set %lld --category KEY`",
		    id, id);
	else if (f.as_of == DATE_NONE)
		rc = error_set(
		    err,
		    "figure %lld has no date: give one with `figures set %lld --as-of YYYY-MM-DD`",
		    id, id);
	figure_release(&f);
	return rc < 0 ? -1 : decide(db, id, "confirmed", actor, NULL, err);
}

int figures_reject(struct db *db, long long id, const char *actor, const char *note,
                   struct error *err)
{
	struct figure f;
	if (figures_get(db, id, &f, err) < 0)
		return -1;
	figure_release(&f);
	return decide(db, id, "rejected", actor, note, err);
}

int figures_set(struct db *db, long long id, const struct figure_change *c, const char *actor,
                struct error *err)
{
	const struct figure_vocab *v = figure_vocab_shared();
	struct figure f;
	if (figures_get(db, id, &f, err) < 0)
		return -1;
	double value = f.value;
	int rc = 0;
	if (c->category && strcmp(c->category, "none") && !figure_category(v, c->category))
		rc = error_set(err, "--category %s: not a category (figures categories lists them)",
		               c->category);
	else if (c->source && !figure_source(v, c->source))
		rc = error_set(err, "--source %s: not a source (figures categories lists them)",
		               c->source);
	else if (c->as_of && date_parse_iso(c->as_of) == DATE_NONE)
		rc = error_set(err, "--as-of %s: give a date as YYYY-MM-DD", c->as_of);
	else if (c->value) {
		char *end;
		value = strtod(c->value, &end);
		if (end == c->value || *end || !isfinite(value) || value < 0)
			rc = error_set(err, "--value %s: give a number, 0 or more", c->value);
	}
	char *category = c->category ? (strcmp(c->category, "none") ? xstrdup(c->category) : NULL)
	                             : (f.category ? xstrdup(f.category) : NULL);
	int as_of = c->as_of ? date_parse_iso(c->as_of) : f.as_of;
	if (rc == 0 && !category)
		rc = error_set(
		    err, "figure %lld: a confirmed figure needs a category (--category KEY)", id);
	if (rc == 0 && as_of == DATE_NONE)
		rc = error_set(
		    err, "figure %lld: a confirmed figure needs a date (--as-of YYYY-MM-DD)", id);
	figure_release(&f);
	if (rc < 0) {
		free(category);
		return -1;
	}
	char now[32];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(
	    db,
	    "UPDATE figure_records SET category = ?2, value = ?3, unit = coalesce(?4, unit), "
	    "as_of = coalesce(?5, as_of), as_of_basis = CASE WHEN ?5 IS NULL THEN as_of_basis ELSE "
	    "'officer' END, "
	    "source = coalesce(?6, source), source_words = CASE WHEN ?6 IS NULL THEN source_words "
	    "ELSE NULL END, "
	    "note = coalesce(?7, note), status = 'confirmed', decided_by = ?8, decided_at = ?9 "
	    "WHERE id = ?1",
	    err);
	if (!st) {
		free(category);
		return -1;
	}
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, category);
	db_bind_double(st, 3, value);
	db_bind_text(st, 4, c->unit);
	db_bind_text(st, 5, c->as_of);
	db_bind_text(st, 6, c->source);
	db_bind_text(st, 7, c->note);
	db_bind_text(st, 8, actor);
	db_bind_text(st, 9, now);
	rc = db_step(st, err);
	db_finalize(st);
	free(category);
	return rc < 0 ? -1 : 0;
}

/* --- JSON ------------------------------------------------------------------------------- */

json_t *figure_to_json(const struct figure *f, const struct figure_vocab *v, bool public_view)
{
	const struct figure_category *cat = figure_category(v, f->category);
	const struct figure_source *src = figure_source(v, f->source);
	char as_of[11] = "";
	if (f->as_of != DATE_NONE)
		date_format_iso(f->as_of, as_of);
	json_t *doc = json_pack("{s:s, s:s, s:s}", "reference", f->reference, "kind",
	                        f->reply_id ? "reply" : "letter", "label", f->document);
	if (f->reply_id)
		json_object_set_new(doc, "reply", json_integer(f->reply_id));
	json_t *j =
	    json_pack("{s:I, s:s?, s:s?, s:f, s:s?, s:s?, s:s, s:s, s:s?, s:s?, s:o, s:s, s:s}",
	              "id", (json_int_t)f->id, "category", f->category, "category_label",
	              cat ? cat->label : NULL, "value", f->value, "unit", f->unit, "as_of",
	              as_of[0] ? as_of : NULL, "as_of_basis", f->as_of_basis, "source", f->source,
	              "source_label", src ? src->label : NULL, "source_words", f->source_words,
	              "document", doc, "passage", f->passage, "status", f->status);
	/* whole numbers print as integers: 35, not 35.0 */
	if (f->value == floor(f->value) && fabs(f->value) < 9e15)
		json_object_set_new(j, "value", json_integer((json_int_t)f->value));
	if (!public_view) {
		json_t *prop = f->proposed ? json_loads(f->proposed, 0, NULL) : NULL;
		json_object_set_new(j, "proposed", prop ? prop : json_null());
		json_object_set_new(j, "evidence",
		                    f->evidence ? json_string(f->evidence) : json_null());
		json_object_set_new(j, "decided_by",
		                    f->decided_by ? json_string(f->decided_by) : json_null());
		json_object_set_new(j, "decided_at",
		                    f->decided_at ? json_string(f->decided_at) : json_null());
		json_object_set_new(j, "note", f->note ? json_string(f->note) : json_null());
	}
	return j;
}
